// Releasing more pages than were taken.
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "gup.h"

// The requested count released after a partial success.
int requested_count(unsigned long addr, int nr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, nr, 0, pages); // expected-note {{'pin_user_pages_fast' pinned only some of the 'nr' pages (partial success)}}
  if (ret < 0) // expected-note {{'ret' is >= 0}}
               // expected-note@-1 {{Taking false branch}}
    return ret;
  unpin_user_pages(pages, nr); // expected-warning {{'unpin_user_pages' releases 'nr' pages, more than 'pin_user_pages_fast' (line 8) pinned}}
                               // expected-note@-1 {{'unpin_user_pages' releases 'nr' pages}}
  return 0;
}

// Release on the error branch of an unchecked call: nothing was taken.
void unchecked(unsigned long addr, struct page **pages) {
  get_user_pages_fast(addr, 4, 0, pages); // expected-note-re {{'get_user_pages_fast' {{failed and returned a negative errno; no pages were taken|took references on only some of the 4 pages \(partial success\)}}}}
  release_pages(pages, 4); // expected-warning {{'release_pages' releases '4' pages, more than 'get_user_pages_fast' (line 19) took}}
                           // expected-note@-1 {{'release_pages' releases '4' pages}}
}

// A release loop bounded by the request instead of the result.
int loop_to_nr(unsigned long addr, struct page **pages) {
  int i, ret = get_user_pages_fast(addr, 3, 0, pages); // expected-note {{'get_user_pages_fast' took references on only some of the 3 pages (partial success)}}
  if (ret <= 0) // expected-note {{'ret' is > 0}}
                // expected-note@-1 {{Taking false branch}}
    return ret;
  for (i = 0; i < 3; i++) // expected-note 0+ {{Loop condition is true}}
    put_page(pages[i]); // expected-warning {{'put_page' releases a page that 'get_user_pages_fast' (line 26) did not store}}
                        // expected-note@-1 {{did not store}}
                        // expected-note@-2 0+ {{'put_page' releases one of the pages}}
  return 0;
}

// Correct: the count the call returned.
int returned_count(unsigned long addr, int nr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, nr, 0, pages);
  if (ret <= 0)
    return ret;
  unpin_user_pages(pages, ret);
  return 0;
}

// Correct: an offset range inside what was taken.
int offset_range(unsigned long addr, struct page **pages) {
  int i, ret = get_user_pages_fast(addr, 4, 0, pages);
  if (ret <= 0)
    return ret;
  for (i = 0; i < ret && i < 1; i++)
    put_page(pages[i]);
  release_pages(pages + i, ret - i);
  return 0;
}

// Correct: a count known to equal the request on this path.
int equal_count(unsigned long addr, unsigned long nr, struct page **pages) {
  long ret = pin_user_pages(addr, nr, 0, pages, NULL);
  if (ret < 0)
    return ret;
  if (ret != nr) {
    unpin_user_pages(pages, ret);
    return -EFAULT;
  }
  unpin_user_pages(pages, nr);
  return 0;
}

// Correct: slots before this call's request hold pages from earlier code.
int append_batch(struct page **pages, int have, unsigned long addr) {
  int ret = pin_user_pages_fast(addr, 4, 0, pages + have);
  if (ret < 0) {
    unpin_user_pages(pages, have);
    return ret;
  }
  return have + ret;
}

