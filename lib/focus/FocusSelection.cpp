//===- FocusSelection.cpp - Which top-level functions the analysis needs --===//
//
// What the analyzer does with the top-level declarations
// -----------------------------------------------------
// (clang/lib/StaticAnalyzer/Frontend/AnalysisConsumer.cpp, LLVM 19)
//
//  * HandleTopLevelDecl() only stores the declarations (storeTopLevelDecls ->
//    LocalTUDecls). Nothing else feeds the list of entry points.
//  * HandleTranslationUnit() runs the AST checkers over LocalTUDecls, then
//    builds a CallGraph from LocalTUDecls and walks its nodes in reverse
//    post-order (callers before callees). A function already inlined into an
//    earlier entry point (the Visited set) is not analysed again as an entry
//    point. Only functions whose body is in the main file are analysed
//    path-sensitively (getModeForDecl; every one with
//    -analyzer-opt-analyze-headers); the others get the AST checkers only.
//  * Inlining uses the body from the AST, whether or not the callee was handed
//    to HandleTopLevelDecl.
//  * What one entry point's analysis leaves behind for the next ones: the
//    Visited set, and the FunctionSummaries table: per callee, "may inline"
//    (false for good once an inlined call of it exhausted the block visit
//    limit), and how often it was inlined (a large callee, CFG >= 14 blocks
//    by default, is not inlined after 32 times). Everything else (ExprEngine,
//    states, bug reporter) lives for one entry point, and the linux.gup
//    checkers keep no state across entry points.
//
// Why the findings stay the same
// ------------------------------
// Graph: nodes are the TU's functions and file-scope variables; N -> M when
// the body (or initializer) of N names M: calls, but also addresses taken
// (callbacks, ops tables in initializers, cleanup attributes), since the
// engine inlines a call through a function pointer whose value it knows.
// IC(N), what analysing N can inline, is contained in the nodes reachable
// from N (N included). A target is a function named like an acquire call.
//
//  1. Reaching = nodes from which a target is reachable. Every linux.gup
//     report reads an acquisition the checker recorded when the engine
//     evaluated an acquire call; an entry point N that is not reaching never
//     evaluates one (only calls in IC(N) are evaluated), so N reports nothing.
//  2. Summary-sensitive = functions whose summary entry can depend on the
//     analysis order: a CFG with a cycle (only a cycle can exhaust the block
//     visit limit inside one stack frame) or CFG size >= the "large"
//     threshold. Static "may not inline" verdicts come out the same whoever
//     computes them first.
//  3. An entry point K's analysis is the same in a focused run as in a full
//     run if (a) K is analysed (not skipped as inlined) in both, (b) every
//     summary-sensitive function of IC(K) has the same summary when K
//     starts. Both only depend on the entry points analysed before K and on
//     what they inline. So a kept set is sound when the kept entry points
//     come in the same relative order in both runs, and no entry point that
//     is not kept and comes before a kept K (in either run) can inline K or
//     a summary-sensitive function of IC(K). Then, by induction over the
//     kept entry points in order, each is analysed identically, and the
//     dropped ones report nothing (1).
//
// Two ways to pick such a set (FocusOptions::PreserveSummaries):
//  * Ordered (default): start from Reaching; compute the full run's order
//    (clang::CallGraph over all declarations, reverse post-order, exactly as
//    the AnalysisConsumer does) and the focused run's order (the same over
//    the declarations that would be forwarded), path-analysed entry points
//    only. If the kept ones do not come in the same relative order (a
//    dropped caller placed one elsewhere in the full run), keep the dropped
//    callers of the first one out of place and look again. Then keep every
//    dropped entry point that comes before a kept K in either order and can
//    reach K or a summary-sensitive function of IC(K); repeat until nothing
//    changes. (If the orders cannot be made to agree, fall back to All.)
//  * All: keep every function whose IC shares a summary-sensitive function
//    with the IC of a kept one (a fixpoint). The dropped set is then closed
//    under callees, which makes the order of kept entry points the same and
//    the condition of 3 hold for any order; no order needs computing.
//  * None: Reaching only. Not covered by 3: a callee's inlining budget may be
//    spent in another order than in a full run.
//
// Not preserved: reports of other checkers (core.*, unix.*, AST checkers) in
// dropped functions. Focusing is turned off for C++, ObjC, naive CTU
// (imported bodies are not in the graph) and model files.
//
//===----------------------------------------------------------------------===//

#include "pinpair/Focus.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/CallGraph.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallVector.h"

#include <chrono>

using namespace clang;
using namespace llvm;

namespace pinpair {

StringSet<> targetNamesFrom(ArrayRef<ApiFunction> Table, bool IncludeReleases) {
  StringSet<> Names;
  for (const ApiFunction &F : Table)
    if (F.R == Role::Acquire || (IncludeReleases && F.isRelease()))
      Names.insert(F.Name);
  return Names;
}

StringSet<> defaultTargetNames() { return targetNamesFrom(builtinApi()); }

Expected<StringSet<>> targetNamesWithConfigs(ArrayRef<std::string> Paths) {
  StringSet<> Names = defaultTargetNames();
  if (Paths.empty())
    return Names;
  auto Table = loadTableWithConfigs(Paths);
  if (!Table)
    return Table.takeError();
  for (const auto &N : targetNamesFrom((*Table)->functions()))
    Names.insert(N.getKey());
  return Names;
}

namespace {

constexpr unsigned None = ~0u;

/// The reference graph of one TU.
struct RefGraph {
  DenseMap<const Decl *, unsigned> Id;
  std::vector<const Decl *> Nodes; // canonical declarations
  std::vector<SmallVector<unsigned, 8>> Succ, Pred;
  /// For nodes naming a target directly: the first target named.
  std::vector<const FunctionDecl *> NamesTarget;

  unsigned node(const Decl *D) {
    D = D->getCanonicalDecl();
    auto [It, New] = Id.try_emplace(D, Nodes.size());
    if (New) {
      Nodes.push_back(D);
      Succ.emplace_back();
      Pred.emplace_back();
      NamesTarget.push_back(nullptr);
    }
    return It->second;
  }
  unsigned lookup(const Decl *D) const {
    auto It = Id.find(D->getCanonicalDecl());
    return It == Id.end() ? None : It->second;
  }
  void edge(unsigned From, unsigned To) {
    if (From == To)
      return;
    Succ[From].push_back(To);
    Pred[To].push_back(From);
  }
};

bool isFileScopeVar(const Decl *D) {
  // Block-scope `extern int x;` counts (it redeclares the file-scope x);
  // static locals do not (only their own function can name them).
  const auto *VD = dyn_cast<VarDecl>(D);
  return VD && VD->hasGlobalStorage() && !VD->isStaticLocal();
}

/// Adds the edges of one body or initializer.
class RefCollector : public RecursiveASTVisitor<RefCollector> {
public:
  RefCollector(RefGraph &G, const StringSet<> &Targets, unsigned From)
      : G(G), Targets(Targets), From(From) {}

  bool shouldVisitImplicitCode() const { return true; }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    name(E->getDecl());
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (const auto *A = VD->getAttr<CleanupAttr>())
      if (FunctionDecl *FD = A->getFunctionDecl())
        name(FD);
    return true;
  }

private:
  void name(const Decl *D) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->getIdentifier() && Targets.contains(FD->getName()) &&
          !G.NamesTarget[From])
        G.NamesTarget[From] = FD;
      G.edge(From, G.node(FD));
    } else if (isFileScopeVar(D)) {
      G.edge(From, G.node(D));
    }
  }

  RefGraph &G;
  const StringSet<> &Targets;
  unsigned From;
};

/// Whether the analyzer's summary of a function can depend on the analysis
/// order: see the file comment, point 2.
class SensitivityOracle {
public:
  SensitivityOracle(ASTContext &Ctx, const AnalyzerOptions &O)
      : Large(O.MinCFGSizeTreatFunctionsAsLarge),
        // The CFG exactly as AnalysisManager builds it.
        Mgr(Ctx, O.UnoptimizedCFG, O.ShouldIncludeImplicitDtorsInCFG,
            /*addInitializers=*/true, O.ShouldIncludeTemporaryDtorsInCFG,
            O.ShouldIncludeLifetimeInCFG,
            O.ShouldIncludeLoopExitInCFG || O.ShouldUnrollLoops,
            O.ShouldIncludeScopesInCFG, O.ShouldSynthesizeBodies,
            O.ShouldConditionalizeStaticInitializers,
            /*addCXXNewAllocator=*/true, O.ShouldIncludeRichConstructorsInCFG,
            O.ShouldElideConstructors, /*addVirtualBaseBranches=*/true) {
    Mgr.getCFGBuildOptions().setAllAlwaysAdd();
    Mgr.getCFGBuildOptions().OmitImplicitValueInitializers = true;
  }

  bool sensitive(const Decl *Canon) {
    auto It = Cache.find(Canon);
    if (It != Cache.end())
      return It->second;
    bool S = compute(Canon);
    Cache[Canon] = S;
    return S;
  }

  unsigned built() const { return Built; }

private:
  bool compute(const Decl *Canon) {
    const auto *FD = dyn_cast<FunctionDecl>(Canon);
    const FunctionDecl *Def = nullptr;
    if (!FD || !FD->hasBody(Def) || !Def)
      return false; // never inlined (no body), no summary to speak of
    ++Built;
    const CFG *G = Mgr.getContext(Def)->getCFG();
    return !G || G->size() >= Large || G->getNumBlockIDs() >= Large ||
           hasCycle(*G);
  }

  static bool hasCycle(const CFG &G) {
    // Iterative DFS from the entry; a back edge to a block on the stack is a
    // cycle. Blocks unreachable from the entry are never visited by the
    // engine and do not matter.
    std::vector<unsigned char> Color(G.getNumBlockIDs(), 0);
    SmallVector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>, 32>
        Stack;
    const CFGBlock *Entry = &G.getEntry();
    Color[Entry->getBlockID()] = 1;
    Stack.push_back({Entry, Entry->succ_begin()});
    while (!Stack.empty()) {
      auto &[B, It] = Stack.back();
      if (It == B->succ_end()) {
        Color[B->getBlockID()] = 2;
        Stack.pop_back();
        continue;
      }
      const CFGBlock *S = It->getReachableBlock();
      ++It;
      if (!S)
        continue;
      unsigned char &C = Color[S->getBlockID()];
      if (C == 1)
        return true;
      if (C == 0) {
        C = 1;
        Stack.push_back({S, S->succ_begin()});
      }
    }
    return false;
  }

  unsigned Large;
  AnalysisDeclContextManager Mgr;
  DenseMap<const Decl *, bool> Cache;
  unsigned Built = 0;
};

std::string nameOf(const Decl *D) {
  if (const auto *ND = dyn_cast<NamedDecl>(D))
    return ND->getNameAsString();
  return "<anonymous>";
}

/// The order in which the AnalysisConsumer visits entry points: the reverse
/// post-order of clang::CallGraph over the given declarations. Canonical
/// declarations (function or block), root excluded.
std::vector<const Decl *> entryOrder(ArrayRef<Decl *> Decls) {
  CallGraph CG;
  for (Decl *D : Decls)
    CG.addToCallGraph(D);
  std::vector<const Decl *> Order;
  ReversePostOrderTraversal<CallGraph *> RPOT(&CG);
  for (CallGraphNode *N : RPOT)
    if (const Decl *D = N->getDecl())
      Order.push_back(D);
  return Order;
}

class Selector {
public:
  Selector(ASTContext &Ctx, const AnalyzerOptions &AOpts,
           ArrayRef<Decl *> TopLevel, const FocusOptions &Opts,
           FocusStats &St)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), AOpts(AOpts),
        TopLevel(TopLevel), Opts(Opts), St(St), Oracle(Ctx, AOpts) {}

  std::vector<const Decl *> run() {
    for (Decl *D : TopLevel)
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody())
          Defs.push_back(FD);
    St.Functions = Defs.size();

    if (!Opts.Enabled)
      return keepAll("focusing disabled");
    if (const char *Why = focusUnsupported(Ctx.getLangOpts(), AOpts))
      return keepAll(Why);
    if (!targets())
      return keepAll("the wrapper config cannot be read");

    buildGraph();
    reaching();
    switch (Opts.PreserveSummaries) {
    case FocusOptions::Summaries::None:
      break;
    case FocusOptions::Summaries::All:
      closeOverSharedSummaries();
      break;
    case FocusOptions::Summaries::Ordered:
      if (!ordered()) {
        St.Why = "entry point order differs, fell back to Summaries::All";
        closeOverSharedSummaries();
      }
      break;
    }
    St.CFGsBuilt = Oracle.built();
    return answer();
  }

private:
  std::vector<const Decl *> keepAll(StringRef Why) {
    St.Bailed = true;
    St.Why = Why.str();
    St.Reaching = St.Functions;
    std::vector<const Decl *> All(Defs.begin(), Defs.end());
    if (Opts.RecordNames)
      for (const Decl *D : All)
        St.KeptNames.push_back(nameOf(D));
    return All;
  }

  bool targets() {
    Targets = &Opts.TargetNames;
    if (!Targets->empty())
      return true;
    std::vector<std::string> Paths;
    auto It = AOpts.Config.find(ConfigOptionKey);
    if (It != AOpts.Config.end()) {
      SmallVector<StringRef, 2> Parts;
      StringRef(It->getValue()).split(Parts, ':', -1, /*KeepEmpty=*/false);
      Paths.assign(Parts.begin(), Parts.end());
    }
    auto Names = targetNamesWithConfigs(Paths);
    if (!Names) {
      consumeError(Names.takeError());
      return false;
    }
    OwnTargets = std::move(*Names);
    Targets = &OwnTargets;
    return true;
  }

  // 1. The graph. Every function definition is a top-level declaration in C.
  void buildGraph() {
    for (Decl *D : TopLevel) {
      if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (!FD->doesThisDeclarationHaveABody())
          continue;
        RefCollector(G, *Targets, G.node(FD)).TraverseDecl(D);
      } else if (isFileScopeVar(D)) {
        RefCollector(G, *Targets, G.node(D)).TraverseDecl(D);
      }
    }
    size_t NN = G.Nodes.size();
    Keep.assign(NN, 0);
    Reaching.assign(NN, 0);
    Next.assign(NN, None);
    Why.assign(NN, None);
  }

  // 2. Reaching: reverse walk from the nodes that name a target.
  void reaching() {
    SmallVector<unsigned, 64> Work;
    for (unsigned I = 0; I < G.Nodes.size(); ++I)
      if (G.NamesTarget[I]) {
        Keep[I] = Reaching[I] = 1;
        Work.push_back(I);
      }
    while (!Work.empty()) {
      unsigned N = Work.pop_back_val();
      for (unsigned P : G.Pred[N])
        if (!Keep[P]) {
          Keep[P] = Reaching[P] = 1;
          Next[P] = N;
          Work.push_back(P);
        }
    }
  }

  /// Summaries::All: keep whatever can reach a summary-sensitive function
  /// reachable from a kept one, until nothing changes.
  void closeOverSharedSummaries() {
    size_t NN = G.Nodes.size();
    std::vector<unsigned char> Seen(NN, 0), InU(NN, 0);
    SmallVector<unsigned, 64> Work;
    bool Changed = true;
    while (Changed) {
      Changed = false;
      SmallVector<unsigned, 64> NewU;
      for (unsigned I = 0; I < NN; ++I)
        if (Keep[I] && !Seen[I]) {
          Seen[I] = 1;
          Work.push_back(I);
        }
      while (!Work.empty()) {
        unsigned N = Work.pop_back_val();
        if (!InU[N] && Oracle.sensitive(G.Nodes[N])) {
          InU[N] = 1;
          NewU.push_back(N);
        }
        for (unsigned S : G.Succ[N])
          if (!Seen[S]) {
            Seen[S] = 1;
            Work.push_back(S);
          }
      }
      std::vector<unsigned char> Up(NN, 0);
      for (unsigned U : NewU) {
        Up[U] = 1;
        Work.push_back(U);
        if (!Keep[U])
          Why[U] = U;
      }
      while (!Work.empty()) {
        unsigned N = Work.pop_back_val();
        if (!Keep[N]) {
          Keep[N] = 1;
          Changed = true;
        }
        for (unsigned P : G.Pred[N])
          if (!Up[P]) {
            Up[P] = 1;
            if (!Keep[P])
              Why[P] = Why[N] == None ? N : Why[N];
            Work.push_back(P);
          }
      }
    }
  }

  /// Whether the AnalysisConsumer runs the path-sensitive analysis on D as an
  /// entry point (getModeForDecl).
  bool pathAnalysed(const Decl *D) {
    if (AOpts.AnalyzeAll)
      return true;
    const Decl *Def = D;
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      const FunctionDecl *B = nullptr;
      if (!FD->hasBody(B) || !B)
        return false;
      Def = B;
    }
    const Stmt *Body = Def->getBody();
    SourceLocation L =
        SM.getExpansionLoc(Body ? Body->getBeginLoc() : Def->getLocation());
    if (L.isInvalid() || SM.isInSystemHeader(L))
      return false;
    return ento::AnalysisManager::isInCodeFile(L, SM);
  }

  /// The reference-graph node standing for an entry point of the call graph:
  /// the function itself, or the function a block is in.
  unsigned graphNode(const Decl *D) {
    if (const auto *BD = dyn_cast<BlockDecl>(D)) {
      const DeclContext *DC = BD->getDeclContext();
      while (DC && !isa<FunctionDecl>(DC))
        DC = DC->getParent();
      return DC ? G.lookup(cast<FunctionDecl>(DC)) : None;
    }
    return G.lookup(D);
  }

  bool kept(const Decl *EntryPoint) {
    unsigned N = graphNode(EntryPoint);
    return N != None && Keep[N];
  }

  /// The declarations the consumer would forward with the current Keep.
  std::vector<Decl *> forwarded() {
    std::vector<Decl *> Out;
    for (Decl *D : TopLevel) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (FD && FD->doesThisDeclarationHaveABody() && !Keep[G.lookup(FD)])
        continue;
      Out.push_back(D);
    }
    return Out;
  }

  /// Summaries::Ordered (see the file comment). False when the orders of the
  /// kept entry points differ.
  bool ordered() {
    std::vector<const Decl *> FullOrder = entryOrder(TopLevel);
    // Path-analysed entry points only: the others leave nothing behind.
    auto analysed = [&](const std::vector<const Decl *> &Order) {
      std::vector<const Decl *> A;
      for (const Decl *D : Order)
        if (pathAnalysed(D))
          A.push_back(D);
      return A;
    };
    FullOrder = analysed(FullOrder);
    size_t NN = G.Nodes.size();
    for (unsigned Round = 0;; ++Round) {
      St.Rounds = Round + 1;
      std::vector<const Decl *> FocOrder = analysed(entryOrder(forwarded()));
      // Kept entry points, in order: the same in both runs?
      std::vector<const Decl *> KeptFull, KeptFoc;
      for (const Decl *D : FullOrder)
        if (kept(D))
          KeptFull.push_back(D);
      for (const Decl *D : FocOrder)
        if (kept(D))
          KeptFoc.push_back(D);
      if (KeptFull != KeptFoc) {
        // A kept entry point sits elsewhere in the full run's order because
        // a dropped function calls it (its node is created, or first
        // reached, from that caller's body). Keep the dropped callers of the
        // first entry points out of place, and look again.
        size_t I = 0;
        while (I < KeptFull.size() && I < KeptFoc.size() &&
               KeptFull[I] == KeptFoc[I])
          ++I;
        bool Added = false;
        for (const auto *Order : {&KeptFull, &KeptFoc})
          if (I < Order->size())
            Added |= keepDroppedCallers(graphNode((*Order)[I]));
        if (!Added || Round > 1000)
          return false;
        continue;
      }

      // What each kept entry point needs untouched by earlier dropped ones:
      // itself and the summary-sensitive functions it may inline. Last[n] is
      // the index (in KeptFull) of the last kept entry point needing n.
      std::vector<int> Last(NN, -1);
      for (size_t K = 0; K < KeptFull.size(); ++K) {
        unsigned Root = graphNode(KeptFull[K]);
        if (Root == None)
          continue;
        std::vector<unsigned char> Seen(NN, 0);
        SmallVector<unsigned, 64> Work = {Root};
        Seen[Root] = 1;
        Last[Root] = std::max<int>(Last[Root], K);
        while (!Work.empty()) {
          unsigned N = Work.pop_back_val();
          if (Oracle.sensitive(G.Nodes[N]))
            Last[N] = std::max<int>(Last[N], K);
          for (unsigned S : G.Succ[N])
            if (!Seen[S]) {
              Seen[S] = 1;
              Work.push_back(S);
            }
        }
      }

      // A dropped entry point X before a kept one that needs something X may
      // inline must be kept. "Before" in either run.
      DenseMap<const Decl *, int> NextKeptFull, NextKeptFoc;
      auto nextKept = [&](const std::vector<const Decl *> &Order,
                          DenseMap<const Decl *, int> &Out) {
        int Idx = KeptFull.size();
        for (size_t I = Order.size(); I-- > 0;) {
          if (kept(Order[I]))
            --Idx;
          else
            Out[Order[I]] = Idx; // index of the first kept one after it
        }
      };
      nextKept(FullOrder, NextKeptFull);
      nextKept(FocOrder, NextKeptFoc);

      bool Added = false;
      for (auto &[D, FullNext] : NextKeptFull) {
        int Threshold = FullNext;
        auto F = NextKeptFoc.find(D);
        if (F != NextKeptFoc.end())
          Threshold = std::min(Threshold, F->second);
        if (Threshold >= static_cast<int>(KeptFull.size()))
          continue; // nothing kept after it
        unsigned X = graphNode(D);
        if (X == None || Keep[X])
          continue;
        unsigned Hit = reachesNeed(X, Last, Threshold);
        if (Hit != None) {
          Keep[X] = 1;
          Why[X] = Hit;
          Added = true;
        }
      }
      // Entry points only in the focused run are callees of kept functions,
      // covered by NextKeptFoc above only when they are in the full run too
      // (always, in C: every definition is a node of the full call graph).
      if (!Added)
        return true;
      (void)Round;
    }
  }

  /// Keeps the dropped function definitions that name N; false if none.
  bool keepDroppedCallers(unsigned N) {
    if (N == None)
      return false;
    bool Added = false;
    for (unsigned P : G.Pred[N])
      if (!Keep[P] && isa<FunctionDecl>(G.Nodes[P])) {
        Keep[P] = 1;
        Why[P] = N;
        Added = true;
      }
    return Added;
  }

  /// A node reachable from X whose Last is >= Threshold, or None.
  unsigned reachesNeed(unsigned X, const std::vector<int> &Last,
                       int Threshold) {
    std::vector<unsigned char> Seen(G.Nodes.size(), 0);
    SmallVector<unsigned, 64> Work = {X};
    Seen[X] = 1;
    while (!Work.empty()) {
      unsigned N = Work.pop_back_val();
      if (Last[N] >= Threshold)
        return N;
      for (unsigned S : G.Succ[N])
        if (!Seen[S]) {
          Seen[S] = 1;
          Work.push_back(S);
        }
    }
    return None;
  }

  // 4. The answer, in declaration order.
  std::vector<const Decl *> answer() {
    std::vector<const Decl *> Kept;
    for (const FunctionDecl *FD : Defs) {
      unsigned N = G.lookup(FD);
      bool K = Keep[N];
      if (K) {
        Kept.push_back(FD);
        if (Reaching[N]) {
          ++St.Reaching;
          St.ReachingEntryPoints += pathAnalysed(FD);
        } else
          ++St.KeptForSummaries;
      } else {
        ++St.Dropped;
      }
      if (Opts.RecordNames)
        (K ? St.KeptNames : St.DroppedNames).push_back(nameOf(FD));
      if (Opts.Explain)
        explain(*Opts.Explain, FD, N, K);
    }
    return Kept;
  }

  void explain(raw_ostream &OS, const FunctionDecl *FD, unsigned N, bool K) {
    OS << (K ? "keep " : "drop ") << nameOf(FD);
    if (K && Reaching[N]) {
      OS << ": reaches";
      unsigned Cur = N;
      for (unsigned Hops = 0; Cur != None && Hops < 16; ++Hops) {
        if (G.NamesTarget[Cur]) {
          OS << " " << nameOf(G.NamesTarget[Cur]);
          break;
        }
        Cur = Next[Cur];
        if (Cur != None)
          OS << " " << nameOf(G.Nodes[Cur]) << " ->";
      }
    } else if (K) {
      OS << ": may inline '" << (Why[N] != None ? nameOf(G.Nodes[Why[N]]) : "?")
         << "', which a kept entry point analysed after it needs";
    }
    OS << "\n";
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const AnalyzerOptions &AOpts;
  ArrayRef<Decl *> TopLevel;
  const FocusOptions &Opts;
  FocusStats &St;
  SensitivityOracle Oracle;

  std::vector<const FunctionDecl *> Defs;
  const StringSet<> *Targets = nullptr;
  StringSet<> OwnTargets;
  RefGraph G;
  std::vector<unsigned char> Keep, Reaching;
  std::vector<unsigned> Next; // towards a target, for --explain
  std::vector<unsigned> Why;  // the needed function, for --explain
};

} // namespace

const char *focusUnsupported(const LangOptions &LO,
                             const AnalyzerOptions &AOpts) {
  if (LO.CPlusPlus || LO.ObjC)
    return "C++/Objective-C translation unit";
  if (AOpts.IsNaiveCTUEnabled)
    return "cross-TU analysis is on";
  if (!AOpts.ModelPath.empty())
    return "analyzer model files are in use";
  return nullptr;
}

std::vector<const Decl *> selectFocus(ASTContext &Ctx,
                                      const AnalyzerOptions &AOpts,
                                      ArrayRef<Decl *> TopLevelDecls,
                                      const FocusOptions &Opts,
                                      FocusStats *Stats) {
  FocusStats Local;
  FocusStats &St = Stats ? *Stats : Local;
  St = FocusStats();
  auto T0 = std::chrono::steady_clock::now();
  std::vector<const Decl *> Kept =
      Selector(Ctx, AOpts, TopLevelDecls, Opts, St).run();
  St.SelectSeconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - T0)
                         .count();
  return Kept;
}

} // namespace pinpair
