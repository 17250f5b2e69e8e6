// A leak found where a void function ends without a return statement: the
// end point has no statement, so no note can be placed there (clang crashed
// on it: drivers/vhost/vhost.c with linux.gup alone).
// RUN: %clang_analyze_cc1 -load %plugin -I %inputs -analyzer-checker=linux.gup -analyzer-output=text -verify %s

#include "gup.h"

void no_return_statement(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages); // expected-note {{'pin_user_pages_fast' pinned all 4 pages}}
  if (n > 0) // expected-note {{'n' is > 0}} expected-note {{Taking true branch}}
    set_page_dirty_lock(pages[0]);
}
// clang places a report at the end of such a function on its closing brace
// up to LLVM 21, on its last statement from LLVM 22 on.
#if __clang_major__ >= 22
// expected-warning@12 {{Pages pinned by 'pin_user_pages_fast' (line 10) are never unpinned}} expected-note@12 {{Pages pinned by 'pin_user_pages_fast' (line 10) are never unpinned}}
#else
// expected-warning@13 {{Pages pinned by 'pin_user_pages_fast' (line 10) are never unpinned}} expected-note@13 {{Pages pinned by 'pin_user_pages_fast' (line 10) are never unpinned}}
#endif
