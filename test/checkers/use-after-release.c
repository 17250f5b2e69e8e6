// linux.gup.UseAfterRelease: a page dirtied, mapped or handed to a consumer
// after the reference that kept it alive was dropped. The release must come
// last (or be the dirtying release, unpin_user_pages_dirty_lock()).
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "gup.h"

// The classic order bug: dirty after put.
void put_then_dirty(unsigned long addr, struct page **pages) {
  int i, n = get_user_pages_fast(addr, 4, FOLL_WRITE, pages); // expected-note {{'get_user_pages_fast' took references on all 4 pages}}
  for (i = 0; i < n; i++) { // expected-note {{Loop condition is true.  Entering loop body}}
    put_page(pages[i]); // expected-note {{'put_page' releases one of the pages}}
    set_page_dirty_lock(pages[i]); // expected-warning {{'set_page_dirty_lock' uses the page 'pages[i]' after 'put_page' (line 12) dropped the reference taken by 'get_user_pages_fast' (line 10)}} expected-note {{'set_page_dirty_lock' uses the page 'pages[i]' after 'put_page' (line 12) dropped the reference taken by 'get_user_pages_fast' (line 10)}}
  }
}

// Mapped after the bulk unpin.
void *map_after_unpin(unsigned long addr, struct page **pages) {
  long n = pin_user_pages(addr, 2, FOLL_WRITE, pages, NULL); // expected-note {{'pin_user_pages' pinned all 2 pages}}
  if (n != 2) { // expected-note {{'n' is equal to 2}} expected-note {{Taking false branch}}
    if (n > 0)
      unpin_user_pages(pages, n);
    return NULL;
  }
  unpin_user_pages(pages, 2); // expected-note {{'unpin_user_pages' releases pages}}
  return kmap(pages[0]); // expected-warning {{'kmap' uses the page 'pages[0]' after 'unpin_user_pages' (line 25) dropped the pin taken by 'pin_user_pages' (line 19)}} expected-note {{'kmap' uses the page 'pages[0]' after 'unpin_user_pages' (line 25) dropped the pin taken by 'pin_user_pages' (line 19)}}
}

// The same page under another name: loaded before the release.
void other_name(unsigned long addr, struct page **pages) {
  struct page *first;
  if (pin_user_pages_fast(addr, 1, FOLL_WRITE, pages) != 1) // expected-note {{'pin_user_pages_fast' pinned the requested page}} expected-note {{Taking false branch}}
    return;
  first = pages[0];
  unpin_user_page(pages[0]); // expected-note {{'unpin_user_page' releases one of the pages}}
  set_page_dirty_lock(first); // expected-warning {{'set_page_dirty_lock' uses the page 'first' after 'unpin_user_page' (line 35) dropped the pin taken by 'pin_user_pages_fast' (line 32)}} expected-note {{'set_page_dirty_lock' uses the page 'first' after 'unpin_user_page' (line 35) dropped the pin taken by 'pin_user_pages_fast' (line 32)}}
}

// A single page taken into a variable.
void single(unsigned long addr) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1) // expected-note {{'get_user_pages_fast' took references on the requested page}} expected-note {{Taking false branch}}
    return;
  put_page(page); // expected-note {{'put_page' releases one of the pages}}
  kunmap(page); // expected-warning {{'kunmap' uses the page 'page' after 'put_page' (line 44) dropped the reference taken by 'get_user_pages_fast' (line 42)}} expected-note {{'kunmap' uses the page 'page' after 'put_page' (line 44) dropped the reference taken by 'get_user_pages_fast' (line 42)}}
}

// ---- must not warn

// Dirty first, then release.
void dirty_then_put(unsigned long addr, struct page **pages) {
  int i, n = get_user_pages_fast(addr, 4, FOLL_WRITE, pages);
  for (i = 0; i < n; i++) {
    set_page_dirty_lock(pages[i]);
    put_page(pages[i]);
  }
}

// The release that dirties.
void dirty_release(unsigned long addr, struct page **pages) {
  long n = pin_user_pages(addr, 4, FOLL_WRITE, pages, NULL);
  if (n > 0)
    unpin_user_pages_dirty_lock(pages, n, true);
}

// Other slots released; the one still held is used, then released.
void partial_release(unsigned long addr, struct page **pages) {
  void *va;
  if (pin_user_pages_fast(addr, 2, FOLL_WRITE, pages) != 2)
    return;
  unpin_user_page(pages[1]);
  va = kmap(pages[0]);
  kunmap(pages[0]);
  unpin_user_page(pages[0]);
}

// The slot is refilled by a second call before the use.
void refilled(unsigned long addr, struct page **pages) {
  if (pin_user_pages_fast(addr, 1, 0, pages) != 1)
    return;
  unpin_user_page(pages[0]);
  if (pin_user_pages_fast(addr + 4096, 1, 0, pages) != 1)
    return;
  set_page_dirty_lock(pages[0]);
  unpin_user_page(pages[0]);
}

// Handed to a consumer after the release: the consumer would own a
// reference nobody holds.
void consumer_after(unsigned long addr, struct scatterlist *sg) {
  struct page *page;
  if (pin_user_pages_fast(addr, 1, 0, &page) != 1) // expected-note {{'pin_user_pages_fast' pinned the requested page}} expected-note {{Taking false branch}}
    return;
  unpin_user_page(page); // expected-note {{'unpin_user_page' releases one of the pages}}
  sg_set_page(sg, page, 4096, 0); // expected-warning {{'sg_set_page' uses the page 'page' after 'unpin_user_page' (line 94) dropped the pin taken by 'pin_user_pages_fast' (line 92)}} expected-note {{'sg_set_page' uses the page 'page' after 'unpin_user_page' (line 94) dropped the pin taken by 'pin_user_pages_fast' (line 92)}}
}

// include/linux/highmem-internal.h (6.1, !CONFIG_HIGHMEM): the real static
// inline shape. The use is judged at the call, before its body is analysed.
void *page_address(const struct page *page);
static inline void *kmap_local_page(struct page *page) {
  return page_address(page);
}

void *map_inline_after_put(unsigned long addr) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1) // expected-note {{'get_user_pages_fast' took references on the requested page}} expected-note {{Taking false branch}}
    return NULL;
  put_page(page); // expected-note {{'put_page' releases one of the pages}}
  return kmap_local_page(page); // expected-warning {{'kmap_local_page' uses the page 'page' after 'put_page' (line 109) dropped the reference taken by 'get_user_pages_fast' (line 107)}} expected-note {{'kmap_local_page' uses the page 'page' after 'put_page' (line 109) dropped the reference taken by 'get_user_pages_fast' (line 107)}}
}

void *map_inline_before_put(unsigned long addr, char *dst) {
  struct page *page;
  char *src;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1)
    return NULL;
  src = kmap_local_page(page);
  dst[0] = src[0];
  put_page(page);
  return dst;
}
