/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared internals of the gupmodel library. Only the model's own sources include this.
 *
 * Layout: page.c owns pages, mappings and the reference ledger; inject.c owns decision points,
 * the explorer and the runaway guard; diag.c owns the violation list; alloc.c the heap;
 * gup.c, release.c and iov_iter.c are the kernel API built on top of those.
 */
#ifndef GUPMODEL_INTERNAL_H
#define GUPMODEL_INTERNAL_H

/* libc first: kernel.h defines macros (min, max, current) that libc headers must not see. */
#include <stdarg.h>
#include <stdint.h>

#include <gupmodel/model.h>
#include <gupmodel/kernel.h>

/* The two kinds of page reference a GUP call hands out. */
enum ref_kind {
	REF_GET,
	REF_PIN,
};

struct page {
	unsigned long uaddr;	/* where the page is mapped */
	long refcount;		/* kernel arithmetic, see model.h */
	unsigned int gets;	/* exact FOLL_GET references held */
	unsigned int pins;	/* exact FOLL_PIN references held */
	bool ever_referenced;	/* a reference was taken in this run: "released twice", not "never had" */
	bool dirty;
	unsigned char *data;	/* contents, allocated on first kmap()/page_address() */
	struct vm_area_struct *vma;
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	enum gupmodel_prot prot;
};

/* Slab-like poison: fresh kmalloc() memory and freed blocks. Never valid page pointers. */
#define POISON_INUSE 0x5a
#define POISON_FREE 0x6b

/* ---- page.c -------------------------------------------------------------------------------- */

/* The page ptr designates, or NULL if it is not one of this run's pages. Never dereferences. */
struct page *model_find_page(const void *ptr);
/* The page a user access at uaddr reaches, or NULL if that access faults. */
struct page *model_page_for_access(unsigned long uaddr, bool write, bool force);
unsigned int model_refs(const struct page *p);
void model_grab(struct page *p, enum ref_kind kind);
/* Drop one reference of kind through ptr, classifying whatever is wrong with that. */
void model_drop(const char *api, const void *ptr, enum ref_kind kind);
/* Check that ptr is a page the caller holds a reference to; NULL if it is not a page at all. */
struct page *model_use(const char *api, const void *ptr);
unsigned char *model_page_data(struct page *p);
void model_pages_end_run(void);
void model_pages_reset(void);
extern struct gupmodel_counters model_counters;

/*
 * Release-count sanity shared by every array release: true (after recording NegativeCount)
 * when n is an errno value, either as the kernel's IS_ERR_VALUE() sees an unsigned long or in
 * the 32-bit form an int errno takes once stored in an unsigned int. The kernel WARNs and
 * returns on the first form only and would walk off the array on the second.
 */
bool model_count_is_errno(const char *api, unsigned long n);
/* Clamp n to the slots the array really has when it is a heap block (OverRelease if not). */
unsigned long model_clamp_to_array(const char *api, struct page **pages, unsigned long n);

/* ---- alloc.c ------------------------------------------------------------------------------- */

/* Slots of struct page * from p to the end of the live heap block holding p, or SIZE_MAX. */
size_t model_heap_slots(const void *p);
void model_heap_end_run(void);
void model_heap_reset(void);

/* ---- inject.c ------------------------------------------------------------------------------ */

/* Record a decision point and return the index of the alternative to take (0 = natural). */
unsigned int model_choose(const char *api, bool is_alloc, long requested, const long *values,
			  unsigned int nr_values);
/*
 * Outcome of an acquire call that could naturally take `natural` of `requested` pages:
 * never_negative for *_fast_only (failure reads 0), zero_ok where the kernel may also return 0
 * without an error (slow GUP with FOLL_NOWAIT or a `locked` pointer).
 */
long model_acquire_outcome(const char *api, unsigned long requested, unsigned long natural,
			   long natural_err, bool never_negative, bool zero_ok);
/* Whether an allocation is made to fail. */
bool model_alloc_fails(const char *api, size_t size);
/* Count one model call; aborts a runaway run under the explorer. */
void model_tick(void);
void model_inject_reset(void);

/* ---- diag.c -------------------------------------------------------------------------------- */

void model_report(enum gupmodel_class cls, const char *api, const char *fmt, ...)
	__attribute__((__format__(__printf__, 3, 4)));
void model_diag_reset(void);

/* ---- gup.c --------------------------------------------------------------------------------- */

/* gup-fast as the four *_fast* entry points and the iov_iter functions share it. */
long model_gup_fast(const char *api, unsigned long start, int nr_pages, unsigned int gup_flags,
		    struct page **pages, bool pin, bool only);

void model_lock_end_run(void);
void model_lock_reset(void);

#endif /* GUPMODEL_INTERNAL_H */
