// put_page() is a static inline with a body in the kernel's headers (here:
// Inputs/gup.h). The checker evaluates the call; if the engine inlined the
// body instead, the refcount decrement and __put_page() call would be
// analysed and these releases would not be recognised at all.
// RUN: %gup_analyze -verify %s

#include "gup.h"

int twice(unsigned long addr) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1)
    return -EFAULT;
  put_page(page);
  put_page(page); // expected-warning {{are released twice}}
  return 0;
}

int once(unsigned long addr) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1)
    return -EFAULT;
  put_page(page); // no warning
  return 0;
}

// Kernel code that defines an acquire function (mm/gup.c) has its body
// analysed like any other; callers in that TU get no split on top of it.
long get_user_pages_unlocked(unsigned long start, unsigned long nr_pages,
                             struct page **pages, unsigned int gup_flags) {
  return nr_pages ? -EFAULT : 0;
}

int caller_of_body(unsigned long addr, struct page **pages) {
  long ret = get_user_pages_unlocked(addr, 4, pages, 0);
  if (ret != 4)
    return -EFAULT; // no warning: the inlined body took nothing
  release_pages(pages, 4);
  return 0;
}
