// A small stand-in for the kernel headers the linux.gup checkers care about,
// with 6.1 signatures. put_page() is a static inline with a body, as in
// include/linux/mm.h, so the tests prove the checker models it instead of
// letting the engine inline it.
#ifndef PINPAIR_TEST_GUP_H
#define PINPAIR_TEST_GUP_H

#define NULL ((void *)0)
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0

#define EPERM 1
#define EINTR 4
#define EIO 5
#define EAGAIN 11
#define EAGAIN_FALLBACK EAGAIN
#define ENOMEM 12
#define EFAULT 14
#define EINVAL 22
#define ENOSPC 28
#define MAX_ERRNO 4095

#define FOLL_WRITE 0x01
#define FOLL_LONGTERM 0x100
#define GFP_KERNEL 0
#define PAGE_SIZE 4096UL

struct page { unsigned long flags; int _refcount; };
struct folio;
struct vm_area_struct;
struct mm_struct;

long get_user_pages(unsigned long start, unsigned long nr_pages,
                    unsigned int gup_flags, struct page **pages,
                    struct vm_area_struct **vmas);
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
                           unsigned long nr_pages, unsigned int gup_flags,
                           struct page **pages, struct vm_area_struct **vmas,
                           int *locked);
int get_user_pages_fast(unsigned long start, int nr_pages,
                        unsigned int gup_flags, struct page **pages);
int get_user_pages_fast_only(unsigned long start, int nr_pages,
                             unsigned int gup_flags, struct page **pages);
long get_user_pages_unlocked(unsigned long start, unsigned long nr_pages,
                             struct page **pages, unsigned int gup_flags);
long pin_user_pages(unsigned long start, unsigned long nr_pages,
                    unsigned int gup_flags, struct page **pages,
                    struct vm_area_struct **vmas);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
                           unsigned long nr_pages, unsigned int gup_flags,
                           struct page **pages, struct vm_area_struct **vmas,
                           int *locked);
int pin_user_pages_fast(unsigned long start, int nr_pages,
                        unsigned int gup_flags, struct page **pages);
int pin_user_pages_fast_only(unsigned long start, int nr_pages,
                             unsigned int gup_flags, struct page **pages);
long pin_user_pages_unlocked(unsigned long start, unsigned long nr_pages,
                             struct page **pages, unsigned int gup_flags);

void __put_page(struct page *page);
static inline int put_page_testzero(struct page *page) {
  return --page->_refcount == 0;
}
static inline void put_page(struct page *page) {
  if (put_page_testzero(page))
    __put_page(page);
}
void release_pages(struct page **pages, int nr);
void folio_put(struct folio *folio);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages,
                                 bool make_dirty);
void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages,
                                      bool make_dirty);

int set_page_dirty_lock(struct page *page);
void *kmap(struct page *page);
void kunmap(struct page *page);

void *kmalloc(size_t size, unsigned int flags);
void *kcalloc(size_t n, size_t size, unsigned int flags);
void *kvmalloc_array(size_t n, size_t size, unsigned int flags);
void kfree(const void *p);
void kvfree(const void *p);

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }

#define min(a, b) ((a) < (b) ? (a) : (b))

#endif

// Locks, zeroing allocators and inline consumers, as the kernel defines them.
struct mutex { int owner; };
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
void *kzalloc(size_t size, unsigned int flags);
struct scatterlist { unsigned long page_link; unsigned int offset, length; };
static inline void sg_set_page(struct scatterlist *sg, struct page *page,
                               unsigned int len, unsigned int offset) {
  sg->page_link = (sg->page_link & 3UL) | (unsigned long)page;
  sg->offset = offset;
  sg->length = len;
}
// include/linux/page-flags.h (6.1)
static inline unsigned long _compound_head(const struct page *page) {
  unsigned long head = page->flags;
  if (head & 1)
    return head - 1;
  return (unsigned long)page;
}
#define compound_head(page) ((typeof(page))_compound_head(page))
#define page_folio(p) ((struct folio *)_compound_head(p))
// include/linux/mm.h, mm/rmap.c (6.1): get_page() is folio_get(), which
// increments the folio's count; page_remove_rmap() unmaps the page.
void folio_ref_inc_(struct folio *folio);
static inline void folio_get(struct folio *folio) { folio_ref_inc_(folio); }
static inline void get_page(struct page *page) { folio_get(page_folio(page)); }
void page_remove_rmap(struct page *page, struct vm_area_struct *vma,
                      bool compound);
struct completion { int done; };
void __init_swait_queue_head(struct completion *q, const char *name, void *key);
static inline void init_completion(struct completion *x) {
  __init_swait_queue_head(x, "x", NULL);
}
