// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the schedule explorer: it runs every combination of alternatives exactly once,
 * reports per run, and copes with limits, runaway loops and nondeterministic bodies.
 */
#include <string.h>

#include <gupmodel/model.h>
#include <gupmodel/kernel.h>

#include "check.h"

#define BASE 0x10000000UL
#define MAX_RUNS 64

struct log {
	unsigned long runs;
	unsigned long with_class[GUPMODEL_NR_CLASSES];
	char schedules[MAX_RUNS][256];
	int variant;		/* which body shape to run */
};

static void record(void *ctx, const struct gupmodel_run *run)
{
	struct log *log = ctx;
	int cls;

	CHECK_EQ(run->index, log->runs);
	if (log->runs < MAX_RUNS)
		gupmodel_format_schedule(run->choices, run->nr_choices, log->schedules[log->runs],
					 sizeof(log->schedules[0]));
	for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++)
		log->with_class[cls] += !!(run->classes & GUPMODEL_CLASS_BIT(cls));
	log->runs++;
}

static bool all_distinct(const struct log *log)
{
	unsigned long i, j;

	for (i = 0; i < log->runs && i < MAX_RUNS; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(log->schedules[i], log->schedules[j]))
				return false;
	return true;
}

/* Correct code: allocate, pin 3, release what was pinned. */
static void pin_and_release(void *ctx)
{
	struct log *log = ctx;
	struct page **pages;
	int ret;

	gupmodel_map(BASE, 4, GUPMODEL_READ_WRITE);
	pages = log->variant ? kmalloc_array(3, sizeof(*pages), GFP_KERNEL) : NULL;
	if (log->variant && !pages)
		return;
	if (!pages)
		pages = gupmodel_harness_alloc(3 * sizeof(*pages));
	ret = pin_user_pages_fast(BASE, 3, 0, pages);
	if (ret > 0)
		unpin_user_pages(pages, ret);
	if (log->variant)
		kfree(pages);
	else
		gupmodel_harness_free(pages);
}

/* Broken: a partial pin is treated as failure and leaked. */
static void partial_leak(void *ctx)
{
	struct page *pages[3];
	int ret;

	(void)ctx;
	gupmodel_map(BASE, 4, GUPMODEL_READ_WRITE);
	ret = pin_user_pages_fast(BASE, 3, 0, pages);
	if (ret == 3)
		unpin_user_pages(pages, ret);
}

/* Two independent calls of two pages each. */
static void two_calls(void *ctx)
{
	struct page *pages[2];
	int i, ret;

	(void)ctx;
	gupmodel_map(BASE, 4, GUPMODEL_READ_WRITE);
	for (i = 0; i < 2; i++) {
		ret = get_user_pages_fast(BASE + 2 * i * PAGE_SIZE, 2, 0, pages);
		if (ret > 0)
			release_pages(pages, ret);
	}
}

static void runaway(void *ctx)
{
	(void)ctx;
	for (;;)
		put_page(NULL);
}

/* Asks for fewer pages from its sixth run on: the replayed alternative no longer exists. */
static void nondeterministic(void *ctx)
{
	static int calls;
	struct page *pages[4];
	int ret;

	(void)ctx;
	gupmodel_map(BASE, 4, GUPMODEL_READ_WRITE);
	ret = pin_user_pages_fast(BASE, calls++ < 5 ? 4 : 1, 0, pages);
	if (ret > 0)
		unpin_user_pages(pages, ret);
}

static void test_counts(void)
{
	struct gupmodel_explore_result res;
	struct gupmodel_inject_config cfg;
	struct log log = { 0 };

	/* One call with 3 pages takeable: natural, 3 errnos, 2 short counts. */
	gupmodel_explore(NULL, pin_and_release, record, &log, &res);
	CHECK_EQ(res.schedules, 6);
	CHECK_EQ(log.runs, 6);
	CHECK_EQ(res.classes, 0);
	CHECK(!res.truncated && !res.diverged && !res.aborted);
	CHECK(all_distinct(&log));
	CHECK(!strcmp(log.schedules[0], "pin_user_pages_fast(3) -> 3"));
	CHECK(!strcmp(log.schedules[2], "pin_user_pages_fast(3) -> -ENOMEM"));
	CHECK(!strcmp(log.schedules[5], "pin_user_pages_fast(3) -> 2 (short)"));

	/* An allocation first: its failure ends the run, its success leads to the 6 above. */
	memset(&log, 0, sizeof(log));
	log.variant = 1;
	gupmodel_explore(NULL, pin_and_release, record, &log, &res);
	CHECK_EQ(res.schedules, 7);
	CHECK(all_distinct(&log));
	CHECK(!strcmp(log.schedules[6], "kmalloc_array -> NULL"));

	/* Independent points multiply: (natural + 3 errnos + 1 short)^2. */
	memset(&log, 0, sizeof(log));
	gupmodel_explore(NULL, two_calls, record, &log, &res);
	CHECK_EQ(res.schedules, 25);
	CHECK(all_distinct(&log));

	/* Configuration: errors off leaves only the short counts. */
	memset(&log, 0, sizeof(log));
	gupmodel_default_config(&cfg);
	cfg.errors = false;
	gupmodel_explore(&cfg, two_calls, record, &log, &res);
	CHECK_EQ(res.schedules, 4);

	/* Custom errnos. */
	memset(&log, 0, sizeof(log));
	cfg.errors = true;
	cfg.errnos = (const int[]){ -EAGAIN };
	cfg.nr_errnos = 1;
	gupmodel_explore(&cfg, pin_and_release, record, &log, &res);
	CHECK_EQ(res.schedules, 4);
	CHECK(!strcmp(log.schedules[1], "pin_user_pages_fast(3) -> -EAGAIN"));
}

static void test_verdicts(void)
{
	struct gupmodel_explore_result res;
	struct log log = { 0 };

	/* Only the runs where a partial pin happened leak: the two short counts. */
	gupmodel_explore(NULL, partial_leak, record, &log, &res);
	CHECK_EQ(res.classes, GUPMODEL_CLASS_BIT(GUPMODEL_LEAK));
	CHECK_EQ(log.with_class[GUPMODEL_LEAK], 2);
}

static void test_limits(void)
{
	struct gupmodel_explore_result res;
	struct gupmodel_inject_config cfg;
	struct log log = { 0 };

	gupmodel_default_config(&cfg);
	cfg.max_schedules = 10;
	gupmodel_explore(&cfg, two_calls, record, &log, &res);
	CHECK_EQ(res.schedules, 10);
	CHECK(res.truncated);

	/* Only the first decision point is open: the second call is always natural. */
	memset(&log, 0, sizeof(log));
	gupmodel_default_config(&cfg);
	cfg.max_points = 1;
	gupmodel_explore(&cfg, two_calls, record, &log, &res);
	CHECK_EQ(res.schedules, 5);
	CHECK(res.truncated);

	memset(&log, 0, sizeof(log));
	gupmodel_default_config(&cfg);
	cfg.max_ops = 1000;
	gupmodel_explore(&cfg, runaway, record, &log, &res);
	CHECK_EQ(res.schedules, 1);
	CHECK(res.aborted);
	CHECK(res.classes & GUPMODEL_CLASS_BIT(GUPMODEL_OVER_RELEASE));

	memset(&log, 0, sizeof(log));
	gupmodel_explore(NULL, nondeterministic, record, &log, &res);
	CHECK(res.diverged);
}

int main(void)
{
	test_counts();
	test_verdicts();
	test_limits();
	return check_status("test_explore");
}
