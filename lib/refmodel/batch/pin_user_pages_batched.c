// SPDX-License-Identifier: GPL-2.0
/* Multi-batch all-or-nothing pinning; contract in <gupmodel/batch.h>. */
#include <gupmodel/batch.h>

int pin_user_pages_batched(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, unsigned int batch)
{
	struct mm_struct *mm = current->mm;
	unsigned long pinned = 0;

	if (batch == 0)
		return -EINVAL;

	mmap_read_lock(mm);
	while (pinned < nr_pages) {
		unsigned long want = min_t(unsigned long, batch, nr_pages - pinned);
		long ret;

		ret = pin_user_pages(start + pinned * PAGE_SIZE, want, gup_flags, pages + pinned,
				     NULL);
		if (ret <= 0) {
			mmap_read_unlock(mm);
			/* Every batch so far, not just this one: `pinned` is the running total. */
			unpin_user_pages(pages, pinned);
			/* Slow GUP does not return 0 for want >= 1; never loop on one if it did. */
			return ret ? (int)ret : -EFAULT;
		}
		/* A short batch is fine: the next call starts at the first page not pinned. */
		pinned += ret;
	}
	mmap_read_unlock(mm);
	return 0;
}
