//===- Scheduler.cpp - Running workers as child processes -----------------===//
#include "Scheduler.h"
#include "Interrupt.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Program.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <cstring>
#include <optional>
#include <thread>
#include <unistd.h>

using namespace llvm;

namespace pinpair::driver {

/// llvm::sys::Wait reports a signal as strsignal() text only.
static int signalNumber(StringRef Msg) {
  Msg.consume_back(" (core dumped)");
  for (int S = 1; S < 65; ++S)
    if (const char *N = strsignal(S))
      if (Msg == N)
        return S;
  return 0;
}

std::vector<std::string> workerEnvironment(const char *const *Environ) {
  static const char Tunable[] = "glibc.malloc.hugetlb";
  std::vector<std::string> Env;
  bool Seen = false;
  for (const char *const *E = Environ; E && *E; ++E) {
    StringRef V(*E);
    if (V.consume_front("GLIBC_TUNABLES=")) {
      Seen = true;
      // A colon-separated list of name=value.
      SmallVector<StringRef, 4> Items;
      V.split(Items, ':');
      bool Has = llvm::any_of(
          Items, [](StringRef I) { return I.split('=').first == Tunable; });
      std::string T = "GLIBC_TUNABLES=" + V.str();
      if (!Has)
        T += (V.empty() ? "" : ":") + std::string(Tunable) + "=1";
      Env.push_back(std::move(T));
      continue;
    }
    Env.push_back(*E);
  }
  if (!Seen)
    Env.push_back("GLIBC_TUNABLES=" + std::string(Tunable) + "=1");
  return Env;
}

void runProcesses(StringRef Program, const std::vector<ProcessJob> &Jobs,
                  unsigned Parallel, unsigned TimeoutSeconds,
                  unsigned MemoryLimitMB,
                  function_ref<void(size_t, const ProcessOutcome &)> Done,
                  function_ref<void()> Tick) {
  using Clock = std::chrono::steady_clock;
  struct Running {
    size_t Index;
    sys::ProcessInfo PI;
    Clock::time_point Start;
    size_t Slot;
  };
  auto Seconds = [](Clock::time_point Since) {
    return std::chrono::duration<double>(Clock::now() - Since).count();
  };
  if (Parallel == 0)
    Parallel = 1;
  // The running workers' pids, for the interrupt handler (Interrupt.h).
  std::unique_ptr<std::atomic<int>[]> Slots(new std::atomic<int>[Parallel]);
  for (unsigned I = 0; I < Parallel; ++I)
    Slots[I].store(0);
  setInterruptWorkers(Slots.get(), Parallel);
  struct Withdraw {
    ~Withdraw() { setInterruptWorkers(nullptr, 0); }
  } W;
  auto FreeSlot = [&] {
    for (unsigned I = 0; I < Parallel; ++I)
      if (Slots[I].load() == 0)
        return I;
    return 0u; // unreachable: at most Parallel are live
  };
  std::vector<std::string> EnvStrings = workerEnvironment(environ);
  std::vector<StringRef> Env(EnvStrings.begin(), EnvStrings.end());
  std::vector<Running> Live;
  size_t Next = 0;
  auto LastTick = Clock::now();
  while (Next < Jobs.size() || !Live.empty()) {
    while (Live.size() < Parallel && Next < Jobs.size()) {
      const ProcessJob &J = Jobs[Next];
      std::vector<StringRef> Argv{Program};
      for (const std::string &A : J.Args)
        Argv.push_back(A);
      std::optional<StringRef> Redirects[] = {StringRef(""),
                                              StringRef(J.LogFile),
                                              StringRef(J.LogFile)};
      std::string Err;
      bool Failed = false;
      sys::ProcessInfo PI =
          sys::ExecuteNoWait(Program, Argv, ArrayRef<StringRef>(Env), Redirects,
                             MemoryLimitMB, &Err, &Failed);
      if (Failed || PI.Pid == sys::ProcessInfo::InvalidPid) {
        ProcessOutcome O;
        O.K = ProcessOutcome::StartFailed;
        O.Message = Err;
        Done(Next++, O);
        continue;
      }
      size_t Slot = FreeSlot();
      Slots[Slot].store(static_cast<int>(PI.Pid));
      Live.push_back({Next++, PI, Clock::now(), Slot});
    }

    bool Changed = false;
    for (size_t I = 0; I < Live.size();) {
      Running &R = Live[I];
      std::string Err;
      std::optional<sys::ProcessStatistics> Stats;
      sys::ProcessInfo W =
          sys::Wait(R.PI, /*SecondsToWait=*/0, &Err, &Stats, /*Polling=*/true);
      ProcessOutcome O;
      if (W.Pid == 0) {
        if (TimeoutSeconds == 0 || Seconds(R.Start) < TimeoutSeconds) {
          ++I;
          continue;
        }
        ::kill(R.PI.Pid, SIGKILL);
        Err.clear();
        sys::Wait(R.PI, std::nullopt, &Err, &Stats);
        O.K = ProcessOutcome::TimedOut;
      } else if (W.ReturnCode == -2) {
        O.K = ProcessOutcome::Signaled;
        O.Message = Err;
        O.Signal = signalNumber(Err);
      } else if (W.ReturnCode < 0) {
        O.K = ProcessOutcome::StartFailed;
        O.Message = Err.empty() ? "could not run the worker" : Err;
      } else {
        O.K = ProcessOutcome::Exited;
        O.ExitCode = W.ReturnCode;
      }
      O.Seconds = Seconds(R.Start);
      if (Stats)
        O.PeakMemoryKB = Stats->PeakMemory;
      size_t Index = R.Index;
      Slots[R.Slot].store(0);
      Live.erase(Live.begin() + I);
      Changed = true;
      Done(Index, O);
    }
    if (Changed || Clock::now() - LastTick > std::chrono::milliseconds(200)) {
      Tick();
      LastTick = Clock::now();
    }
    if (!Changed)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

} // namespace pinpair::driver
