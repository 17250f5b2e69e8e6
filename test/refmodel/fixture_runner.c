// SPDX-License-Identifier: GPL-2.0
/*
 * Dynamic verdict of one fixture: links with a fixture's fixture_main() (see
 * <gupmodel/fixture.h>), runs it under every fault-injection schedule for a set of user
 * buffers, and prints the union of the bug classes the model observed.
 *
 *   refmodel-fixture-NAME [--expect FIXTURE.c] [-v] [--all]
 *
 * Output (the agreement script reads the "verdict:" line):
 *   fixture: NAME
 *   schedules: N over B buffers
 *   verdict: Leak DoubleRelease          (or "none")
 *   expected: ...                        (with --expect)
 * -v shows a witness for every class observed, --all the report of every schedule.
 *
 * Exit status: 0; 1 when the verdict differs from the fixture's `pinpair-expect:` lines
 * (--expect; the schedules witnessing each unexpected class are shown); 2 for bad usage or
 * bad expectation lines; 3 when the exploration was unsound (a run did not terminate, or
 * replays were not deterministic). This is the one parser of `pinpair-expect:` lines;
 * agreement.py reads the "expected:" line printed here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gupmodel/model.h>
#include <gupmodel/fixture.h>

/* User memory: MAPPED_PAGES read-write pages at BASE, nothing around them. */
#define BASE 0x10000000UL
#define MAPPED_PAGES 8

/*
 * The buffers each schedule tree is explored for: empty, page-aligned ones of 1..5 pages, and
 * unaligned ones (start inside a page, end inside a page), where byte counts and page counts
 * differ. Five pages are enough for three batches of two.
 */
static const struct shape {
	unsigned long offset;
	size_t len;
} shapes[] = {
	{ 0, 0 },
	{ 0, 1 * PAGE_SIZE },
	{ 0, 2 * PAGE_SIZE },
	{ 0, 3 * PAGE_SIZE },
	{ 0, 5 * PAGE_SIZE },
	{ 0x100, PAGE_SIZE - 0x100 },
	{ 0x100, 2 * PAGE_SIZE - 0x180 },
	{ 0x100, 3 * PAGE_SIZE - 0x100 },
	{ 0x100, 5 * PAGE_SIZE - 0x180 },
};

struct witness {
	bool seen;
	const struct shape *shape;
	char schedule[512];
	char violations[1024];
};

struct runner {
	const struct shape *shape;
	bool print_all;
	struct witness witness[GUPMODEL_NR_CLASSES];
};

static void run_fixture(void *ctx)
{
	const struct shape *shape = ((struct runner *)ctx)->shape;
	unsigned long nr = shape->len ? DIV_ROUND_UP(shape->offset + shape->len, PAGE_SIZE) : 0;
	struct page **caller_pages;
	struct fixture_buffer buf;
	int ret;

	if (gupmodel_map(BASE, MAPPED_PAGES, GUPMODEL_READ_WRITE)) {
		fprintf(stderr, "cannot map the user buffer\n");
		exit(2);
	}
	caller_pages = gupmodel_harness_alloc(nr * sizeof(struct page *));
	buf = (struct fixture_buffer){
		.uaddr = BASE + shape->offset,
		.len = shape->len,
		.nr_pages = nr,
		.pages = caller_pages,
	};

	ret = fixture_main(&buf);

	/* The caller's side of the convention: take over what a successful call handed out. */
	if (ret >= 0) {
		if (buf.nr_held)
			gupmodel_hand_back(buf.pages, buf.nr_held, buf.pinned);
		if (buf.pages != caller_pages && gupmodel_heap_live(buf.pages))
			gupmodel_harness_free(buf.pages);
	}
	gupmodel_harness_free(caller_pages);
}

/* --all: one line per schedule, then what the model recorded in it. */
static void print_run(const struct shape *shape, const struct gupmodel_run *run)
{
	char schedule[512], classes[128];

	gupmodel_format_schedule(run->choices, run->nr_choices, schedule, sizeof(schedule));
	gupmodel_format_classes(run->classes, classes, sizeof(classes));
	printf("offset %#lx len %zu: %s => %s\n", shape->offset, shape->len, schedule, classes);
	gupmodel_print_violations(stdout, "    ");
}

static void record_witness(void *ctx, const struct gupmodel_run *run)
{
	struct runner *r = ctx;
	int cls;

	if (r->print_all)
		print_run(r->shape, run);

	for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++) {
		struct witness *w = &r->witness[cls];
		size_t used = 0;
		unsigned int i;

		if (!(run->classes & GUPMODEL_CLASS_BIT(cls)) || w->seen)
			continue;
		w->seen = true;
		w->shape = r->shape;
		gupmodel_format_schedule(run->choices, run->nr_choices, w->schedule,
					 sizeof(w->schedule));
		w->violations[0] = '\0';
		for (i = 0; i < run->nr_violations && used < sizeof(w->violations); i++) {
			const struct gupmodel_violation *v = &run->violations[i];

			used += snprintf(w->violations + used, sizeof(w->violations) - used,
					 "      %s: %s: %s\n", gupmodel_class_name(v->cls), v->api,
					 v->text);
		}
	}
}

static void print_witness(const char *what, const struct witness *w, int cls)
{
	printf("%s%s, first seen with buffer offset %#lx len %zu\n    schedule: %s\n%s", what,
	       gupmodel_class_name(cls), w->shape->offset, w->shape->len, w->schedule,
	       w->violations);
}

/* Reads the `pinpair-expect:` lines of a fixture; returns a class mask or -1 on error. */
static long read_expectation(const char *path)
{
	static const char key[] = "pinpair-expect:";
	char line[512];
	long mask = 0;
	int lines = 0, none = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *tok, *at = strstr(line, key);

		if (!at)
			continue;
		lines++;
		for (tok = strtok(at + sizeof(key) - 1, " \t\r\n,*/"); tok;
		     tok = strtok(NULL, " \t\r\n,*/")) {
			int cls = gupmodel_parse_class(tok);

			if (!strcmp(tok, "none")) {
				none++;
			} else if (cls >= 0 && cls < GUPMODEL_MEMORY) {
				mask |= GUPMODEL_CLASS_BIT(cls);
			} else {
				fprintf(stderr, "%s: unknown checker '%s'\n", path, tok);
				mask = -1;
			}
		}
	}
	fclose(f);
	if (mask >= 0 && (!lines || (none && (mask || none > 1)))) {
		fprintf(stderr, "%s: needs `pinpair-expect:` lines, or exactly one 'none'\n",
			path);
		mask = -1;
	}
	return mask;
}

/* NAME of the executable refmodel-fixture-NAME. */
static const char *fixture_name(const char *argv0)
{
	static const char prefix[] = "refmodel-fixture-";
	const char *base = strrchr(argv0, '/');

	base = base ? base + 1 : argv0;
	return strncmp(base, prefix, sizeof(prefix) - 1) ? base : base + sizeof(prefix) - 1;
}

int main(int argc, char **argv)
{
	struct runner r = { 0 };
	struct gupmodel_explore_result res;
	const char *expect_path = NULL;
	unsigned long schedules = 0;
	unsigned int verdict = 0, cls, s;
	bool verbose = false, unsound = false;
	long expected = -1;
	char text[128];
	int i, status = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v")) {
			verbose = true;
		} else if (!strcmp(argv[i], "--all")) {
			r.print_all = true;
		} else if (!strcmp(argv[i], "--expect") && i + 1 < argc) {
			expect_path = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--expect FIXTURE.c] [-v] [--all]\n", argv[0]);
			return 2;
		}
	}
	if (expect_path) {
		expected = read_expectation(expect_path);
		if (expected < 0)
			return 2;
	}

	for (s = 0; s < ARRAY_SIZE(shapes); s++) {
		r.shape = &shapes[s];
		gupmodel_explore(NULL, run_fixture, record_witness, &r, &res);
		schedules += res.schedules;
		verdict |= res.classes;
		if (res.truncated)
			printf("warning: exploration truncated for buffer offset %#lx len %zu\n",
			       shapes[s].offset, shapes[s].len);
		if (res.diverged || res.aborted) {
			printf("error: %s for buffer offset %#lx len %zu\n",
			       res.aborted ? "a run did not terminate"
					   : "replays were not deterministic",
			       shapes[s].offset, shapes[s].len);
			unsound = true;
		}
	}

	printf("fixture: %s\n", fixture_name(argv[0]));
	printf("schedules: %lu over %zu buffers\n", schedules, ARRAY_SIZE(shapes));
	gupmodel_format_classes(verdict, text, sizeof(text));
	printf("verdict: %s\n", text);
	if (expect_path) {
		gupmodel_format_classes((unsigned int)expected, text, sizeof(text));
		printf("expected: %s\n", text);
		for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++) {
			unsigned int bit = GUPMODEL_CLASS_BIT(cls);

			if ((verdict & bit) && !(expected & bit)) {
				print_witness("unexpected: ", &r.witness[cls], cls);
				status = 1;
			} else if (!(verdict & bit) && (expected & bit)) {
				printf("missing: %s was never observed\n", gupmodel_class_name(cls));
				status = 1;
			}
		}
	}
	if (verbose)
		for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++)
			if (verdict & GUPMODEL_CLASS_BIT(cls))
				print_witness("  ", &r.witness[cls], cls);
	return unsound ? 3 : status;
}
