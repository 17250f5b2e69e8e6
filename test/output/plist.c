// plist output (what scan-build and CodeChecker read) carries the check name.
// RUN: %gup_analyze -analyzer-output=plist -o %t.plist %s
// RUN: FileCheck %s < %t.plist

#include "gup.h"

int mismatch(unsigned long addr) {
  struct page *page;
  if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
    return -EFAULT;
  put_page(page);
  return 0;
}

// CHECK: <key>description</key><string>Pages pinned by &apos;pin_user_pages_fast&apos; (line 9) (FOLL_PIN) are released with &apos;put_page&apos;
// CHECK: <key>category</key><string>Linux page reference error</string>
// CHECK: <key>type</key><string>Wrong release for the reference kind</string>
// CHECK: <key>check_name</key><string>linux.gup.MismatchedRelease</string>
// CHECK: <key>issue_hash_content_of_line_in_context</key>
