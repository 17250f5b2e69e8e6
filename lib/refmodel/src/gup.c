// SPDX-License-Identifier: GPL-2.0
/*
 * The get_user_pages*() / pin_user_pages*() family, after Linux 6.1 mm/gup.c.
 *
 * Each public function validates its flags the way 6.1 does (-EINVAL after a WARN, which the
 * model records as a note) and then goes through gup_take(), which holds the common contract:
 *
 *   nr_pages == 0                       -> 0, no decision point
 *   gup-fast: start + len overflows      -> 0 (6.1 behaviour; later kernels -EOVERFLOW)
 *   gup-fast: beyond TASK_SIZE           -> -EFAULT (*_fast_only: 0)
 *   otherwise                            -> the pages up to the first fault, or whatever the
 *                                           injector picks instead (-errno, a short count,
 *                                           0 for slow GUP with FOLL_NOWAIT or `locked`)
 *
 * Not modelled: dropping mmap_lock behind a `locked` pointer (*locked stays 1), the shared
 * zero page, large folios (every page is an order-0 folio).
 *
 * Deliberate deviation: 6.1's get_user_pages_unlocked() does not reject a caller's FOLL_PIN
 * (pin_user_pages_unlocked() is built on it); the model rejects it for every get_* function,
 * so that asking a get call for pins is always -EINVAL.
 */
#include "internal.h"

struct gup_request {
	const char *api;
	enum ref_kind kind;
	unsigned long start;
	unsigned long nr_pages;
	unsigned int gup_flags;
	struct page **pages;
	struct vm_area_struct **vmas;
	bool fast;		/* gup-fast address checks */
	bool never_negative;	/* *_fast_only: failures read as 0 */
	bool zero_ok;		/* may return 0 for nr_pages > 0 (FOLL_NOWAIT, `locked`) */
};

/* ---- mmap lock and current ------------------------------------------------------------------ */

static struct mm_struct {
	int readers;
	int writers;
} model_mm;

static struct task_struct model_task = { .mm = &model_mm };

struct task_struct *gupmodel_current(void)
{
	return &model_task;
}

static bool mm_locked(void)
{
	return model_mm.readers || model_mm.writers;
}

static void lock_change(const char *api, struct mm_struct *mm, bool write, int delta)
{
	int *count = write ? &model_mm.writers : &model_mm.readers;

	model_tick();
	if (mm != &model_mm) {
		model_report(GUPMODEL_NOTE, api, "%p is not current->mm", (void *)mm);
		return;
	}
	if (*count + delta < 0) {
		model_report(GUPMODEL_NOTE, api, "unlock without lock");
		return;
	}
	*count += delta;
}

void mmap_read_lock(struct mm_struct *mm)
{
	lock_change("mmap_read_lock", mm, false, 1);
}

void mmap_read_unlock(struct mm_struct *mm)
{
	lock_change("mmap_read_unlock", mm, false, -1);
}

void mmap_write_lock(struct mm_struct *mm)
{
	lock_change("mmap_write_lock", mm, true, 1);
}

void mmap_write_unlock(struct mm_struct *mm)
{
	lock_change("mmap_write_unlock", mm, true, -1);
}

void model_lock_end_run(void)
{
	if (mm_locked())
		model_report(GUPMODEL_NOTE, "end of run", "mmap_lock still held");
}

void model_lock_reset(void)
{
	model_mm = (struct mm_struct){ 0 };
}

/* The functions that take mmap_lock themselves vs. those whose caller must hold it. */
static void check_lock(const char *api, bool caller_holds)
{
	if (caller_holds && !mm_locked())
		model_report(GUPMODEL_NOTE, api, "called without mmap_lock held");
	else if (!caller_holds && mm_locked())
		model_report(GUPMODEL_NOTE, api, "called with mmap_lock held (takes it itself)");
}

/* The model has a single address space: a remote call must name it. */
static void check_remote_mm(const char *api, struct mm_struct *mm)
{
	if (mm != &model_mm)
		model_report(GUPMODEL_NOTE, api, "%p is not current->mm, used anyway", (void *)mm);
}

/* ---- Common acquire path --------------------------------------------------------------------- */

/* 6.1 WARNs and fails on contradictory arguments: -EINVAL, or 0 for the *_fast_only calls. */
static long reject(const struct gup_request *r, const char *why)
{
	model_report(GUPMODEL_NOTE, r->api, "WARN: %s", why);
	return r->never_negative ? 0 : -EINVAL;
}

static long gup_take(const struct gup_request *r)
{
	unsigned long start = r->start & PAGE_MASK;
	bool write = r->gup_flags & FOLL_WRITE;
	bool force = r->gup_flags & FOLL_FORCE;
	unsigned long natural = 0, i;
	long ret;

	model_tick();
	model_counters.acquire_calls++;
	if (r->nr_pages == 0)
		return 0;
	if (r->fast) {
		if (r->nr_pages > (~0UL >> PAGE_SHIFT) || start + (r->nr_pages << PAGE_SHIFT) < start)
			return 0;
		if (!access_ok((void __user *)start, r->nr_pages << PAGE_SHIFT))
			return r->never_negative ? 0 : -EFAULT;
	}
	while (natural < r->nr_pages &&
	       model_page_for_access(start + natural * PAGE_SIZE, write, force))
		natural++;
	ret = model_acquire_outcome(r->api, r->nr_pages, natural, -EFAULT, r->never_negative,
				    r->zero_ok);
	for (i = 0; ret > 0 && i < (unsigned long)ret; i++) {
		struct page *p = gupmodel_page_at(start + i * PAGE_SIZE);

		/* Without a page array GUP only faults the pages in: no reference is taken. */
		if (r->pages) {
			model_grab(p, r->kind);
			r->pages[i] = p;
		}
		if (r->vmas)
			r->vmas[i] = p->vma;
	}
	return ret;
}

/* FOLL_GET functions, after 6.1's is_valid_gup_flags(). */
static long get_request(struct gup_request *r)
{
	if (r->gup_flags & FOLL_PIN)
		return reject(r, "FOLL_PIN passed to a get_user_pages*() call");
	if (r->gup_flags & FOLL_LONGTERM)
		return reject(r, "FOLL_LONGTERM without FOLL_PIN");
	r->kind = REF_GET;
	return gup_take(r);
}

/* FOLL_PIN functions: FOLL_GET and a missing page array are rejected. */
static long pin_request(struct gup_request *r)
{
	if (r->gup_flags & FOLL_GET)
		return reject(r, "FOLL_GET passed to a pin_user_pages*() call");
	if (!r->pages)
		return reject(r, "pin_user_pages*() without a page array");
	r->kind = REF_PIN;
	return gup_take(r);
}

long model_gup_fast(const char *api, unsigned long start, int nr_pages, unsigned int gup_flags,
		    struct page **pages, bool pin, bool only)
{
	struct gup_request r = {
		.api = api,
		.start = start,
		/* 6.1 turns a negative int into an overflowing length: returns 0 */
		.nr_pages = nr_pages > 0 ? (unsigned long)nr_pages : 0,
		.gup_flags = gup_flags,
		.pages = pages,
		.fast = true,
		.never_negative = only,
	};

	if (!only)
		check_lock(api, false);
	/* 6.1 internal_get_user_pages_fast() accepts only these flags. */
	if (gup_flags & ~(FOLL_WRITE | FOLL_LONGTERM | FOLL_FORCE | FOLL_PIN | FOLL_GET |
			  FOLL_FAST_ONLY | FOLL_NOFAULT))
		return reject(&r, "flags not accepted by gup-fast");
	return pin ? pin_request(&r) : get_request(&r);
}

/* ---- Public entry points ------------------------------------------------------------------------ */

/*
 * The slow-path entry points differ only in their name, the reference kind,
 * and the mmap_lock and `locked` rules of their family.
 */
static long model_gup_slow(const char *api, bool pin, struct mm_struct *mm, bool remote,
			   bool unlocked, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked)
{
	struct gup_request r = {
		.api = api,
		.start = start,
		.nr_pages = nr_pages,
		.gup_flags = gup_flags,
		.pages = pages,
		.vmas = vmas,
		.zero_ok = (gup_flags & FOLL_NOWAIT) || locked,
	};

	if (remote)
		check_remote_mm(api, mm);
	check_lock(api, !unlocked);
	if (remote && (gup_flags & FOLL_LONGTERM) && locked)
		return reject(&r, "FOLL_LONGTERM with a locked pointer");
	if (unlocked && pin && (gup_flags & FOLL_LONGTERM))
		return reject(&r, "FOLL_LONGTERM is not supported here");
	return pin ? pin_request(&r) : get_request(&r);
}

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
                    struct page **pages, struct vm_area_struct **vmas)
{
	return model_gup_slow("get_user_pages", false, NULL, false, false, start, nr_pages, gup_flags,
			      pages, vmas, NULL);
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
                           unsigned int gup_flags, struct page **pages,
                           struct vm_area_struct **vmas, int *locked)
{
	return model_gup_slow("get_user_pages_remote", false, mm, true, false, start, nr_pages, gup_flags, pages,
			      vmas, locked);
}

long get_user_pages_unlocked(unsigned long start, unsigned long nr_pages, struct page **pages,
                             unsigned int gup_flags)
{
	return model_gup_slow("get_user_pages_unlocked", false, NULL, false, true, start, nr_pages, gup_flags,
			      pages, NULL, NULL);
}

int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages)
{
	return model_gup_fast("get_user_pages_fast", start, nr_pages, gup_flags, pages, false,
			      false);
}

int get_user_pages_fast_only(unsigned long start, int nr_pages, unsigned int gup_flags,
			     struct page **pages)
{
	return model_gup_fast("get_user_pages_fast_only", start, nr_pages, gup_flags, pages, false,
			      true);
}

long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
                    struct page **pages, struct vm_area_struct **vmas)
{
	return model_gup_slow("pin_user_pages", true, NULL, false, false, start, nr_pages, gup_flags,
			      pages, vmas, NULL);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
                           unsigned int gup_flags, struct page **pages,
                           struct vm_area_struct **vmas, int *locked)
{
	return model_gup_slow("pin_user_pages_remote", true, mm, true, false, start, nr_pages, gup_flags, pages,
			      vmas, locked);
}

long pin_user_pages_unlocked(unsigned long start, unsigned long nr_pages, struct page **pages,
                             unsigned int gup_flags)
{
	return model_gup_slow("pin_user_pages_unlocked", true, NULL, false, true, start, nr_pages, gup_flags,
			      pages, NULL, NULL);
}

int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages)
{
	return model_gup_fast("pin_user_pages_fast", start, nr_pages, gup_flags, pages, true,
			      false);
}

int pin_user_pages_fast_only(unsigned long start, int nr_pages, unsigned int gup_flags,
			     struct page **pages)
{
	return model_gup_fast("pin_user_pages_fast_only", start, nr_pages, gup_flags, pages, true,
			      true);
}
