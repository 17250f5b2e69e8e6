// Wrappers declared in a YAML config (docs/config.md) are modelled like the
// API they wrap: here hfi1's pin/unpin pair and a consumer, called from this
// file but defined in another. Without the config nothing is reported.
// RUN: %gup_analyze -analyzer-output=text -verify \
// RUN:   -analyzer-config linux.gup.PageRefModel:Config=%inputs/config/wrappers.yaml %s
// RUN: %gup_analyze -verify=noconfig %s
// noconfig-no-diagnostics

#include "gup.h"

struct mm_struct;
int hfi1_acquire_user_pages(struct mm_struct *mm, unsigned long vaddr,
                            size_t npages, bool writable, struct page **pages);
void hfi1_release_user_pages(struct mm_struct *mm, struct page **p,
                             size_t npages, bool dirty);
void my_page_consumer(struct page *page);

// A partial pin through the wrapper, treated as failure.
int partial_leak(struct mm_struct *mm, unsigned long vaddr, struct page **pages) {
  int pinned = hfi1_acquire_user_pages(mm, vaddr, 8, true, pages); // expected-note {{'hfi1_acquire_user_pages' pinned only some of the 8 pages (partial success)}}
  if (pinned < 0) // expected-note {{'pinned' is >= 0}} expected-note {{Taking false branch}}
    return pinned;
  if (pinned < 8) // expected-note {{'pinned' is < 8}} expected-note {{Taking true branch}}
    return -ENOMEM; // expected-warning {{Pages pinned by 'hfi1_acquire_user_pages' (line 20) are never unpinned}} expected-note {{Returning -ENOMEM without unpinning the pages}} expected-note {{Pages pinned by 'hfi1_acquire_user_pages' (line 20) are never unpinned}}
  hfi1_release_user_pages(mm, pages, pinned, false);
  return 0;
}

// The wrapper's release with the requested count after a partial pin.
void over_release(struct mm_struct *mm, unsigned long vaddr, struct page **pages) {
  int pinned = hfi1_acquire_user_pages(mm, vaddr, 8, true, pages); // expected-note {{'hfi1_acquire_user_pages' pinned only some of the 8 pages (partial success)}}
  if (pinned <= 0) // expected-note {{'pinned' is > 0}} expected-note {{Taking false branch}}
    return;
  hfi1_release_user_pages(mm, pages, 8, false); // expected-warning {{'hfi1_release_user_pages' releases '8' pages, more than 'hfi1_acquire_user_pages' (line 31) pinned}} expected-note {{'hfi1_release_user_pages' releases '8' pages, more than 'hfi1_acquire_user_pages' (line 31) pinned}}
}

// ---- must not warn
int correct(struct mm_struct *mm, unsigned long vaddr, struct page **pages) {
  int pinned = hfi1_acquire_user_pages(mm, vaddr, 8, true, pages);
  if (pinned < 0)
    return pinned;
  if (pinned < 8) {
    hfi1_release_user_pages(mm, pages, pinned, false);
    return -ENOMEM;
  }
  hfi1_release_user_pages(mm, pages, pinned, false);
  return 0;
}

// Each page handed to the consumer the config declares.
int consumed(struct mm_struct *mm, unsigned long vaddr) {
  struct page *page;
  if (hfi1_acquire_user_pages(mm, vaddr, 1, true, &page) != 1)
    return -EFAULT;
  my_page_consumer(page);
  return 0;
}

// A release wrapper returning a status is still a release.
int my_unpin_pages(struct page **pages, int n);
int status_release(unsigned long addr, struct page **pages) {
  int pinned = pin_user_pages_fast(addr, 4, FOLL_WRITE, pages);
  if (pinned <= 0)
    return -EFAULT;
  if (my_unpin_pages(pages, pinned))
    return -EIO;
  return 0;
}

// And released twice through it.
void status_twice(unsigned long addr, struct page **pages) {
  int pinned = pin_user_pages_fast(addr, 4, FOLL_WRITE, pages); // expected-note {{'pin_user_pages_fast' pinned all 4 pages}}
  if (pinned <= 0) // expected-note {{'pinned' is > 0}} expected-note {{Taking false branch}}
    return;
  (void)my_unpin_pages(pages, pinned); // expected-note {{'my_unpin_pages' releases pages}}
  unpin_user_pages(pages, pinned); // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 72) are released twice: 'unpin_user_pages' releases pages that were already released}} expected-note {{Pages pinned by 'pin_user_pages_fast' (line 72) are released twice: 'unpin_user_pages' releases pages that were already released}}
}

// Path pruning takes the configured wrappers for acquire calls too:
// RUN: %gup_analyze -analyzer-output=text -verify \
// RUN:   -analyzer-config linux.gup.PageRefModel:Config=%inputs/config/wrappers.yaml \
// RUN:   -analyzer-config linux.gup.PageRefModel:Prune=true %s
