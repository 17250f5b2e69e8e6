// A header's static inline wrapper around the API: TUs that call it reach
// pin_user_pages_fast() although their own text never names it.
#include "gup.h"
static inline int hdr_pin(unsigned long addr, struct page **pages)
{
	return pin_user_pages_fast(addr, 4, FOLL_WRITE, pages);
}
// Never called by anyone: naming the API here makes no TU reach it.
static inline int hdr_unused(unsigned long addr, struct page **pages)
{
	return get_user_pages_fast(addr, 1, 0, pages);
}
