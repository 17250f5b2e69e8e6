// A header with a static inline wrapper around the API, and a function no TU
// calls whose body does not even compile. Header bodies that no main-file
// code can reach are not parsed by pinpair's default run.
#include "gup.h"
static inline long ub_pin(unsigned long addr, struct page **pages)
{
	return pin_user_pages_fast(addr, 2, FOLL_WRITE, pages);
}
static inline int ub_broken(void)
{
	return no_such_variable;
}
