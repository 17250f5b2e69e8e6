// A bad config is one error naming the file, line and column, and nothing
// is analysed with a half-read table (the leak below is not reported).
// RUN: not %gup_analyze -analyzer-config linux.gup.PageRefModel:Config=%inputs/config/bad-role.yaml %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD --implicit-check-not=warning:
// BAD: error: pinpair config: {{.*}}bad-role.yaml:6:11: unknown role 'aquire' (expected one of: acquire,
// BAD: 1 error generated.

// RUN: not %gup_analyze -analyzer-config linux.gup.PageRefModel:Config=%t.missing.yaml %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING --implicit-check-not=warning:
// MISSING: error: pinpair config: {{.*}}.missing.yaml: cannot read config: {{.*}}

// Two files: the second one's error is reported even though the first is good.
// RUN: not %gup_analyze -analyzer-config linux.gup.PageRefModel:Config=%inputs/config/wrappers.yaml:%inputs/config/bad-role.yaml %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD --implicit-check-not=warning:

#include "gup.h"

int leak(unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 4, 0, pages);
  if (ret != 4)
    return -EFAULT;
  unpin_user_pages(pages, ret);
  return 0;
}
