//===- GupChecker.h - Registration of the linux.gup checkers -------------===//
//
// The plugin entry point and the pinpair command both register the checkers
// through this one function.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_CHECKER_GUPCHECKER_H
#define PINPAIR_CHECKER_GUPCHECKER_H

#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

namespace pinpair {
/// Adds linux.gup.{Leak,DoubleRelease,OverRelease,MismatchedRelease} and the
/// hidden modelling checker they depend on.
void registerGupCheckers(clang::ento::CheckerRegistry &Registry);
} // namespace pinpair

#endif
