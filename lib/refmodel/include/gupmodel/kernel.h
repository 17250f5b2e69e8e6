/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gupmodel/kernel.h - the kernel API subset that pinpair fixtures are written against.
 *
 * Kernel-style code (get_user_pages*() / pin_user_pages*() callers and their release paths)
 * compiles against this header unchanged, in two ways:
 *
 *   - linked with the gupmodel library, the calls run against the userspace reference model,
 *     which behaves like Linux 6.1 and records every contract violation (see model.h);
 *   - parsed by `clang --analyze --target=x86_64-linux-gnu -I<this include dir>` with the pinpair
 *     plugin, which recognises the functions by their kernel names.
 *
 * The second use is why this header needs nothing beyond <stddef.h> and <stdbool.h> (both come
 * with the compiler) and why every name and signature is the 6.1 one (iov_iter_extract_pages():
 * 6.3). As in the kernel,
 * put_page() and get_page() are static inline functions with a body; every other acquire and
 * release function is a plain extern function.
 *
 * Values of flags and errno constants are those of 6.1 (include/linux/mm.h, gfp_types.h,
 * uapi/asm-generic/errno*.h), so that a numeric value seen in a report means the same thing.
 */
#ifndef GUPMODEL_KERNEL_H
#define GUPMODEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

/* ---- Basic types and annotations ---------------------------------------------------------- */

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef long ssize_t;	/* same type as glibc's on x86_64, so both headers can coexist */
typedef unsigned int gfp_t;

#define __user
#define __must_check __attribute__((__warn_unused_result__))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

/* ---- Arithmetic helpers ------------------------------------------------------------------- */

/* Guarded: harness code may have included <limits.h> first. */
#ifndef INT_MAX
#define INT_MAX ((int)(~0U >> 1))
#endif
#ifndef UINT_MAX
#define UINT_MAX (~0U)
#endif
#ifndef LONG_MAX
#define LONG_MAX ((long)(~0UL >> 1))
#endif
#ifndef ULONG_MAX
#define ULONG_MAX (~0UL)
#endif

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

/*
 * Evaluate each argument once into uniquely named locals, as the kernel's __cmp_once() does
 * (so that nested uses do not shadow each other). Unlike the kernel's min()/max(), these do
 * not reject mixed types; use min_t()/max_t() where types differ.
 */
#define __PASTE_(a, b) a##b
#define __PASTE(a, b) __PASTE_(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define __cmp_once(op, x, y, ux, uy) __extension__({			\
	__typeof__(x) ux = (x);						\
	__typeof__(y) uy = (y);						\
	ux op uy ? ux : uy;						\
})
#define min(x, y) __cmp_once(<, x, y, __UNIQUE_ID(min_x), __UNIQUE_ID(min_y))
#define max(x, y) __cmp_once(>, x, y, __UNIQUE_ID(max_x), __UNIQUE_ID(max_y))
#define min_t(type, x, y) min((type)(x), (type)(y))
#define max_t(type, x, y) max((type)(x), (type)(y))

/* ---- errno values and error pointers ------------------------------------------------------ */

#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#define EOVERFLOW 75
#define EOPNOTSUPP 95
#define EHWPOISON 133
#define ERESTARTSYS 512
#define ENOTSUPP 524

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE((unsigned long)ptr);
}

/* ---- Memory management objects ------------------------------------------------------------ */

struct page;			/* opaque: owned by the model */
struct folio;			/* the model only has order-0 folios: page_folio() is a cast */
struct mm_struct;
struct vm_area_struct;

/* ---- Diagnostics -------------------------------------------------------------------------- */

/* Model hooks behind the kernel's inline helpers; not kernel API, do not call directly. */
void gupmodel_warn(const char *file, int line, const char *condition);
void gupmodel_put_page(struct page *page);
void gupmodel_get_page(struct page *page);

/* A WARN is recorded as a model note (see model.h); it never stops the code under test. */
#define WARN_ON(condition) __extension__({					\
	int __ret_warn_on = !!(condition);					\
	if (unlikely(__ret_warn_on))						\
		gupmodel_warn(__FILE__, __LINE__, #condition);			\
	unlikely(__ret_warn_on);						\
})
#define WARN_ON_ONCE(condition) WARN_ON(condition)

int printk(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
#define pr_err(...) printk(__VA_ARGS__)
#define pr_warn(...) printk(__VA_ARGS__)
#define pr_info(...) printk(__VA_ARGS__)
#define pr_debug(...) printk(__VA_ARGS__)

void *memcpy(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);

/* ---- Tasks, address spaces ---------------------------------------------------------------- */

struct task_struct {
	struct mm_struct *mm;
};

struct task_struct *gupmodel_current(void);
#define current (gupmodel_current())

/* 6.1's TASK_SIZE_MAX on x86_64 with 4-level paging. */
#define TASK_SIZE_MAX ((1UL << 47) - PAGE_SIZE)

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}

void mmap_read_lock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
void mmap_write_lock(struct mm_struct *mm);
void mmap_write_unlock(struct mm_struct *mm);

/* ---- GFP flags and allocators ------------------------------------------------------------- */

#define __GFP_HIGH 0x20u
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_ZERO 0x100u
#define __GFP_ATOMIC 0x200u
#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_NOWARN 0x2000u
#define __GFP_RETRY_MAYFAIL 0x4000u
#define __GFP_NOFAIL 0x8000u	/* the model never fails these allocations */
#define __GFP_NORETRY 0x10000u
#define __GFP_ACCOUNT 0x400000u
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *kvmalloc(size_t size, gfp_t flags);
void *kvzalloc(size_t size, gfp_t flags);
void *kvmalloc_array(size_t n, size_t size, gfp_t flags);
void *kvcalloc(size_t n, size_t size, gfp_t flags);
void kfree(const void *objp);
void kvfree(const void *addr);

/* ---- get_user_pages() family (6.1 signatures) --------------------------------------------- */

#define FOLL_WRITE 0x01		/* check pte is writable */
#define FOLL_TOUCH 0x02		/* mark page accessed */
#define FOLL_GET 0x04		/* do get_page on page */
#define FOLL_DUMP 0x08		/* give error on hole if it would be zero */
#define FOLL_FORCE 0x10		/* get_user_pages read/write w/o permission */
#define FOLL_NOWAIT 0x20	/* if a disk transfer is needed, start the IO and return */
#define FOLL_NOFAULT 0x80	/* do not fault in pages */
#define FOLL_HWPOISON 0x100	/* check page is hwpoisoned */
#define FOLL_MIGRATION 0x400	/* wait for page to replace migration entry */
#define FOLL_TRIED 0x800	/* a retry, previous pass started an IO */
#define FOLL_REMOTE 0x2000	/* we are working on non-current tsk/mm */
#define FOLL_ANON 0x8000	/* don't do file mappings */
#define FOLL_LONGTERM 0x10000	/* mapping lifetime is indefinite */
#define FOLL_SPLIT_PMD 0x20000	/* split huge pmd before returning */
#define FOLL_PIN 0x40000	/* pages must be released via unpin_user_page */
#define FOLL_FAST_ONLY 0x80000	/* gup_fast: prevent fall-back to slow gup */

/* A pin adds this much to the page refcount (small folios). */
#define GUP_PIN_COUNTING_BIAS (1U << 10)

/*
 * Return contract shared by the count-returning functions below: 0 when nr_pages is 0; else the
 * number of pages taken (pages[0..ret-1], possibly fewer than requested) or -errno when none
 * was taken. The *_fast_only variants never return a negative value. get_* take FOLL_GET
 * references (release with put_page()/release_pages()); pin_* take FOLL_PIN references
 * (release with unpin_user_page*()).
 */
long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);
long get_user_pages_unlocked(unsigned long start, unsigned long nr_pages, struct page **pages,
			     unsigned int gup_flags);
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
int get_user_pages_fast_only(unsigned long start, int nr_pages, unsigned int gup_flags,
			     struct page **pages);

long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);
long pin_user_pages_unlocked(unsigned long start, unsigned long nr_pages, struct page **pages,
			     unsigned int gup_flags);
int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
int pin_user_pages_fast_only(unsigned long start, int nr_pages, unsigned int gup_flags,
			     struct page **pages);

/* ---- Releasing and using page references -------------------------------------------------- */

static inline void get_page(struct page *page)
{
	gupmodel_get_page(page);
}

static inline void put_page(struct page *page)
{
	gupmodel_put_page(page);
}

void release_pages(struct page **pages, int nr);
struct folio *page_folio(struct page *page);
void folio_put(struct folio *folio);

void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty);
void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages, bool make_dirty);

bool page_maybe_dma_pinned(struct page *page);
struct page *nth_page(struct page *page, unsigned long n);

bool set_page_dirty(struct page *page);
int set_page_dirty_lock(struct page *page);
void *page_address(const struct page *page);
void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);

/* ---- iov_iter over one user buffer (ITER_UBUF) -------------------------------------------- */

#define READ 0
#define WRITE 1
#define ITER_DEST 0		/* data flows into the iterator's memory (== READ) */
#define ITER_SOURCE 1		/* data flows out of it (== WRITE) */

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
	ITER_BVEC,
	ITER_PIPE,
	ITER_XARRAY,
	ITER_DISCARD,
	ITER_UBUF,
};

/* Only the fields a single-range user iterator needs; names as in 6.1. */
struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	bool user_backed;
	size_t iov_offset;
	size_t count;
	void __user *ubuf;
};

typedef unsigned int iov_iter_extraction_t;

static inline void iov_iter_ubuf(struct iov_iter *i, unsigned int direction, void __user *buf,
				 size_t count)
{
	*i = (struct iov_iter){
		.iter_type = ITER_UBUF,
		.user_backed = true,
		.data_source = direction,
		.ubuf = buf,
		.count = count,
	};
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline bool user_backed_iter(const struct iov_iter *i)
{
	return i->user_backed;
}

/* True when iov_iter_extract_pages() pins (user-backed iterators): unpin afterwards. */
static inline bool iov_iter_extract_will_pin(const struct iov_iter *i)
{
	return user_backed_iter(i);
}

void iov_iter_advance(struct iov_iter *i, size_t bytes);
void iov_iter_revert(struct iov_iter *i, size_t bytes);

/*
 * These return BYTES (or -errno), starting at offset *start in pages[0]; the caller holds
 * DIV_ROUND_UP(*start + ret, PAGE_SIZE) page references. They advance the iterator.
 * iov_iter_get_pages*2() take FOLL_GET references; iov_iter_extract_pages() pins user-backed
 * memory. The *_alloc2 variant allocates *pages (kvfree() it; it is freed and NULLed on
 * failure); iov_iter_extract_pages() allocates *pages when it is NULL and leaves it to the
 * caller even on failure.
 */
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned maxpages, size_t *start);
ssize_t iov_iter_get_pages_alloc2(struct iov_iter *i, struct page ***pages, size_t maxsize,
				  size_t *start);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages, size_t maxsize,
			       unsigned int maxpages, iov_iter_extraction_t extraction_flags,
			       size_t *offset0);

#endif /* GUPMODEL_KERNEL_H */
