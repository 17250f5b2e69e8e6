//===- FocusConsumer.cpp - clang's AnalysisConsumer on fewer entry points -===//
//
// The wrapper buffers what HandleTopLevelDecl (and its ObjC-container and
// "interesting decl" variants) receive, and in HandleTranslationUnit forwards
// those groups to the inner AnalysisConsumer in their original order, minus
// the function definitions selectFocus() drops, before forwarding
// HandleTranslationUnit itself. Every other ASTConsumer callback is forwarded
// as it comes: clang's AnalysisConsumer implements none of them except
// Initialize, and it only stores top-level declarations until the end of the
// TU, so delaying them changes nothing it sees.
//
// Skipped bodies (FocusOptions::NeededBodies). The parser asks the consumer
// whether to skip each function body (shouldSkipFunctionBody) when
// FrontendOptions::SkipFunctionBodies is set; this consumer answers yes for
// a function defined outside the main file whose name is not in the set,
// and the Sema makes it a definition without a body. Why the findings stay
// those of a parse with every body, given the set the prefilter computes
// (every name in the closure of the main file's identifiers through the
// header bodies and initializers, plus every header function whose body
// names, through other header bodies, a function the main file defines):
//  * a path-analysed entry point is a main-file function (headers are not
//    skipped with -analyzer-opt-analyze-headers): its body is kept;
//  * the engine evaluates only code that the entry points' code names,
//    transitively (calls, addresses taken, initializers of the variables it
//    names): all of it is in the closure, so every body it can inline is
//    kept, with the same CFG and the same inlining budgets;
//  * clang's call graph, whose reverse post-order orders the entry points
//    (FocusSelection.cpp), loses only the edges out of skipped bodies. A
//    skipped function cannot reach a main-file function in the call graph
//    (those are kept), nor can anything it reaches, and a depth-first walk
//    visits main-file nodes and creates their nodes in the same order when
//    such edges are gone. The focus selection computes its orders the same
//    way;
//  * linux.gup's own whole-TU question (AcquireReach, which addresses can
//    an indirect call meet) only looks at code the entry points name.
// Reports of other checkers in header bodies (syntax checks) are not
// preserved, as for dropped functions.
//
//===----------------------------------------------------------------------===//

#include "pinpair/Focus.h"

#include "GupChecker.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclGroup.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;
using namespace clang::ento;

namespace pinpair {
namespace {

class FocusedAnalysisConsumer : public AnalysisASTConsumer {
public:
  FocusedAnalysisConsumer(CompilerInstance &CI,
                          std::unique_ptr<AnalysisASTConsumer> Inner,
                          FocusOptions O)
      : CI(CI), Opts(std::move(O)), Inner(std::move(Inner)) {
    // Headers hold entry points too with -analyzer-opt-analyze-headers.
    SkipBodies = Opts.Enabled && Opts.NeededBodies &&
                 !focusUnsupported(CI.getLangOpts(), CI.getAnalyzerOpts()) &&
                 !CI.getAnalyzerOpts().AnalyzeAll;
    if (SkipBodies)
      CI.getFrontendOpts().SkipFunctionBodies = true;
  }

  // AnalysisASTConsumer.
  void AddDiagnosticConsumer(PathDiagnosticConsumer *C) override {
    Inner->AddDiagnosticConsumer(C);
  }
  void AddCheckerRegistrationFn(
      std::function<void(CheckerRegistry &)> Fn) override {
    Inner->AddCheckerRegistrationFn(std::move(Fn));
  }

  // Buffered.
  bool HandleTopLevelDecl(DeclGroupRef D) override {
    Groups.push_back({Kind::TopLevel, D});
    return true;
  }
  void HandleTopLevelDeclInObjCContainer(DeclGroupRef D) override {
    Groups.push_back({Kind::ObjCContainer, D});
  }
  void HandleInterestingDecl(DeclGroupRef D) override {
    Groups.push_back({Kind::Interesting, D});
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    std::vector<Decl *> All;
    for (const Group &G : Groups)
      for (Decl *D : G.D)
        All.push_back(D);
    FocusStats Local;
    FocusStats &St = Opts.Stats ? *Opts.Stats : Local;
    // The AnalysisConsumer does nothing after a parse error; neither does the
    // selection (no CFGs on an invalid AST).
    FocusOptions O = Opts;
    if (Ctx.getDiagnostics().hasErrorOccurred())
      O.Enabled = false;
    std::vector<const Decl *> Kept =
        selectFocus(Ctx, CI.getAnalyzerOpts(), All, O, &St);
    St.SkippedBodies = Skipped;
    St.KeptBodies = KeptOutside;
    // The argument above rests on the prefilter's crude parse having seen
    // every name: check what can be checked without the skipped bodies.
    if (Skipped && !Ctx.getDiagnostics().hasErrorOccurred())
      if (const FunctionDecl *FD = neededButSkipped(All)) {
        St.NeededButSkipped = FD->getNameAsString();
        DiagnosticsEngine &D = Ctx.getDiagnostics();
        D.Report(FD->getLocation(),
                 D.getCustomDiagID(DiagnosticsEngine::Error,
                                   "pinpair: the parse skipped the body of "
                                   "'%0', which main-file code can reach "
                                   "(a prefilter bug; run with --no-focus)"))
            << FD->getName();
        Groups.clear();
        return;
      }
    llvm::DenseSet<const Decl *> Keep(Kept.begin(), Kept.end());
    auto dropped = [&](const Decl *D) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      return FD && FD->doesThisDeclarationHaveABody() && !Keep.count(D);
    };

    for (const Group &G : Groups) {
      DeclGroupRef Out = G.D;
      if (llvm::any_of(G.D, dropped)) {
        llvm::SmallVector<Decl *, 4> Left;
        for (Decl *D : G.D)
          if (!dropped(D))
            Left.push_back(D);
        if (Left.empty())
          continue;
        Out = DeclGroupRef::Create(Ctx, Left.data(), Left.size());
      }
      switch (G.K) {
      case Kind::TopLevel:
        Inner->HandleTopLevelDecl(Out);
        break;
      case Kind::ObjCContainer:
        Inner->HandleTopLevelDeclInObjCContainer(Out);
        break;
      case Kind::Interesting:
        Inner->HandleInterestingDecl(Out);
        break;
      }
    }
    Groups.clear();
    Inner->HandleTranslationUnit(Ctx);
  }

  // Forwarded as they come.
  void Initialize(ASTContext &Ctx) override { Inner->Initialize(Ctx); }
  void HandleInlineFunctionDefinition(FunctionDecl *D) override {
    Inner->HandleInlineFunctionDefinition(D);
  }
  void HandleTagDeclDefinition(TagDecl *D) override {
    Inner->HandleTagDeclDefinition(D);
  }
  void HandleTagDeclRequiredDefinition(const TagDecl *D) override {
    Inner->HandleTagDeclRequiredDefinition(D);
  }
  void HandleCXXImplicitFunctionInstantiation(FunctionDecl *D) override {
    Inner->HandleCXXImplicitFunctionInstantiation(D);
  }
  void HandleImplicitImportDecl(ImportDecl *D) override {
    Inner->HandleImplicitImportDecl(D);
  }
  void CompleteTentativeDefinition(VarDecl *D) override {
    Inner->CompleteTentativeDefinition(D);
  }
  void CompleteExternalDeclaration(DeclaratorDecl *D) override {
    Inner->CompleteExternalDeclaration(D);
  }
  void AssignInheritanceModel(CXXRecordDecl *RD) override {
    Inner->AssignInheritanceModel(RD);
  }
  void HandleCXXStaticMemberVarInstantiation(VarDecl *D) override {
    Inner->HandleCXXStaticMemberVarInstantiation(D);
  }
  void HandleVTable(CXXRecordDecl *RD) override { Inner->HandleVTable(RD); }
  ASTMutationListener *GetASTMutationListener() override {
    return Inner->GetASTMutationListener();
  }
  ASTDeserializationListener *GetASTDeserializationListener() override {
    return Inner->GetASTDeserializationListener();
  }
  void PrintStats() override { Inner->PrintStats(); }
  bool shouldSkipFunctionBody(Decl *D) override {
    if (!SkipBodies)
      return Inner->shouldSkipFunctionBody(D);
    const FunctionDecl *FD = D->getAsFunction();
    if (!FD)
      return false;
    const SourceManager &SM = CI.getSourceManager();
    // As AnalysisManager::isInCodeFile: where the entry points are.
    if (SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return false;
    const IdentifierInfo *II = FD->getIdentifier();
    if (!II || Opts.NeededBodies->contains(II->getName())) {
      ++KeptOutside;
      return false;
    }
    ++Skipped;
    return true;
  }

private:
  /// A function whose body the parse skipped although the entry points'
  /// code names it, directly or through the bodies and initializers it
  /// names (what the engine can evaluate; AcquireReach's notion too).
  const FunctionDecl *neededButSkipped(ArrayRef<Decl *> All) {
    struct Walk : RecursiveASTVisitor<Walk> {
      llvm::DenseSet<const Decl *> Seen;
      llvm::SmallVector<const Decl *, 64> Work;
      const FunctionDecl *Bad = nullptr;
      void reach(const Decl *D) {
        if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
          for (const FunctionDecl *R : FD->redecls())
            if (R->hasSkippedBody()) {
              Bad = Bad ? Bad : R;
              return;
            }
          const FunctionDecl *Def = nullptr;
          if (FD->hasBody(Def) && Seen.insert(Def).second)
            Work.push_back(Def);
        } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
          const VarDecl *Def = nullptr;
          if (VD->hasGlobalStorage() && VD->getAnyInitializer(Def) &&
              Seen.insert(Def).second)
            Work.push_back(Def);
        }
      }
      bool VisitDeclRefExpr(DeclRefExpr *E) {
        reach(E->getDecl());
        return true;
      }
      bool VisitVarDecl(VarDecl *VD) {
        if (const auto *CA = VD->getAttr<CleanupAttr>())
          if (const FunctionDecl *F = CA->getFunctionDecl())
            reach(F);
        return true;
      }
    } W;
    const SourceManager &SM = CI.getSourceManager();
    for (Decl *D : All)
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() &&
            SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) &&
            W.Seen.insert(FD).second)
          W.Work.push_back(FD);
    while (!W.Work.empty() && !W.Bad) {
      const Decl *D = W.Work.pop_back_val();
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        W.TraverseStmt(FD->getBody());
      else if (const auto *VD = dyn_cast<VarDecl>(D))
        W.TraverseStmt(const_cast<Expr *>(VD->getInit()));
    }
    return W.Bad;
  }

  enum class Kind { TopLevel, ObjCContainer, Interesting };
  struct Group {
    Kind K;
    DeclGroupRef D;
  };

  CompilerInstance &CI;
  FocusOptions Opts;
  std::unique_ptr<AnalysisASTConsumer> Inner;
  std::vector<Group> Groups;
  bool SkipBodies = false;
  unsigned Skipped = 0, KeptOutside = 0;
};

} // namespace

std::shared_ptr<const llvm::StringSet<>>
neededBodySet(ArrayRef<StringRef> Names) {
  auto Set = std::make_shared<llvm::StringSet<>>();
  for (StringRef N : Names)
    Set->insert(N);
  return Set;
}

std::shared_ptr<const llvm::StringSet<>>
neededBodySet(ArrayRef<std::string> Names) {
  SmallVector<StringRef, 0> Refs(Names.begin(), Names.end());
  return neededBodySet(ArrayRef<StringRef>(Refs));
}

std::unique_ptr<AnalysisASTConsumer>
focusAnalysisConsumer(CompilerInstance &CI,
                      std::unique_ptr<AnalysisASTConsumer> Inner,
                      FocusOptions Opts) {
  return std::make_unique<FocusedAnalysisConsumer>(CI, std::move(Inner),
                                                   std::move(Opts));
}

std::unique_ptr<AnalysisASTConsumer>
createFocusedAnalysisConsumer(CompilerInstance &CI, FocusOptions Opts) {
  std::unique_ptr<AnalysisASTConsumer> Inner = CreateAnalysisConsumer(CI);
  if (Opts.RegisterGupCheckers)
    Inner->AddCheckerRegistrationFn(registerGupCheckers);
  for (auto &Fn : Opts.RegistrationFns)
    Inner->AddCheckerRegistrationFn(Fn);
  return focusAnalysisConsumer(CI, std::move(Inner), std::move(Opts));
}

} // namespace pinpair
