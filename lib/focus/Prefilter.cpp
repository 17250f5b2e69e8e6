//===- Prefilter.cpp - Can this TU have a linux.gup finding? --------------===//
//
// One pass over the preprocessed token stream (see Prefilter.h for the
// rule). The file-scope parser here is deliberately crude; where it could be
// wrong it over-approximates the map, which can only turn a "no" into a
// "maybe":
//  * a `{` at file scope that does not directly follow struct/union/enum
//    (and their tag name) opens a function body. Its identifiers are mapped
//    from every identifier followed by `(` at parenthesis depth 0 of the
//    declarator, or, when there is none (a function returning a function
//    pointer: `int (*f(void))(int) {`), from every identifier of the
//    declarator;
//  * `... name = initializer ;` maps the last identifier before `=` (at
//    parenthesis depth 0) to the initializer's identifiers;
//  * a body whose `{` comes from the main file (its expansion location) is
//    main-file code: all its identifiers are roots, even those that come
//    from an #include inside it.
// Identifiers in struct bodies and plain declarations are ignored: they hold
// no code the analyzer could evaluate.
//
//===----------------------------------------------------------------------===//

#include "pinpair/Prefilter.h"
#include "pinpair/ToolCommand.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Timer.h"


using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace pinpair {
namespace {

/// Prints nothing (the prefilter never talks about the TU); keeps the first
/// error for the explanation.
class CountingDiags : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level L,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(L, Info);
    if (L >= DiagnosticsEngine::Error && First.empty()) {
      SmallString<128> Msg;
      Info.FormatDiagnostic(Msg);
      First = std::string(Msg);
      if (Info.hasSourceManager() && Info.getLocation().isValid()) {
        PresumedLoc P =
            Info.getSourceManager().getPresumedLoc(Info.getLocation());
        if (P.isValid())
          First = std::string(P.getFilename()) + ":" +
                  std::to_string(P.getLine()) + ": " + First;
      }
    }
  }
  std::string First;
};

class Scanner {
public:
  Scanner(Preprocessor &PP, const StringSet<> &Targets,
          const PrefilterOptions &Opts)
      : PP(PP), SM(PP.getSourceManager()), Opts(Opts) {
    for (const auto &T : Targets)
      TargetIds.insert(PP.getIdentifierInfo(T.getKey()));
  }

  void run(PrefilterResult &R) {
    MainFID = SM.getMainFileID();
    PP.EnterMainSourceFile();
    Token Tok;
    unsigned long N = 0;
    while (true) {
      PP.Lex(Tok);
      if (Tok.is(tok::eof))
        break;
      ++N;
      step(Tok);
    }
    R.Tokens = N;
    decide(R);
  }

private:
  /// Where the token stream is: between declarations, in a function body,
  /// in a file-scope initializer, in a struct/union/enum body.
  enum class Mode : unsigned char { FileScope, Body, Init, Tag };

public:
  /// The preprocessor entered or went back to the file holding Loc. A token
  /// is root code when its expansion location is in a root file, and that
  /// is always the file being lexed (a macro expands where it is invoked,
  /// and an invocation cannot cross the end of a file): following the
  /// lexer's file changes answers it once per file switch instead of a
  /// source-location lookup per identifier, which was the prefilter's
  /// largest cost of its own.
  void fileChanged(SourceLocation Loc) {
    FileID F = SM.getFileID(Loc);
    if (F == MainFID || !MainFID.isValid())
      CurRoot = true;
    else
      CurRoot = Opts.AnalyzeHeaders &&
                !SM.isInSystemHeader(SM.getLocForStartOfFile(F));
  }

private:
  void step(const Token &Tok) {
    tok::TokenKind K = Tok.getKind();
    IdentifierInfo *II = K == tok::identifier ? Tok.getIdentifierInfo() : nullptr;
    if (II && CurRoot)
      addRoot(II);

    switch (M) {
    case Mode::Body:
      if (II)
        collect(II);
      if (K == tok::l_brace)
        ++Depth;
      else if (K == tok::r_brace && --Depth == 0) {
        M = Mode::FileScope;
        resetDecl();
      }
      return;
    case Mode::Init:
      if (II)
        collect(II);
      if (K == tok::l_brace || K == tok::l_paren || K == tok::l_square)
        ++Depth;
      else if ((K == tok::r_brace || K == tok::r_paren || K == tok::r_square) &&
               Depth)
        --Depth;
      else if (K == tok::semi && Depth == 0) {
        M = Mode::FileScope;
        resetDecl();
      } else if (K == tok::comma && Depth == 0) {
        // `int a = x, b = y;`: the next declarator.
        M = Mode::FileScope;
        resetDecl();
      }
      return;
    case Mode::Tag:
      if (K == tok::l_brace)
        ++Depth;
      else if (K == tok::r_brace && --Depth == 0) {
        // The declaration goes on: `struct s {...} v = {...};`.
        M = Mode::FileScope;
        Prev2 = Prev1;
        Prev1 = K;
      }
      return;
    case Mode::FileScope:
      break;
    }

    switch (K) {
    case tok::identifier:
      Idents.push_back(II);
      if (Parens == 0)
        LastIdent = II;
      break;
    case tok::l_paren:
      // The declarator's name: `name (`, also one level down as in a
      // function returning a function pointer, `int (*name(void))(int)`,
      // and in parentheses, `int (name)(void)`.
      if (Prev1 == tok::identifier && Parens <= 1)
        FnNames.push_back(PrevII);
      else if (Prev1 == tok::r_paren && Parens == 0 && ParenIdent)
        FnNames.push_back(ParenIdent);
      ++Parens;
      break;
    case tok::r_paren:
      ParenIdent = Parens == 1 && Prev1 == tok::identifier &&
                           Prev2 == tok::l_paren
                       ? PrevII
                       : nullptr;
      if (Parens)
        --Parens;
      break;
    case tok::semi:
      resetDecl();
      return;
    case tok::equal:
      if (Parens == 0) {
        SmallVector<IdentifierInfo *, 1> Names;
        if (LastIdent)
          Names.push_back(LastIdent);
        startBody(Names, /*IsFunction=*/false);
        M = Mode::Init;
        Depth = 0;
        return;
      }
      break;
    case tok::l_brace:
      if (isTagKeyword(Prev1) ||
          (Prev1 == tok::identifier && isTagKeyword(Prev2))) {
        M = Mode::Tag;
        Depth = 1;
        return;
      }
      startBody(FnNames.empty() ? ArrayRef<IdentifierInfo *>(Idents)
                                : ArrayRef<IdentifierInfo *>(FnNames),
                /*IsFunction=*/true);
      M = Mode::Body;
      Depth = 1;
      return;
    default:
      break;
    }
    Prev2 = Prev1;
    Prev1 = K;
    PrevII = II;
  }

  static bool isTagKeyword(tok::TokenKind K) {
    return K == tok::kw_struct || K == tok::kw_union || K == tok::kw_enum;
  }

  void resetDecl() {
    Parens = 0;
    Idents.clear();
    FnNames.clear();
    LastIdent = PrevII = ParenIdent = nullptr;
    Prev1 = Prev2 = tok::unknown;
  }

  /// A body or initializer starts; Names are what it is mapped from. One
  /// that starts in a root file, or that has no name this scanner can find,
  /// is root code.
  void startBody(ArrayRef<IdentifierInfo *> Names, bool IsFunction) {
    if (Names.empty() || CurRoot) {
      if (CurRoot && IsFunction)
        RootDefs.insert(Names.begin(), Names.end());
      InRootBody = true;
      return;
    }
    InRootBody = false;
    CurBody = Bodies.size();
    Bodies.emplace_back();
    BodyKeys.emplace_back(Names.begin(), Names.end());
    BodySeen.clear();
    for (IdentifierInfo *Name : Names)
      Map[Name].push_back(CurBody);
  }

  void collect(IdentifierInfo *II) {
    if (InRootBody)
      addRoot(II);
    else if (BodySeen.insert(II).second)
      Bodies[CurBody].push_back(II);
  }

  void addRoot(IdentifierInfo *II) {
    if (RootSeen.insert(II).second)
      Roots.push_back(II);
  }

  void decide(PrefilterResult &R) {
    // Breadth-first closure from the roots, remembering how each identifier
    // was reached. With NeededBodies it goes on past the first target: the
    // whole closure is what the analysis can evaluate.
    DenseMap<IdentifierInfo *, IdentifierInfo *> From;
    SmallVector<IdentifierInfo *, 256> Work;
    for (IdentifierInfo *II : Roots) {
      From[II] = nullptr;
      Work.push_back(II);
    }
    IdentifierInfo *Hit = nullptr;
    for (size_t I = 0; I < Work.size(); ++I) {
      IdentifierInfo *II = Work[I];
      if (!Hit && TargetIds.count(II)) {
        Hit = II;
        if (!Opts.NeededBodies)
          break;
      }
      auto It = Map.find(II);
      if (It == Map.end())
        continue;
      for (unsigned B : It->second)
        for (IdentifierInfo *Next : Bodies[B])
          if (From.try_emplace(Next, II).second)
            Work.push_back(Next);
    }
    if (Hit) {
      SmallVector<StringRef, 8> Chain;
      for (IdentifierInfo *C = Hit; C; C = From.lookup(C))
        Chain.push_back(C->getName());
      std::string S = "main file names ";
      for (size_t J = Chain.size(); J-- > 0;) {
        S += Chain[J];
        if (J)
          S += " -> ";
      }
      R.MayReach = true;
      R.Why = S;
      // Every body is an entry point's with AnalyzeHeaders.
      if (Opts.NeededBodies && !Opts.AnalyzeHeaders)
        R.NeededBodies = neededBodies(Work);
      return;
    }
    R.MayReach = false;
    R.Why = "no acquire call reachable from the main file (" +
            std::to_string(Roots.size()) + " main-file names, " +
            std::to_string(Work.size()) + " in their closure, " +
            std::to_string(Bodies.size()) + " header definitions)";
  }

  /// The bodies the analysis of this TU can need (PrefilterOptions::
  /// NeededBodies): those named in the closure of the roots (it can evaluate
  /// them), and those that name, through other header bodies, a function
  /// the main file defines (they make the call graph clang orders entry
  /// points by).
  std::vector<std::string> neededBodies(ArrayRef<IdentifierInfo *> Closure) {
    DenseSet<IdentifierInfo *> Needed(Closure.begin(), Closure.end());
    DenseSet<IdentifierInfo *> Reaches(RootDefs.begin(), RootDefs.end());
    std::vector<bool> Done(Bodies.size());
    for (bool Changed = !Reaches.empty(); Changed;) {
      Changed = false;
      for (size_t B = 0; B < Bodies.size(); ++B) {
        if (Done[B] || llvm::none_of(Bodies[B], [&](IdentifierInfo *II) {
              return Reaches.count(II);
            }))
          continue;
        Done[B] = true;
        for (IdentifierInfo *K : BodyKeys[B])
          Changed |= Reaches.insert(K).second;
      }
    }
    Needed.insert(Reaches.begin(), Reaches.end());
    std::vector<std::string> Out;
    Out.reserve(Needed.size());
    for (IdentifierInfo *II : Needed)
      Out.push_back(II->getName().str());
    llvm::sort(Out);
    return Out;
  }

  Preprocessor &PP;
  SourceManager &SM;
  const PrefilterOptions &Opts;
  FileID MainFID;
  /// Whether the file being lexed is root code (fileChanged()).
  bool CurRoot = true;
  DenseSet<IdentifierInfo *> TargetIds;

  // Roots, and the map name -> bodies -> names.
  SmallVector<IdentifierInfo *, 1024> Roots;
  DenseSet<IdentifierInfo *> RootSeen;
  DenseMap<IdentifierInfo *, SmallVector<unsigned, 1>> Map;
  std::vector<std::vector<IdentifierInfo *>> Bodies;
  /// Per body, the names it is mapped from.
  std::vector<SmallVector<IdentifierInfo *, 1>> BodyKeys;
  /// Names of the functions root code defines.
  DenseSet<IdentifierInfo *> RootDefs;
  DenseSet<IdentifierInfo *> BodySeen;

  Mode M = Mode::FileScope;
  unsigned Depth = 0;
  bool InRootBody = false;
  unsigned CurBody = 0;

  // The file-scope declaration being read.
  SmallVector<IdentifierInfo *, 16> Idents, FnNames;
  IdentifierInfo *LastIdent = nullptr, *PrevII = nullptr,
                 *ParenIdent = nullptr;
  tok::TokenKind Prev1 = tok::unknown, Prev2 = tok::unknown;
  unsigned Parens = 0;
};

/// Tells the scanner which file the lexer is in.
class FileTracker : public PPCallbacks {
public:
  explicit FileTracker(Scanner &S) : S(&S) {}
  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind, FileID) override {
    if (S && (Reason == EnterFile || Reason == ExitFile))
      S->fileChanged(Loc);
  }
  /// The preprocessor (its owner) outlives the scanner.
  void detach() { S = nullptr; }

private:
  Scanner *S;
};

class PrefilterAction : public PreprocessorFrontendAction {
public:
  PrefilterAction(const StringSet<> &Targets, const PrefilterOptions &Opts,
                  PrefilterResult &R)
      : Targets(Targets), Opts(Opts), R(R) {}

  void ExecuteAction() override {
    CompilerInstance &CI = getCompilerInstance();
    // Pragmas the parser would handle (pack, GCC visibility, ...) are
    // unknown to a preprocessor alone; with -Werror their warning would make
    // every answer "unsure".
    CI.getPreprocessor().IgnorePragmas();
    Scanner S(CI.getPreprocessor(), Targets, Opts);
    auto Tracker = std::make_unique<FileTracker>(S);
    FileTracker *T = Tracker.get();
    CI.getPreprocessor().addPPCallbacks(std::move(Tracker));
    S.run(R);
    T->detach();
    if (CI.getDiagnostics().hasErrorOccurred()) {
      if (!R.MayReach)
        R.Why = "unsure, preprocessor errors (" + R.Why + ")";
      R.MayReach = true;
      R.NeededBodies.reset();
    }
    Ran = true;
  }
  bool Ran = false;

private:
  const StringSet<> &Targets;
  const PrefilterOptions &Opts;
  PrefilterResult &R;
};

class Factory : public FrontendActionFactory {
public:
  Factory(const StringSet<> &T, const PrefilterOptions &O, PrefilterResult &R)
      : T(T), O(O), R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<PrefilterAction>(T, O, R);
  }

private:
  const StringSet<> &T;
  const PrefilterOptions &O;
  PrefilterResult &R;
};

} // namespace

PrefilterResult prefilterTU(const CompileCommand &Cmd,
                            const StringSet<> &TargetNames,
                            const PrefilterOptions &Opts) {
  double T0 = cpuSeconds();
  PrefilterResult R;
  R.MayReach = true;
  R.Why = "unsure, the preprocessor did not run";
  OneCommandTool One(Cmd);
  ClangTool &Tool = One.tool();
  // Quiet: this runs inside tools that print their own results (no "N errors
  // generated.", which only caret diagnostics print, no "Error while...").
  // Warnings never matter to the preprocessor's answer, but -Werror turns
  // them into errors that would make it unsure: sparse's -W flags under the
  // kernel's -Werror=unknown-warning-option (make C=1), #warning directives.
  Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      CommandLineArguments{"-fno-caret-diagnostics", "-w"},
      ArgumentInsertPosition::END));
  Tool.setPrintErrorMessage(false);
  CountingDiags Diags;
  Tool.setDiagnosticConsumer(&Diags);
  Factory F(TargetNames, Opts, R);
  if (Tool.run(&F) != 0) {
    R.NeededBodies.reset();
    if (!R.MayReach) {
      R.MayReach = true;
      R.Why = "unsure, the tool failed (" + R.Why + ")";
    }
  }
  if (!Diags.First.empty())
    R.Why += "; first error: " + Diags.First;
  R.Seconds = cpuSeconds() - T0;
  return R;
}

PrefilterResult prefilterCode(StringRef Code, StringRef FileName,
                              const std::vector<std::string> &Args,
                              const StringSet<> &TargetNames,
                              const PrefilterOptions &Opts) {
  double T0 = cpuSeconds();
  PrefilterResult R;
  R.MayReach = true;
  R.Why = "unsure, the preprocessor did not run";
  std::vector<std::string> A = Args;
  std::string RD = clangResourceDir();
  if (!RD.empty())
    A.push_back("-resource-dir=" + RD);
  auto Action = std::make_unique<PrefilterAction>(TargetNames, Opts, R);
  if (!runToolOnCodeWithArgs(std::move(Action), Code, A, FileName)) {
    R.NeededBodies.reset();
    if (!R.MayReach) {
      R.MayReach = true;
      R.Why = "unsure, the tool failed (" + R.Why + ")";
    }
  }
  R.Seconds = cpuSeconds() - T0;
  return R;
}

} // namespace pinpair
