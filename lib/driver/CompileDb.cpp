//===- CompileDb.cpp - Loading compile_commands.json ----------------------===//
#include "pinpair/driver/CompileDb.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

using namespace llvm;

namespace pinpair::driver {

static Error dbError(StringRef Path, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Path + ": " + Msg);
}

std::string absolutePath(StringRef Path, StringRef Base) {
  SmallString<256> P;
  if (sys::path::is_absolute(Path)) {
    P = Path;
  } else {
    P = Base;
    if (P.empty())
      sys::fs::current_path(P);
    else if (!sys::path::is_absolute(P))
      sys::fs::make_absolute(P);
    sys::path::append(P, Path);
  }
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

Expected<std::string> locateCompileDb(StringRef PathArg) {
  std::string P = absolutePath(PathArg, "");
  if (sys::fs::is_directory(P)) {
    SmallString<256> J(P);
    sys::path::append(J, "compile_commands.json");
    if (!sys::fs::exists(J))
      return createStringError(
          inconvertibleErrorCode(),
          "no compilation database: " + J +
              " does not exist (generate it, e.g. with `make LLVM=1 "
              "compile_commands.json` or cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
    return std::string(J);
  }
  if (!sys::fs::exists(P))
    return createStringError(inconvertibleErrorCode(),
                             "no compilation database: " + P +
                                 " does not exist");
  return P;
}

std::vector<std::string> splitCommand(StringRef Command) {
  BumpPtrAllocator A;
  StringSaver Saver(A);
  SmallVector<const char *, 64> Argv;
  cl::TokenizeGNUCommandLine(Command, Saver, Argv, /*MarkEOLs=*/false);
  std::vector<std::string> Out;
  for (const char *S : Argv)
    if (S)
      Out.emplace_back(S);
  return Out;
}

Expected<CompileDb> parseCompileDb(StringRef Text, StringRef JsonPath) {
  CompileDb Db;
  Db.Path = absolutePath(JsonPath, "");
  Db.Dir = std::string(sys::path::parent_path(Db.Path));

  Expected<json::Value> V = json::parse(Text);
  if (!V)
    return dbError(Db.Path, "malformed compilation database: " +
                                toString(V.takeError()));
  const json::Array *Entries = V->getAsArray();
  if (!Entries)
    return dbError(Db.Path,
                   "malformed compilation database: expected a JSON array");
  size_t Index = 0;
  for (const json::Value &E : *Entries) {
    ++Index;
    auto EntryError = [&](const Twine &Msg) {
      return dbError(Db.Path, formatv("malformed compilation database: entry "
                                      "{0}: ",
                                      Index) +
                                  Msg);
    };
    const json::Object *O = E.getAsObject();
    if (!O)
      return EntryError("expected an object");
    std::optional<StringRef> Dir = O->getString("directory");
    std::optional<StringRef> File = O->getString("file");
    if (!Dir)
      return EntryError("no \"directory\" string");
    if (!File)
      return EntryError("no \"file\" string");
    CompileCommand C;
    C.Directory = absolutePath(*Dir, Db.Dir);
    C.File = absolutePath(*File, C.Directory);
    if (std::optional<StringRef> Out = O->getString("output"))
      C.Output = Out->str();
    if (const json::Value *Args = O->get("arguments")) {
      const json::Array *A = Args->getAsArray();
      if (!A)
        return EntryError("\"arguments\" is not an array");
      for (const json::Value &S : *A) {
        std::optional<StringRef> Str = S.getAsString();
        if (!Str)
          return EntryError("\"arguments\" holds a non-string");
        C.Arguments.push_back(Str->str());
      }
    } else if (std::optional<StringRef> Cmd = O->getString("command")) {
      C.Arguments = splitCommand(*Cmd);
    } else {
      return EntryError("neither \"arguments\" nor \"command\"");
    }
    if (C.Arguments.empty())
      return EntryError("empty command");
    Db.Commands.push_back(std::move(C));
  }
  return Db;
}

Expected<CompileDb> loadCompileDb(StringRef JsonPath) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(JsonPath);
  if (!Buf)
    return dbError(absolutePath(JsonPath, ""),
                   "cannot read compilation database: " +
                       Buf.getError().message());
  return parseCompileDb((*Buf)->getBuffer(), JsonPath);
}

} // namespace pinpair::driver
