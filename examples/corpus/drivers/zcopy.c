// SPDX-License-Identifier: GPL-2.0
/*
 * A zero-copy character device: user buffers are pinned for DMA for the
 * length of a transfer. Modelled on shapes from drivers/misc and
 * drivers/rapidio.
 */
#include <gupmodel/kernel.h>

struct zc_dev;
int zc_dma_run(struct zc_dev *dev, struct page **pages, int nr, bool to_dev);

struct zc_xfer {
	unsigned long uaddr;
	size_t len;
	bool to_dev;
};

static int zc_nr_pages(const struct zc_xfer *x)
{
	return DIV_ROUND_UP(offset_in_page(x->uaddr) + x->len, PAGE_SIZE);
}

/* Correct: partial pins are unwound, the array is freed after the unpin. */
int zc_transfer(struct zc_dev *dev, const struct zc_xfer *x)
{
	int nr = zc_nr_pages(x), pinned, ret;
	struct page **pages;

	pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;

	pinned = pin_user_pages_fast(x->uaddr & PAGE_MASK, nr,
				     x->to_dev ? 0 : FOLL_WRITE, pages);
	if (pinned != nr) {
		ret = pinned < 0 ? pinned : -EFAULT;
		goto unpin;
	}

	ret = zc_dma_run(dev, pages, nr, x->to_dev);
unpin:
	if (pinned > 0)
		unpin_user_pages_dirty_lock(pages, pinned, !x->to_dev);
	kvfree(pages);
	return ret;
}

/* Bug: a short pin is reported as -EFAULT, but the pinned pages stay pinned. */
int zc_transfer_small(struct zc_dev *dev, unsigned long uaddr, bool to_dev)
{
	struct page *pages[4];
	int ret;

	ret = pin_user_pages_fast(uaddr, 4, to_dev ? 0 : FOLL_WRITE, pages);
	if (ret != 4)
		return -EFAULT;

	ret = zc_dma_run(dev, pages, 4, to_dev);
	unpin_user_pages(pages, 4);
	return ret;
}

/* Bug: the error path unpins the requested count, not the pinned one. */
int zc_transfer_locked(struct zc_dev *dev, unsigned long uaddr, int nr,
		       struct page **pages)
{
	long ret;

	mmap_read_lock(gupmodel_current()->mm);
	ret = pin_user_pages(uaddr, nr, FOLL_WRITE, pages, NULL);
	mmap_read_unlock(gupmodel_current()->mm);
	if (ret < 0)
		return ret;
	if (ret < nr) {
		unpin_user_pages(pages, nr);
		return -EFAULT;
	}
	ret = zc_dma_run(dev, pages, nr, false);
	unpin_user_pages_dirty_lock(pages, nr, true);
	return ret;
}
