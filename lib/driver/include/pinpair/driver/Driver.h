//===- Driver.h - Entry point of the pinpair command ----------------------===//
#ifndef PINPAIR_DRIVER_DRIVER_H
#define PINPAIR_DRIVER_DRIVER_H

namespace pinpair::driver {

/// The whole `pinpair` command; tools/pinpair/main.cpp only calls this.
int main(int argc, const char **argv);

} // namespace pinpair::driver

#endif
