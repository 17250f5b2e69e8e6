// Clean; the crash-isolation tests make its worker crash or hang with
// PINPAIR_TEST_CRASH_ON / PINPAIR_TEST_HANG_ON.
#include "gup.h"

int crashme(unsigned long addr, struct page **pages)
{
	int ret = get_user_pages_fast(addr, 1, 0, pages);
	if (ret == 1)
		put_page(pages[0]);
	return ret == 1 ? 0 : -EFAULT;
}
