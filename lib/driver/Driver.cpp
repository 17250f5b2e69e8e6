//===- Driver.cpp - Entry point of the pinpair command --------------------===//
#include "pinpair/driver/Driver.h"

#include "Run.h"
#include "Worker.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

using namespace llvm;

namespace pinpair::driver {

static int usageError(const Twine &Msg, StringRef HelpCommand) {
  errs() << "pinpair: error: " << Msg << '\n';
  errs() << "pinpair: see `pinpair help" << (HelpCommand.empty() ? "" : " ")
         << HelpCommand << "`\n";
  return ExitError;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  std::vector<std::string> Args(argv + 1, argv + argc);
  // Workers re-execute this binary.
  std::string Self = sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&pinpair::driver::main));
  if (Self.empty())
    Self = argv[0];

  if (Args.empty()) {
    errs() << MainUsage;
    return ExitError;
  }
  StringRef Cmd = Args.front();
  ArrayRef<std::string> Rest = ArrayRef(Args).drop_front();

  if (Cmd == "check") {
    Expected<CheckOptions> O = parseCheckArgs(Rest);
    if (!O)
      return usageError(toString(O.takeError()), "check");
    return runCheck(*O, Self);
  }
  if (Cmd == "merge") {
    Expected<MergeOptions> O = parseMergeArgs(Rest);
    if (!O)
      return usageError(toString(O.takeError()), "merge");
    return runMerge(*O);
  }
  if (Cmd == "__analyze-tu") {
    Expected<WorkerOptions> O = parseWorkerArgs(Rest);
    if (!O) {
      errs() << "pinpair: error: " << toString(O.takeError()) << '\n';
      return 2;
    }
    return runWorker(*O);
  }
  if (Cmd == "--version" || Cmd == "version") {
    outs() << versionString() << '\n';
    return ExitClean;
  }
  if (Cmd == "help" || Cmd == "--help" || Cmd == "-h") {
    StringRef Topic = Rest.empty() ? "" : StringRef(Rest.front());
    outs() << (Topic == "check" ? CheckUsage
               : Topic == "merge" ? MergeUsage
                                  : MainUsage);
    return ExitClean;
  }
  if (Cmd == "--list-checkers")
    return listCheckers();
  // make C=1 CHECK=pinpair: $(CHECK) $(CHECKFLAGS) $(c_flags) file.c
  if (looksLikeCompilerInvocation(Args))
    return runKernelMode(parseKernelArgs(Args), Self);
  return usageError("unknown command '" + Cmd + "'", "");
}

} // namespace pinpair::driver
