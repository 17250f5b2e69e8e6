//===- FocusTest.cpp - Focused analysis and the prefilter ----------------===//
//
// (a) focused analysis prints exactly what clang's analysis prints, on every
//     lit checker test (with each RUN line's options) and the example corpus;
// (b) the prefilter passes every TU with a finding, and rejects TUs that only
//     include the API without reaching it;
// (c) which functions a small TU keeps.
//
//===----------------------------------------------------------------------===//

#include "pinpair/Focus.h"
#include "pinpair/FocusRun.h"
#include "pinpair/Prefilter.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

using namespace pinpair;
using clang::tooling::CompileCommand;

namespace {

const std::string Src = PINPAIR_SOURCE_DIR;
const std::string Triple = "--target=x86_64-unknown-linux-gnu";

std::vector<std::string> filesIn(const std::string &Dir, llvm::StringRef Ext) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC;
       I.increment(EC))
    if (llvm::StringRef(I->path()).ends_with(Ext))
      Out.push_back(I->path());
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::string readFile(const std::string &Path) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  return B ? (*B)->getBuffer().str() : std::string();
}

/// One analyzer configuration of a lit test: its -D flags and analyzer
/// options, as cc1 arguments behind -Xclang.
struct Config {
  std::vector<std::string> Defines;
  std::vector<std::string> Analyzer;
  std::string Text;
  /// linux.gup.PageRefModel:Config files, if any.
  std::vector<std::string> ApiConfigs;
};

/// The configurations of a lit test's RUN lines (continuations joined).
std::vector<Config> runConfigs(const std::string &Path) {
  std::vector<std::string> Runs;
  std::string Cur;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  std::string Text = readFile(Path);
  llvm::StringRef(Text).split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    size_t P = L.find("RUN:");
    if (P == llvm::StringRef::npos)
      continue;
    llvm::StringRef Body = L.substr(P + 4).trim();
    bool More = Body.consume_back("\\");
    Cur += " " + Body.str();
    if (!More) {
      Runs.push_back(Cur);
      Cur.clear();
    }
  }
  std::vector<Config> Out;
  for (std::string R : Runs) {
    // Expected failures and runs that need lit's temporaries are not
    // analysis configurations.
    if (llvm::StringRef(R).trim().starts_with("not ") ||
        R.find("%t") != std::string::npos)
      continue;
    for (size_t P; (P = R.find("%inputs")) != std::string::npos;)
      R.replace(P, 7, Src + "/test/checkers/Inputs");
    Config C;
    C.Text = R;
    llvm::SmallVector<llvm::StringRef, 32> Toks;
    llvm::SplitString(R, Toks);
    std::string Checkers = "core,linux.gup";
    for (size_t I = 0; I < Toks.size(); ++I) {
      llvm::StringRef T = Toks[I];
      if (T.starts_with("-D"))
        C.Defines.push_back(T.str());
      else if (T == "-analyzer-config" && I + 1 < Toks.size()) {
        C.Analyzer.push_back("-analyzer-config");
        C.Analyzer.push_back(Toks[++I].str());
        llvm::StringRef KV = C.Analyzer.back();
        if (KV.consume_front(std::string(ConfigOptionKey) + "=")) {
          llvm::SmallVector<llvm::StringRef, 2> Parts;
          KV.split(Parts, ':', -1, false);
          C.ApiConfigs.assign(Parts.begin(), Parts.end());
        }
      } else if (T.consume_front("-analyzer-checker="))
        Checkers = T.str();
    }
    C.Analyzer.push_back("-analyzer-checker=" + Checkers);
    C.Analyzer.push_back("-analyzer-output=text");
    Out.push_back(C);
  }
  if (Out.empty()) {
    Config C;
    C.Analyzer = {"-analyzer-checker=core,linux.gup", "-analyzer-output=text"};
    Out.push_back(C);
  }
  return Out;
}

std::vector<std::string> xclang(const std::vector<std::string> &Cc1) {
  std::vector<std::string> A;
  for (const std::string &S : Cc1) {
    A.push_back("-Xclang");
    A.push_back(S);
  }
  return A;
}

CompileCommand command(const std::string &File,
                       const std::vector<std::string> &Flags) {
  std::vector<std::string> Argv = {"clang", Triple};
  Argv.insert(Argv.end(), Flags.begin(), Flags.end());
  Argv.push_back(File);
  return CompileCommand(llvm::sys::path::parent_path(File), File, Argv, "");
}

bool has(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

std::string show(const std::vector<std::string> &V) {
  std::string S;
  for (const std::string &L : V)
    S += "  " + L + "\n";
  return S;
}

/// The linux.gup reports of a run: each linux.gup warning with the notes
/// that follow it. Focusing preserves these (other checkers' reports in
/// dropped functions disappear: test/checkers/prune.c has such probes).
std::vector<std::string> gupReports(const std::vector<std::string> &Diags) {
  std::vector<std::string> Out;
  bool In = false;
  for (const std::string &D : Diags) {
    if (D.find(": warning: ") != std::string::npos ||
        D.find(": error: ") != std::string::npos)
      In = D.find("[linux.gup.") != std::string::npos;
    if (In)
      Out.push_back(D);
  }
  return Out;
}

/// Runs File in full, focused, focused with pruning, and focused with
/// pruning on a parse without the header bodies the prefilter finds
/// unneeded, and expects the same linux.gup reports, in the same order.
/// Returns the linux.gup warnings.
std::vector<std::string> expectSameFindings(const std::string &File,
                                            const std::vector<std::string> &Flags,
                                            const Config &C,
                                            unsigned *Dropped = nullptr,
                                            unsigned *SkippedBodies = nullptr) {
  std::vector<std::string> F = Flags;
  F.insert(F.end(), C.Defines.begin(), C.Defines.end());
  CompileCommand Cmd = command(File, F);
  std::vector<std::string> Extra = xclang(C.Analyzer);
  RunResult Full = runOn(Cmd, RunMode::Full, Extra);
  RunResult Foc = runOn(Cmd, RunMode::Focused, Extra);
  EXPECT_TRUE(Full.Ok) << File << "\n" << show(Full.Diags);
  EXPECT_TRUE(Foc.Ok) << File << "\n" << show(Foc.Diags);
  EXPECT_EQ(gupReports(Full.Diags), gupReports(Foc.Diags))
      << File << " with" << C.Text << "\nfull:\n"
      << show(Full.Diags) << "focused:\n"
      << show(Foc.Diags);
  // pinpair's default: focused, and paths that can report nothing more
  // ended (linux.gup.PageRefModel:Prune). Not the same by construction
  // (clang's budgets are spent on other paths), so measured on every input.
  std::vector<std::string> PruneExtra = Extra;
  for (const char *A : {"-Xclang", "-analyzer-config", "-Xclang",
                        "linux.gup.PageRefModel:Prune=true"})
    PruneExtra.push_back(A);
  RunResult Pruned = runOn(Cmd, RunMode::Focused, PruneExtra);
  EXPECT_TRUE(Pruned.Ok) << File << "\n" << show(Pruned.Diags);
  EXPECT_EQ(gupReports(Full.Diags), gupReports(Pruned.Diags))
      << File << " with" << C.Text << ", pruned\nfull:\n"
      << show(Full.Diags) << "focused and pruned:\n"
      << show(Pruned.Diags);
  if (Dropped)
    *Dropped += Foc.Stats.Dropped;
  // And the parse skips the header bodies the prefilter finds unneeded: the
  // whole default of `pinpair check`.
  auto Targets = targetNamesWithConfigs(C.ApiConfigs);
  EXPECT_TRUE(bool(Targets));
  if (!Targets) {
    llvm::consumeError(Targets.takeError());
    return {};
  }
  PrefilterOptions PO;
  PO.NeededBodies = true;
  PrefilterResult P = prefilterTU(Cmd, *Targets, PO);
  if (P.NeededBodies) {
    FocusOptions SO;
    SO.NeededBodies = neededBodySet(*P.NeededBodies);
    RunResult Skipped = runOn(Cmd, RunMode::Focused, PruneExtra, SO);
    EXPECT_TRUE(Skipped.Ok) << File << "\n" << show(Skipped.Diags);
    EXPECT_EQ(gupReports(Full.Diags), gupReports(Skipped.Diags))
        << File << " with" << C.Text << ", bodies skipped\nfull:\n"
        << show(Full.Diags) << "focused, pruned, bodies skipped:\n"
        << show(Skipped.Diags);
    if (SkippedBodies)
      *SkippedBodies += Skipped.Stats.SkippedBodies;
  }
  return warningsOf(Full.Diags, "[linux.gup.");
}

//===----------------------------------------------------------------------===//
// (a) + (b): the lit inputs and the corpus.
//===----------------------------------------------------------------------===//

TEST(FocusEquality, CheckerTests) {
  std::vector<std::string> Files = filesIn(Src + "/test/checkers", ".c");
  ASSERT_FALSE(Files.empty());
  unsigned WithFindings = 0, Dropped = 0, Skipped = 0;
  for (const std::string &File : Files) {
    std::vector<std::string> Flags = {"-I", Src + "/test/checkers/Inputs"};
    bool Finding = false;
    for (const Config &C : runConfigs(File)) {
      bool Here =
          !expectSameFindings(File, Flags, C, &Dropped, &Skipped).empty();
      Finding |= Here;
      // (b) The prefilter never rejects a TU with a finding.
      std::vector<std::string> F = Flags;
      F.insert(F.end(), C.Defines.begin(), C.Defines.end());
      auto Targets = targetNamesWithConfigs(C.ApiConfigs);
      ASSERT_TRUE(bool(Targets)) << llvm::toString(Targets.takeError());
      PrefilterResult P = prefilterTU(command(File, F), *Targets);
      if (Here) {
        EXPECT_TRUE(P.MayReach) << File << ": " << P.Why;
      }
    }
    WithFindings += Finding;
  }
  // The suite is mostly must-warn tests: the comparison is not vacuous.
  EXPECT_GT(WithFindings, Files.size() / 2);
  // And focusing did drop something somewhere, and the parse skip a body.
  EXPECT_GT(Dropped, 0u);
  EXPECT_GT(Skipped, 0u);
}

TEST(FocusEquality, Corpus) {
  std::vector<std::string> Files = filesIn(Src + "/examples/corpus/drivers", ".c");
  ASSERT_FALSE(Files.empty());
  llvm::StringSet<> Targets = defaultTargetNames();
  Config C;
  C.Analyzer = {"-analyzer-checker=core,linux.gup", "-analyzer-output=text"};
  unsigned Warnings = 0;
  for (const std::string &File : Files) {
    std::vector<std::string> Flags = {"-I", Src + "/lib/refmodel/include"};
    std::vector<std::string> W = expectSameFindings(File, Flags, C);
    Warnings += W.size();
    PrefilterResult P = prefilterTU(command(File, Flags), Targets);
    if (!W.empty()) {
      EXPECT_TRUE(P.MayReach) << File << ": " << P.Why;
    }
  }
  EXPECT_GT(Warnings, 0u);
}

// Why functions that reach no acquire call may have to be analysed anyway:
// `other` is analysed before `entry` (the analyzer visits unrelated functions
// in reverse declaration order) and inlines count_filled, whose loop exhausts
// the block visit limit; from then on count_filled is not inlined anywhere in
// the TU, so in `entry` the array escapes into it and no leak is reported.
// Without `other` the analyzer inlines count_filled in `entry` and reports
// the leak. Summaries::Ordered and ::All keep `other`; ::None drops it and
// changes the findings.
TEST(FocusEquality, SummaryOrderMatters) {
  const char *Code = R"(
#include "gup.h"
static int count_filled(struct page **pages, int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    if (pages[i])
      s++;
  return s;
}
long entry(unsigned long a, int n) {
  struct page *pages[8];
  long got = pin_user_pages_fast(a, 8, FOLL_WRITE, pages);
  if (got <= 0)
    return got;
  if (count_filled(pages, n) > 0)
    return -EINVAL;
  unpin_user_pages(pages, got);
  return 0;
}
int other(struct page **p, int n) { return count_filled(p, n); }
int unrelated(int x) { return x + 1; }
)";
  std::vector<std::string> Args = {Triple, "-I", Src + "/test/checkers/Inputs",
                                   "-Xclang", "-analyzer-checker=core,linux.gup",
                                   "-Xclang", "-analyzer-output=text"};
  RunResult Full = runOnCode(Code, "/order.c", Args, RunMode::Full);
  ASSERT_TRUE(Full.Ok) << show(Full.Diags);
  EXPECT_TRUE(warningsOf(Full.Diags, "[linux.gup.").empty()) << show(Full.Diags);
  for (auto Mode :
       {FocusOptions::Summaries::Ordered, FocusOptions::Summaries::All}) {
    FocusOptions O;
    O.PreserveSummaries = Mode;
    O.RecordNames = true;
    RunResult F = runOnCode(Code, "/order.c", Args, RunMode::Focused, O);
    EXPECT_EQ(Full.Diags, F.Diags) << show(F.Diags);
    EXPECT_TRUE(has(F.Stats.KeptNames, "other"));
    EXPECT_TRUE(has(F.Stats.DroppedNames, "unrelated"));
  }
  FocusOptions Fast;
  Fast.PreserveSummaries = FocusOptions::Summaries::None;
  RunResult F = runOnCode(Code, "/order.c", Args, RunMode::Focused, Fast);
  EXPECT_EQ(warningsOf(F.Diags, "[linux.gup.").size(), 1u)
      << "Summaries::None is expected to differ here\n" << show(F.Diags);
  // Path pruning (pinpair's default) has the same limit: `other` reaches no
  // acquire call, so its path ends at the loop's first branch, before
  // count_filled exhausts the block visit limit; `entry` then inlines it and
  // finds the leak (a true one: a partial pin leaks on -EINVAL).
  std::vector<std::string> PruneArgs = Args;
  for (const char *A :
       {"-Xclang", "-analyzer-config", "-Xclang",
        "linux.gup.PageRefModel:Prune=true"})
    PruneArgs.push_back(A);
  RunResult P = runOnCode(Code, "/order.c", PruneArgs, RunMode::Focused);
  EXPECT_EQ(warningsOf(P.Diags, "[linux.gup.").size(), 1u)
      << "pruning is expected to differ here\n" << show(P.Diags);
}

//===----------------------------------------------------------------------===//
// (b) The prefilter on synthetic TUs.
//===----------------------------------------------------------------------===//

class PrefilterTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pinpair-focus", Dir));
    write("wrap.h", R"(
#include "gup.h"
/* A header wrapper, as kernel headers have them. */
static inline long grab_one(unsigned long addr, struct page **p) {
  return pin_user_pages_fast(addr, 1, FOLL_WRITE, p);
}
/* Reaches the API through another header function. */
static inline long grab_two(unsigned long addr, struct page **p) {
  return grab_one(addr, p) + grab_one(addr + PAGE_SIZE, p + 1);
}
#define GRAB(addr, p) pin_user_pages_fast(addr, 1, 0, p)
struct grabber { long (*fn)(unsigned long, struct page **); };
static const struct grabber default_grabber = { .fn = grab_one };
static inline int unrelated_helper(int x) { return x + 1; }
)");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::string write(const std::string &Name, const std::string &Text) {
    llvm::SmallString<128> P(Dir);
    llvm::sys::path::append(P, Name);
    std::ofstream(std::string(P)) << Text;
    return std::string(P);
  }

  PrefilterResult check(const std::string &Main, PrefilterOptions O = {}) {
    std::string File = write("main.c", Main);
    CompileCommand Cmd =
        command(File, {"-I", Src + "/test/checkers/Inputs", "-I",
                       std::string(Dir)});
    return prefilterTU(Cmd, defaultTargetNames(), O);
  }

  llvm::SmallString<128> Dir;
};

// The pinpair command runs the prefilter on several threads of its own
// process. ClangTool's default file system moves the process's working
// directory (chdir) into each command's directory: the other threads then
// resolve relative include paths against the wrong directory, and the
// command writes a relative --results path into the database's directory.
TEST_F(PrefilterTest, KeepsTheProcessWorkingDirectory) {
  llvm::SmallString<128> Sub(Dir);
  llvm::sys::path::append(Sub, "sub");
  ASSERT_FALSE(llvm::sys::fs::create_directory(Sub));
  write("sub/inc2.h", R"(
#include "gup.h"
static inline long g(unsigned long a, struct page **p) {
  return pin_user_pages_fast(a, 1, 0, p);
}
)");
  std::string File = write("main.c", R"(
#include <inc2.h>
long f(unsigned long a, struct page **p) { return g(a, p); }
)");
  // -I sub is relative to the command's directory, not to ours.
  CompileCommand Cmd =
      command(File, {"-I", Src + "/test/checkers/Inputs", "-I", "sub"});
  llvm::SmallString<128> Before;
  ASSERT_FALSE(llvm::sys::fs::current_path(Before));
  ASSERT_NE(std::string(Before), std::string(Dir));
  std::atomic<bool> Done{false}, Moved{false};
  std::thread Watch([&] {
    llvm::SmallString<128> Now;
    while (!Done)
      if (!llvm::sys::fs::current_path(Now) && Now != Before)
        Moved = true;
  });
  for (int I = 0; I < 10; ++I) {
    PrefilterResult R = prefilterTU(Cmd, defaultTargetNames());
    EXPECT_TRUE(R.MayReach) << R.Why;
    EXPECT_NE(R.Why.find("main file names"), std::string::npos) << R.Why;
  }
  Done = true;
  Watch.join();
  EXPECT_FALSE(Moved) << "the prefilter changed the process's working directory";
}

TEST_F(PrefilterTest, DirectCall) {
  PrefilterResult R = check(R"(
#include "gup.h"
long f(unsigned long a, struct page **p) { return get_user_pages_fast(a, 1, 0, p); }
)");
  EXPECT_TRUE(R.MayReach) << R.Why;
  EXPECT_NE(R.Why.find("get_user_pages_fast"), std::string::npos) << R.Why;
}

TEST_F(PrefilterTest, HeaderWrapperPasses) {
  PrefilterResult R = check(R"(
#include "wrap.h"
long f(unsigned long a, struct page **p) { return grab_two(a, p); }
)");
  EXPECT_TRUE(R.MayReach) << R.Why;
  EXPECT_EQ(R.Why,
            "main file names grab_two -> grab_one -> pin_user_pages_fast");
}

TEST_F(PrefilterTest, MacroExpandedInMainFilePasses) {
  PrefilterResult R = check(R"(
#include "wrap.h"
long f(unsigned long a, struct page **p) { return GRAB(a, p); }
)");
  EXPECT_TRUE(R.MayReach) << R.Why;
}

TEST_F(PrefilterTest, OpsTableInHeaderPasses) {
  PrefilterResult R = check(R"(
#include "wrap.h"
long f(unsigned long a, struct page **p) { return default_grabber.fn(a, p); }
)");
  EXPECT_TRUE(R.MayReach) << R.Why;
}

// The only mention of the API is in header functions the main file never
// uses (and in the declarations of gup.h): rejected. This is conservative
// because clang analyses only main-file functions as entry points; a header
// function is analysed only when inlined into one, i.e. when the main file
// reaches it. With -analyzer-opt-analyze-headers header functions are entry
// points too, and PrefilterOptions::AnalyzeHeaders passes the TU.
TEST_F(PrefilterTest, UnusedHeaderInlineRejected) {
  std::string Main = R"(
#include "wrap.h"
int f(int x) { return unrelated_helper(x); }
void g(struct page *p) { put_page(p); }
)";
  PrefilterResult R = check(Main);
  EXPECT_FALSE(R.MayReach) << R.Why;
  PrefilterOptions Headers;
  Headers.AnalyzeHeaders = true;
  EXPECT_TRUE(check(Main, Headers).MayReach);
}

// Whether a token is main-file code follows the lexer into and out of each
// #include: a header entered in the middle of the main file is not root
// code, and the main file's code after it is again.
TEST_F(PrefilterTest, IncludeBetweenMainFileFunctions) {
  write("late.h", R"(
static inline long late_pin(unsigned long a, struct page **p) {
  return pin_user_pages_fast(a, 1, 0, p);
}
)");
  std::string Before = R"(
#include "gup.h"
int f(int x) { return x; }
#include "late.h"
)";
  PrefilterResult Unused = check(Before + "int g(int y) { return y + 1; }\n");
  EXPECT_FALSE(Unused.MayReach) << Unused.Why;
  PrefilterResult Used = check(
      Before + "long g(unsigned long a, struct page **p) { return late_pin(a, p); }\n");
  EXPECT_TRUE(Used.MayReach) << Used.Why;
  EXPECT_EQ(Used.Why, "main file names late_pin -> pin_user_pages_fast");
}

// A function body of the main file that #includes its statements (a kernel
// idiom for generated tables): those identifiers are the main file's code.
TEST_F(PrefilterTest, IncludeInsideMainFileBodyPasses) {
  write("body.inc", "return pin_user_pages_fast(a, 1, 0, p);\n");
  PrefilterResult R = check(R"(
#include "gup.h"
long f(unsigned long a, struct page **p) {
#include "body.inc"
}
)");
  EXPECT_TRUE(R.MayReach) << R.Why;
}

TEST_F(PrefilterTest, BrokenTUPasses) {
  PrefilterResult R = check(R"(
#include "no-such-header.h"
int f(int x) { return x; }
)");
  EXPECT_TRUE(R.MayReach);
  EXPECT_NE(R.Why.find("unsure"), std::string::npos) << R.Why;
}

// Warnings turned into errors (sparse's -W flags under the kernel's
// -Werror=unknown-warning-option in `make C=1`, a #warning under -Werror)
// do not make the answer unsure.
TEST_F(PrefilterTest, WarningsAsErrorsDoNotMatter) {
  std::string File = write("main.c", R"(
#include "gup.h"
#warning "a warning"
int f(int x) { return x; }
)");
  CompileCommand Cmd = command(
      File, {"-I", Src + "/test/checkers/Inputs", "-Werror", "-Wbitwise",
             "-Werror=unknown-warning-option"});
  PrefilterResult R = prefilterTU(Cmd, defaultTargetNames());
  EXPECT_FALSE(R.MayReach) << R.Why;
}

// PrefilterOptions::NeededBodies: the header bodies the analysis can need.
bool needs(const PrefilterResult &R, llvm::StringRef Name) {
  return R.NeededBodies &&
         std::binary_search(R.NeededBodies->begin(), R.NeededBodies->end(),
                            Name.str());
}

TEST_F(PrefilterTest, NeededBodiesFollowCallsAndTables) {
  PrefilterOptions O;
  O.NeededBodies = true;
  // Through a header function's body.
  PrefilterResult Calls = check(R"(
#include "wrap.h"
long f(unsigned long a, struct page **p) { return grab_two(a, p); }
)", O);
  ASSERT_TRUE(Calls.NeededBodies) << Calls.Why;
  EXPECT_TRUE(needs(Calls, "grab_two"));
  EXPECT_TRUE(needs(Calls, "grab_one"));
  EXPECT_FALSE(needs(Calls, "unrelated_helper"));
  // Through a file-scope initializer in a header (an ops table).
  PrefilterResult Table = check(R"(
#include "wrap.h"
long f(unsigned long a, struct page **p) { return default_grabber.fn(a, p); }
)", O);
  EXPECT_TRUE(needs(Table, "grab_one"));
  EXPECT_FALSE(needs(Table, "grab_two"));
  // Only computed when asked, and only when the TU is analysed.
  EXPECT_FALSE(check("#include \"wrap.h\"\nlong f(unsigned long a, struct "
                     "page **p) { return grab_one(a, p); }\n")
                   .NeededBodies);
  EXPECT_FALSE(check("#include \"wrap.h\"\nint f(int x) { return x; }\n", O)
                   .NeededBodies);
}

// The declarator shapes whose name is not simply followed by its parameter
// list: their bodies must be mapped from their own names.
TEST_F(PrefilterTest, NeededBodiesOfUnusualDeclarators) {
  write("decl.h", R"(
#include "gup.h"
typedef long pin_ret_t;
static inline long inner_a(unsigned long a, struct page **p) {
  return pin_user_pages_fast(a, 1, 0, p);
}
static inline long inner_b(unsigned long a, struct page **p) { return inner_a(a, p); }
static inline long inner_c(unsigned long a, struct page **p) { return inner_a(a, p); }
/* Parenthesised after a typedef name, as done to dodge a same-named macro. */
static inline pin_ret_t (paren_name)(unsigned long a, struct page **p) {
  return inner_b(a, p);
}
/* Returns a function pointer. */
static inline pin_ret_t (*returns_fn(int which))(unsigned long, struct page **) {
  return which ? inner_c : inner_a;
}
)");
  PrefilterOptions O;
  O.NeededBodies = true;
  PrefilterResult R = check(R"(
#include "decl.h"
long f(unsigned long a, struct page **p) { return paren_name(a, p); }
long g(unsigned long a, struct page **p) { return returns_fn(1)(a, p); }
)", O);
  ASSERT_TRUE(R.NeededBodies) << R.Why;
  EXPECT_TRUE(needs(R, "inner_b")) << "paren_name's body not mapped";
  EXPECT_TRUE(needs(R, "inner_c")) << "returns_fn's body not mapped";
}

// A header function that calls a function the main file defines shapes the
// call graph clang orders the entry points by: its body is needed even
// though no main-file code names it.
TEST_F(PrefilterTest, NeededBodiesCallingIntoTheMainFile) {
  write("back.h", R"(
#include "gup.h"
long main_defined(unsigned long a);
static inline long calls_back(unsigned long a) { return main_defined(a) + 1; }
static inline long calls_calls_back(unsigned long a) { return calls_back(a); }
static inline long independent(unsigned long a) { return a * 2; }
)");
  PrefilterOptions O;
  O.NeededBodies = true;
  PrefilterResult R = check(R"(
#include "back.h"
long main_defined(unsigned long a) {
  struct page *p;
  return pin_user_pages_fast(a, 1, 0, &p);
}
)", O);
  ASSERT_TRUE(R.NeededBodies) << R.Why;
  EXPECT_TRUE(needs(R, "calls_back"));
  EXPECT_TRUE(needs(R, "calls_calls_back"));
  EXPECT_FALSE(needs(R, "independent"));
}

TEST_F(PrefilterTest, NeededBodiesUnsetWhenUnsure) {
  PrefilterOptions O;
  O.NeededBodies = true;
  PrefilterResult R = check(R"(
#include "no-such-header.h"
#include "wrap.h"
long f(unsigned long a, struct page **p) { return grab_one(a, p); }
)", O);
  EXPECT_TRUE(R.MayReach);
  EXPECT_FALSE(R.NeededBodies);
  O.AnalyzeHeaders = true;
  EXPECT_FALSE(check("#include \"wrap.h\"\nlong f(unsigned long a, struct "
                     "page **p) { return grab_one(a, p); }\n",
                     O)
                   .NeededBodies);
}

// With the bodies the prefilter lists, a leak through a header wrapper is
// found as with every body, and the unneeded bodies were skipped. A list
// that misses a needed body (a prefilter bug) fails the TU loudly instead of
// analysing it without the body.
TEST(SkippedBodies, SameFindingsAndMissingBodyIsAnError) {
  const char *Header = R"(
#include "gup.h"
static inline long wrap_pin(unsigned long a, struct page **p) {
  return pin_user_pages_fast(a, 2, FOLL_WRITE, p);
}
static inline int unused_a(int x) { return x + 1; }
static inline int unused_b(int x) { return unused_a(x) * 2; }
)";
  const char *Main = R"(
#include "skip.h"
long leaky(unsigned long a) {
  struct page *pages[2];
  long n = wrap_pin(a, pages);
  if (n != 2)
    return -EFAULT;
  unpin_user_pages(pages, n);
  return 0;
}
)";
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pinpair-skip", Dir));
  std::ofstream(std::string(Dir) + "/skip.h") << Header;
  std::string File = std::string(Dir) + "/main.c";
  std::ofstream(File) << Main;
  CompileCommand Cmd =
      command(File, {"-I", Src + "/test/checkers/Inputs", "-I", std::string(Dir)});
  std::vector<std::string> Extra = xclang(
      {"-analyzer-checker=core,linux.gup", "-analyzer-output=text"});
  RunResult Full = runOn(Cmd, RunMode::Full, Extra);
  ASSERT_EQ(warningsOf(Full.Diags, "[linux.gup.").size(), 1u)
      << show(Full.Diags);

  PrefilterOptions PO;
  PO.NeededBodies = true;
  PrefilterResult P = prefilterTU(Cmd, defaultTargetNames(), PO);
  ASSERT_TRUE(P.NeededBodies) << P.Why;
  auto Run = [&](std::vector<std::string> Names) {
    FocusOptions O;
    O.NeededBodies = neededBodySet(Names);
    return runOn(Cmd, RunMode::Focused, Extra, O);
  };
  RunResult Skipped = Run(*P.NeededBodies);
  EXPECT_TRUE(Skipped.Ok) << show(Skipped.Diags);
  EXPECT_EQ(gupReports(Full.Diags), gupReports(Skipped.Diags));
  EXPECT_GE(Skipped.Stats.SkippedBodies, 2u); // unused_a, unused_b, gup.h's
  EXPECT_GE(Skipped.Stats.KeptBodies, 1u);    // wrap_pin

  RunResult Missing = Run({});
  EXPECT_FALSE(Missing.Ok);
  EXPECT_EQ(Missing.Stats.NeededButSkipped, "wrap_pin");
  EXPECT_TRUE(warningsOf(Missing.Diags, "[linux.gup.").empty());
  EXPECT_NE(show(Missing.Diags).find("skipped the body of 'wrap_pin'"),
            std::string::npos)
      << show(Missing.Diags);
  llvm::sys::fs::remove_directories(Dir);
}

//===----------------------------------------------------------------------===//
// (c) The focused set of a small TU.
//===----------------------------------------------------------------------===//

FocusStats focusOf(const std::string &Code, FocusOptions O = {}) {
  O.RecordNames = true;
  RunResult R = runOnCode(
      Code, "/focus-input.c",
      {Triple, "-I", Src + "/test/checkers/Inputs", "-Xclang",
       "-analyzer-checker=core,linux.gup"},
      RunMode::Focused, O);
  EXPECT_TRUE(R.Ok) << show(R.Diags);
  return R.Stats;
}

TEST(FocusSet, HelperChainKeptUnrelatedDropped) {
  FocusStats S = focusOf(R"(
#include "gup.h"
static long take(unsigned long a, struct page **p) {
  return get_user_pages(a, 1, 0, p, NULL);
}
static long helper(unsigned long a, struct page **p) { return take(a, p); }
long entry(unsigned long a, struct page **p) { return helper(a, p); }
int unrelated(int x) { return x * 2; }
void releaser(struct page *p) { put_page(p); }
/* A callback: only its address is taken by a kept function. */
static long cb(unsigned long a, struct page **p) { return take(a, p); }
static int not_called(int y) { return y; }
long (*pick(void))(unsigned long, struct page **) { return cb; }
)");
  EXPECT_FALSE(S.Bailed) << S.Why;
  for (const char *K : {"take", "helper", "entry", "cb", "pick"})
    EXPECT_TRUE(has(S.KeptNames, K)) << K;
  for (const char *D : {"unrelated", "releaser", "not_called"})
    EXPECT_TRUE(has(S.DroppedNames, D)) << D;
  // gup.h's static inline functions (put_page, ERR_PTR, ...) are dropped too.
  EXPECT_TRUE(has(S.DroppedNames, "put_page"));
}

TEST(FocusSet, AddressTakenThroughFileScopeTable) {
  FocusStats S = focusOf(R"(
#include "gup.h"
static long take(unsigned long a, struct page **p) {
  return pin_user_pages_fast(a, 1, 0, p);
}
struct ops { long (*fn)(unsigned long, struct page **); };
static const struct ops table = { .fn = take };
long via_table(unsigned long a, struct page **p) { return table.fn(a, p); }
int unrelated(int x) { return x; }
)");
  EXPECT_TRUE(has(S.KeptNames, "via_table"));
  EXPECT_TRUE(has(S.DroppedNames, "unrelated"));
}

// A function that reaches no target but inlines a loop helper that a kept
// function also inlines: analysing it first can mark the helper "do not
// inline" (block visit limit), which changes how the kept function is
// analysed afterwards. The AnalysisConsumer visits unrelated top-level
// functions in reverse declaration order (reverse post-order of its call
// graph), so `after_entry` is analysed before `entry` and must be kept, while
// `before_entry` is analysed after it and may go (Summaries::Ordered).
// Summaries::All keeps both; Summaries::None neither.
TEST(FocusSet, SharedSummarySensitiveCallee) {
  const char *Code = R"(
#include "gup.h"
static int sum(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int before_entry(int *a, int n) { return sum(a, n); }
long entry(unsigned long x, struct page **p, int *a, int n) {
  if (sum(a, n))
    return -EINVAL;
  return pin_user_pages_fast(x, 1, 0, p);
}
int after_entry(int *a, int n) { return sum(a, n) + 1; }
static int twice(int v) { return 2 * v; }
int loner(int v) { return twice(v); }
)";
  FocusStats S = focusOf(Code);
  EXPECT_FALSE(S.Bailed) << S.Why;
  EXPECT_TRUE(has(S.KeptNames, "entry"));
  EXPECT_TRUE(has(S.KeptNames, "after_entry"));
  EXPECT_TRUE(has(S.DroppedNames, "before_entry"));
  EXPECT_TRUE(has(S.DroppedNames, "sum")); // inlined only
  EXPECT_TRUE(has(S.DroppedNames, "loner"));
  EXPECT_EQ(S.KeptForSummaries, 1u);

  FocusOptions All;
  All.PreserveSummaries = FocusOptions::Summaries::All;
  FocusStats A = focusOf(Code, All);
  for (const char *K : {"entry", "after_entry", "before_entry", "sum"})
    EXPECT_TRUE(has(A.KeptNames, K)) << K;
  EXPECT_TRUE(has(A.DroppedNames, "loner"));
  EXPECT_TRUE(has(A.DroppedNames, "twice"));

  FocusOptions Fast;
  Fast.PreserveSummaries = FocusOptions::Summaries::None;
  FocusStats F = focusOf(Code, Fast);
  EXPECT_TRUE(has(F.DroppedNames, "after_entry"));
  EXPECT_EQ(F.KeptForSummaries, 0u);
}

TEST(FocusSet, UserConfigNames) {
  FocusOptions O;
  O.TargetNames = defaultTargetNames();
  O.TargetNames.insert("my_pin_pages");
  FocusStats S = focusOf(R"(
long my_pin_pages(unsigned long a, int n, void **p);
long user(unsigned long a, void **p) { return my_pin_pages(a, 1, p); }
int other(int x) { return x; }
)",
                         O);
  EXPECT_TRUE(has(S.KeptNames, "user"));
  EXPECT_TRUE(has(S.DroppedNames, "other"));
}

// Without TargetNames, the focused consumer reads the wrapper configs the
// checker reads (-analyzer-config linux.gup.PageRefModel:Config=...).
TEST(FocusSet, WrapperConfigFromAnalyzerOptions) {
  const char *Code = R"(
struct page;
int hfi1_acquire_user_pages(void *mm, unsigned long vaddr, unsigned long npages,
                            _Bool writable, struct page **pages);
int user(unsigned long a, struct page **p) {
  return hfi1_acquire_user_pages(0, a, 1, 1, p);
}
int other(int x) { return x; }
)";
  FocusStats NoConfig = focusOf(Code);
  EXPECT_TRUE(has(NoConfig.DroppedNames, "user"));
  FocusOptions O;
  O.RecordNames = true;
  RunResult R = runOnCode(
      Code, "/focus-input.c",
      {Triple, "-Xclang", "-analyzer-checker=core,linux.gup", "-Xclang",
       "-analyzer-config", "-Xclang",
       std::string(ConfigOptionKey) + "=" + Src +
           "/test/checkers/Inputs/config/wrappers.yaml"},
      RunMode::Focused, O);
  EXPECT_TRUE(R.Ok) << show(R.Diags);
  EXPECT_TRUE(has(R.Stats.KeptNames, "user"));
  EXPECT_TRUE(has(R.Stats.DroppedNames, "other"));
}

TEST(FocusSet, DisabledKeepsEverything) {
  FocusOptions O;
  O.Enabled = false;
  FocusStats S = focusOf("int a(int x) { return x; }\nint b(void) { return a(1); }\n",
                         O);
  EXPECT_TRUE(S.Bailed);
  EXPECT_EQ(S.Dropped, 0u);
  EXPECT_EQ(S.KeptNames.size(), 2u);
}

TEST(TargetNames, AcquireOnlyByDefault) {
  llvm::StringSet<> T = defaultTargetNames();
  EXPECT_TRUE(T.contains("pin_user_pages_fast"));
  EXPECT_TRUE(T.contains("get_user_pages"));
  EXPECT_FALSE(T.contains("put_page"));
  EXPECT_TRUE(targetNamesFrom(builtinApi(), true).contains("unpin_user_pages"));
}

} // namespace
