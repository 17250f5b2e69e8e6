// Includes the kernel headers (whose inline helpers call put_page and name
// the GUP API) but never reaches a get/pin call: the prefilter skips it.
#include "gup.h"

int count_pages(unsigned long len)
{
	return (len + PAGE_SIZE - 1) / PAGE_SIZE;
}

void drop(struct page *page)
{
	put_page(page);
}
