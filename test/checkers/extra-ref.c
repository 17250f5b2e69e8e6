// A page given one more reference after the get/pin call (get_page(), or
// page_remove_rmap() handing over the reference its page table held) needs
// one more put: two puts are not a double release, one put leaves the
// call's reference held.
// RUN: %gup_analyze -verify -analyzer-output=text %s

#include "gup.h"

struct mm_struct;
int check_opcode(struct page *page);
struct page *alloc_new_page(void);
void map_new_page(struct vm_area_struct *vma, unsigned long addr,
                  struct page *page);
int queue_page_io(struct page *page);

// kernel/events/uprobes.c (6.1) __replace_page(): the old page leaves the
// page table, and the mapping's reference is dropped with the folio.
static int replace_page(struct vm_area_struct *vma, unsigned long addr,
                        struct page *old_page, struct page *new_page) {
  struct folio *old_folio = page_folio(old_page);
  map_new_page(vma, addr, new_page);
  page_remove_rmap(old_page, vma, 0);
  folio_put(old_folio);
  return 0;
}

// uprobe_write_opcode(): the caller still drops the reference
// get_user_pages_remote() took.
int write_opcode(struct mm_struct *mm, unsigned long vaddr) {
  struct page *old_page, *new_page;
  struct vm_area_struct *vma;
  int ret;

retry:
  ret = get_user_pages_remote(mm, vaddr, 1, 0, &old_page, &vma, NULL);
  if (ret <= 0)
    return ret;
  ret = check_opcode(old_page);
  if (ret <= 0)
    goto put_old;
  ret = -ENOMEM;
  new_page = alloc_new_page();
  if (!new_page)
    goto put_old;
  ret = replace_page(vma, vaddr, old_page, new_page);
  put_page(new_page);
put_old:
  put_page(old_page); // no warning: the mapping's reference went with the folio
  if (ret == -EAGAIN)
    goto retry;
  return ret;
}

// get_page() for an I/O that drops its own reference when it completes.
int start_io(unsigned long uaddr) {
  struct page *page;
  int ret = get_user_pages_fast(uaddr, 1, FOLL_WRITE, &page);
  if (ret != 1)
    return ret < 0 ? ret : -EFAULT;
  get_page(page);
  if (queue_page_io(page))
    put_page(page); // the I/O was not queued: drop its reference
  put_page(page); // no warning: this is the reference the call took
  return 0;
}

// One reference too few dropped: the call's is still held.
int forget_one(unsigned long uaddr) {
  struct page *page;
  int ret = get_user_pages_fast(uaddr, 1, FOLL_WRITE, &page); // expected-note {{'get_user_pages_fast' took references on the requested page}}
  if (ret != 1) // expected-note {{'ret' is equal to 1}} expected-note {{Taking false branch}}
    return ret < 0 ? ret : -EFAULT;
  get_page(page); // expected-note {{'get_page' leaves one more reference on the page to drop}}
  put_page(page); // expected-note {{'put_page' drops the added reference; the one 'get_user_pages_fast' (line 70) took is still held}}
  return 0; // expected-warning {{Page references taken by 'get_user_pages_fast' (line 70) are never released}} expected-note {{Page references taken by 'get_user_pages_fast' (line 70) are never released}} expected-note {{The array goes out of scope while it holds the pages}}
}

// Three puts for two references.
void one_too_many(unsigned long uaddr) {
  struct page *page;
  if (get_user_pages_fast(uaddr, 1, 0, &page) != 1) // expected-note {{'get_user_pages_fast' took references on the requested page}} expected-note {{Taking false branch}}
    return;
  get_page(page); // expected-note {{'get_page' leaves one more reference on the page to drop}}
  put_page(page); // expected-note {{'put_page' drops the added reference; the one 'get_user_pages_fast' (line 81) took is still held}}
  put_page(page); // expected-note {{'put_page' releases one of the pages}}
  put_page(page); // expected-warning {{released twice}} expected-note {{released twice}}
}

// A pinned page with a get_page() reference: put_page() drops that one,
// unpin_user_page() the pin.
void pinned_and_got(unsigned long uaddr) {
  struct page *page;
  if (pin_user_pages_fast(uaddr, 1, FOLL_WRITE, &page) != 1)
    return;
  get_page(page);
  put_page(page);
  unpin_user_page(page); // no warning
}

// get_page() after the reference was dropped takes a reference on a page
// nothing keeps alive.
void get_after_put(unsigned long uaddr) {
  struct page *page;
  if (get_user_pages_fast(uaddr, 1, 0, &page) != 1) // expected-note {{'get_user_pages_fast' took references on the requested page}} expected-note {{Taking false branch}}
    return;
  put_page(page); // expected-note {{'put_page' releases one of the pages}}
  get_page(page); // expected-warning {{'get_page' uses the page 'page' after 'put_page' (line 106) dropped the reference taken by 'get_user_pages_fast' (line 104)}} expected-note {{'get_page' uses the page 'page' after 'put_page' (line 106) dropped the reference taken by 'get_user_pages_fast' (line 104)}}
  put_page(page);
}
