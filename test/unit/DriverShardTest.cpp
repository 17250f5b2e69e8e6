// TU selection: path filters, shards, the tree root.
#include "pinpair/driver/Selection.h"

#include <gtest/gtest.h>

#include <set>

using namespace pinpair::driver;

namespace {

TEST(DriverShard, HashIsStable) {
  // FNV-1a 64: fixed values, whatever the host or the release.
  EXPECT_EQ(stableHash(""), 14695981039346656037ULL);
  EXPECT_EQ(stableHash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(stableHash("mm/gup.c"), stableHash("mm/gup.c"));
}

TEST(DriverShard, EveryPathInExactlyOneShard) {
  std::vector<std::string> Paths;
  for (int I = 0; I < 200; ++I)
    Paths.push_back("drivers/dev" + std::to_string(I) + "/file.c");
  for (unsigned N : {1u, 2u, 3u, 7u}) {
    std::vector<unsigned> Sizes(N);
    for (const std::string &P : Paths) {
      unsigned In = 0;
      for (unsigned K = 1; K <= N; ++K)
        if (inShard(P, K, N)) {
          ++In;
          ++Sizes[K - 1];
        }
      EXPECT_EQ(In, 1u) << P << " N=" << N;
    }
    for (unsigned S : Sizes)
      EXPECT_GT(S, 200u / N / 3) << "unbalanced shards, N=" << N;
  }
}

TEST(DriverShard, AddingATUMovesNoOther) {
  std::vector<std::string> Before{"a.c", "b/c.c", "d/e/f.c", "g.c", "h.c"};
  auto Shards = [](const std::vector<std::string> &Ps) {
    std::vector<std::set<std::string>> S(4);
    for (const std::string &P : Ps)
      for (unsigned K = 1; K <= 4; ++K)
        if (inShard(P, K, 4))
          S[K - 1].insert(P);
    return S;
  };
  auto S1 = Shards(Before);
  std::vector<std::string> After = Before;
  After.insert(After.begin() + 2, "new/file.c");
  auto S2 = Shards(After);
  for (unsigned K = 0; K < 4; ++K) {
    std::set<std::string> Old = S2[K];
    Old.erase("new/file.c");
    EXPECT_EQ(Old, S1[K]) << "shard " << K + 1;
  }
}

TEST(DriverSelection, Filters) {
  auto F = compileFilters({"drivers/misc", "*/gup.c", "/tree/fs/", "./lib"},
                          "/tree");
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  EXPECT_TRUE(matchesFilters(*F, "drivers/misc/a.c", "/tree/drivers/misc/a.c"));
  EXPECT_TRUE(matchesFilters(*F, "mm/gup.c", "/tree/mm/gup.c"));
  EXPECT_TRUE(matchesFilters(*F, "fs/x.c", "/tree/fs/x.c"));
  EXPECT_TRUE(matchesFilters(*F, "lib/x.c", "/tree/lib/x.c"));
  EXPECT_FALSE(matchesFilters(*F, "mm/other.c", "/tree/mm/other.c"));
  EXPECT_TRUE(matchesFilters({}, "anything.c", "/anything.c"));
  // The directories above the base do not count.
  auto K = compileFilters({"kernel/"}, "/var/tmp/linux-kernel");
  ASSERT_TRUE(bool(K));
  EXPECT_FALSE(matchesFilters(*K, "mm/gup.c", "/var/tmp/linux-kernel/mm/gup.c"));
  EXPECT_TRUE(matchesFilters(*K, "kernel/fork.c",
                             "/var/tmp/linux-kernel/kernel/fork.c"));
  // Outside the base: a prefix of the absolute path.
  auto Out = compileFilters({"/other/src", "/other/*.c"}, "/tree");
  ASSERT_TRUE(bool(Out));
  EXPECT_TRUE(matchesFilters(*Out, "/other/src/a.c", "/other/src/a.c"));
  EXPECT_TRUE(matchesFilters(*Out, "/other/b.c", "/other/b.c"));
  EXPECT_FALSE(matchesFilters(*Out, "x/other/src/a.c", "/tree/x/other/src/a.c"));
  auto Bad = compileFilters({"[z-a]"}, "/tree");
  EXPECT_FALSE(bool(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(DriverSelection, RelativeAndSources) {
  EXPECT_EQ(relativeTo("/tree/mm/gup.c", "/tree"), "mm/gup.c");
  EXPECT_EQ(relativeTo("/tree/mm/gup.c", "/tree/"), "mm/gup.c");
  EXPECT_EQ(relativeTo("/treex/a.c", "/tree"), "/treex/a.c");
  EXPECT_EQ(relativeTo("/other/a.c", "/tree"), "/other/a.c");
  EXPECT_TRUE(isAnalysableSource("a.c"));
  EXPECT_TRUE(isAnalysableSource("a.cpp"));
  EXPECT_FALSE(isAnalysableSource("entry.S"));
  EXPECT_FALSE(isAnalysableSource("x.rs"));
}

} // namespace
