// Pages held when a later step fails: error returns, goto unwinding ladders,
// local arrays going out of scope, arrays freed or refilled while holding.
// RUN: %gup_analyze -verify %s

#include "gup.h"

int setup_dma(struct page **pages, int n);
struct ctx { struct page **pages; int npages; };

// A later step fails after a full pin and the error path forgets the pages.
int map_user(unsigned long addr, int nr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, nr, FOLL_WRITE, pages);
  if (ret != nr)
    goto out;
  if (setup_dma(pages, ret) < 0)
    return -EIO; // no warning: setup_dma() received the array (it may own it)
  return 0;
out:
  if (ret > 0)
    unpin_user_pages(pages, ret);
  return -EFAULT;
}

int lookup_thing(unsigned long key);

int map_then_lookup(unsigned long addr, struct page **pages, unsigned long key) {
  long ret = pin_user_pages(addr, 8, FOLL_WRITE, pages, NULL);
  if (ret != 8) {
    if (ret > 0)
      unpin_user_pages(pages, ret);
    return -EFAULT;
  }
  if (lookup_thing(key) < 0)
    return -EINVAL; // expected-warning {{Pages pinned by 'pin_user_pages' (line 27) are never unpinned}}
  return 0;
}

// The classic unwinding ladder, correct.
int ladder_ok(unsigned long addr, struct page **pages, unsigned long key) {
  int err;
  long ret = pin_user_pages(addr, 8, FOLL_WRITE, pages, NULL);
  if (ret < 0)
    return ret;
  if (ret != 8) {
    err = -EFAULT;
    goto unpin;
  }
  err = lookup_thing(key);
  if (err < 0)
    goto unpin;
  return 0;
unpin:
  unpin_user_pages(pages, ret);
  return err;
}

// The ladder with the label that unpins skipped on one path.
int ladder_skips(unsigned long addr, struct page **pages, unsigned long key) {
  int err;
  long ret = pin_user_pages(addr, 8, FOLL_WRITE, pages, NULL);
  if (ret < 0)
    return ret;
  if (ret != 8) {
    err = -EFAULT;
    goto out; // jumps past the unpin
  }
  err = lookup_thing(key);
  if (err < 0)
    goto unpin;
  return 0;
unpin:
  unpin_user_pages(pages, ret);
out:
  return err; // expected-warning {{Pages pinned by 'pin_user_pages' (line 60) are never unpinned}}
}

// A local array goes out of scope while holding references.
int peek_user(unsigned long addr) {
  struct page *pages[4];
  int ret = get_user_pages_fast(addr, 4, 0, pages);
  if (ret <= 0)
    return ret;
  put_page(pages[0]);
  return 0; // expected-warning {{Page references taken by 'get_user_pages_fast' (line 80) are never released}}
}

// Correct single-page use.
int peek_one(unsigned long addr) {
  struct page *page;
  int ret = get_user_pages_fast(addr, 1, 0, &page);
  if (ret != 1)
    return ret < 0 ? ret : -EFAULT;
  put_page(page);
  return 0;
}

// The array is freed while it still holds pins.
int free_too_early(unsigned long addr, int nr) {
  struct page **pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
  int ret;
  if (!pages)
    return -ENOMEM;
  ret = pin_user_pages_fast(addr, nr, 0, pages);
  if (ret != nr) {
    kvfree(pages); // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 103) are never unpinned}}
    return -EFAULT;
  }
  unpin_user_pages(pages, ret);
  kvfree(pages);
  return 0;
}

// Correct: unpin, then free.
int free_after_unpin(unsigned long addr, int nr) {
  struct page **pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
  int ret;
  if (!pages)
    return -ENOMEM;
  ret = pin_user_pages_fast(addr, nr, 0, pages);
  if (ret > 0)
    unpin_user_pages(pages, ret);
  kvfree(pages);
  return ret == nr ? 0 : -EFAULT;
}

// The same array refilled while it still holds the first call's pages.
int refill(unsigned long a, unsigned long b, struct page **pages) {
  int ret = get_user_pages_fast(a, 2, 0, pages);
  if (ret < 0)
    return ret;
  ret = get_user_pages_fast(b, 2, 0, pages); // expected-warning {{Page references taken by 'get_user_pages_fast' (line 128) are never released}}
  if (ret > 0)
    release_pages(pages, ret);
  return 0;
}

// Error return from a function that stored the array and its count in a
// struct the caller tears down: the caller can release them.
int ctx_map(struct ctx *c, unsigned long addr, int nr) {
  int ret = pin_user_pages_fast(addr, nr, FOLL_WRITE, c->pages);
  if (ret < 0)
    return ret;
  c->npages = ret;
  if (ret != nr)
    return -EFAULT; // no warning: ctx teardown unpins c->npages pages
  return 0;
}

// But the count must be published: here the caller cannot know it.
int ctx_map_lost(struct ctx *c, unsigned long addr, int nr) {
  int ret = pin_user_pages_fast(addr, nr, FOLL_WRITE, c->pages);
  if (ret < 0)
    return ret;
  if (ret != nr)
    return -EFAULT; // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 151) are never unpinned}}
  c->npages = ret;
  return 0;
}

// Pointer-returning functions fail with NULL or ERR_PTR.
struct page *grab_page(unsigned long addr, unsigned long key) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1)
    return ERR_PTR(-EFAULT);
  if (lookup_thing(key))
    return ERR_PTR(-EINVAL); // expected-warning {{Page references taken by 'get_user_pages_fast' (line 163) are never released}}
  return page;
}

// One pinned page is never published (the loop stops one short).
extern struct page *vmemmap;
struct stat_desc { unsigned long ppn[4]; };

int publish_short(struct stat_desc *d, unsigned long addr) {
  struct page *pages[4];
  int i, n = pin_user_pages_fast(addr, 4, FOLL_LONGTERM, pages);
  if (n != 4) {
    if (n > 0)
      unpin_user_pages(pages, n);
    return -EFAULT;
  }
  for (i = 0; i < 3; i++)
    d->ppn[i] = (unsigned long)(pages[i] - vmemmap);
  return 0; // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 176) are never unpinned}}
}

// The pfn of the pinned page is only looked at (SPARSEMEM_VMEMMAP's
// page_to_pfn(), which the engine cannot compute), never handed out.
extern unsigned long vmemmap_base;
#define vmemmap_pfn(pg) ((unsigned long)((pg) - (struct page *)vmemmap_base))
static inline int pfn_is_zero(unsigned long pfn) { return pfn == 0; }

int check_pfn(unsigned long vaddr) {
  struct page *pages[1];
  int ret = pin_user_pages_remote(NULL, vaddr, 1, 0, pages, NULL, NULL);
  if (ret != 1)
    return -EFAULT;
  if (pfn_is_zero(vmemmap_pfn(pages[0])))
    return -EINVAL; // expected-warning {{Pages pinned by 'pin_user_pages_remote' (line 195) are never unpinned}}
  unpin_user_page(pages[0]);
  return 0;
}
