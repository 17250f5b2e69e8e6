// Loading compile_commands.json, and turning its commands into analyzer
// commands.
#include "pinpair/driver/AnalyzerCommand.h"
#include "pinpair/driver/CompileDb.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pinpair::driver;

namespace {

std::string errorOf(llvm::Expected<CompileDb> &&V) {
  return V ? std::string("<no error>") : llvm::toString(V.takeError());
}

TEST(DriverCompileDb, ArgumentsAndCommand) {
  auto Db = parseCompileDb(R"([
    {"directory": "/src", "file": "a.c", "arguments": ["clang", "-DX=\"1 2\"", "-c", "a.c"]},
    {"directory": "/src/sub", "file": "/src/sub/b.c",
     "command": "gcc -I inc -DNAME='\"b\"' -DSP=a\\ b -c b.c -o b.o", "output": "b.o"}
  ])",
                           "/src/compile_commands.json");
  ASSERT_TRUE(bool(Db)) << errorOf(std::move(Db));
  ASSERT_EQ(Db->Commands.size(), 2u);
  EXPECT_EQ(Db->Dir, "/src");
  EXPECT_EQ(Db->Commands[0].File, "/src/a.c");
  EXPECT_EQ(Db->Commands[0].Arguments,
            (std::vector<std::string>{"clang", "-DX=\"1 2\"", "-c", "a.c"}));
  EXPECT_EQ(Db->Commands[1].Directory, "/src/sub");
  EXPECT_EQ(Db->Commands[1].File, "/src/sub/b.c");
  EXPECT_EQ(Db->Commands[1].Output, "b.o");
  EXPECT_EQ(Db->Commands[1].Arguments,
            (std::vector<std::string>{"gcc", "-I", "inc", "-DNAME=\"b\"",
                                      "-DSP=a b", "-c", "b.c", "-o", "b.o"}));
}

TEST(DriverCompileDb, RelativeDirectory) {
  auto Db = parseCompileDb(R"([
    {"directory": ".", "file": "x/../a.c", "arguments": ["cc", "a.c"]},
    {"directory": "../other", "file": "b.c", "arguments": ["cc", "b.c"]}
  ])",
                           "/tree/build/compile_commands.json");
  ASSERT_TRUE(bool(Db)) << errorOf(std::move(Db));
  EXPECT_EQ(Db->Commands[0].Directory, "/tree/build");
  EXPECT_EQ(Db->Commands[0].File, "/tree/build/a.c");
  EXPECT_EQ(Db->Commands[1].Directory, "/tree/other");
  EXPECT_EQ(Db->Commands[1].File, "/tree/other/b.c");
}

TEST(DriverCompileDb, Malformed) {
  const char *P = "/x/compile_commands.json";
  EXPECT_NE(errorOf(parseCompileDb("[{", P)).find(
                "/x/compile_commands.json: malformed compilation database"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCompileDb("{}", P)).find("expected a JSON array"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCompileDb("[1]", P)).find("entry 1: expected an object"),
            std::string::npos);
  EXPECT_NE(errorOf(parseCompileDb(R"([{"file": "a.c", "command": "cc"}])", P))
                .find("no \"directory\""),
            std::string::npos);
  EXPECT_NE(errorOf(parseCompileDb(
                        R"([{"directory": "/", "file": "a.c", "command": "cc"},
                            {"directory": "/", "command": "cc"}])",
                        P))
                .find("entry 2: no \"file\""),
            std::string::npos);
  EXPECT_NE(errorOf(parseCompileDb(R"([{"directory": "/", "file": "a.c"}])", P))
                .find("neither \"arguments\" nor \"command\""),
            std::string::npos);
  EXPECT_NE(errorOf(parseCompileDb(
                        R"([{"directory": "/", "file": "a.c", "arguments": [1]}])",
                        P))
                .find("non-string"),
            std::string::npos);
  auto Empty = parseCompileDb("[]", P);
  ASSERT_TRUE(bool(Empty));
  EXPECT_TRUE(Empty->Commands.empty());
}

TEST(DriverCompileDb, Locate) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pinpair-db", Dir));
  auto Missing = locateCompileDb(Dir);
  ASSERT_FALSE(bool(Missing));
  std::string Msg = llvm::toString(Missing.takeError());
  EXPECT_NE(Msg.find("compile_commands.json does not exist"), std::string::npos)
      << Msg;
  llvm::SmallString<128> File(Dir);
  llvm::sys::path::append(File, "compile_commands.json");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    OS << R"([{"directory": ".", "file": "a.c", "command": "cc -c a.c"}])";
  }
  auto Found = locateCompileDb(Dir);
  ASSERT_TRUE(bool(Found)) << llvm::toString(Found.takeError());
  EXPECT_EQ(*Found, std::string(File));
  auto Db = loadCompileDb(*Found);
  ASSERT_TRUE(bool(Db)) << errorOf(std::move(Db));
  EXPECT_EQ(Db->Commands[0].Directory, std::string(Dir));
  auto NoFile = loadCompileDb(std::string(Dir) + "/nope.json");
  EXPECT_NE(errorOf(std::move(NoFile)).find("cannot read"), std::string::npos);
  llvm::sys::fs::remove_directories(Dir);
}

TEST(DriverAnalyzerCommand, KernelCommand) {
  AnalyzerCommandOptions O;
  O.Checkers = {"linux.gup"};
  O.AnalyzerConfigs = {"max-nodes=5"};
  O.ResourceDir = "/res";
  AnalyzerCommand C = buildAnalyzerCommand(
      {"clang", "-Wp,-MMD,mm/.gup.o.d", "-nostdinc", "-I", "./include",
       "-include", "./include/linux/kconfig.h", "-D__KERNEL__",
       "-DKBUILD_MODNAME=\"gup\"", "--target=x86_64-linux-gnu", "-mno-sse",
       "-fno-PIE", "-Werror", "-fconserve-stack", "-MD", "-MF", "x.d", "-c",
       "-o", "mm/gup.o", "mm/gup.c"},
      O);
  EXPECT_EQ(C.Argv,
            (std::vector<std::string>{
                "clang", "--analyze", "-Qunused-arguments", "-nostdinc", "-I",
                "./include",
                "-include", "./include/linux/kconfig.h", "-D__KERNEL__",
                "-DKBUILD_MODNAME=\"gup\"", "--target=x86_64-linux-gnu",
                "-mno-sse", "-fno-PIE", "-Werror", "mm/gup.c", "-Xclang",
                "-analyzer-checker=linux.gup", "-Xclang", "-analyzer-config",
                "-Xclang", "max-nodes=5", "-resource-dir", "/res"}));
  EXPECT_EQ(C.Inputs, std::vector<std::string>{"mm/gup.c"});
  EXPECT_EQ(C.Dropped,
            (std::vector<std::string>{"-Wp,-MMD,mm/.gup.o.d", "-fconserve-stack",
                                      "-MD", "-MF", "x.d", "-c", "-o",
                                      "mm/gup.o"}));
}

TEST(DriverAnalyzerCommand, SparseFlags) {
  AnalyzerCommandOptions O;
  O.KernelMode = true;
  AnalyzerCommand C = buildAnalyzerCommand(
      {"-D__linux__", "-Wbitwise", "--arch=x86", "-mlittle-endian", "-m64",
       "-Wp,-D_FORTIFY_SOURCE=2", "-resource-dir", "/r", "file.c"},
      O);
  EXPECT_EQ(C.Argv, (std::vector<std::string>{
                        "clang", "--analyze", "-Qunused-arguments",
                        "-D__linux__", "-Wbitwise",
                        "-mlittle-endian", "-m64", "-Wp,-D_FORTIFY_SOURCE=2",
                        "-resource-dir", "/r", "file.c"}));
  EXPECT_EQ(C.Dropped, std::vector<std::string>{"--arch=x86"});
}

TEST(DriverAnalyzerCommand, CheckerSelection) {
  std::vector<std::string> Sel{"linux.gup", "core.NullDereference"};
  EXPECT_TRUE(checkerSelected("linux.gup.Leak", Sel));
  EXPECT_TRUE(checkerSelected("core.NullDereference", Sel));
  EXPECT_FALSE(checkerSelected("linux.gupx.Leak", Sel));
  EXPECT_FALSE(checkerSelected("core.DivideZero", Sel));
  EXPECT_FALSE(checkerSelected("linux", Sel));
}

} // namespace
