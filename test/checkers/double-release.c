// The same page reference released twice.
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "gup.h"

int lookup_thing(unsigned long key);

// An error label that unpins, then falls into common cleanup that unpins again.
int fallthrough(unsigned long addr, struct page **pages, unsigned long key) {
  int err;
  long ret = pin_user_pages(addr, 8, FOLL_WRITE, pages, NULL); // expected-note {{'pin_user_pages' pinned all 8 pages}}
  if (ret < 8) { // expected-note {{'ret' is >= 8}}
                 // expected-note@-1 {{Taking false branch}}
    if (ret > 0)
      unpin_user_pages(pages, ret);
    return -EFAULT;
  }
  err = lookup_thing(key);
  if (err < 0) // expected-note {{Assuming 'err' is < 0}}
               // expected-note@-1 {{Taking true branch}}
    goto unpin; // expected-note {{Control jumps to line 24}}
  return 0;
unpin:
  unpin_user_pages(pages, ret); // expected-note {{'unpin_user_pages' releases pages}}
out:
  unpin_user_pages(pages, ret); // expected-warning {{Pages pinned by 'pin_user_pages' (line 11) are released twice: 'unpin_user_pages' releases pages that were already released}}
                                // expected-note@-1 {{Pages pinned by 'pin_user_pages' (line 11) are released twice}}
  return err;
}

// An element loop followed by a bulk release of the same slots.
int loop_then_bulk(unsigned long addr, struct page **pages) {
  int i, ret = get_user_pages_fast(addr, 2, 0, pages); // expected-note {{'get_user_pages_fast' took references on only some of the 2 pages (partial success)}}
  if (ret <= 0) // expected-note {{'ret' is > 0}}
                // expected-note@-1 {{Taking false branch}}
    return ret;
  for (i = 0; i < ret; i++) // expected-note 0+ {{Loop condition is}}
    put_page(pages[i]); // expected-note {{'put_page' releases one of the pages}}
  release_pages(pages, ret); // expected-warning {{Page references taken by 'get_user_pages_fast' (line 33) are released twice}}
                             // expected-note@-1 {{released twice}}
  return 0;
}

// The same page put twice through two names.
int two_names(unsigned long addr) {
  struct page *page, *p;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1) // expected-note {{took references on the requested page}}
                                                  // expected-note@-1 {{Taking false branch}}
    return -EFAULT;
  p = page;
  put_page(page); // expected-note {{'put_page' releases one of the pages}}
  put_page(p);    // expected-warning {{released twice}}
                  // expected-note@-1 {{released twice}}
  return 0;
}

// Correct: each slot once, prefix by loop, rest in bulk.
int split_release(unsigned long addr, struct page **pages) {
  int ret = get_user_pages_fast(addr, 4, 0, pages);
  if (ret <= 0)
    return ret;
  put_page(pages[0]);
  release_pages(pages + 1, ret - 1);
  return 0;
}

// Correct: re-acquire into the same array after a full release.
int reuse_array(unsigned long a, unsigned long b) {
  struct page *pages[2];
  int ret = get_user_pages_fast(a, 2, 0, pages);
  if (ret > 0)
    release_pages(pages, ret);
  ret = get_user_pages_fast(b, 2, 0, pages);
  if (ret > 0)
    release_pages(pages, ret);
  return 0;
}

// Correct: the error label and the success path each unpin once.
int labels_ok(unsigned long addr, struct page **pages, unsigned long key) {
  long ret = pin_user_pages(addr, 8, FOLL_WRITE, pages, NULL);
  int err = 0;
  if (ret != 8) {
    err = -EFAULT;
    goto out;
  }
  if (lookup_thing(key) < 0)
    err = -EINVAL;
out:
  if (ret > 0)
    unpin_user_pages(pages, ret);
  return err;
}
