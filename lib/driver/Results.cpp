//===- Results.cpp - Findings, TU outcomes, baselines ---------------------===//
#include "pinpair/driver/Results.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <tuple>

using namespace llvm;

namespace pinpair::driver {

static Error fileError(StringRef Path, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Path + ": " + Msg);
}

std::string computeFingerprint(StringRef File, StringRef Checker,
                               StringRef Function, StringRef IssueHash) {
  MD5 H;
  H.update("pinpair-fingerprint-v1");
  for (StringRef Part : {File, Checker, Function, IssueHash}) {
    H.update(ArrayRef<uint8_t>{0});
    H.update(Part);
  }
  MD5::MD5Result R;
  H.final(R);
  return std::string(R.digest());
}

StringRef statusName(TUStatus S) {
  switch (S) {
  case TUStatus::Analyzed:
    return "analyzed";
  case TUStatus::Failed:
    return "failed";
  case TUStatus::Crashed:
    return "crashed";
  case TUStatus::TimedOut:
    return "timeout";
  case TUStatus::OutOfMemory:
    return "out-of-memory";
  case TUStatus::Skipped:
    return "skipped";
  }
  return "failed";
}

std::optional<TUStatus> parseStatus(StringRef S) {
  for (TUStatus T : {TUStatus::Analyzed, TUStatus::Failed, TUStatus::Crashed,
                     TUStatus::TimedOut, TUStatus::OutOfMemory,
                     TUStatus::Skipped})
    if (statusName(T) == S)
      return T;
  return std::nullopt;
}

json::Value toJSON(const Note &N) {
  return json::Object{{"file", N.File},
                      {"line", N.Line},
                      {"col", N.Col},
                      {"message", N.Message}};
}

json::Value toJSON(const Finding &F) {
  json::Object O{{"file", F.File},
                 {"line", F.Line},
                 {"col", F.Col},
                 {"checker", F.Checker},
                 {"message", F.Message},
                 {"bug_type", F.BugType},
                 {"function", F.Function},
                 {"fingerprint", F.Fingerprint},
                 {"issue_hash", F.IssueHash}};
  if (!F.Html.empty())
    O["html"] = F.Html;
  json::Array Notes;
  for (const Note &N : F.Notes)
    Notes.push_back(toJSON(N));
  O["notes"] = std::move(Notes);
  return O;
}

bool fromJSON(const json::Value &V, Note &N, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("file", N.File) && M.map("line", N.Line) &&
         M.map("col", N.Col) && M.map("message", N.Message);
}

bool fromJSON(const json::Value &V, Finding &F, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("file", F.File) && M.map("line", F.Line) &&
         M.map("col", F.Col) && M.map("checker", F.Checker) &&
         M.map("message", F.Message) && M.mapOptional("bug_type", F.BugType) &&
         M.mapOptional("function", F.Function) &&
         M.map("fingerprint", F.Fingerprint) &&
         M.mapOptional("issue_hash", F.IssueHash) &&
         M.mapOptional("html", F.Html) && M.mapOptional("notes", F.Notes);
}

json::Value toJSON(const RunResults &R) {
  json::Array TUs;
  for (const TUResult &T : R.TUs) {
    json::Object O{{"file", T.File},
                   {"status", statusName(T.Status)},
                   {"findings", T.NumFindings},
                   {"seconds", std::round(T.Seconds * 1000) / 1000}};
    if (!T.Detail.empty())
      O["detail"] = T.Detail;
    if (!T.Text.empty())
      O["text"] = T.Text;
    TUs.push_back(std::move(O));
  }
  json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(toJSON(F));
  json::Object O{{"version", 1},
                 {"tool", "pinpair"},
                 {"root", R.Root},
                 {"checkers", R.Checkers},
                 {"filtered", R.Filtered},
                 {"other_shards", R.OtherShards},
                 {"not_source", R.NotSource},
                 {"tus", std::move(TUs)},
                 {"findings", std::move(Findings)}};
  if (R.Sarif)
    O["sarif"] = *R.Sarif;
  return O;
}

Expected<RunResults> parseRunResults(StringRef Text, StringRef Path) {
  Expected<json::Value> V = json::parse(Text);
  if (!V)
    return fileError(Path, "malformed results file: " + toString(V.takeError()));
  const json::Object *O = V->getAsObject();
  if (!O || O->getString("tool") != StringRef("pinpair") ||
      O->getInteger("version") != 1)
    return fileError(Path, "not a pinpair results file (pinpair check "
                           "--results FILE writes them)");
  RunResults R;
  json::Path::Root PR("results");
  json::ObjectMapper M(*V, PR);
  if (!M.mapOptional("root", R.Root) || !M.mapOptional("checkers", R.Checkers) ||
      !M.mapOptional("filtered", R.Filtered) ||
      !M.mapOptional("other_shards", R.OtherShards) ||
      !M.mapOptional("not_source", R.NotSource) ||
      !M.map("findings", R.Findings))
    return fileError(Path, "malformed results file: " + toString(PR.getError()));
  if (const json::Array *TUs = O->getArray("tus")) {
    for (const json::Value &TV : *TUs) {
      const json::Object *T = TV.getAsObject();
      if (!T)
        return fileError(Path, "malformed results file: bad TU entry");
      TUResult TR;
      TR.File = T->getString("file").value_or("").str();
      std::optional<TUStatus> St =
          parseStatus(T->getString("status").value_or(""));
      if (!St)
        return fileError(Path, "malformed results file: bad TU status");
      TR.Status = *St;
      TR.Detail = T->getString("detail").value_or("").str();
      TR.Text = T->getString("text").value_or("").str();
      TR.Seconds = T->getNumber("seconds").value_or(0);
      TR.NumFindings = T->getInteger("findings").value_or(0);
      R.TUs.push_back(std::move(TR));
    }
  }
  if (const json::Value *S = O->get("sarif"))
    R.Sarif = *S;
  return R;
}

/// The file's contents; unreadable: "<path>: <Cannot>: <reason>".
static Expected<std::unique_ptr<MemoryBuffer>> readFile(StringRef Path,
                                                        StringRef Cannot) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return fileError(Path, Cannot + ": " + Buf.getError().message());
  return std::move(*Buf);
}

Expected<json::Value> readJSONFile(StringRef Path) {
  Expected<std::unique_ptr<MemoryBuffer>> Buf = readFile(Path, "cannot read");
  if (!Buf)
    return Buf.takeError();
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V)
    return fileError(Path, "malformed JSON: " + toString(V.takeError()));
  return V;
}

Expected<RunResults> readRunResults(StringRef Path) {
  Expected<std::unique_ptr<MemoryBuffer>> Buf = readFile(Path, "cannot read");
  if (!Buf)
    return Buf.takeError();
  return parseRunResults((*Buf)->getBuffer(), Path);
}

bool addFinding(std::vector<Finding> &Findings, StringSet<> &Seen, Finding F) {
  if (!F.Fingerprint.empty() && !Seen.insert(F.Fingerprint).second)
    return false;
  Findings.push_back(std::move(F));
  return true;
}

void sortFindings(std::vector<Finding> &Findings) {
  llvm::stable_sort(Findings, [](const Finding &A, const Finding &B) {
    return std::tie(A.File, A.Line, A.Col, A.Checker, A.Message,
                    A.Fingerprint) < std::tie(B.File, B.Line, B.Col, B.Checker,
                                              B.Message, B.Fingerprint);
  });
}

json::Value baselineJSON(ArrayRef<Finding> Findings) {
  std::vector<const Finding *> Sorted;
  for (const Finding &F : Findings)
    Sorted.push_back(&F);
  llvm::stable_sort(Sorted, [](const Finding *A, const Finding *B) {
    return std::tie(A->File, A->Function, A->Checker, A->Fingerprint) <
           std::tie(B->File, B->Function, B->Checker, B->Fingerprint);
  });
  json::Array A;
  for (const Finding *F : Sorted)
    A.push_back(json::Object{{"fingerprint", F->Fingerprint},
                             {"checker", F->Checker},
                             {"file", F->File},
                             {"function", F->Function},
                             {"message", F->Message}});
  return json::Object{
      {"version", 1}, {"tool", "pinpair"}, {"findings", std::move(A)}};
}

Expected<Baseline> parseBaseline(StringRef Text, StringRef Path) {
  Expected<json::Value> V = json::parse(Text);
  if (!V)
    return fileError(Path, "malformed baseline: " + toString(V.takeError()));
  const json::Object *O = V->getAsObject();
  if (!O)
    return fileError(Path, "malformed baseline: expected an object");
  std::optional<int64_t> Version = O->getInteger("version");
  if (!Version || *Version != 1)
    return fileError(Path, "unsupported baseline version (expected 1)");
  const json::Array *Fs = O->getArray("findings");
  if (!Fs)
    return fileError(Path, "malformed baseline: no \"findings\" array");
  Baseline B;
  for (const json::Value &E : *Fs) {
    const json::Object *EO = E.getAsObject();
    std::optional<StringRef> FP = EO ? EO->getString("fingerprint") : std::nullopt;
    if (!FP || FP->empty())
      return fileError(Path, "malformed baseline: a finding without "
                             "\"fingerprint\"");
    B.Fingerprints.insert(*FP);
  }
  return B;
}

Expected<Baseline> readBaseline(StringRef Path) {
  Expected<std::unique_ptr<MemoryBuffer>> Buf =
      readFile(Path, "cannot read baseline");
  if (!Buf)
    return Buf.takeError();
  return parseBaseline((*Buf)->getBuffer(), Path);
}

Error writeJSONFile(StringRef Path, const json::Value &V) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC)
    return fileError(Path, "cannot write: " + EC.message());
  OS << formatv("{0:2}", V) << '\n';
  OS.close();
  if (OS.has_error())
    return fileError(Path, "cannot write: " + OS.error().message());
  return Error::success();
}

} // namespace pinpair::driver
