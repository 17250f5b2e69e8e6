// Signatures from older kernels, for the signature-layout tests.
#ifndef PINPAIR_TEST_GUP_OLD_H
#define PINPAIR_TEST_GUP_OLD_H
#define NULL ((void *)0)
#define EFAULT 14
struct page { unsigned long flags; };
struct task_struct;
struct mm_struct;
struct vm_area_struct;

#if KERNEL_VERSION_4_4
// 2.6 .. 4.5: tsk, mm, write, force; page_cache_release().
long get_user_pages(struct task_struct *tsk, struct mm_struct *mm,
                    unsigned long start, unsigned long nr_pages, int write,
                    int force, struct page **pages,
                    struct vm_area_struct **vmas);
void page_cache_release(struct page *page);
void release_pages(struct page **pages, int nr, int cold);
#else
// 4.9: flags; get_user_pages_remote(tsk, mm, ..., vmas); 5.3 put_user_pages.
long get_user_pages(unsigned long start, unsigned long nr_pages,
                    unsigned int gup_flags, struct page **pages,
                    struct vm_area_struct **vmas);
long get_user_pages_remote(struct task_struct *tsk, struct mm_struct *mm,
                           unsigned long start, unsigned long nr_pages,
                           unsigned int gup_flags, struct page **pages,
                           struct vm_area_struct **vmas);
long pin_user_pages_remote(struct task_struct *tsk, struct mm_struct *mm,
                           unsigned long start, unsigned long nr_pages,
                           unsigned int gup_flags, struct page **pages,
                           struct vm_area_struct **vmas, int *locked);
void put_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages(struct page **pages, unsigned long npages);
#endif
#endif
