// scan-build runs the plugin's checkers on a build and writes its reports.
// REQUIRES: scan-build
// RUN: rm -rf %t && mkdir -p %t
// RUN: %scan_build --use-analyzer=%llvm_bindir/clang -load-plugin %plugin \
// RUN:   -enable-checker linux.gup -o %t/out -plist \
// RUN:   %llvm_bindir/clang --target=x86_64-unknown-linux-gnu -I %inputs \
// RUN:   -c %s -o %t/x.o 2>&1 | FileCheck %s
// RUN: cat %t/out/*/*.plist | FileCheck %s --check-prefix=PLIST

#include "gup.h"

int leak(unsigned long addr, struct page **pages) {
  int ret = pin_user_pages_fast(addr, 16, FOLL_WRITE, pages);
  if (ret != 16)
    return -EFAULT;
  unpin_user_pages(pages, ret);
  return 0;
}

// CHECK: warning: Pages pinned by 'pin_user_pages_fast' (line 13) are never unpinned
// CHECK: scan-build: Analysis results (plist files) deposited in
// PLIST: <key>check_name</key><string>linux.gup.Leak</string>
