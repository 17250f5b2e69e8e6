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
//===----------------------------------------------------------------------===//

#include "pinpair/Focus.h"

#include "GupChecker.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclGroup.h"
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
      : CI(CI), Opts(std::move(O)), Inner(std::move(Inner)) {}

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
    return Inner->shouldSkipFunctionBody(D);
  }

private:
  enum class Kind { TopLevel, ObjCContainer, Interesting };
  struct Group {
    Kind K;
    DeclGroupRef D;
  };

  CompilerInstance &CI;
  FocusOptions Opts;
  std::unique_ptr<AnalysisASTConsumer> Inner;
  std::vector<Group> Groups;
};

} // namespace

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
