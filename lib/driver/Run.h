//===- Run.h - Internals shared by check, merge and the kernel mode -------===//
#ifndef PINPAIR_DRIVER_RUN_H
#define PINPAIR_DRIVER_RUN_H

#include "pinpair/driver/Options.h"
#include "pinpair/driver/Results.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <string>
#include <vector>

namespace pinpair::driver {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

/// The checkers clang knows once linux.gup is registered.
struct CheckerCatalog {
  struct Entry {
    std::string Name, Desc;
    bool Hidden = false;
    std::vector<std::string> Options;
  };
  std::vector<Entry> Checkers, Packages;

  /// Every name a checker or package; every K=V key a known analyzer config
  /// or a checker/package option.
  llvm::Error validate(llvm::ArrayRef<std::string> Selection,
                       llvm::ArrayRef<std::string> Configs) const;
  llvm::StringMap<std::string> descriptions() const;
};
const CheckerCatalog &checkerCatalog();

std::string versionString();

/// Progress line on stderr: `[done/total] findings: N  ETA mm:ss`,
/// rewritten in place; nothing when disabled.
class ProgressLine {
public:
  ProgressLine(bool Enabled, size_t Total);
  void update(size_t Done, size_t Findings);
  /// Erases the line (before other output, and at the end).
  void clear();
  bool enabled() const { return Enabled; }

private:
  bool Enabled;
  size_t Total;
  bool Shown = false;
  size_t LastDone = 0, LastFindings = 0;
  std::chrono::steady_clock::time_point Start;
};

/// Drops clang's "N warnings generated." lines.
std::string stripDiagnosticStats(llvm::StringRef Text);

llvm::Error writeHtmlIndex(llvm::StringRef Dir, const RunResults &R);

struct FinishOptions {
  bool PrintTexts = false;    ///< print each TU's text (merge)
  bool PrintFailures = false; ///< print the failure line of each TU (merge)
};

/// Outputs (stdout JSON, SARIF, results, baseline), summary, exit code.
int finishRun(RunResults &R, const ReportOptions &Rep, const Baseline *Base,
              const FinishOptions &FO);

int runCheck(const CheckOptions &O, llvm::StringRef Self);
int runMerge(const MergeOptions &O);
int runKernelMode(const KernelOptions &O, llvm::StringRef Self);
int listCheckers();

} // namespace pinpair::driver

#endif
