// A rule that is off still lets the others see the release it would have
// judged: with only linux.gup.Leak enabled, a wrong-API, double or
// over-release is still a release, not a leak.
// RUN: %clang_analyze_cc1 -load %plugin -I %inputs \
// RUN:   -analyzer-checker=core,linux.gup.Leak -verify %s
// expected-no-diagnostics

#include "gup.h"

int mismatched(unsigned long addr) {
  struct page *page;
  if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
    return -EFAULT;
  put_page(page);
  return 0;
}

int over(unsigned long addr, struct page **out) {
  struct page *pages[4];
  int ret = get_user_pages_fast(addr, 4, 0, pages);
  if (ret <= 0)
    return ret;
  release_pages(pages, 4);
  return 0;
}
