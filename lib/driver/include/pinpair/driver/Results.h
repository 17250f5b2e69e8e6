//===- Results.h - Findings, TU outcomes, baselines -----------------------===//
//
// A Finding is one analyzer report as pinpair's own PathDiagnosticConsumer
// saw it. Workers write them in a per-TU result file; `check --results`
// writes a whole run (findings + TU statuses + the merged SARIF log) that
// `merge` reads back.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_RESULTS_H
#define PINPAIR_DRIVER_RESULTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace pinpair::driver {

struct Note {
  std::string File; ///< as the finding's File
  int Line = 0, Col = 0;
  std::string Message;
};

struct Finding {
  std::string File; ///< relative to the tree root when below it, else absolute
  int Line = 0, Col = 0;
  std::string Checker;     ///< linux.gup.Leak
  std::string Message;     ///< the warning text
  std::string BugType;     ///< "Page reference leak"
  std::string Function;    ///< enclosing function (declaration with the issue)
  std::string IssueHash;   ///< clang's issue_hash_content_of_line_in_context
  std::string Fingerprint; ///< computeFingerprint(...)
  std::string Html;        ///< HTML report file name, when --html was given
  std::vector<Note> Notes;
};

/// Stable across unrelated edits: clang's issue hash (checker, enclosing
/// declaration, column, the normalised text of the line, bug type) combined
/// with the checker, the enclosing function and the file path below the root.
std::string computeFingerprint(llvm::StringRef File, llvm::StringRef Checker,
                               llvm::StringRef Function,
                               llvm::StringRef IssueHash);

enum class TUStatus { Analyzed, Failed, Crashed, TimedOut, OutOfMemory, Skipped };
llvm::StringRef statusName(TUStatus S);
std::optional<TUStatus> parseStatus(llvm::StringRef S);
inline bool isFailure(TUStatus S) {
  return S != TUStatus::Analyzed && S != TUStatus::Skipped;
}

struct TUResult {
  std::string File;   ///< display path (relative to the root when below it)
  TUStatus Status = TUStatus::Analyzed;
  std::string Detail; ///< first clang error, signal, time limit, skip reason
  double Seconds = 0;
  std::string Text;   ///< clang's text diagnostics for this TU
  unsigned NumFindings = 0;
};

/// A whole run (or the merge of several).
struct RunResults {
  std::string Root;
  std::vector<std::string> Checkers;
  std::vector<TUResult> TUs;     ///< analysed, failed and prefiltered TUs
  int Filtered = 0;              ///< TUs the path filters left out
  int OtherShards = 0;           ///< TUs of other shards
  int NotSource = 0;             ///< entries that are not C/C++ sources
  std::vector<Finding> Findings; ///< deduplicated by fingerprint
  std::optional<llvm::json::Value> Sarif; ///< merged SARIF log
};

llvm::json::Value toJSON(const Note &N);
llvm::json::Value toJSON(const Finding &F);
bool fromJSON(const llvm::json::Value &V, Note &N, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, Finding &F, llvm::json::Path P);

llvm::json::Value toJSON(const RunResults &R);
llvm::Expected<RunResults> parseRunResults(llvm::StringRef Text,
                                           llvm::StringRef Path);
llvm::Expected<RunResults> readRunResults(llvm::StringRef Path);

/// Adds \p F unless a finding with its fingerprint is there.
bool addFinding(std::vector<Finding> &Findings, llvm::StringSet<> &Seen,
                Finding F);
/// Sorted by file, line, column, checker, message: output order.
void sortFindings(std::vector<Finding> &Findings);

// Baselines: {"version": 1, "findings": [{fingerprint, checker, file,
// function, message}]}. Only the fingerprint matters for matching.
struct Baseline {
  llvm::StringSet<> Fingerprints;
  bool contains(llvm::StringRef FP) const { return Fingerprints.contains(FP); }
};
llvm::json::Value baselineJSON(llvm::ArrayRef<Finding> Findings);
llvm::Expected<Baseline> parseBaseline(llvm::StringRef Text,
                                       llvm::StringRef Path);
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// Writes \p V (pretty-printed) to \p Path atomically enough for our needs.
llvm::Error writeJSONFile(llvm::StringRef Path, const llvm::json::Value &V);
llvm::Expected<llvm::json::Value> readJSONFile(llvm::StringRef Path);

} // namespace pinpair::driver

#endif
