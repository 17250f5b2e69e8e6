/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gupmodel/batch.h - reference implementations of the batching shapes that kernel code gets
 * wrong most often around pin_user_pages*(). They are written in kernel style against
 * kernel.h only, so that they run on the model (exhaustively fault-injected by
 * test/refmodel/test_batch.c) and can be analysed like any fixture.
 *
 * Common ground: every function pins (FOLL_PIN), so whatever it hands out is released with
 * unpin_user_page*(); "nothing held" means this function released everything it took.
 */
#ifndef GUPMODEL_BATCH_H
#define GUPMODEL_BATCH_H

#include <gupmodel/kernel.h>

/**
 * pin_user_pages_all() - pin every page of a user range, or none.
 * @start:	user address (its page is the first one)
 * @nr_pages:	pages to pin, at most INT_MAX
 * @gup_flags:	FOLL_WRITE, FOLL_LONGTERM, ... (FOLL_GET is refused)
 * @pages:	receives the pinned pages, at least @nr_pages slots
 *
 * One pin_user_pages_fast() call. A partial pin is not passed on: it is unwound and reported
 * as -EFAULT, as is gup-fast's 0 for an overflowing range. (io_uring's io_pin_pages() shape.)
 *
 * Return: 0 with pages[0..nr_pages-1] pinned, which the caller releases with
 * unpin_user_pages(pages, nr_pages) or unpin_user_pages_dirty_lock(); or -errno with nothing
 * held and pages[] unspecified. nr_pages == 0 returns 0.
 */
int pin_user_pages_all(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		       struct page **pages);

/**
 * pin_user_pages_batched() - pin a range of any length in bounded calls, all or nothing.
 * @start, @nr_pages, @gup_flags, @pages: as for pin_user_pages_all(), any @nr_pages
 * @batch:	most pages per pin_user_pages() call, >= 1
 *
 * Takes mmap_read_lock(current->mm) itself. Every call appends to @pages at the running
 * total; a short call is continued from the first page it did not pin. When a call fails, the
 * function unpins exactly the total pinned so far (all batches, not just the last one) and
 * returns that call's error.
 *
 * Return: 0 with pages[0..nr_pages-1] pinned, or -errno with nothing held (-EINVAL for a
 * zero @batch).
 */
int pin_user_pages_batched(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, unsigned int batch);

/* Batch arrays of up to this many entries live on the stack; larger ones are kvmalloc()ed. */
#define FOR_EACH_USER_PAGE_STACK_BATCH 8

/**
 * typedef user_page_actor_t - consumer of for_each_user_page()
 * @page:	a pinned page. The pin is the actor's from this call on, whatever it returns.
 * @index:	position of @page in the range (0 is the page of start)
 * @data:	the caller's cookie
 *
 * Return: 0 to continue, > 0 to stop the walk, < 0 to abort it with that error.
 */
typedef int (*user_page_actor_t)(struct page *page, unsigned long index, void *data);

/**
 * for_each_user_page() - pin a user range batch by batch and hand each page to a consumer.
 * @start, @nr_pages, @gup_flags: the range, as for pin_user_pages_fast()
 * @batch:	most pages pinned per call, >= 1. The batch array is on the stack up to
 *		FOR_EACH_USER_PAGE_STACK_BATCH entries and allocated above that.
 * @actor, @data: the consumer
 *
 * Pages are handed to @actor in order, each exactly once, at most one batch being pinned at a
 * time. When the actor stops or aborts, the pins of the rest of the current batch, which were
 * never handed over, are dropped here. A short pin is not an error: the walk resumes at the
 * first page that was not pinned, so only a call that pins nothing ends it with its -errno
 * (or -EFAULT for a 0).
 *
 * Return: 0 when every page was handed over, the actor's value when it stopped or aborted,
 * -ENOMEM if the batch array could not be allocated, -EINVAL for a zero @batch, or the pin
 * error. In every case the function itself holds nothing on return; pages handed over are
 * the actor's business.
 */
int for_each_user_page(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		       unsigned int batch, user_page_actor_t actor, void *data);

/**
 * struct page_queue - pinned pages with explicit, caller-visible ownership.
 * @pages:	slots [@head, @tail) hold pins owned by the queue
 * @head:	next page to consume. Consumers index the queue openly,
 *		`page = q->pages[q->head++];`, and own that page's pin from then on.
 * @tail:	end of the filled part
 * @capacity:	slots in @pages
 *
 * A zero-initialised queue is valid and empty.
 */
struct page_queue {
	struct page **pages;
	unsigned int head;
	unsigned int tail;
	unsigned int capacity;
};

/* Allocate room for @capacity pages. Return: 0, or -ENOMEM with @q left empty. */
int page_queue_init(struct page_queue *q, unsigned int capacity);

/*
 * Pin up to @nr_pages pages at @start into the free slots after @tail (as many as fit).
 * Return: pages added (@tail advanced by that much, possibly fewer than asked), 0 if there is
 * no room or nothing to do, or -errno with the queue unchanged.
 */
long page_queue_fill(struct page_queue *q, unsigned long start, unsigned int nr_pages,
		     unsigned int gup_flags);

/*
 * Unpin exactly the pages the queue still owns, [@head, @tail), free the array and leave
 * @q empty. Safe at any point: on a zeroed queue, before any fill, midway, at the end, twice.
 */
void page_queue_release(struct page_queue *q);

#endif /* GUPMODEL_BATCH_H */
