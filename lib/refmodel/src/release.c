// SPDX-License-Identifier: GPL-2.0
/*
 * Releasing and using page references: put_page() and friends, the unpin_user_page*() family,
 * dirtying and mapping.
 *
 * Each function checks its arguments the way the kernel would need them to be (see page.c
 * for how a page pointer is classified): counts first (an errno value stops the call, like
 * 6.1's WARN_ON(IS_ERR_VALUE(npages)) in unpin_user_pages()), then every page.
 */
#include "internal.h"

/* Where a pointer that is not a page still has to be mapped somewhere for the caller. */
static unsigned char scratch_page[PAGE_SIZE];

/* Poisoned pointer for nth_page() beyond a mapping (the kernel's would be as wrong). */
#define NTH_PAGE_POISON ((struct page *)0xdead000000000100UL)

void gupmodel_put_page(struct page *page)
{
	model_drop("put_page", page, REF_GET);
}

void gupmodel_get_page(struct page *page)
{
	struct page *p = model_use("get_page", page);

	if (p)
		model_grab(p, REF_GET);
}

struct folio *page_folio(struct page *page)
{
	return (struct folio *)page;
}

void folio_put(struct folio *folio)
{
	model_drop("folio_put", folio, REF_GET);
}

void release_pages(struct page **pages, int nr)
{
	static const char api[] = "release_pages";
	unsigned long n;
	unsigned long i;

	if (nr < 0) {
		/* 6.1 loops zero times; the count is wrong all the same. */
		model_report(GUPMODEL_NEGATIVE_COUNT, api, "count %d is negative", nr);
		return;
	}
	n = model_clamp_to_array(api, pages, (unsigned long)nr);
	for (i = 0; i < n; i++)
		model_drop(api, pages[i], REF_GET);
}

void unpin_user_page(struct page *page)
{
	model_drop("unpin_user_page", page, REF_PIN);
}

static void unpin_array(const char *api, struct page **pages, unsigned long npages,
			bool make_dirty)
{
	unsigned long i;

	if (model_count_is_errno(api, npages))
		return;
	npages = model_clamp_to_array(api, pages, npages);
	for (i = 0; i < npages; i++) {
		struct page *p = model_find_page(pages[i]);

		/* Dirtying is part of this release: a bad page is reported once, by the drop. */
		if (make_dirty && p)
			p->dirty = true;
		model_drop(api, pages[i], REF_PIN);
	}
}

void unpin_user_pages(struct page **pages, unsigned long npages)
{
	unpin_array("unpin_user_pages", pages, npages, false);
}

void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty)
{
	unpin_array("unpin_user_pages_dirty_lock", pages, npages, make_dirty);
}

struct page *nth_page(struct page *page, unsigned long n)
{
	struct page *first = model_find_page(page);
	struct page *p;

	if (!first || n > (TASK_SIZE_MAX - first->uaddr) / PAGE_SIZE)
		return NTH_PAGE_POISON;
	p = gupmodel_page_at(first->uaddr + n * PAGE_SIZE);
	/* Only pages of one mapping are contiguous, as within one folio in the kernel. */
	return p && p->vma == first->vma ? p : NTH_PAGE_POISON;
}

void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages, bool make_dirty)
{
	static const char api[] = "unpin_user_page_range_dirty_lock";
	unsigned long i;

	if (model_count_is_errno(api, npages))
		return;
	for (i = 0; i < npages; i++) {
		struct page *p = nth_page(page, i);

		if (p == NTH_PAGE_POISON) {
			if (i)
				model_report(GUPMODEL_OVER_RELEASE, api,
					     "range of %lu pages runs past its mapping after %lu",
					     npages, i);
			else
				model_drop(api, page, REF_PIN);	/* reports what page is */
			return;
		}
		if (make_dirty)
			p->dirty = true;
		model_drop(api, p, REF_PIN);
	}
}

bool page_maybe_dma_pinned(struct page *page)
{
	struct page *p = model_find_page(page);

	/*
	 * The kernel's small-folio test, false positives included. Not a use: the kernel asks
	 * this of mapped pages it holds no GUP reference to (fork, writeback).
	 */
	return p && p->refcount >= GUP_PIN_COUNTING_BIAS;
}

bool set_page_dirty(struct page *page)
{
	struct page *p = model_use("set_page_dirty", page);
	bool was_clean;

	if (!p)
		return false;
	was_clean = !p->dirty;
	p->dirty = true;
	return was_clean;
}

int set_page_dirty_lock(struct page *page)
{
	struct page *p = model_use("set_page_dirty_lock", page);
	int was_clean;

	if (!p)
		return 0;
	was_clean = !p->dirty;
	p->dirty = true;
	return was_clean;
}

static void *map_page(const char *api, const struct page *page)
{
	struct page *p = model_use(api, page);

	return p ? model_page_data(p) : scratch_page;
}

void *page_address(const struct page *page)
{
	return map_page("page_address", page);
}

void *kmap(struct page *page)
{
	return map_page("kmap", page);
}

void *kmap_local_page(struct page *page)
{
	return map_page("kmap_local_page", page);
}

void kunmap(struct page *page)
{
	model_use("kunmap", page);
}

void kunmap_local(const void *addr)
{
	/* Takes the mapped address, not the page: nothing to check. */
	(void)addr;
	model_tick();
}
