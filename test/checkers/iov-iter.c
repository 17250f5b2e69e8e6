// Byte-counting acquires: iov_iter_get_pages*() and iov_iter_extract_pages()
// return bytes; the pages held are DIV_ROUND_UP(offset + bytes, PAGE_SIZE)
// from slot 0. The *_alloc* forms (and extract with a NULL *pages) allocate
// the array, which the caller frees with kvfree(). Extract pins only for a
// user-backed iterator: the release must be guarded with
// iov_iter_extract_will_pin().
// RUN: %gup_analyze -analyzer-output=text -verify %s

#include "uio.h"

int validate(void);

// ---- must warn

// A later error leaks the pages of the bytes got.
ssize_t error_after_get(struct iov_iter *i, struct page **pages) {
  size_t start, n, k;
  ssize_t bytes = iov_iter_get_pages2(i, pages, 65536, 16, &start); // expected-note {{'iov_iter_get_pages2' took references on the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned (as many as '16')}}
  if (bytes <= 0) // expected-note {{'bytes' is > 0}} expected-note {{Taking false branch}}
    return bytes;
  if (validate() < 0) // expected-note {{Assuming the condition is true}} expected-note {{Taking true branch}}
    return -EINVAL; // expected-warning {{Page references taken by 'iov_iter_get_pages2' (line 18) are never released}} expected-note {{Returning -EINVAL without releasing the pages}} expected-note {{Page references taken by 'iov_iter_get_pages2' (line 18) are never released}}
  n = DIV_ROUND_UP(start + bytes, PAGE_SIZE);
  for (k = 0; k < n; k++)
    put_page(pages[k]);
  return bytes;
}

// Releasing maxpages: the bytes may span fewer pages.
void release_maxpages(struct iov_iter *i, struct page **pages) {
  size_t start;
  int k;
  ssize_t bytes = iov_iter_get_pages2(i, pages, 65536, 4, &start); // expected-note {{'iov_iter_get_pages2' took references on the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned (fewer than '4')}}
  if (bytes <= 0) // expected-note {{'bytes' is > 0}} expected-note {{Taking false branch}}
    return;
  for (k = 0; k < 4; k++) // expected-note 4 {{Loop condition is true.  Entering loop body}}
    put_page(pages[k]); // expected-warning {{'put_page' releases a page that 'iov_iter_get_pages2' (line 33) did not store}} expected-note 3 {{'put_page' releases one of the pages}} expected-note {{'put_page' releases a page that 'iov_iter_get_pages2' (line 33) did not store}}
}

// The array is freed while it still holds the pages.
ssize_t free_holding(struct iov_iter *i) {
  struct page **pages;
  size_t start;
  ssize_t bytes = iov_iter_get_pages_alloc2(i, &pages, 65536, &start); // expected-note {{'iov_iter_get_pages_alloc2' took references on the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned in an array it allocated}}
  if (bytes <= 0) // expected-note {{'bytes' is > 0}} expected-note {{Taking false branch}}
    return bytes;
  kvfree(pages); // expected-warning {{Page references taken by 'iov_iter_get_pages_alloc2' (line 44) are never released}} expected-note {{'kvfree' frees the array 'pages' while it still holds those pages}} expected-note {{Page references taken by 'iov_iter_get_pages_alloc2' (line 44) are never released}}
  return bytes;
}

// The pages are released but the array the call allocated is not.
ssize_t array_not_freed(struct iov_iter *i) {
  struct page **pages;
  size_t start, n, k;
  ssize_t bytes = iov_iter_get_pages_alloc2(i, &pages, 65536, &start); // expected-note {{'iov_iter_get_pages_alloc2' took references on the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned in an array it allocated}}
  if (bytes <= 0) // expected-note {{'bytes' is > 0}} expected-note {{Taking false branch}}
    return bytes;
  n = DIV_ROUND_UP(start + bytes, PAGE_SIZE);
  for (k = 0; k < n; k++) // expected-note {{'k' is < 'n'}} expected-note {{Loop condition is true.  Entering loop body}} expected-note {{Assuming 'k' is >= 'n'}} expected-note {{Loop condition is false. Execution continues on line 61}}
    put_page(pages[k]); // expected-note {{'put_page' releases one of the pages}}
  return bytes; // expected-warning {{The page array allocated by 'iov_iter_get_pages_alloc2' (line 55) is never freed}} expected-note {{The last pointer to the array goes out of scope without kvfree()}} expected-note {{The page array allocated by 'iov_iter_get_pages_alloc2' (line 55) is never freed}}
}

// FOLL_GET pages of iov_iter_get_pages2() dropped with unpin.
void wrong_kind(struct iov_iter *i, struct page **pages) {
  size_t start;
  ssize_t bytes = iov_iter_get_pages2(i, pages, 65536, 4, &start); // expected-note {{'iov_iter_get_pages2' took references on the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned (as many as '4')}}
  if (bytes > 0) // expected-note {{'bytes' is > 0}} expected-note {{Taking true branch}}
    unpin_user_pages(pages, DIV_ROUND_UP(start + bytes, PAGE_SIZE)); // expected-warning {{Pages taken by 'iov_iter_get_pages2' (line 67) (FOLL_GET) are released with 'unpin_user_pages'; they must be released with put_page() or release_pages()}} expected-note {{Pages taken by 'iov_iter_get_pages2' (line 67) (FOLL_GET) are released with 'unpin_user_pages'; they must be released with put_page() or release_pages()}}
}

// Unguarded unpin after extract: a kernel-backed iterator pins nothing.
ssize_t extract_unguarded(struct iov_iter *iter, struct page **pages) {
  size_t off;
  ssize_t n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off); // expected-note {{'iov_iter_extract_pages' took no references: the iterator is not user-backed (iov_iter_extract_will_pin() is false)}}
  if (n <= 0) // expected-note {{'n' is > 0}} expected-note {{Taking false branch}}
    return n;
  unpin_user_pages(pages, DIV_ROUND_UP(off + n, PAGE_SIZE)); // expected-warning {{Pages extracted by 'iov_iter_extract_pages' (line 75) hold no reference (the iterator is not user-backed), yet 'unpin_user_pages' releases them; guard the release with iov_iter_extract_will_pin()}} expected-note {{Pages extracted by 'iov_iter_extract_pages' (line 75) hold no reference (the iterator is not user-backed), yet 'unpin_user_pages' releases them; guard the release with iov_iter_extract_will_pin()}}
  return n;
}

// ---- must not warn

ssize_t get_and_put(struct iov_iter *i, struct page **pages) {
  size_t start, n, k;
  ssize_t bytes = iov_iter_get_pages2(i, pages, 65536, 16, &start);
  if (bytes <= 0)
    return bytes;
  n = DIV_ROUND_UP(bytes + start, PAGE_SIZE);
  for (k = 0; k < n; k++)
    put_page(pages[k]);
  return bytes;
}

ssize_t alloc_put_free(struct iov_iter *i) {
  struct page **pages;
  size_t start, n, k;
  ssize_t bytes = iov_iter_get_pages_alloc2(i, &pages, 65536, &start);
  if (bytes <= 0)
    return bytes;
  n = DIV_ROUND_UP(start + bytes, PAGE_SIZE);
  for (k = 0; k < n; k++)
    put_page(pages[k]);
  kvfree(pages);
  return bytes;
}

ssize_t extract_guarded(struct iov_iter *iter, struct page **pages) {
  size_t off;
  ssize_t n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off);
  if (n <= 0)
    return n;
  if (iov_iter_extract_will_pin(iter))
    unpin_user_pages(pages, DIV_ROUND_UP(off + n, PAGE_SIZE));
  return n;
}

// The guard read before the call (bio code sets a flag first).
ssize_t extract_flag_first(struct iov_iter *iter, struct page **pages) {
  size_t off;
  bool pinned = iov_iter_extract_will_pin(iter);
  ssize_t n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off);
  if (n <= 0)
    return n;
  if (pinned)
    unpin_user_pages(pages, DIV_ROUND_UP(off + n, PAGE_SIZE));
  return n;
}

// Each page handed to a consumer that takes its reference; the rest
// dropped on early exit.
ssize_t add_to_bio(struct bio *bio, struct iov_iter *i, struct page **pages) {
  size_t off, npages, k;
  ssize_t bytes = iov_iter_get_pages2(i, pages, 65536, 16, &off);
  if (bytes <= 0)
    return bytes;
  npages = DIV_ROUND_UP(off + bytes, PAGE_SIZE);
  for (k = 0; k < npages; k++) {
    unsigned int len = min((size_t)bytes, PAGE_SIZE - off);
    if (bio_add_page(bio, pages[k], len, off) != len) {
      for (; k < npages; k++)
        put_page(pages[k]);
      return -EIO;
    }
    bytes -= len;
    off = 0;
  }
  return 0;
}

// ---- must warn: a user-backed extract whose pins are never dropped.
ssize_t extract_no_unpin(struct iov_iter *iter, struct page **pages) {
  size_t off;
  ssize_t n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off); // expected-note {{'iov_iter_extract_pages' pinned the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned (as many as '16'); the iterator is user-backed}}
  if (n <= 0) // expected-note {{'n' is > 0}} expected-note {{Taking false branch}}
    return n;
  if (validate() < 0) // expected-note {{Assuming the condition is true}} expected-note {{Taking true branch}}
    return -EIO; // expected-warning {{Pages pinned by 'iov_iter_extract_pages' (line 154) are never unpinned}} expected-note {{Returning -EIO without unpinning the pages}} expected-note {{Pages pinned by 'iov_iter_extract_pages' (line 154) are never unpinned}}
  if (iov_iter_extract_will_pin(iter))
    unpin_user_pages(pages, DIV_ROUND_UP(off + n, PAGE_SIZE));
  return n;
}

// block/bio.c (6.1) __bio_iov_iter_get_pages: the page array sits past the
// bio_vecs (`pages += entries_left`), pages are handed to the bio one by
// one, and the rest are put from where the loop stopped.
struct bvecs { unsigned short max, cnt; unsigned int size; };
void bio_add_one(struct bio *bio, struct page *page, unsigned len, size_t off);
int bio_shape(struct bio *bio, struct iov_iter *iter, struct page **pages,
              struct bvecs *bv, unsigned int mask) {
  unsigned short nr_pages = bv->max - bv->cnt;
  unsigned short entries_left = bv->max - bv->cnt;
  ssize_t size, left;
  unsigned len, i = 0;
  size_t offset, trim;
  int ret = 0;
  pages += entries_left * 1;
  size = iov_iter_get_pages2(iter, pages, 0xffffffffU - bv->size, nr_pages,
                             &offset);
  if (size <= 0)
    return size ? size : -EFAULT;
  nr_pages = DIV_ROUND_UP(offset + size, PAGE_SIZE);
  trim = size & mask;
  size -= trim;
  if (!size) {
    ret = -EFAULT;
    goto out;
  }
  for (left = size, i = 0; left > 0; left -= len, i++) {
    struct page *page = pages[i];
    len = min((size_t)(PAGE_SIZE - offset), (size_t)left);
    bio_add_one(bio, page, len, offset);
    offset = 0;
  }
out:
  while (i < nr_pages)
    put_page(pages[i++]);
  return ret;
}

// fs/ceph/file.c (6.1) __iter_get_bvecs: each page goes into a local
// bio_vec that is copied whole into the caller's array.
struct bio_vec { struct page *bv_page; unsigned int bv_len, bv_offset; };
ssize_t ceph_shape(struct iov_iter *iter, size_t maxsize, struct bio_vec *bvecs) {
  size_t size = 0;
  int bvec_idx = 0;
  while (size < maxsize) {
    struct page *pages[16];
    ssize_t bytes;
    size_t start;
    int idx = 0;
    bytes = iov_iter_get_pages2(iter, pages, maxsize - size, 16, &start);
    if (bytes < 0)
      return size ?: bytes;
    size += bytes;
    for (; bytes; idx++, bvec_idx++) {
      struct bio_vec bv = {
          .bv_page = pages[idx],
          .bv_len = min((size_t)bytes, PAGE_SIZE - start),
          .bv_offset = start,
      };
      bvecs[bvec_idx] = bv;
      bytes -= bv.bv_len;
      start = 0;
    }
  }
  return size;
}

// fs/direct-io.c (6.1) dio_refill_pages/dio_get_page: a 0-byte result is
// impossible there (the iterator is never empty), and the code relies on it.
struct dio { struct page *pages[64]; size_t from; int head, tail; };
static int dio_refill(struct dio *d, struct iov_iter *it) {
  ssize_t ret = iov_iter_get_pages2(it, d->pages, 0x7fffffffffffffffL, 64,
                                    &d->from);
  if (ret < 0)
    return ret;
  ret += d->from;
  d->head = 0;
  d->tail = (ret + PAGE_SIZE - 1) / PAGE_SIZE;
  return 0;
}
int direct_io_shape(struct dio *d, struct iov_iter *it) {
  struct page *page;
  if (dio_refill(d, it))
    return -EFAULT;
  if (d->tail - d->head == 0)
    return -EIO;
  page = d->pages[d->head];
  put_page(page);
  return 0;
}

// net/rds/message.c (6.1) rds_message_zcopy_from_user: one page at a time
// into a page variable, handed to the scatterlist.
int rds_shape(struct iov_iter *from, struct scatterlist *sg) {
  while (from->count) {
    struct page *pages;
    size_t start;
    ssize_t copied = iov_iter_get_pages2(from, &pages, PAGE_SIZE, 1, &start);
    if (copied < 0)
      return -EFAULT;
    sg_set_page(sg, pages, copied, start);
    sg++;
  }
  return 0;
}

// The same page dropped on the floor: a leak.
int rds_leak(struct iov_iter *from) {
  struct page *page;
  size_t start;
  ssize_t copied = iov_iter_get_pages2(from, &page, PAGE_SIZE, 1, &start); // expected-note {{'iov_iter_get_pages2' took references on the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages holding the bytes it returned (as many as '1')}}
  if (copied < 0) // expected-note {{'copied' is >= 0}} expected-note {{Taking false branch}}
    return -EFAULT;
  return 0; // expected-warning {{Page references taken by 'iov_iter_get_pages2' (line 273) are never released}} expected-note {{Page references taken by 'iov_iter_get_pages2' (line 273) are never released}} expected-note {{The array goes out of scope while it holds the pages}}
}

// iov_iter_extract_pages() with a NULL *pages allocates the array.
ssize_t extract_alloc_ok(struct iov_iter *iter) {
  struct page **pages = NULL;
  size_t off;
  ssize_t n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off);
  if (n <= 0)
    return n;
  if (iov_iter_extract_will_pin(iter))
    unpin_user_pages(pages, DIV_ROUND_UP(off + n, PAGE_SIZE));
  kvfree(pages);
  return n;
}

ssize_t extract_alloc_not_freed(struct iov_iter *iter) {
  struct page **pages = NULL;
  size_t off;
  ssize_t n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off); // expected-note {{'iov_iter_extract_pages' took no references: the iterator is not user-backed (iov_iter_extract_will_pin() is false)}}
  if (n <= 0) // expected-note {{'n' is > 0}} expected-note {{Taking false branch}}
    return n;
  if (iov_iter_extract_will_pin(iter)) // expected-note {{Taking false branch}}
    unpin_user_pages(pages, DIV_ROUND_UP(off + n, PAGE_SIZE));
  return n; // expected-warning {{The page array allocated by 'iov_iter_extract_pages' (line 295) is never freed}} expected-note {{The page array allocated by 'iov_iter_extract_pages' (line 295) is never freed}} expected-note {{The last pointer to the array goes out of scope without kvfree()}}
}
