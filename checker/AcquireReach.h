//===- AcquireReach.h - Can this path still reach an acquire call? --------===//
//
// Path pruning (linux.gup.PageRefModel:Prune). Every linux.gup report reads
// the record of an acquire call the engine evaluated on the path, or of an
// errno it left in an unsigned location. A path whose state holds no such
// record, and from whose current point no acquire call can be evaluated any
// more, can produce no linux.gup report: the checker ends it there (a sink)
// instead of letting the engine explore the rest of the function.
//
// "Can be evaluated" is answered from the AST, over-approximated:
//  * a function reaches if its body names an acquire function (a call or an
//    address taken), names a function defined in the TU that reaches, names
//    a file-scope variable whose initializer (ops tables) names one that
//    reaches, or makes an indirect call that may call a function that
//    reaches: the engine inlines a call through a pointer whose value it
//    knows, and it can only know the address of a function taken in code
//    it can evaluate or in the initializer of a variable such code names
//    (not EXPORT_SYMBOL's __ksymtab entries), of a type compatible with the
//    call's (any type once the address is cast). Code it can evaluate is
//    that of the entry points (main-file functions) and of what they name,
//    transitively: an address taken only in a header function that no such
//    code names never reaches the engine. (This also makes the answer the
//    same whether or not the parse kept the bodies of those header
//    functions; see FocusOptions::NeededBodies.);
//  * a CFG block is relevant if one of its elements names something that
//    reaches (or makes such an indirect call, or runs a cleanup function
//    that reaches); an element is scanned down to the sub-expressions the
//    CFG lists as elements of their own, which are judged where they are
//    (the return statement after a call does not make the call again), and
//    a call is judged by its callee where the call is made, not where the
//    callee's name was evaluated (`f(x ? a : b)` evaluates `f` before the
//    branch and calls it after);
//  * at a branch of block B in frame F, the path can reach an acquire call
//    if a relevant block is reachable from a successor of B, or, for each
//    caller frame, from the rest of the call site's block;
//  * where only indirect calls make code ahead relevant, it can reach one
//    only through a function address the path already holds (an address
//    produced ahead is produced by a name ahead): then the state's store
//    and evaluated expressions are searched for the address of a function
//    that reaches, or of a global whose initializer names one
//    (valueMayCallReaching). kernel/events/core.c, full of indirect calls
//    of its overflow handlers' type, is where this matters.
//
// The names come from the API table in use (built-in plus user configs), so
// a configured wrapper is an acquire function like the built-in ones.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_CHECKER_ACQUIREREACH_H
#define PINPAIR_CHECKER_ACQUIREREACH_H

#include "clang/AST/Type.h"
#include "clang/Analysis/CFG.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SVals.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class FunctionDecl;
class ValueDecl;
class Stmt;
class StackFrameContext;
} // namespace clang

namespace pinpair {

class AcquireReach {
public:
  using NamePredicate = std::function<bool(llvm::StringRef)>;
  /// IsAcquire(name): calls of that name take page references.
  explicit AcquireReach(NamePredicate IsAcquire);
  ~AcquireReach();

  /// Standing at the branch that ends block B of frame SFC (B's terminator
  /// is being evaluated): can an acquire call still be evaluated on any
  /// continuation of this path?
  /// MayHoldPointer says whether the path's state may hold the address of
  /// a function that reaches an acquire call (valueMayCallReaching()): an
  /// indirect call ahead matters only then, or when code ahead names one.
  bool mayReachAfterBranch(const clang::CFGBlock &B,
                           const clang::StackFrameContext *SFC,
                           llvm::function_ref<bool()> MayHoldPointer);

  /// Can a call through V (or through a pointer read from what V points
  /// to) reach an acquire call? True for a lazy struct value (not looked
  /// into).
  bool valueMayCallReaching(clang::ento::SVal V);

  /// The block of G with that ID (CheckerContext::getBlockID()).
  const clang::CFGBlock *block(const clang::CFG &G, unsigned ID);

  /// Can analysing a call of FD evaluate an acquire call? (exposed for tests)
  bool functionReaches(const clang::FunctionDecl *FD);

  /// Forget everything (a new translation unit). AllEntryPoints: every
  /// function is an entry point (-analyzer-opt-analyze-headers), not only
  /// those of the main file.
  void reset(clang::ASTContext *Ctx, bool AllEntryPoints = false);

private:
  struct CFGInfo;
  struct Names;

  /// Reachability of a function or file-scope variable (a graph node).
  bool nodeReaches(const clang::Decl *D);
  /// D is an acquire function (by name, as the API table says).
  bool isAcquire(const clang::ValueDecl *D) const;
  /// D is an acquire function, or a function or file-scope variable whose
  /// definition reaches one.
  bool declReaches(const clang::ValueDecl *D);
  bool mayReachIn(const clang::CFGBlock &B, const clang::StackFrameContext *SFC);
  bool stmtReaches(const clang::Stmt *S, const CFGInfo &In);
  bool elementReaches(const clang::CFGElement &E, const CFGInfo &In);
  void settleIndirect();
  bool indirectCallReaches(clang::QualType CalleeType);
  CFGInfo &infoFor(const clang::Decl *D, const clang::CFG &G);
  const Names &namesOf(const clang::Decl *D);

  NamePredicate IsAcquire;
  clang::ASTContext *Ctx = nullptr;
  bool AllEntryPoints = false;
  /// Per node: the nodes it names, whether it names an acquire function,
  /// whether it makes an indirect call.
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<Names>> NameCache;
  /// Two answers to every question: with indirect calls (Any) and with
  /// names only (Named: an indirect call reaches nothing), each cached.
  bool Named = false;
  llvm::DenseMap<const clang::Decl *, bool> Reach, ReachNamed;
  llvm::DenseMap<const clang::Decl *, std::unique_ptr<CFGInfo>> CFGs,
      CFGsNamed;
  /// Indirect calls: -1 not computed, 0 being computed, 1 settled. The
  /// address-taken functions that reach, and whether one of them is
  /// converted to another type (then every indirect call may reach).
  int Indirect = -1;
  bool AnyTypeReaches = false;
  std::vector<const clang::FunctionDecl *> TakenReaching;
};

} // namespace pinpair

#endif
