//===- ToolCommand.cpp - Compile commands made fit for an in-process tool -===//

#include "pinpair/ToolCommand.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <sys/resource.h>

using namespace clang::tooling;
using namespace llvm;

namespace pinpair {

namespace {

/// A file read with read() into a heap buffer, never mmap()ed. A TU opens
/// about a thousand headers; unmapping each one costs a TLB shootdown on
/// every core that runs a thread of the process (the prefilter's threads),
/// more than copying the bytes.
class ReadFile : public vfs::File {
public:
  explicit ReadFile(std::unique_ptr<vfs::File> F) : F(std::move(F)) {}
  ErrorOr<vfs::Status> status() override { return F->status(); }
  ErrorOr<std::string> getName() override { return F->getName(); }
  ErrorOr<std::unique_ptr<MemoryBuffer>>
  getBuffer(const Twine &Name, int64_t FileSize, bool RequiresNullTerminator,
            bool) override {
    return F->getBuffer(Name, FileSize, RequiresNullTerminator,
                        /*IsVolatile=*/true);
  }
  std::error_code close() override { return F->close(); }

private:
  std::unique_ptr<vfs::File> F;
};

class ReadFileSystem : public vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;
  ErrorOr<std::unique_ptr<vfs::File>>
  openFileForRead(const Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (!F)
      return F.getError();
    return std::unique_ptr<vfs::File>(std::make_unique<ReadFile>(std::move(*F)));
  }
};

} // namespace

OneCommandTool::OneCommandTool(const CompileCommand &C)
    : DB(C), Tool(DB, {C.Filename},
                  std::make_shared<clang::PCHContainerOperations>(),
                  makeIntrusiveRefCnt<ReadFileSystem>(
                      IntrusiveRefCntPtr<vfs::FileSystem>(
                          vfs::createPhysicalFileSystem().release()))) {
  Tool.clearArgumentsAdjusters();
  Tool.appendArgumentsAdjuster(commandAdjuster());
}

std::string clangResourceDir() {
#ifdef PINPAIR_CLANG_RESOURCE_DIR
  return PINPAIR_CLANG_RESOURCE_DIR;
#else
  return "";
#endif
}

ArgumentsAdjuster commandAdjuster() {
  return [](const CommandLineArguments &Args, StringRef) {
    // Kept in step with scripts/kernel/analyzer-commands.py.
    static const char *const DropRe[] = {
        "-Wp,-M.*",
        "-fplugin=.*scripts/gcc-plugins/.*",
        "-fplugin-arg-.*",
        "-fconserve-stack",
        "-fno-allow-store-data-races",
        "-mindirect-branch=.*",
        "-mindirect-branch-register",
        "-fno-var-tracking-assignments",
        "-fno-ipa-.*",
        "-Wno-maybe-uninitialized",
        "-Wno-alloc-size-larger-than",
        "-Wimplicit-fallthrough=.*",
        "--param=.*",
    };
    static const std::vector<Regex> Drop = [] {
      std::vector<Regex> V;
      for (const char *R : DropRe)
        V.emplace_back(std::string("^") + R + "$");
      return V;
    }();
    CommandLineArguments Out;
    bool HasSyntaxOnly = false, HasResourceDir = false;
    for (size_t I = 0, E = Args.size(); I < E; ++I) {
      StringRef A = Args[I];
      if (I == 0) {
        Out.push_back(Args[I]);
        continue;
      }
      if (A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ") {
        ++I;
        continue;
      }
      if (A == "-c" || A == "-S" || A == "-E" || A.starts_with("-M") ||
          (A.starts_with("-o") && A.size() > 2))
        continue;
      if (llvm::any_of(Drop, [&](const Regex &R) { return R.match(A); }))
        continue;
      HasSyntaxOnly |= A == "-fsyntax-only";
      HasResourceDir |= A.starts_with("-resource-dir");
      Out.push_back(Args[I]);
    }
    // Before the input file (after everything else is fine for the driver).
    if (!HasSyntaxOnly)
      Out.push_back("-fsyntax-only");
    std::string RD = clangResourceDir();
    if (!HasResourceDir && !RD.empty())
      Out.push_back("-resource-dir=" + RD);
    return Out;
  };
}

double cpuSeconds() {
  struct rusage U;
#ifdef RUSAGE_THREAD
  // The prefilter runs on several threads of the pinpair process: each TU's
  // seconds are its own thread's.
  getrusage(RUSAGE_THREAD, &U);
#else
  getrusage(RUSAGE_SELF, &U);
#endif
  return U.ru_utime.tv_sec + U.ru_stime.tv_sec +
         (U.ru_utime.tv_usec + U.ru_stime.tv_usec) / 1e6;
}

} // namespace pinpair
