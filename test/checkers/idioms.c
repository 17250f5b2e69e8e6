// Correct kernel idioms stay quiet; their broken forms are reported.
// RUN: %gup_analyze -verify %s

#include "gup.h"

int do_io(struct page **pages, int n);

// Several batches pinned into one array at pvec + pinned, released together.
int pin_batches(unsigned long addr, int nr, struct page **pvec) {
  int pinned = 0;
  while (pinned < nr) {
    int ret = pin_user_pages_fast(addr + pinned * PAGE_SIZE, nr - pinned,
                                  FOLL_WRITE, pvec + pinned);
    if (ret < 0) {
      unpin_user_pages(pvec, pinned);
      return ret;
    }
    pinned += ret;
  }
  return 0;
}

// The same loop returning without the earlier batches.
int pin_batches_leaky(unsigned long addr, int nr, struct page **pvec) {
  int pinned = 0;
  while (pinned < nr) {
    int ret = pin_user_pages_fast(addr + pinned * PAGE_SIZE, nr - pinned,
                                  FOLL_WRITE, pvec + pinned);
    if (ret < 0)
      return ret; // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 27) are never unpinned}}
    pinned += ret;
  }
  return 0;
}

// Release loops over the returned count, in both directions.
int loops(unsigned long addr, struct page **pages) {
  int i, ret = get_user_pages_fast(addr, 3, 0, pages);
  if (ret <= 0)
    return ret;
  for (i = 0; i < ret; i++)
    set_page_dirty_lock(pages[i]);
  while (ret > 0)
    put_page(pages[--ret]);
  return 0;
}

int loop_down(unsigned long addr, struct page **pages) {
  int i, ret = get_user_pages_fast(addr, 3, 0, pages);
  if (ret <= 0)
    return ret;
  for (i = ret - 1; i >= 0; i--)
    put_page(pages[i]);
  return 0;
}

// A loop that stops one short.
int loop_short(unsigned long addr) {
  struct page *pages[3];
  int i, ret = get_user_pages_fast(addr, 3, 0, pages);
  if (ret <= 0)
    return ret;
  for (i = 1; i < ret; i++)
    put_page(pages[i]);
  return 0; // expected-warning {{Page references taken by 'get_user_pages_fast' (line 60) are never released}}
}

// Arrays held in struct fields.
struct pinned_buf {
  struct page *pages[4];
  struct page **heap_pages;
  int npages;
};

int buf_pin(struct pinned_buf *b, unsigned long addr) {
  int ret = pin_user_pages_fast(addr, 4, FOLL_WRITE, b->pages);
  if (ret < 0)
    return ret;
  b->npages = ret;
  return 0;
}

void buf_unpin(struct pinned_buf *b) {
  unpin_user_pages(b->pages, b->npages);
}

int buf_cycle(struct pinned_buf *b, unsigned long addr) {
  int err = buf_pin(b, addr);
  if (err)
    return err;
  if (do_io(b->pages, b->npages) < 0) {
    buf_unpin(b);
    return -EIO;
  }
  buf_unpin(b);
  return 0;
}

// Wrappers in the same file are analysed through.
static int grab(unsigned long addr, int nr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, nr, FOLL_WRITE, pages);
  if (ret > 0 && ret != nr) {
    unpin_user_pages(pages, ret);
    ret = -EFAULT;
  }
  return ret;
}

static void drop(struct page **pages, int n) { unpin_user_pages(pages, n); }

int use_wrappers(unsigned long addr, struct page **pages, int nr) {
  int ret = grab(addr, nr, pages);
  if (ret < 0)
    return ret;
  drop(pages, ret);
  return 0;
}

int use_wrappers_leaky(unsigned long addr, int nr, unsigned long key) {
  struct page *pages[8];
  int ret = grab(addr, 8, pages);
  if (ret < 0)
    return ret;
  if (key)
    return -EINVAL; // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 101) are never unpinned}}
  drop(pages, ret);
  return 0;
}

// min() clamps and ranges of slots inside what was taken.
int clamp(unsigned long addr, struct page **pages, int want) {
  int ret = get_user_pages_fast(addr, 4, 0, pages);
  int keep;
  if (ret <= 0)
    return ret;
  keep = min(ret, want);
  if (keep < 0)
    keep = 0;
  release_pages(pages + keep, ret - keep);
  return keep; // the caller owns pages[0..keep)
}
