// A checker name that does not exist is an error naming it; without the
// plugin the package is unknown.
// RUN: not %clang_analyze_cc1 -load %plugin -analyzer-checker=linux.gup.Nope %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %clang_analyze_cc1 -analyzer-checker=linux.gup %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOPLUGIN
// UNKNOWN: error: no analyzer checkers or packages are associated with 'linux.gup.Nope'
// NOPLUGIN: error: no analyzer checkers or packages are associated with 'linux.gup'
int f(void) { return 0; }
