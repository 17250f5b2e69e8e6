/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gupmodel/model.h - harness side of the page-reference model.
 *
 * Kernel-style code calls the functions of kernel.h; a test harness uses this header to set up
 * an address space, run that code (directly or under the fault injector), and read what the
 * model saw: page states, kernel-like counters and the violation list.
 *
 * What the model keeps per page:
 *   - refcount: the kernel's arithmetic (1 for the user mapping, +1 per FOLL_GET reference,
 *     +GUP_PIN_COUNTING_BIAS per FOLL_PIN reference, -1 per put_page(), -BIAS per unpin);
 *   - gets, pins: the exact references the code under test holds, which decide the verdicts.
 *
 * Every detected violation is recorded, never fatal, and the code under test goes on the way
 * the kernel would (a WARNing unpin_user_pages() returns, a bad pointer is skipped).
 *
 * Single-threaded: the model is process-global state.
 */
#ifndef GUPMODEL_MODEL_H
#define GUPMODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct page;

/* ---- Bug classes ---------------------------------------------------------------------------- */

/*
 * The first six are the linux.gup.* checkers and use their names (gupmodel_class_name()).
 * GUPMODEL_MEMORY is heap misuse (a page array never freed, a bad or double kfree), which no
 * linux.gup checker reports but which a correct fixture must not show either. Notes (WARNs,
 * lock discipline, an array freed while its pages are still referenced) explain a run and never
 * count in a verdict.
 */
enum gupmodel_class {
	GUPMODEL_LEAK,
	GUPMODEL_DOUBLE_RELEASE,
	GUPMODEL_OVER_RELEASE,
	GUPMODEL_MISMATCHED_RELEASE,
	GUPMODEL_NEGATIVE_COUNT,
	GUPMODEL_USE_AFTER_RELEASE,
	GUPMODEL_MEMORY,
	GUPMODEL_NR_CLASSES,
	GUPMODEL_NOTE = GUPMODEL_NR_CLASSES,
};

#define GUPMODEL_CLASS_BIT(cls) (1u << (cls))

/* "Leak", "DoubleRelease", ..., "Memory", "note". */
const char *gupmodel_class_name(enum gupmodel_class cls);
/* Inverse of gupmodel_class_name() for the verdict classes; -1 if unknown. */
int gupmodel_parse_class(const char *name);
/* "Leak DoubleRelease" in enum order, or "none" for an empty mask. */
void gupmodel_format_classes(unsigned int mask, char *buf, size_t len);

struct gupmodel_violation {
	enum gupmodel_class cls;
	const char *api;	/* detecting function, or "end of run" / "caller" (handed-over pages) */
	char text[160];
};

/* ---- One run ---------------------------------------------------------------------------------- */

/* Forget every page, mapping, heap block, counter, violation and choice of the previous run. */
void gupmodel_reset(void);

enum gupmodel_prot {
	GUPMODEL_READ = 1,
	GUPMODEL_READ_WRITE = 3,
};

/* Map nr_pages pages at the page-aligned user address start. Everything unmapped faults. */
int gupmodel_map(unsigned long start, unsigned long nr_pages, enum gupmodel_prot prot);

/* The page mapped at uaddr, or NULL. */
struct page *gupmodel_page_at(unsigned long uaddr);

struct gupmodel_page_info {
	unsigned long uaddr;
	long refcount;
	unsigned int gets;
	unsigned int pins;
	bool dirty;
};

/* False if page is not one of the model's pages (NULL, stale, garbage). */
bool gupmodel_page_info(const struct page *page, struct gupmodel_page_info *info);

/* Sum of exact FOLL_GET and FOLL_PIN references held on all pages. */
unsigned long gupmodel_refs_held(void);

/* /proc/vmstat-like totals of this run (the get_* pair has no kernel equivalent). */
struct gupmodel_counters {
	unsigned long nr_foll_pin_acquired;
	unsigned long nr_foll_pin_released;
	unsigned long nr_foll_get_acquired;
	unsigned long nr_foll_get_released;
	unsigned long acquire_calls;
	unsigned long allocations;
};

void gupmodel_read_counters(struct gupmodel_counters *out);

/*
 * End-of-run accounting: every reference still held is a Leak, every live heap block of the
 * code under test a Memory violation. The injector calls this after each schedule.
 */
void gupmodel_end_run(void);

unsigned int gupmodel_nr_violations(void);	/* recorded ones, notes included */
const struct gupmodel_violation *gupmodel_violations(void);
unsigned int gupmodel_verdict(void);		/* GUPMODEL_CLASS_BIT mask, notes excluded */
void gupmodel_print_violations(FILE *out, const char *indent);

/* Echo printk() to stderr (default: discarded). */
void gupmodel_set_printk(bool echo);

/* ---- Handing references over to the harness -------------------------------------------------- */

/*
 * Release, as the caller of the code under test, nr references of one kind that the code
 * declared as handed over in pages[]. Misdeclared pages show up as violations like any release.
 */
void gupmodel_hand_back(struct page **pages, unsigned long nr, bool pinned);

/* Harness memory: tracked (so kfree() of it by the code under test is caught) but never
 * failed by the injector and never reported as leaked. Filled like kmalloc() memory. */
void *gupmodel_harness_alloc(size_t size);
/* Free harness memory, or a block the code under test handed over; NULL is ignored. */
void gupmodel_harness_free(void *ptr);
/* True if ptr is the start of a live heap block (harness or code under test). */
bool gupmodel_heap_live(const void *ptr);

/* ---- Fault injection --------------------------------------------------------------------------- */

/*
 * Every acquire call (with nr_pages > 0) and every allocation not marked __GFP_NOFAIL is a
 * decision point with numbered alternatives:
 *   acquire:    0 = what the address space gives (all pages up to the first fault, or -EFAULT),
 *               then each errno of the configuration (the natural one excluded), then each
 *               short count 1..natural-1 (*_fast_only: 0 instead of the errnos);
 *   allocation: 0 = succeed, 1 = fail.
 */
struct gupmodel_inject_config {
	bool errors;		/* acquire calls fail with each errno */
	bool shorts;		/* acquire calls stop short at each position */
	bool allocs;		/* allocations fail */
	const int *errnos;	/* negative values; NULL: -EFAULT, -ENOMEM, -EINTR */
	unsigned int nr_errnos;
	unsigned int max_points;	/* decision points per run open to injection (<= 64) */
	unsigned long max_schedules;	/* stop exploring after this many runs */
	unsigned long max_ops;		/* runaway guard: model calls per run before it is aborted */
};

/* Everything on, limits generous enough for the fixtures. */
void gupmodel_default_config(struct gupmodel_inject_config *cfg);

struct gupmodel_choice {
	const char *api;	/* "pin_user_pages_fast", "kvmalloc_array", ... */
	bool is_alloc;
	long requested;		/* pages asked for; bytes for allocations */
	long value;		/* outcome: pages taken or -errno; 0 or -ENOMEM for allocations */
	unsigned int alt;
	unsigned int nr_alts;
};

/* Decision points of the current run so far. */
const struct gupmodel_choice *gupmodel_choices(unsigned int *nr);

/*
 * Outside the explorer: take alternatives alts[0..n-1] at the next decision points (default
 * configuration), then the natural outcome. Cleared by gupmodel_reset().
 */
void gupmodel_script(const unsigned int *alts, unsigned int n);

struct gupmodel_run {
	unsigned long index;			/* 0-based schedule number */
	const struct gupmodel_choice *choices;
	unsigned int nr_choices;
	const struct gupmodel_violation *violations;
	unsigned int nr_violations;
	unsigned int classes;			/* verdict of this run */
	bool aborted;				/* the runaway guard stopped it */
};

struct gupmodel_explore_result {
	unsigned long schedules;
	unsigned int classes;	/* union of the runs' verdicts */
	bool truncated;		/* max_points or max_schedules cut the exploration */
	bool diverged;		/* a replay did not see the same decision points (nondeterminism) */
	bool aborted;		/* some run hit the runaway guard */
};

typedef void gupmodel_body_fn(void *ctx);
typedef void gupmodel_report_fn(void *ctx, const struct gupmodel_run *run);

/*
 * Run body once per schedule, depth-first over all decision points: reset the model, run
 * body (which maps memory, calls the code under test and hands back what it declared), do
 * the end-of-run accounting, then call report (may be NULL). cfg NULL means the default.
 */
void gupmodel_explore(const struct gupmodel_inject_config *cfg, gupmodel_body_fn *body,
		      gupmodel_report_fn *report, void *ctx, struct gupmodel_explore_result *res);

/* "pin_user_pages_fast(5) -> 2; kvmalloc_array -> NULL" style, "natural" if no choices. */
void gupmodel_format_schedule(const struct gupmodel_choice *choices, unsigned int nr, char *buf,
			      size_t len);

#endif /* GUPMODEL_MODEL_H */
