//===- Interrupt.h - Clean up an interrupted run ---------------------------===//
//
// Ctrl-C (SIGINT) or a CI job's timeout (SIGTERM) used to leave the run's
// temporary directory behind (/tmp/pinpair-*, four files per TU), and workers
// still running when only the parent got the signal. While a run is armed,
// the signal kills the running workers, removes the temporary files and
// their directory, and ends the process with status 130.
//
// The handler (llvm::sys::SetInterruptFunction) may run at any point on any
// thread, so it only reads what was completely set up before it was
// published through an atomic pointer, and only calls kill(), unlink(),
// rmdir() and _exit().
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_INTERRUPT_H
#define PINPAIR_DRIVER_INTERRUPT_H

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace pinpair::driver {

/// Arms the clean-up: Files (inside Dir), then Dir itself. Replaces what an
/// earlier arm() registered; the strings are copied.
void armInterruptCleanup(const std::string &Dir,
                         const std::vector<std::string> &Files);
/// The run's files are gone (or kept on purpose): a signal now only ends
/// the process (status 130).
void disarmInterruptCleanup();

/// The scheduler's table of running workers (pid, or 0 for a free slot),
/// killed on interrupt. Null to withdraw it before it is freed.
void setInterruptWorkers(std::atomic<int> *Slots, size_t Count);

} // namespace pinpair::driver

#endif
