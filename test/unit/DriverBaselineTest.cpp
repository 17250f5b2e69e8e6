// Fingerprints, baselines, results files.
#include "pinpair/driver/Results.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

using namespace pinpair::driver;

namespace {

Finding finding(std::string File, std::string Checker, std::string Function,
                std::string Hash) {
  Finding F;
  F.File = std::move(File);
  F.Line = 10;
  F.Col = 3;
  F.Checker = std::move(Checker);
  F.Function = std::move(Function);
  F.IssueHash = std::move(Hash);
  F.Message = "Pages pinned by 'pin_user_pages_fast' are never unpinned";
  F.Fingerprint = computeFingerprint(F.File, F.Checker, F.Function, F.IssueHash);
  F.Notes.push_back({F.File, 8, 12, "partial success"});
  return F;
}

TEST(DriverFingerprint, StableAndDistinct) {
  std::string A = computeFingerprint("mm/gup.c", "linux.gup.Leak", "f", "h1");
  EXPECT_EQ(A.size(), 32u);
  EXPECT_EQ(A, computeFingerprint("mm/gup.c", "linux.gup.Leak", "f", "h1"));
  // The value never changes across releases: baselines depend on it.
  // md5("pinpair-fingerprint-v1" + "\0" + file + "\0" + checker + "\0" +
  //     function + "\0" + issue hash)
  EXPECT_EQ(A, "81c4c465ed8cb97a107ff7da5fb111ce");
  EXPECT_NE(A, computeFingerprint("mm/gup2.c", "linux.gup.Leak", "f", "h1"));
  EXPECT_NE(A, computeFingerprint("mm/gup.c", "linux.gup.DoubleRelease", "f", "h1"));
  EXPECT_NE(A, computeFingerprint("mm/gup.c", "linux.gup.Leak", "g", "h1"));
  EXPECT_NE(A, computeFingerprint("mm/gup.c", "linux.gup.Leak", "f", "h2"));
  // Field boundaries matter.
  EXPECT_NE(computeFingerprint("ab", "c", "", ""),
            computeFingerprint("a", "bc", "", ""));
}

TEST(DriverBaseline, RoundTripAndMatching) {
  std::vector<Finding> Fs{finding("b.c", "linux.gup.Leak", "f", "1"),
                          finding("a.c", "linux.gup.OverRelease", "g", "2")};
  llvm::json::Value V = baselineJSON(Fs);
  std::string Text = llvm::formatv("{0:2}", V).str();
  auto B = parseBaseline(Text, "b.json");
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  EXPECT_TRUE(B->contains(Fs[0].Fingerprint));
  EXPECT_TRUE(B->contains(Fs[1].Fingerprint));
  EXPECT_FALSE(B->contains(finding("c.c", "linux.gup.Leak", "f", "1").Fingerprint));
  // Sorted by file: a.c first; fields a reviewer can read.
  const llvm::json::Array *A = V.getAsObject()->getArray("findings");
  ASSERT_EQ(A->size(), 2u);
  const llvm::json::Object *First = (*A)[0].getAsObject();
  EXPECT_EQ(First->getString("file"), llvm::StringRef("a.c"));
  EXPECT_EQ(First->getString("function"), llvm::StringRef("g"));
  EXPECT_EQ(First->getString("checker"), llvm::StringRef("linux.gup.OverRelease"));
  EXPECT_TRUE(First->getString("message").has_value());
  EXPECT_EQ(V.getAsObject()->getInteger("version"), 1);
}

TEST(DriverBaseline, WriteAndRead) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pinpair-bl", Dir));
  std::string Path = (Dir + "/baseline.json").str();
  std::vector<Finding> Fs{finding("b.c", "linux.gup.Leak", "f", "1")};
  ASSERT_FALSE(bool(writeJSONFile(Path, baselineJSON(Fs))));
  auto B = readBaseline(Path);
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  EXPECT_TRUE(B->contains(Fs[0].Fingerprint));
  auto Missing = readBaseline(Path + ".nope");
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("cannot read baseline"),
            std::string::npos);
  llvm::sys::fs::remove_directories(Dir);
}

TEST(DriverBaseline, Malformed) {
  auto Err = [](const char *Text) {
    auto B = parseBaseline(Text, "bl.json");
    return B ? std::string("<no error>") : llvm::toString(B.takeError());
  };
  EXPECT_NE(Err("{").find("bl.json: malformed baseline"), std::string::npos);
  EXPECT_NE(Err("[]").find("expected an object"), std::string::npos);
  EXPECT_NE(Err(R"({"version": 2, "findings": []})").find("unsupported baseline version"),
            std::string::npos);
  EXPECT_NE(Err(R"({"version": 1})").find("no \"findings\""), std::string::npos);
  EXPECT_NE(Err(R"({"version": 1, "findings": [{"checker": "x"}]})")
                .find("without \"fingerprint\""),
            std::string::npos);
  EXPECT_EQ(Err(R"({"version": 1, "findings": []})"), "<no error>");
}

TEST(DriverResults, RoundTripAndDedup) {
  RunResults R;
  R.Root = "/tree";
  R.Checkers = {"linux.gup"};
  R.Filtered = 2;
  R.OtherShards = 3;
  TUResult T;
  T.File = "a.c";
  T.Status = TUStatus::Crashed;
  T.Detail = "analysis crashed (signal 11)";
  R.TUs.push_back(T);
  llvm::StringSet<> Seen;
  Finding F = finding("a.c", "linux.gup.Leak", "f", "1");
  EXPECT_TRUE(addFinding(R.Findings, Seen, F));
  EXPECT_FALSE(addFinding(R.Findings, Seen, F));
  R.Sarif = llvm::json::Object{{"version", "2.1.0"}};
  std::string Text = llvm::formatv("{0}", toJSON(R)).str();
  auto Back = parseRunResults(Text, "r.json");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->Root, "/tree");
  EXPECT_EQ(Back->Filtered, 2);
  EXPECT_EQ(Back->OtherShards, 3);
  ASSERT_EQ(Back->TUs.size(), 1u);
  EXPECT_EQ(Back->TUs[0].Status, TUStatus::Crashed);
  EXPECT_EQ(Back->TUs[0].Detail, T.Detail);
  ASSERT_EQ(Back->Findings.size(), 1u);
  EXPECT_EQ(Back->Findings[0].Fingerprint, F.Fingerprint);
  EXPECT_EQ(Back->Findings[0].Notes.size(), 1u);
  EXPECT_EQ(Back->Findings[0].Notes[0].Line, 8);
  ASSERT_TRUE(Back->Sarif.has_value());
  auto Bad = parseRunResults(R"({"tool": "other"})", "x.json");
  ASSERT_FALSE(bool(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("not a pinpair results file"),
            std::string::npos);
}

} // namespace
