//===- Scheduler.h - Running workers as child processes -------------------===//
//
// Each TU is analysed by a re-exec of the pinpair binary
// (`pinpair __analyze-tu ...`) started with llvm::sys::ExecuteNoWait (memory
// limit as RLIMIT_DATA) and polled with llvm::sys::Wait; a worker over its
// time limit is killed. A crash, timeout or OOM is that TU's outcome only.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_SCHEDULER_H
#define PINPAIR_DRIVER_SCHEDULER_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pinpair::driver {

struct ProcessJob {
  std::vector<std::string> Args; ///< after the program name
  std::string LogFile;           ///< stdout and stderr of the child
};

struct ProcessOutcome {
  enum Kind { Exited, Signaled, TimedOut, StartFailed } K = Exited;
  int ExitCode = 0;
  int Signal = 0;      ///< for Signaled, 0 if unknown
  std::string Message; ///< strsignal text or start error
  double Seconds = 0;  ///< wall time
  uint64_t PeakMemoryKB = 0;
};

/// The environment the workers run with: \p Environ (a NULL-terminated
/// `environ`) plus glibc's malloc told to back its heap with transparent
/// huge pages (GLIBC_TUNABLES gains glibc.malloc.hugetlb=1), unless the
/// variable already sets that tunable (=0 turns it off). The analysis
/// allocates a fast-growing heap of small objects (exploded nodes, states):
/// with 4 KiB pages, faulting it in and missing the TLB cost 10-15% of a
/// worker's time on kernel TUs (scripts/bench/hugepages.sh). The findings
/// cannot change; where the kernel has THP off or glibc is older than 2.35,
/// nothing changes at all.
std::vector<std::string> workerEnvironment(const char *const *Environ);

/// Runs \p Jobs, at most \p Parallel at a time, calling \p Done as each one
/// finishes (from this thread) and \p Tick regularly.
void runProcesses(llvm::StringRef Program, const std::vector<ProcessJob> &Jobs,
                  unsigned Parallel, unsigned TimeoutSeconds,
                  unsigned MemoryLimitMB,
                  llvm::function_ref<void(size_t, const ProcessOutcome &)> Done,
                  llvm::function_ref<void()> Tick);

} // namespace pinpair::driver

#endif
