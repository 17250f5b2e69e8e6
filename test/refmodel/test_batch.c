// SPDX-License-Identifier: GPL-2.0
/*
 * Exhaustive fault-injection tests of the batching helpers (<gupmodel/batch.h>).
 *
 * Each helper runs under every schedule (each pin call failing with each errno or stopping
 * short at each position, each allocation failing) for a range of sizes, batch sizes and
 * start offsets. In every run the helper's contract is checked at its return, the test then
 * releases what the contract says it owns, and the run must end with no violation at all,
 * and no note either but one (see handed_over_note()).
 */
#include <string.h>

#include <gupmodel/model.h>
#include <gupmodel/batch.h>

#include "check.h"

#define BASE 0x10000000UL
#define MAPPED 12
#define MAX_NR 10

struct scenario {
	const char *helper;
	unsigned long offset;
	unsigned long nr;
	unsigned int batch;
	long stop_at;		/* for_each_user_page: index where the actor stops, or -1 */
	int stop_ret;		/* and what it returns there */
	unsigned int consume;	/* page_queue: pages consumed before the release */
	bool release_early;	/* page_queue: release right after init */
	unsigned long successes;
	unsigned long failures;
};

static unsigned long start_of(const struct scenario *s)
{
	return BASE + s->offset;
}

/* The page of the range's index-th page. */
static struct page *nth_user_page(const struct scenario *s, unsigned long index)
{
	return gupmodel_page_at((start_of(s) & PAGE_MASK) + index * PAGE_SIZE);
}

static bool injected_errno(long ret)
{
	return ret == -EFAULT || ret == -ENOMEM || ret == -EINTR;
}

static unsigned int pins_of(const struct page *page)
{
	struct gupmodel_page_info info;

	return gupmodel_page_info(page, &info) ? info.pins : 0;
}

/*
 * The one note a correct run may carry: a page array freed while it still lists referenced
 * pages is fine when those references were handed to someone else (for_each_user_page()'s
 * actor), which the model cannot see.
 */
static bool handed_over_note(const struct gupmodel_violation *v)
{
	return v->cls == GUPMODEL_NOTE && strstr(v->text, "still hold references");
}

static void expect_clean(void *ctx, const struct gupmodel_run *run)
{
	const struct scenario *s = ctx;
	char schedule[1024];
	unsigned int i;

	for (i = 0; i < run->nr_violations && handed_over_note(&run->violations[i]); i++)
		;
	if (i == run->nr_violations)
		return;
	gupmodel_format_schedule(run->choices, run->nr_choices, schedule, sizeof(schedule));
	fprintf(stderr, "%s nr=%lu offset=%#lx batch=%u stop_at=%ld consume=%u: %s\n",
		s->helper, s->nr, s->offset, s->batch, s->stop_at, s->consume, schedule);
	gupmodel_print_violations(stderr, "    ");
	check_failures++;
}

static void explore(struct scenario *s, gupmodel_body_fn *body)
{
	struct gupmodel_explore_result res;

	gupmodel_explore(NULL, body, expect_clean, s, &res);
	CHECK(!res.truncated && !res.diverged && !res.aborted);
	CHECK_EQ(res.classes, 0);
}

/* All-or-nothing contract: 0 with every page pinned once in order, or an errno and nothing. */
static void check_all_or_nothing(const struct scenario *s, int ret, struct page **pages)
{
	unsigned long i;

	if (ret == 0) {
		for (i = 0; i < s->nr; i++) {
			CHECK(pages[i] == nth_user_page(s, i));
			CHECK_EQ(pins_of(pages[i]), 1);
		}
		CHECK_EQ(gupmodel_refs_held(), s->nr);
		unpin_user_pages(pages, s->nr);
		((struct scenario *)s)->successes++;
	} else {
		CHECK(injected_errno(ret));
		CHECK_EQ(gupmodel_refs_held(), 0);
		((struct scenario *)s)->failures++;
	}
}

/* ---- pin_user_pages_all / pin_user_pages_batched ------------------------------------------- */

static void run_pin_all(void *ctx)
{
	struct scenario *s = ctx;
	struct page **pages = gupmodel_harness_alloc(MAX_NR * sizeof(*pages));

	gupmodel_map(BASE, MAPPED, GUPMODEL_READ_WRITE);
	check_all_or_nothing(s, pin_user_pages_all(start_of(s), s->nr, FOLL_WRITE, pages), pages);
	gupmodel_harness_free(pages);
}

static void run_pin_batched(void *ctx)
{
	struct scenario *s = ctx;
	struct page **pages = gupmodel_harness_alloc(MAX_NR * sizeof(*pages));
	int ret;

	gupmodel_map(BASE, MAPPED, GUPMODEL_READ_WRITE);
	ret = pin_user_pages_batched(start_of(s), s->nr, FOLL_WRITE, pages, s->batch);
	check_all_or_nothing(s, ret, pages);
	gupmodel_harness_free(pages);
}

static void test_all_or_nothing(void)
{
	static const unsigned int batches[] = { 1, 2, 3, 8 };
	struct page *page;
	unsigned long nr, off;
	unsigned int b;

	for (off = 0; off <= 0x80; off += 0x80) {
		for (nr = 0; nr <= MAX_NR; nr++) {
			struct scenario s = {
				.helper = "pin_user_pages_all", .offset = off, .nr = nr,
			};

			explore(&s, run_pin_all);
			CHECK(s.successes >= 1);
			CHECK(nr == 0 || s.failures >= 3 + (nr > 1));	/* errnos, a short */

			for (b = 0; b < ARRAY_SIZE(batches); b++) {
				struct scenario sb = {
					.helper = "pin_user_pages_batched", .offset = off,
					.nr = nr, .batch = batches[b],
				};

				explore(&sb, run_pin_batched);
				CHECK(sb.successes >= 1);
			}
		}
	}
	gupmodel_reset();
	CHECK_EQ(pin_user_pages_batched(BASE, 1, 0, &page, 0), -EINVAL);
}

/* ---- for_each_user_page -------------------------------------------------------------------- */

struct walk {
	const struct scenario *s;
	struct page *got[MAX_NR];
	unsigned long n;
};

static int record_page(struct page *page, unsigned long index, void *data)
{
	struct walk *w = data;

	/* Handed over in order, each once, while pinned. */
	CHECK_EQ(index, w->n);
	CHECK(page == nth_user_page(w->s, index));
	CHECK_EQ(pins_of(page), 1);
	if (w->n < MAX_NR)
		w->got[w->n++] = page;
	return (long)index == w->s->stop_at ? w->s->stop_ret : 0;
}

static void run_for_each(void *ctx)
{
	struct scenario *s = ctx;
	struct walk w = { .s = s };
	unsigned long i;
	bool stopped;
	int ret;

	gupmodel_map(BASE, MAPPED, GUPMODEL_READ_WRITE);
	ret = for_each_user_page(start_of(s), s->nr, FOLL_WRITE, s->batch, record_page, &w);

	stopped = s->stop_at >= 0 && w.n == (unsigned long)s->stop_at + 1;
	if (stopped)
		CHECK_EQ(ret, s->stop_ret);
	else if (w.n == s->nr)
		CHECK_EQ(ret, 0);
	else
		CHECK(injected_errno(ret));
	/* "Success": the walk ran its course, to the end or to the actor's stop. */
	s->successes += stopped || w.n == s->nr;
	s->failures += !stopped && w.n != s->nr;

	/* The helper kept nothing: every pin left is one the actor was handed. */
	CHECK_EQ(gupmodel_refs_held(), w.n);
	for (i = 0; i < w.n; i++)
		unpin_user_page(w.got[i]);
}

static void test_for_each(void)
{
	static const unsigned long sizes[] = { 0, 1, 2, 3, 5, 9, 10 };
	static const unsigned int batches[] = { 1, 3, FOR_EACH_USER_PAGE_STACK_BATCH,
						FOR_EACH_USER_PAGE_STACK_BATCH + 1 };
	static const struct {
		long at;
		int ret;
	} stops[] = { { -1, 0 }, { 0, 1 }, { 4, -EIO } };
	unsigned int z, b, t;
	unsigned long off;

	for (off = 0; off <= 0x80; off += 0x80)
		for (z = 0; z < ARRAY_SIZE(sizes); z++)
			for (b = 0; b < ARRAY_SIZE(batches); b++)
				for (t = 0; t < ARRAY_SIZE(stops); t++) {
					struct scenario s = {
						.helper = "for_each_user_page",
						.offset = off,
						.nr = sizes[z],
						.batch = batches[b],
						.stop_at = stops[t].at,
						.stop_ret = stops[t].ret,
					};

					explore(&s, run_for_each);
					CHECK(s.successes >= 1);
				}
	gupmodel_reset();
	CHECK_EQ(for_each_user_page(BASE, 1, 0, 0, record_page, NULL), -EINVAL);
}

/* ---- page_queue -------------------------------------------------------------------------------- */

static void run_queue(void *ctx)
{
	struct scenario *s = ctx;
	unsigned long first = min_t(unsigned long, s->nr, 2);
	struct page *consumed[MAX_NR];
	struct page_queue q = { 0 };
	unsigned int n = 0, i;
	long added;

	gupmodel_map(BASE, MAPPED, GUPMODEL_READ_WRITE);
	page_queue_release(&q);		/* a zeroed queue */
	if (page_queue_init(&q, s->nr)) {
		CHECK(!q.pages && !q.capacity);
		page_queue_release(&q);
		s->failures++;
		return;
	}
	if (s->release_early)
		goto release;

	added = page_queue_fill(&q, start_of(s), first, FOLL_WRITE);
	CHECK(added == q.tail || (injected_errno(added) && q.tail == 0));
	added = page_queue_fill(&q, start_of(s) + first * PAGE_SIZE, s->nr, FOLL_WRITE);
	CHECK(added >= 0 || injected_errno(added));
	CHECK(q.tail <= q.capacity);
	if (q.tail == q.capacity)
		CHECK_EQ(page_queue_fill(&q, start_of(s), 1, 0), 0);	/* full */
	CHECK_EQ(gupmodel_refs_held(), q.tail);

	/* Consume openly: the pin moves to the consumer. */
	while (n < s->consume && q.head < q.tail)
		consumed[n++] = q.pages[q.head++];
	s->successes++;
release:
	page_queue_release(&q);
	CHECK(!q.pages && !q.head && !q.tail && !q.capacity);
	CHECK_EQ(gupmodel_refs_held(), n);
	page_queue_release(&q);		/* twice */
	for (i = 0; i < n; i++)
		unpin_user_page(consumed[i]);
}

static void test_page_queue(void)
{
	static const unsigned int consume[] = { 0, 1, MAX_NR };
	unsigned long nr;
	unsigned int c;

	for (nr = 0; nr <= 5; nr++) {
		struct scenario early = {
			.helper = "page_queue", .nr = nr, .release_early = true,
		};

		explore(&early, run_queue);
		for (c = 0; c < ARRAY_SIZE(consume); c++) {
			struct scenario s = {
				.helper = "page_queue", .offset = 0x80, .nr = nr,
				.consume = consume[c],
			};

			explore(&s, run_queue);
			CHECK(s.successes >= 1);
		}
	}
}

int main(void)
{
	test_all_or_nothing();
	test_for_each();
	test_page_queue();
	return check_status("test_batch");
}
