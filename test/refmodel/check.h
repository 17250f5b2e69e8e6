/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal assertions for the model's C unit tests: a failed check is printed and counted,
 * the test goes on, and main() returns check_status().
 */
#ifndef REFMODEL_CHECK_H
#define REFMODEL_CHECK_H

#include <stdio.h>

static int check_failures;

static inline void check_fail(const char *file, int line, const char *what, long a, long b)
{
	fprintf(stderr, "%s:%d: check failed: %s (%ld vs %ld)\n", file, line, what, a, b);
	check_failures++;
}

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond))                                                           \
			check_fail(__FILE__, __LINE__, #cond, 1, 0);                   \
	} while (0)

#define CHECK_EQ(a, b)                                                                 \
	do {                                                                           \
		long check_a_ = (long)(a), check_b_ = (long)(b);                       \
		if (check_a_ != check_b_)                                              \
			check_fail(__FILE__, __LINE__, #a " == " #b, check_a_, check_b_); \
	} while (0)

static inline int check_status(const char *name)
{
	if (check_failures)
		fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
	return check_failures ? 1 : 0;
}

#endif /* REFMODEL_CHECK_H */
