//===- main.cpp - The pinpair command -------------------------------------===//
//
// Everything lives in lib/driver (see docs/usage.md); this file plugs in
// lib/focus, which makes a tree run fast without changing linux.gup findings:
//
//  * the prefilter skips, before parsing, TUs whose main file cannot reach a
//    get/pin call (built-in acquire functions and the config's wrappers);
//  * in each analysed TU, only the functions that can reach one (plus those
//    whose analysis order the findings depend on) are top-level entry points,
//    and the parse skips the bodies of the header functions no main-file
//    code can reach (the prefilter lists the others).
//
// Both only preserve linux.gup findings: with other checkers selected
// (--checkers core,...), every TU and function is analysed.
//
//===----------------------------------------------------------------------===//
#include "pinpair/Focus.h"
#include "pinpair/Prefilter.h"
#include "pinpair/driver/Driver.h"
#include "pinpair/driver/Hooks.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/MemoryBuffer.h"

#include <mutex>

using namespace pinpair;

namespace {

bool onlyGup(llvm::ArrayRef<std::string> Checkers) {
  return llvm::all_of(Checkers, [](const std::string &C) {
    return llvm::StringRef(C).starts_with("linux.gup");
  });
}

/// The names a TU must reach, for the configs in effect (computed once).
const llvm::StringSet<> *targets(llvm::ArrayRef<std::string> Configs) {
  static std::mutex M;
  static std::string Key;
  static std::optional<llvm::StringSet<>> Names;
  std::lock_guard<std::mutex> L(M);
  std::string K = llvm::join(Configs, ":");
  if (!Names || K != Key) {
    auto N = targetNamesWithConfigs(std::vector<std::string>(Configs.begin(),
                                                             Configs.end()));
    if (!N) {
      // The parent validated the configs; be conservative if that changed.
      llvm::consumeError(N.takeError());
      return nullptr;
    }
    Names = std::move(*N);
    Key = K;
  }
  return &*Names;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::CrashRecoveryContext::Enable();
  driver::DriverHooks &H = driver::hooks();
  H.Prefilter = [](const driver::CompileCommand &TU,
                   const driver::CheckOptions &O,
                   llvm::ArrayRef<std::string> Configs) {
    driver::PrefilterVerdict V;
    if (!O.Focus || !onlyGup(O.Checkers))
      return V;
    const llvm::StringSet<> *Names = targets(Configs);
    if (!Names)
      return V;
    clang::tooling::CompileCommand C(TU.Directory, TU.File, TU.Arguments,
                                     TU.Output);
    // In the parent, unlike the analysis: a preprocessor crash must not take
    // the run down. Unsure means analyse (the worker reports the crash).
    PrefilterResult R;
    PrefilterOptions PO;
    PO.NeededBodies = true;
    llvm::CrashRecoveryContext CRC;
    if (!CRC.RunSafely([&] { R = prefilterTU(C, *Names, PO); }))
      return V;
    if (!R.MayReach)
      V.Skip = "prefiltered: " + R.Why;
    else
      V.NeededBodies = std::move(R.NeededBodies);
    return V;
  };
  H.WrapConsumer =
      [](clang::CompilerInstance &CI,
         std::unique_ptr<clang::ento::AnalysisASTConsumer> Analysis,
         const driver::WorkerOptions &O) -> std::unique_ptr<clang::ASTConsumer> {
    FocusOptions F;
    F.Enabled = !O.NoFocus && onlyGup(O.Checkers);
    if (O.FocusReaching && F.Enabled)
      F.PreserveSummaries = FocusOptions::Summaries::None;
    // Focused runs also end the paths that can report nothing more
    // (checker/AcquireReach.h), unless the user set the option himself.
    if (F.Enabled && !O.NoPrune)
      CI.getAnalyzerOpts().Config.try_emplace("linux.gup.PageRefModel:Prune",
                                              "true");
    // The parse skips the header bodies the prefilter found unneeded. An
    // unreadable list only costs time: every body is parsed.
    if (F.Enabled && !O.NeededBodiesFile.empty())
      if (auto B = llvm::MemoryBuffer::getFile(O.NeededBodiesFile)) {
        llvm::SmallVector<llvm::StringRef, 0> Lines;
        (*B)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
        F.NeededBodies = neededBodySet(Lines);
      }
    // Empty TargetNames: the consumer reads the configs from the analyzer
    // option linux.gup.PageRefModel:Config, which the worker sets.
    return focusAnalysisConsumer(CI, std::move(Analysis), std::move(F));
  };
  return driver::main(argc, argv);
}
