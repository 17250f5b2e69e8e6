//===- Focus.h - Analyse only the functions that can produce a finding ----===//
//
// Every linux.gup finding is about the pages of one acquire call (an entry of
// the API table with Role::Acquire): the checker records an acquisition when
// the engine evaluates such a call and every report reads that record. A
// top-level function whose analysis can never evaluate an acquire call can
// therefore never produce a finding, yet clang's AnalysisConsumer analyses
// every function of the main file. On a kernel TU that is most of the time.
//
// createFocusedAnalysisConsumer() wraps clang's own AnalysisConsumer and hands
// it only the top-level declarations that matter, so the same engine, options
// and checkers run on fewer entry points. FocusSelection.cpp explains why the
// findings stay the same (and what they stay the same for).
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_FOCUS_H
#define PINPAIR_FOCUS_H

#include "pinpair/GupApi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class AnalyzerOptions;
class LangOptions;
class CompilerInstance;
class Decl;
namespace ento {
class AnalysisASTConsumer;
class CheckerRegistry;
} // namespace ento
} // namespace clang

namespace pinpair {

/// The names whose use makes a function worth analysing: every Role::Acquire
/// entry of Table (pass builtinApi(), or a table overlaid with user configs).
/// Release roles are not needed: a release only matters to a finding when an
/// acquisition is on the path, and that needs an acquire call. With
/// IncludeReleases the release entries are added too (a superset; slower).
llvm::StringSet<> targetNamesFrom(llvm::ArrayRef<ApiFunction> Table,
                                  bool IncludeReleases = false);

/// targetNamesFrom(builtinApi()).
llvm::StringSet<> defaultTargetNames();

/// The built-in acquire names plus those of the given wrapper configs (the
/// files of -analyzer-config linux.gup.PageRefModel:Config, docs/config.md).
/// A config that redefines a built-in keeps the built-in name too (a
/// superset is always safe).
llvm::Expected<llvm::StringSet<>>
targetNamesWithConfigs(llvm::ArrayRef<std::string> ConfigPaths);

/// The analyzer-config key the checker reads its wrapper configs from.
constexpr const char *ConfigOptionKey = "linux.gup.PageRefModel:Config";

/// What the last focused run decided, for --explain and for tests.
struct FocusStats {
  /// Function definitions among the top-level declarations.
  unsigned Functions = 0;
  /// Of those, the ones from which a target is reachable.
  unsigned Reaching = 0;
  /// Of those, the ones analysed as entry points (main-file functions): a
  /// TU without any has no finding, whatever the prefilter said.
  unsigned ReachingEntryPoints = 0;
  /// Kept although no target is reachable from them, because they may inline
  /// a function whose inlining budget a kept function also depends on.
  unsigned KeptForSummaries = 0;
  /// Not handed to the analysis.
  unsigned Dropped = 0;
  /// CFGs built to tell summary-sensitive functions (FocusSelection.cpp).
  unsigned CFGsBuilt = 0;
  /// Summaries::Ordered: rounds until the kept set was stable.
  unsigned Rounds = 0;
  /// Time spent choosing (graph, CFGs, call graphs), in seconds.
  double SelectSeconds = 0;
  /// FocusOptions::NeededBodies: bodies of functions defined outside the
  /// main file that the parse skipped, and that it kept.
  unsigned SkippedBodies = 0;
  unsigned KeptBodies = 0;
  /// A skipped body that main-file code can reach after all (the prefilter
  /// missed a name): the TU gets an error and no analysis.
  std::string NeededButSkipped;
  /// Focusing was turned off for this TU (C++, Objective-C, CTU, model
  /// files, a parse error, Opts.Enabled == false): everything was forwarded.
  /// Why says why (also set, without Bailed, when Ordered fell back to All).
  bool Bailed = false;
  std::string Why;
  /// Names of the kept and dropped function definitions (only filled when
  /// FocusOptions::RecordNames is set), in declaration order.
  std::vector<std::string> KeptNames, DroppedNames;
};

struct FocusOptions {
  /// Calls (or any other use) of these names make a function a target user.
  /// Empty means targetNamesWithConfigs() of the configs named by the
  /// analyzer option linux.gup.PageRefModel:Config (none: the built-in
  /// acquire names); an unreadable config turns focusing off for the TU (the
  /// checker reports the error and no analysis runs anyway).
  llvm::StringSet<> TargetNames;

  /// Register the linux.gup checkers (pinpair::registerGupCheckers) on the
  /// inner consumer. Leave it on unless the caller registers them itself
  /// (through RegistrationFns or AddCheckerRegistrationFn on the returned
  /// consumer): registering twice is an error in clang's registry.
  bool RegisterGupCheckers = true;
  /// More checker registration functions, added after the linux.gup ones.
  std::vector<std::function<void(clang::ento::CheckerRegistry &)>>
      RegistrationFns;

  /// false: forward every declaration (the consumer then behaves exactly as
  /// clang's; useful for A/B runs with the same code path).
  bool Enabled = true;
  /// Which functions to keep although no target is reachable from them
  /// (FocusSelection.cpp explains why some must be):
  ///  * Ordered (default): those analysed, in the full run or the focused
  ///    one, before a kept entry point and able to inline that entry point or
  ///    a summary-sensitive function it may inline (whose inlining budget
  ///    the earlier analysis would spend). Same findings, proven; falls back
  ///    to All when the kept entry points would not come in the same order.
  ///  * All: every function sharing a summary-sensitive callee with a kept
  ///    one, whatever the order. Same findings, proven; keeps most of a
  ///    kernel TU (kernel headers' large inline helpers are shared by
  ///    everything), so it saves little.
  ///  * None: only the functions that reach a target. Fastest, but a
  ///    callee's inlining budget (block visit limit, 32 inlinings of a large
  ///    callee) may be spent in another order than in a full run, which can
  ///    change a finding in a function that hits those limits.
  enum class Summaries { Ordered, All, None };
  Summaries PreserveSummaries = Summaries::Ordered;

  /// Names of the functions defined outside the main file whose bodies the
  /// analysis can need (PrefilterResult::NeededBodies). Set, the parse skips
  /// the bodies of the others (FrontendOptions::SkipFunctionBodies): they
  /// are half of a kernel TU's parse. Exact, not a heuristic: no entry
  /// point's code names such a function, so the engine never inlines it, and
  /// none of them reaches a main-file function, so clang's call graph orders
  /// the entry points as with every body (FocusConsumer.cpp). Off whenever
  /// focusing is (C++, Objective-C, CTU, model files, Enabled == false) and
  /// with -analyzer-opt-analyze-headers.
  std::shared_ptr<const llvm::StringSet<>> NeededBodies;

  /// Filled at the end of HandleTranslationUnit when set (must outlive the
  /// consumer).
  FocusStats *Stats = nullptr;
  bool RecordNames = false;
  /// One line per function definition, "keep|drop <name> <why>", when set.
  llvm::raw_ostream *Explain = nullptr;
};

/// clang's AnalysisConsumer (ento::CreateAnalysisConsumer(CI)) behind a
/// wrapper that buffers the top-level declarations and, in
/// HandleTranslationUnit, forwards only the ones selectFocus() keeps, then
/// runs the analysis. The analyzer options come from CI as usual (checkers,
/// -analyzer-config, output format). The result is an AnalysisASTConsumer:
/// AddDiagnosticConsumer/AddCheckerRegistrationFn reach the inner consumer.
std::unique_ptr<clang::ento::AnalysisASTConsumer>
createFocusedAnalysisConsumer(clang::CompilerInstance &CI, FocusOptions Opts);

/// The same wrapper around an AnalysisASTConsumer the caller made (from
/// ento::CreateAnalysisConsumer(CI), checkers registered and path-diagnostic
/// consumers attached already: RegisterGupCheckers and RegistrationFns are
/// ignored). Call it before the frontend starts feeding declarations.
std::unique_ptr<clang::ento::AnalysisASTConsumer>
focusAnalysisConsumer(clang::CompilerInstance &CI,
                      std::unique_ptr<clang::ento::AnalysisASTConsumer> Inner,
                      FocusOptions Opts);

/// The selection itself, on the top-level declarations of a parsed TU, in
/// the order the parser produced them. Returns the function definitions to
/// keep; every other declaration is always forwarded. Fills Stats when not
/// null. Sets Stats->Bailed (and keeps everything) when focusing would not
/// be sound for this TU.
/// Why focusing (and skipping bodies) cannot apply to a TU with these
/// options, whatever FocusOptions say: C++ or Objective-C, naive CTU
/// (imported bodies are not in the graph), model files. Null when it can.
const char *focusUnsupported(const clang::LangOptions &LO,
                             const clang::AnalyzerOptions &AOpts);

/// FocusOptions::NeededBodies from a list of names (as
/// PrefilterResult::NeededBodies gives it, or the lines of a file).
std::shared_ptr<const llvm::StringSet<>>
neededBodySet(llvm::ArrayRef<llvm::StringRef> Names);
std::shared_ptr<const llvm::StringSet<>>
neededBodySet(llvm::ArrayRef<std::string> Names);

std::vector<const clang::Decl *>
selectFocus(clang::ASTContext &Ctx, const clang::AnalyzerOptions &AOpts,
            llvm::ArrayRef<clang::Decl *> TopLevelDecls,
            const FocusOptions &Opts, FocusStats *Stats = nullptr);

} // namespace pinpair

#endif
