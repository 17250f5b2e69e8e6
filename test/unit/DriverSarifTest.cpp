// Merging the SARIF logs of the workers (and of shards) into one run.
#include "pinpair/driver/Sarif.h"

#include <gtest/gtest.h>

using namespace pinpair::driver;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

Value location(int Artifact, const std::string &Uri, int Line) {
  return Object{{"physicalLocation",
                 Object{{"artifactLocation",
                         Object{{"index", Artifact}, {"uri", Uri}}},
                        {"region", Object{{"startLine", Line},
                                          {"startColumn", 3}}}}}};
}

Value result(const std::string &Rule, int RuleIndex, int Artifact,
             const std::string &Uri, int Line, const std::string &Msg) {
  return Object{
      {"ruleId", Rule},
      {"ruleIndex", RuleIndex},
      {"level", "warning"},
      {"message", Object{{"text", Msg}}},
      {"locations", Array{location(Artifact, Uri, Line)}},
      {"codeFlows",
       Array{Object{{"threadFlows",
                     Array{Object{{"locations",
                                   Array{Object{{"location",
                                                 location(Artifact, Uri,
                                                          Line - 1)}}}}}}}}}}};
}

Value rule(const std::string &Id) {
  return Object{{"id", Id},
                {"name", Id},
                {"fullDescription", Object{{"text", "wrong text"}}}};
}

Value artifact(int Index, const std::string &Uri) {
  return Object{{"location", Object{{"index", Index}, {"uri", Uri}}},
                {"mimeType", "text/plain"}};
}

/// A log as clang writes it for one TU.
Value clangLog(Array Rules, Array Artifacts, Array Results) {
  return Object{
      {"$schema", "x"},
      {"version", "2.1.0"},
      {"runs",
       Array{Object{
           {"tool", Object{{"driver", Object{{"name", "clang"},
                                             {"version", "clang 19"},
                                             {"rules", std::move(Rules)}}}}},
           {"artifacts", std::move(Artifacts)},
           {"columnKind", "unicodeCodePoints"},
           {"results", std::move(Results)}}}}};
}

Finding finding(const std::string &Checker, int Line, const std::string &Msg,
                const std::string &FP) {
  Finding F;
  F.Checker = Checker;
  F.Line = Line;
  F.Message = Msg;
  F.Fingerprint = FP;
  return F;
}

const Object &run(const Value &Log) {
  return *(*Log.getAsObject()->getArray("runs"))[0].getAsObject();
}

TEST(DriverSarif, FingerprintsByRuleMessageAndLine) {
  Value Log = clangLog(
      Array{rule("linux.gup.Leak")}, Array{artifact(0, "file:///a.c")},
      Array{result("linux.gup.Leak", 0, 0, "file:///a.c", 10, "leak"),
            result("linux.gup.Leak", 0, 0, "file:///a.c", 20, "leak")});
  // Same rule and message: the line decides.
  addSarifFingerprints(Log, {finding("linux.gup.Leak", 20, "leak", "fp20"),
                             finding("linux.gup.Leak", 10, "leak", "fp10")});
  const Array &Rs = *run(Log).getArray("results");
  EXPECT_EQ(sarifFingerprint(*Rs[0].getAsObject()), "fp10");
  EXPECT_EQ(sarifFingerprint(*Rs[1].getAsObject()), "fp20");
}

TEST(DriverSarif, MergeRenumbersRulesAndArtifacts) {
  Value A = clangLog(
      Array{rule("linux.gup.Leak")}, Array{artifact(0, "file:///a.c")},
      Array{result("linux.gup.Leak", 0, 0, "file:///a.c", 10, "leak a")});
  addSarifFingerprints(A, {finding("linux.gup.Leak", 10, "leak a", "fpA")});
  Value B = clangLog(
      Array{rule("linux.gup.DoubleRelease"), rule("linux.gup.Leak")},
      Array{artifact(0, "file:///h.h"), artifact(1, "file:///b.c")},
      Array{result("linux.gup.DoubleRelease", 0, 1, "file:///b.c", 5, "twice"),
            result("linux.gup.Leak", 1, 0, "file:///h.h", 7, "leak h")});
  addSarifFingerprints(B, {finding("linux.gup.DoubleRelease", 5, "twice", "fpB"),
                           finding("linux.gup.Leak", 7, "leak h", "fpH")});
  // The same finding again (a header seen from two TUs): dropped.
  Value C = clangLog(
      Array{rule("linux.gup.Leak")}, Array{artifact(0, "file:///h.h")},
      Array{result("linux.gup.Leak", 0, 0, "file:///h.h", 7, "leak h")});
  addSarifFingerprints(C, {finding("linux.gup.Leak", 7, "leak h", "fpH")});

  SarifMerger M;
  ASSERT_FALSE(bool(M.add(A)));
  ASSERT_FALSE(bool(M.add(B)));
  ASSERT_FALSE(bool(M.add(C)));
  EXPECT_EQ(M.numResults(), 3u);
  llvm::StringMap<std::string> Desc;
  Desc["linux.gup.Leak"] = "Pages never released";
  Value Log = M.take("1.2.3", Desc);

  const Object &L = *Log.getAsObject();
  EXPECT_EQ(L.getString("version"), llvm::StringRef("2.1.0"));
  ASSERT_EQ(L.getArray("runs")->size(), 1u);
  const Object &R = run(Log);
  const Object &Driver = *R.getObject("tool")->getObject("driver");
  EXPECT_EQ(Driver.getString("name"), llvm::StringRef("pinpair"));
  EXPECT_EQ(Driver.getString("version"), llvm::StringRef("1.2.3"));
  EXPECT_EQ(Driver.getObject("properties")->getString("clangVersion"),
            llvm::StringRef("clang 19"));
  const Array &Rules = *Driver.getArray("rules");
  ASSERT_EQ(Rules.size(), 2u);
  EXPECT_EQ(Rules[0].getAsObject()->getString("id"),
            llvm::StringRef("linux.gup.Leak"));
  EXPECT_EQ(Rules[0].getAsObject()->getObject("fullDescription")->getString("text"),
            llvm::StringRef("Pages never released"));
  EXPECT_EQ(Rules[1].getAsObject()->getString("id"),
            llvm::StringRef("linux.gup.DoubleRelease"));
  const Array &Arts = *R.getArray("artifacts");
  ASSERT_EQ(Arts.size(), 3u);
  std::vector<std::string> Uris;
  for (size_t I = 0; I < Arts.size(); ++I) {
    const Object &Loc = *Arts[I].getAsObject()->getObject("location");
    EXPECT_EQ(Loc.getInteger("index"), int64_t(I));
    Uris.push_back(Loc.getString("uri")->str());
  }
  EXPECT_EQ(Uris, (std::vector<std::string>{"file:///a.c", "file:///h.h",
                                            "file:///b.c"}));

  const Array &Rs = *R.getArray("results");
  ASSERT_EQ(Rs.size(), 3u);
  auto Check = [&](size_t I, const char *FP, const char *RuleId, int RuleIdx,
                   int Art) {
    const Object &Res = *Rs[I].getAsObject();
    EXPECT_EQ(sarifFingerprint(Res), FP);
    EXPECT_EQ(Res.getString("ruleId"), llvm::StringRef(RuleId));
    EXPECT_EQ(Res.getInteger("ruleIndex"), RuleIdx);
    const Object &AL = *(*Res.getArray("locations"))[0]
                            .getAsObject()
                            ->getObject("physicalLocation")
                            ->getObject("artifactLocation");
    EXPECT_EQ(AL.getInteger("index"), Art) << FP;
    // Nested locations (code flows) are renumbered too.
    const Object &Flow = *(*(*(*Res.getArray("codeFlows"))[0]
                                   .getAsObject()
                                   ->getArray("threadFlows"))[0]
                                .getAsObject()
                                ->getArray("locations"))[0]
                              .getAsObject();
    EXPECT_EQ(Flow.getObject("location")
                  ->getObject("physicalLocation")
                  ->getObject("artifactLocation")
                  ->getInteger("index"),
              Art)
        << FP;
  };
  Check(0, "fpA", "linux.gup.Leak", 0, 0);
  Check(1, "fpB", "linux.gup.DoubleRelease", 1, 2);
  Check(2, "fpH", "linux.gup.Leak", 0, 1);

  // Merging merged logs (shards) is stable.
  SarifMerger M2;
  ASSERT_FALSE(bool(M2.add(Log)));
  ASSERT_FALSE(bool(M2.add(Log)));
  Value Again = M2.take("1.2.3", Desc);
  EXPECT_EQ(run(Again).getArray("results")->size(), 3u);
  EXPECT_EQ(run(Again)
                .getObject("tool")
                ->getObject("driver")
                ->getObject("properties")
                ->getString("clangVersion"),
            llvm::StringRef("clang 19"));
}

TEST(DriverSarif, EmptyAndInvalid) {
  SarifMerger M;
  Value Empty = M.take("1");
  EXPECT_EQ(run(Empty).getArray("results")->size(), 0u);
  EXPECT_TRUE(bool(run(Empty).getObject("tool")->getObject("driver")));
  SarifMerger N;
  llvm::Error E = N.add(Value(Object{{"version", "2.1.0"}}));
  EXPECT_TRUE(bool(E));
  llvm::consumeError(std::move(E));
  E = N.add(Value(Array{}));
  EXPECT_TRUE(bool(E));
  llvm::consumeError(std::move(E));
}

} // namespace

namespace {

TEST(DriverSarif, RelativeToTheRoot) {
  Value Log = clangLog(
      Array{rule("linux.gup.Leak")},
      Array{artifact(0, "file:///src/linux%20tree/mm/gup.c"),
            artifact(1, "file:///usr/include/x.h")},
      Array{result("linux.gup.Leak", 0, 0, "file:///src/linux%20tree/mm/gup.c",
                   10, "leak")});
  relativizeSarif(Log, "/src/linux tree/");
  const Object &R = run(Log);
  EXPECT_EQ(R.getObject("originalUriBaseIds")
                ->getObject("%SRCROOT%")
                ->getString("uri"),
            llvm::StringRef("file:///src/linux%20tree/"));
  const Object &A0 = *(*R.getArray("artifacts"))[0].getAsObject()->getObject("location");
  EXPECT_EQ(A0.getString("uri"), llvm::StringRef("mm/gup.c"));
  EXPECT_EQ(A0.getString("uriBaseId"), llvm::StringRef("%SRCROOT%"));
  const Object &A1 = *(*R.getArray("artifacts"))[1].getAsObject()->getObject("location");
  EXPECT_EQ(A1.getString("uri"), llvm::StringRef("file:///usr/include/x.h"));
  EXPECT_FALSE(A1.getString("uriBaseId").has_value());
  const Object &Res = *(*R.getArray("results"))[0].getAsObject();
  const Object &AL = *(*Res.getArray("locations"))[0]
                          .getAsObject()
                          ->getObject("physicalLocation")
                          ->getObject("artifactLocation");
  EXPECT_EQ(AL.getString("uri"), llvm::StringRef("mm/gup.c"));
  EXPECT_EQ(AL.getString("uriBaseId"), llvm::StringRef("%SRCROOT%"));
  // Merged logs keep the base.
  SarifMerger M;
  ASSERT_FALSE(bool(M.add(Log)));
  Value Merged = M.take("1");
  EXPECT_TRUE(bool(run(Merged).getObject("originalUriBaseIds")));
}

} // namespace
