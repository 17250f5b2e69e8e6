// SPDX-License-Identifier: GPL-2.0
/*
 * Pages, user mappings and the reference ledger.
 *
 * Every release and every use of a page goes through model_drop() / model_use(), so the
 * classification of what can go wrong with a page pointer lives here and nowhere else:
 *
 *   pointer is not a page (NULL, never-filled slot)       -> OverRelease / UseAfterRelease
 *   page holds a reference of the released kind           -> fine, one dropped
 *   page holds only the other kind                        -> MismatchedRelease, that one dropped
 *   page holds none, but had some in this run             -> DoubleRelease
 *   page holds none and never had any in this run         -> OverRelease
 *
 * A mismatched release consumes the reference it was meant for so that one wrong call is one
 * violation, not also a leak at the end of the run. The kernel-like refcount, in contrast,
 * follows the API that was called (put_page() on a pinned page leaves 1023 of its bias), as
 * the kernel's would.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_RANGES 16

struct range {
	struct vm_area_struct vma;
	unsigned long nr_pages;
	struct page *pages;
};

static struct range ranges[MAX_RANGES];
static unsigned int nr_ranges;

struct gupmodel_counters model_counters;

int gupmodel_map(unsigned long start, unsigned long nr_pages, enum gupmodel_prot prot)
{
	struct range *r;
	unsigned long i;

	if (nr_ranges == MAX_RANGES || nr_pages == 0 || offset_in_page(start) ||
	    nr_pages > (TASK_SIZE_MAX - start) / PAGE_SIZE)
		return -1;
	for (i = 0; i < nr_ranges; i++)
		if (start < ranges[i].vma.vm_end &&
		    ranges[i].vma.vm_start < start + nr_pages * PAGE_SIZE)
			return -1;
	r = &ranges[nr_ranges];
	r->pages = calloc(nr_pages, sizeof(*r->pages));
	if (!r->pages)
		return -1;
	r->vma = (struct vm_area_struct){
		.vm_start = start,
		.vm_end = start + nr_pages * PAGE_SIZE,
		.prot = prot,
	};
	r->nr_pages = nr_pages;
	for (i = 0; i < nr_pages; i++) {
		r->pages[i].uaddr = start + i * PAGE_SIZE;
		r->pages[i].refcount = 1;	/* the user mapping's own reference */
		r->pages[i].vma = &r->vma;
	}
	nr_ranges++;
	return 0;
}

struct page *model_find_page(const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr;
	unsigned int i;

	for (i = 0; i < nr_ranges; i++) {
		uintptr_t first = (uintptr_t)ranges[i].pages;
		uintptr_t end = (uintptr_t)(ranges[i].pages + ranges[i].nr_pages);

		if (p >= first && p < end && (p - first) % sizeof(struct page) == 0)
			return &ranges[i].pages[(p - first) / sizeof(struct page)];
	}
	return NULL;
}

static struct range *range_of(unsigned long uaddr)
{
	unsigned int i;

	for (i = 0; i < nr_ranges; i++)
		if (uaddr >= ranges[i].vma.vm_start && uaddr < ranges[i].vma.vm_end)
			return &ranges[i];
	return NULL;
}

struct page *gupmodel_page_at(unsigned long uaddr)
{
	struct range *r = range_of(uaddr);

	return r ? &r->pages[(uaddr - r->vma.vm_start) >> PAGE_SHIFT] : NULL;
}

struct page *model_page_for_access(unsigned long uaddr, bool write, bool force)
{
	struct range *r = range_of(uaddr);

	/* FOLL_FORCE writes to a read-only private mapping break COW instead of faulting. */
	if (!r || (write && !force && r->vma.prot != GUPMODEL_READ_WRITE))
		return NULL;
	return gupmodel_page_at(uaddr);
}

bool gupmodel_page_info(const struct page *page, struct gupmodel_page_info *info)
{
	const struct page *p = model_find_page(page);

	if (!p)
		return false;
	*info = (struct gupmodel_page_info){
		.uaddr = p->uaddr,
		.refcount = p->refcount,
		.gets = p->gets,
		.pins = p->pins,
		.dirty = p->dirty,
	};
	return true;
}

unsigned int model_refs(const struct page *p)
{
	return p->gets + p->pins;
}

unsigned long gupmodel_refs_held(void)
{
	unsigned long total = 0, i;
	unsigned int r;

	for (r = 0; r < nr_ranges; r++)
		for (i = 0; i < ranges[r].nr_pages; i++)
			total += model_refs(&ranges[r].pages[i]);
	return total;
}

void model_grab(struct page *p, enum ref_kind kind)
{
	if (kind == REF_PIN) {
		p->pins++;
		p->refcount += GUP_PIN_COUNTING_BIAS;
		model_counters.nr_foll_pin_acquired++;
	} else {
		p->gets++;
		p->refcount++;
		model_counters.nr_foll_get_acquired++;
	}
	p->ever_referenced = true;
}

static const char *kind_name(enum ref_kind kind)
{
	return kind == REF_PIN ? "pin" : "reference";
}

void model_drop(const char *api, const void *ptr, enum ref_kind kind)
{
	struct page *p = model_find_page(ptr);
	unsigned int *same, *other;

	model_tick();
	if (!p) {
		if (ptr)
			model_report(GUPMODEL_OVER_RELEASE, api,
				     "%p is not a page (a never-filled slot?)", ptr);
		else
			model_report(GUPMODEL_OVER_RELEASE, api, "NULL page");
		return;
	}
	if (kind == REF_PIN) {
		p->refcount -= GUP_PIN_COUNTING_BIAS;
		model_counters.nr_foll_pin_released++;
		same = &p->pins;
		other = &p->gets;
	} else {
		p->refcount--;
		model_counters.nr_foll_get_released++;
		same = &p->gets;
		other = &p->pins;
	}
	if (*same) {
		(*same)--;
	} else if (*other) {
		(*other)--;
		model_report(GUPMODEL_MISMATCHED_RELEASE, api,
			     "page %#lx holds a %s, released as a %s", p->uaddr,
			     kind_name(kind == REF_PIN ? REF_GET : REF_PIN), kind_name(kind));
	} else if (p->ever_referenced) {
		model_report(GUPMODEL_DOUBLE_RELEASE, api,
			     "page %#lx: its references were already released", p->uaddr);
	} else {
		model_report(GUPMODEL_OVER_RELEASE, api,
			     "page %#lx was never referenced in this run", p->uaddr);
	}
}

struct page *model_use(const char *api, const void *ptr)
{
	struct page *p = model_find_page(ptr);

	model_tick();
	if (!p) {
		model_report(GUPMODEL_USE_AFTER_RELEASE, api, "%p is not a page%s", ptr,
			     ptr ? " (a never-filled slot?)" : "");
		return NULL;
	}
	if (!model_refs(p))
		model_report(GUPMODEL_USE_AFTER_RELEASE, api, "page %#lx %s", p->uaddr,
			     p->ever_referenced ? "after its last reference was dropped"
						: "that was never referenced in this run");
	return p;
}

unsigned char *model_page_data(struct page *p)
{
	if (!p->data)
		p->data = calloc(1, PAGE_SIZE);
	if (!p->data) {
		fprintf(stderr, "gupmodel: out of memory\n");
		abort();
	}
	return p->data;
}

bool model_count_is_errno(const char *api, unsigned long n)
{
	if (IS_ERR_VALUE(n)) {
		model_report(GUPMODEL_NEGATIVE_COUNT, api, "count %ld is an errno value", (long)n);
		return true;
	}
	if (n >= (unsigned long)(unsigned int)-MAX_ERRNO && n <= 0xffffffffUL) {
		model_report(GUPMODEL_NEGATIVE_COUNT, api,
			     "count %lu is errno %d stored in 32 unsigned bits", n, (int)n);
		return true;
	}
	return false;
}

unsigned long model_clamp_to_array(const char *api, struct page **pages, unsigned long n)
{
	size_t slots = model_heap_slots(pages);

	if (!pages && n) {
		model_report(GUPMODEL_OVER_RELEASE, api, "%lu pages, but no array", n);
		return 0;
	}
	if (n <= slots)
		return n;
	model_report(GUPMODEL_OVER_RELEASE, api, "count %lu exceeds the %zu slots of the array",
		     n, slots);
	return slots;
}

void model_pages_end_run(void)
{
	unsigned int r;
	unsigned long i;

	for (r = 0; r < nr_ranges; r++) {
		for (i = 0; i < ranges[r].nr_pages; i++) {
			const struct page *p = &ranges[r].pages[i];

			if (p->pins)
				model_report(GUPMODEL_LEAK, "end of run",
					     "page %#lx: %u pin(s) still held", p->uaddr, p->pins);
			if (p->gets)
				model_report(GUPMODEL_LEAK, "end of run",
					     "page %#lx: %u reference(s) still held", p->uaddr,
					     p->gets);
		}
	}
}

void model_pages_reset(void)
{
	unsigned int r;
	unsigned long i;

	for (r = 0; r < nr_ranges; r++) {
		for (i = 0; i < ranges[r].nr_pages; i++)
			free(ranges[r].pages[i].data);
		free(ranges[r].pages);
	}
	memset(ranges, 0, sizeof(ranges));
	nr_ranges = 0;
	memset(&model_counters, 0, sizeof(model_counters));
}

void gupmodel_read_counters(struct gupmodel_counters *out)
{
	*out = model_counters;
}

void gupmodel_hand_back(struct page **pages, unsigned long nr, bool pinned)
{
	static const char api[] = "caller (handed-over pages)";
	unsigned long i;

	if (model_count_is_errno(api, nr))
		return;
	nr = model_clamp_to_array(api, pages, nr);
	for (i = 0; i < nr; i++)
		model_drop(api, pages[i], pinned ? REF_PIN : REF_GET);
}

void gupmodel_reset(void)
{
	model_pages_reset();
	model_heap_reset();
	model_diag_reset();
	model_inject_reset();
	model_lock_reset();
}

void gupmodel_end_run(void)
{
	model_pages_end_run();
	model_heap_end_run();
	model_lock_end_run();
}
