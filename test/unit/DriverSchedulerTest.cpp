// The workers' environment (lib/driver/Scheduler.h): huge pages for glibc's
// malloc, without overriding what the user set.
#include "../../lib/driver/Scheduler.h"

#include <gtest/gtest.h>

#include <algorithm>

using pinpair::driver::workerEnvironment;

namespace {

std::vector<std::string> envOf(std::vector<const char *> Vars) {
  Vars.push_back(nullptr);
  return workerEnvironment(Vars.data());
}

bool has(const std::vector<std::string> &Env, const std::string &V) {
  return std::find(Env.begin(), Env.end(), V) != Env.end();
}

} // namespace

TEST(WorkerEnvironment, AddsHugePagesAndKeepsTheRest) {
  std::vector<std::string> E = envOf({"PATH=/bin", "HOME=/root"});
  EXPECT_EQ(E.size(), 3u);
  EXPECT_TRUE(has(E, "PATH=/bin"));
  EXPECT_TRUE(has(E, "HOME=/root"));
  EXPECT_TRUE(has(E, "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"));
}

TEST(WorkerEnvironment, AppendsToOtherTunables) {
  std::vector<std::string> E =
      envOf({"GLIBC_TUNABLES=glibc.malloc.arena_max=2", "PATH=/bin"});
  EXPECT_EQ(E.size(), 2u);
  EXPECT_TRUE(has(E, "GLIBC_TUNABLES=glibc.malloc.arena_max=2:"
                     "glibc.malloc.hugetlb=1"));
  E = envOf({"GLIBC_TUNABLES="});
  EXPECT_TRUE(has(E, "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"));
}

TEST(WorkerEnvironment, TheUsersChoiceWins) {
  std::vector<std::string> E =
      envOf({"GLIBC_TUNABLES=glibc.malloc.hugetlb=0:glibc.malloc.arena_max=2"});
  EXPECT_EQ(E, std::vector<std::string>{
                   "GLIBC_TUNABLES=glibc.malloc.hugetlb=0:"
                   "glibc.malloc.arena_max=2"});
}
