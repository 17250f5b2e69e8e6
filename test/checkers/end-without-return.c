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
} // expected-warning {{Pages pinned by 'pin_user_pages_fast' (line 10) are never unpinned}} expected-note {{Pages pinned by 'pin_user_pages_fast' (line 10) are never unpinned}}
