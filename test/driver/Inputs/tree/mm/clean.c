// Correct GUP users: nothing for linux.gup to report. (The null dereference
// is for core.NullDereference: reported only when --checkers asks for it.)
#include "gup.h"

int clean_pin(unsigned long addr, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, NR_PAGES, FOLL_WRITE, pages);
	if (ret < 0)
		return ret;
	unpin_user_pages(pages, ret);
	return ret == NR_PAGES ? 0 : -EFAULT;
}

int clean_null(int *p)
{
	if (p)
		return 0;
	return *p;
}
