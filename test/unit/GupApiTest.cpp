// The API table: every name the checkers rely on is there with the right
// role, kind and argument layouts.
#include "pinpair/GupApi.h"
#include <gtest/gtest.h>

using namespace pinpair;

namespace {

const AcquireLayout *layout(const ApiFunction &F, unsigned NumArgs,
                            unsigned PagesArg) {
  for (const AcquireLayout &L : F.Layouts)
    if (L.NumArgs == NumArgs && L.PagesArg == PagesArg)
      return &L;
  return nullptr;
}

TEST(GupApi, AcquireKindsFollowTheName) {
  for (const ApiFunction &F : builtinApi()) {
    // The get_user_pages/pin_user_pages family (iov_iter_* count bytes).
    if (F.R != Role::Acquire || F.Ret == ReturnContract::BytesOrErrno)
      continue;
    bool IsPin = F.Name.starts_with("pin_");
    EXPECT_EQ(F.Kind, IsPin ? RefKind::Pin : RefKind::Get) << F.Name.str();
    EXPECT_FALSE(F.Layouts.empty()) << F.Name.str();
    for (const AcquireLayout &L : F.Layouts) {
      EXPECT_LT(L.NrArg, L.NumArgs) << F.Name.str();
      EXPECT_LT(L.PagesArg, L.NumArgs) << F.Name.str();
      EXPECT_LT(L.NrArg, L.PagesArg) << F.Name.str();
    }
  }
}

TEST(GupApi, SignaturesAcrossKernelVersions) {
  const ApiFunction *Gup = lookupApi("get_user_pages");
  ASSERT_NE(Gup, nullptr);
  // 6.5: (start, nr, flags, pages); 4.9..6.4 adds vmas; 2.6 had tsk, mm.
  EXPECT_NE(layout(*Gup, 4, 3), nullptr);
  EXPECT_NE(layout(*Gup, 5, 3), nullptr);
  EXPECT_NE(layout(*Gup, 8, 6), nullptr);
  const ApiFunction *Remote = lookupApi("pin_user_pages_remote");
  ASSERT_NE(Remote, nullptr);
  EXPECT_NE(layout(*Remote, 6, 4), nullptr); // 6.5
  EXPECT_NE(layout(*Remote, 7, 4), nullptr); // 5.9
  EXPECT_NE(layout(*Remote, 8, 5), nullptr); // 5.6
  const ApiFunction *Unlocked = lookupApi("get_user_pages_unlocked");
  ASSERT_NE(Unlocked, nullptr);
  EXPECT_NE(layout(*Unlocked, 4, 2), nullptr); // pages before flags
}

TEST(GupApi, FastOnlyNeverFailsWithAnErrno) {
  for (const char *N : {"get_user_pages_fast_only", "pin_user_pages_fast_only",
                        "__get_user_pages_fast"}) {
    const ApiFunction *F = lookupApi(N);
    ASSERT_NE(F, nullptr) << N;
    EXPECT_EQ(F->Ret, ReturnContract::CountOnly) << N;
  }
  EXPECT_EQ(lookupApi("get_user_pages_fast")->Ret, ReturnContract::CountOrErrno);
}

TEST(GupApi, ReleasesMatchTheirKind) {
  struct {
    const char *Name;
    Role R;
    RefKind K;
  } Cases[] = {
      {"put_page", Role::ReleaseOne, RefKind::Get},
      {"release_pages", Role::ReleaseArray, RefKind::Get},
      {"folio_put", Role::ReleaseOne, RefKind::Get},
      {"unpin_user_page", Role::ReleaseOne, RefKind::Pin},
      {"unpin_user_pages", Role::ReleaseArray, RefKind::Pin},
      {"unpin_user_pages_dirty_lock", Role::ReleaseArray, RefKind::Pin},
      {"unpin_user_page_range_dirty_lock", Role::ReleaseRange, RefKind::Pin},
  };
  for (const auto &C : Cases) {
    const ApiFunction *F = lookupApi(C.Name);
    ASSERT_NE(F, nullptr) << C.Name;
    EXPECT_EQ(F->R, C.R) << C.Name;
    EXPECT_EQ(F->Kind, C.K) << C.Name;
    EXPECT_TRUE(F->isRelease()) << C.Name;
  }
}

TEST(GupApi, UnknownNamesAreNotModelled) {
  EXPECT_EQ(lookupApi("memcpy"), nullptr);
  EXPECT_EQ(lookupApi(""), nullptr);
  EXPECT_EQ(lookupApi("put_pages"), nullptr);
}

TEST(GupApi, ZeroingAllocatorsAreMarked) {
  EXPECT_TRUE(lookupApi("kzalloc")->Zeroes);
  EXPECT_TRUE(lookupApi("kvcalloc")->Zeroes);
  EXPECT_FALSE(lookupApi("kmalloc")->Zeroes);
}

} // namespace
