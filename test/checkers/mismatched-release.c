// FOLL_PIN pages released as FOLL_GET references, or the reverse.
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "gup.h"

int pinned_put(unsigned long addr) {
  struct page *page;
  int ret = pin_user_pages_fast(addr, 1, FOLL_WRITE, &page); // expected-note {{'pin_user_pages_fast' pinned the requested page}}
  if (ret != 1) // expected-note {{'ret' is equal to 1}}
                // expected-note@-1 {{Taking false branch}}
    return -EFAULT;
  put_page(page); // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 8) (FOLL_PIN) are released with 'put_page'; pinned pages must be released with unpin_user_page(s)()}}
                  // expected-note@-1 {{FOLL_PIN}}
  return 0;
}

int pinned_release_pages(unsigned long addr, struct page **pages) {
  long ret = pin_user_pages(addr, 8, 0, pages, NULL); // expected-note {{pinned}}
  if (ret <= 0) // expected-note {{'ret' is > 0}}
                // expected-note@-1 {{Taking false branch}}
    return ret;
  release_pages(pages, ret); // expected-warning {{(FOLL_PIN) are released with 'release_pages'}}
                             // expected-note@-1 {{FOLL_PIN}}
  return 0;
}

int got_unpin(unsigned long addr, struct page **pages) {
  int ret = get_user_pages_fast(addr, 8, 0, pages); // expected-note {{took references}}
  if (ret <= 0) // expected-note {{'ret' is > 0}}
                // expected-note@-1 {{Taking false branch}}
    return ret;
  unpin_user_pages_dirty_lock(pages, ret, true); // expected-warning {{Pages taken by 'get_user_pages_fast' (line 28) (FOLL_GET) are released with 'unpin_user_pages_dirty_lock'; they must be released with put_page() or release_pages()}}
                                                 // expected-note@-1 {{FOLL_GET}}
  return 0;
}

// Correct pairings.
int pinned_unpin(unsigned long addr, struct page **pages) {
  long ret = pin_user_pages(addr, 8, 0, pages, NULL);
  if (ret <= 0)
    return ret;
  unpin_user_pages_dirty_lock(pages, ret, true);
  return 0;
}

int got_put(unsigned long addr) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1)
    return -EFAULT;
  set_page_dirty_lock(page);
  put_page(page);
  return 0;
}

int pinned_one_by_one(unsigned long addr, struct page **pages) {
  int i;
  long ret = pin_user_pages(addr, 2, 0, pages, NULL);
  if (ret <= 0)
    return ret;
  for (i = 0; i < ret; i++)
    unpin_user_page(pages[i]);
  return 0;
}
