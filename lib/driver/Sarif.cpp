//===- Sarif.cpp - Merging clang's SARIF logs -----------------------------===//
#include "pinpair/driver/Sarif.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstring>

using namespace llvm;

namespace pinpair::driver {

static Error sarifError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), "SARIF: " + Msg);
}

std::string sarifFingerprint(const json::Object &Result) {
  if (const json::Object *PF = Result.getObject("partialFingerprints"))
    if (std::optional<StringRef> FP = PF->getString(SarifFingerprintKey))
      return FP->str();
  return "";
}

static std::optional<int64_t> resultLine(const json::Object &R) {
  const json::Array *Locs = R.getArray("locations");
  if (!Locs || Locs->empty())
    return std::nullopt;
  const json::Object *L = (*Locs)[0].getAsObject();
  const json::Object *PL = L ? L->getObject("physicalLocation") : nullptr;
  const json::Object *Reg = PL ? PL->getObject("region") : nullptr;
  return Reg ? Reg->getInteger("startLine") : std::nullopt;
}

static StringRef resultMessage(const json::Object &R) {
  if (const json::Object *M = R.getObject("message"))
    return M->getString("text").value_or("");
  return "";
}

void addSarifFingerprints(json::Value &Log, ArrayRef<Finding> Findings) {
  json::Object *L = Log.getAsObject();
  json::Array *Runs = L ? L->getArray("runs") : nullptr;
  if (!Runs)
    return;
  std::vector<bool> Used(Findings.size());
  for (json::Value &Run : *Runs) {
    json::Object *RO = Run.getAsObject();
    json::Array *Results = RO ? RO->getArray("results") : nullptr;
    if (!Results)
      continue;
    for (json::Value &RV : *Results) {
      json::Object *R = RV.getAsObject();
      if (!R)
        continue;
      StringRef Rule = R->getString("ruleId").value_or("");
      StringRef Msg = resultMessage(*R);
      std::optional<int64_t> Line = resultLine(*R);
      // Same rule, message and line first; then same rule and message.
      std::optional<size_t> Match;
      for (int Pass = 0; Pass < 2 && !Match; ++Pass)
        for (size_t I = 0; I < Findings.size(); ++I)
          if (!Used[I] && Findings[I].Checker == Rule &&
              Findings[I].Message == Msg &&
              (Pass == 1 || (Line && *Line == Findings[I].Line))) {
            Match = I;
            break;
          }
      if (!Match)
        continue;
      Used[*Match] = true;
      json::Object *PF = R->getObject("partialFingerprints");
      if (!PF) {
        (*R)["partialFingerprints"] = json::Object{};
        PF = R->getObject("partialFingerprints");
      }
      (*PF)[SarifFingerprintKey] = Findings[*Match].Fingerprint;
    }
  }
}

static std::string percentDecode(StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned V;
    if (S[I] == '%' && I + 2 < S.size() &&
        !S.substr(I + 1, 2).getAsInteger(16, V)) {
      Out += static_cast<char>(V);
      I += 2;
    } else {
      Out += S[I];
    }
  }
  return Out;
}

static std::string percentEncode(StringRef S) {
  std::string Out;
  for (unsigned char C : S) {
    if (isAlnum(C) || StringRef("-._~/").contains(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += hexdigit(C >> 4, /*LowerCase=*/false);
      Out += hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

static constexpr StringLiteral SrcRoot = "%SRCROOT%";

static void relativizeLocations(json::Value &V, StringRef RootPath) {
  if (json::Array *A = V.getAsArray()) {
    for (json::Value &E : *A)
      relativizeLocations(E, RootPath);
    return;
  }
  json::Object *O = V.getAsObject();
  if (!O)
    return;
  for (StringRef Key : {"artifactLocation", "location"}) {
    json::Object *AL = O->getObject(Key);
    if (!AL || AL->get("uriBaseId"))
      continue;
    std::optional<StringRef> Uri = AL->getString("uri");
    if (!Uri || !Uri->starts_with("file://"))
      continue;
    std::string Path = percentDecode(Uri->drop_front(strlen("file://")));
    StringRef P = Path;
    if (P.size() > RootPath.size() && P.starts_with(RootPath) &&
        P[RootPath.size()] == '/') {
      (*AL)["uri"] = percentEncode(P.drop_front(RootPath.size() + 1));
      (*AL)["uriBaseId"] = SrcRoot;
    }
  }
  for (auto &KV : *O)
    relativizeLocations(KV.second, RootPath);
}

void relativizeSarif(json::Value &Log, StringRef Root) {
  std::string RootPath = Root.rtrim('/').str();
  if (RootPath.empty() || RootPath.front() != '/')
    return;
  json::Object *L = Log.getAsObject();
  json::Array *Runs = L ? L->getArray("runs") : nullptr;
  if (!Runs)
    return;
  for (json::Value &Run : *Runs) {
    json::Object *RO = Run.getAsObject();
    if (!RO)
      continue;
    if (json::Value *A = RO->get("artifacts"))
      relativizeLocations(*A, RootPath);
    if (json::Value *R = RO->get("results"))
      relativizeLocations(*R, RootPath);
    (*RO)["originalUriBaseIds"] = json::Object{
        {SrcRoot, json::Object{{"uri", "file://" + percentEncode(RootPath) + "/"}}}};
  }
}

unsigned SarifMerger::ruleIndex(const json::Object &Rule) {
  std::string Id = Rule.getString("id").value_or("").str();
  auto [It, New] = RuleIndex.try_emplace(Id, Rules.size());
  if (New)
    Rules.push_back(json::Object(Rule));
  return It->second;
}

std::optional<unsigned>
SarifMerger::artifactIndex(const json::Object &Artifact) {
  const json::Object *Loc = Artifact.getObject("location");
  std::optional<StringRef> Uri = Loc ? Loc->getString("uri") : std::nullopt;
  if (!Uri)
    return std::nullopt;
  auto [It, New] = ArtifactIndex.try_emplace(*Uri, Artifacts.size());
  if (New) {
    json::Object A(Artifact);
    if (json::Object *AL = A.getObject("location"))
      (*AL)["index"] = static_cast<int64_t>(It->second);
    Artifacts.push_back(std::move(A));
  }
  return It->second;
}

void SarifMerger::remapArtifacts(json::Value &V,
                                 ArrayRef<std::optional<unsigned>> Map,
                                 const json::Array *OldArtifacts) {
  if (json::Array *A = V.getAsArray()) {
    for (json::Value &E : *A)
      remapArtifacts(E, Map, OldArtifacts);
    return;
  }
  json::Object *O = V.getAsObject();
  if (!O)
    return;
  if (json::Object *AL = O->getObject("artifactLocation")) {
    if (std::optional<int64_t> Idx = AL->getInteger("index")) {
      if (*Idx >= 0 && size_t(*Idx) < Map.size() && Map[*Idx])
        (*AL)["index"] = static_cast<int64_t>(*Map[*Idx]);
      else
        AL->erase("index");
    }
  }
  for (auto &KV : *O)
    remapArtifacts(KV.second, Map, OldArtifacts);
}

Error SarifMerger::add(const json::Value &Log) {
  const json::Object *L = Log.getAsObject();
  if (!L)
    return sarifError("expected a log object");
  const json::Array *Runs = L->getArray("runs");
  if (!Runs)
    return sarifError("no \"runs\"");
  for (const json::Value &RunV : *Runs) {
    const json::Object *Run = RunV.getAsObject();
    if (!Run)
      return sarifError("a run is not an object");
    const json::Object *Tool = Run->getObject("tool");
    const json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    if (!Driver)
      return sarifError("a run without tool.driver");
    if (!ClangDriver) {
      ClangDriver = json::Object(*Driver);
      ClangDriver->erase("rules");
    }
    if (ColumnKind.empty())
      ColumnKind = Run->getString("columnKind").value_or("").str();
    if (!BaseIds)
      if (const json::Object *B = Run->getObject("originalUriBaseIds"))
        BaseIds = *B;

    std::vector<unsigned> RuleMap;
    if (const json::Array *RS = Driver->getArray("rules"))
      for (const json::Value &R : *RS) {
        const json::Object *RO = R.getAsObject();
        if (!RO)
          return sarifError("a rule is not an object");
        RuleMap.push_back(ruleIndex(*RO));
      }
    const json::Array *OldArtifacts = Run->getArray("artifacts");
    std::vector<std::optional<unsigned>> ArtMap;
    if (OldArtifacts)
      for (const json::Value &A : *OldArtifacts) {
        const json::Object *AO = A.getAsObject();
        ArtMap.push_back(AO ? artifactIndex(*AO) : std::nullopt);
      }

    if (const json::Array *RS = Run->getArray("results"))
      for (const json::Value &RV : *RS) {
        const json::Object *RO = RV.getAsObject();
        if (!RO)
          return sarifError("a result is not an object");
        std::string FP = sarifFingerprint(*RO);
        if (!FP.empty() && !Seen.insert(FP).second)
          continue;
        json::Value NewV = json::Object(*RO);
        json::Object &New = *NewV.getAsObject();
        if (std::optional<int64_t> RI = RO->getInteger("ruleIndex")) {
          if (*RI >= 0 && size_t(*RI) < RuleMap.size())
            New["ruleIndex"] = static_cast<int64_t>(RuleMap[*RI]);
          else
            New.erase("ruleIndex");
        }
        if (std::optional<StringRef> Id = RO->getString("ruleId")) {
          auto It = RuleIndex.find(*Id);
          if (It != RuleIndex.end())
            New["ruleIndex"] = static_cast<int64_t>(It->second);
        }
        remapArtifacts(NewV, ArtMap, OldArtifacts);
        Results.push_back(std::move(NewV));
      }
  }
  return Error::success();
}

json::Value SarifMerger::take(StringRef ToolVersion,
                              const StringMap<std::string> &RuleDescriptions) {
  json::Object Driver{
      {"name", "pinpair"},
      {"fullName", "pinpair: clang static analyzer with the linux.gup checkers"},
      {"version", ToolVersion},
      {"informationUri", "https://clang.llvm.org/docs/ClangStaticAnalyzer.html"},
  };
  if (ClangDriver) {
    json::Object Props;
    // A merged log (pinpair merge) keeps the clang version in properties.
    if (const json::Object *P = ClangDriver->getObject("properties")) {
      if (std::optional<StringRef> V = P->getString("clangVersion"))
        Props["clangVersion"] = *V;
    } else if (std::optional<StringRef> V = ClangDriver->getString("version")) {
      Props["clangVersion"] = *V;
    }
    if (std::optional<StringRef> V = ClangDriver->getString("language"))
      Driver["language"] = *V;
    if (!Props.empty())
      Driver["properties"] = std::move(Props);
  }
  json::Array RuleArr;
  for (json::Value &R : Rules) {
    json::Object &RO = *R.getAsObject();
    StringRef Id = RO.getString("id").value_or("");
    auto It = RuleDescriptions.find(Id);
    if (It != RuleDescriptions.end())
      RO["fullDescription"] = json::Object{{"text", It->second}};
    RuleArr.push_back(std::move(R));
  }
  Driver["rules"] = std::move(RuleArr);
  json::Array ArtArr;
  for (json::Value &A : Artifacts)
    ArtArr.push_back(std::move(A));
  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"artifacts", std::move(ArtArr)},
                   {"results", std::move(Results)}};
  if (!ColumnKind.empty())
    Run["columnKind"] = ColumnKind;
  if (BaseIds)
    Run["originalUriBaseIds"] = std::move(*BaseIds);
  BaseIds.reset();
  Rules.clear();
  RuleIndex.clear();
  Artifacts.clear();
  ArtifactIndex.clear();
  Results = json::Array();
  Seen.clear();
  return json::Object{
      {"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/cos02/"
                  "schemas/sarif-schema-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}}};
}

} // namespace pinpair::driver
