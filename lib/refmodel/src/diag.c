// SPDX-License-Identifier: GPL-2.0
/*
 * The violation list of the current run, class names, WARN and printk.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Enough for any fixture; beyond it only the verdict mask and the total keep counting. */
#define MAX_VIOLATIONS 256

static struct gupmodel_violation violations[MAX_VIOLATIONS];
static unsigned int nr_violations;
static unsigned int verdict;
static bool echo_printk;

static const char *const class_names[] = {
	[GUPMODEL_LEAK] = "Leak",
	[GUPMODEL_DOUBLE_RELEASE] = "DoubleRelease",
	[GUPMODEL_OVER_RELEASE] = "OverRelease",
	[GUPMODEL_MISMATCHED_RELEASE] = "MismatchedRelease",
	[GUPMODEL_NEGATIVE_COUNT] = "NegativeCount",
	[GUPMODEL_USE_AFTER_RELEASE] = "UseAfterRelease",
	[GUPMODEL_MEMORY] = "Memory",
	[GUPMODEL_NOTE] = "note",
};

const char *gupmodel_class_name(enum gupmodel_class cls)
{
	return (unsigned int)cls <= GUPMODEL_NOTE ? class_names[cls] : "?";
}

int gupmodel_parse_class(const char *name)
{
	int cls;

	for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++)
		if (!strcmp(name, class_names[cls]))
			return cls;
	return -1;
}

void gupmodel_format_classes(unsigned int mask, char *buf, size_t len)
{
	size_t used = 0;
	int cls;

	if (!len)
		return;
	buf[0] = '\0';
	for (cls = 0; cls < GUPMODEL_NR_CLASSES; cls++) {
		if (!(mask & GUPMODEL_CLASS_BIT(cls)))
			continue;
		used += snprintf(buf + used, used < len ? len - used : 0, "%s%s",
				 used ? " " : "", class_names[cls]);
	}
	if (!used)
		snprintf(buf, len, "none");
}

void model_report(enum gupmodel_class cls, const char *api, const char *fmt, ...)
{
	va_list ap;

	if (cls != GUPMODEL_NOTE)
		verdict |= GUPMODEL_CLASS_BIT(cls);
	if (nr_violations == MAX_VIOLATIONS)
		return;
	violations[nr_violations].cls = cls;
	violations[nr_violations].api = api;
	va_start(ap, fmt);
	vsnprintf(violations[nr_violations].text, sizeof(violations[nr_violations].text), fmt, ap);
	va_end(ap);
	nr_violations++;
}

unsigned int gupmodel_nr_violations(void)
{
	return nr_violations;
}

const struct gupmodel_violation *gupmodel_violations(void)
{
	return violations;
}

unsigned int gupmodel_verdict(void)
{
	return verdict;
}

void gupmodel_print_violations(FILE *out, const char *indent)
{
	unsigned int i;

	for (i = 0; i < nr_violations; i++)
		fprintf(out, "%s%s: %s: %s\n", indent, gupmodel_class_name(violations[i].cls),
			violations[i].api, violations[i].text);
}

void model_diag_reset(void)
{
	nr_violations = 0;
	verdict = 0;
}

void gupmodel_warn(const char *file, int line, const char *condition)
{
	model_report(GUPMODEL_NOTE, "WARN_ON", "%s:%d: %s", file, line, condition);
}

void gupmodel_set_printk(bool echo)
{
	echo_printk = echo;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (echo_printk) {
		va_start(ap, fmt);
		n = vfprintf(stderr, fmt, ap);
		va_end(ap);
	}
	return n;
}
