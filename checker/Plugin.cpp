//===- Plugin.cpp - Analyzer plugin entry point ---------------------------===//
//
//   clang --analyze -fplugin=PinpairPlugin.so -Xclang -analyzer-checker=linux.gup
//
// clang refuses a plugin whose API version string differs from its own, so
// the plugin must be built against the exact clang it is loaded into.
//
//===----------------------------------------------------------------------===//
#include "GupChecker.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

extern "C" void clang_registerCheckers(clang::ento::CheckerRegistry &Registry) {
  pinpair::registerGupCheckers(Registry);
}
