// kzalloc() is an inline around kmalloc() in the kernel's headers; the
// memory it returns is zeroed whether or not the engine analyses the body.
// RUN: %gup_analyze -verify %s
// expected-no-diagnostics

#define kzalloc kzalloc_prototype
#include "gup.h"
#undef kzalloc

void *kmalloc_trace(size_t size, unsigned int flags);
static inline void *kzalloc(size_t size, unsigned int flags) {
  return kmalloc_trace(size, flags | 0x100u);
}

struct dma_req { struct page **page_list; };
int do_dma(struct dma_req *req);

int transfer(unsigned long addr, int nr_pages, struct page **page_list) {
  struct dma_req *req = kzalloc(sizeof(*req), GFP_KERNEL);
  long pinned;
  int ret;
  if (!req)
    return -ENOMEM;
  pinned = pin_user_pages_fast(addr, nr_pages, 0, page_list);
  if (pinned != nr_pages) {
    nr_pages = pinned < 0 ? 0 : pinned;
    ret = -EFAULT;
    goto err_pg;
  }
  req->page_list = page_list;
  return do_dma(req);
err_pg:
  if (!req->page_list)
    unpin_user_pages(page_list, nr_pages);
  kfree(req);
  return ret;
}
