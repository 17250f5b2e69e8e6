// Pages handed over on success must not be reported: left in the caller's
// array, stored in a struct, returned, given to a consumer, or passed to code
// whose body is not visible (including a function pointer).
// RUN: %gup_analyze -verify %s
// expected-no-diagnostics

#include "gup.h"

struct bio;
int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
                 unsigned int off);
struct sg_table;
int sg_alloc_table_from_pages(struct sg_table *sgt, struct page **pages,
                              unsigned int n_pages, unsigned int offset,
                              unsigned long size, unsigned int gfp_mask);
struct umem { struct page **pages; unsigned long npages; };
struct frame { struct page *page; };
struct ops { void (*consume)(struct page **pages, int n); };

// The caller's array keeps the pages on success.
long fill_caller_array(unsigned long addr, unsigned long nr, struct page **pages) {
  return pin_user_pages(addr, nr, FOLL_WRITE, pages, NULL);
}

// A heap array stored in a long-lived struct with its count.
int umem_get(struct umem *umem, unsigned long addr, unsigned long nr) {
  struct page **pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
  long ret;
  if (!pages)
    return -ENOMEM;
  ret = pin_user_pages(addr, nr, FOLL_WRITE | FOLL_LONGTERM, pages, NULL);
  if (ret < 0) {
    kvfree(pages);
    return ret;
  }
  umem->pages = pages;
  umem->npages = ret;
  return 0;
}

// Each page goes to a consumer that takes over the reference.
int add_to_bio(struct bio *bio, unsigned long addr) {
  struct page *pages[4];
  int i, ret = get_user_pages_fast(addr, 4, 0, pages);
  if (ret <= 0)
    return ret;
  for (i = 0; i < ret; i++)
    bio_add_page(bio, pages[i], PAGE_SIZE, 0);
  return 0;
}

// The consumer takes what it can; the rest is released.
int add_to_bio_tail(struct bio *bio, unsigned long addr) {
  struct page *pages[4];
  int i, ret = get_user_pages_fast(addr, 4, 0, pages);
  if (ret <= 0)
    return ret;
  for (i = 0; i < ret; i++)
    if (bio_add_page(bio, pages[i], PAGE_SIZE, 0) != PAGE_SIZE)
      break;
  for (; i < ret; i++)
    put_page(pages[i]);
  return 0;
}

// The array goes to code we cannot see.
int to_sg(struct sg_table *sgt, unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 8, 0, pages);
  if (ret < 0)
    return ret;
  return sg_alloc_table_from_pages(sgt, pages, ret, 0, ret * PAGE_SIZE, 0);
}

// Through a function pointer.
int via_callback(struct ops *ops, unsigned long addr) {
  struct page *pages[8];
  int ret = pin_user_pages_fast(addr, 8, 0, pages);
  if (ret <= 0)
    return ret;
  ops->consume(pages, ret);
  return 0;
}

// A single page stored in a struct, or returned.
int frame_get(struct frame *f, unsigned long addr) {
  struct page *page;
  int ret = pin_user_pages_fast(addr, 1, FOLL_WRITE, &page);
  if (ret != 1)
    return -EFAULT;
  f->page = page;
  return 0;
}

struct page *page_get(unsigned long addr) {
  struct page *page;
  if (get_user_pages_fast(addr, 1, 0, &page) != 1)
    return NULL;
  return page;
}

// The array itself is returned to the caller.
struct page **pages_get(unsigned long addr, int nr) {
  struct page **pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
  int ret;
  if (!pages)
    return ERR_PTR(-ENOMEM);
  ret = pin_user_pages_fast(addr, nr, 0, pages);
  if (ret != nr) {
    if (ret > 0)
      unpin_user_pages(pages, ret);
    kfree(pages);
    return ERR_PTR(-EFAULT);
  }
  return pages;
}

// Only a fault-in: no array, no references.
int fault_in(unsigned long addr, unsigned long nr) {
  long ret = get_user_pages(addr, nr, FOLL_WRITE, NULL, NULL);
  return ret < 0 ? ret : 0;
}

// The reference goes to the caller as a pfn (KVM's hva_to_pfn_slow()).
extern struct page *vmemmap;
#define page_to_pfn(page) ((unsigned long)((page) - vmemmap))
typedef unsigned long kvm_pfn_t;

int hva_to_pfn_slow(unsigned long addr, kvm_pfn_t *pfn) {
  struct page *page;
  long npages = get_user_pages_unlocked(addr, 1, &page, FOLL_WRITE);
  if (npages != 1)
    return npages;
  *pfn = page_to_pfn(page);
  return npages;
}

// Each pinned page is published as a frame number in a descriptor.
struct stat_desc { unsigned long ppn[4]; };

int publish_ppns(struct stat_desc *d, unsigned long addr) {
  struct page *pages[4];
  int i, n = pin_user_pages_fast(addr, 4, FOLL_LONGTERM, pages);
  if (n != 4) {
    if (n > 0)
      unpin_user_pages(pages, n);
    return -EFAULT;
  }
  for (i = 0; i < 4; i++)
    d->ppn[i] = page_to_pfn(pages[i]);
  return 0;
}

// Like vfio's vaddr_get_pfns() (6.1) under vfio_pin_page_external(): the
// callee pins into the caller's one-slot array through a `struct page **`
// and hands the reference out as a pfn through an out-parameter that points
// into the caller's caller. With SPARSEMEM_VMEMMAP the engine cannot
// compute `page - vmemmap`; the pfn still stands for the page.
extern unsigned long vmemmap_base;
#define vmemmap_pfn(pg) ((unsigned long)((pg) - (struct page *)vmemmap_base))
int is_zero_pfn(unsigned long pfn);

static int get_pfns(unsigned long vaddr, unsigned long *pfn,
                    struct page **pages) {
  int i, ret = pin_user_pages_remote(NULL, vaddr, 1, 0, pages, NULL, NULL);
  if (ret > 0) {
    for (i = 0; i < ret; i++)
      if (is_zero_pfn(vmemmap_pfn(pages[i])))
        unpin_user_page(pages[i]);
    *pfn = vmemmap_pfn(pages[0]);
    return ret;
  }
  return -EFAULT;
}

static int pin_page_external(unsigned long vaddr, unsigned long *pfn_base) {
  struct page *pages[1];
  int ret = get_pfns(vaddr, pfn_base, pages);
  if (ret != 1)
    return ret < 0 ? ret : -EFAULT;
  return 0;
}

int pin_one(unsigned long vaddr, unsigned long *out) {
  unsigned long phys_pfn;
  int ret = pin_page_external(vaddr, &phys_pfn);
  if (ret)
    return ret;
  *out = phys_pfn;
  return 0;
}
