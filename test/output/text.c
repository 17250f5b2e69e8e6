// The clang-style text a kernel developer reads: warning, then the note trail.
// RUN: %gup_analyze -analyzer-output=text %s 2>&1 | FileCheck %s

#include "gup.h"

int over(unsigned long addr, int nr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, nr, 0, pages);
  if (ret < 0)
    return ret;
  unpin_user_pages(pages, nr);
  return 0;
}

// CHECK: text.c:10:3: warning: 'unpin_user_pages' releases 'nr' pages, more than 'pin_user_pages_fast' (line 7) pinned [linux.gup.OverRelease]
// CHECK: text.c:7:13: note: 'pin_user_pages_fast' pinned only some of the 'nr' pages (partial success)
// CHECK: text.c:8:7: note: 'ret' is >= 0
// CHECK: text.c:10:3: note: 'unpin_user_pages' releases 'nr' pages
// CHECK: 1 warning generated.
