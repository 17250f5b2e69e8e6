//===- Prefilter.h - Can this TU have a linux.gup finding? (before parsing) ===//
//
// A finding needs an acquire call reachable from a function the analysis
// starts from (a main-file function). prefilterTU() answers "maybe" or "no"
// from the preprocessed token stream alone, without parsing:
//
//  * roots: every identifier whose expansion location is in the main file
//    (so a macro used in the main file counts with what it expands to), plus
//    every identifier inside a function body that starts in the main file;
//  * a crude definition map from the other files (headers, included .c
//    files): at file scope, `name ( ... ) { body }` maps name to the
//    identifiers of body, and `name ... = initializer ;` maps name to those
//    of the initializer (ops tables);
//  * the TU may have a finding iff the closure of the roots through that map
//    contains a target name.
//
// It only ever errs towards "maybe": any preprocessor error, or a declarator
// whose name it cannot tell, makes the answer less precise, never wrong.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_PREFILTER_H
#define PINPAIR_PREFILTER_H

#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tooling {
struct CompileCommand;
}

namespace pinpair {

struct PrefilterResult {
  /// false only when no finding is possible.
  bool MayReach = true;
  /// One line for --explain: the chain that reaches a target
  /// ("main file names frob_pages -> pin_user_pages_fast"), or why not / why
  /// unsure.
  std::string Why;
  /// Cost, for measurements: CPU seconds, tokens lexed.
  double Seconds = 0;
  unsigned long Tokens = 0;
  /// With PrefilterOptions::NeededBodies, when MayReach is sure: the names
  /// of the functions defined outside the main file whose bodies the
  /// analysis can need (FocusOptions::NeededBodies); sorted. Unset: all.
  std::optional<std::vector<std::string>> NeededBodies;
};

struct PrefilterOptions {
  /// Header functions are entry points too (-analyzer-opt-analyze-headers):
  /// identifiers of every non-system file are roots.
  bool AnalyzeHeaders = false;
  /// Also compute PrefilterResult::NeededBodies.
  bool NeededBodies = false;
};

/// Runs the preprocessor of Cmd (a compile command, as in a compilation
/// database; commandAdjuster() is applied) over the TU and decides.
PrefilterResult prefilterTU(const clang::tooling::CompileCommand &Cmd,
                            const llvm::StringSet<> &TargetNames,
                            const PrefilterOptions &Opts = {});

/// The same on code in memory (tests): Args are compiler arguments without
/// the compiler and the file name.
PrefilterResult prefilterCode(llvm::StringRef Code, llvm::StringRef FileName,
                              const std::vector<std::string> &Args,
                              const llvm::StringSet<> &TargetNames,
                              const PrefilterOptions &Opts = {});

} // namespace pinpair

#endif
