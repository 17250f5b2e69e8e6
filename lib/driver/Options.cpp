//===- Options.cpp - Command-line parsing ---------------------------------===//
#include "pinpair/driver/Options.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

namespace pinpair::driver {

const char MainUsage[] = R"(usage: pinpair <command> [options]

commands:
  check -p <build-dir|compile_commands.json> [path filters...]
                      analyse the TUs of a compilation database
  merge [--sarif F] [--results F] [--baseline-out F] results.json...
                      combine the --results files of sharded runs
  <compiler flags> file.c
                      kernel source-checker mode: make C=1 CHECK=pinpair
  --version           print the version
  help [command]      this text, or the options of a command

Exit status: 0 no (new) findings, 1 new findings, 2 usage or setup error
(or, with --fail-on-error, a TU that could not be analysed).
)";

const char CheckUsage[] = R"(usage: pinpair check -p <build-dir|compile_commands.json> [options] [filters...]

Filters select TUs by path (relative to the database directory): a path
prefix or substring (drivers/misc), or a glob (drivers/*/foo*.c).

analysis:
  -p, --db PATH              compilation database, or the directory holding it
  -j, --jobs N               TUs analysed in parallel (default: physical cores)
  --timeout SECONDS          per-TU time limit, 0 for none (default: 600)
  --memory-limit MB          per-TU memory limit, 0 for none (default: 8192)
  --checkers LIST            checkers/packages to run and report (default: linux.gup)
  --analyzer-config K=V      forwarded as -analyzer-config (repeatable)
  --config FILE              pinpair config, repeatable (default: .pinpair.yaml
                             next to the database or in the nearest ancestor)
  --no-config                ignore .pinpair.yaml
  --shard K/N                analyse only shard K of N (1-based, stable)
  --no-prefilter             analyse TUs the prefilter would skip
  --no-focus                 analyse every function as an entry point, not only
                             those that can reach a get/pin call
  --focus=exact|reaching|off exact (default): the functions that reach a
                             get/pin call and those clang's inlining budgets
                             need (same findings as --no-focus); reaching:
                             only the former, findings may rarely differ
  --no-prune                 with focus: follow every path to its end, also
                             after nothing tracked is left and no get/pin call
                             can be reached (slower; docs/usage.md)
  --resource-dir DIR         clang resource directory (builtin headers)
  --list-checkers            list the checkers and exit
output:
  --format text|json         stdout: clang-style diagnostics (default) or JSON
  --sarif FILE               one SARIF 2.1.0 log for the whole run
  --html DIR                 clang HTML reports plus DIR/index.html
  --results FILE             machine-readable run results (input of `merge`)
  --color auto|always|never  colours in the text output (default: auto)
  --progress, --no-progress  progress line on stderr (default: when a terminal)
  -v, --verbose              worker logs of TUs that failed
CI gate:
  --baseline FILE            exit 1 only for findings not in FILE
  --write-baseline FILE      write the findings as a baseline
  --fail-on-error            exit 2 when a TU failed (crash, timeout, error)
)";

const char MergeUsage[] = R"(usage: pinpair merge [options] results.json...

Combines the --results files of `pinpair check --shard K/N` runs.
  --sarif FILE               merged SARIF log
  --results FILE             merged results (same format as the inputs)
  --baseline-out FILE        merged baseline (also --write-baseline FILE)
  --baseline FILE            exit 1 only for findings not in FILE
  --format text|json         stdout: the TUs' clang diagnostics, or JSON findings
  --fail-on-error            exit 2 when a TU failed
  -v, --verbose              more detail
)";

namespace {

Error usageError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

/// Walks an argument vector; options take their value as `--opt V`,
/// `--opt=V` or, for one-letter options, `-jV`.
class ArgWalker {
public:
  explicit ArgWalker(ArrayRef<std::string> Args) : Args(Args) {}

  bool done() const { return I >= Args.size(); }
  StringRef peek() const { return Args[I]; }
  void skip() { ++I; }

  /// If the current argument is \p Name (or one of its spellings), consume it
  /// and its value.
  std::optional<Expected<std::string>> value(StringRef Name,
                                             StringRef Short = "") {
    StringRef A = Args[I];
    for (StringRef N : {Name, Short}) {
      if (N.empty())
        continue;
      if (A == N) {
        if (I + 1 >= Args.size())
          return Expected<std::string>(
              usageError("option '" + N + "' needs a value"));
        I += 2;
        return Expected<std::string>(Args[I - 1]);
      }
      if (N.starts_with("--") && A.starts_with(N) && A[N.size()] == '=') {
        ++I;
        return Expected<std::string>(A.substr(N.size() + 1).str());
      }
      if (!N.starts_with("--") && N.size() == 2 && A.starts_with(N) &&
          A.size() > 2) {
        ++I;
        return Expected<std::string>(A.substr(2).str());
      }
    }
    return std::nullopt;
  }

  bool flag(StringRef Name, StringRef Short = "") {
    if (Args[I] == Name || (!Short.empty() && Args[I] == Short)) {
      ++I;
      return true;
    }
    return false;
  }

private:
  ArrayRef<std::string> Args;
  size_t I = 0;
};

Expected<unsigned> parseUnsigned(StringRef Opt, StringRef V, bool AllowZero) {
  unsigned N;
  if (V.getAsInteger(10, N) || (!AllowZero && N == 0))
    return usageError(formatv("bad {0} '{1}': expected {2} integer", Opt, V,
                              AllowZero ? "a non-negative" : "a positive")
                          .str());
  return N;
}

Expected<Tristate> parseTristate(StringRef Opt, StringRef V) {
  if (V == "auto")
    return Tristate::Auto;
  if (V == "always" || V == "yes" || V == "on")
    return Tristate::Always;
  if (V == "never" || V == "no" || V == "off")
    return Tristate::Never;
  return usageError(formatv("bad {0} '{1}': expected auto, always or never",
                            Opt, V)
                        .str());
}

Error checkConfigArg(StringRef V) {
  auto [K, Val] = V.split('=');
  if (K.empty() || !V.contains('='))
    return usageError("bad --analyzer-config '" + V + "': expected KEY=VALUE");
  return Error::success();
}

/// Options shared by check and merge. Returns true if it consumed something.
Expected<bool> reportOption(ArgWalker &W, ReportOptions &R, bool IsMerge) {
  if (auto V = W.value("--format")) {
    if (!*V)
      return V->takeError();
    if (**V == "text")
      R.Format = OutputFormat::Text;
    else if (**V == "json")
      R.Format = OutputFormat::Json;
    else
      return usageError("bad --format '" + **V + "': expected text or json");
    return true;
  }
  struct {
    const char *Name;
    std::string *Dest;
  } Files[] = {{"--sarif", &R.SarifFile},
               {"--results", &R.ResultsFile},
               {"--baseline", &R.BaselineFile},
               {"--write-baseline", &R.WriteBaselineFile},
               {IsMerge ? "--baseline-out" : "--write-baseline",
                &R.WriteBaselineFile}};
  for (auto &F : Files)
    if (auto V = W.value(F.Name)) {
      if (!*V)
        return V->takeError();
      if ((*V)->empty())
        return usageError(Twine("option '") + F.Name + "' needs a file name");
      *F.Dest = **V;
      return true;
    }
  if (W.flag("--fail-on-error")) {
    R.FailOnError = true;
    return true;
  }
  if (W.flag("--verbose", "-v")) {
    R.Verbose = true;
    return true;
  }
  return false;
}

} // namespace

Expected<std::pair<unsigned, unsigned>> parseShard(StringRef S) {
  auto [KS, NS] = S.split('/');
  unsigned K, N;
  if (!S.contains('/') || KS.getAsInteger(10, K) || NS.getAsInteger(10, N) ||
      N == 0 || K == 0 || K > N)
    return usageError("bad --shard '" + S +
                      "': expected K/N with 1 <= K <= N, e.g. 2/4");
  return std::make_pair(K, N);
}

Expected<std::vector<std::string>> parseCheckerList(StringRef S) {
  SmallVector<StringRef, 8> Parts;
  S.split(Parts, ',');
  std::vector<std::string> Out;
  for (StringRef P : Parts) {
    P = P.trim();
    if (P.empty())
      return usageError("bad --checkers '" + S + "': empty checker name");
    Out.push_back(P.str());
  }
  return Out;
}

Expected<CheckOptions> parseCheckArgs(ArrayRef<std::string> Args) {
  CheckOptions O;
  ArgWalker W(Args);
  bool CheckersGiven = false;
  while (!W.done()) {
    StringRef A = W.peek();
    if (A == "--") {
      W.skip();
      while (!W.done()) {
        O.Filters.push_back(W.peek().str());
        W.skip();
      }
      break;
    }
    Expected<bool> R = reportOption(W, O.Report, /*IsMerge=*/false);
    if (!R)
      return R.takeError();
    if (*R)
      continue;
    if (auto V = W.value("--db", "-p")) {
      if (!*V)
        return V->takeError();
      O.DbPath = **V;
    } else if (auto V = W.value("--jobs", "-j")) {
      if (!*V)
        return V->takeError();
      auto N = parseUnsigned("--jobs", **V, /*AllowZero=*/false);
      if (!N)
        return N.takeError();
      O.Jobs = *N;
    } else if (auto V = W.value("--timeout")) {
      if (!*V)
        return V->takeError();
      auto N = parseUnsigned("--timeout", **V, /*AllowZero=*/true);
      if (!N)
        return N.takeError();
      O.TimeoutSeconds = *N;
    } else if (auto V = W.value("--memory-limit")) {
      if (!*V)
        return V->takeError();
      auto N = parseUnsigned("--memory-limit", **V, /*AllowZero=*/true);
      if (!N)
        return N.takeError();
      O.MemoryLimitMB = *N;
    } else if (auto V = W.value("--checkers")) {
      if (!*V)
        return V->takeError();
      auto L = parseCheckerList(**V);
      if (!L)
        return L.takeError();
      if (!CheckersGiven)
        O.Checkers.clear();
      CheckersGiven = true;
      O.Checkers.insert(O.Checkers.end(), L->begin(), L->end());
    } else if (auto V = W.value("--analyzer-config")) {
      if (!*V)
        return V->takeError();
      if (Error E = checkConfigArg(**V))
        return E;
      O.AnalyzerConfigs.push_back(**V);
    } else if (auto V = W.value("--config")) {
      if (!*V)
        return V->takeError();
      if ((*V)->empty())
        return usageError("option '--config' needs a file name");
      O.ConfigFiles.push_back(**V);
    } else if (W.flag("--no-config")) {
      O.NoConfig = true;
    } else if (auto V = W.value("--shard")) {
      if (!*V)
        return V->takeError();
      auto S = parseShard(**V);
      if (!S)
        return S.takeError();
      std::tie(O.ShardIndex, O.ShardCount) = *S;
    } else if (W.flag("--no-prefilter")) {
      O.Prefilter = false;
    } else if (W.flag("--no-focus")) {
      O.Focus = false;
    } else if (W.flag("--no-prune")) {
      O.Prune = false;
    } else if (auto V = W.value("--focus")) {
      if (!*V)
        return V->takeError();
      StringRef M = **V;
      if (M == "off") {
        O.Focus = false;
      } else if (M == "exact" || M == "reaching") {
        O.Focus = true;
        O.FocusReaching = M == "reaching";
      } else {
        return usageError("--focus: expected exact, reaching or off, got '" +
                          M.str() + "'");
      }
    } else if (W.flag("--progress")) {
      O.Progress = Tristate::Always;
    } else if (W.flag("--no-progress")) {
      O.Progress = Tristate::Never;
    } else if (auto V = W.value("--color")) {
      if (!*V)
        return V->takeError();
      auto T = parseTristate("--color", **V);
      if (!T)
        return T.takeError();
      O.Color = *T;
    } else if (auto V = W.value("--html")) {
      if (!*V)
        return V->takeError();
      O.HtmlDir = **V;
    } else if (auto V = W.value("--resource-dir")) {
      if (!*V)
        return V->takeError();
      O.ResourceDir = **V;
    } else if (W.flag("--list-checkers")) {
      O.ListCheckers = true;
    } else if (A.starts_with("-") && A.size() > 1) {
      return usageError("unknown option '" + A + "' (see pinpair help check)");
    } else {
      O.Filters.push_back(A.str());
      W.skip();
    }
  }
  if (O.DbPath.empty() && !O.ListCheckers)
    return usageError("no compilation database: give -p <build-dir> or "
                      "-p <compile_commands.json>");
  return O;
}

Expected<MergeOptions> parseMergeArgs(ArrayRef<std::string> Args) {
  MergeOptions O;
  ArgWalker W(Args);
  while (!W.done()) {
    StringRef A = W.peek();
    Expected<bool> R = reportOption(W, O.Report, /*IsMerge=*/true);
    if (!R)
      return R.takeError();
    if (*R)
      continue;
    if (A.starts_with("-") && A.size() > 1)
      return usageError("unknown option '" + A + "' (see pinpair help merge)");
    O.Inputs.push_back(A.str());
    W.skip();
  }
  if (O.Inputs.empty())
    return usageError("merge: no input files (the --results files of "
                      "`pinpair check` runs)");
  return O;
}

Expected<WorkerOptions> parseWorkerArgs(ArrayRef<std::string> Args) {
  WorkerOptions O;
  O.Checkers.clear();
  ArgWalker W(Args);
  struct {
    const char *Name;
    std::string *Dest;
  } Strings[] = {{"--directory", &O.Directory}, {"--file", &O.File},
                 {"--root", &O.Root},           {"--result", &O.ResultFile},
                 {"--text", &O.TextFile},       {"--sarif", &O.SarifFile},
                 {"--html", &O.HtmlDir},        {"--config", &O.ConfigFile},
                 {"--resource-dir", &O.ResourceDir},
                 {"--needed-bodies", &O.NeededBodiesFile}};
  while (!W.done()) {
    if (W.peek() == "--") {
      W.skip();
      while (!W.done()) {
        O.CommandLine.push_back(W.peek().str());
        W.skip();
      }
      break;
    }
    bool Consumed = false;
    for (auto &S : Strings)
      if (auto V = W.value(S.Name)) {
        if (!*V)
          return V->takeError();
        *S.Dest = **V;
        Consumed = true;
        break;
      }
    if (Consumed)
      continue;
    if (auto V = W.value("--checker")) {
      if (!*V)
        return V->takeError();
      O.Checkers.push_back(**V);
    } else if (auto V = W.value("--analyzer-config")) {
      if (!*V)
        return V->takeError();
      O.AnalyzerConfigs.push_back(**V);
    } else if (W.flag("--color")) {
      O.Color = true;
    } else if (W.flag("--kernel-mode")) {
      O.KernelMode = true;
    } else if (W.flag("--no-focus")) {
      O.NoFocus = true;
    } else if (W.flag("--focus-reaching")) {
      O.FocusReaching = true;
    } else if (W.flag("--no-prune")) {
      O.NoPrune = true;
    } else {
      return usageError("__analyze-tu: unknown argument '" + W.peek() + "'");
    }
  }
  if (O.ResultFile.empty() || O.CommandLine.empty())
    return usageError("__analyze-tu: needs --result FILE and -- <command>");
  if (O.Checkers.empty())
    O.Checkers.push_back("linux.gup");
  return O;
}

std::vector<std::string> workerArgs(const WorkerOptions &O) {
  std::vector<std::string> A;
  auto Add = [&](const char *Name, const std::string &V) {
    if (!V.empty()) {
      A.push_back(Name);
      A.push_back(V);
    }
  };
  Add("--directory", O.Directory);
  Add("--file", O.File);
  Add("--root", O.Root);
  Add("--result", O.ResultFile);
  Add("--text", O.TextFile);
  Add("--sarif", O.SarifFile);
  Add("--html", O.HtmlDir);
  Add("--config", O.ConfigFile);
  Add("--resource-dir", O.ResourceDir);
  Add("--needed-bodies", O.NeededBodiesFile);
  for (const std::string &C : O.Checkers)
    Add("--checker", C);
  for (const std::string &C : O.AnalyzerConfigs)
    Add("--analyzer-config", C);
  if (O.Color)
    A.push_back("--color");
  if (O.KernelMode)
    A.push_back("--kernel-mode");
  if (O.NoFocus)
    A.push_back("--no-focus");
  if (O.FocusReaching)
    A.push_back("--focus-reaching");
  if (O.NoPrune)
    A.push_back("--no-prune");
  A.push_back("--");
  A.insert(A.end(), O.CommandLine.begin(), O.CommandLine.end());
  return A;
}

KernelOptions parseKernelArgs(ArrayRef<std::string> Args) {
  KernelOptions O;
  bool CheckersGiven = false;
  for (const std::string &Arg : Args) {
    StringRef A = Arg;
    if (!A.consume_front("--pinpair-")) {
      O.CompilerArgs.push_back(Arg);
      continue;
    }
    auto [Name, Value] = A.split('=');
    unsigned N;
    if (Name == "checkers") {
      if (auto L = parseCheckerList(Value)) {
        if (!CheckersGiven)
          O.Checkers.clear();
        CheckersGiven = true;
        O.Checkers.insert(O.Checkers.end(), L->begin(), L->end());
      } else {
        consumeError(L.takeError());
      }
    } else if (Name == "analyzer-config" && Value.contains('=')) {
      O.AnalyzerConfigs.push_back(Value.str());
    } else if (Name == "config") {
      O.ConfigFile = Value.str();
    } else if (Name == "timeout" && !Value.getAsInteger(10, N)) {
      O.TimeoutSeconds = N;
    } else if (Name == "memory-limit" && !Value.getAsInteger(10, N)) {
      O.MemoryLimitMB = N;
    } else if (Name == "prefilter" && !Value.getAsInteger(10, N)) {
      O.Prefilter = N != 0;
    }
    // Anything else named --pinpair-* is ignored: a typo in CF= must not
    // stop a kernel build.
  }
  return O;
}

bool looksLikeCompilerInvocation(ArrayRef<std::string> Args) {
  // kbuild passes flags and exactly one C source file, last. A mistyped
  // `pinpair -p build` has no source file: not this mode.
  for (const std::string &A : Args) {
    StringRef S = A;
    if (!S.starts_with("-") && (S.ends_with(".c") || S.ends_with(".i")))
      return true;
  }
  return false;
}

} // namespace pinpair::driver
