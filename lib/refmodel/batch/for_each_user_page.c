// SPDX-License-Identifier: GPL-2.0
/* Batched walk over a user range; contract in <gupmodel/batch.h>. */
#include <gupmodel/batch.h>

int for_each_user_page(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		       unsigned int batch, user_page_actor_t actor, void *data)
{
	struct page *stack_pages[FOR_EACH_USER_PAGE_STACK_BATCH];
	struct page **pages = stack_pages;
	unsigned long done = 0;
	int ret = 0;

	if (batch == 0)
		return -EINVAL;
	if (nr_pages == 0)
		return 0;
	/* pin_user_pages_fast() takes an int count; never allocate more than the range needs. */
	batch = min_t(unsigned long, min_t(unsigned long, batch, nr_pages), INT_MAX);
	if (batch > FOR_EACH_USER_PAGE_STACK_BATCH) {
		pages = kvmalloc_array(batch, sizeof(*pages), GFP_KERNEL);
		if (!pages)
			return -ENOMEM;
	}

	while (done < nr_pages) {
		int want = min_t(unsigned long, batch, nr_pages - done);
		int pinned, i;

		pinned = pin_user_pages_fast(start + done * PAGE_SIZE, want, gup_flags, pages);
		if (pinned <= 0) {
			ret = pinned ? pinned : -EFAULT;
			break;
		}
		for (i = 0; i < pinned; i++) {
			ret = actor(pages[i], done + i, data);
			if (ret) {
				/* pages[i] went to the actor; pages[i+1..pinned-1] are still ours. */
				unpin_user_pages(pages + i + 1, pinned - i - 1);
				goto out;
			}
		}
		done += pinned;
	}
out:
	if (pages != stack_pages)
		kvfree(pages);
	return ret;
}
