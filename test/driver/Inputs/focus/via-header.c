// Reaches the API only through a header inline: must never be prefiltered.
#include "inline-wrapper.h"

static int helper(unsigned long addr, struct page **pages)
{
	return hdr_pin(addr, pages);
}

/* Bug: a short pin leaks. The acquire is two calls away, through a static
 * helper and a header inline: focusing keeps this function. */
int via_header(unsigned long addr, struct page **pages)
{
	int ret = helper(addr, pages);
	if (ret != 4)
		return -EFAULT;
	unpin_user_pages(pages, ret);
	return 0;
}

/* Unrelated: not an entry point once focused. */
int unrelated(int x)
{
	return x * 2;
}
