//===- Selection.h - Which TUs a run analyses -----------------------------===//
//
// Path filters (prefix/substring or glob, relative to the database
// directory), shard selection by a stable hash of the path, the tree root and
// the .pinpair.yaml lookup.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_SELECTION_H
#define PINPAIR_DRIVER_SELECTION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pinpair::driver {

struct PathFilter {
  std::string Text;    ///< as given, made relative to the base
  bool IsGlob = false; ///< Text has * ? or [ (checked by compileFilters)
};

/// \p Base is the database directory: absolute filters below it become
/// relative, `./x` becomes `x`.
llvm::Expected<std::vector<PathFilter>>
compileFilters(llvm::ArrayRef<std::string> Filters, llvm::StringRef Base);

/// No filters selects everything. A plain filter matches when it is a
/// substring of the relative path (so prefixes match too); a glob must match
/// the whole relative path. A filter that is absolute (a path outside the
/// base) is a prefix, or a glob, of the absolute path.
bool matchesFilters(llvm::ArrayRef<PathFilter> Filters, llvm::StringRef RelPath,
                    llvm::StringRef AbsPath);

/// FNV-1a, 64 bit: the same value on every host and release.
uint64_t stableHash(llvm::StringRef S);

/// Shard \p K of \p N (1-based) holds the paths whose stable hash is K-1
/// modulo N: adding or removing a TU moves no other TU between shards.
bool inShard(llvm::StringRef RelPath, unsigned K, unsigned N);

/// \p Path relative to \p Root when it is below it, else \p Path unchanged.
std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root);

/// The nearest directory from \p Dir upwards holding .pinpair.yaml, or "".
std::string findConfigDir(llvm::StringRef Dir);

/// TUs clang can analyse: C, C++ and preprocessed C, by extension.
bool isAnalysableSource(llvm::StringRef Path);

} // namespace pinpair::driver

#endif
