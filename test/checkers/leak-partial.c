// A partial success (0 < ret < nr) treated as a failure without releasing the
// ret pages that were taken.
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "gup.h"

int pin_buffer(unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages); // expected-note {{'pin_user_pages_fast' pinned only some of the 16 pages (partial success)}}
  if (ret != 16) // expected-note {{'ret' is not equal to 16}}
                 // expected-note@-1 {{Taking true branch}}
    return -EFAULT; // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 8) are never unpinned}}
                    // expected-note@-1 {{Returning -EFAULT without unpinning the pages}}
                    // expected-note@-2 {{Pages pinned by 'pin_user_pages_fast' (line 8) are never unpinned}}
  unpin_user_pages(pages, ret);
  return 0;
}

// The same with a symbolic request and get_user_pages(): FOLL_GET words.
long get_buffer(unsigned long addr, unsigned long nr, struct page **pages) {
  long got = get_user_pages(addr, nr, 0, pages, NULL); // expected-note {{'get_user_pages' took references on only some of the 'nr' pages (partial success)}}
  if (got < 0) // expected-note {{'got' is >= 0}}
               // expected-note@-1 {{Taking false branch}}
    return got;
  if (got < nr) // expected-note {{'got' is < 'nr'}}
                // expected-note@-1 {{Taking true branch}}
    return -ENOMEM; // expected-warning {{Page references taken by 'get_user_pages' (line 20) are never released}}
                    // expected-note@-1 {{Returning -ENOMEM without releasing the pages}}
                    // expected-note@-2 {{Page references taken by 'get_user_pages' (line 20) are never released}}
  release_pages(pages, got);
  return 0;
}

// Correct: the partial branch releases what it got.
int pin_buffer_ok(unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages);
  if (ret < 0)
    return ret;
  if (ret != 16) {
    unpin_user_pages(pages, ret);
    return -EFAULT;
  }
  return 0; // the caller owns the 16 pinned pages now
}

// Correct: io_pin_pages()'s all-or-nothing shape.
int all_or_nothing(unsigned long addr, int nr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, nr, FOLL_WRITE | FOLL_LONGTERM, pages);
  if (ret != nr) {
    if (ret > 0)
      unpin_user_pages(pages, ret);
    return ret < 0 ? ret : -EFAULT;
  }
  return 0;
}

// Correct: *_fast_only never fails with an errno; 0 means nothing taken.
int fast_only(unsigned long addr, struct page **pages) {
  int ret = get_user_pages_fast_only(addr, 4, 0, pages);
  if (ret < 4) {
    while (ret > 0)
      put_page(pages[--ret]);
    return -EAGAIN_FALLBACK;
  }
  return 0;
}
