// linux.gup.PageRefModel:Prune ends a path once nothing is tracked and no
// acquire call can be reached from it any more (checker/AcquireReach.h). The
// probe is core.DivideZero: it fires only on paths the engine still explores,
// so "full-warning" marks code that pruning stops analysing.
// RUN: %gup_analyze -analyzer-config linux.gup.PageRefModel:Prune=true -verify=expected,prune %s
// RUN: %gup_analyze -verify=expected,full %s

#include "gup.h"

// Nothing here can reach a get/pin call: the path ends at the first branch.
int no_gup(int x) {
  int z = 0;
  if (x)
    return 1 / z; // full-warning {{Division by zero}}
  return 0;
}

static int pin_and_release(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages);
  if (n > 0)
    unpin_user_pages(pages, n);
  return n;
}

// The pages die with the callee's frame; what follows cannot take any.
int tail_after_gup(unsigned long addr, int x) {
  int z = 0;
  if (pin_and_release(addr) < 0)
    return -EFAULT;
  if (x)
    return 1 / z; // full-warning {{Division by zero}}
  return 0;
}

// Each case below calls its own copy of this leaking callee: clang reports
// one warning per location, so a shared copy could not tell which case kept
// its path alive.
static int leaks_on_partial(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages);
  if (n != 4)
    return -EFAULT; // expected-warning {{are never unpinned}}
  unpin_user_pages(pages, n);
  return 0;
}

// A branch whose continuation still calls a function that pins.
int acquire_after_branch(unsigned long addr, int x) {
  int z = 0;
  if (x)
    return 1 / z; // expected-warning {{Division by zero}}
  return leaks_on_partial(addr);
}

static int leaks_on_partial2(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages);
  if (n != 4)
    return -EFAULT; // expected-warning {{are never unpinned}}
  unpin_user_pages(pages, n);
  return 0;
}

// Only an indirect call follows the branch; the engine knows its target.
int through_pointer(unsigned long addr, int x) {
  int (*fn)(unsigned long) = leaks_on_partial2;
  int z = 0;
  if (x)
    return 1 / z; // expected-warning {{Division by zero}}
  return fn(addr);
}

static int check_arg(int x) {
  if (x > 10)
    return -EINVAL;
  return 0;
}

static int leaks_on_partial3(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages);
  if (n != 4)
    return -EFAULT; // expected-warning {{are never unpinned}}
  unpin_user_pages(pages, n);
  return 0;
}

// The branch in check_arg() has nothing ahead in its own frame, but the
// caller pins after the call returns.
int caller_continues(unsigned long addr, int x) {
  if (check_arg(x))
    return -EINVAL;
  return leaks_on_partial3(addr);
}

static void leaky(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages);
  if (n == 4) // expected-warning {{are never unpinned}}
    unpin_user_pages(pages, 4);
}

// A leak reported in a callee survives whatever the caller does next: clang
// drops a Leak report whose every continuation ends in a sink.
int leak_then_branch(unsigned long addr, int x) {
  int z = 0;
  leaky(addr);
  if (x)
    return 1 / z; // expected-warning {{Division by zero}}
  return 0;
}

static int leaks_on_partial4(unsigned long addr) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, 0, pages);
  if (n != 4)
    return -EFAULT; // expected-warning {{are never unpinned}}
  unpin_user_pages(pages, n);
  return 0;
}

// An ops table code names: the engine reads the callback from its
// initializer and inlines it.
struct pin_ops {
  int (*pin)(unsigned long addr);
};
static const struct pin_ops ops = {.pin = leaks_on_partial4};

int through_ops(unsigned long addr, int x) {
  const struct pin_ops *o = &ops;
  int z = 0;
  if (x)
    return 1 / z; // expected-warning {{Division by zero}}
  return o->pin(addr);
}

// EXPORT_SYMBOL's shape: the address lands in a variable no code names, so
// an indirect call cannot reach the function through it; and an indirect
// call of another type cannot call it either.
int exported_pin(unsigned long addr) {
  return pin_and_release(addr);
}
static void *__attribute__((used)) __addressable_exported_pin = (void *)&exported_pin;

int other_callback(long (*cb)(int), int x) {
  int z = 0;
  if (x)
    return 1 / z; // full-warning {{Division by zero}}
  return cb(x);
}

// The callee is evaluated before the arguments: with a branch in an
// argument the call happens in a later block than its name, and the path
// must not end at that branch.
int ternary_argument(unsigned long addr, int write) {
  struct page *pages[4];
  int n = pin_user_pages_fast(addr, 4, write ? FOLL_WRITE : 0, pages);
  if (n != 4)
    return -EFAULT; // expected-warning {{are never unpinned}}
  unpin_user_pages(pages, n);
  return 0;
}

// An indirect call of the type of a function that pins, but the path holds no
// such function's address (the callback comes from the caller's struct): the
// engine cannot inline the call, so the path ends at the branch.
int unknown_callback(struct pin_ops *o, unsigned long addr, int x) {
  int z = 0;
  if (x)
    return 1 / z; // full-warning {{Division by zero}}
  return o->pin(addr);
}

// Addresses taken in a header function. The path holds the address of a
// function that pins (of another type), and only an indirect call lies
// ahead: it can reach a get/pin call if a function of its type that pins had
// its address taken in code the analysis can evaluate. pins_short's is taken
// only in a header function no main-file code names: the path ends.
#include "prune-taken.h"

short pins_short(short x) { return pin_and_release(x); }
char pins_char(char x) { return pin_and_release(x); }

int held_taken_in_unnamed_header_code(short (*cb)(short), int x) {
  int (*held)(unsigned long) = pin_and_release;
  int z = 0;
  if (x)
    return 1 / z; // full-warning {{Division by zero}}
  return cb(x) + (held != 0);
}

// pins_char's address is taken in a header function that main-file code
// names: the call may reach it, the path goes on.
char (*use_named_taker(void))(char) { return named_taker(); }

int held_taken_in_named_header_code(char (*cb)(char), int x) {
  int (*held)(unsigned long) = pin_and_release;
  int z = 0;
  if (x)
    return 1 / z; // expected-warning {{Division by zero}}
  return cb(x) + (held != 0);
}
