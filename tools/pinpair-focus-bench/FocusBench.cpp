//===- FocusBench.cpp - What focusing and the prefilter cost and save -----===//
//
//   pinpair-focus-bench -p compile_commands.json [FILE...] [options]
//
// For each TU (the files given, else every entry of the database), one after
// the other in this process: parse time (-fsyntax-only), analysis time with
// every entry point (clang's AnalysisConsumer), focused analysis time
// (createFocusedAnalysisConsumer, and without summary preservation), whether
// the linux.gup findings (warnings with their notes) are the same, and the
// prefilter's time and verdict. A FILE missing from the database borrows the
// command of the entry in the nearest directory (kernel TUs that were not
// built), with its -DKBUILD_* names replaced.
//
// Options:
//   --checkers=LIST   analyzer checkers (default core,apiModeling,linux.gup)
//   --modes=LIST      of parse,full,prefilter and the focus variants
//                     focused (Summaries::Ordered), skipped (focused, parsed
//                     without the header bodies the prefilter finds
//                     unneeded), all (Summaries::All), fast
//                     (Summaries::None); default all but "all" and "skipped"
//   --extra=ARG       appended to every command (repeatable)
//   --explain         print the focused selection and the prefilter's reason
//   --show            print the linux.gup findings of the full run
//
//===----------------------------------------------------------------------===//

#include "pinpair/Focus.h"
#include "pinpair/FocusRun.h"
#include "pinpair/Prefilter.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

using namespace clang::tooling;
using namespace llvm;
using namespace pinpair;

namespace {

/// The linux.gup warnings, each with the notes that follow it, sorted.
std::vector<std::string> gupFindings(const std::vector<std::string> &Diags) {
  std::vector<std::string> Out;
  bool In = false;
  for (const std::string &D : Diags) {
    bool Warning = D.find(": warning: ") != std::string::npos ||
                   D.find(": error: ") != std::string::npos;
    if (Warning) {
      In = D.find("[linux.gup.") != std::string::npos;
      if (In)
        Out.push_back(D);
    } else if (In) {
      Out.back() += "\n    " + D;
    }
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

size_t commonPrefix(StringRef A, StringRef B) {
  size_t N = 0;
  while (N < A.size() && N < B.size() && A[N] == B[N])
    ++N;
  return N;
}

/// A command for a file the database lacks: the entry whose file shares the
/// longest path prefix, with the file and its KBUILD names swapped.
std::optional<CompileCommand> borrowCommand(const CompilationDatabase &DB,
                                            StringRef File) {
  std::optional<CompileCommand> Best;
  size_t BestLen = 0;
  for (const CompileCommand &C : DB.getAllCompileCommands()) {
    size_t L = commonPrefix(C.Filename, File);
    if (!Best || L > BestLen) {
      Best = C;
      BestLen = L;
    }
  }
  if (!Best)
    return std::nullopt;
  CompileCommand C = *Best;
  std::string Old = C.Filename;
  std::string Base = sys::path::stem(File).str();
  std::string Rel = File.str();
  if (StringRef(Rel).starts_with(C.Directory + "/"))
    Rel = Rel.substr(C.Directory.size() + 1);
  std::string Mod = Rel.substr(0, Rel.size() - 2); // drop ".c"
  for (std::string &A : C.CommandLine) {
    StringRef S = A;
    // The source may be spelled arch/x86/kvm/../../../virt/kvm/x.c.
    if (S == Old || (!S.starts_with("-") &&
                     sys::path::filename(S) == sys::path::filename(Old)))
      A = File.str();
    else if (S.starts_with("-DKBUILD_BASENAME="))
      A = "-DKBUILD_BASENAME=\"" + Base + "\"";
    else if (S.starts_with("-DKBUILD_MODNAME="))
      A = "-DKBUILD_MODNAME=\"" + Base + "\"";
    else if (S.starts_with("-D__KBUILD_MODNAME="))
      A = "-D__KBUILD_MODNAME=kmod_" + Base;
    else if (S.starts_with("-DKBUILD_MODFILE="))
      A = "-DKBUILD_MODFILE=\"" + Mod + "\"";
  }
  C.Filename = File.str();
  return C;
}

struct Variant {
  const char *Name;
  FocusOptions::Summaries S;
  /// Parse without the header bodies the prefilter says are not needed.
  bool SkipBodies = false;
  double Total = 0;
  unsigned Same = 0;
};

bool HaveFullAny(const std::set<std::string> &M) { return M.count("full"); }

} // namespace

int main(int argc, char **argv) {
  std::string DBPath, Checkers = "core,apiModeling,linux.gup";
  std::set<std::string> Modes = {"parse", "full", "focused", "fast",
                                 "prefilter"};
  std::vector<std::string> Files, Extra;
  bool Explain = false, Show = false;
  for (int I = 1; I < argc; ++I) {
    StringRef A = argv[I];
    if (A == "-p" && I + 1 < argc)
      DBPath = argv[++I];
    else if (A.consume_front("--checkers="))
      Checkers = A.str();
    else if (A.consume_front("--modes=")) {
      Modes.clear();
      SmallVector<StringRef, 8> M;
      A.split(M, ',');
      for (StringRef S : M)
        Modes.insert(S.str());
    } else if (A.consume_front("--extra="))
      Extra.push_back(A.str());
    else if (A == "--explain")
      Explain = true;
    else if (A == "--show")
      Show = true;
    else if (A.starts_with("-")) {
      errs() << "unknown option " << A << "\n";
      return 2;
    } else
      Files.push_back(A.str());
  }
  if (DBPath.empty()) {
    errs() << "usage: pinpair-focus-bench -p compile_commands.json [FILE...]\n";
    return 2;
  }
  {
    SmallString<256> Abs(DBPath);
    sys::fs::make_absolute(Abs);
    DBPath = std::string(Abs);
  }
  std::string Err;
  auto DB = JSONCompilationDatabase::loadFromFile(
      DBPath, Err, JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    errs() << Err << "\n";
    return 1;
  }
  std::string Root = sys::path::parent_path(DBPath).str();
  std::vector<CompileCommand> Cmds;
  if (Files.empty()) {
    Cmds = DB->getAllCompileCommands();
  } else {
    for (std::string F : Files) {
      if (!sys::path::is_absolute(F))
        F = Root + "/" + F;
      std::vector<CompileCommand> C = DB->getCompileCommands(F);
      if (!C.empty()) {
        Cmds.push_back(C.front());
      } else if (auto B = borrowCommand(*DB, F)) {
        Cmds.push_back(*B);
      } else {
        errs() << F << ": no command\n";
      }
    }
  }

  std::vector<std::string> AnalyzerArgs = Extra;
  for (const char *S : {"-Xclang", "-setup-static-analyzer", "-Xclang",
                        "-analyzer-output=text"})
    AnalyzerArgs.push_back(S);
  for (StringRef C : split(Checkers, ',')) {
    AnalyzerArgs.push_back("-Xclang");
    AnalyzerArgs.push_back(("-analyzer-checker=" + C).str());
  }
  StringSet<> Targets = defaultTargetNames();

  Variant Variants[] = {{"focused", FocusOptions::Summaries::Ordered},
                        {"skipped", FocusOptions::Summaries::Ordered, true},
                        {"all", FocusOptions::Summaries::All},
                        {"fast", FocusOptions::Summaries::None}};
  raw_ostream &OS = outs();
  OS << "file\tparse_s\tfull_s\tprefilter_s\tverdict\tfunctions\treaching\t"
        "reaching_entry_points\tfindings";
  for (const Variant &V : Variants)
    if (Modes.count(V.Name))
      OS << "\t" << V.Name << "_s\t" << V.Name << "_kept\t" << V.Name
         << "_same";
  OS << "\n";
  double TParse = 0, TFull = 0, TPre = 0;
  unsigned N = 0, Passed = 0, Compared = 0, Findings = 0, Failed = 0,
           Misses = 0;
  auto S = [](double V) {
    return V < 0 ? std::string("-") : formatv("{0:F2}", V).str();
  };
  for (const CompileCommand &Cmd : Cmds) {
    std::string Name = Cmd.Filename;
    if (StringRef(Name).starts_with(Cmd.Directory + "/"))
      Name = Name.substr(Cmd.Directory.size() + 1);
    double Parse = -1, Full = -1, Pre = -1;
    std::string Verdict = "-";
    std::vector<std::string> FullFindings;
    bool Fail = false;
    std::shared_ptr<const StringSet<>> Needed;
    if (Modes.count("prefilter") || Modes.count("skipped")) {
      PrefilterOptions PO;
      PO.NeededBodies = Modes.count("skipped");
      PrefilterResult P = prefilterTU(Cmd, Targets, PO);
      if (P.NeededBodies)
        Needed = neededBodySet(*P.NeededBodies);
      Pre = P.Seconds;
      Verdict = P.MayReach ? "pass" : "skip";
      Passed += P.MayReach;
      if (Explain)
        errs() << Name << ": prefilter: " << P.Why << " (" << P.Tokens
               << " tokens)\n";
    }
    if (Modes.count("parse")) {
      RunResult R = runOn(Cmd, RunMode::Parse, Extra);
      Parse = R.Seconds;
      Fail |= !R.Ok;
      unsigned Shown = 0;
      for (const std::string &D : R.Diags)
        if (D.find(": error: ") != std::string::npos && Shown++ < 3)
          errs() << Name << ": " << D << "\n";
    }
    bool HaveFull = Modes.count("full");
    if (HaveFull) {
      RunResult R = runOn(Cmd, RunMode::Full, AnalyzerArgs);
      Full = R.Seconds;
      Fail |= !R.Ok;
      FullFindings = gupFindings(R.Diags);
      if (Show)
        for (const std::string &F : FullFindings)
          errs() << Name << ": " << F << "\n";
    }
    std::string Cols;
    FocusStats St;
    bool AnyVariant = false;
    for (Variant &V : Variants) {
      if (!Modes.count(V.Name))
        continue;
      AnyVariant = true;
      FocusOptions O;
      O.PreserveSummaries = V.S;
      if (V.SkipBodies)
        O.NeededBodies = Needed;
      std::string Ex;
      raw_string_ostream ExOS(Ex);
      if (Explain)
        O.Explain = &ExOS;
      RunResult R = runOn(Cmd, RunMode::Focused, AnalyzerArgs, O);
      Fail |= !R.Ok;
      St = R.Stats;
      V.Total += R.Seconds;
      if (Explain)
        errs() << Name << ": " << V.Name << ":\n" << Ex;
      if (!R.Stats.Why.empty())
        errs() << Name << ": " << V.Name << ": " << R.Stats.Why << "\n";
      errs() << Name << ": " << V.Name << ": selection "
             << formatv("{0:F2}", R.Stats.SelectSeconds) << " s, "
             << R.Stats.Rounds << " rounds, " << R.Stats.CFGsBuilt
             << " CFGs, kept " << R.Stats.Reaching << " reaching + "
             << R.Stats.KeptForSummaries;
      if (V.SkipBodies)
        errs() << ", header bodies skipped " << R.Stats.SkippedBodies
               << ", kept " << R.Stats.KeptBodies;
      errs() << "\n";
      std::string Same = "-";
      if (HaveFull) {
        std::vector<std::string> F = gupFindings(R.Diags);
        bool Eq = F == FullFindings;
        Same = Eq ? "yes" : "NO";
        V.Same += Eq;
        if (!Eq) {
          for (const std::string &L : FullFindings)
            errs() << Name << ": full: " << L << "\n";
          for (const std::string &L : F)
            errs() << Name << ": " << V.Name << ": " << L << "\n";
        }
      }
      Cols += "\t" + S(R.Seconds) + "\t" +
              std::to_string(St.Reaching + St.KeptForSummaries) + "\t" + Same;
    }
    Compared += HaveFull && AnyVariant;
    // The prefilter must never skip a TU where an entry point reaches a
    // target (the focused selection knows exactly).
    if (AnyVariant && Verdict == "skip" && St.ReachingEntryPoints) {
      errs() << Name << ": PREFILTER MISS: skipped, but "
             << St.ReachingEntryPoints << " entry points reach a target\n";
      ++Misses;
    }
    ++N;
    Failed += Fail;
    Findings += FullFindings.size();
    OS << Name << (Fail ? " (errors)" : "") << "\t" << S(Parse) << "\t"
       << S(Full) << "\t" << S(Pre) << "\t" << Verdict << "\t" << St.Functions
       << "\t" << St.Reaching << "\t" << St.ReachingEntryPoints << "\t"
       << (HaveFull ? std::to_string(FullFindings.size()) : "-") << Cols
       << "\n";
    OS.flush();
    TParse += std::max(Parse, 0.0);
    TFull += std::max(Full, 0.0);
    TPre += std::max(Pre, 0.0);
  }
  auto R = [](double A, double B) {
    return B > 0 ? formatv("{0:F2}", A / B).str() : std::string("-");
  };
  OS << "# TUs " << N << " (with errors " << Failed << "), linux.gup findings "
     << Findings << "\n";
  OS << "# total s: parse " << formatv("{0:F1}", TParse) << ", full "
     << formatv("{0:F1}", TFull) << ", prefilter " << formatv("{0:F1}", TPre);
  for (const Variant &V : Variants)
    if (Modes.count(V.Name))
      OS << ", " << V.Name << " " << formatv("{0:F1}", V.Total);
  OS << "\n# ratios to parse: full " << R(TFull, TParse) << ", prefilter "
     << R(TPre, TParse);
  for (const Variant &V : Variants)
    if (Modes.count(V.Name))
      OS << ", " << V.Name << " " << R(V.Total, TParse);
  OS << "\n";
  for (const Variant &V : Variants)
    if (Modes.count(V.Name) && HaveFullAny(Modes))
      OS << "# " << V.Name << ": full / " << V.Name << " " << R(TFull, V.Total)
         << ", same findings " << V.Same << "/" << Compared << "\n";
  if (Modes.count("prefilter"))
    OS << "# prefilter passed " << Passed << "/" << N
       << ", skipped TUs with a reaching entry point: " << Misses << "\n";
  return 0;
}
