// Release loops bounded by the request instead of the result: each release
// alone may be within the count; once the loop is done it is not.
// RUN: %gup_analyze -verify %s

#include "gup.h"

// A release loop bounded by a symbolic request: judged once the loop is done
// and the array is freed.
int loop_to_symbolic_nr(unsigned long addr, int nr) {
  struct page **pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
  int i, ret;
  if (!pages)
    return -ENOMEM;
  ret = get_user_pages_fast(addr, nr, 0, pages);
  if (ret < 0)
    goto out;
  for (i = 0; i < nr; i++)
    put_page(pages[i]);
  ret = 0;
out:
  kfree(pages); // expected-warning-re {{'put_page' (line {{[0-9]+}}) released a page that 'get_user_pages_fast' (line {{[0-9]+}}) did not store}}
  return ret;
}

// Correct: the same loop bounded by the result.
int loop_to_result(unsigned long addr, int nr) {
  struct page **pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
  int i, ret;
  if (!pages)
    return -ENOMEM;
  ret = get_user_pages_fast(addr, nr, 0, pages);
  for (i = 0; i < ret; i++)
    put_page(pages[i]);
  kfree(pages);
  return ret < 0 ? ret : 0;
}
