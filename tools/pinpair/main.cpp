//===- main.cpp - The pinpair command -------------------------------------===//
//
// Everything lives in lib/driver; see docs/usage.md.
//
//===----------------------------------------------------------------------===//
#include "pinpair/driver/Driver.h"

int main(int argc, const char **argv) {
  return pinpair::driver::main(argc, argv);
}
