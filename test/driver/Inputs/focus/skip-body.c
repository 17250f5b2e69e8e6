#include "unused-broken.h"

/* Bug: a short pin leaks, through the header's wrapper. */
long skip_body_leak(unsigned long addr)
{
	struct page *pages[2];
	long n = ub_pin(addr, pages);
	if (n != 2)
		return -EFAULT;
	unpin_user_pages(pages, n);
	return 0;
}
