//===- Hooks.h - Extension points of the pinpair command ------------------===//
//
// Two places where lib/focus (the prefilter and the top-level-function
// restriction) plugs in, so the driver needs no change when it lands:
//
//  * Prefilter, in the parent, once per selected TU before any worker runs
//    (`check --no-prefilter` disables it): return a reason to skip the TU,
//    or, for a TU to analyse, which header function bodies its parse needs.
//  * WrapConsumer, in the worker, where the clang AnalysisASTConsumer is
//    created (checkers registered, path-diagnostic consumers attached):
//    return the ASTConsumer the frontend action uses instead.
//
// Unset hooks do nothing. Set them before calling pinpair::driver::main.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_HOOKS_H
#define PINPAIR_DRIVER_HOOKS_H

#include "pinpair/driver/CompileDb.h"
#include "pinpair/driver/Options.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTConsumer;
class CompilerInstance;
namespace ento {
class AnalysisASTConsumer;
}
} // namespace clang

namespace pinpair::driver {

struct PrefilterVerdict {
  /// Set: skip the TU, the string saying why.
  std::optional<std::string> Skip;
  /// A TU to analyse: the names of the functions defined outside its main
  /// file whose bodies the analysis can need (the worker gets them as
  /// WorkerOptions::NeededBodiesFile and its parse skips the other bodies).
  /// Unset: every body.
  std::optional<std::vector<std::string>> NeededBodies;
};

struct DriverHooks {
  /// Called from --jobs threads at once, each TU once.
  /// ConfigFiles are the config files in effect (--config, or the
  /// .pinpair.yaml found), absolute.
  std::function<PrefilterVerdict(const CompileCommand &TU,
                                 const CheckOptions &Opts,
                                 llvm::ArrayRef<std::string> ConfigFiles)>
      Prefilter;

  std::function<std::unique_ptr<clang::ASTConsumer>(
      clang::CompilerInstance &CI,
      std::unique_ptr<clang::ento::AnalysisASTConsumer> Analysis,
      const WorkerOptions &Opts)>
      WrapConsumer;
  // (WorkerOptions::ConfigFile holds the configs in effect, ':'-separated,
  // as linux.gup.PageRefModel:Config, which the worker also sets.)
};

DriverHooks &hooks();

} // namespace pinpair::driver

#endif
