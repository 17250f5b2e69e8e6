//===- GupApi.cpp - The built-in table of modelled kernel functions -------===//
//
// The table itself is lib/api/builtin-api.yaml, in the format of a user
// config. The build embeds it (BuiltinApi.inc) and it is parsed on first use.
//
//===----------------------------------------------------------------------===//
#include "pinpair/GupApi.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace pinpair {
namespace {
#include "BuiltinApi.inc" // static const char BuiltinApiYaml[]
} // namespace

const ApiTable &builtinTable() {
  static const std::unique_ptr<ApiTable> Table = [] {
    auto T = ApiTable::parse(BuiltinApiYaml, "builtin-api.yaml");
    if (!T)
      report_fatal_error(T.takeError()); // a broken build, not a user error
    return std::move(*T);
  }();
  return *Table;
}

const ApiFunction *lookupApi(StringRef Name) {
  return builtinTable().lookup(Name);
}

ArrayRef<ApiFunction> builtinApi() { return builtinTable().functions(); }

StringRef takenVerb(RefKind K) { return K == RefKind::Pin ? "pinned" : "taken"; }
StringRef releaseVerb(RefKind K) {
  return K == RefKind::Pin ? "unpin" : "release";
}
StringRef releaseAdvice(RefKind K) {
  return K == RefKind::Pin ? "unpin_user_page(s)()"
                           : "put_page() or release_pages()";
}

} // namespace pinpair
