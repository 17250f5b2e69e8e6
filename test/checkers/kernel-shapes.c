// Shapes from real drivers that tripped earlier versions of the checkers.
// RUN: %gup_analyze -verify %s

#include "gup.h"

// Like atomisp's alloc_user_pages(): a lock taken between the pin and the
// check must not make bo->pages and bo->pgnr look like new values.
struct hmm_bo { struct mutex mutex; struct page **pages; int pgnr; };

static void free_user_pages(struct hmm_bo *bo, unsigned int page_nr) {
  int i;
  for (i = 0; i < page_nr; i++)
    put_page(bo->pages[i]);
}

int alloc_user_pages(struct hmm_bo *bo, unsigned long userptr) {
  int page_nr;
  mutex_unlock(&bo->mutex);
  page_nr = get_user_pages_fast(userptr, bo->pgnr, 1, bo->pages);
  mutex_lock(&bo->mutex);
  if (page_nr != bo->pgnr) {
    if (page_nr < 0)
      page_nr = 0;
    goto out_of_mem;
  }
  return 0;
out_of_mem:
  free_user_pages(bo, page_nr);
  return -ENOMEM;
}

// Like rio_mport_cdev: the error path tests a field of a kzalloc'ed request
// that is still NULL. (kzalloc-inline.c: the same with the kernel's inline
// kzalloc().)
struct dma_req { struct page **page_list; struct completion done; };

int do_dma(struct dma_req *req);

int transfer(unsigned long addr, int nr_pages) {
  struct dma_req *req = kzalloc(sizeof(*req), GFP_KERNEL);
  struct page **page_list;
  long pinned;
  int ret;
  if (!req)
    return -ENOMEM;
  init_completion(&req->done);
  page_list = kmalloc(nr_pages * sizeof(*page_list), GFP_KERNEL);
  if (!page_list) {
    ret = -ENOMEM;
    goto err_req;
  }
  pinned = pin_user_pages_fast(addr, nr_pages, 0, page_list);
  if (pinned != nr_pages) {
    nr_pages = pinned < 0 ? 0 : pinned;
    ret = -EFAULT;
    goto err_pg;
  }
  req->page_list = page_list;
  return do_dma(req);
err_pg:
  if (!req->page_list) {
    unpin_user_pages(page_list, nr_pages);
    kfree(page_list);
  }
err_req:
  kfree(req);
  return ret;
}

// Like mthca_map_user_db(): sg_set_page() (inline) takes the page over.
int map_db(struct scatterlist *sg, unsigned long uaddr) {
  struct page *pages[1];
  int ret = pin_user_pages_fast(uaddr, 1, FOLL_WRITE | FOLL_LONGTERM, pages);
  if (ret < 0)
    return ret;
  sg_set_page(sg, pages[0], PAGE_SIZE, 0);
  return 0;
}

// Like videobuf_dma_init_user_locked(): the request is a field of the
// caller's struct, so on a full pin the caller knows the count even when a
// later step fails.
struct dmabuf { struct page **pages; unsigned long nr_pages; };
int dma_map(struct dmabuf *dma);

int init_user(struct dmabuf *dma, unsigned long data) {
  int err = pin_user_pages(data, dma->nr_pages, FOLL_WRITE, dma->pages, NULL);
  if (err != dma->nr_pages) {
    dma->nr_pages = err >= 0 ? err : 0;
    return err < 0 ? err : -EINVAL;
  }
  if (dma_map(dma))
    return -ENOMEM; // no warning: the caller unpins dma->nr_pages pages
  return 0;
}

// Like xilinx_sdfec: `res < nr` on the failed branch is surely true.
int sdfec_write(unsigned long src, int nr_pages) {
  struct page *pages[16];
  int i, res = pin_user_pages_fast(src, nr_pages, 0, pages);
  if (res < nr_pages) {
    if (res > 0)
      unpin_user_pages(pages, res);
    return -EINVAL;
  }
  for (i = 0; i < nr_pages; i++)
    unpin_user_page(pages[i]);
  return 0;
}

// The broken twin of map_db: the page is neither handed over nor unpinned.
int map_db_leak(struct scatterlist *sg, unsigned long uaddr, int use) {
  struct page *pages[1];
  int ret = pin_user_pages_fast(uaddr, 1, FOLL_WRITE | FOLL_LONGTERM, pages);
  if (ret < 0)
    return ret;
  if (!use)
    return -EINVAL; // expected-warning-re {{Pages pinned by 'pin_user_pages_fast' (line {{[0-9]+}}) are never unpinned}}
  sg_set_page(sg, pages[0], PAGE_SIZE, 0);
  return 0;
}

// Like acrn_ioreq_init(): a pinned page is never NULL, so `|| !page` does
// not open a path that skips the unpin.
int ioreq_init(unsigned long buf_vma, struct page **out) {
  struct page *page;
  int ret = pin_user_pages_fast(buf_vma, 1, FOLL_WRITE | FOLL_LONGTERM, &page);
  if (ret != 1 || !page)
    return -EFAULT;
  *out = page;
  return 0;
}

// Like privcmd's lock_pages(): batches pinned in a loop, the running count
// published through an out-parameter; the caller unpins on error.
static int lock_pages(unsigned long *uptrs, unsigned int num,
                      struct page **pages, unsigned int nr_pages,
                      unsigned int *pinned) {
  unsigned int i;
  for (i = 0; i < num; i++) {
    int page_count;
    if (nr_pages < 2)
      return -ENOSPC; // no warning: *pinned tells the caller what to unpin
    page_count = pin_user_pages_fast(uptrs[i], 2, FOLL_WRITE, pages);
    if (page_count <= 0)
      return page_count ? page_count : -EFAULT;
    *pinned += page_count;
    nr_pages -= page_count;
    pages += page_count;
  }
  return 0;
}

int dm_op(unsigned long *uptrs, unsigned int num) {
  struct page **pages = kcalloc(2 * num, sizeof(*pages), GFP_KERNEL);
  unsigned int pinned = 0;
  int rc;
  if (!pages)
    return -ENOMEM;
  rc = lock_pages(uptrs, num, pages, 2 * num, &pinned);
  if (rc < 0)
    goto out;
  rc = 0;
out:
  unpin_user_pages_dirty_lock(pages, pinned, true);
  kfree(pages);
  return rc;
}

// The same caller forgetting the unpin on the error path.
int dm_op_leaky(unsigned long *uptrs, unsigned int num) {
  struct page *pages[4];
  unsigned int pinned = 0;
  int rc = lock_pages(uptrs, num, pages, 4, &pinned);
  if (rc < 0)
    return rc; // expected-warning-re {{Pages pinned by 'pin_user_pages_fast' (line {{[0-9]+}}) are never unpinned}}
  unpin_user_pages(pages, pinned);
  return 0;
}

// Like get_futex_key(): the reference is dropped through the head page.
int futex_key(unsigned long address, unsigned long *key) {
  struct page *page, *tail;
  int err = get_user_pages_fast(address, 1, FOLL_WRITE, &page);
  if (err < 0)
    return err;
  tail = page;
  page = compound_head(page);
  if (!page->flags) {
    err = -EFAULT;
    goto out;
  }
  *key = tail->flags;
out:
  put_page(page);
  return err;
}

// folio_put(page_folio(page)) releases the page's reference too.
int folio_release(unsigned long address) {
  struct page *page;
  if (get_user_pages_fast(address, 1, 0, &page) != 1)
    return -EFAULT;
  folio_put(page_folio(page));
  return 0;
}

// Like madvise_inject_error(): the reference goes to memory_failure() as a
// pfn with MF_COUNT_INCREASED.
int memory_failure(unsigned long pfn, int flags);
extern struct page *vmemmap;

int inject_error(unsigned long start) {
  struct page *page;
  unsigned long pfn;
  int ret = get_user_pages_fast(start, 1, 0, &page);
  if (ret != 1)
    return ret;
  pfn = (unsigned long)(page - vmemmap);
  return memory_failure(pfn, 1);
}

// Like rds_cmsg_atomic(): a failed pin writes nothing, so a page pointer
// initialised to NULL is still NULL on the error path.
int cmsg_atomic(unsigned long local_addr, struct scatterlist *sg) {
  struct page *page = NULL;
  int ret = pin_user_pages_fast(local_addr, 1, FOLL_WRITE, &page);
  if (ret != 1)
    goto err;
  sg_set_page(sg, page, 8, 0);
  return 0;
err:
  if (page)
    unpin_user_page(page);
  return ret < 0 ? ret : -EFAULT;
}

// The same for an array cleared before the call.
int cleared_array(unsigned long addr) {
  struct page *pages[2] = {NULL, NULL};
  int i, ret = get_user_pages_fast(addr, 2, 0, pages);
  if (ret < 0) {
    for (i = 0; i < 2; i++)
      if (pages[i])
        put_page(pages[i]);
    return ret;
  }
  release_pages(pages, ret);
  return 0;
}

// Like KVM's hva_to_pfn_slow() with SPARSEMEM_VMEMMAP: page_to_pfn() is
// arithmetic on an address the analyzer cannot compute, and the pfn goes to
// the caller's local through an out-parameter.
extern unsigned long vmemmap_base;
#define vmemmap_pfn(page) ((unsigned long)((page) - (struct page *)vmemmap_base))

static int to_pfn_slow(unsigned long addr, unsigned long *pfn) {
  struct page *page;
  long npages = get_user_pages_unlocked(addr, 1, &page, FOLL_WRITE);
  if (npages != 1)
    return npages;
  *pfn = vmemmap_pfn(page);
  return npages;
}

unsigned long to_pfn(unsigned long addr) {
  unsigned long pfn;
  if (to_pfn_slow(addr, &pfn) == 1)
    return pfn;
  return 0;
}

// Like ne_set_user_memory_region() in 6.1 (a real leak): the page taken for
// slot nr_pages is counted only at the end of the loop body, so a failed
// check in between leaves it out of the put_pages loop.
struct mem_region { struct page **pages; unsigned long nr_pages; };
int region_add(struct mem_region *r);

static int sanity_check_page(struct page *page) {
  return (page->flags & 1) ? -EINVAL : 0;
}

int set_memory_region(unsigned long addr, int n) {
  struct mem_region *r = kzalloc(sizeof(*r), GFP_KERNEL);
  unsigned long i;
  int rc;
  if (!r)
    return -ENOMEM;
  r->pages = kcalloc(n, sizeof(*r->pages), GFP_KERNEL);
  if (!r->pages) {
    kfree(r);
    return -ENOMEM;
  }
  do {
    i = r->nr_pages;
    rc = get_user_pages_unlocked(addr + i * PAGE_SIZE, 1, r->pages + i, 0);
    if (rc < 0)
      goto put_pages;
    rc = sanity_check_page(r->pages[i]);
    if (rc < 0)
      goto put_pages;
    r->nr_pages++;
  } while (--n > 0);
  return region_add(r);
put_pages:
  for (i = 0; i < r->nr_pages; i++)
    put_page(r->pages[i]);
  kfree(r->pages); // expected-warning-re {{Page references taken by 'get_user_pages_unlocked' (line {{[0-9]+}}) are never released}}
  kfree(r);
  return rc;
}

// Like st_read() in drivers/scsi/st.c (6.1): the buffer pointer is read
// before mutex_lock_interruptible(&STp->lock), the callee that pins stores
// its state through the same buffer read again, and the caller decides to
// release from the pointer it read first. A lock that can fail must not
// look like it rewrites *STp (STp->buffer would be another buffer).
#ifndef ERESTARTSYS
#define ERESTARTSYS 512
#endif
int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass);
#define mutex_lock_interruptible(lock) mutex_lock_interruptible_nested(lock, 0)

struct st_buf { int do_dio; struct page **mapped; };
struct tape { struct mutex lock; struct st_buf *buffer; };

static int map_pages(struct st_buf *b, unsigned long uaddr) {
  struct page **pages = kvmalloc_array(4, sizeof(*pages), GFP_KERNEL);
  int res;
  if (!pages)
    return -ENOMEM;
  res = pin_user_pages_fast(uaddr, 4, FOLL_WRITE, pages);
  if (res < 4) {
    if (res > 0)
      unpin_user_pages(pages, res);
    kvfree(pages);
    return 0;
  }
  b->mapped = pages;
  return 4;
}

static int setup(struct tape *t, unsigned long uaddr) {
  struct st_buf *b = t->buffer;
  int i = map_pages(b, uaddr);
  b->do_dio = i > 0 ? i : 0;
  return 0;
}

static void release(struct tape *t) {
  struct st_buf *b = t->buffer;
  unpin_user_pages(b->mapped, b->do_dio);
  kvfree(b->mapped);
  b->do_dio = 0;
}

int tape_read(struct tape *t, unsigned long uaddr, int fail) {
  struct st_buf *b = t->buffer;
  int do_dio, ret = 0;
  if (mutex_lock_interruptible(&t->lock))
    return -ERESTARTSYS;
  setup(t, uaddr);
  do_dio = b->do_dio;
  if (fail) {
    ret = -EFAULT;
    goto out;
  }
out:
  if (do_dio)
    release(t);
  mutex_unlock(&t->lock);
  return ret;
}

// Like bio_map_user_iov() in block/blk-map.c (6.1): bio_add_hw_page(), in
// another file, sets same_page only when it merged the page and succeeded,
// so the `if (same_page) put_page(page)` of its failure branch never runs
// and the page is released once, by the loop after the break. (The table
// says so: merged-flag.)
struct request_queue;
struct bio;
int bio_add_hw_page(struct request_queue *q, struct bio *bio,
                    struct page *page, unsigned int len, unsigned int offset,
                    unsigned int max_sectors, bool *same_page);

int map_user_pages(struct request_queue *q, struct bio *bio,
                   unsigned long uaddr) {
  struct page *pages[4];
  int j, npages = get_user_pages_fast(uaddr, 4, 0, pages);
  if (npages <= 0)
    return -EFAULT;
  for (j = 0; j < npages; j++) {
    struct page *page = pages[j];
    bool same_page = false;
    if (!bio_add_hw_page(q, bio, page, PAGE_SIZE, 0, 8, &same_page)) {
      if (same_page)
        put_page(page);
      break;
    }
  }
  while (j < npages)
    put_page(pages[j++]);
  return 0;
}

// The same loop releasing the page on every failure, merged or not: the loop
// after the break releases it again.
int map_user_pages_twice(struct request_queue *q, struct bio *bio,
                         unsigned long uaddr) {
  struct page *pages[4];
  int j, npages = get_user_pages_fast(uaddr, 4, 0, pages);
  if (npages <= 0)
    return -EFAULT;
  for (j = 0; j < npages; j++) {
    bool same_page = false;
    if (!bio_add_hw_page(q, bio, pages[j], PAGE_SIZE, 0, 8, &same_page)) {
      put_page(pages[j]);
      break;
    }
  }
  while (j < npages)
    put_page(pages[j++]); // expected-warning {{released twice}}
  return 0;
}
