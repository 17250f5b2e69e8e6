//===- Compat.h - The few analyzer APIs that differ between LLVM majors ---===//
//
// pinpair is built against Debian's clang 19 by default. Everything that is
// spelled differently in other majors goes through this header, so the rest of
// the checker reads like upstream code of its release.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_CHECKER_COMPAT_H
#define PINPAIR_CHECKER_COMPAT_H

#include "clang/Basic/Version.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"

namespace pinpair::compat {

/// The memory space of a region. LLVM 21 moved this behind the state.
inline const clang::ento::MemSpaceRegion *
memSpace(clang::ento::ProgramStateRef State, const clang::ento::MemRegion *R) {
#if CLANG_VERSION_MAJOR >= 21
  return R->getMemorySpace(State);
#else
  (void)State;
  return R->getMemorySpace();
#endif
}

} // namespace pinpair::compat

#endif
