// A checker name that does not exist is an error naming it; without the
// plugin the package is unknown; the plugin's option is listed and checked.
// RUN: not %clang_analyze_cc1 -load %plugin -analyzer-checker=linux.gup.Nope %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %clang_analyze_cc1 -analyzer-checker=linux.gup %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOPLUGIN
// RUN: %clang_analyze_cc1 -load %plugin -analyzer-checker-option-help \
// RUN:   | FileCheck %s --check-prefix=HELP
// RUN: not %clang_analyze_cc1 -load %plugin -analyzer-checker=linux.gup \
// RUN:   -analyzer-config linux.gup.PageRefModel:Z3Refutation=maybe %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADVALUE
// UNKNOWN: error: no analyzer checkers or packages are associated with 'linux.gup.Nope'
// NOPLUGIN: error: no analyzer checkers or packages are associated with 'linux.gup'
// HELP: linux.gup.PageRefModel:Z3Refutation
// BADVALUE: error: invalid input for checker option 'linux.gup.PageRefModel:Z3Refutation', that expects a boolean value
int f(void) { return 0; }
