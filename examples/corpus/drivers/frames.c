// SPDX-License-Identifier: GPL-2.0
/*
 * A frame grabber that keeps user pages for the lifetime of a buffer, in the
 * style of drivers/media and drivers/infiniband.
 */
#include <gupmodel/kernel.h>

struct frame_buf {
	struct page **pages;
	unsigned long nr_pages;
	bool dirty;
};

int frame_map_sg(struct frame_buf *buf);

/* Correct: on success the buffer owns the pages and their count. */
int frame_buf_pin(struct frame_buf *buf, unsigned long uaddr,
		  unsigned long nr_pages)
{
	long pinned;

	buf->pages = kvcalloc(nr_pages, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages)
		return -ENOMEM;

	pinned = pin_user_pages(uaddr, nr_pages, FOLL_WRITE | FOLL_LONGTERM,
				buf->pages, NULL);
	if (pinned < 0) {
		kvfree(buf->pages);
		return pinned;
	}
	buf->nr_pages = pinned;
	if (pinned != nr_pages)
		return -EFAULT;	/* frame_buf_release() unpins buf->nr_pages */
	return 0;
}

void frame_buf_release(struct frame_buf *buf)
{
	unpin_user_pages_dirty_lock(buf->pages, buf->nr_pages, buf->dirty);
	kvfree(buf->pages);
}

/* Bug: the pages are pinned but released with put_page(). */
int frame_peek(unsigned long uaddr, u8 *first_byte)
{
	struct page *page;
	u8 *va;

	if (pin_user_pages_fast(uaddr, 1, 0, &page) != 1)
		return -EFAULT;
	va = kmap_local_page(page);
	*first_byte = va[offset_in_page(uaddr)];
	kunmap_local(va);
	put_page(page);
	return 0;
}

/*
 * Two bugs: the array is freed while a partial pin still holds pages, and a
 * failed mapping unpins twice (once here, once at the common label).
 */
int frame_buf_try(struct frame_buf *buf, unsigned long uaddr,
		  unsigned long nr_pages)
{
	struct page **pages;
	long pinned;
	int ret;

	pages = kvcalloc(nr_pages, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	pinned = pin_user_pages(uaddr, nr_pages, FOLL_WRITE, pages, NULL);
	if (pinned != nr_pages) {
		kvfree(pages);
		return -EFAULT;
	}
	buf->pages = pages;
	buf->nr_pages = pinned;
	ret = frame_map_sg(buf);
	if (ret) {
		unpin_user_pages(pages, pinned);
		goto err;
	}
	return 0;
err:
	unpin_user_pages(pages, pinned);
	kvfree(pages);
	buf->pages = NULL;
	return ret;
}
