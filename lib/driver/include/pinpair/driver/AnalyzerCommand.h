//===- AnalyzerCommand.h - Compile command -> analyzer command ------------===//
//
// A compilation database command becomes the command of `clang --analyze`
// with the same flags: what only makes sense for producing an object goes
// (-c, -o, -S, -E, dependency files, -Wp,-M*, -save-temps, diagnostics
// serialisation), and so does every argument the clang driver does not know
// (GCC-only flags, sparse's --arch=...). -D/-I/-include/--target/-std and
// everything else clang knows stay. Then
//   --analyze -Qunused-arguments -Xclang -analyzer-checker=<each checker>
//   [-Xclang -analyzer-config -Xclang K=V]... [-resource-dir DIR]
// are added, so the clang driver itself decides the analyzer invocation
// exactly as for `clang --analyze` (its default checkers included).
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_ANALYZERCOMMAND_H
#define PINPAIR_DRIVER_ANALYZERCOMMAND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace pinpair::driver {

struct AnalyzerCommandOptions {
  std::vector<std::string> Checkers;        ///< -analyzer-checker=
  std::vector<std::string> AnalyzerConfigs; ///< K=V
  std::string ResourceDir;                  ///< added unless the command has one
  bool KernelMode = false; ///< argv has no compiler: use "clang"
};

struct AnalyzerCommand {
  std::vector<std::string> Argv;    ///< clang driver command line
  std::vector<std::string> Inputs;  ///< the source files of the command
  std::vector<std::string> Dropped; ///< arguments left out (for -v)
};

/// \p CompileArgs starts with the compiler, unless Opts.KernelMode.
AnalyzerCommand buildAnalyzerCommand(llvm::ArrayRef<std::string> CompileArgs,
                                     const AnalyzerCommandOptions &Opts);

/// True if checker \p Name is one of \p Selection or in one of its packages.
bool checkerSelected(llvm::StringRef Name,
                     llvm::ArrayRef<std::string> Selection);

/// The resource directory of the clang pinpair was built against, if it
/// exists on this machine, else "".
std::string defaultResourceDir();

} // namespace pinpair::driver

#endif
