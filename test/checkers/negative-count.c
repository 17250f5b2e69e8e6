// linux.gup.NegativeCount: the signed count of a get/pin call carries -errno.
// Converting it to unsigned before the error is ruled out hides the error:
// compared with an unsigned bound, passed as a release count or loop bound,
// or stored into an unsigned variable or field and then read (or left there
// for the caller). Quiet once the path has established ret >= 0, when the
// stored errno is overwritten before any read, and for *_fast_only, which
// never fails with an errno.
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "gup.h"

// Stored into an unsigned count before the error check.
long store_unsigned(unsigned long addr, struct page **pages) {
  unsigned long pinned = pin_user_pages_fast(addr, 8, FOLL_WRITE, pages); // expected-note {{'pin_user_pages_fast' failed and returned a negative errno; no pages were pinned}}
  if (pinned == 0) // expected-warning {{The count returned from 'pin_user_pages_fast' (line 14) can be a negative errno (-4095..-1) here and was stored into unsigned 'pinned' (line 14), which is read here}} expected-note {{The count returned from 'pin_user_pages_fast' (line 14) can be a negative errno (-4095..-1) here and was stored into unsigned 'pinned' (line 14), which is read here}}
    return -EFAULT;
  unpin_user_pages(pages, pinned);
  return 0;
}

// Compared against an unsigned bound: the error branch is never taken.
int compare_unsigned(unsigned long addr, unsigned int npages, struct page **pages) {
  int got = get_user_pages_fast(addr, npages, 0, pages); // expected-note {{'get_user_pages_fast' failed and returned a negative errno; no pages were taken}}
  if (got < npages) { // expected-warning {{The count 'got' from 'get_user_pages_fast' (line 23) can be a negative errno (-4095..-1) here and is compared with unsigned 'npages': the comparison is made unsigned, so the errno looks like a huge count}} expected-note {{The count 'got' from 'get_user_pages_fast' (line 23) can be a negative errno (-4095..-1) here and is compared with unsigned 'npages': the comparison is made unsigned, so the errno looks like a huge count}}
    if (got > 0)
      release_pages(pages, got);
    return -EFAULT;
  }
  release_pages(pages, got);
  return 0;
}

// Release count straight from the call.
void release_count(unsigned long addr, struct page **pages) {
  long ret = pin_user_pages(addr, 4, FOLL_WRITE, pages, NULL); // expected-note {{'pin_user_pages' failed and returned a negative errno; no pages were pinned}}
  unpin_user_pages(pages, ret); // expected-warning {{The count 'ret' from 'pin_user_pages' (line 35) can be a negative errno (-4095..-1) here and is passed as the page count of 'unpin_user_pages'}} expected-note {{The count 'ret' from 'pin_user_pages' (line 35) can be a negative errno (-4095..-1) here and is passed as the page count of 'unpin_user_pages'}}
}

// Signed release count (release_pages takes an int in 6.1).
void release_int_count(unsigned long addr, struct page **pages) {
  int ret = get_user_pages_fast(addr, 4, 0, pages); // expected-note {{'get_user_pages_fast' failed and returned a negative errno; no pages were taken}}
  release_pages(pages, ret); // expected-warning {{The count 'ret' from 'get_user_pages_fast' (line 41) can be a negative errno (-4095..-1) here and is passed as the page count of 'release_pages'}} expected-note {{The count 'ret' from 'get_user_pages_fast' (line 41) can be a negative errno (-4095..-1) here and is passed as the page count of 'release_pages'}}
}

// Loop with an unsigned index.
void loop_unsigned(unsigned long addr, struct page **pages) {
  int ret = get_user_pages_fast(addr, 4, 0, pages); // expected-note {{'get_user_pages_fast' failed and returned a negative errno; no pages were taken}}
  unsigned int i;
  for (i = 0; i < ret; i++) // expected-warning {{The count 'ret' from 'get_user_pages_fast' (line 47) can be a negative errno (-4095..-1) here and bounds a loop over unsigned 'i': the errno becomes a huge number of iterations}} expected-note {{The count 'ret' from 'get_user_pages_fast' (line 47) can be a negative errno (-4095..-1) here and bounds a loop over unsigned 'i': the errno becomes a huge number of iterations}}
    put_page(pages[i]);
}

// The historical shape: the error branch zeroes the count, then a later
// assignment overwrites it with the negative return before the cleanup.
int overwrite(unsigned long addr, struct page **pages) {
  long ret;
  unsigned long nr_pinned = 0;
  ret = pin_user_pages_fast(addr, 8, FOLL_WRITE, pages); // expected-note {{'pin_user_pages_fast' failed and returned a negative errno; no pages were pinned}}
  if (ret < 0) // expected-note {{'ret' is < 0}} expected-note {{Taking true branch}}
    nr_pinned = 0;
  nr_pinned = ret;
  if (nr_pinned != 8) // expected-warning {{The count returned from 'pin_user_pages_fast' (line 58) can be a negative errno (-4095..-1) here and was stored into unsigned 'nr_pinned' (line 61), which is read here}} expected-note {{The count returned from 'pin_user_pages_fast' (line 58) can be a negative errno (-4095..-1) here and was stored into unsigned 'nr_pinned' (line 61), which is read here}}
    goto out;
  return 0;
out:
  unpin_user_pages(pages, nr_pinned);
  return -EFAULT;
}

// ---- must not warn
int checked_first(unsigned long addr, unsigned int npages, struct page **pages) {
  int got = get_user_pages_fast(addr, npages, 0, pages);
  if (got < 0)
    return got;
  if (got < npages) {
    release_pages(pages, got);
    return -EFAULT;
  }
  release_pages(pages, got);
  return 0;
}
int equality_ok(unsigned long addr, unsigned long nr, struct page **pages) {
  long got = pin_user_pages(addr, nr, 0, pages, NULL);
  if (got != nr) {
    if (got > 0)
      unpin_user_pages(pages, got);
    return -EFAULT;
  }
  unpin_user_pages(pages, got);
  return 0;
}
int fast_only(unsigned long addr, struct page **pages) {
  unsigned int n = get_user_pages_fast_only(addr, 4, 0, pages);
  if (n)
    release_pages(pages, n);
  return 0;
}
int clamp(unsigned long addr, struct page **pages) {
  long ret = pin_user_pages_fast(addr, 4, 0, pages);
  unsigned long n;
  if (ret < 0)
    ret = 0;
  n = ret;
  unpin_user_pages(pages, n);
  return 0;
}
int positive_guard(unsigned long addr, struct page **pages) {
  long ret = pin_user_pages_fast(addr, 4, 0, pages);
  if (ret > 0)
    unpin_user_pages(pages, ret);
  return ret == 4 ? 0 : -EFAULT;
}

size_t pages_to_bytes(size_t n);
// Passed to an unsigned parameter of a helper.
size_t to_param(unsigned long addr, struct page **pages) {
  int got = get_user_pages_fast(addr, 2, 0, pages); // expected-note {{'get_user_pages_fast' failed and returned a negative errno; no pages were taken}}
  return pages_to_bytes(got); // expected-warning {{The count 'got' from 'get_user_pages_fast' (line 117) can be a negative errno (-4095..-1) here and is passed to unsigned parameter 'n' of 'pages_to_bytes'}} expected-note {{The count 'got' from 'get_user_pages_fast' (line 117) can be a negative errno (-4095..-1) here and is passed to unsigned parameter 'n' of 'pages_to_bytes'}}
}

// Returned as an unsigned count.
unsigned int to_return(unsigned long addr, struct page **pages) {
  int got = pin_user_pages_fast(addr, 2, 0, pages); // expected-note {{'pin_user_pages_fast' failed and returned a negative errno; no pages were pinned}}
  return got; // expected-warning {{The count 'got' from 'pin_user_pages_fast' (line 123) can be a negative errno (-4095..-1) here and is returned as unsigned 'unsigned int'}} expected-note {{The count 'got' from 'pin_user_pages_fast' (line 123) can be a negative errno (-4095..-1) here and is returned as unsigned 'unsigned int'}}
}

// Accumulated into an unsigned total across batches.
int accumulate(unsigned long addr, struct page **pages) {
  unsigned long total = 0;
  long ret = pin_user_pages(addr, 4, FOLL_WRITE, pages, NULL); // expected-note {{'pin_user_pages' failed and returned a negative errno; no pages were pinned}}
  total += ret; // expected-warning {{The count 'ret' from 'pin_user_pages' (line 130) can be a negative errno (-4095..-1) here and is accumulated into unsigned 'total'}} expected-note {{The count 'ret' from 'pin_user_pages' (line 130) can be a negative errno (-4095..-1) here and is accumulated into unsigned 'total'}}
  if (total != 4) {
    if (ret > 0)
      unpin_user_pages(pages, ret);
    return -EFAULT;
  }
  unpin_user_pages(pages, total);
  return 0;
}

// frame_vector.c (6.1) get_vaddr_frames: the errno is stored, then
// overwritten before anyone reads it.
struct frame_vector { unsigned int nr_allocated; unsigned int nr_frames; bool got_ref; void *ptrs[]; };
int get_vaddr_frames(unsigned long start, unsigned int nr_frames,
                     struct frame_vector *vec) {
  int ret;
  if (nr_frames == 0)
    return 0;
  ret = pin_user_pages_fast(start, nr_frames, FOLL_WRITE, (struct page **)(vec->ptrs));
  vec->got_ref = true;
  vec->nr_frames = ret;
  if (ret > 0)
    return ret;
  vec->nr_frames = 0;
  return ret ? ret : -EFAULT;
}

// The same without the reset: the caller reads the errno as a frame count.
int get_frames_bad(unsigned long start, unsigned int nr_frames,
                   struct frame_vector *vec) {
  int ret = pin_user_pages_fast(start, nr_frames, FOLL_WRITE, (struct page **)(vec->ptrs)); // expected-note {{'pin_user_pages_fast' failed and returned a negative errno; no pages were pinned}}
  vec->nr_frames = ret;
  return ret > 0 ? ret : -EFAULT; // expected-warning {{The count returned from 'pin_user_pages_fast' (line 161) can be a negative errno (-4095..-1) here and is left in unsigned 'vec->nr_frames' (stored at line 162) when the function returns}} expected-note {{'ret' is <= 0}} expected-note {{'?' condition is false}} expected-note {{The count returned from 'pin_user_pages_fast' (line 161) can be a negative errno (-4095..-1) here and is left in unsigned 'vec->nr_frames' (stored at line 162) when the function returns}}
}
