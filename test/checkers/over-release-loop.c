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

// Like ublk_copy_user_pages(): the array and its count live in a struct that
// unseen code receives between the pin and the release loop; the loop bound
// is the struct's count, which that code may have changed.
struct io_iter { struct page *pages[4]; int nr_pages; };
unsigned int copy_io_pages(struct io_iter *iter);

unsigned int copy_user_pages(unsigned long start) {
  struct io_iter iter;
  int i;
  iter.nr_pages = get_user_pages_fast(start, 4, 0, iter.pages);
  if (iter.nr_pages <= 0)
    return 0;
  copy_io_pages(&iter);
  for (i = 0; i < iter.nr_pages; i++)
    put_page(iter.pages[i]);
  return 1; // no warning
}
