// A zero-copy driver: one leak on a partial pin, one over-release that only
// exists when ZC_STRICT is defined on the command line (-D must survive).
#include "gup.h"

/* Bug: a short pin returns -EFAULT with the pinned pages still pinned. */
int zc_pin(unsigned long addr, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, NR_PAGES, FOLL_WRITE, pages);
	if (ret != NR_PAGES)
		return -EFAULT;
	unpin_user_pages(pages, ret);
	return 0;
}

#if ZC_STRICT
/* Bug: unpins 'nr' pages when only 'ret' may have been pinned. */
int zc_over(unsigned long addr, int nr, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, nr, 0, pages);
	if (ret < 0)
		return ret;
	unpin_user_pages(pages, nr);
	return 0;
}
#endif
