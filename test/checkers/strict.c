// linux.gup.PageRefModel:Strict=true adds the uses of a possibly negative
// count that are wrong but common in working code; off by default.
// RUN: %gup_analyze -analyzer-output=text -verify=default %s
// RUN: %gup_analyze -analyzer-output=text -analyzer-config linux.gup.PageRefModel:Strict=true -verify=strict %s
// default-no-diagnostics

#include "gup.h"

// Equality survives the conversion: -EFAULT != 8 still takes the error
// branch. Strict reports the conversion anyway.
int equality(unsigned long addr, unsigned long nr, struct page **pages) {
  long got = pin_user_pages(addr, nr, 0, pages, NULL); // strict-note {{'pin_user_pages' failed and returned a negative errno; no pages were pinned}}
  if (got != nr) { // strict-warning {{The count 'got' from 'pin_user_pages' (line 12) can be a negative errno (-4095..-1) here and is compared for equality with unsigned 'nr'}} strict-note {{The count 'got' from 'pin_user_pages' (line 12) can be a negative errno (-4095..-1) here and is compared for equality with unsigned 'nr'}}
    if (got > 0)
      unpin_user_pages(pages, got);
    return -EFAULT;
  }
  unpin_user_pages(pages, got);
  return 0;
}

// Arithmetic in unsigned, converted back: the errno survives the round trip.
long bytes(unsigned long addr, struct page **pages) {
  long got = pin_user_pages(addr, 4, 0, pages, NULL); // strict-note {{'pin_user_pages' failed and returned a negative errno; no pages were pinned}}
  long len = got * PAGE_SIZE; // strict-warning {{The count 'got' from 'pin_user_pages' (line 24) can be a negative errno (-4095..-1) here and is used in unsigned arithmetic with an unsigned value}} strict-note {{The count 'got' from 'pin_user_pages' (line 24) can be a negative errno (-4095..-1) here and is used in unsigned arithmetic with an unsigned value}}
  if (got > 0)
    unpin_user_pages(pages, got);
  return len;
}

void trace_page(struct page *page);
// A released page passed to code pinpair cannot see (a trace point, say).
void unseen_after_release(unsigned long addr) {
  struct page *page;
  if (pin_user_pages_fast(addr, 1, 0, &page) != 1) // strict-note {{'pin_user_pages_fast' pinned the requested page}} strict-note {{Taking false branch}}
    return;
  unpin_user_page(page); // strict-note {{'unpin_user_page' releases one of the pages}}
  trace_page(page); // strict-warning {{'trace_page' uses the page 'page' after 'unpin_user_page' (line 37) dropped the pin taken by 'pin_user_pages_fast' (line 35)}} strict-note {{'trace_page' uses the page 'page' after 'unpin_user_page' (line 37) dropped the pin taken by 'pin_user_pages_fast' (line 35)}}
}
