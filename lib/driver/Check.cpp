//===- Check.cpp - pinpair check, merge and the kernel checker mode -------===//
#include "Run.h"
#include "Interrupt.h"
#include "Scheduler.h"

#include "pinpair/GupApi.h"
#include "pinpair/driver/AnalyzerCommand.h"
#include "pinpair/driver/CompileDb.h"
#include "pinpair/driver/Hooks.h"
#include "pinpair/driver/Sarif.h"
#include "pinpair/driver/Selection.h"

#include "llvm/Support/ThreadPool.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <thread>

using namespace llvm;

namespace pinpair::driver {
namespace {

int usageFailure(const Twine &Msg) {
  errs() << "pinpair: error: " << Msg << '\n';
  return ExitError;
}

/// PrefilterVerdict::NeededBodies for the worker, one name per line. False
/// when it could not be written: the worker then parses every body.
bool writeNeededBodies(const std::string &Path,
                       const std::vector<std::string> &Names) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
  if (EC)
    return false;
  for (const std::string &N : Names)
    OS << N << '\n';
  OS.close();
  bool Ok = !OS.has_error();
  OS.clear_error();
  return Ok;
}

std::string readFileOr(StringRef Path, StringRef Default = "") {
  ErrorOr<std::unique_ptr<MemoryBuffer>> B = MemoryBuffer::getFile(Path);
  return B ? (*B)->getBuffer().str() : Default.str();
}

/// The configs load (readable, valid): else one error line naming the file
/// (and line and column), before any TU is analysed.
Error validateConfigs(ArrayRef<std::string> Paths) {
  if (Paths.empty())
    return Error::success();
  for (const std::string &P : Paths)
    if (StringRef(P).contains(':'))
      return createStringError(inconvertibleErrorCode(),
                               "config path " + P + " contains ':'");
  Expected<std::unique_ptr<ApiTable>> T = loadTableWithConfigs(Paths);
  if (!T)
    return createStringError(inconvertibleErrorCode(),
                             "config: " + toString(T.takeError()));
  return Error::success();
}

/// A temporary directory removed when the run ends.
class TempDir {
public:
  Error create() {
    SmallString<128> P;
    if (std::error_code EC = sys::fs::createUniqueDirectory("pinpair", P))
      return createStringError(EC, "cannot create a temporary directory: " +
                                       EC.message());
    Path = std::string(P);
    return Error::success();
  }
  ~TempDir() {
    if (!Path.empty() && !std::getenv("PINPAIR_KEEP_TEMPS"))
      sys::fs::remove_directories(Path);
    disarmInterruptCleanup();
  }
  /// A file in the directory (created by whoever writes it).
  std::string file(const Twine &Name) {
    SmallString<256> P(Path);
    sys::path::append(P, Name);
    Files.push_back(std::string(P));
    return Files.back();
  }
  /// From now on an interrupt (Ctrl-C, SIGTERM) removes the files handed
  /// out so far and the directory, and kills the workers.
  void armCleanup() {
    if (!std::getenv("PINPAIR_KEEP_TEMPS"))
      armInterruptCleanup(Path, Files);
  }
  std::string Path;
  std::vector<std::string> Files;
};

/// What one worker left behind, turned into a TUResult and findings.
struct WorkerFiles {
  std::string Result, Text, Sarif, Log;
};

TUResult interpretOutcome(const std::string &File, const ProcessOutcome &PO,
                          const WorkerFiles &WF, unsigned TimeoutSeconds,
                          unsigned MemoryLimitMB, std::vector<Finding> &Found) {
  TUResult T;
  T.File = File;
  T.Seconds = PO.Seconds;
  std::string Log = readFileOr(WF.Log);
  bool OOM = StringRef(Log).contains("out of memory") ||
             StringRef(Log).contains("std::bad_alloc");
  switch (PO.K) {
  case ProcessOutcome::TimedOut:
    T.Status = TUStatus::TimedOut;
    T.Detail = formatv("timed out after {0}s", TimeoutSeconds);
    return T;
  case ProcessOutcome::StartFailed: {
    // The dynamic loader's own message (e.g. a memory limit too small to
    // map the libraries) says more than the exit status.
    StringRef FirstLine = StringRef(Log).split('\n').first.trim();
    T.Status = TUStatus::Failed;
    T.Detail = "failed: could not start the worker: " +
               (FirstLine.empty() ? PO.Message : FirstLine.str());
    return T;
  }
  case ProcessOutcome::Signaled:
    if (OOM) {
      T.Status = TUStatus::OutOfMemory;
      T.Detail = formatv("ran out of memory (limit {0} MB)", MemoryLimitMB);
    } else {
      T.Status = TUStatus::Crashed;
      T.Detail = PO.Signal ? formatv("analysis crashed (signal {0})", PO.Signal)
                                 .str()
                           : "analysis crashed (" + PO.Message + ")";
    }
    return T;
  case ProcessOutcome::Exited:
    break;
  }
  Expected<json::Value> V = readJSONFile(WF.Result);
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O) {
    if (!V)
      consumeError(V.takeError());
    T.Status = OOM ? TUStatus::OutOfMemory : TUStatus::Failed;
    T.Detail = OOM ? formatv("ran out of memory (limit {0} MB)", MemoryLimitMB)
                         .str()
                   : formatv("failed: the worker exited with status {0} "
                             "without a result",
                             PO.ExitCode)
                         .str();
    return T;
  }
  if (O->getString("status") != StringRef("analyzed")) {
    T.Status = TUStatus::Failed;
    T.Detail = "failed: " + O->getString("error").value_or("unknown error").str();
    T.Text = readFileOr(WF.Text);
    return T;
  }
  T.Status = TUStatus::Analyzed;
  T.Text = stripDiagnosticStats(readFileOr(WF.Text));
  if (const json::Array *Fs = O->getArray("findings"))
    for (const json::Value &FV : *Fs) {
      Finding F;
      json::Path::Root Root;
      if (fromJSON(FV, F, Root)) {
        Found.push_back(std::move(F));
        ++T.NumFindings;
      }
    }
  return T;
}

unsigned defaultJobs() {
  int Cores = llvm::get_physical_cores();
  if (Cores > 0)
    return Cores;
  unsigned N = std::thread::hardware_concurrency();
  return N ? N : 1;
}

bool colorFor(Tristate T, bool IsDisplayed) {
  if (T == Tristate::Always)
    return true;
  if (T == Tristate::Never || std::getenv("NO_COLOR"))
    return false;
  return IsDisplayed;
}

} // namespace

/// --baseline FILE, when given.
static Error loadBaseline(StringRef File, std::optional<Baseline> &Base) {
  if (File.empty())
    return Error::success();
  Expected<Baseline> B = readBaseline(File);
  if (!B)
    return B.takeError();
  Base = std::move(*B);
  return Error::success();
}

int runCheck(const CheckOptions &O, StringRef Self) {
  if (O.ListCheckers)
    return listCheckers();
  const CheckerCatalog &Catalog = checkerCatalog();
  if (Error E = Catalog.validate(O.Checkers, O.AnalyzerConfigs))
    return usageFailure(toString(std::move(E)));

  Expected<std::string> DbPath = locateCompileDb(O.DbPath);
  if (!DbPath)
    return usageFailure(toString(DbPath.takeError()));
  Expected<CompileDb> Db = loadCompileDb(*DbPath);
  if (!Db)
    return usageFailure(toString(Db.takeError()));

  // The tree root is the nearest directory from the database up holding
  // .pinpair.yaml, else the database directory; paths in findings and
  // fingerprints are below it, whichever config is used. That .pinpair.yaml
  // is the config unless --config or --no-config.
  std::string Root = Db->Dir;
  std::vector<std::string> Configs;
  if (std::string D = findConfigDir(Db->Dir); !D.empty()) {
    Root = D;
    if (O.ConfigFiles.empty() && !O.NoConfig) {
      SmallString<256> P(D);
      sys::path::append(P, ".pinpair.yaml");
      Configs.push_back(std::string(P));
    }
  }
  for (const std::string &C : O.ConfigFiles)
    Configs.push_back(absolutePath(C, ""));
  if (Error E = validateConfigs(Configs))
    return usageFailure(toString(std::move(E)));
  std::string Config = llvm::join(Configs, ":");
  std::optional<Baseline> Base;
  if (Error E = loadBaseline(O.Report.BaselineFile, Base))
    return usageFailure(toString(std::move(E)));
  Expected<std::vector<PathFilter>> Filters =
      compileFilters(O.Filters, Db->Dir);
  if (!Filters)
    return usageFailure(toString(Filters.takeError()));
  std::string HtmlDir;
  if (!O.HtmlDir.empty()) {
    HtmlDir = absolutePath(O.HtmlDir, "");
    if (std::error_code EC = sys::fs::create_directories(HtmlDir))
      return usageFailure("cannot create --html directory " + HtmlDir + ": " +
                          EC.message());
  }
  if (O.Report.Verbose) {
    errs() << "pinpair: database " << Db->Path << ", root " << Root << '\n';
    if (!Config.empty())
      errs() << "pinpair: config " << Config << '\n';
  }

  // Select the TUs: sorted by path, one command per file, filters, shard,
  // then the prefilter (hook for lib/focus).
  RunResults R;
  R.Root = Root;
  R.Checkers = O.Checkers;
  struct Selected {
    const CompileCommand *Cmd;
    std::string Rel;
    /// What the prefilter spent on it: part of the TU's cost in --results.
    double PrefilterSeconds = 0;
    /// The prefilter's PrefilterVerdict::NeededBodies, written out.
    std::string NeededBodiesFile;
  };
  std::vector<Selected> All;
  StringSet<> SeenFiles;
  for (const CompileCommand &C : Db->Commands)
    if (SeenFiles.insert(C.File).second)
      All.push_back({&C, relativeTo(C.File, Root), 0, ""});
  llvm::stable_sort(All, [](const Selected &A, const Selected &B) {
    return A.Rel < B.Rel;
  });
  std::vector<Selected> Work;
  for (const Selected &S : All) {
    if (!isAnalysableSource(S.Cmd->File)) {
      ++R.NotSource;
      continue;
    }
    if (!matchesFilters(*Filters, relativeTo(S.Cmd->File, Db->Dir),
                        S.Cmd->File)) {
      ++R.Filtered;
      continue;
    }
    if (O.ShardCount && !inShard(S.Rel, O.ShardIndex, O.ShardCount)) {
      ++R.OtherShards;
      continue;
    }
    Work.push_back(S);
  }
  TempDir Tmp;
  if (Error E = Tmp.create())
    return usageFailure(toString(std::move(E)));
  // The prefilter only preprocesses, but a tree has thousands of TUs: run it
  // on --jobs threads (each call has its own CompilerInstance), keep order.
  if (O.Prefilter && hooks().Prefilter && !Work.empty()) {
    std::vector<PrefilterVerdict> Verdict(Work.size());
    // Each TU's prefilter wall time, reported as a skipped TU's seconds.
    std::vector<double> Took(Work.size());
    // Written by the thread that prefilters the TU, read by its worker.
    std::vector<std::string> BodiesFile(Work.size());
    for (size_t I = 0; I < Work.size(); ++I)
      BodiesFile[I] = Tmp.file(Twine("pre") + Twine(I) + ".bodies");
    Tmp.armCleanup();
    {
      DefaultThreadPool Pool(hardware_concurrency(O.Jobs));
      for (size_t I = 0; I < Work.size(); ++I)
        Pool.async([&, I] {
          auto T0 = std::chrono::steady_clock::now();
          Verdict[I] = hooks().Prefilter(*Work[I].Cmd, O, Configs);
          if (Verdict[I].Skip || !Verdict[I].NeededBodies ||
              !writeNeededBodies(BodiesFile[I], *Verdict[I].NeededBodies))
            BodiesFile[I].clear(); // the worker keeps every body
          Verdict[I].NeededBodies.reset();
          Took[I] = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - T0)
                        .count();
        });
      Pool.wait();
    }
    std::vector<Selected> Kept;
    for (size_t I = 0; I < Work.size(); ++I) {
      if (!Verdict[I].Skip) {
        Kept.push_back(Work[I]);
        Kept.back().PrefilterSeconds = Took[I];
        Kept.back().NeededBodiesFile = BodiesFile[I];
        continue;
      }
      TUResult T;
      T.File = Work[I].Rel;
      T.Status = TUStatus::Skipped;
      T.Detail = *Verdict[I].Skip;
      T.Seconds = Took[I];
      R.TUs.push_back(std::move(T));
    }
    Work = std::move(Kept);
  }

  bool WantSarif = !O.Report.SarifFile.empty() || !O.Report.ResultsFile.empty();
  bool Color = O.Report.Format == OutputFormat::Text &&
               colorFor(O.Color, sys::Process::StandardOutIsDisplayed());
  std::vector<ProcessJob> Jobs;
  std::vector<WorkerFiles> Files;
  for (size_t I = 0; I < Work.size(); ++I) {
    WorkerFiles WF{Tmp.file(Twine(I) + ".result.json"),
                   Tmp.file(Twine(I) + ".txt"),
                   WantSarif ? Tmp.file(Twine(I) + ".sarif") : "",
                   Tmp.file(Twine(I) + ".log")};
    WorkerOptions W;
    W.Directory = Work[I].Cmd->Directory;
    W.File = Work[I].Cmd->File;
    W.Root = Root;
    W.CommandLine = Work[I].Cmd->Arguments;
    W.ResultFile = WF.Result;
    W.TextFile = WF.Text;
    W.SarifFile = WF.Sarif;
    W.HtmlDir = HtmlDir;
    W.Checkers = O.Checkers;
    W.AnalyzerConfigs = O.AnalyzerConfigs;
    W.ConfigFile = Config;
    W.ResourceDir = O.ResourceDir;
    W.NeededBodiesFile = Work[I].NeededBodiesFile;
    W.NoFocus = !O.Focus;
    W.FocusReaching = O.FocusReaching;
    W.NoPrune = !O.Prune;
    W.Color = Color;
    std::vector<std::string> Args{"__analyze-tu"};
    for (std::string &A : workerArgs(W))
      Args.push_back(std::move(A));
    Jobs.push_back({std::move(Args), WF.Log});
    Files.push_back(std::move(WF));
  }

  // Run. Each TU's text is printed in TU order as soon as the TUs before it
  // are done; failures are reported as they happen.
  bool ShowProgress =
      O.Progress == Tristate::Always ||
      (O.Progress == Tristate::Auto && sys::Process::StandardErrIsDisplayed());
  ProgressLine Progress(ShowProgress, Work.size());
  std::vector<std::optional<TUResult>> Done(Work.size());
  std::vector<std::vector<Finding>> Found(Work.size());
  size_t NextToPrint = 0, NumDone = 0, NumFindings = 0;
  unsigned Parallel = O.Jobs ? O.Jobs : defaultJobs();
  Progress.update(0, 0);
  Tmp.armCleanup();
  runProcesses(
      Self, Jobs, Parallel, O.TimeoutSeconds, O.MemoryLimitMB,
      [&](size_t I, const ProcessOutcome &PO) {
        Done[I] = interpretOutcome(Work[I].Rel, PO, Files[I], O.TimeoutSeconds,
                                   O.MemoryLimitMB, Found[I]);
        Done[I]->Seconds += Work[I].PrefilterSeconds;
        ++NumDone;
        NumFindings += Found[I].size();
        Progress.clear();
        if (isFailure(Done[I]->Status)) {
          errs() << "pinpair: error: " << Done[I]->File << ": "
                 << Done[I]->Detail << '\n';
          if (O.Report.Verbose) {
            errs() << readFileOr(Files[I].Log) << Done[I]->Text;
            errs() << "pinpair: note: command: ";
            for (const std::string &A : Work[I].Cmd->Arguments)
              errs() << A << ' ';
            errs() << '\n';
          }
        }
        while (NextToPrint < Done.size() && Done[NextToPrint]) {
          const TUResult &T = *Done[NextToPrint++];
          if (O.Report.Format == OutputFormat::Text &&
              T.Status == TUStatus::Analyzed)
            outs() << T.Text;
        }
        outs().flush();
        Progress.update(NumDone, NumFindings);
      },
      [&] { Progress.update(NumDone, NumFindings); });
  Progress.clear();

  // Aggregate in TU order; a finding seen from two TUs counts once.
  StringSet<> Seen;
  SarifMerger Sarif;
  for (size_t I = 0; I < Work.size(); ++I) {
    for (Finding &F : Found[I])
      addFinding(R.Findings, Seen, std::move(F));
    if (WantSarif && Done[I]->Status == TUStatus::Analyzed &&
        sys::fs::exists(Files[I].Sarif)) {
      Expected<json::Value> Log = readJSONFile(Files[I].Sarif);
      Error E = Log ? Sarif.add(*Log) : Log.takeError();
      if (E)
        errs() << "pinpair: warning: " << Work[I].Rel << ": "
               << toString(std::move(E)) << '\n';
    }
    R.TUs.push_back(std::move(*Done[I]));
  }
  llvm::stable_sort(R.TUs, [](const TUResult &A, const TUResult &B) {
    return A.File < B.File;
  });
  if (WantSarif)
    R.Sarif = Sarif.take(PINPAIR_VERSION, Catalog.descriptions());
  sortFindings(R.Findings);
  if (!HtmlDir.empty()) {
    if (Error E = writeHtmlIndex(HtmlDir, R))
      errs() << "pinpair: error: " << toString(std::move(E)) << '\n';
  }
  return finishRun(R, O.Report, Base ? &*Base : nullptr, FinishOptions{});
}

int runMerge(const MergeOptions &O) {
  std::optional<Baseline> Base;
  if (Error E = loadBaseline(O.Report.BaselineFile, Base))
    return usageFailure(toString(std::move(E)));
  RunResults R;
  StringSet<> Seen, SeenTUs;
  SarifMerger Sarif;
  bool AnySarif = false;
  for (const std::string &In : O.Inputs) {
    Expected<RunResults> Part = readRunResults(In);
    if (!Part)
      return usageFailure(toString(Part.takeError()));
    if (R.Root.empty())
      R.Root = Part->Root;
    if (R.Checkers.empty())
      R.Checkers = Part->Checkers;
    // Every shard applies the same filters and sees the same non-sources.
    R.Filtered = std::max(R.Filtered, Part->Filtered);
    R.NotSource = std::max(R.NotSource, Part->NotSource);
    for (TUResult &T : Part->TUs)
      if (SeenTUs.insert(T.File).second)
        R.TUs.push_back(std::move(T));
    for (Finding &F : Part->Findings)
      addFinding(R.Findings, Seen, std::move(F));
    if (Part->Sarif) {
      AnySarif = true;
      if (Error E = Sarif.add(*Part->Sarif))
        return usageFailure(In + ": " + toString(std::move(E)));
    }
  }
  llvm::stable_sort(R.TUs, [](const TUResult &A, const TUResult &B) {
    return A.File < B.File;
  });
  if (AnySarif)
    R.Sarif = Sarif.take(PINPAIR_VERSION, checkerCatalog().descriptions());
  FinishOptions FO;
  FO.PrintTexts = true;
  FO.PrintFailures = true;
  return finishRun(R, O.Report, Base ? &*Base : nullptr, FO);
}

int runKernelMode(const KernelOptions &K, StringRef Self) {
  // Never stop a kernel build: every problem is a message, the status is 0.
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  AnalyzerCommandOptions CO;
  CO.KernelMode = true;
  AnalyzerCommand Cmd = buildAnalyzerCommand(K.CompilerArgs, CO);
  if (Cmd.Inputs.empty()) {
    errs() << "pinpair: warning: no source file on the command line; "
              "nothing analysed\n";
    return ExitClean;
  }
  std::string Root = std::string(Cwd), Config;
  if (std::string D = findConfigDir(Cwd); !D.empty()) {
    Root = D;
    Config = D + "/.pinpair.yaml";
  }
  if (!K.ConfigFile.empty())
    Config = absolutePath(K.ConfigFile, Cwd);
  if (!Config.empty())
    if (Error E = validateConfigs(Config)) {
      // Analysing without the user's wrappers would report false leaks.
      errs() << "pinpair: error: " << toString(std::move(E))
             << "; nothing analysed\n";
      return ExitClean;
    }
  TempDir Tmp;
  if (Error E = Tmp.create()) {
    errs() << "pinpair: warning: " << toString(std::move(E)) << '\n';
    return ExitClean;
  }
  WorkerFiles WF{Tmp.file("result.json"), Tmp.file("out.txt"), "",
                 Tmp.file("log.txt")};
  WorkerOptions W;
  W.Directory = std::string(Cwd);
  W.File = absolutePath(Cmd.Inputs.front(), Cwd);
  // As in `check`: a TU that cannot reach the API is not parsed at all (most
  // of a tree), and the parse of one that can skips the header bodies no
  // main-file code reaches. The prefilter preprocesses the analyzer's own
  // command (sparse's flags gone), without --analyze.
  if (K.Prefilter && hooks().Prefilter) {
    CompileCommand TU;
    TU.Directory = W.Directory;
    TU.File = W.File;
    for (const std::string &A : Cmd.Argv)
      if (A != "--analyze")
        TU.Arguments.push_back(A);
    CheckOptions CO;
    CO.Checkers = K.Checkers;
    std::vector<std::string> Configs;
    if (!Config.empty())
      Configs.push_back(Config);
    PrefilterVerdict V = hooks().Prefilter(TU, CO, Configs);
    if (V.Skip)
      return ExitClean; // sparse prints nothing for a clean file either
    if (V.NeededBodies) {
      std::string Path = Tmp.file("needed.bodies");
      if (writeNeededBodies(Path, *V.NeededBodies))
        W.NeededBodiesFile = Path;
    }
  }
  W.Root = Root;
  W.CommandLine = K.CompilerArgs;
  W.ResultFile = WF.Result;
  W.TextFile = WF.Text;
  W.Checkers = K.Checkers;
  W.AnalyzerConfigs = K.AnalyzerConfigs;
  W.ConfigFile = Config;
  W.KernelMode = true;
  W.Color = colorFor(Tristate::Auto, sys::Process::StandardErrIsDisplayed());
  std::vector<std::string> Args{"__analyze-tu"};
  for (std::string &A : workerArgs(W))
    Args.push_back(std::move(A));
  std::vector<ProcessJob> Jobs{{std::move(Args), WF.Log}};
  std::string Display = Cmd.Inputs.front();
  Tmp.armCleanup();
  runProcesses(
      Self, Jobs, 1, K.TimeoutSeconds, K.MemoryLimitMB,
      [&](size_t, const ProcessOutcome &PO) {
        std::vector<Finding> Found;
        TUResult T = interpretOutcome(Display, PO, WF, K.TimeoutSeconds,
                                      K.MemoryLimitMB, Found);
        if (T.Status == TUStatus::Analyzed)
          errs() << T.Text;
        else
          errs() << "pinpair: error: " << T.File << ": " << T.Detail << '\n';
      },
      [] {});
  return ExitClean;
}

} // namespace pinpair::driver
