//===- ToolCommand.h - Compile commands made fit for an in-process tool ---===//
//
// Kernel compile commands (compile_commands.json) carry what only matters to
// producing an object (-c, -o, -Wp,-MMD,<depfile> which would write .d files
// into the tree), and, in GCC builds, flags clang rejects. The same
// adjustment as scripts/kernel/analyzer-commands.py, as a LibTooling
// ArgumentsAdjuster, so the prefilter, the benchmark and the pinpair command
// treat a command the same way.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_TOOLCOMMAND_H
#define PINPAIR_TOOLCOMMAND_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include <string>

namespace pinpair {

/// Drops output/dependency flags (-c, -o X, -S, -E, -M*, -Wp,-M*), GCC-only
/// flags (as analyzer-commands.py), and adds -fsyntax-only and
/// -resource-dir=<the clang pinpair is built against> when absent. Apply it
/// instead of ClangTool's default adjusters (clearArgumentsAdjusters()).
clang::tooling::ArgumentsAdjuster commandAdjuster();

/// The resource directory of the clang pinpair was built against
/// (builtin headers such as stddef.h); empty if unknown.
std::string clangResourceDir();

/// CPU time of the calling thread (user + system; of the process where the
/// platform has no per-thread count), for the measurements of the in-process
/// runs: the machine may be shared, and the prefilter runs on several threads.
double cpuSeconds();

/// A compilation database of one command, to run a ClangTool on it.
class OneCommandDB : public clang::tooling::CompilationDatabase {
public:
  explicit OneCommandDB(clang::tooling::CompileCommand C) : C(std::move(C)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return {C};
  }
  std::vector<std::string> getAllFiles() const override { return {C.Filename}; }

private:
  clang::tooling::CompileCommand C;
};

/// A ClangTool that runs one compile command, adjusted by commandAdjuster()
/// (append further adjusters to tool()), on a file system with a working
/// directory of its own. ClangTool moves its file system's working directory
/// to the command's directory; the default, the real file system, does it
/// with chdir() for the whole process, so tools on several threads (the
/// prefilter) resolved each other's relative paths, and the caller's own
/// relative paths (--results, --sarif) landed in the database's directory.
class OneCommandTool {
public:
  explicit OneCommandTool(const clang::tooling::CompileCommand &C);
  clang::tooling::ClangTool &tool() { return Tool; }

private:
  OneCommandDB DB;
  clang::tooling::ClangTool Tool;
};

} // namespace pinpair

#endif
