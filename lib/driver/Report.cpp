//===- Report.cpp - Outputs, summary, exit codes --------------------------===//
#include "Run.h"

#include "GupChecker.h"
#include "pinpair/driver/Sarif.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/Version.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/CheckerRegistryData.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;

namespace pinpair::driver {

std::string versionString() {
  return std::string("pinpair ") + PINPAIR_VERSION + " (" +
         clang::getClangFullVersion() + ")";
}

//===----------------------------------------------------------------------===//
// Checker catalog
//===----------------------------------------------------------------------===//

const CheckerCatalog &checkerCatalog() {
  static const CheckerCatalog Catalog = [] {
    CheckerCatalog C;
    clang::ento::CheckerRegistryData Data;
    clang::IgnoringDiagConsumer Ignore;
    clang::DiagnosticsEngine Diags(
        IntrusiveRefCntPtr<clang::DiagnosticIDs>(new clang::DiagnosticIDs),
        new clang::DiagnosticOptions, &Ignore, /*ShouldOwnClient=*/false);
    clang::AnalyzerOptions AnOpts;
    std::function<void(clang::ento::CheckerRegistry &)> Fns[] = {
        pinpair::registerGupCheckers};
    clang::ento::CheckerRegistry Registry(Data, {}, Diags, AnOpts, Fns);
    for (const clang::ento::CheckerInfo &I : Data.Checkers) {
      CheckerCatalog::Entry E{I.FullName.str(), I.Desc.str(), I.IsHidden, {}};
      for (const clang::ento::CmdLineOption &O : I.CmdLineOptions)
        E.Options.push_back(O.OptionName.str());
      C.Checkers.push_back(std::move(E));
    }
    for (const clang::ento::PackageInfo &P : Data.Packages) {
      CheckerCatalog::Entry E{P.FullName.str(), "", false, {}};
      for (const clang::ento::CmdLineOption &O : P.CmdLineOptions)
        E.Options.push_back(O.OptionName.str());
      C.Packages.push_back(std::move(E));
    }
    return C;
  }();
  return Catalog;
}

Error CheckerCatalog::validate(ArrayRef<std::string> Selection,
                               ArrayRef<std::string> Configs) const {
  auto Find = [&](StringRef Name) -> const Entry * {
    for (const std::vector<Entry> *L : {&Checkers, &Packages})
      for (const Entry &E : *L)
        if (E.Name == Name)
          return &E;
    return nullptr;
  };
  // As clang matches -analyzer-checker: a checker, or a prefix of checker
  // names at a dot (a package).
  auto Selects = [&](StringRef S) {
    for (const Entry &E : Checkers)
      if (E.Name == S || (StringRef(E.Name).starts_with(S) &&
                          E.Name.size() > S.size() && E.Name[S.size()] == '.'))
        return true;
    return false;
  };
  for (const std::string &S : Selection)
    if (!Selects(S))
      return createStringError(inconvertibleErrorCode(),
                               "unknown checker or package '" + S +
                                   "' in --checkers (see pinpair check "
                                   "--list-checkers)");
  clang::AnalyzerOptions AnOpts;
  for (const std::string &KV : Configs) {
    StringRef Key = StringRef(KV).split('=').first;
    auto [Owner, Option] = Key.split(':');
    bool Known;
    if (!Option.empty()) {
      const Entry *E = Find(Owner);
      Known = E && llvm::is_contained(E->Options, Option);
    } else {
      Known = !AnOpts.isUnknownAnalyzerConfig(Key);
    }
    if (!Known)
      return createStringError(
          inconvertibleErrorCode(),
          "unknown analyzer config '" + Key +
              "' in --analyzer-config (clang -cc1 -analyzer-config-help, "
              "-analyzer-checker-option-help list them)");
  }
  return Error::success();
}

StringMap<std::string> CheckerCatalog::descriptions() const {
  StringMap<std::string> M;
  for (const Entry &E : Checkers)
    M[E.Name] = E.Desc;
  return M;
}

int listCheckers() {
  for (const CheckerCatalog::Entry &E : checkerCatalog().Checkers)
    if (!E.Hidden)
      outs() << formatv("  {0,-45} {1}\n", E.Name, E.Desc);
  return ExitClean;
}

//===----------------------------------------------------------------------===//
// Progress
//===----------------------------------------------------------------------===//

ProgressLine::ProgressLine(bool Enabled, size_t Total)
    : Enabled(Enabled), Total(Total), Start(std::chrono::steady_clock::now()) {}

void ProgressLine::update(size_t Done, size_t Findings) {
  if (!Enabled)
    return;
  LastDone = Done;
  LastFindings = Findings;
  double Elapsed = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  std::string Eta = "--:--";
  if (Done > 0 && Done <= Total) {
    unsigned Left = static_cast<unsigned>(Elapsed / Done * (Total - Done));
    Eta = formatv("{0:2}:{1:2}", Left / 60, Left % 60).str();
    for (char &C : Eta)
      if (C == ' ')
        C = '0';
  }
  errs() << formatv("\r\033[K[{0}/{1}] findings: {2}  ETA {3}", Done, Total,
                    Findings, Eta);
  errs().flush();
  Shown = true;
}

void ProgressLine::clear() {
  if (!Enabled || !Shown)
    return;
  errs() << "\r\033[K";
  errs().flush();
  Shown = false;
}

//===----------------------------------------------------------------------===//
// Outputs
//===----------------------------------------------------------------------===//

std::string stripDiagnosticStats(StringRef Text) {
  std::string Out;
  SmallVector<StringRef, 64> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    StringRef L = Lines[I];
    if (L.ends_with(" generated.") &&
        (L.contains(" warning") || L.contains(" error")) &&
        !L.empty() && isDigit(L.front()))
      continue;
    if (I + 1 == Lines.size() && L.empty())
      break;
    Out += L;
    Out += '\n';
  }
  return Out;
}

static std::string htmlEscape(StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '&':
      Out += "&amp;";
      break;
    case '"':
      Out += "&quot;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

Error writeHtmlIndex(StringRef Dir, const RunResults &R) {
  SmallString<256> Path(Dir);
  sys::path::append(Path, "index.html");
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC)
    return createStringError(EC, "cannot write " + Path + ": " + EC.message());
  OS << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>pinpair findings</title>\n<style>"
        "body{font-family:sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
        "</style></head><body>\n<h1>pinpair findings</h1>\n";
  OS << "<p>" << R.Findings.size() << " finding"
     << (R.Findings.size() == 1 ? "" : "s") << "; " << versionString()
     << "</p>\n<table>\n<tr><th>File</th><th>Line</th><th>Checker</th>"
        "<th>Function</th><th>Message</th><th>Report</th></tr>\n";
  for (const Finding &F : R.Findings) {
    OS << "<tr><td>" << htmlEscape(F.File) << "</td><td>" << F.Line
       << "</td><td>" << htmlEscape(F.Checker) << "</td><td>"
       << htmlEscape(F.Function) << "</td><td>" << htmlEscape(F.Message)
       << "</td><td>";
    if (!F.Html.empty())
      OS << "<a href=\"" << htmlEscape(F.Html) << "\">view</a>";
    OS << "</td></tr>\n";
  }
  OS << "</table>\n";
  bool AnyFailed = false;
  for (const TUResult &T : R.TUs)
    if (isFailure(T.Status)) {
      if (!AnyFailed)
        OS << "<h2>TUs not analysed</h2>\n<ul>\n";
      AnyFailed = true;
      OS << "<li>" << htmlEscape(T.File) << ": " << htmlEscape(T.Detail)
         << "</li>\n";
    }
  if (AnyFailed)
    OS << "</ul>\n";
  OS << "</body></html>\n";
  return Error::success();
}

static void printFailure(const TUResult &T) {
  errs() << "pinpair: error: " << T.File << ": " << T.Detail << '\n';
}

int finishRun(RunResults &R, const ReportOptions &Rep, const Baseline *Base,
              const FinishOptions &FO) {
  sortFindings(R.Findings);
  std::vector<const Finding *> New;
  for (const Finding &F : R.Findings)
    if (!Base || !Base->contains(F.Fingerprint))
      New.push_back(&F);

  if (FO.PrintTexts && Rep.Format == OutputFormat::Text)
    for (const TUResult &T : R.TUs)
      if (T.Status == TUStatus::Analyzed)
        outs() << T.Text;
  if (Rep.Format == OutputFormat::Json) {
    json::Array A;
    for (const Finding &F : R.Findings) {
      json::Value V = toJSON(F);
      if (Base)
        (*V.getAsObject())["new"] = !Base->contains(F.Fingerprint);
      A.push_back(std::move(V));
    }
    outs() << formatv("{0:2}", json::Value(std::move(A))) << '\n';
  }
  outs().flush();
  if (FO.PrintFailures)
    for (const TUResult &T : R.TUs)
      if (isFailure(T.Status))
        printFailure(T);

  int Exit = ExitClean;
  auto Write = [&](StringRef Path, const json::Value &V) {
    if (Path.empty())
      return;
    if (Error E = writeJSONFile(Path, V)) {
      errs() << "pinpair: error: " << toString(std::move(E)) << '\n';
      Exit = ExitError;
    }
  };
  if (!Rep.SarifFile.empty()) {
    if (!R.Sarif) {
      SarifMerger Empty;
      R.Sarif = Empty.take(PINPAIR_VERSION);
    }
    Write(Rep.SarifFile, *R.Sarif);
  }
  Write(Rep.ResultsFile, toJSON(R));
  Write(Rep.WriteBaselineFile, baselineJSON(R.Findings));

  // Summary.
  unsigned Analyzed = 0, Failed = 0, Prefiltered = 0;
  for (const TUResult &T : R.TUs) {
    if (T.Status == TUStatus::Analyzed)
      ++Analyzed;
    else if (T.Status == TUStatus::Skipped)
      ++Prefiltered;
    else
      ++Failed;
  }
  std::string Skips;
  auto Skip = [&](int N, StringRef What) {
    if (N)
      Skips += (Skips.empty() ? "" : ", ") + std::to_string(N) + " " + What.str();
  };
  Skip(R.Filtered, "filtered out");
  Skip(R.OtherShards, "in other shards");
  Skip(Prefiltered, "prefiltered");
  Skip(R.NotSource, "not C/C++");
  int Skipped = R.Filtered + R.OtherShards + Prefiltered + R.NotSource;
  errs() << formatv("pinpair: {0} TU{1} analysed, {2} failed, {3} skipped",
                    Analyzed, Analyzed == 1 ? "" : "s", Failed, Skipped);
  if (!Skips.empty())
    errs() << " (" << Skips << ")";
  errs() << '\n';
  std::map<std::string, unsigned> PerChecker;
  for (const Finding &F : R.Findings)
    ++PerChecker[F.Checker];
  if (R.Findings.empty()) {
    errs() << "pinpair: no findings\n";
  } else {
    errs() << formatv("pinpair: {0} finding{1}:", R.Findings.size(),
                      R.Findings.size() == 1 ? "" : "s");
    bool First = true;
    for (const auto &[Checker, N] : PerChecker) {
      errs() << (First ? " " : ", ") << N << " " << Checker;
      First = false;
    }
    errs() << '\n';
  }
  if (Base) {
    errs() << formatv("pinpair: {0} new finding{1} not in the baseline",
                      New.size(), New.size() == 1 ? "" : "s");
    errs() << (New.empty() ? "\n" : ":\n");
    for (const Finding *F : New)
      errs() << formatv("  {0}:{1}:{2}: [{3}] {4}\n", F->File, F->Line, F->Col,
                        F->Checker, F->Message);
  }
  if (Failed && !Rep.FailOnError)
    errs() << "pinpair: note: failed TUs do not change the exit status "
              "without --fail-on-error\n";

  if (Exit == ExitError)
    return ExitError;
  if (Failed && Rep.FailOnError)
    return ExitError;
  return New.empty() ? ExitClean : ExitFindings;
}

} // namespace pinpair::driver
