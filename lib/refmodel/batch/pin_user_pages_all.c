// SPDX-License-Identifier: GPL-2.0
/* All-or-nothing pinning; contract in <gupmodel/batch.h>. */
#include <gupmodel/batch.h>

int pin_user_pages_all(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		       struct page **pages)
{
	int pinned;

	if (nr_pages == 0)
		return 0;
	if (nr_pages > INT_MAX)
		return -EINVAL;

	pinned = pin_user_pages_fast(start, (int)nr_pages, gup_flags, pages);
	if (pinned == (int)nr_pages)
		return 0;

	/* A short pin still holds `pinned` pages: they are ours to give back. */
	if (pinned > 0)
		unpin_user_pages(pages, pinned);
	return pinned < 0 ? pinned : -EFAULT;
}
