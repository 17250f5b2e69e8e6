//===- Options.h - Command-line options of the pinpair command -----------===//
//
// One struct per mode, filled by a parser that returns an error (exit code 2)
// instead of printing: the unit tests call the parsers directly.
//
//   pinpair check -p DB [filters...]      analyse a compilation database
//   pinpair merge [--sarif F] in.json...  combine `check --results` files
//   pinpair <compiler flags> file.c       kernel source checker (make C=1)
//   pinpair __analyze-tu ...              one TU, in a child process (internal)
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_OPTIONS_H
#define PINPAIR_DRIVER_OPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace pinpair::driver {

enum class OutputFormat { Text, Json };
enum class Tristate { Auto, Always, Never };

/// What `check` and `merge` do with the findings once they have them.
struct ReportOptions {
  OutputFormat Format = OutputFormat::Text;
  std::string SarifFile;         ///< --sarif FILE
  std::string ResultsFile;       ///< --results FILE (input of `merge`)
  std::string BaselineFile;      ///< --baseline FILE
  std::string WriteBaselineFile; ///< --write-baseline FILE (merge: --baseline-out)
  bool FailOnError = false;      ///< --fail-on-error
  bool Verbose = false;          ///< -v: worker logs of failed TUs, commands
};

struct CheckOptions {
  std::string DbPath;               ///< -p DIR|FILE
  std::vector<std::string> Filters; ///< positional: prefixes, substrings, globs
  unsigned Jobs = 0;                ///< --jobs; 0 = physical cores
  unsigned TimeoutSeconds = 600;    ///< --timeout; 0 = none
  unsigned MemoryLimitMB = 8192;    ///< --memory-limit; 0 = none
  std::vector<std::string> Checkers = {"linux.gup"}; ///< --checkers a,b
  std::vector<std::string> AnalyzerConfigs;          ///< --analyzer-config k=v
  std::vector<std::string> ConfigFiles; ///< --config FILE (repeatable)
  bool NoConfig = false;            ///< --no-config: ignore .pinpair.yaml
  unsigned ShardIndex = 0;          ///< --shard K/N, 1-based; 0 = no sharding
  unsigned ShardCount = 0;
  bool Prefilter = true;            ///< --no-prefilter
  bool Focus = true;                ///< --no-focus: every function top-level
  bool FocusReaching = false;       ///< --focus=reaching: faster, may differ
  bool Prune = true;                ///< --no-prune: follow every path to its end
  Tristate Progress = Tristate::Auto; ///< --progress / --no-progress
  Tristate Color = Tristate::Auto;  ///< --color=auto|always|never
  std::string HtmlDir;              ///< --html DIR
  std::string ResourceDir;          ///< --resource-dir DIR
  bool ListCheckers = false;        ///< --list-checkers
  ReportOptions Report;
};

struct MergeOptions {
  std::vector<std::string> Inputs;
  ReportOptions Report;
};

/// The internal `__analyze-tu` subcommand: everything a worker needs.
struct WorkerOptions {
  std::string Directory;                ///< working directory of the command
  std::string File;                     ///< the TU (absolute)
  std::string Root;                     ///< tree root: fingerprints use paths below it
  std::vector<std::string> CommandLine; ///< compiler + flags, after `--`
  std::string ResultFile;               ///< per-TU result JSON (required)
  std::string TextFile;                 ///< clang text diagnostics
  std::string SarifFile;                ///< clang SARIF
  std::string HtmlDir;                  ///< clang HTML reports
  std::vector<std::string> Checkers = {"linux.gup"};
  std::vector<std::string> AnalyzerConfigs;
  std::string ConfigFile; ///< ':'-separated, as linux.gup.PageRefModel:Config
  std::string ResourceDir;
  /// One name per line: the functions defined outside the main file whose
  /// bodies the analysis needs (DriverHooks::Prefilter); empty: all.
  std::string NeededBodiesFile;
  bool Color = false;
  bool KernelMode = false; ///< sparse-style flags: drop what clang rejects
  bool NoFocus = false;    ///< analyse every function as an entry point
  bool FocusReaching = false; ///< only functions that reach the API
  bool NoPrune = false;    ///< with focus: do not end paths early
};

/// `pinpair <sparse flags> <compiler flags> file.c`, as kbuild runs $(CHECK).
/// pinpair's own options come as --pinpair-NAME=VALUE (through CF=...).
struct KernelOptions {
  std::vector<std::string> CompilerArgs; ///< without argv[0]
  std::vector<std::string> Checkers = {"linux.gup"};
  std::vector<std::string> AnalyzerConfigs;
  std::string ConfigFile;
  unsigned TimeoutSeconds = 600;
  unsigned MemoryLimitMB = 8192;
  bool Prefilter = true; ///< --pinpair-prefilter=0 turns it off
};

llvm::Expected<CheckOptions> parseCheckArgs(llvm::ArrayRef<std::string> Args);
llvm::Expected<MergeOptions> parseMergeArgs(llvm::ArrayRef<std::string> Args);
llvm::Expected<WorkerOptions> parseWorkerArgs(llvm::ArrayRef<std::string> Args);
/// The argument vector parseWorkerArgs turns back into \p W (after argv[0]
/// and the subcommand).
std::vector<std::string> workerArgs(const WorkerOptions &W);
/// Never fails: what is not pinpair's goes to clang, which ignores or drops it.
KernelOptions parseKernelArgs(llvm::ArrayRef<std::string> Args);

/// `K/N` with 1 <= K <= N.
llvm::Expected<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef S);
/// Comma-separated checker/package names, none empty.
llvm::Expected<std::vector<std::string>> parseCheckerList(llvm::StringRef S);

/// True when \p Args (after argv[0]) look like a compiler command line: kbuild
/// running pinpair as $(CHECK).
bool looksLikeCompilerInvocation(llvm::ArrayRef<std::string> Args);

extern const char CheckUsage[];
extern const char MergeUsage[];
extern const char MainUsage[];

} // namespace pinpair::driver

#endif
