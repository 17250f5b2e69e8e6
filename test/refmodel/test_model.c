// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reference model: the acquire contract of every GUP entry point, the
 * checks of every release and use, the allocators, iov_iter and the end-of-run accounting.
 * Injected outcomes are taken with gupmodel_script(); the explorer has its own test.
 */
#include <string.h>

#include <gupmodel/model.h>
#include <gupmodel/kernel.h>

#include "check.h"

#define BASE 0x10000000UL
#define RO_BASE 0x20000000UL
#define UNMAPPED 0x30000000UL

/* Fresh model with `rw` read-write pages at BASE and two read-only pages at RO_BASE. */
static void setup(unsigned long rw)
{
	gupmodel_reset();
	CHECK_EQ(gupmodel_map(BASE, rw, GUPMODEL_READ_WRITE), 0);
	CHECK_EQ(gupmodel_map(RO_BASE, 2, GUPMODEL_READ), 0);
}

static unsigned long page_addr(unsigned long i)
{
	return BASE + i * PAGE_SIZE;
}

static struct gupmodel_page_info info(const struct page *page)
{
	struct gupmodel_page_info pi = { 0 };

	CHECK(gupmodel_page_info(page, &pi));
	return pi;
}

/* Number of recorded entries of one class (notes included when asked for). */
static unsigned int count_class(enum gupmodel_class cls)
{
	const struct gupmodel_violation *v = gupmodel_violations();
	unsigned int i, n = 0;

	for (i = 0; i < gupmodel_nr_violations(); i++)
		n += v[i].cls == cls;
	return n;
}

static bool has_text(const char *needle)
{
	const struct gupmodel_violation *v = gupmodel_violations();
	unsigned int i;

	for (i = 0; i < gupmodel_nr_violations(); i++)
		if (strstr(v[i].text, needle))
			return true;
	return false;
}

/* ---- Acquire contract, uniformly over the ten entry points ----------------------------------- */

struct gup_api {
	const char *name;
	bool pin;
	bool fast_only;
	long (*call)(unsigned long start, long nr, unsigned int flags, struct page **pages);
};

static long call_gup(unsigned long s, long nr, unsigned int f, struct page **p)
{
	long ret;

	mmap_read_lock(current->mm);
	ret = get_user_pages(s, nr, f, p, NULL);
	mmap_read_unlock(current->mm);
	return ret;
}

static long call_gup_remote(unsigned long s, long nr, unsigned int f, struct page **p)
{
	int locked = 1;
	long ret;

	mmap_read_lock(current->mm);
	ret = get_user_pages_remote(current->mm, s, nr, f, p, NULL, &locked);
	mmap_read_unlock(current->mm);
	return ret;
}

static long call_gup_unlocked(unsigned long s, long nr, unsigned int f, struct page **p)
{
	return get_user_pages_unlocked(s, nr, p, f);
}

static long call_gup_fast(unsigned long s, long nr, unsigned int f, struct page **p)
{
	return get_user_pages_fast(s, nr, f, p);
}

static long call_gup_fast_only(unsigned long s, long nr, unsigned int f, struct page **p)
{
	return get_user_pages_fast_only(s, nr, f, p);
}

static long call_pup(unsigned long s, long nr, unsigned int f, struct page **p)
{
	long ret;

	mmap_read_lock(current->mm);
	ret = pin_user_pages(s, nr, f, p, NULL);
	mmap_read_unlock(current->mm);
	return ret;
}

static long call_pup_remote(unsigned long s, long nr, unsigned int f, struct page **p)
{
	long ret;

	mmap_read_lock(current->mm);
	ret = pin_user_pages_remote(current->mm, s, nr, f, p, NULL, NULL);
	mmap_read_unlock(current->mm);
	return ret;
}

static long call_pup_unlocked(unsigned long s, long nr, unsigned int f, struct page **p)
{
	return pin_user_pages_unlocked(s, nr, p, f);
}

static long call_pup_fast(unsigned long s, long nr, unsigned int f, struct page **p)
{
	return pin_user_pages_fast(s, nr, f, p);
}

static long call_pup_fast_only(unsigned long s, long nr, unsigned int f, struct page **p)
{
	return pin_user_pages_fast_only(s, nr, f, p);
}

static const struct gup_api apis[] = {
	{ "get_user_pages", false, false, call_gup },
	{ "get_user_pages_remote", false, false, call_gup_remote },
	{ "get_user_pages_unlocked", false, false, call_gup_unlocked },
	{ "get_user_pages_fast", false, false, call_gup_fast },
	{ "get_user_pages_fast_only", false, true, call_gup_fast_only },
	{ "pin_user_pages", true, false, call_pup },
	{ "pin_user_pages_remote", true, false, call_pup_remote },
	{ "pin_user_pages_unlocked", true, false, call_pup_unlocked },
	{ "pin_user_pages_fast", true, false, call_pup_fast },
	{ "pin_user_pages_fast_only", true, true, call_pup_fast_only },
};

static void test_acquire_contract(const struct gup_api *api)
{
	long fail = api->fast_only ? 0 : -EINVAL;
	struct page *pages[8];
	struct gupmodel_counters c;
	long i;

	/* Everything mapped: every page taken once, with the kernel's refcount arithmetic. */
	setup(4);
	CHECK_EQ(api->call(BASE + 0x10, 3, FOLL_WRITE, pages), 3);
	for (i = 0; i < 3; i++) {
		struct gupmodel_page_info pi = info(pages[i]);

		CHECK(pages[i] == gupmodel_page_at(page_addr(i)));
		CHECK_EQ(pi.pins, api->pin);
		CHECK_EQ(pi.gets, !api->pin);
		CHECK_EQ(pi.refcount, 1 + (api->pin ? GUP_PIN_COUNTING_BIAS : 1));
	}
	gupmodel_read_counters(&c);
	CHECK_EQ(c.nr_foll_pin_acquired, api->pin ? 3 : 0);
	CHECK_EQ(c.nr_foll_get_acquired, api->pin ? 0 : 3);
	CHECK_EQ(gupmodel_refs_held(), 3);

	/* Up to the first fault: a short positive count. */
	setup(2);
	CHECK_EQ(api->call(BASE, 4, 0, pages), 2);
	CHECK_EQ(gupmodel_refs_held(), 2);

	/* Nothing takeable: -EFAULT, or 0 for *_fast_only. */
	setup(2);
	CHECK_EQ(api->call(UNMAPPED, 2, 0, pages), api->fast_only ? 0 : -EFAULT);
	CHECK_EQ(api->call(RO_BASE, 2, FOLL_WRITE, pages), api->fast_only ? 0 : -EFAULT);
	CHECK_EQ(gupmodel_refs_held(), 0);
	CHECK_EQ(api->call(RO_BASE, 2, FOLL_WRITE | FOLL_FORCE, pages), 2);

	/* Nothing asked. */
	setup(2);
	CHECK_EQ(api->call(BASE, 0, 0, pages), 0);

	/* Contradictory flags. */
	CHECK_EQ(api->call(BASE, 1, api->pin ? FOLL_GET : FOLL_PIN, pages), fail);
	if (!api->pin)
		CHECK_EQ(api->call(BASE, 1, FOLL_LONGTERM, pages), fail);
	CHECK_EQ(gupmodel_refs_held(), 0);
	CHECK(count_class(GUPMODEL_NOTE) >= 1);	/* the WARNs */
	CHECK_EQ(gupmodel_verdict(), 0);
}

static void test_acquire_details(void)
{
	struct vm_area_struct *vmas[2];
	struct page *pages[4];

	/* gup-fast, 6.1: negative count and overflowing range give 0, beyond TASK_SIZE -EFAULT. */
	setup(2);
	CHECK_EQ(get_user_pages_fast(BASE, -1, 0, pages), 0);
	CHECK_EQ(pin_user_pages_fast(~0UL - PAGE_SIZE, 4, 0, pages), 0);
	CHECK_EQ(pin_user_pages_fast(TASK_SIZE_MAX, 1, 0, pages), -EFAULT);
	CHECK_EQ(pin_user_pages_fast(BASE, 1, FOLL_TOUCH, pages), -EINVAL);
	CHECK_EQ(pin_user_pages_fast(BASE, 1, 0, NULL), -EINVAL);

	/* Without a page array GUP only faults pages in. */
	mmap_read_lock(current->mm);
	CHECK_EQ(get_user_pages(BASE, 2, 0, NULL, vmas), 2);
	mmap_read_unlock(current->mm);
	CHECK_EQ(gupmodel_refs_held(), 0);
	CHECK(vmas[0] == vmas[1] && vmas[0] != NULL);

	/* Lock discipline is reported as notes, never as a verdict. */
	setup(2);
	CHECK_EQ(pin_user_pages(BASE, 1, 0, pages, NULL), 1);
	CHECK(has_text("without mmap_lock"));
	unpin_user_page(pages[0]);
	CHECK_EQ(gupmodel_verdict(), 0);
	{
		int locked = 1;

		mmap_read_lock(current->mm);
		CHECK_EQ(pin_user_pages_remote(current->mm, BASE, 1, FOLL_LONGTERM, pages, NULL,
					       &locked), -EINVAL);
		mmap_read_unlock(current->mm);
	}
}

static void test_injection_script(void)
{
	struct page *pages[4];
	unsigned int nr;
	const struct gupmodel_choice *ch;

	/* Alternatives with 3 pages takeable: natural, -EFAULT, -ENOMEM, -EINTR, 1, 2. */
	setup(4);
	gupmodel_script((const unsigned int[]){ 2, 5, 0 }, 3);
	CHECK_EQ(pin_user_pages_fast(BASE, 3, 0, pages), -ENOMEM);
	CHECK_EQ(pin_user_pages_fast(BASE, 3, 0, pages), 2);
	CHECK_EQ(pin_user_pages_fast(BASE + 2 * PAGE_SIZE, 1, 0, pages + 2), 1);
	CHECK_EQ(gupmodel_refs_held(), 3);
	ch = gupmodel_choices(&nr);
	CHECK_EQ(nr, 3);	/* the script ran out: the third call took alternative 0 */
	CHECK_EQ(ch[0].value, -ENOMEM);
	CHECK_EQ(ch[0].nr_alts, 6);
	CHECK_EQ(ch[1].value, 2);
	CHECK_EQ(ch[2].nr_alts, 4);	/* one page takeable: no short counts */

	/* *_fast_only: failure is 0, never negative. */
	setup(4);
	gupmodel_script((const unsigned int[]){ 1 }, 1);
	CHECK_EQ(get_user_pages_fast_only(BASE, 2, 0, pages), 0);

	/* FOLL_NOWAIT: slow GUP may also return 0, offered before the short counts. */
	setup(4);
	gupmodel_script((const unsigned int[]){ 4, 5 }, 2);
	mmap_read_lock(current->mm);
	CHECK_EQ(get_user_pages(BASE, 2, FOLL_NOWAIT, pages, NULL), 0);
	CHECK_EQ(get_user_pages(BASE, 2, FOLL_NOWAIT, pages, NULL), 1);
	mmap_read_unlock(current->mm);
	put_page(pages[0]);
	CHECK_EQ(gupmodel_verdict(), 0);

	/* Nothing takeable: the natural -EFAULT is not offered twice. */
	setup(1);
	gupmodel_script((const unsigned int[]){ 1 }, 1);
	CHECK_EQ(get_user_pages_fast(UNMAPPED, 2, 0, pages), -ENOMEM);
	ch = gupmodel_choices(&nr);
	CHECK_EQ(ch[0].nr_alts, 3);

	/* Allocation failure; __GFP_NOFAIL is not a decision point. */
	setup(1);
	gupmodel_script((const unsigned int[]){ 1, 1 }, 2);
	CHECK(kmalloc(8, GFP_KERNEL | __GFP_NOFAIL) != NULL);
	CHECK(kvmalloc_array(2, 8, GFP_KERNEL) == NULL);
	CHECK(kzalloc(8, GFP_KERNEL) == NULL);
	gupmodel_end_run();
	CHECK_EQ(count_class(GUPMODEL_MEMORY), 1);	/* the NOFAIL block, never freed */
}

/* ---- Releases and uses ------------------------------------------------------------------------- */

static void expect_only(enum gupmodel_class cls)
{
	CHECK_EQ(gupmodel_verdict(), GUPMODEL_CLASS_BIT(cls));
}

static void test_get_releases(void)
{
	struct page *pages[4];
	struct gupmodel_counters c;

	setup(4);
	CHECK_EQ(get_user_pages_fast(BASE, 2, 0, pages), 2);
	put_page(pages[0]);
	folio_put(page_folio(pages[1]));
	CHECK_EQ(gupmodel_refs_held(), 0);
	CHECK_EQ(info(pages[0]).refcount, 1);
	gupmodel_read_counters(&c);
	CHECK_EQ(c.nr_foll_get_released, 2);
	CHECK_EQ(gupmodel_verdict(), 0);

	put_page(pages[0]);
	expect_only(GUPMODEL_DOUBLE_RELEASE);

	setup(4);
	put_page(gupmodel_page_at(BASE));
	expect_only(GUPMODEL_OVER_RELEASE);

	setup(4);
	put_page(NULL);
	expect_only(GUPMODEL_OVER_RELEASE);

	/* get_page() on a held page adds a reference; on an unheld one it is a use too late. */
	setup(4);
	CHECK_EQ(get_user_pages_fast(BASE, 1, 0, pages), 1);
	get_page(pages[0]);
	CHECK_EQ(info(pages[0]).gets, 2);
	release_pages(pages, 1);
	put_page(pages[0]);
	CHECK_EQ(gupmodel_verdict(), 0);
	get_page(pages[0]);
	expect_only(GUPMODEL_USE_AFTER_RELEASE);
}

static void test_mismatched(void)
{
	struct page *pages[2];
	struct gupmodel_counters c;

	/* put_page() on a pin: one violation, the pin is consumed, the refcount keeps the bias. */
	setup(2);
	CHECK_EQ(pin_user_pages_fast(BASE, 1, 0, pages), 1);
	CHECK(page_maybe_dma_pinned(pages[0]));
	put_page(pages[0]);
	expect_only(GUPMODEL_MISMATCHED_RELEASE);
	CHECK_EQ(info(pages[0]).pins, 0);
	CHECK_EQ(info(pages[0]).refcount, GUP_PIN_COUNTING_BIAS);
	gupmodel_read_counters(&c);
	CHECK_EQ(c.nr_foll_pin_released, 0);	/* like the kernel's vmstat: the leak shows there */
	gupmodel_end_run();
	expect_only(GUPMODEL_MISMATCHED_RELEASE);

	setup(2);
	CHECK_EQ(get_user_pages_fast(BASE, 1, 0, pages), 1);
	unpin_user_page(pages[0]);
	expect_only(GUPMODEL_MISMATCHED_RELEASE);
	CHECK_EQ(gupmodel_refs_held(), 0);
}

static void test_unpin_family(void)
{
	struct page *stack_pages[4];
	struct page **pages;

	setup(4);
	CHECK_EQ(pin_user_pages_fast(BASE, 3, FOLL_WRITE, stack_pages), 3);
	unpin_user_pages_dirty_lock(stack_pages, 2, true);
	CHECK(info(stack_pages[0]).dirty && info(stack_pages[1]).dirty);
	CHECK(!info(stack_pages[2]).dirty);
	unpin_user_pages_dirty_lock(stack_pages + 2, 1, false);
	CHECK_EQ(gupmodel_refs_held(), 0);
	CHECK(!page_maybe_dma_pinned(stack_pages[0]));
	CHECK_EQ(gupmodel_verdict(), 0);

	/* Contiguous range release; a range running past its mapping. */
	setup(4);
	CHECK_EQ(pin_user_pages_fast(BASE, 4, 0, stack_pages), 4);
	unpin_user_page_range_dirty_lock(stack_pages[1], 3, true);
	CHECK(info(stack_pages[3]).dirty);
	CHECK_EQ(gupmodel_refs_held(), 1);
	unpin_user_page_range_dirty_lock(stack_pages[0], 5, false);
	CHECK_EQ(count_class(GUPMODEL_DOUBLE_RELEASE), 3);
	CHECK_EQ(count_class(GUPMODEL_OVER_RELEASE), 1);

	/* errno counts: 64-bit and 32-bit forms, release_pages() with a negative int. */
	setup(4);
	CHECK_EQ(pin_user_pages_fast(BASE, 2, 0, stack_pages), 2);
	unpin_user_pages(stack_pages, (unsigned long)-EFAULT);
	unpin_user_pages(stack_pages, (unsigned int)-EFAULT);
	unpin_user_page_range_dirty_lock(stack_pages[0], (unsigned long)-EINTR, true);
	CHECK_EQ(count_class(GUPMODEL_NEGATIVE_COUNT), 3);
	CHECK_EQ(gupmodel_refs_held(), 2);	/* the kernel returns without unpinning */
	release_pages(stack_pages, -EFAULT);
	expect_only(GUPMODEL_NEGATIVE_COUNT);

	/* Heap arrays: never-filled (poisoned) slots, counts beyond the array. */
	setup(4);
	pages = kmalloc_array(3, sizeof(*pages), GFP_KERNEL);
	CHECK_EQ(pin_user_pages_fast(BASE, 1, 0, pages), 1);
	unpin_user_pages(pages, 5);
	CHECK(has_text("exceeds the 3 slots"));
	CHECK(has_text("never-filled"));
	CHECK_EQ(count_class(GUPMODEL_OVER_RELEASE), 3);	/* the count, slots 1 and 2 */
	CHECK_EQ(gupmodel_refs_held(), 0);
	kfree(pages);
	expect_only(GUPMODEL_OVER_RELEASE);
}

static void test_uses(void)
{
	struct page *pages[2];
	unsigned char *p;

	setup(2);
	CHECK_EQ(get_user_pages_fast(BASE, 1, FOLL_WRITE, pages), 1);
	p = kmap(pages[0]);
	p[0] = 42;
	kunmap(pages[0]);
	CHECK(((unsigned char *)page_address(pages[0]))[0] == 42);
	CHECK_EQ(set_page_dirty_lock(pages[0]), 1);
	CHECK_EQ(set_page_dirty(pages[0]), 0);
	put_page(pages[0]);
	CHECK_EQ(gupmodel_verdict(), 0);

	set_page_dirty_lock(pages[0]);
	kmap_local_page(pages[0]);
	CHECK_EQ(count_class(GUPMODEL_USE_AFTER_RELEASE), 2);
	CHECK(has_text("after its last reference was dropped"));

	/* Using a slot that never held a page: mapped to scratch memory, reported. */
	setup(2);
	CHECK(kmap(NULL) != NULL);
	CHECK(kmap(gupmodel_page_at(BASE)) != NULL);
	CHECK(has_text("never referenced"));
	expect_only(GUPMODEL_USE_AFTER_RELEASE);
}

/* ---- Allocators ------------------------------------------------------------------------------ */

static void test_alloc(void)
{
	unsigned char *a, *z;
	void *v;
	struct page **pages;

	setup(2);
	a = kmalloc(16, GFP_KERNEL);
	z = kzalloc(16, GFP_KERNEL);
	CHECK(a[0] == 0x5a && z[15] == 0);
	kfree(a);
	kfree(z);
	kfree(NULL);
	v = kmalloc(0, GFP_KERNEL);
	CHECK(v != NULL);
	kfree(v);
	CHECK(kvmalloc_array(~0UL / 2, 8, GFP_KERNEL) == NULL);
	gupmodel_end_run();
	CHECK_EQ(gupmodel_verdict(), 0);

	kfree(a);
	CHECK(has_text("freed twice"));
	v = kvmalloc(8, GFP_KERNEL);
	kfree(v);
	CHECK(has_text("use kvfree()"));
	kfree(&v);
	CHECK(has_text("not allocated"));
	v = kvzalloc(8, GFP_KERNEL);
	gupmodel_end_run();
	CHECK(has_text("never freed"));
	expect_only(GUPMODEL_MEMORY);

	/* A page array freed while it lists referenced pages: explained by a note, and the
	 * references show up as leaks at the end. */
	setup(2);
	pages = kvcalloc(2, sizeof(*pages), GFP_KERNEL);
	CHECK_EQ(pin_user_pages_fast(BASE, 2, 0, pages), 2);
	kvfree(pages);
	CHECK(has_text("still hold references"));
	CHECK_EQ(gupmodel_verdict(), 0);
	gupmodel_end_run();
	CHECK_EQ(count_class(GUPMODEL_LEAK), 2);
	expect_only(GUPMODEL_LEAK);

	/* The caller's (harness) memory is off limits to the code under test. */
	setup(2);
	v = gupmodel_harness_alloc(8);
	kfree(v);
	CHECK(has_text("belongs to the caller"));
	gupmodel_harness_free(v);
	expect_only(GUPMODEL_MEMORY);
}

/* ---- iov_iter ------------------------------------------------------------------------------- */

static void test_iov_iter(void)
{
	struct page *stack_pages[4];
	struct page **pages;
	struct iov_iter it;
	size_t off = 0;

	/* Bytes from an offset; pages held = DIV_ROUND_UP(off + bytes, PAGE_SIZE); advances. */
	setup(4);
	iov_iter_ubuf(&it, ITER_DEST, (void __user *)(BASE + 0x100), 2 * PAGE_SIZE - 0x100);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, ~0UL, 4, &off), 2 * PAGE_SIZE - 0x100);
	CHECK_EQ(off, 0x100);
	CHECK_EQ(iov_iter_count(&it), 0);
	CHECK_EQ(gupmodel_refs_held(), 2);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, ~0UL, 4, &off), 0);
	iov_iter_revert(&it, PAGE_SIZE);
	CHECK_EQ(iov_iter_count(&it), PAGE_SIZE);

	/* maxsize and maxpages limits. */
	setup(4);
	iov_iter_ubuf(&it, ITER_SOURCE, (void __user *)BASE, 3 * PAGE_SIZE);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, 100, 4, &off), 100);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, ~0UL, 1, &off), PAGE_SIZE - 100);
	CHECK_EQ(gupmodel_refs_held(), 2);

	/* A short GUP result: bytes up to the end of the last page taken. */
	setup(4);
	gupmodel_script((const unsigned int[]){ 4 }, 1);
	iov_iter_ubuf(&it, ITER_DEST, (void __user *)(BASE + 0x100), 2 * PAGE_SIZE);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, ~0UL, 4, &off), PAGE_SIZE - 0x100);
	CHECK_EQ(iov_iter_count(&it), PAGE_SIZE + 0x100);

	/* ITER_DEST needs write access. */
	setup(4);
	iov_iter_ubuf(&it, ITER_DEST, (void __user *)RO_BASE, PAGE_SIZE);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, ~0UL, 4, &off), -EFAULT);
	iov_iter_ubuf(&it, ITER_SOURCE, (void __user *)RO_BASE, PAGE_SIZE);
	CHECK_EQ(iov_iter_get_pages2(&it, stack_pages, ~0UL, 4, &off), PAGE_SIZE);

	/* _alloc2: array allocated; on failure freed again and NULLed. */
	setup(4);
	iov_iter_ubuf(&it, ITER_DEST, (void __user *)BASE, 2 * PAGE_SIZE);
	CHECK_EQ(iov_iter_get_pages_alloc2(&it, &pages, ~0UL, &off), 2 * PAGE_SIZE);
	CHECK(gupmodel_heap_live(pages));
	release_pages(pages, 2);
	kvfree(pages);
	setup(4);
	gupmodel_script((const unsigned int[]){ 0, 1 }, 2);
	iov_iter_ubuf(&it, ITER_DEST, (void __user *)BASE, 2 * PAGE_SIZE);
	CHECK_EQ(iov_iter_get_pages_alloc2(&it, &pages, ~0UL, &off), -EFAULT);
	CHECK(pages == NULL);
	CHECK_EQ(iov_iter_count(&it), 2 * PAGE_SIZE);
	setup(4);
	gupmodel_script((const unsigned int[]){ 1 }, 1);
	CHECK_EQ(iov_iter_get_pages_alloc2(&it, &pages, ~0UL, &off), -ENOMEM);
	gupmodel_end_run();
	CHECK_EQ(gupmodel_verdict(), 0);

	/* extract_pages pins user-backed memory and allocates the array when asked to. */
	setup(4);
	pages = NULL;
	iov_iter_ubuf(&it, ITER_SOURCE, (void __user *)(BASE + 8), PAGE_SIZE);
	CHECK(iov_iter_extract_will_pin(&it));
	CHECK_EQ(iov_iter_extract_pages(&it, &pages, ~0UL, 8, 0, &off), PAGE_SIZE);
	CHECK_EQ(off, 8);
	CHECK_EQ(info(pages[1]).pins, 1);
	unpin_user_pages(pages, DIV_ROUND_UP(off + PAGE_SIZE, PAGE_SIZE));
	kvfree(pages);
	gupmodel_end_run();
	CHECK_EQ(gupmodel_verdict(), 0);
}

/* ---- End of run and handing back ----------------------------------------------------------------- */

static void test_end_of_run(void)
{
	struct page *pages[4];
	struct gupmodel_counters c;

	setup(4);
	CHECK_EQ(pin_user_pages_fast(BASE, 2, 0, pages), 2);
	CHECK_EQ(get_user_pages_fast(BASE + 2 * PAGE_SIZE, 1, 0, pages + 2), 1);
	gupmodel_end_run();
	CHECK_EQ(count_class(GUPMODEL_LEAK), 3);

	setup(4);
	CHECK_EQ(pin_user_pages_fast(BASE, 2, 0, pages), 2);
	gupmodel_hand_back(pages, 2, true);
	gupmodel_end_run();
	CHECK_EQ(gupmodel_verdict(), 0);
	gupmodel_read_counters(&c);
	CHECK_EQ(c.nr_foll_pin_acquired, c.nr_foll_pin_released);

	setup(4);
	CHECK_EQ(get_user_pages_fast(BASE, 2, 0, pages), 2);
	gupmodel_hand_back(pages, 2, true);
	expect_only(GUPMODEL_MISMATCHED_RELEASE);
	gupmodel_hand_back(pages, (unsigned long)-ENOMEM, true);
	gupmodel_hand_back(NULL, 1, true);
	CHECK_EQ(count_class(GUPMODEL_NEGATIVE_COUNT), 1);
	CHECK_EQ(count_class(GUPMODEL_OVER_RELEASE), 1);

	/* Class names round-trip; formatting. */
	{
		char buf[128];
		int cls;

		for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++)
			CHECK_EQ(gupmodel_parse_class(gupmodel_class_name(cls)), cls);
		CHECK_EQ(gupmodel_parse_class("note"), -1);
		gupmodel_format_classes(0, buf, sizeof(buf));
		CHECK(!strcmp(buf, "none"));
		gupmodel_format_classes(GUPMODEL_CLASS_BIT(GUPMODEL_LEAK) |
					GUPMODEL_CLASS_BIT(GUPMODEL_USE_AFTER_RELEASE), buf,
					sizeof(buf));
		CHECK(!strcmp(buf, "Leak UseAfterRelease"));
	}
}

int main(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(apis); i++) {
		int before = check_failures;

		test_acquire_contract(&apis[i]);
		if (check_failures != before)
			fprintf(stderr, "  ^ in %s\n", apis[i].name);
	}
	test_acquire_details();
	test_injection_script();
	test_get_releases();
	test_mismatched();
	test_unpin_family();
	test_uses();
	test_alloc();
	test_iov_iter();
	test_end_of_run();
	return check_status("test_model");
}
