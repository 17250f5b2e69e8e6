//===- Sarif.h - Merging clang's SARIF logs -------------------------------===//
//
// Every worker writes clang's own SARIF (-analyzer-output=sarif) for its TU;
// the parent merges them into one SARIF 2.1.0 log with one run: the union of
// the rules and artifacts (indices renumbered), every result once, each
// carrying partialFingerprints {"pinpairFingerprint/v1": <fingerprint>}.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_SARIF_H
#define PINPAIR_DRIVER_SARIF_H

#include "pinpair/driver/Results.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace pinpair::driver {

inline constexpr llvm::StringLiteral SarifFingerprintKey = "pinpairFingerprint/v1";

/// The pinpair fingerprint of a SARIF result, or "".
std::string sarifFingerprint(const llvm::json::Object &Result);

/// Adds partialFingerprints to the results of \p Log, matching each result
/// with the finding of the same rule, message and line in \p Findings.
void addSarifFingerprints(llvm::json::Value &Log,
                          llvm::ArrayRef<Finding> Findings);

/// Rewrites file:// URIs below \p Root as URIs relative to the base id
/// %SRCROOT%, declared in the run's originalUriBaseIds: the log then does not
/// depend on where the tree was checked out (SARIF viewers resolve it against
/// their checkout).
void relativizeSarif(llvm::json::Value &Log, llvm::StringRef Root);

class SarifMerger {
public:
  /// Adds every run of \p Log. A result whose fingerprint was added before
  /// is dropped (the same finding seen from two TUs or two shards).
  llvm::Error add(const llvm::json::Value &Log);

  /// The merged log. \p RuleDescriptions replaces the rules' fullDescription
  /// (clang 19 describes plugin checkers wrongly).
  llvm::json::Value
  take(llvm::StringRef ToolVersion,
       const llvm::StringMap<std::string> &RuleDescriptions = {});

  size_t numResults() const { return Results.size(); }

private:
  unsigned ruleIndex(const llvm::json::Object &Rule);
  std::optional<unsigned> artifactIndex(const llvm::json::Object &Artifact);
  void remapArtifacts(llvm::json::Value &V,
                      llvm::ArrayRef<std::optional<unsigned>> Map,
                      const llvm::json::Array *OldArtifacts);

  std::optional<llvm::json::Object> ClangDriver;
  std::optional<llvm::json::Object> BaseIds;
  std::vector<llvm::json::Value> Rules;
  llvm::StringMap<unsigned> RuleIndex;
  std::vector<llvm::json::Value> Artifacts;
  llvm::StringMap<unsigned> ArtifactIndex;
  llvm::json::Array Results;
  llvm::StringSet<> Seen;
  std::string ColumnKind;
};

} // namespace pinpair::driver

#endif
