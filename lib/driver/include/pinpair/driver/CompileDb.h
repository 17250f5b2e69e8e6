//===- CompileDb.h - Loading compile_commands.json ------------------------===//
//
// The JSON compilation database format (clang.llvm.org/docs/JSONCompilationDatabase):
// an array of {directory, file, arguments | command, output?}. A relative
// `directory` is taken relative to the database's own directory; a relative
// `file` relative to `directory`. Errors name the database path.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_DRIVER_COMPILEDB_H
#define PINPAIR_DRIVER_COMPILEDB_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace pinpair::driver {

struct CompileCommand {
  std::string Directory;              ///< absolute
  std::string File;                   ///< absolute, without ./ and ../
  std::vector<std::string> Arguments; ///< compiler first
  std::string Output;                 ///< "output", if given
};

struct CompileDb {
  std::string Path; ///< the JSON file
  std::string Dir;  ///< its directory (absolute)
  std::vector<CompileCommand> Commands;
};

/// \p PathArg is the JSON file or a directory holding compile_commands.json.
/// Returns the absolute JSON path, or an error if there is none.
llvm::Expected<std::string> locateCompileDb(llvm::StringRef PathArg);

llvm::Expected<CompileDb> loadCompileDb(llvm::StringRef JsonPath);

/// Parses \p Text as the database at \p JsonPath (which need not exist).
llvm::Expected<CompileDb> parseCompileDb(llvm::StringRef Text,
                                         llvm::StringRef JsonPath);

/// Splits a `command` string like a POSIX shell (quotes, backslashes).
std::vector<std::string> splitCommand(llvm::StringRef Command);

/// Absolute, lexically normalised \p Path (relative to \p Base if relative).
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base);

} // namespace pinpair::driver

#endif
