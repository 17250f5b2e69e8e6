//===- FocusRun.h - Run parse / full / focused analysis in-process --------===//
//
// For tests and measurements: one TU, one mode, the diagnostics it printed
// and how long it took. Analysis modes run clang's analyzer with the options
// the command line gives (-Xclang -analyzer-checker=..., -analyzer-config,
// -analyzer-output=...); the linux.gup checkers are registered in-process.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_FOCUSRUN_H
#define PINPAIR_FOCUSRUN_H

#include "pinpair/Focus.h"

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tooling {
struct CompileCommand;
}

namespace pinpair {

enum class RunMode {
  Parse,   ///< -fsyntax-only
  Full,    ///< clang's AnalysisConsumer, every entry point
  Focused, ///< createFocusedAnalysisConsumer
};

struct RunResult {
  bool Ok = false; ///< the tool ran and reported no error
  double Seconds = 0; ///< CPU time (user + system) of the run
  /// "file:line:col: warning|note|error: message", in the order printed.
  std::vector<std::string> Diags;
  FocusStats Stats; ///< Focused only
};

/// Runs Cmd (commandAdjuster() applied, then Extra appended).
RunResult runOn(const clang::tooling::CompileCommand &Cmd, RunMode M,
                const std::vector<std::string> &Extra,
                const FocusOptions &Opts = {});

/// The same on code in memory; Args are compiler arguments (no compiler, no
/// file name).
RunResult runOnCode(llvm::StringRef Code, llvm::StringRef FileName,
                    const std::vector<std::string> &Args, RunMode M,
                    const FocusOptions &Opts = {});

/// The warnings of Diags (notes and errors left out) whose message contains
/// Filter ("" keeps all), sorted.
std::vector<std::string> warningsOf(const std::vector<std::string> &Diags,
                                    llvm::StringRef Filter = "");

} // namespace pinpair

#endif
