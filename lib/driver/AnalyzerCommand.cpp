//===- AnalyzerCommand.cpp - Compile command -> analyzer command ----------===//
#include "pinpair/driver/AnalyzerCommand.h"

#include "clang/Driver/Options.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"

using namespace llvm;
namespace opts = clang::driver::options;

namespace pinpair::driver {

bool checkerSelected(StringRef Name, ArrayRef<std::string> Selection) {
  for (const std::string &S : Selection) {
    StringRef Sel = S;
    if (Name == Sel ||
        (Name.starts_with(Sel) && Name.size() > Sel.size() &&
         Name[Sel.size()] == '.'))
      return true;
  }
  return false;
}

std::string defaultResourceDir() {
#ifdef PINPAIR_CLANG_RESOURCE_DIR
  StringRef D = PINPAIR_CLANG_RESOURCE_DIR;
  if (!D.empty() && sys::fs::is_directory(D))
    return D.str();
#endif
  return "";
}

/// Arguments that only matter for producing an output file, or that would
/// make clang write one next to the analysis.
static bool isOutputArg(const opt::Arg &A) {
  const opt::Option &O = A.getOption();
  for (unsigned Id :
       {opts::OPT_o, opts::OPT_c, opts::OPT_S, opts::OPT_E, opts::OPT_M,
        opts::OPT_MM, opts::OPT_MD, opts::OPT_MMD, opts::OPT_MF, opts::OPT_MT,
        opts::OPT_MQ, opts::OPT_MP, opts::OPT_MG, opts::OPT_MV, opts::OPT_MJ,
        opts::OPT_dependency_file, opts::OPT_save_temps,
        opts::OPT_save_temps_EQ, opts::OPT__serialize_diags,
        opts::OPT_emit_ast, opts::OPT_ftime_trace, opts::OPT_ftime_trace_EQ,
        opts::OPT_fsyntax_only, opts::OPT__analyze,
        opts::OPT__analyzer_output, opts::OPT_fcolor_diagnostics,
        opts::OPT_fno_color_diagnostics, opts::OPT_fdiagnostics_color_EQ})
    if (O.matches(Id))
      return true;
  if (O.matches(opts::OPT_Wp_COMMA)) {
    // -Wp,-MMD,dir/.file.o.d (kbuild) writes a dependency file.
    for (const char *V : A.getValues())
      if (StringRef(V).starts_with("-M"))
        return true;
    return false;
  }
  return false;
}

AnalyzerCommand buildAnalyzerCommand(ArrayRef<std::string> CompileArgs,
                                     const AnalyzerCommandOptions &Opts) {
  AnalyzerCommand C;
  ArrayRef<std::string> Flags = CompileArgs;
  std::string Compiler = "clang";
  if (!Opts.KernelMode && !Flags.empty()) {
    Compiler = Flags.front();
    Flags = Flags.drop_front();
  }
  std::vector<const char *> Ptrs;
  for (const std::string &S : Flags)
    Ptrs.push_back(S.c_str());

  const opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList Args =
      Table.ParseArgs(Ptrs, MissingIndex, MissingCount,
                      opt::Visibility(opts::ClangOption));

  C.Argv.push_back(Compiler);
  C.Argv.push_back("--analyze");
  // Link flags and the like are not "used" by an analysis: no warnings.
  C.Argv.push_back("-Qunused-arguments");
  bool HasResourceDir = false;
  std::vector<const opt::Arg *> List(Args.begin(), Args.end());
  for (size_t I = 0; I < List.size(); ++I) {
    const opt::Arg &A = *List[I];
    unsigned Begin = A.getIndex();
    unsigned End = I + 1 < List.size() ? List[I + 1]->getIndex()
                                       : static_cast<unsigned>(Flags.size());
    if (End <= Begin)
      End = Begin + 1;
    const opt::Option &O = A.getOption();
    bool Drop = isOutputArg(A) || O.getKind() == opt::Option::UnknownClass;
    if (O.matches(opts::OPT_fplugin_EQ) || O.matches(opts::OPT_fplugin_arg)) {
      // GCC plugins (a gcc-built kernel) cannot load into clang.
      for (unsigned J = Begin; J < End && J < Flags.size(); ++J)
        if (StringRef(Flags[J]).contains("gcc-plugin"))
          Drop = true;
    }
    if (O.matches(opts::OPT_resource_dir) ||
        O.matches(opts::OPT_resource_dir_EQ))
      HasResourceDir = true;
    if (O.getKind() == opt::Option::InputClass)
      C.Inputs.push_back(A.getValue());
    for (unsigned J = Begin; J < End && J < Flags.size(); ++J)
      (Drop ? C.Dropped : C.Argv).push_back(Flags[J]);
  }
  for (const std::string &Ch : Opts.Checkers) {
    C.Argv.push_back("-Xclang");
    C.Argv.push_back("-analyzer-checker=" + Ch);
  }
  for (const std::string &KV : Opts.AnalyzerConfigs) {
    C.Argv.insert(C.Argv.end(), {"-Xclang", "-analyzer-config", "-Xclang", KV});
  }
  if (!HasResourceDir && !Opts.ResourceDir.empty()) {
    C.Argv.push_back("-resource-dir");
    C.Argv.push_back(Opts.ResourceDir);
  }
  return C;
}

} // namespace pinpair::driver
