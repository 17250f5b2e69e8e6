// Acquire calls are understood with the argument layouts of older kernels.
// RUN: %gup_analyze -DKERNEL_VERSION_4_4=1 -verify=v44 %s
// RUN: %gup_analyze -DKERNEL_VERSION_4_4=0 -verify=v49 %s

#include "gup-old.h"

#if KERNEL_VERSION_4_4
int old_gup(struct task_struct *tsk, struct mm_struct *mm, unsigned long addr,
            struct page **pages) {
  long ret = get_user_pages(tsk, mm, addr, 4, 1, 0, pages, NULL);
  if (ret != 4)
    return -EFAULT; // v44-warning {{Page references taken by 'get_user_pages' (line 10) are never released}}
  page_cache_release(pages[0]);
  release_pages(pages + 1, 3, 0);
  return 0;
}
#else
int remote(struct task_struct *tsk, struct mm_struct *mm, unsigned long addr,
           struct page **pages) {
  long ret = get_user_pages_remote(tsk, mm, addr, 4, 0, pages, NULL);
  if (ret <= 0)
    return ret;
  put_user_pages(pages, 4); // v49-warning {{'put_user_pages' releases '4' pages, more than 'get_user_pages_remote' (line 20) took}}
  return 0;
}

int remote_pin(struct task_struct *tsk, struct mm_struct *mm,
               unsigned long addr, struct page **pages, int *locked) {
  long ret = pin_user_pages_remote(tsk, mm, addr, 2, 0, pages, NULL, locked);
  if (ret <= 0)
    return ret;
  put_user_pages(pages, ret); // v49-warning {{(FOLL_PIN) are released with 'put_user_pages'}}
  return 0;
}
#endif
