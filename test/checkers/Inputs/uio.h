// include/linux/uio.h stand-in: the byte-counting acquires of 6.1
// (iov_iter_get_pages2, iov_iter_get_pages_alloc2), the 5.x names, and the
// 6.3 extract API with its real static inline guard.
#ifndef PINPAIR_TEST_UIO_H
#define PINPAIR_TEST_UIO_H
#include "gup.h"

typedef long ssize_t;
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

struct iov_iter {
  unsigned char iter_type;
  bool user_backed;
  size_t iov_offset;
  size_t count;
};
typedef unsigned int iov_iter_extraction_t;

ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages,
                            size_t maxsize, unsigned maxpages, size_t *start);
ssize_t iov_iter_get_pages_alloc2(struct iov_iter *i, struct page ***pages,
                                  size_t maxsize, size_t *start);
ssize_t iov_iter_get_pages(struct iov_iter *i, struct page **pages,
                           size_t maxsize, unsigned maxpages, size_t *start);
ssize_t iov_iter_get_pages_alloc(struct iov_iter *i, struct page ***pages,
                                 size_t maxsize, size_t *start);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages,
                               size_t maxsize, unsigned int maxpages,
                               iov_iter_extraction_t extraction_flags,
                               size_t *offset0);
static inline bool user_backed_iter(const struct iov_iter *i) {
  return i->user_backed;
}
static inline bool iov_iter_extract_will_pin(const struct iov_iter *iter) {
  return user_backed_iter(iter);
}
void iov_iter_revert(struct iov_iter *i, size_t bytes);
struct bio;
int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
                 unsigned int off);
#endif
