//===- Hooks.h - Extension points of the pinpair command ------------------===//
//
// Two places where lib/focus (the prefilter and the top-level-function
// restriction) plugs in, so the driver needs no change when it lands:
//
//  * Prefilter, in the parent, once per selected TU before any worker runs
//    (`check --no-prefilter` disables it): return a reason to skip the TU.
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

namespace clang {
class ASTConsumer;
class CompilerInstance;
namespace ento {
class AnalysisASTConsumer;
}
} // namespace clang

namespace pinpair::driver {

struct DriverHooks {
  /// Called in TU order from one thread.
  /// nullopt: analyse the TU; a string: skip it, the string saying why.
  /// ConfigFiles are the config files in effect (--config, or the
  /// .pinpair.yaml found), absolute.
  std::function<std::optional<std::string>(
      const CompileCommand &TU, const CheckOptions &Opts,
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
