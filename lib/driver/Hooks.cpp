//===- Hooks.cpp - Extension points of the pinpair command ----------------===//
#include "pinpair/driver/Hooks.h"

namespace pinpair::driver {

DriverHooks &hooks() {
  static DriverHooks H;
  return H;
}

} // namespace pinpair::driver
