/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gupmodel/fixture.h - the entry-point convention of pinpair fixtures.
 *
 * A fixture is one kernel-style C file, test/refmodel/fixtures/NAME.c, that
 *
 *   - states its expected verdict in comments, one line per checker expected to fire:
 *         // pinpair-expect: Leak
 *         // pinpair-expect: MismatchedRelease
 *     or exactly one `// pinpair-expect: none`. Names: Leak, DoubleRelease, OverRelease,
 *     MismatchedRelease, NegativeCount, UseAfterRelease (the linux.gup.* checkers);
 *
 *   - defines int fixture_main(struct fixture_buffer *buf), written like a driver entry point
 *     (an ioctl handler handed a user buffer) with no harness code in it.
 *
 * fixture_main() follows the kernel's ownership convention, which is what the runner checks:
 * on a negative return it must hold nothing; on success (>= 0) it may hand pages to its caller
 * by storing them in buf->pages[0..nr_held-1] with buf->pinned telling their kind. The caller
 * (the runner) then releases exactly those, and whatever else is still referenced at the end
 * is a leak.
 */
#ifndef GUPMODEL_FIXTURE_H
#define GUPMODEL_FIXTURE_H

#include <gupmodel/kernel.h>

struct fixture_buffer {
	/* In: the user buffer. */
	unsigned long uaddr;		/* any alignment */
	size_t len;			/* bytes, possibly 0 */
	unsigned long nr_pages;		/* DIV_ROUND_UP(offset_in_page(uaddr) + len, PAGE_SIZE) */

	/*
	 * In: an array of nr_pages slots owned by the caller, contents uninitialised, that the
	 * fixture may use as its page array. It may instead store its own kmalloc()/kvmalloc()
	 * array here; after a successful return that array belongs to the caller.
	 * Out, read only after a successful return: the pages handed over.
	 */
	struct page **pages;
	unsigned long nr_held;		/* references in pages[0..nr_held-1] now the caller's */
	bool pinned;			/* FOLL_PIN references (else FOLL_GET) */
};

int fixture_main(struct fixture_buffer *buf);

#endif /* GUPMODEL_FIXTURE_H */
