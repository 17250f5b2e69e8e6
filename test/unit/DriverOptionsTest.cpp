// pinpair command-line parsing: check, merge, the internal worker command and
// the kernel source-checker mode.
#include "pinpair/driver/Options.h"

#include <gtest/gtest.h>

using namespace pinpair::driver;

namespace {

std::string errorOf(llvm::Error E) { return llvm::toString(std::move(E)); }

template <typename T> std::string errorOf(llvm::Expected<T> &&V) {
  return V ? std::string("<no error>") : errorOf(V.takeError());
}

TEST(DriverOptions, CheckDefaults) {
  auto O = parseCheckArgs({"-p", "build"});
  ASSERT_TRUE(bool(O)) << errorOf(O.takeError());
  EXPECT_EQ(O->DbPath, "build");
  EXPECT_EQ(O->Jobs, 0u);
  EXPECT_EQ(O->TimeoutSeconds, 600u);
  EXPECT_EQ(O->MemoryLimitMB, 8192u);
  EXPECT_EQ(O->Checkers, std::vector<std::string>{"linux.gup"});
  EXPECT_EQ(O->ShardCount, 0u);
  EXPECT_TRUE(O->Prefilter);
  EXPECT_EQ(O->Report.Format, OutputFormat::Text);
  EXPECT_FALSE(O->Report.FailOnError);
}

TEST(DriverOptions, CheckEverySpelling) {
  auto O = parseCheckArgs(
      {"--db=cc.json", "-j3", "--timeout", "5", "--memory-limit=100",
       "--checkers", "linux.gup.Leak,core", "--checkers=unix",
       "--analyzer-config", "max-nodes=10", "--analyzer-config=a:b=c",
       "--config", "x.yaml", "--shard", "2/4", "--no-prefilter",
       "--format=json", "--sarif", "o.sarif", "--html", "h", "--results",
       "r.json", "--baseline", "b.json", "--write-baseline=nb.json",
       "--fail-on-error", "-v", "drivers/", "--", "-weird-filter"});
  ASSERT_TRUE(bool(O)) << errorOf(O.takeError());
  EXPECT_EQ(O->DbPath, "cc.json");
  EXPECT_EQ(O->Jobs, 3u);
  EXPECT_EQ(O->TimeoutSeconds, 5u);
  EXPECT_EQ(O->MemoryLimitMB, 100u);
  EXPECT_EQ(O->Checkers,
            (std::vector<std::string>{"linux.gup.Leak", "core", "unix"}));
  EXPECT_EQ(O->AnalyzerConfigs,
            (std::vector<std::string>{"max-nodes=10", "a:b=c"}));
  EXPECT_EQ(O->ConfigFiles, std::vector<std::string>{"x.yaml"});
  EXPECT_EQ(O->ShardIndex, 2u);
  EXPECT_EQ(O->ShardCount, 4u);
  EXPECT_FALSE(O->Prefilter);
  EXPECT_EQ(O->Report.Format, OutputFormat::Json);
  EXPECT_EQ(O->Report.SarifFile, "o.sarif");
  EXPECT_EQ(O->HtmlDir, "h");
  EXPECT_EQ(O->Report.ResultsFile, "r.json");
  EXPECT_EQ(O->Report.BaselineFile, "b.json");
  EXPECT_EQ(O->Report.WriteBaselineFile, "nb.json");
  EXPECT_TRUE(O->Report.FailOnError);
  EXPECT_TRUE(O->Report.Verbose);
  EXPECT_EQ(O->Filters,
            (std::vector<std::string>{"drivers/", "-weird-filter"}));
}

TEST(DriverOptions, BadShard) {
  for (const char *S : {"0/2", "3/2", "2", "a/b", "1/0", "/", "1/2/3", "-1/2"})
    EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--shard", S})).find(
                  "bad --shard"),
              std::string::npos)
        << S;
  auto S = parseShard("4/4");
  ASSERT_TRUE(bool(S));
  EXPECT_EQ(S->first, 4u);
  EXPECT_EQ(S->second, 4u);
}

TEST(DriverOptions, BadJobsAndNumbers) {
  EXPECT_EQ(errorOf(parseCheckArgs({"-p", "b", "--jobs", "0"})),
            "bad --jobs '0': expected a positive integer");
  EXPECT_EQ(errorOf(parseCheckArgs({"-p", "b", "-j", "many"})),
            "bad --jobs 'many': expected a positive integer");
  EXPECT_EQ(errorOf(parseCheckArgs({"-p", "b", "--jobs"})),
            "option '--jobs' needs a value");
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--timeout", "-5"})),
            "<no error>");
  auto O = parseCheckArgs({"-p", "b", "--timeout", "0", "--memory-limit", "0"});
  ASSERT_TRUE(bool(O));
  EXPECT_EQ(O->TimeoutSeconds, 0u);
  EXPECT_EQ(O->MemoryLimitMB, 0u);
}

TEST(DriverOptions, OtherErrors) {
  EXPECT_NE(errorOf(parseCheckArgs({})).find("no compilation database"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--bogus"})).find(
                "unknown option '--bogus'"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--format", "xml"})).find(
                "bad --format"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--checkers", "a,,b"})).find(
                "empty checker name"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--analyzer-config", "x"})).find(
                "expected KEY=VALUE"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--sarif="})).find(
                "needs a file name"),
            std::string::npos);
}

TEST(DriverOptions, Merge) {
  auto O = parseMergeArgs({"--sarif", "m.sarif", "--baseline-out", "b.json",
                           "--baseline", "old.json", "a.json", "b.json"});
  ASSERT_TRUE(bool(O)) << errorOf(O.takeError());
  EXPECT_EQ(O->Report.SarifFile, "m.sarif");
  EXPECT_EQ(O->Report.WriteBaselineFile, "b.json");
  EXPECT_EQ(O->Report.BaselineFile, "old.json");
  EXPECT_EQ(O->Inputs, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_NE(errorOf(parseMergeArgs({"--sarif", "x"})).find("no input files"),
            std::string::npos);
  EXPECT_NE(errorOf(parseMergeArgs({"--shard", "1/2", "a"})).find(
                "unknown option"),
            std::string::npos);
}

TEST(DriverOptions, WorkerRoundTrip) {
  WorkerOptions W;
  W.Directory = "/d";
  W.File = "/d/a.c";
  W.Root = "/d";
  W.ResultFile = "/t/r.json";
  W.TextFile = "/t/t.txt";
  W.SarifFile = "/t/s.sarif";
  W.HtmlDir = "/h";
  W.Checkers = {"linux.gup", "core.NullDereference"};
  W.AnalyzerConfigs = {"k=v"};
  W.ConfigFile = "/c.yaml";
  W.Color = true;
  W.KernelMode = true;
  W.CommandLine = {"clang", "--", "-c", "a.c"};
  auto P = parseWorkerArgs(workerArgs(W));
  ASSERT_TRUE(bool(P)) << errorOf(P.takeError());
  EXPECT_EQ(P->Directory, W.Directory);
  EXPECT_EQ(P->File, W.File);
  EXPECT_EQ(P->Root, W.Root);
  EXPECT_EQ(P->ResultFile, W.ResultFile);
  EXPECT_EQ(P->TextFile, W.TextFile);
  EXPECT_EQ(P->SarifFile, W.SarifFile);
  EXPECT_EQ(P->HtmlDir, W.HtmlDir);
  EXPECT_EQ(P->Checkers, W.Checkers);
  EXPECT_EQ(P->AnalyzerConfigs, W.AnalyzerConfigs);
  EXPECT_EQ(P->ConfigFile, W.ConfigFile);
  EXPECT_TRUE(P->Color);
  EXPECT_TRUE(P->KernelMode);
  EXPECT_EQ(P->CommandLine, W.CommandLine);
}

TEST(DriverOptions, KernelMode) {
  std::vector<std::string> Args{
      "-D__linux__", "-Wbitwise", "--arch=x86", "--pinpair-checkers=linux.gup.Leak",
      "--pinpair-timeout=30", "--pinpair-bogus=1", "-nostdinc", "mm/gup.c"};
  EXPECT_TRUE(looksLikeCompilerInvocation(Args));
  KernelOptions K = parseKernelArgs(Args);
  EXPECT_EQ(K.Checkers, std::vector<std::string>{"linux.gup.Leak"});
  EXPECT_EQ(K.TimeoutSeconds, 30u);
  EXPECT_EQ(K.CompilerArgs,
            (std::vector<std::string>{"-D__linux__", "-Wbitwise", "--arch=x86",
                                      "-nostdinc", "mm/gup.c"}));
  EXPECT_TRUE(looksLikeCompilerInvocation({"foo.c"}));
  EXPECT_FALSE(looksLikeCompilerInvocation({"chek", "-p", "x"}));
  EXPECT_FALSE(looksLikeCompilerInvocation({"--help"}));
  EXPECT_FALSE(looksLikeCompilerInvocation({"-p", "build"}));
  EXPECT_FALSE(looksLikeCompilerInvocation({"-D", "x"}));
  EXPECT_FALSE(looksLikeCompilerInvocation({}));
}

} // namespace

TEST(DriverOptions, Focus) {
  auto D = parseCheckArgs({"-p", "b"});
  ASSERT_TRUE(bool(D));
  EXPECT_TRUE(D->Focus);
  EXPECT_FALSE(D->FocusReaching);
  auto R = parseCheckArgs({"-p", "b", "--focus=reaching"});
  ASSERT_TRUE(bool(R));
  EXPECT_TRUE(R->Focus);
  EXPECT_TRUE(R->FocusReaching);
  auto Off = parseCheckArgs({"-p", "b", "--focus", "off"});
  ASSERT_TRUE(bool(Off));
  EXPECT_FALSE(Off->Focus);
  auto No = parseCheckArgs({"-p", "b", "--no-focus"});
  ASSERT_TRUE(bool(No));
  EXPECT_FALSE(No->Focus);
  EXPECT_NE(errorOf(parseCheckArgs({"-p", "b", "--focus=maybe"}))
                .find("expected exact, reaching or off"),
            std::string::npos);
  // The worker gets the choice through its own arguments.
  WorkerOptions W;
  W.ResultFile = "r.json";
  W.CommandLine = {"cc", "a.c"};
  W.FocusReaching = true;
  auto Back = parseWorkerArgs(workerArgs(W));
  ASSERT_TRUE(bool(Back));
  EXPECT_TRUE(Back->FocusReaching);
  EXPECT_FALSE(Back->NoFocus);
  EXPECT_FALSE(Back->NoPrune);
}

TEST(DriverOptions, Prune) {
  auto D = parseCheckArgs({"-p", "b"});
  ASSERT_TRUE(bool(D));
  EXPECT_TRUE(D->Prune);
  auto N = parseCheckArgs({"-p", "b", "--no-prune"});
  ASSERT_TRUE(bool(N));
  EXPECT_FALSE(N->Prune);
  EXPECT_TRUE(N->Focus);
  WorkerOptions W;
  W.ResultFile = "r.json";
  W.CommandLine = {"cc", "a.c"};
  W.NoPrune = true;
  auto Back = parseWorkerArgs(workerArgs(W));
  ASSERT_TRUE(bool(Back));
  EXPECT_TRUE(Back->NoPrune);
}
