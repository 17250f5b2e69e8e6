//===- AcquireReach.cpp - Can this path still reach an acquire call? ------===//
//
// The model is stated in AcquireReach.h. Everything here over-approximates:
// a wrong "yes" only costs time, a wrong "no" would lose a finding.
//
//===----------------------------------------------------------------------===//

#include "AcquireReach.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace pinpair {

struct AcquireReach::Names {
  llvm::SmallVector<const Decl *, 8> Nodes;
  bool Acquire = false;
  /// The function types of its indirect calls (canonical).
  llvm::SmallVector<QualType, 2> IndirectCalls;
};

struct AcquireReach::CFGInfo {
  /// The statements the CFG lists as elements: the engine evaluates each
  /// on its own, so a scan of one element stops at them (a return
  /// statement does not call again the function it returns the value of).
  llvm::DenseSet<const Stmt *> Elements;
  /// By block ID: a relevant block is reachable from this one (itself included).
  llvm::BitVector Live;
  /// Per call site (block ID, element index): the caller's code after the
  /// call can reach an acquire call.
  llvm::DenseMap<std::pair<unsigned, unsigned>, bool> RestReaches;
};

namespace {

/// The graph node a name stands for: a function's definition, or the
/// definition of a file-scope (or static local) variable with an initializer.
const Decl *nodeFor(const ValueDecl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    const FunctionDecl *Def = nullptr;
    return FD->hasBody(Def) ? Def : nullptr;
  }
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    const VarDecl *Def = nullptr;
    if (VD->hasGlobalStorage() && VD->getAnyInitializer(Def))
      return Def;
  }
  return nullptr;
}

/// The function type an indirect call calls through, or null.
QualType indirectCallType(const Stmt *S) {
  const auto *CE = dyn_cast<CallExpr>(S);
  if (!CE || CE->getDirectCallee())
    return QualType();
  QualType T = CE->getCallee()->getType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  else if (const auto *BT = T->getAs<BlockPointerType>())
    T = BT->getPointeeType();
  return T.isNull() ? QualType() : T.getCanonicalType();
}

/// The function a cast operand names, looking through parentheses and the
/// decay to a pointer.
const FunctionDecl *castFunction(const CastExpr *CE) {
  const Expr *E = CE->getSubExpr()->IgnoreParens();
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E))
    if (ICE->getCastKind() == CK_FunctionToPointerDecay)
      E = ICE->getSubExpr()->IgnoreParens();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParens();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

/// The functions whose address the engine can come to hold: taken in code
/// it can evaluate (a function body or the initializer of a variable with
/// global storage) that an entry point names, directly or through other
/// such code. An address taken only in a variable no code names
/// (EXPORT_SYMBOL's __ksymtab entries, initcall tables), or only in a header
/// function that no entry point's code names, can never be called through
/// by the analysis.
class AddressTaken : public RecursiveASTVisitor<AddressTaken> {
public:
  AddressTaken(const SourceManager &SM, bool AllEntryPoints)
      : SM(SM), AllEntryPoints(AllEntryPoints) {}

  struct Use {
    const FunctionDecl *FD;
    /// Converted to another type (a cast to void * or another function
    /// type): an indirect call of any type may reach it.
    bool AnyType;
  };
  llvm::DenseSet<const DeclRefExpr *> Callees;
  /// Per owner (a function or a variable with global storage, canonical):
  /// the functions whose address it takes (and whether it converts it to
  /// another type), and every function and variable it names (called or
  /// not, and cleanup functions of its locals).
  llvm::DenseMap<const Decl *, llvm::SmallVector<Use, 2>> Fns;
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Decl *, 4>> Refs;
  llvm::SmallVector<const Decl *, 4> Owners;
  /// Functions the analysis starts from.
  llvm::SmallVector<const Decl *, 64> Roots;

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const Decl *C = FD->getCanonicalDecl();
    if (FD->doesThisDeclarationHaveABody() &&
        (AllEntryPoints ||
         SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()))))
      Roots.push_back(C);
    Owners.push_back(C);
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Owners.pop_back();
    return R;
  }
  bool TraverseVarDecl(VarDecl *VD) {
    if (!Owners.empty())
      if (const auto *CA = VD->getAttr<CleanupAttr>())
        if (const FunctionDecl *F = CA->getFunctionDecl())
          Refs[Owners.back()].push_back(F->getCanonicalDecl());
    bool Own = VD->hasGlobalStorage();
    if (Own)
      Owners.push_back(VD->getCanonicalDecl());
    bool R = RecursiveASTVisitor::TraverseVarDecl(VD);
    if (Own)
      Owners.pop_back();
    return R;
  }
  // Unevaluated operands take no address: typeof() (EXPORT_SYMBOL redeclares
  // every exported function with it), sizeof, alignof.
  // (LLVM 22 passes one more argument to the TypeLoc traversals.)
  template <typename... More>
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc, More...) {
    return true;
  }
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      Callees.insert(DRE);
    return true;
  }
  bool VisitCastExpr(CastExpr *CE) {
    if (Owners.empty() || CE->getCastKind() == CK_FunctionToPointerDecay ||
        CE->getCastKind() == CK_NoOp || CE->getCastKind() == CK_LValueToRValue)
      return true;
    if (const FunctionDecl *FD = castFunction(CE))
      Fns[Owners.back()].push_back({FD, true});
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (Owners.empty())
      return true;
    const Decl *Owner = Owners.back();
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      Refs[Owner].push_back(FD->getCanonicalDecl());
      if (!Callees.count(DRE))
        Fns[Owner].push_back({FD, false});
    } else if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (VD->hasGlobalStorage())
        Refs[Owner].push_back(VD->getCanonicalDecl());
    }
    return true;
  }

  /// The address-taken functions the engine can come to hold.
  std::vector<Use> uses() const {
    // The code the analysis can evaluate: the entry points and what their
    // code names, transitively.
    llvm::DenseSet<const Decl *> Live(Roots.begin(), Roots.end());
    llvm::SmallVector<const Decl *, 64> Work(Roots.begin(), Roots.end());
    while (!Work.empty()) {
      auto It = Refs.find(Work.pop_back_val());
      if (It == Refs.end())
        continue;
      for (const Decl *D : It->second)
        if (Live.insert(D).second)
          Work.push_back(D);
    }
    std::vector<Use> Out;
    llvm::DenseMap<const FunctionDecl *, size_t> Index;
    for (const auto &E : Fns) {
      if (!Live.count(E.first))
        continue;
      for (const Use &U : E.second) {
        auto [It, New] = Index.try_emplace(U.FD->getCanonicalDecl(), Out.size());
        if (New)
          Out.push_back(U);
        else
          Out[It->second].AnyType |= U.AnyType;
      }
    }
    return Out;
  }

private:
  const SourceManager &SM;
  bool AllEntryPoints;
};

} // namespace

AcquireReach::AcquireReach(NamePredicate IsAcquire)
    : IsAcquire(std::move(IsAcquire)) {}
AcquireReach::~AcquireReach() = default;

void AcquireReach::reset(ASTContext *NewCtx, bool All) {
  Ctx = NewCtx;
  AllEntryPoints = All;
  NameCache.clear();
  Reach.clear();
  ReachNamed.clear();
  CFGs.clear();
  CFGsNamed.clear();
  Indirect = -1;
  AnyTypeReaches = false;
  TakenReaching.clear();
}

const AcquireReach::Names &AcquireReach::namesOf(const Decl *D) {
  auto &Slot = NameCache[D];
  if (Slot)
    return *Slot;
  auto N = std::make_unique<Names>();
  const Stmt *Root = nullptr;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    Root = FD->getBody();
  else if (const auto *VD = dyn_cast<VarDecl>(D))
    Root = VD->getInit();
  llvm::SmallVector<const Stmt *, 64> Work;
  if (Root)
    Work.push_back(Root);
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (QualType T = indirectCallType(S); !T.isNull())
      N->IndirectCalls.push_back(T);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const ValueDecl *VD = DRE->getDecl();
      if (isAcquire(VD))
        N->Acquire = true;
      else if (const Decl *Node = nodeFor(VD))
        N->Nodes.push_back(Node);
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  Slot = std::move(N);
  return *Slot;
}

void AcquireReach::settleIndirect() {
  if (Indirect >= 0)
    return;
  // Least fixpoint: start with indirect calls reaching nothing, add each
  // address-taken function found to reach an acquire call under the
  // current assumption, and start over until nothing is added. The answers
  // cached under a smaller assumption are dropped each time.
  Indirect = 0;
  // Settled with indirect calls counted, whatever was asked.
  bool WasNamed = Named;
  Named = false;
  struct Restore {
    bool &N;
    bool V;
    ~Restore() { N = V; }
  } R{Named, WasNamed};
  if (!Ctx) {
    AnyTypeReaches = true;
    Indirect = 1;
    return;
  }
  AddressTaken V(Ctx->getSourceManager(), AllEntryPoints);
  V.TraverseDecl(Ctx->getTranslationUnitDecl());
  std::vector<AddressTaken::Use> Uses = V.uses();
  std::vector<bool> Added(Uses.size());
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (size_t I = 0; I < Uses.size(); ++I) {
      if (Added[I])
        continue;
      const FunctionDecl *FD = Uses[I].FD;
      if (!declReaches(FD))
        continue;
      Added[I] = Changed = true;
      if (Uses[I].AnyType)
        AnyTypeReaches = true;
      TakenReaching.push_back(FD);
    }
    if (Changed)
      Reach.clear();
  }
  Indirect = 1;
}

bool AcquireReach::indirectCallReaches(QualType CalleeType) {
  if (Named)
    return false;
  settleIndirect();
  if (AnyTypeReaches)
    return true;
  for (const FunctionDecl *FD : TakenReaching)
    if (Ctx->typesAreCompatible(FD->getType(), CalleeType))
      return true;
  return false;
}

bool AcquireReach::nodeReaches(const Decl *Start) {
  // Settled first: settling it clears what was computed under a smaller
  // assumption.
  settleIndirect();
  auto &Reach = Named ? ReachNamed : this->Reach;
  if (auto It = Reach.find(Start); It != Reach.end())
    return It->second;
  // The part of the graph reachable from Start that is not answered yet,
  // then "reaches" propagated backwards from the nodes that name an acquire
  // function directly.
  llvm::SmallVector<const Decl *, 32> Nodes{Start};
  llvm::DenseMap<const Decl *, unsigned> Index{{Start, 0}};
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Decl *, 4>> Callers;
  llvm::SmallVector<const Decl *, 32> Seeds;
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    const Decl *D = Nodes[I];
    const Names &N = namesOf(D);
    bool Seed = N.Acquire;
    for (const Decl *M : N.Nodes) {
      if (auto It = Reach.find(M); It != Reach.end()) {
        Seed |= It->second;
        continue;
      }
      Callers[M].push_back(D);
      if (Index.try_emplace(M, Nodes.size()).second)
        Nodes.push_back(M);
    }
    if (Seed)
      Seeds.push_back(D);
  }
  for (const Decl *D : Nodes)
    for (QualType T : namesOf(D).IndirectCalls)
      if (indirectCallReaches(T)) {
        Seeds.push_back(D);
        break;
      }
  llvm::DenseSet<const Decl *> Yes;
  while (!Seeds.empty()) {
    const Decl *D = Seeds.pop_back_val();
    if (!Yes.insert(D).second)
      continue;
    for (const Decl *C : Callers.lookup(D))
      Seeds.push_back(C);
  }
  for (const Decl *D : Nodes)
    Reach[D] = Yes.count(D);
  return Reach[Start];
}

bool AcquireReach::isAcquire(const ValueDecl *D) const {
  return isa<FunctionDecl>(D) && D->getIdentifier() &&
         IsAcquire(D->getName());
}

bool AcquireReach::declReaches(const ValueDecl *D) {
  if (isAcquire(D))
    return true;
  const Decl *Node = nodeFor(D);
  return Node && nodeReaches(Node);
}

bool AcquireReach::functionReaches(const FunctionDecl *FD) {
  return declReaches(FD);
}

bool AcquireReach::stmtReaches(const Stmt *Root, const CFGInfo &In) {
  llvm::SmallVector<const Stmt *, 16> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (QualType T = indirectCallType(S);
        !T.isNull() && indirectCallReaches(T))
      return true;
    // The call happens here, whichever block evaluated its callee (the
    // callee comes before the arguments, and an argument with a branch,
    // `f(x ? a : b)`, puts them in different blocks).
    const ValueDecl *VD = nullptr;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      VD = CE->getDirectCallee();
    else if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      VD = DRE->getDecl();
    if (VD && declReaches(VD))
      return true;
    for (const Stmt *Child : S->children())
      if (Child && !In.Elements.count(Child))
        Work.push_back(Child);
  }
  return false;
}

bool AcquireReach::elementReaches(const CFGElement &E, const CFGInfo &In) {
  switch (E.getKind()) {
  case CFGElement::Statement:
  case CFGElement::Constructor:
  case CFGElement::CXXRecordTypedCall:
    return stmtReaches(E.castAs<CFGStmt>().getStmt(), In);
  case CFGElement::CleanupFunction:
    return functionReaches(E.castAs<CFGCleanupFunction>().getFunctionDecl());
  case CFGElement::ScopeBegin:
  case CFGElement::ScopeEnd:
  case CFGElement::LifetimeEnds:
  case CFGElement::LoopExit:
    return false;
  default:
    // C++ destructors, initializers and the like: not modelled, assumed to
    // reach (pinpair focuses on C; this keeps C++ correct, only slower).
    return true;
  }
}

AcquireReach::CFGInfo &AcquireReach::infoFor(const Decl *D, const CFG &G) {
  // Keyed by the function, not the CFG: clang frees a function's CFG after
  // each entry point and builds the same one again (same block IDs) later.
  auto &Slot = (Named ? CFGsNamed : CFGs)[D];
  unsigned N = G.getNumBlockIDs();
  if (Slot && Slot->Live.size() == N)
    return *Slot;
  auto Info = std::make_unique<CFGInfo>();
  Info->Live.resize(N);
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        Info->Elements.insert(S->getStmt());
  llvm::SmallVector<const CFGBlock *, 32> Work;
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B)
      if (elementReaches(E, *Info)) {
        Info->Live.set(B->getBlockID());
        Work.push_back(B);
        break;
      }
  // Backwards: a block is live if a live block follows it.
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &P : B->preds()) {
      const CFGBlock *PB = P.getReachableBlock();
      if (!PB)
        PB = P.getPossiblyUnreachableBlock();
      if (!PB || Info->Live.test(PB->getBlockID()))
        continue;
      Info->Live.set(PB->getBlockID());
      Work.push_back(PB);
    }
  }
  Slot = std::move(Info);
  return *Slot;
}

const CFGBlock *AcquireReach::block(const CFG &G, unsigned ID) {
  // CFG::Blocks is in creation order, which is ID order.
  if (ID < G.size() && (*(G.begin() + ID))->getBlockID() == ID)
    return *(G.begin() + ID);
  for (const CFGBlock *B : G)
    if (B->getBlockID() == ID)
      return B;
  return nullptr;
}

bool AcquireReach::mayReachAfterBranch(const CFGBlock &B,
                                       const StackFrameContext *SFC,
                                       llvm::function_ref<bool()> MayHoldPointer) {
  // With indirect calls counted, nothing ahead: end the path. Names ahead:
  // keep it. Only indirect calls ahead: they can reach an acquire call only
  // through a function address the path holds now (one produced ahead is
  // produced by a name ahead), so ask the state.
  Named = false;
  if (!mayReachIn(B, SFC))
    return false;
  Named = true;
  bool ByName = mayReachIn(B, SFC);
  Named = false;
  return ByName || MayHoldPointer();
}

bool AcquireReach::valueMayCallReaching(ento::SVal V) {
  using namespace ento;
  if (V.getAs<nonloc::LazyCompoundVal>())
    return true;
  if (auto CV = V.getAs<nonloc::CompoundVal>()) {
    for (SVal X : *CV)
      if (valueMayCallReaching(X))
        return true;
    return false;
  }
  if (auto LI = V.getAs<nonloc::LocAsInteger>())
    V = LI->getLoc();
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return false;
  R = R->getBaseRegion();
  if (const auto *FR = dyn_cast<FunctionCodeRegion>(R)) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(FR->getDecl());
    return !FD || functionReaches(FD);
  }
  // A global whose initializer names one (an ops table).
  if (const auto *VR = dyn_cast<NonParamVarRegion>(R))
    return declReaches(VR->getDecl());
  return false;
}

bool AcquireReach::mayReachIn(const CFGBlock &B, const StackFrameContext *SFC) {
  auto SuccLive = [](const CFGInfo &I, const CFGBlock &Blk) {
    for (const CFGBlock::AdjacentBlock &S : Blk.succs()) {
      const CFGBlock *SB = S.getReachableBlock();
      if (!SB)
        SB = S.getPossiblyUnreachableBlock();
      if (SB && I.Live.test(SB->getBlockID()))
        return true;
    }
    return false;
  };
  const CFG *G = SFC->getAnalysisDeclContext()->getCFG();
  if (!G || SuccLive(infoFor(SFC->getDecl(), *G), B))
    return true;
  // The callers' code after their call sites.
  for (const StackFrameContext *F = SFC; F;) {
    const CFGBlock *Site = F->getCallSiteBlock();
    const LocationContext *P = F->getParent();
    if (!Site || !P)
      break;
    const StackFrameContext *PF = P->getStackFrame();
    const CFG *PG = PF->getAnalysisDeclContext()->getCFG();
    if (!PG)
      return true;
    CFGInfo &PI = infoFor(PF->getDecl(), *PG);
    auto [It, New] =
        PI.RestReaches.try_emplace({Site->getBlockID(), F->getIndex()}, false);
    if (New) {
      for (unsigned I = F->getIndex() + 1, E = Site->size(); I < E; ++I)
        if (elementReaches((*Site)[I], PI)) {
          It->second = true;
          break;
        }
      It->second = It->second || SuccLive(PI, *Site);
    }
    if (It->second)
      return true;
    F = PF;
  }
  return false;
}

} // namespace pinpair
