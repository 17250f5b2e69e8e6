// The plugin loads through the clang driver with -fplugin=, and enabling the
// package enables every checker.
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=linux.gup \
// RUN:   -I %inputs %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang --analyze -Xclang -load -Xclang %plugin \
// RUN:   -Xclang -analyzer-checker=linux.gup.Leak -I %inputs %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LEAK-ONLY
// RUN: %clang_analyze_cc1 -load %plugin -analyzer-checker=linux.gup \
// RUN:   -analyzer-list-enabled-checkers %s | FileCheck %s --check-prefix=ENABLED
// RUN: %clang_analyze_cc1 -load %plugin -analyzer-checker-help \
// RUN:   | FileCheck %s --check-prefix=HELP

#include "gup.h"

int leak(unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages);
  if (ret != 16)
    return -EFAULT;
  unpin_user_pages(pages, ret);
  return 0;
}

int over(unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages);
  if (ret < 0)
    return ret;
  unpin_user_pages(pages, 16);
  return 0;
}

// CHECK-DAG: warning: Pages pinned by 'pin_user_pages_fast' (line 16) are never unpinned [linux.gup.Leak]
// CHECK-DAG: warning: 'unpin_user_pages' releases '16' pages, more than 'pin_user_pages_fast' (line 24) pinned [linux.gup.OverRelease]
// LEAK-ONLY: [linux.gup.Leak]
// LEAK-ONLY-NOT: [linux.gup.OverRelease]
// ENABLED-DAG: linux.gup.PageRefModel
// ENABLED-DAG: linux.gup.Leak
// ENABLED-DAG: linux.gup.DoubleRelease
// ENABLED-DAG: linux.gup.OverRelease
// ENABLED-DAG: linux.gup.MismatchedRelease
// HELP: linux.gup.DoubleRelease
// HELP: linux.gup.Leak
// HELP: linux.gup.MismatchedRelease
// HELP: linux.gup.OverRelease
// HELP-NOT: linux.gup.PageRefModel
