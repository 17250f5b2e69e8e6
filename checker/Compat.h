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
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
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

/// A fresh symbol of type T for what Call produced; Tag tells apart several
/// per call. LLVM 21 conjures from CFG elements instead of statements.
inline clang::ento::DefinedOrUnknownSVal
conjure(const clang::ento::CallEvent &Call, clang::ento::CheckerContext &C,
        clang::QualType T, const void *Tag) {
#if CLANG_VERSION_MAJOR >= 21
  return C.getSValBuilder().conjureSymbolVal(Call, T, C.blockCount(), Tag);
#else
  return C.getSValBuilder().conjureSymbolVal(
      Tag, Call.getOriginExpr(), C.getLocationContext(), T, C.blockCount());
#endif
}

/// A fresh symbol for the value of expression E (evaluated at the current
/// CFG element); LLVM 21 names the element instead of the expression.
inline clang::ento::DefinedOrUnknownSVal
conjureFor(const clang::Expr *E, clang::ento::CheckerContext &C,
           clang::QualType T) {
#if CLANG_VERSION_MAJOR >= 21
  return C.getSValBuilder().conjureSymbolVal(
      /*SymbolTag=*/nullptr, C.getCFGElementRef(), C.getLocationContext(), T,
      C.blockCount());
#else
  return C.getSValBuilder().conjureSymbolVal(nullptr, E, C.getLocationContext(),
                                             T, C.blockCount());
#endif
}

/// Heap memory a call allocated (the array iov_iter_get_pages_alloc2 makes).
inline clang::ento::DefinedOrUnknownSVal
conjureHeap(const clang::ento::CallEvent &Call, clang::ento::CheckerContext &C,
            clang::QualType PtrTy) {
#if CLANG_VERSION_MAJOR >= 21
  return C.getSValBuilder().getConjuredHeapSymbolVal(
      Call.getCFGElementRef(), C.getLocationContext(), PtrTy, C.blockCount());
#else
  return C.getSValBuilder().getConjuredHeapSymbolVal(
      Call.getOriginExpr(), C.getLocationContext(), PtrTy, C.blockCount());
#endif
}

/// Symbol construction; LLVM 20 folded these into SymbolManager::acquire.
inline const clang::ento::SymExpr *
symInt(clang::ento::SymbolManager &SM, const clang::ento::SymExpr *L,
       clang::BinaryOperatorKind Op, const llvm::APSInt &R, clang::QualType T) {
#if CLANG_VERSION_MAJOR >= 20
  return SM.acquire<clang::ento::SymIntExpr>(
      L, Op, SM.getBasicVals().getValue(R), T);
#else
  return SM.getSymIntExpr(L, Op, R, T);
#endif
}
inline const clang::ento::SymExpr *
intSym(clang::ento::SymbolManager &SM, const llvm::APSInt &L,
       clang::BinaryOperatorKind Op, const clang::ento::SymExpr *R,
       clang::QualType T) {
#if CLANG_VERSION_MAJOR >= 20
  return SM.acquire<clang::ento::IntSymExpr>(
      SM.getBasicVals().getValue(L), Op, R, T);
#else
  return SM.getIntSymExpr(L, Op, R, T);
#endif
}
inline const clang::ento::SymExpr *
symSym(clang::ento::SymbolManager &SM, const clang::ento::SymExpr *L,
       clang::BinaryOperatorKind Op, const clang::ento::SymExpr *R,
       clang::QualType T) {
#if CLANG_VERSION_MAJOR >= 20
  return SM.acquire<clang::ento::SymSymExpr>(L, Op, R, T);
#else
  return SM.getSymSymExpr(L, Op, R, T);
#endif
}

} // namespace pinpair::compat

#endif
