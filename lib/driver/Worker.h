//===- Worker.h - Analysing one TU (in a child process) -------------------===//
#ifndef PINPAIR_DRIVER_WORKER_H
#define PINPAIR_DRIVER_WORKER_H

#include "pinpair/driver/Options.h"

namespace pinpair::driver {

/// Exit codes of `pinpair __analyze-tu`.
enum WorkerExit {
  WorkerOk = 0,          ///< analysed; result file written
  WorkerUsage = 2,       ///< bad internal arguments
  WorkerCompileError = 3, ///< clang errors; result file holds the first one
  WorkerIOError = 4,     ///< could not write the result file
};

/// Runs the analysis of one TU in this process, writing the files \p O
/// names. Honours the test-only PINPAIR_TEST_CRASH_ON / PINPAIR_TEST_HANG_ON
/// environment variables (a substring of the TU path).
int runWorker(const WorkerOptions &O);

} // namespace pinpair::driver

#endif
