//===- Interrupt.cpp - Clean up an interrupted run -------------------------===//
#include "Interrupt.h"

#include "llvm/Support/Signals.h"

#include <csignal>
#include <memory>
#include <mutex>
#include <unistd.h>

namespace pinpair::driver {
namespace {

struct Armed {
  std::string Dir;
  std::vector<std::string> Files;
};

/// Once set, the interrupt function stays: with nothing armed it only ends
/// the process (status 130), as the signal would have.
/// What the handler reads. Published states are never freed while they can
/// be read: a replaced one is kept until the next replacement (runs are
/// sequential, and the handler runs at most once).
std::atomic<const Armed *> Current{nullptr};
std::unique_ptr<Armed> Owned, Previous;
std::mutex Lock; // arm/disarm only, never the handler

std::atomic<std::atomic<int> *> WorkerSlots{nullptr};
std::atomic<size_t> WorkerCount{0};

void onInterrupt() {
  if (std::atomic<int> *Slots = WorkerSlots.load()) {
    size_t N = WorkerCount.load();
    for (size_t I = 0; I < N; ++I)
      if (int Pid = Slots[I].load(); Pid > 0)
        ::kill(Pid, SIGKILL);
  }
  if (const Armed *A = Current.load()) {
    for (const std::string &F : A->Files)
      ::unlink(F.c_str());
    ::rmdir(A->Dir.c_str());
  }
  ::_exit(130);
}

} // namespace

void armInterruptCleanup(const std::string &Dir,
                         const std::vector<std::string> &Files) {
  std::lock_guard<std::mutex> G(Lock);
  auto A = std::make_unique<Armed>(Armed{Dir, Files});
  Current.store(A.get());
  Previous = std::move(Owned);
  Owned = std::move(A);
  llvm::sys::SetInterruptFunction(onInterrupt);
}

void disarmInterruptCleanup() {
  std::lock_guard<std::mutex> G(Lock);
  Current.store(nullptr);
}

void setInterruptWorkers(std::atomic<int> *Slots, size_t Count) {
  // Count before the table when publishing, after it when withdrawing: the
  // handler never walks past a table's end.
  if (Slots) {
    WorkerCount.store(Count);
    WorkerSlots.store(Slots);
    llvm::sys::SetInterruptFunction(onInterrupt);
  } else {
    WorkerCount.store(0);
    WorkerSlots.store(nullptr);
  }
}

} // namespace pinpair::driver
