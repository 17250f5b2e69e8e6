// SPDX-License-Identifier: GPL-2.0
/*
 * Decision points and the schedule explorer.
 *
 * A run of the code under test is deterministic except at decision points (acquire calls and
 * allocations). The explorer does a depth-first walk over the tree of decisions, stateless
 * model-checking style: each run replays a prefix of choices, takes alternative 0 (natural)
 * at every new point, and records the points it met; the next prefix is the recorded
 * sequence with its last not-yet-exhausted point advanced by one. The walk ends when every
 * point of every run is exhausted, so all combinations of the recorded alternatives are run
 * exactly once.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define MAX_POINTS 64
#define MAX_ERRNOS 8
/* Short counts: every position up to this natural count, else first, middle and last. */
#define ALL_SHORTS_UP_TO 8
#define MAX_ALTS (1 + MAX_ERRNOS + 1 + ALL_SHORTS_UP_TO)

static const int default_errnos[] = { -EFAULT, -ENOMEM, -EINTR };

static struct {
	struct gupmodel_inject_config cfg;
	bool enabled;			/* decision points are open (explorer or script) */
	struct gupmodel_choice points[MAX_POINTS];
	unsigned int nr_points;
	unsigned int prefix[MAX_POINTS];
	unsigned int nr_prefix;
	unsigned long ops;
	bool truncated;
	bool diverged;
	jmp_buf *abort_to;		/* set while the explorer runs a body */
} inj;

void gupmodel_default_config(struct gupmodel_inject_config *cfg)
{
	*cfg = (struct gupmodel_inject_config){
		.errors = true,
		.shorts = true,
		.allocs = true,
		.errnos = default_errnos,
		.nr_errnos = ARRAY_SIZE(default_errnos),
		.max_points = 24,
		.max_schedules = 1000000,
		.max_ops = 100000,
	};
}

static void normalize_config(struct gupmodel_inject_config *cfg)
{
	if (!cfg->errnos) {
		cfg->errnos = default_errnos;
		cfg->nr_errnos = ARRAY_SIZE(default_errnos);
	}
	cfg->nr_errnos = min_t(unsigned int, cfg->nr_errnos, MAX_ERRNOS);
	cfg->max_points = min_t(unsigned int, cfg->max_points, MAX_POINTS);
}

unsigned int model_choose(const char *api, bool is_alloc, long requested, const long *values,
			  unsigned int nr_values)
{
	unsigned int alt = 0;

	if (!inj.enabled || nr_values <= 1)
		return 0;
	if (inj.nr_points >= inj.cfg.max_points) {
		inj.truncated = true;
		return 0;
	}
	if (inj.nr_points < inj.nr_prefix) {
		alt = inj.prefix[inj.nr_points];
		if (alt >= nr_values) {
			inj.diverged = true;
			alt = nr_values - 1;
		}
	}
	inj.points[inj.nr_points++] = (struct gupmodel_choice){
		.api = api,
		.is_alloc = is_alloc,
		.requested = requested,
		.value = values[alt],
		.alt = alt,
		.nr_alts = nr_values,
	};
	return alt;
}

long model_acquire_outcome(const char *api, unsigned long requested, unsigned long natural,
			   long natural_err, bool never_negative, bool zero_ok)
{
	long values[MAX_ALTS];
	unsigned int n = 0, k;

	values[n++] = natural ? (long)natural : never_negative ? 0 : natural_err;
	if (inj.cfg.errors) {
		if (never_negative) {
			if (natural)
				values[n++] = 0;
		} else {
			for (k = 0; k < inj.cfg.nr_errnos; k++)
				if (natural || inj.cfg.errnos[k] != natural_err)
					values[n++] = inj.cfg.errnos[k];
		}
	}
	if (inj.cfg.shorts && zero_ok && !never_negative)
		values[n++] = 0;
	if (inj.cfg.shorts && natural > 1) {
		if (natural <= ALL_SHORTS_UP_TO) {
			for (k = 1; k < natural; k++)
				values[n++] = k;
		} else {
			values[n++] = 1;
			values[n++] = (long)natural / 2;
			values[n++] = (long)natural - 1;
		}
	}
	return values[model_choose(api, false, (long)requested, values, n)];
}

bool model_alloc_fails(const char *api, size_t size)
{
	static const long values[] = { 0, -ENOMEM };

	return model_choose(api, true, (long)size, values, inj.cfg.allocs ? 2 : 1) == 1;
}

void model_tick(void)
{
	if (++inj.ops > inj.cfg.max_ops && inj.abort_to)
		longjmp(*inj.abort_to, 1);
}

const struct gupmodel_choice *gupmodel_choices(unsigned int *nr)
{
	*nr = inj.nr_points;
	return inj.points;
}

void gupmodel_script(const unsigned int *alts, unsigned int n)
{
	gupmodel_default_config(&inj.cfg);
	inj.enabled = true;
	inj.nr_prefix = min_t(unsigned int, n, MAX_POINTS);
	memcpy(inj.prefix, alts, inj.nr_prefix * sizeof(*alts));
}

void model_inject_reset(void)
{
	inj.enabled = false;
	inj.nr_points = 0;
	inj.nr_prefix = 0;
	inj.ops = 0;
}

static const char *errno_name(long value)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { EINTR, "EINTR" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ EINVAL, "EINVAL" }, { EOPNOTSUPP, "EOPNOTSUPP" }, { EHWPOISON, "EHWPOISON" },
		{ ERESTARTSYS, "ERESTARTSYS" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (-value == names[i].err)
			return names[i].name;
	return NULL;
}

void gupmodel_format_schedule(const struct gupmodel_choice *choices, unsigned int nr, char *buf,
			      size_t len)
{
	size_t used = 0;
	unsigned int i;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < nr; i++) {
		const struct gupmodel_choice *c = &choices[i];
		const char *err = errno_name(c->value);
		char outcome[32];

		if (c->is_alloc)
			snprintf(outcome, sizeof(outcome), "%s", c->value ? "NULL" : "ok");
		else if (c->value < 0 && err)
			snprintf(outcome, sizeof(outcome), "-%s", err);
		else
			snprintf(outcome, sizeof(outcome), "%ld%s", c->value,
				 c->alt && c->value >= 0 ? " (short)" : "");
		if (c->is_alloc)
			used += snprintf(buf + used, used < len ? len - used : 0, "%s%s -> %s",
					 i ? "; " : "", c->api, outcome);
		else
			used += snprintf(buf + used, used < len ? len - used : 0, "%s%s(%ld) -> %s",
					 i ? "; " : "", c->api, c->requested, outcome);
	}
	if (!nr)
		snprintf(buf, len, "natural (no decision points)");
}

void gupmodel_explore(const struct gupmodel_inject_config *cfg, gupmodel_body_fn *body,
		      gupmodel_report_fn *report, void *ctx, struct gupmodel_explore_result *res)
{
	struct gupmodel_inject_config config;
	unsigned int prefix[MAX_POINTS];
	unsigned int nr_prefix = 0, n, i;
	jmp_buf abort_to;

	if (cfg)
		config = *cfg;
	else
		gupmodel_default_config(&config);
	normalize_config(&config);
	*res = (struct gupmodel_explore_result){ 0 };

	for (;;) {
		struct gupmodel_run run = { .index = res->schedules };

		gupmodel_reset();
		inj.cfg = config;
		inj.enabled = true;
		inj.truncated = false;
		inj.diverged = false;
		memcpy(inj.prefix, prefix, nr_prefix * sizeof(*prefix));
		inj.nr_prefix = nr_prefix;
		inj.abort_to = &abort_to;
		if (setjmp(abort_to) == 0) {
			body(ctx);
		} else {
			run.aborted = true;
			model_report(GUPMODEL_NOTE, "explorer",
				     "run aborted after %lu model calls (a runaway loop?)",
				     config.max_ops);
		}
		inj.abort_to = NULL;
		gupmodel_end_run();

		run.choices = inj.points;
		run.nr_choices = inj.nr_points;
		run.violations = gupmodel_violations();
		run.nr_violations = gupmodel_nr_violations();
		run.classes = gupmodel_verdict();
		if (report)
			report(ctx, &run);
		res->schedules++;
		res->classes |= run.classes;
		res->truncated |= inj.truncated;
		res->diverged |= inj.diverged;
		res->aborted |= run.aborted;

		/* Backtrack: advance the deepest point that still has an alternative left. */
		n = inj.nr_points;
		while (n && inj.points[n - 1].alt + 1 >= inj.points[n - 1].nr_alts)
			n--;
		if (!n)
			break;
		if (res->schedules >= config.max_schedules) {
			res->truncated = true;
			break;
		}
		for (i = 0; i < n; i++)
			prefix[i] = inj.points[i].alt;
		prefix[n - 1]++;
		nr_prefix = n;
	}
	inj.enabled = false;
}
