// SPDX-License-Identifier: GPL-2.0
/*
 * iov_iter page extraction over a single user buffer (ITER_UBUF), after 6.1 lib/iov_iter.c
 * (iov_iter_get_pages2, iov_iter_get_pages_alloc2) and 6.3 (iov_iter_extract_pages).
 *
 * All three return bytes and advance the iterator; the page references come from the same
 * gup-fast path as get_user_pages_fast()/pin_user_pages_fast(), so they are decision points
 * labelled with the iov_iter function's name.
 */
#include "internal.h"

#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)

void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	model_tick();
	if (bytes > i->count)
		bytes = i->count;
	i->iov_offset += bytes;
	i->count -= bytes;
}

void iov_iter_revert(struct iov_iter *i, size_t bytes)
{
	model_tick();
	if (!bytes || WARN_ON(bytes > MAX_RW_COUNT || bytes > i->iov_offset))
		return;
	i->iov_offset -= bytes;
	i->count += bytes;
}

/* Pages needed for [start, start + size), capped at maxpages; allocates *res if NULL. */
static unsigned int want_pages_array(struct page ***res, size_t size, size_t start,
				     unsigned int maxpages)
{
	unsigned int count = DIV_ROUND_UP(size + start, PAGE_SIZE);

	if (count > maxpages)
		count = maxpages;
	if (!*res) {
		*res = kvmalloc_array(count, sizeof(struct page *), GFP_KERNEL);
		if (!*res)
			return 0;
	}
	return count;
}

/*
 * Common body: clamp maxsize to the iterator, take the pages under the first maxsize bytes
 * (FOLL_WRITE when the iterator is a destination), advance by the bytes covered.
 */
static ssize_t get_user_range(const char *api, struct iov_iter *i, struct page ***pages,
			      size_t maxsize, unsigned int maxpages, size_t *start, bool pin)
{
	unsigned int gup_flags = 0, n;
	unsigned long addr;
	int res;

	model_tick();
	maxsize = min_t(size_t, min_t(size_t, maxsize, i->count), MAX_RW_COUNT);
	if (!maxsize)
		return 0;	/* *start is not set, as in the kernel */
	if (!user_backed_iter(i)) {
		model_report(GUPMODEL_NOTE, api, "only user-backed iterators are modelled");
		return -EFAULT;
	}
	if (i->data_source == ITER_DEST)
		gup_flags |= FOLL_WRITE;
	if (i->nofault)
		gup_flags |= FOLL_NOFAULT;
	addr = (unsigned long)i->ubuf + i->iov_offset;
	*start = addr % PAGE_SIZE;
	addr &= PAGE_MASK;
	n = want_pages_array(pages, maxsize, *start, maxpages);
	if (!n)
		return -ENOMEM;
	res = model_gup_fast(api, addr, n, gup_flags, *pages, pin, false);
	if (res <= 0)
		return res;
	maxsize = min_t(size_t, maxsize, (size_t)res * PAGE_SIZE - *start);
	iov_iter_advance(i, maxsize);
	return maxsize;
}

ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned maxpages, size_t *start)
{
	static const char api[] = "iov_iter_get_pages2";

	if (!maxpages)
		return 0;
	if (!pages) {	/* BUG_ON() in the kernel */
		model_report(GUPMODEL_NOTE, api, "BUG: NULL page array");
		return -EINVAL;
	}
	return get_user_range(api, i, &pages, maxsize, maxpages, start, false);
}

ssize_t iov_iter_get_pages_alloc2(struct iov_iter *i, struct page ***pages, size_t maxsize,
				  size_t *start)
{
	ssize_t len;

	*pages = NULL;
	len = get_user_range("iov_iter_get_pages_alloc2", i, pages, maxsize, ~0U, start, false);
	if (len <= 0) {
		kvfree(*pages);
		*pages = NULL;
	}
	return len;
}

ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages, size_t maxsize,
			       unsigned int maxpages, iov_iter_extraction_t extraction_flags,
			       size_t *offset0)
{
	(void)extraction_flags;	/* only ITER_ALLOW_P2PDMA exists; irrelevant here */
	return get_user_range("iov_iter_extract_pages", i, pages, maxsize, maxpages, offset0,
			      user_backed_iter(i));
}
