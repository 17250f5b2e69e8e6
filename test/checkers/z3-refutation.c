// Sums of batch counts in unsigned arithmetic: the range solver keeps a path
// on which `pinned`, the sum of two positive ints, wraps to 0. Z3 refutes it.
// RUN: %gup_analyze -verify %s
// RUN: %gup_analyze -analyzer-config linux.gup.PageRefModel:Z3Refutation=false \
// RUN:   -verify=norefute %s
// RUN: %gup_analyze -analyzer-config linux.gup.PageRefModel:Z3Refutation=false \
// RUN:   -analyzer-config crosscheck-with-z3=true -verify %s
// expected-no-diagnostics

#include "gup.h"

int two_batches(unsigned long a, int n, struct page **pages) {
  unsigned int pinned = 0;
  int r = pin_user_pages_fast(a, n, 0, pages);
  if (r <= 0)
    return r;
  pinned += r;
  r = pin_user_pages_fast(a + pinned * PAGE_SIZE, n, 0, pages + pinned);
  if (r <= 0) {
    unpin_user_pages(pages, pinned);
    return r;
  }
  pinned += r;
  if (pinned == 0)
    return -EINVAL; // norefute-warning 2 {{are never unpinned}}
  unpin_user_pages(pages, pinned);
  return 0;
}
