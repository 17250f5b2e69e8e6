//===- Worker.cpp - Analysing one TU --------------------------------------===//
//
// `pinpair __analyze-tu` runs in a child process per TU. It builds the
// analyzer command (AnalyzerCommand.h), lets the clang driver turn it into a
// -cc1 invocation through the tooling API, and runs clang's own analyzer
// consumer (ento::CreateAnalysisConsumer) with the linux.gup checkers
// registered statically. The outputs are clang's own path-diagnostic
// consumers (text, SARIF, HTML), each wrapped so it only sees the selected
// checkers' reports, plus pinpair's collecting consumer that writes the
// per-TU result file.
//
//===----------------------------------------------------------------------===//
#include "Worker.h"

#include "GupChecker.h"
#include "pinpair/driver/AnalyzerCommand.h"
#include "pinpair/driver/CompileDb.h"
#include "pinpair/driver/Hooks.h"
#include "pinpair/driver/Results.h"
#include "pinpair/driver/Sarif.h"
#include "pinpair/driver/Selection.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/IssueHash.h"
#include "clang/Analysis/MacroExpansionContext.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/CrossTU/CrossTranslationUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/PathDiagnosticConsumers.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

using namespace clang;
using namespace clang::ento;
using namespace llvm;

namespace pinpair::driver {
namespace {

/// The analyzer option the lead's checker reads its config file from.
constexpr llvm::StringLiteral ConfigOption = "linux.gup.PageRefModel:Config";

struct WorkerState {
  const WorkerOptions &O;
  std::string Cwd;
  std::vector<Finding> Findings;

  std::string displayPath(StringRef Name) const {
    return relativeTo(absolutePath(Name, Cwd), O.Root);
  }
};

/// TextDiagnosticPrinter that also remembers the first error.
class FirstErrorPrinter : public TextDiagnosticPrinter {
public:
  using TextDiagnosticPrinter::TextDiagnosticPrinter;
  std::string FirstError;

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    TextDiagnosticPrinter::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !FirstError.empty())
      return;
    SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    std::string Where;
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      const SourceManager &SM = Info.getSourceManager();
      PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Info.getLocation()));
      if (P.isValid())
        Where = formatv("{0}:{1}:{2}: ", P.getFilename(), P.getLine(),
                        P.getColumn());
    }
    FirstError = Where +
                 (Level == DiagnosticsEngine::Fatal ? "fatal error: " : "error: ") +
                 Msg.str().str();
  }
};

/// Passes a clang consumer only the reports of the selected checkers: the
/// analysis runs clang's default checkers too (as `clang --analyze` does), so
/// that the path modelling is the same, but reports only what was asked for.
class CheckerFilter : public PathDiagnosticConsumer {
public:
  CheckerFilter(std::unique_ptr<PathDiagnosticConsumer> Inner,
                const std::vector<std::string> &Selection)
      : Inner(std::move(Inner)), Selection(Selection) {}

  void FlushDiagnosticsImpl(std::vector<const PathDiagnostic *> &Diags,
                            FilesMade *Files) override {
    std::vector<const PathDiagnostic *> Kept;
    for (const PathDiagnostic *D : Diags)
      if (checkerSelected(D->getCheckerName(), Selection))
        Kept.push_back(D);
    Inner->FlushDiagnosticsImpl(Kept, Files);
  }
  StringRef getName() const override { return Inner->getName(); }
  PathGenerationScheme getGenerationScheme() const override {
    return Inner->getGenerationScheme();
  }
  bool supportsLogicalOpControlFlow() const override {
    return Inner->supportsLogicalOpControlFlow();
  }
  bool supportsCrossFileDiagnostics() const override {
    return Inner->supportsCrossFileDiagnostics();
  }

private:
  std::unique_ptr<PathDiagnosticConsumer> Inner;
  const std::vector<std::string> &Selection;
};

/// pinpair's own consumer: one Finding per report, with the issue hash the
/// plist output calls issue_hash_content_of_line_in_context. Added last, so
/// the HTML consumer has recorded its file name for each report.
class CollectingConsumer : public PathDiagnosticConsumer {
public:
  CollectingConsumer(WorkerState &S, const LangOptions &LangOpts)
      : S(S), LangOpts(LangOpts) {}

  void FlushDiagnosticsImpl(std::vector<const PathDiagnostic *> &Diags,
                            FilesMade *Files) override {
    for (const PathDiagnostic *D : Diags)
      S.Findings.push_back(makeFinding(*D, Files));
  }
  StringRef getName() const override { return "PinpairFindings"; }
  PathGenerationScheme getGenerationScheme() const override { return Minimal; }
  bool supportsCrossFileDiagnostics() const override { return true; }

private:
  void place(FullSourceLoc L, std::string &File, int &Line, int &Col) const {
    if (L.isInvalid())
      return;
    const SourceManager &SM = L.getManager();
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
    if (P.isInvalid())
      return;
    File = S.displayPath(P.getFilename());
    Line = P.getLine();
    Col = P.getColumn();
  }

  void addNote(Finding &F, const PathDiagnosticPiece &P) const {
    Note N;
    place(P.getLocation().asLocation(), N.File, N.Line, N.Col);
    N.Message = P.getString().str();
    F.Notes.push_back(std::move(N));
  }

  Finding makeFinding(const PathDiagnostic &D, FilesMade *Files) const {
    Finding F;
    F.Checker = D.getCheckerName().str();
    F.Message = D.getShortDescription().str();
    F.BugType = D.getBugType().str();
    FullSourceLoc Loc = D.getLocation().asLocation();
    place(Loc, F.File, F.Line, F.Col);
    const Decl *DeclWithIssue = D.getDeclWithIssue();
    if (const auto *ND = dyn_cast_or_null<NamedDecl>(DeclWithIssue))
      F.Function = ND->getQualifiedNameAsString();
    if (Loc.isValid()) {
      const SourceManager &SM = Loc.getManager();
      PathDiagnosticLocation U = D.getUniqueingLoc();
      FullSourceLoc L(SM.getExpansionLoc(U.isValid() ? U.asLocation() : Loc),
                      SM);
      F.IssueHash = getIssueHash(L, D.getCheckerName(), D.getBugType(),
                                 DeclWithIssue, LangOpts)
                        .str()
                        .str();
    }
    // The order of clang's text output: extra notes, then the path.
    for (const auto &P : D.path)
      if (isa<PathDiagnosticNotePiece>(P.get()))
        addNote(F, *P);
    for (const auto &P : D.path.flatten(/*ShouldFlattenMacros=*/true))
      if (!isa<PathDiagnosticNotePiece>(P.get()))
        addNote(F, *P);
    if (Files)
      if (auto *Made = Files->getFiles(D))
        for (const auto &[Consumer, Name] : *Made)
          if (Consumer == "HTMLDiagnostics")
            F.Html = Name.str();
    return F;
  }

  WorkerState &S;
  const LangOptions &LangOpts;
};

class AnalyzeAction : public ASTFrontendAction {
public:
  explicit AnalyzeAction(WorkerState &S) : S(S) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    std::unique_ptr<AnalysisASTConsumer> Analysis = CreateAnalysisConsumer(CI);
    Analysis->AddCheckerRegistrationFn(pinpair::registerGupCheckers);

    const Preprocessor &PP = CI.getPreprocessor();
    PathDiagnosticConsumerOptions DiagOpts = CI.getAnalyzerOpts().getDiagOpts();
    CTU = std::make_unique<cross_tu::CrossTranslationUnitContext>(CI);
    Macros = std::make_unique<MacroExpansionContext>(CI.getLangOpts());
    // clang's SARIF and HTML creators add a minimal text consumer too; the
    // text goes through our own "text" consumer only.
    auto Attach = [&](PathDiagnosticConsumers &Made, bool KeepText) {
      for (PathDiagnosticConsumer *C : Made) {
        if (!KeepText && C->getName() == "TextDiagnostics") {
          delete C;
          continue;
        }
        Analysis->AddDiagnosticConsumer(new CheckerFilter(
            std::unique_ptr<PathDiagnosticConsumer>(C), S.O.Checkers));
      }
    };
    if (!S.O.TextFile.empty()) {
      PathDiagnosticConsumers Made;
      createTextPathDiagnosticConsumer(DiagOpts, Made, "", PP, *CTU, *Macros);
      Attach(Made, /*KeepText=*/true);
    }
    if (!S.O.SarifFile.empty()) {
      PathDiagnosticConsumers Made;
      createSarifDiagnosticConsumer(DiagOpts, Made, S.O.SarifFile, PP, *CTU,
                                    *Macros);
      Attach(Made, /*KeepText=*/false);
    }
    if (!S.O.HtmlDir.empty()) {
      PathDiagnosticConsumers Made;
      createHTMLDiagnosticConsumer(DiagOpts, Made, S.O.HtmlDir, PP, *CTU,
                                   *Macros);
      Attach(Made, /*KeepText=*/false);
    }
    Analysis->AddDiagnosticConsumer(new CheckerFilter(
        std::make_unique<CollectingConsumer>(S, CI.getLangOpts()),
        S.O.Checkers));

    // Hook for lib/focus: restrict or wrap the analysis.
    if (hooks().WrapConsumer)
      return hooks().WrapConsumer(CI, std::move(Analysis), S.O);
    return Analysis;
  }

private:
  WorkerState &S;
  std::unique_ptr<cross_tu::CrossTranslationUnitContext> CTU;
  std::unique_ptr<MacroExpansionContext> Macros;
};

/// Runs AnalyzeAction on the -cc1 invocation the clang driver built for
/// `clang --analyze ...`, after taking the output side over: no plist file,
/// our consumers instead.
class AnalyzeToolAction : public tooling::ToolAction {
public:
  explicit AnalyzeToolAction(WorkerState &S) : S(S) {}

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    AnalyzerOptions &AO = Invocation->getAnalyzerOpts();
    AO.AnalysisDiagOpt = PD_NONE;
    if (!S.O.ConfigFile.empty())
      AO.Config[ConfigOption] = S.O.ConfigFile;
    Invocation->getFrontendOpts().OutputFile.clear();
    Invocation->getDiagnosticOpts().ShowColors = S.O.Color;

    CompilerInstance CI(std::move(PCHContainerOps));
    CI.setInvocation(std::move(Invocation));
    CI.setFileManager(Files);
    CI.createDiagnostics(DiagConsumer, /*ShouldOwnClient=*/false);
    if (!CI.hasDiagnostics())
      return false;
    CI.createSourceManager(*Files);
    AnalyzeAction Action(S);
    bool Ok = CI.ExecuteAction(Action);
    Files->clearStatCache();
    return Ok;
  }

private:
  WorkerState &S;
};

/// Test-only: PINPAIR_TEST_CRASH_ON / PINPAIR_TEST_HANG_ON hold a substring
/// of a TU path; the worker of that TU crashes (SIGSEGV) or hangs.
void testFaults(StringRef File) {
  auto Matches = [&](const char *Var) {
    const char *V = std::getenv(Var);
    return V && *V && File.contains(V);
  };
  if (Matches("PINPAIR_TEST_CRASH_ON")) {
    sys::Process::PreventCoreFiles();
    // LLVM's handler prints a stack trace and returns (the signal was not a
    // fault); the second raise meets the default action.
    std::raise(SIGSEGV);
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
  }
  if (Matches("PINPAIR_TEST_HANG_ON"))
    for (;;)
      std::this_thread::sleep_for(std::chrono::seconds(1));
}

json::Value resultJSON(StringRef Status, StringRef ErrorText,
                       const std::vector<Finding> &Findings,
                       const AnalyzerCommand &Cmd) {
  json::Array Fs;
  for (const Finding &F : Findings)
    Fs.push_back(toJSON(F));
  json::Object O{{"status", Status},
                 {"findings", std::move(Fs)},
                 {"command", Cmd.Argv},
                 {"dropped", Cmd.Dropped}};
  if (!ErrorText.empty())
    O["error"] = ErrorText;
  return O;
}

} // namespace

int runWorker(const WorkerOptions &O) {
  testFaults(O.File);
  sys::Process::PreventCoreFiles();

  WorkerState S{O, "", {}};
  if (!O.Directory.empty()) {
    if (std::error_code EC = sys::fs::set_current_path(O.Directory)) {
      AnalyzerCommand None;
      std::string Msg = "cannot enter directory " + O.Directory + ": " +
                        EC.message();
      if (Error E = writeJSONFile(O.ResultFile,
                                  resultJSON("failed", Msg, {}, None))) {
        errs() << toString(std::move(E)) << '\n';
        return WorkerIOError;
      }
      return WorkerCompileError;
    }
  }
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  S.Cwd = std::string(Cwd);

  AnalyzerCommandOptions CO;
  CO.Checkers = O.Checkers;
  CO.AnalyzerConfigs = O.AnalyzerConfigs;
  CO.ResourceDir = O.ResourceDir.empty() ? defaultResourceDir() : O.ResourceDir;
  CO.KernelMode = O.KernelMode;
  AnalyzerCommand Cmd = buildAnalyzerCommand(O.CommandLine, CO);
  if (Cmd.Inputs.empty() && !O.File.empty())
    Cmd.Argv.push_back(O.File);

  std::unique_ptr<raw_fd_ostream> TextFile;
  raw_ostream *Text = &nulls();
  if (!O.TextFile.empty()) {
    std::error_code EC;
    TextFile = std::make_unique<raw_fd_ostream>(O.TextFile, EC,
                                                sys::fs::OF_Text);
    if (EC) {
      errs() << "pinpair: cannot write " << O.TextFile << ": " << EC.message()
             << '\n';
      return WorkerIOError;
    }
    Text = TextFile.get();
  }

  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts = new DiagnosticOptions();
  DiagOpts->ShowColors = O.Color;
  FirstErrorPrinter Printer(*Text, DiagOpts.get());

  AnalyzeToolAction Action(S);
  IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), vfs::getRealFileSystem()));
  tooling::ToolInvocation Invocation(Cmd.Argv, &Action, Files.get(),
                                     std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Printer);
  Invocation.setDiagnosticOptions(DiagOpts.get());
  bool Ok = Invocation.run();
  Text->flush();

  bool Failed = !Ok || Printer.getNumErrors() > 0;
  std::string FirstError = Printer.FirstError;
  if (Failed && FirstError.empty())
    FirstError = "clang could not analyse the file";

  for (Finding &F : S.Findings)
    F.Fingerprint =
        computeFingerprint(F.File, F.Checker, F.Function, F.IssueHash);

  if (!O.SarifFile.empty() && sys::fs::exists(O.SarifFile)) {
    if (Expected<json::Value> Log = readJSONFile(O.SarifFile)) {
      addSarifFingerprints(*Log, S.Findings);
      relativizeSarif(*Log, O.Root);
      if (Error E = writeJSONFile(O.SarifFile, *Log))
        errs() << toString(std::move(E)) << '\n';
    } else {
      errs() << toString(Log.takeError()) << '\n';
    }
  }

  if (Error E = writeJSONFile(
          O.ResultFile,
          resultJSON(Failed ? "failed" : "analyzed", FirstError, S.Findings, Cmd))) {
    errs() << toString(std::move(E)) << '\n';
    return WorkerIOError;
  }
  return Failed ? WorkerCompileError : WorkerOk;
}

} // namespace pinpair::driver
