// SPDX-License-Identifier: GPL-2.0
/*
 * Reading single user pages with FOLL_GET references, as ptrace-like and
 * debug interfaces do.
 */
#include <gupmodel/kernel.h>

/* Correct: one page, dirtied before the put. */
int poke_user_word(unsigned long addr, unsigned long val)
{
	struct page *page;
	unsigned long *va;
	int ret;

	ret = get_user_pages_fast(addr, 1, FOLL_WRITE, &page);
	if (ret != 1)
		return ret < 0 ? ret : -EFAULT;
	va = kmap_local_page(page);
	va[offset_in_page(addr) / sizeof(long)] = val;
	kunmap_local(va);
	set_page_dirty_lock(page);
	put_page(page);
	return 0;
}

/* Correct: a release loop over what was taken. */
int sum_user_pages(unsigned long addr, int nr, unsigned long *sum)
{
	struct page *pages[8];
	int i, got;

	if (nr > 8)
		return -EINVAL;
	got = get_user_pages_fast(addr, nr, 0, pages);
	if (got <= 0)
		return got ? got : -EFAULT;
	for (i = 0; i < got; i++) {
		u8 *va = kmap_local_page(pages[i]);
		*sum += va[0];
		kunmap_local(va);
	}
	for (i = 0; i < got; i++)
		put_page(pages[i]);
	return got;
}

/* Bug: one page too few is released by the loop. */
int sum_user_pages_off_by_one(unsigned long addr, unsigned long *sum)
{
	struct page *pages[4];
	int i, got;

	got = get_user_pages_fast(addr, 4, 0, pages);
	if (got <= 0)
		return got ? got : -EFAULT;
	for (i = 0; i < got; i++) {
		u8 *va = kmap_local_page(pages[i]);
		*sum += va[0];
		kunmap_local(va);
	}
	for (i = 1; i < got; i++)
		put_page(pages[i]);
	return got;
}
