//===- FocusRun.cpp - Run parse / full / focused analysis in-process ------===//

#include "pinpair/FocusRun.h"
#include "pinpair/ToolCommand.h"

#include "GupChecker.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"

#include <algorithm>

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace pinpair {
namespace {

class Recorder : public DiagnosticConsumer {
public:
  explicit Recorder(std::vector<std::string> &Out) : Out(Out) {}
  void HandleDiagnostic(DiagnosticsEngine::Level L,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(L, Info);
    const char *Level = L == DiagnosticsEngine::Note      ? "note"
                        : L == DiagnosticsEngine::Warning ? "warning"
                        : L >= DiagnosticsEngine::Error   ? "error"
                                                          : "remark";
    if (L == DiagnosticsEngine::Ignored)
      return;
    SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    std::string Where = "<no location>";
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      PresumedLoc P = Info.getSourceManager().getPresumedLoc(
          Info.getSourceManager().getFileLoc(Info.getLocation()));
      if (P.isValid())
        Where = std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) +
                ":" + std::to_string(P.getColumn());
    }
    Out.push_back(Where + ": " + Level + ": " + std::string(Msg));
  }

private:
  std::vector<std::string> &Out;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(RunMode M, const FocusOptions &Opts, FocusStats &Stats)
      : M(M), Opts(Opts), Stats(Stats) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    if (M == RunMode::Full) {
      auto C = ento::CreateAnalysisConsumer(CI);
      if (Opts.RegisterGupCheckers)
        C->AddCheckerRegistrationFn(registerGupCheckers);
      for (auto &Fn : Opts.RegistrationFns)
        C->AddCheckerRegistrationFn(Fn);
      return C;
    }
    FocusOptions O = Opts;
    O.Stats = &Stats;
    return createFocusedAnalysisConsumer(CI, std::move(O));
  }

private:
  RunMode M;
  const FocusOptions &Opts;
  FocusStats &Stats;
};

class Factory : public FrontendActionFactory {
public:
  Factory(RunMode M, const FocusOptions &Opts, FocusStats &Stats)
      : M(M), Opts(Opts), Stats(Stats) {}
  std::unique_ptr<FrontendAction> create() override {
    if (M == RunMode::Parse)
      return std::make_unique<SyntaxOnlyAction>();
    return std::make_unique<AnalysisAction>(M, Opts, Stats);
  }

private:
  RunMode M;
  const FocusOptions &Opts;
  FocusStats &Stats;
};

bool hasError(const std::vector<std::string> &Diags) {
  return std::any_of(Diags.begin(), Diags.end(), [](const std::string &D) {
    return D.find(": error: ") != std::string::npos;
  });
}

} // namespace

RunResult runOn(const CompileCommand &Cmd, RunMode M,
                const std::vector<std::string> &Extra,
                const FocusOptions &Opts) {
  RunResult R;
  double T0 = cpuSeconds();
  OneCommandTool One(Cmd);
  ClangTool &Tool = One.tool();
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::END));
  Recorder Rec(R.Diags);
  Tool.setDiagnosticConsumer(&Rec);
  Factory F(M, Opts, R.Stats);
  int RC = Tool.run(&F);
  R.Seconds = cpuSeconds() - T0;
  R.Ok = RC == 0 && !hasError(R.Diags);
  return R;
}

RunResult runOnCode(StringRef Code, StringRef FileName,
                    const std::vector<std::string> &Args, RunMode M,
                    const FocusOptions &Opts) {
  RunResult R;
  double T0 = cpuSeconds();
  std::vector<std::string> A = Args;
  std::string RD = clangResourceDir();
  if (!RD.empty())
    A.push_back("-resource-dir=" + RD);
  Factory F(M, Opts, R.Stats);
  Recorder Rec(R.Diags);
  // runToolOnCodeWithArgs takes no DiagnosticConsumer: build the invocation
  // the same way it does.
  std::vector<std::string> Argv = {"pinpair-focus", "-fsyntax-only"};
  Argv.insert(Argv.end(), A.begin(), A.end());
  Argv.push_back(FileName.str());
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Overlay(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Mem(
      new llvm::vfs::InMemoryFileSystem);
  Overlay->pushOverlay(Mem);
  Mem->addFile(FileName, 0, llvm::MemoryBuffer::getMemBufferCopy(Code));
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), Overlay));
  ToolInvocation Inv(Argv, F.create(), Files.get());
  Inv.setDiagnosticConsumer(&Rec);
  bool Ok = Inv.run();
  R.Seconds = cpuSeconds() - T0;
  R.Ok = Ok && !hasError(R.Diags);
  return R;
}

std::vector<std::string> warningsOf(const std::vector<std::string> &Diags,
                                    StringRef Filter) {
  std::vector<std::string> W;
  for (const std::string &D : Diags)
    if (D.find(": warning: ") != std::string::npos &&
        StringRef(D).contains(Filter))
      W.push_back(D);
  std::sort(W.begin(), W.end());
  return W;
}

} // namespace pinpair
