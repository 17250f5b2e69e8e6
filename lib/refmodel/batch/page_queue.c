// SPDX-License-Identifier: GPL-2.0
/* Page queue with explicit ownership; contract in <gupmodel/batch.h>. */
#include <gupmodel/batch.h>

int page_queue_init(struct page_queue *q, unsigned int capacity)
{
	*q = (struct page_queue){ 0 };
	q->pages = kvmalloc_array(capacity, sizeof(*q->pages), GFP_KERNEL);
	if (!q->pages)
		return -ENOMEM;
	q->capacity = capacity;
	return 0;
}

long page_queue_fill(struct page_queue *q, unsigned long start, unsigned int nr_pages,
		     unsigned int gup_flags)
{
	unsigned int room = q->capacity - q->tail;
	int pinned;

	nr_pages = min_t(unsigned int, min_t(unsigned int, nr_pages, room), INT_MAX);
	if (nr_pages == 0)
		return 0;
	pinned = pin_user_pages_fast(start, nr_pages, gup_flags, q->pages + q->tail);
	if (pinned <= 0)
		return pinned;	/* 0 (overflowing range) or -errno: nothing was added */
	q->tail += pinned;
	return pinned;
}

void page_queue_release(struct page_queue *q)
{
	/* Slots before head were consumed: their pins belong to whoever took them. */
	if (q->tail > q->head)
		unpin_user_pages(q->pages + q->head, q->tail - q->head);
	kvfree(q->pages);
	*q = (struct page_queue){ 0 };
}
