// Frames pinned for a GPU: a release with the wrong API and a double release.
#include "gup.h"

int lookup_frame(unsigned long key);

/* Bug: FOLL_PIN page released with put_page(). */
int frame_get(unsigned long addr)
{
	struct page *page;
	int ret = pin_user_pages_fast(addr, 1, FOLL_WRITE, &page);
	if (ret != 1)
		return -EFAULT;
	put_page(page);
	return 0;
}

/* Bug: the error label unpins and falls through into an unpin again. */
int frame_map(unsigned long addr, struct page **pages, unsigned long key)
{
	int err;
	long ret = pin_user_pages(addr, 8, FOLL_WRITE, pages, NULL);
	if (ret < 8) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return -EFAULT;
	}
	err = lookup_frame(key);
	if (err < 0)
		goto unpin;
	return 0;
unpin:
	unpin_user_pages(pages, ret);
	unpin_user_pages(pages, ret);
	return err;
}
