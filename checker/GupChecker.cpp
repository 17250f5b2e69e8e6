//===- GupChecker.cpp - Page references taken by get/pin_user_pages* ------===//
//
// Model
// -----
// get_user_pages*() and pin_user_pages*() store page pointers into an array
// and return how many they stored. The return is a count with three shapes:
//
//   -MAX_ERRNO..-1   nothing was taken (never for *_fast_only)
//   0                nothing was taken (nr_pages == 0, or *_fast_only failed)
//   1..nr            exactly slots [0, ret) of the array hold a reference,
//                    FOLL_GET for get_*, FOLL_PIN for pin_*
//
// Right after such a call the checker splits the path into the outcomes the
// contract allows, "failed", "nothing taken", "partial" (0 < ret < nr) and
// "full" (ret == nr), each with a note, so that code which treats a partial
// success as a failure is judged on the partial branch explicitly.
//
// Each call becomes an Acquisition, keyed by the return symbol: the array's
// base region, the first slot written (arrays are often filled in batches at
// `pages + pinned`), the count, and the slot ranges released since. Releases
// are matched by location, not by value: `put_page(pages[i])` releases slot i
// of the array whose element was loaded, `unpin_user_pages(pages + i, n)`
// releases slots [i, i + n). Loops over a symbolic count are unrolled by the
// engine, so each completed path has concrete slot numbers.
//
// Ownership
// ---------
// Pages leave the function's responsibility when they are handed over:
//  * the array reaches code pinpair cannot see (an unknown function or a
//    function pointer receives it, or it is returned);
//  * a page pointer is stored outside the stack or passed to a function that
//    is not a known page user: that consumer now owns the reference;
//  * on a successful return, pages left in an array the caller can see.
// On an error return (a negative integer, NULL or ERR_PTR) everything the
// function took must have been released, unless the caller can see both the
// array and the count (stored in a struct that outlives the call): then the
// caller's teardown can release them.
//
// Rules (one checker each, all in package linux.gup)
// -----
//  Leak               held pages never released nor handed over: returning an
//                     error, the local array going out of scope, the array
//                     being freed, or refilled by another acquire call.
//  DoubleRelease      a slot released twice.
//  OverRelease        releasing slots the call never filled: the requested
//                     count after a partial success, slots past the count.
//  MismatchedRelease  FOLL_PIN pages released with put_page()/release_pages(),
//                     FOLL_GET pages released with unpin_user_page*().
//
// Precision policy: every rule reports only what is certain on the path, given
// the contract and the branch taken. Where the range solver cannot relate two
// symbolic counts (sums across batches, counts loaded from elsewhere) pinpair
// stays quiet, and where clang has Z3 every report is re-checked with it
// (Z3Refutation). Kernel facts that error paths depend on are modelled with
// the API table: failed calls write nothing, filled slots are non-NULL,
// kzalloc() zeroes, lock primitives touch nothing else, compound_head() is the
// same page, known consumers take pages even when defined inline.
//
// A release loop bounded by the request is judged when the array dies (late
// OverRelease): only then has the path fixed both the loop bound and the count.
//
// The release functions are evaluated here (eval::Call) so that the kernel's
// `static inline put_page()` is never inlined; acquire calls are modelled after
// the engine evaluated them (check::PostCall), as FuchsiaHandleChecker does.
//
//===----------------------------------------------------------------------===//

#include "GupChecker.h"
#include "AcquireReach.h"
#include "Compat.h"
#include "pinpair/GupApi.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_WITH_Z3 && CLANG_VERSION_MAJOR >= 19
#include "clang/StaticAnalyzer/Core/BugReporter/Z3CrosscheckVisitor.h"
#define PINPAIR_Z3_REFUTATION 1
#endif
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>

using namespace clang;
using namespace ento;
using pinpair::ApiFunction;
using pinpair::RefKind;
using pinpair::Role;

//===----------------------------------------------------------------------===//
// State.
//===----------------------------------------------------------------------===//

namespace {

/// Slots [Lo, Hi) of an array that no longer need releasing by this code.
struct SlotRange {
  SVal Lo, Hi;
  /// Released here (true) or handed to a consumer that owns them now (false).
  bool Released;
  /// The release call, for reports judged later (a loop's releases are
  /// only known to overrun the count once the loop is done).
  const Expr *By = nullptr;
  const ApiFunction *Fn = nullptr;

  bool operator==(const SlotRange &O) const {
    return Lo == O.Lo && Hi == O.Hi && Released == O.Released && By == O.By &&
           Fn == O.Fn;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    Lo.Profile(ID);
    Hi.Profile(ID);
    ID.AddBoolean(Released);
    ID.AddPointer(By);
    ID.AddPointer(Fn);
  }
};

/// Which outcome of the acquire contract this path took.
enum class Outcome : unsigned char { Failed, Nothing, Partial, Full };

/// One get/pin call on one path.
struct Acquisition {
  const ApiFunction *Api;
  const CallExpr *Site;
  const StackFrameContext *Frame;
  /// The array; Start is the first slot the call wrote.
  const MemRegion *Base;
  SVal Start;
  /// Pages held right after the call (the return value) and pages asked for.
  SVal Count, Requested;
  /// For `&page` targets (no array): the page pointer the call stored.
  SymbolRef ScalarPage;
  /// The variable the count was assigned to (`ret = pin_user_pages(...)`):
  /// where the count is concrete on a path, only the name shows that a
  /// stored value is the count.
  const VarDecl *CountVar = nullptr;
  Outcome Out;
  /// The array reached code pinpair cannot see.
  bool Escaped = false;
  /// The array pointer was stored outside the stack.
  bool Stored = false;
  /// The count was stored where a caller can read it: outside the stack
  /// (PublishedIn null) or in a local of the caller frame PublishedIn.
  bool CountPublished = false;
  const StackFrameContext *PublishedIn = nullptr;
  /// The request was read from a struct the caller sees (`dma->nr_pages`):
  /// on a full pin that field is the count.
  bool RequestVisible = false;
  /// The callee allocated the array (iov_iter_get_pages_alloc2): the caller
  /// must kvfree() it as well as release the pages.
  bool OwnsArray = false;
  /// iov_iter_extract_pages() on an iterator that does not pin: the slots
  /// hold pages without any reference, and releasing them is wrong.
  bool NoRefs = false;
  llvm::SmallVector<SlotRange, 2> Done;
  /// Slots whose page carries one more reference than the call took
  /// (get_page(), page_remove_rmap()): the next put of that page drops it.
  llvm::SmallVector<SVal, 1> Extra;

  bool operator==(const Acquisition &O) const {
    return Api == O.Api && Site == O.Site && Frame == O.Frame &&
           Base == O.Base && Start == O.Start && Count == O.Count &&
           Requested == O.Requested && ScalarPage == O.ScalarPage &&
           CountVar == O.CountVar &&
           Out == O.Out && Escaped == O.Escaped && Stored == O.Stored &&
           CountPublished == O.CountPublished &&
           PublishedIn == O.PublishedIn &&
           RequestVisible == O.RequestVisible && OwnsArray == O.OwnsArray &&
           NoRefs == O.NoRefs && Done == O.Done && Extra == O.Extra;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Api);
    ID.AddPointer(Site);
    ID.AddPointer(Frame);
    ID.AddPointer(Base);
    Start.Profile(ID);
    Count.Profile(ID);
    Requested.Profile(ID);
    ID.AddPointer(ScalarPage);
    ID.AddPointer(CountVar);
    ID.AddInteger(static_cast<unsigned>(Out));
    ID.AddBoolean(Escaped);
    ID.AddBoolean(Stored);
    ID.AddBoolean(CountPublished);
    ID.AddPointer(PublishedIn);
    ID.AddBoolean(RequestVisible);
    ID.AddBoolean(OwnsArray);
    ID.AddBoolean(NoRefs);
    for (const SlotRange &R : Done)
      R.Profile(ID);
    for (SVal I : Extra)
      I.Profile(ID);
  }
};

/// How a stack frame returns, recorded at its return statement because in
/// the top frame the returned value is purged before check::EndFunction.
struct ExitInfo {
  bool IsError;
  bool HasErrno;
  int64_t Errno;
  bool IsNull;
  bool IsErrPtr;

  bool operator==(const ExitInfo &O) const {
    return IsError == O.IsError && HasErrno == O.HasErrno &&
           Errno == O.Errno && IsNull == O.IsNull && IsErrPtr == O.IsErrPtr;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddBoolean(IsError);
    ID.AddBoolean(HasErrno);
    ID.AddInteger(Errno);
    ID.AddBoolean(IsNull);
    ID.AddBoolean(IsErrPtr);
  }
};

} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(AcquisitionMap, SymbolRef, Acquisition)
REGISTER_MAP_WITH_PROGRAMSTATE(ExitMap, const StackFrameContext *, ExitInfo)
/// The contents of an acquire call's target array (or `&page` variable)
/// before the call, keyed by the call: a call that takes nothing writes
/// nothing, so the failure branches get them back.
REGISTER_MAP_WITH_PROGRAMSTATE(PreCallContents, const Stmt *, SVal)
/// iov_iter_extract_will_pin(iter) per iterator: one symbol, so that the
/// guard tested before or after iov_iter_extract_pages() is the same fact.
REGISTER_MAP_WITH_PROGRAMSTATE(WillPinMap, const MemRegion *, SymbolRef)

namespace {
/// An unsigned variable or field that holds the errno of a failed call: a
/// bug once read, or once the caller can read it; harmless if overwritten.
struct NegStore {
  SymbolRef Count;
  const Stmt *Store;
  bool operator==(const NegStore &O) const {
    return Count == O.Count && Store == O.Store;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Count);
    ID.AddPointer(Store);
  }
};
} // namespace
REGISTER_MAP_WITH_PROGRAMSTATE(NegStoreMap, const MemRegion *, NegStore)
/// A value the program computed from a page pointer that the engine could
/// not compute (`page - vmemmap`, page_to_pfn() with SPARSEMEM_VMEMMAP):
/// the symbol it got, to the page's. Storing it hands the page over like
/// storing the pointer, also once the array and index it came from are dead.
REGISTER_MAP_WITH_PROGRAMSTATE(PageOfValue, SymbolRef, SymbolRef)
/// A leak was reported on this path: never prune it afterwards, or clang
/// would drop the report (a Leak report whose every continuation ends in a
/// sink is suppressed, BugType::SuppressOnSink).
REGISTER_TRAIT_WITH_PROGRAMSTATE(LeakReportedOnPath, bool)

//===----------------------------------------------------------------------===//
// The checker.
//===----------------------------------------------------------------------===//

namespace {

enum CheckKind {
  CK_Leak,
  CK_DoubleRelease,
  CK_OverRelease,
  CK_MismatchedRelease,
  CK_NegativeCount,
  CK_UseAfterRelease,
  CK_NumKinds
};

/// The table of this analysis: the built-in one, overlaid with the files
/// of linux.gup.PageRefModel:Config. Set once when the checker registers
/// (one analysis per clang process), owned by the checker.
const pinpair::ApiTable *ActiveTable = nullptr;

/// Three-valued answer of the constraint solver.
enum class Tri { False, True, Maybe };

/// A call the checker evaluates without inlining: its result, if it has
/// one, is a fresh value (conjured with Tag). Null when the call has no
/// expression to bind to.
ProgramStateRef bindFreshResult(const CallEvent &Call, CheckerContext &C,
                                ProgramStateRef State,
                                const void *Tag = nullptr) {
  if (Call.getResultType()->isVoidType())
    return State;
  const Expr *E = Call.getOriginExpr();
  if (!E)
    return nullptr;
  return State->BindExpr(
      E, C.getLocationContext(),
      pinpair::compat::conjure(Call, C, Call.getResultType(), Tag));
}

/// A prunable note, shown when a report is about any of the acquisitions
/// (their count symbols) the step touched.
const NoteTag *noteForAny(CheckerContext &C,
                          llvm::SmallVector<SymbolRef, 2> Noted,
                          std::string Note) {
  return C.getNoteTag(
      [Noted = std::move(Noted),
       Note = std::move(Note)](PathSensitiveBugReport &BR) -> std::string {
        for (SymbolRef S : Noted)
          if (BR.isInteresting(S))
            return Note;
        return "";
      },
      /*IsPrunable=*/true);
}

/// A slot range of one array, as a release or an acquire names it.
struct ArraySlots {
  const MemRegion *Base;
  SVal Lo, Hi;
};

class GupChecker
    : public Checker<check::PostCall, check::PreCall, eval::Call, check::Bind,
                     check::PreStmt<ReturnStmt>,
                     check::PostStmt<ImplicitCastExpr>,
                     check::PostStmt<BinaryOperator>, check::EndFunction,
                     check::LiveSymbols, check::PointerEscape,
                     check::Location, check::BranchCondition> {
public:
  bool Enabled[CK_NumKinds] = {};
  std::unique_ptr<BugType> BT[CK_NumKinds];
  /// linux.gup.PageRefModel:Z3Refutation
  bool Z3Refutation = true;
  /// linux.gup.PageRefModel:Strict: also the uses that are wrong but common
  /// in working code (see the rules above).
  bool Strict = false;
  /// linux.gup.PageRefModel:Prune: end paths that can no longer produce a
  /// report (AcquireReach.h). Null when off.
  std::unique_ptr<pinpair::AcquireReach> Reach;
  /// linux.gup.PageRefModel:Config: the table with the user's wrappers.
  std::unique_ptr<pinpair::ApiTable> Table;
  /// A config file could not be read: no rule reports anything. (clang up to
  /// 21 skips the analysis after the error; 22 runs it.)
  bool ConfigBroken = false;
  ~GupChecker() {
    if (ActiveTable == Table.get())
      ActiveTable = nullptr;
  }

  /// (Not `enable`: LLVM 22's CheckerManager calls every checker's
  /// enable(CheckerManager &), which that name would hide.)
  void enableRule(CheckKind K, CheckerNameRef Name);

  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkBind(SVal Loc, SVal Val, const Stmt *S, CheckerContext &C) const;
  /// LLVM 22 also says whether the bind initializes a declaration.
  void checkBind(SVal Loc, SVal Val, const Stmt *S, bool /*AtDeclInit*/,
                 CheckerContext &C) const {
    checkBind(Loc, Val, S, C);
  }
  void checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const;
  void checkPostStmt(const ImplicitCastExpr *E, CheckerContext &C) const;
  void checkPostStmt(const BinaryOperator *B, CheckerContext &C) const;
  void modelPageDifference(const BinaryOperator *B, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                     CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  ProgramStateRef checkPointerEscape(ProgramStateRef State,
                                     const InvalidatedSymbols &Escaped,
                                     const CallEvent *Call,
                                     PointerEscapeKind Kind) const;
  void printState(raw_ostream &Out, ProgramStateRef State, const char *NL,
                  const char *Sep) const override;

private:
  // Modelling.
  void modelAcquire(const CallEvent &Call, const ApiFunction &F,
                    CheckerContext &C) const;
  void modelBytesAcquire(const CallEvent &Call, const ApiFunction &F,
                         const pinpair::AcquireLayout &L,
                         CheckerContext &C) const;
  bool evalWillPin(const CallEvent &Call, CheckerContext &C) const;
  void modelRelease(const CallEvent &Call, const ApiFunction &F,
                    CheckerContext &C) const;
  bool modelExtraRef(const CallEvent &Call, const ApiFunction &F,
                     CheckerContext &C) const;
  void modelFree(const CallEvent &Call, const ApiFunction &F,
                 CheckerContext &C) const;
  void modelUnknownCall(const CallEvent &Call, const ApiFunction *F,
                        CheckerContext &C) const;
  void modelConsumer(const CallEvent &Call, CheckerContext &C) const;
  void modelMergedFlag(const CallEvent &Call, const ApiFunction &F,
                       CheckerContext &C) const;
  bool evalSamePage(const CallEvent &Call, CheckerContext &C) const;
  void checkUnsignedConversion(const ImplicitCastExpr *E,
                               CheckerContext &C) const;
  bool checkNegativeReleaseCount(const CallEvent &Call, const ApiFunction &F,
                                 CheckerContext &C) const;
  bool checkUseAfterRelease(const CallEvent &Call, const ApiFunction *F,
                            CheckerContext &C) const;
  ProgramStateRef bindNegStore(ProgramStateRef State, const MemRegion *Dest,
                               SVal Val, const Stmt *S,
                               CheckerContext &C) const;
  ProgramStateRef bindHandover(ProgramStateRef State, const MemRegion *Dest,
                               SVal Val, const Stmt *S,
                               CheckerContext &C) const;
  void modelAlloc(const CallEvent &Call, const ApiFunction &F,
                  CheckerContext &C) const;
  /// After a leak report on this path: keep the path (see LeakReportedOnPath).
  ProgramStateRef keepPath(ProgramStateRef State) const {
    return Reach ? State->set<LeakReportedOnPath>(true) : State;
  }

  // Reporting. Every diagnostic goes through these.
  enum class LeakWhy { ErrorReturn, OutOfScope, Freed, Refilled, ArrayNotFreed };
  ExplodedNode *reportLeaks(ArrayRef<SymbolRef> Leaked, LeakWhy Why,
                            std::string Detail, CheckerContext &C,
                            ExplodedNode *Pred = nullptr,
                            bool AtStatement = true) const;
  bool reportLateOverRelease(CheckerContext &C) const;
  bool reportRelease(CheckKind K, SymbolRef Sym, std::string Msg,
                     const CallEvent &Call,
                     CheckerContext &C) const;
  bool reportNegativeCount(SymbolRef Sym, const Acquisition &A,
                           StringRef What, StringRef Use, const Expr *At,
                           CheckerContext &C) const;
};

//===----------------------------------------------------------------------===//
// Helpers: the API table, regions and slots, solver queries.
//===----------------------------------------------------------------------===//

const FunctionDecl *calleeDecl(const CallEvent &Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || isa<CXXMethodDecl>(FD) || !FD->getIdentifier())
    return nullptr;
  return FD;
}

const ApiFunction *lookupName(StringRef Name) {
  return ActiveTable ? ActiveTable->lookup(Name) : pinpair::lookupApi(Name);
}

const ApiFunction *lookup(const CallEvent &Call) {
  const FunctionDecl *FD = calleeDecl(Call);
  return FD ? lookupName(FD->getName()) : nullptr;
}

bool isPagePointer(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  if (!PT)
    return false;
  const auto *RT = PT->getPointeeType()->getAs<RecordType>();
  return RT && RT->getDecl()->getName() == "page";
}

bool isPageArray(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  return PT && isPagePointer(PT->getPointeeType());
}

/// A frame of this path is the body of a function the built-in table models
/// as an acquire.
bool insideBuiltinAcquire(const StackFrameContext *SFC) {
  for (const LocationContext *L = SFC; L; L = L->getParent()) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(L->getDecl());
    if (!FD || !FD->getIdentifier())
      continue;
    const ApiFunction *F = pinpair::lookupApi(FD->getName());
    if (F && F->R == Role::Acquire)
      return true;
  }
  return false;
}

/// The layout of the arguments of this acquire call, for the kernel version
/// the code was written against, or none if no known signature fits.
std::optional<pinpair::AcquireLayout> layoutFor(const CallEvent &Call,
                                                const ApiFunction &F) {
  const FunctionDecl *FD = calleeDecl(Call);
  for (const pinpair::AcquireLayout &L : F.Layouts) {
    if (Call.getNumArgs() != L.NumArgs || FD->getNumParams() != L.NumArgs)
      continue;
    QualType Pages = FD->getParamDecl(L.PagesArg)->getType();
    if (F.AllocatesArray) {
      const auto *PT = Pages.getCanonicalType()->getAs<PointerType>();
      if (!PT || !isPageArray(PT->getPointeeType()))
        continue;
    } else if (!isPageArray(Pages)) {
      continue;
    }
    if (L.NrArg == pinpair::NoArg ||
        FD->getParamDecl(L.NrArg)->getType()->isIntegerType())
      return L;
  }
  return std::nullopt;
}

/// The variable or field array an acquire call writes, when it is one whose
/// old contents can be put back as a whole.
const TypedValueRegion *restorableTarget(const CallEvent &Call,
                                         const ApiFunction &F) {
  std::optional<pinpair::AcquireLayout> L = layoutFor(Call, F);
  if (!L)
    return nullptr;
  const MemRegion *R = Call.getArgSVal(L->PagesArg).getAsRegion();
  const auto *TR = dyn_cast_or_null<TypedValueRegion>(R ? R->getBaseRegion() : nullptr);
  if (!TR || !(isa<VarRegion>(TR) || isa<FieldRegion>(TR)))
    return nullptr;
  QualType T = TR->getValueType();
  return T->isArrayType() || isPagePointer(T) ? TR : nullptr;
}

/// Splits a pointer into an array base and a slot index: `pages + i` and
/// `&pages[i]` are (pages, i); a pointer to a plain variable is (var, 0).
std::optional<std::pair<const MemRegion *, SVal>>
splitSlot(SVal Ptr, CheckerContext &C) {
  const MemRegion *R = Ptr.getAsRegion();
  if (!R)
    return std::nullopt;
  R = R->StripCasts(/*StripBaseAndDerivedCasts=*/false);
  if (const auto *ER = dyn_cast<ElementRegion>(R))
    return std::make_pair(ER->getSuperRegion()->StripCasts(), SVal(ER->getIndex()));
  return std::make_pair(R, SVal(C.getSValBuilder().makeArrayIndex(0)));
}

/// The array slot a page pointer was loaded from: loads of invalidated array
/// elements are symbols derived from that element's region.
/// Some acquisition on this path holds pages in the array at Base.
bool tracksArray(ProgramStateRef State, const MemRegion *Base) {
  return llvm::any_of(State->get<AcquisitionMap>(), [Base](const auto &E) {
    return E.second.Base == Base;
  });
}

std::optional<std::pair<const MemRegion *, SVal>>
slotOfPageSym(SymbolRef Sym, ProgramStateRef State, CheckerContext &C) {
  if (const SymbolRef *Page = State->get<PageOfValue>(Sym))
    Sym = *Page;
  for (const auto &E : State->get<AcquisitionMap>())
    if (E.second.ScalarPage == Sym)
      return std::make_pair(E.second.Base, E.second.Start);
  const MemRegion *From = nullptr;
  if (const auto *D = dyn_cast<SymbolDerived>(Sym))
    From = D->getRegion();
  else if (const auto *RV = dyn_cast<SymbolRegionValue>(Sym))
    From = RV->getRegion();
  if (!From)
    return std::nullopt;
  return splitSlot(loc::MemRegionVal(From), C);
}

std::optional<std::pair<const MemRegion *, SVal>>
slotOfPage(SVal Page, ProgramStateRef State, CheckerContext &C) {
  SymbolRef Sym = Page.getAsSymbol();
  if (!Sym)
    return std::nullopt;
  return slotOfPageSym(Sym, State, C);
}

/// Slot arithmetic, in the 64-bit array index type so that `start + count`
/// cannot wrap where the program's int would. Zero is folded, so that
/// `0 + ret` is `ret` itself and the solver sees the very symbol the program
/// compared.
SVal arith(BinaryOperatorKind Op, SVal A, SVal B, CheckerContext &C) {
  SValBuilder &SVB = C.getSValBuilder();
  if (B.isZeroConstant())
    return A;
  if (Op == BO_Add && A.isZeroConstant())
    return B;
  return SVB.evalBinOp(C.getState(), Op, A, B, SVB.getArrayIndexType());
}

SVal add(SVal A, SVal B, CheckerContext &C) { return arith(BO_Add, A, B, C); }
SVal sub(SVal A, SVal B, CheckerContext &C) { return arith(BO_Sub, A, B, C); }

SVal index(int64_t V, CheckerContext &C) {
  return C.getSValBuilder().makeArrayIndex(V);
}

Tri query(ProgramStateRef State, BinaryOperatorKind Op, SVal L, SVal R,
          CheckerContext &C) {
  SValBuilder &SVB = C.getSValBuilder();
  SVal Cond = SVB.evalBinOp(State, Op, L, R, SVB.getConditionType());
  auto D = Cond.getAs<DefinedOrUnknownSVal>();
  if (!D || D->isUnknown())
    return Tri::Maybe;
  auto [T, F] = State->assume(*D);
  if (T && !F)
    return Tri::True;
  if (F && !T)
    return Tri::False;
  return Tri::Maybe;
}

bool surely(ProgramStateRef S, BinaryOperatorKind Op, SVal L, SVal R,
            CheckerContext &C) {
  return query(S, Op, L, R, C) == Tri::True;
}

ProgramStateRef assumeCmp(ProgramStateRef S, BinaryOperatorKind Op, SVal L,
                          SVal R, CheckerContext &C) {
  if (!S)
    return nullptr;
  SValBuilder &SVB = C.getSValBuilder();
  SVal Cond = SVB.evalBinOp(S, Op, L, R, SVB.getConditionType());
  auto D = Cond.getAs<DefinedOrUnknownSVal>();
  return D ? S->assume(*D, true) : S;
}

SVal endOf(const Acquisition &A, CheckerContext &C) {
  return add(A.Start, A.Count, C);
}

/// The acquisition may hold pages on this path: the path took a branch on
/// which the call returned a positive count.
bool mayHold(ProgramStateRef, const Acquisition &A, CheckerContext &) {
  return !A.NoRefs && (A.Out == Outcome::Partial || A.Out == Outcome::Full);
}

/// [L1, H1) and [L2, H2) surely share a slot.
bool surelyOverlap(ProgramStateRef S, SVal L1, SVal H1, SVal L2, SVal H2,
                   CheckerContext &C) {
  return surely(S, BO_LT, L1, H2, C) && surely(S, BO_LT, L2, H1, C);
}

/// [L1, H1) and [L2, H2) surely share no slot.
bool surelyDisjoint(ProgramStateRef S, SVal L1, SVal H1, SVal L2, SVal H2,
                    CheckerContext &C) {
  return surely(S, BO_GE, L1, H2, C) || surely(S, BO_GE, L2, H1, C);
}

/// Slot I of Base is surely one this acquisition filled (whether or not it
/// was released since).
bool surelyFilled(ProgramStateRef S, const Acquisition &A, const MemRegion *Base,
                  SVal I, CheckerContext &C) {
  return A.Base == Base && mayHold(S, A, C) && surely(S, BO_GE, I, A.Start, C) &&
         surely(S, BO_LT, I, endOf(A, C), C);
}

/// Slot I is surely still held: inside the acquisition and outside every
/// range released or handed over since.
bool surelyStillHeld(ProgramStateRef S, const Acquisition &A, SVal I,
                     CheckerContext &C) {
  for (const SlotRange &R : A.Done)
    if (!surely(S, BO_LT, I, R.Lo, C) && !surely(S, BO_GE, I, R.Hi, C))
      return false;
  return true;
}

/// Some page of this acquisition is surely neither released nor handed over.
/// The first and last slots decide for the usual prefix and suffix releases;
/// a small concrete count is checked slot by slot.
bool surelyLeaksSomething(ProgramStateRef S, const Acquisition &A,
                          CheckerContext &C) {
  if (!mayHold(S, A, C) || A.Escaped)
    return false;
  if (!surely(S, BO_GT, A.Count, index(0, C), C))
    return false;
  SValBuilder &SVB = C.getSValBuilder();
  if (const llvm::APSInt *N = SVB.getKnownValue(S, A.Count)) {
    int64_t Count = N->getExtValue();
    if (Count <= 64) {
      for (int64_t I = 0; I < Count; ++I)
        if (surelyStillHeld(S, A, add(A.Start, index(I, C), C), C))
          return true;
      return false;
    }
  }
  SVal Last = sub(endOf(A, C), index(1, C), C);
  return surelyStillHeld(S, A, A.Start, C) || surelyStillHeld(S, A, Last, C);
}

/// The slots named, at this point of the path, by `page` or `pages[i]`
/// somewhere inside E. Kernel code hands a page over as a value computed from
/// it (`*pfn = page_to_pfn(page)`, a physical address) as often as as the
/// pointer itself, and the analyzer cannot always compute such values.
void collectSlotsIn(const Expr *E, CheckerContext &C,
                    llvm::SmallVectorImpl<std::pair<const MemRegion *, SVal>> &Out);

/// The slots a stored or returned value was computed from: the symbols of
/// the value itself (`page - vmemmap` is a symbolic expression over the page
/// pointer) or, when the analyzer could not compute it, the page variables
/// named in the expression.
void collectSlots(SVal V, const Expr *E, CheckerContext &C,
                  llvm::SmallVectorImpl<std::pair<const MemRegion *, SVal>> &Out) {
  ProgramStateRef State = C.getState();
  if (auto LI = V.getAs<nonloc::LocAsInteger>())
    V = LI->getLoc();
  for (SymbolRef Sym : V.symbols())
    if (auto Slot = slotOfPageSym(Sym, State, C))
      Out.push_back(*Slot);
  // A struct copied as a whole (`bvecs[i] = bv;` with bv.bv_page = page):
  // the pages of its fields go with it.
  if (isa<nonloc::LazyCompoundVal, nonloc::CompoundVal>(V)) {
    struct Collect final : SymbolVisitor {
      llvm::SmallVector<SymbolRef, 4> Syms;
      bool VisitSymbol(SymbolRef S) override {
        Syms.push_back(S);
        return true;
      }
    } Visitor;
    State->scanReachableSymbols(V, Visitor);
    for (SymbolRef Sym : Visitor.Syms)
      if (auto Slot = slotOfPageSym(Sym, State, C))
        Out.push_back(*Slot);
  }
  if (Out.empty())
    collectSlotsIn(E, C, Out);
  // Only slots of tracked arrays matter (and a pointer to some unrelated
  // variable must not look like a page).
  llvm::erase_if(Out, [&](const std::pair<const MemRegion *, SVal> &S) {
    return !tracksArray(State, S.first);
  });
}

void collectSlotsIn(const Expr *E, CheckerContext &C,
                    llvm::SmallVectorImpl<std::pair<const MemRegion *, SVal>> &Out) {
  if (!E)
    return;
  E = E->IgnoreParenImpCasts();
  ProgramStateRef State = C.getState();
  const LocationContext *LC = C.getLocationContext();
  auto VarLoc = [&](const Expr *X) -> std::optional<SVal> {
    const auto *DRE = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD)
      return std::nullopt;
    return SVal(State->getLValue(VD, LC));
  };
  if (isPagePointer(E->getType())) {
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      std::optional<SVal> Base = VarLoc(ASE->getBase());
      if (Base && !ASE->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        Base = State->getSVal(Base->castAs<Loc>());
      const Expr *IdxE = ASE->getIdx()->IgnoreParenImpCasts();
      std::optional<SVal> Idx;
      if (const auto *IL = dyn_cast<IntegerLiteral>(IdxE))
        Idx = index(IL->getValue().getSExtValue(), C);
      else if (std::optional<SVal> L = VarLoc(IdxE))
        Idx = State->getSVal(L->castAs<Loc>());
      if (Base && Idx && Idx->getAs<NonLoc>()) {
        SVal Elem = State->getLValue(E->getType(), Idx->castAs<NonLoc>(), *Base);
        if (auto Slot = splitSlot(Elem, C))
          Out.push_back(*Slot);
      }
      return;
    }
    if (std::optional<SVal> L = VarLoc(E)) {
      if (auto Slot = slotOfPage(State->getSVal(L->castAs<Loc>()), State, C)) {
        Out.push_back(*Slot);
        return;
      }
      // The variable is dead after this statement and its binding already
      // purged; a `&page` target is still known by its region.
      for (const auto &En : State->get<AcquisitionMap>())
        if (En.second.ScalarPage && En.second.Base == L->getAsRegion())
          Out.push_back({En.second.Base, En.second.Start});
      return;
    }
  }
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      collectSlotsIn(CE, C, Out);
}

/// Slot I now belongs to a consumer.
SlotRange handedOver(SVal I, CheckerContext &C) {
  return {I, add(I, index(1, C), C), /*Released=*/false};
}

ProgramStateRef handOverSlot(ProgramStateRef State, const MemRegion *Base,
                             SVal I, CheckerContext &C) {
  for (const auto &E : State->get<AcquisitionMap>()) {
    if (E.second.Base != Base)
      continue;
    Acquisition A = E.second;
    A.Done.push_back(handedOver(I, C));
    State = State->set<AcquisitionMap>(E.first, A);
  }
  return State;
}

/// The array at Base can be found by code that receives a pointer to R: it
/// is inside R, or its address is a field of R that was never assigned in
/// this path (`bo->pages` of a `bo` the callee gets), which the engine's
/// escape scan misses because the field has no binding in the store.
bool isReachableFrom(const MemRegion *Base, const MemRegion *R) {
  if (Base->isSubRegionOf(R) || Base->getBaseRegion() == R)
    return true;
  const auto *SR = dyn_cast<SymbolicRegion>(Base->getBaseRegion());
  if (!SR)
    return false;
  const MemRegion *Holder = nullptr;
  if (const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol()))
    Holder = RV->getRegion();
  else if (const auto *D = dyn_cast<SymbolDerived>(SR->getSymbol()))
    Holder = D->getRegion();
  return Holder && (Holder == R || Holder->isSubRegionOf(R));
}

/// The expression whose value a bind stores: an assignment's right side or a
/// variable's initializer.
const Expr *storedExpr(const Stmt *S) {
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S))
    return BO->isAssignmentOp() ? BO->getRHS() : nullptr;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(S))
    if (const auto *VD = dyn_cast_or_null<VarDecl>(DS->getSingleDecl()))
      return VD->getInit();
  return nullptr;
}

/// The variable an acquire call's result is assigned to, if any.
const VarDecl *countVariable(const CallExpr *Site, CheckerContext &C) {
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *P = PM.getParentIgnoreParenCasts(Site);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    return dyn_cast_or_null<VarDecl>(DS->getSingleDecl());
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    if (BO->getOpcode() == BO_Assign)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// E names variable V somewhere.
bool mentions(const Stmt *E, const VarDecl *V) {
  if (!E || !V)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl() == V;
  for (const Stmt *Child : E->children())
    if (mentions(Child, V))
      return true;
  return false;
}

/// E reads a field through a pointer (`dma->nr_pages`, `(*p).n`), not a
/// local variable or a field of a local struct.
bool isFieldOfCallerData(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  while (ME && !ME->isArrow()) {
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<DeclRefExpr>(Base))
      return false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Base))
      return UO->getOpcode() == UO_Deref;
    ME = dyn_cast<MemberExpr>(Base);
  }
  return ME != nullptr;
}

/// Marks the acquisitions whose array Reaches says unseen code can now
/// find: their pages are that code's business from here on.
template <typename Pred>
ProgramStateRef markEscaped(ProgramStateRef State, Pred Reaches) {
  for (const auto &E : State->get<AcquisitionMap>()) {
    if (E.second.Escaped || !Reaches(E.second))
      continue;
    Acquisition A = E.second;
    A.Escaped = true;
    State = State->set<AcquisitionMap>(E.first, A);
  }
  return State;
}

bool isOnStackOf(ProgramStateRef S, const MemRegion *R,
                 const StackFrameContext *SFC) {
  const auto *Space =
      dyn_cast<StackSpaceRegion>(pinpair::compat::memSpace(S, R));
  return Space && Space->getStackFrame() == SFC;
}

/// Frame F or one of the frames it called.
bool isWithin(const StackFrameContext *Inner, const StackFrameContext *F) {
  return Inner == F || F->isParentOf(Inner);
}

std::string sourceText(const Expr *E, CheckerContext &C) {
  if (!E)
    return "";
  E = E->IgnoreImpCasts();
  const SourceManager &SM = C.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return "";
  StringRef Text = Lexer::getSourceText(R, SM, C.getLangOpts());
  if (Text.empty() || Text.size() > 32 || Text.contains('\n'))
    return "";
  return Text.str();
}

unsigned lineOf(const Stmt *S, CheckerContext &C) {
  return C.getSourceManager().getExpansionLineNumber(S->getBeginLoc());
}

StringRef errnoName(int64_t E) {
  switch (E) {
  case 1: return "EPERM";
  case 2: return "ENOENT";
  case 4: return "EINTR";
  case 5: return "EIO";
  case 6: return "ENXIO";
  case 7: return "E2BIG";
  case 9: return "EBADF";
  case 11: return "EAGAIN";
  case 12: return "ENOMEM";
  case 13: return "EACCES";
  case 14: return "EFAULT";
  case 16: return "EBUSY";
  case 17: return "EEXIST";
  case 19: return "ENODEV";
  case 22: return "EINVAL";
  case 28: return "ENOSPC";
  case 34: return "ERANGE";
  case 75: return "EOVERFLOW";
  case 95: return "EOPNOTSUPP";
  case 512: return "ERESTARTSYS";
  case 524: return "ENOTSUPP";
  default: return "";
  }
}

std::string describeErrorReturn(const ExitInfo &E) {
  if (E.IsNull)
    return "NULL";
  std::string Code;
  if (E.HasErrno) {
    StringRef Name = errnoName(E.Errno);
    Code = Name.empty() ? "-" + std::to_string(E.Errno) : "-" + Name.str();
  }
  if (E.IsErrPtr)
    return Code.empty() ? "an ERR_PTR" : "ERR_PTR(" + Code + ")";
  return Code.empty() ? "an error" : Code;
}

/// "'pin_user_pages_fast' (line 12)": how reports name an acquisition.
std::string siteName(const Acquisition &A, CheckerContext &C) {
  return "'" + A.Api->Name.str() + "' (line " +
         std::to_string(lineOf(A.Site, C)) + ")";
}

/// "Pages pinned by 'pin_user_pages' (line 12)" or, for FOLL_GET,
/// "Page references taken by 'get_user_pages' (line 12)".
std::string whatWasTaken(const Acquisition &A, CheckerContext &C) {
  return (A.Api->Kind == RefKind::Pin ? "Pages pinned by "
                                      : "Page references taken by ") +
         siteName(A, C);
}

/// The acquire call whose count V is, when V can still be negative on this
/// path: the symbol the call returned, through integer casts (`int ret =
/// pin_user_pages(...)` truncates a long).
std::pair<SymbolRef, const Acquisition *>
negativeCount(SVal V, QualType T, ProgramStateRef State, CheckerContext &C) {
  SymbolRef S = V.getAsSymbol();
  while (const auto *SC = dyn_cast_or_null<SymbolCast>(S))
    S = SC->getOperand();
  if (!S)
    return {};
  const Acquisition *A = State->get<AcquisitionMap>(S);
  if (!A || A->Api->Ret == pinpair::ReturnContract::CountOnly ||
      !T->isIntegerType())
    return {};
  if (query(State, BO_LT, V, C.getSValBuilder().makeIntVal(0, T), C) ==
      Tri::False)
    return {};
  return {S, A};
}

/// The name a use of a value shows: `nr_pinned`, `obj->npages`, or the type.
std::string nameOr(const Expr *E, StringRef Else, CheckerContext &C) {
  std::string N = sourceText(E, C);
  return N.empty() ? Else.str() : "'" + N + "'";
}

/// What the program does with a signed count that an implicit conversion
/// turns unsigned; empty when that use is harmless or only noisy (Strict).
/// Equality survives the conversion (`ret != nr` still sees the error), so
/// does arithmetic converted back to signed; ordering does not.
std::string describeUnsignedUse(const ImplicitCastExpr *E, bool Strict,
                                CheckerContext &C) {
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  const Stmt *Child = E;
  const Stmt *P = PM.getParentIgnoreParens(E);
  while (P && isa<ImplicitCastExpr>(P)) {
    Child = P;
    P = PM.getParentIgnoreParens(P);
  }
  std::string To = "'" + E->getType().getAsString() + "'";
  if (!P)
    return Strict ? "is converted to unsigned " + To : "";
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    const Expr *Other = (BO->getLHS()->IgnoreParens() == Child)
                            ? BO->getRHS()
                            : BO->getLHS();
    if (BO->isRelationalOp()) {
      const Stmt *Cond = PM.getParentIgnoreParens(BO);
      bool LoopBound = false;
      if (const auto *F = dyn_cast_or_null<ForStmt>(Cond))
        LoopBound = F->getCond() && F->getCond()->IgnoreParens() == BO;
      else if (const auto *W = dyn_cast_or_null<WhileStmt>(Cond))
        LoopBound = W->getCond()->IgnoreParens() == BO;
      else if (const auto *D = dyn_cast_or_null<DoStmt>(Cond))
        LoopBound = D->getCond()->IgnoreParens() == BO;
      if (LoopBound)
        return "bounds a loop over unsigned " + nameOr(Other, "index", C) +
               ": the errno becomes a huge number of iterations";
      return "is compared with unsigned " + nameOr(Other, "value", C) +
             ": the comparison is made unsigned, so the errno looks like a "
             "huge count";
    }
    // A plain store is judged where the stored value is read (checkBind).
    if (BO->getOpcode() == BO_Assign && BO->getRHS()->IgnoreParens() == Child)
      return "";
    if (BO->isAssignmentOp() && BO->getRHS()->IgnoreParens() == Child)
      return "is accumulated into unsigned " + nameOr(BO->getLHS(), To, C);
    if (!Strict)
      return "";
    return BO->isEqualityOp()
               ? "is compared for equality with unsigned " +
                     nameOr(Other, "value", C)
               : "is used in unsigned arithmetic with " +
                     nameOr(Other, "an unsigned value", C);
  }
  if (isa<DeclStmt>(P))
    return "";
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    for (unsigned I = 0, N = CE->getNumArgs(); I < N; ++I) {
      if (CE->getArg(I)->IgnoreParens() != Child)
        continue;
      std::string Fn = FD && FD->getIdentifier()
                           ? "'" + FD->getName().str() + "'"
                           : std::string("the callee");
      const ApiFunction *F =
          FD && FD->getIdentifier() ? lookupName(FD->getName()) : nullptr;
      if (F && (F->R == Role::ReleaseArray || F->R == Role::ReleaseRange) &&
          F->CountArg == I)
        return "is passed as the page count of " + Fn;
      if (FD && I < FD->getNumParams() &&
          !FD->getParamDecl(I)->getName().empty())
        return "is passed to unsigned parameter '" +
               FD->getParamDecl(I)->getName().str() + "' of " + Fn;
      return "is passed to an unsigned parameter of " + Fn;
    }
  }
  if (isa<ReturnStmt>(P))
    return "is returned as unsigned " + To;
  if (isa<InitListExpr>(P))
    return "";
  return Strict ? "is converted to unsigned " + To : "";
}

/// 'vec->nr_frames': the region's name, else what the store wrote to.
std::string storeTargetName(const Stmt *Store, const MemRegion *R,
                            CheckerContext &C) {
  std::string N = R->getDescriptiveName();
  if (!N.empty())
    return N;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Store))
    if (std::string T = sourceText(BO->getLHS(), C); !T.empty())
      return "'" + T + "'";
  return "";
}

#ifdef PINPAIR_Z3_REFUTATION
/// Drops a report whose path constraints Z3 proves unsatisfiable. Counts
/// that are sums of unsigned values (`*pinned += ret` over batches) let the
/// range solver keep paths on which the sum wraps to zero; Z3 knows better.
/// Cheap: it runs only on the paths of reports. Skipped when the user turned
/// on clang's own crosscheck-with-z3, which does the same for every checker.
class Z3Refutation final : public BugReporterVisitor {
  Z3CrosscheckVisitor::Z3Result Result;
  Z3CrosscheckVisitor Inner;

public:
  explicit Z3Refutation(const AnalyzerOptions &Opts) : Inner(Result, Opts) {}
  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag;
    ID.AddPointer(&Tag);
  }
  PathDiagnosticPieceRef VisitNode(const ExplodedNode *N,
                                   BugReporterContext &BRC,
                                   PathSensitiveBugReport &BR) override {
    return Inner.VisitNode(N, BRC, BR);
  }
  void finalizeVisitor(BugReporterContext &BRC, const ExplodedNode *End,
                       PathSensitiveBugReport &BR) override {
    Inner.finalizeVisitor(BRC, End, BR);
    // Like clang's own oracle: an undecided query (timeout) rejects too.
    if (!Result.IsSAT.value_or(false))
      BR.markInvalid(this, nullptr);
  }
};
#endif

void addRefutation(PathSensitiveBugReport &R, CheckerContext &C, bool On) {
#ifdef PINPAIR_Z3_REFUTATION
  const AnalyzerOptions &Opts = C.getAnalysisManager().getAnalyzerOptions();
  if (On && !Opts.ShouldCrosscheckWithZ3)
    R.addVisitor<Z3Refutation>(Opts);
#endif
}

/// Slot Hi - 1 of Base surely holds nothing: it lies inside the range some
/// call was asked to fill and past what that call filled (or the call
/// failed), and outside every call that may hold pages. Returns that call.
/// Slots outside every request may hold pages from code not seen here.
/// Phrased on Hi, not Hi - 1, so that `nr` compares with `nr` itself.
SymbolRef unfilledSlotOwner(ProgramStateRef State, const MemRegion *Base,
                            SVal Hi, CheckerContext &C) {
  SymbolRef Owner = nullptr;
  for (const auto &E : State->get<AcquisitionMap>()) {
    const Acquisition &A = E.second;
    if (A.Base != Base)
      continue;
    // Code pinpair cannot see had the array (and often the count it is
    // released by, as in a struct it received): what the release bound
    // says about the fill is no longer known.
    if (A.Escaped)
      return nullptr;
    // A byte-counting call returns 0 only for an empty iterator, which the
    // calling code usually knows it is not (fs/direct-io.c): no claim.
    if (A.Api->Ret == pinpair::ReturnContract::BytesOrErrno &&
        A.Out == Outcome::Nothing)
      continue;
    bool InRequest = surely(State, BO_GT, Hi, A.Start, C) &&
                     surely(State, BO_LE, Hi, add(A.Start, A.Requested, C), C);
    bool PastFill =
        !mayHold(State, A, C) || surely(State, BO_GT, Hi, endOf(A, C), C);
    if (InRequest && PastFill)
      Owner = E.first;
    if (mayHold(State, A, C) && !PastFill &&
        !surely(State, BO_LE, Hi, A.Start, C))
      return nullptr;
  }
  return Owner;
}

//===----------------------------------------------------------------------===//
// Acquire: split on the contract.
//===----------------------------------------------------------------------===//

void GupChecker::modelAcquire(const CallEvent &Call, const ApiFunction &F,
                              CheckerContext &C) const {
  // An inlined body (the TU that defines the API) computes its own result,
  // and so does the body of a built-in acquire function analysed as such
  // (lib/iov_iter.c implements iov_iter_get_pages2() with
  // get_user_pages_fast()): its callers get the contract, not the body.
  if (C.wasInlined || insideBuiltinAcquire(C.getStackFrame()))
    return;
  std::optional<pinpair::AcquireLayout> L = layoutFor(Call, F);
  const auto *Site = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  SymbolRef RetSym = Call.getReturnValue().getAsSymbol();
  if (!L || !Site || !RetSym)
    return;
  if (F.Ret == pinpair::ReturnContract::BytesOrErrno) {
    modelBytesAcquire(Call, F, *L, C);
    return;
  }
  // A NULL array only faults the pages in; nothing is taken.
  auto Slots = splitSlot(Call.getArgSVal(L->PagesArg), C);
  if (!Slots)
    return;

  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  QualType RetTy = Call.getResultType();
  const Expr *NrE = Call.getArgExpr(L->NrArg);
  SVal Ret = Call.getReturnValue();
  SVal Nr = SVB.evalCast(Call.getArgSVal(L->NrArg), RetTy, NrE->getType());
  SVal Zero = SVB.makeIntVal(0, RetTy);
  SVal One = SVB.makeIntVal(1, RetTy);

  Acquisition A{&F,  Site, C.getStackFrame(), Slots->first, Slots->second,
                Ret, Nr, nullptr, countVariable(Site, C), Outcome::Full, false,
                false, false, nullptr, isFieldOfCallerData(NrE), false, false, {}, {}};
  if (!isa<ElementRegion>(Call.getArgSVal(L->PagesArg).getAsRegion()))
    A.ScalarPage = State->getSVal(A.Base).getAsSymbol();

  // The call refills slots [Start, Start + nr): pages still held there by an
  // earlier call can no longer be released.
  ExplodedNode *Pred = C.getPredecessor();
  SVal ReqEnd = add(A.Start, Nr, C);
  llvm::SmallVector<SymbolRef, 2> Refilled, Dropped;
  // An earlier call is forgotten only when the new one surely overwrites its
  // slots: batches filled at `pages + pinned` must stay tracked even when the
  // solver cannot prove them disjoint.
  for (const auto &E : State->get<AcquisitionMap>()) {
    const Acquisition &Old = E.second;
    if (Old.Base != A.Base)
      continue;
    bool Overwrites =
        !mayHold(State, Old, C)
            ? surely(State, BO_GE, A.Start, Old.Start, C) &&
                  surely(State, BO_GT, ReqEnd, Old.Start, C) &&
                  surely(State, BO_LE, A.Start, Old.Start, C)
            : surelyOverlap(State, Old.Start, endOf(Old, C), A.Start, ReqEnd, C);
    if (!Overwrites)
      continue;
    if (surelyLeaksSomething(State, Old, C))
      Refilled.push_back(E.first);
    Dropped.push_back(E.first);
  }
  if (!Refilled.empty()) {
    std::string Detail = "'" + A.Api->Name.str() + "' refills the array";
    if (std::string N = sourceText(Call.getArgExpr(L->PagesArg), C); !N.empty())
      Detail += " '" + N + "'";
    Detail += " before those pages are released";
    Pred = reportLeaks(Refilled, LeakWhy::Refilled, Detail, C);
    if (!Pred)
      return;
    State = keepPath(State);
  }
  for (SymbolRef S : Dropped)
    State = State->remove<AcquisitionMap>(S);

  // The outcomes the contract allows. Each is a separate path with a note
  // naming it, so a report says which one it was found on.
  std::string Fn = "'" + F.Name.str() + "'";
  std::string Req = sourceText(NrE, C);
  if (const llvm::APSInt *K = SVB.getKnownValue(State, Nr))
    Req = std::to_string(K->getExtValue());
  std::string ReqText = Req.empty() ? "the requested" : "'" + Req + "'";
  if (!Req.empty() && std::isdigit(static_cast<unsigned char>(Req[0])))
    ReqText = Req;
  StringRef Taken = pinpair::takenVerb(F.Kind);
  StringRef Verb = F.Kind == RefKind::Pin ? "pinned" : "took references on";

  struct Branch {
    Outcome Out;
    ProgramStateRef S;
    std::string Note;
  };
  llvm::SmallVector<Branch, 4> Branches;
  if (F.Ret == pinpair::ReturnContract::CountOrErrno) {
    ProgramStateRef S = assumeCmp(State, BO_LE, Ret, SVB.makeIntVal(-1, RetTy), C);
    S = assumeCmp(S, BO_GE, Ret, SVB.makeIntVal(-4095, RetTy), C);
    S = assumeCmp(S, BO_GE, Nr, One, C);
    // The solver does not compare two symbols by their ranges: say that the
    // errno is below the request, or `if (ret < nr)` could be assumed false.
    S = assumeCmp(S, BO_LT, Ret, Nr, C);
    Branches.push_back({Outcome::Failed, S,
                        Fn + " failed and returned a negative errno; no pages "
                             "were " + Taken.str()});
    ProgramStateRef Z = assumeCmp(State, BO_EQ, Ret, Zero, C);
    Z = assumeCmp(Z, BO_LE, Nr, Zero, C);
    Branches.push_back({Outcome::Nothing, Z,
                        Fn + " was asked for no pages and " + Taken.str() +
                            " none"});
  } else {
    ProgramStateRef Z = assumeCmp(State, BO_EQ, Ret, Zero, C);
    Branches.push_back({Outcome::Nothing, Z,
                        Fn + " " + Taken.str() + " no pages (it returns 0 on "
                                                  "failure)"});
  }
  ProgramStateRef P = assumeCmp(State, BO_GE, Ret, One, C);
  P = assumeCmp(P, BO_LT, Ret, Nr, C);
  // The solver does not derive bounds of one symbol from a relation between
  // two; state the one every later question needs.
  P = assumeCmp(P, BO_GE, Nr, SVB.makeIntVal(2, RetTy), C);
  Branches.push_back({Outcome::Partial, P,
                      Fn + " " + Verb.str() + " only some of the " + ReqText +
                          " pages (partial success)"});
  ProgramStateRef Full = assumeCmp(State, BO_GE, Nr, One, C);
  Full = assumeCmp(Full, BO_EQ, Ret, Nr, C);
  // Symbols of different types (long ret, unsigned long nr) are related only
  // through the comparison, not merged: bound ret itself as well.
  Full = assumeCmp(Full, BO_GE, Ret, One, C);
  Branches.push_back({Outcome::Full, Full,
                      Req == "1" ? Fn + " " + Verb.str() + " the requested page"
                                 : Fn + " " + Verb.str() + " all " + ReqText +
                                       " pages"});

  const SVal *Before = State->get<PreCallContents>(Site);
  const TypedValueRegion *Target = restorableTarget(Call, F);
  for (Branch &B : Branches) {
    if (!B.S)
      continue;
    Acquisition BA = A;
    BA.Out = B.Out;
    ProgramStateRef S = B.S->set<AcquisitionMap>(RetSym, BA);
    // Nothing taken, nothing written: `page = NULL; ...; if (page) unpin`.
    if (Before && Target && !mayHold(S, BA, C))
      S = S->bindLoc(loc::MemRegionVal(Target), *Before, C.getLocationContext());
    S = S->remove<PreCallContents>(Site);
    const NoteTag *Tag = C.getNoteTag(
        [RetSym, Note = B.Note](PathSensitiveBugReport &BR) -> std::string {
          return BR.isInteresting(RetSym) ? Note : "";
        });
    C.addTransition(S, Pred, Tag);
  }
}

/// The same arithmetic with canonical types and the operands of + and *
/// in one order. The engine keys symbols by their sugared type, so the
/// program's `start + bytes` (size_t) and `bytes + start` are three symbols
/// to the solver where the model means one count.
SymbolRef canonical(SymbolRef S, SymbolManager &SM) {
  auto Canon = [](QualType T) { return T.getCanonicalType(); };
  if (const auto *SI = dyn_cast<SymIntExpr>(S))
    return pinpair::compat::symInt(SM, canonical(SI->getLHS(), SM),
                                   SI->getOpcode(), SI->getRHS(),
                                   Canon(SI->getType()));
  if (const auto *IS = dyn_cast<IntSymExpr>(S))
    return pinpair::compat::intSym(SM, IS->getLHS(), IS->getOpcode(),
                                   canonical(IS->getRHS(), SM),
                                   Canon(IS->getType()));
  if (const auto *SS = dyn_cast<SymSymExpr>(S)) {
    SymbolRef L = canonical(SS->getLHS(), SM), R = canonical(SS->getRHS(), SM);
    BinaryOperatorKind Op = SS->getOpcode();
    if ((Op == BO_Add || Op == BO_Mul) && std::less<SymbolRef>()(R, L))
      std::swap(L, R);
    return pinpair::compat::symSym(SM, L, Op, R, Canon(SS->getType()));
  }
  return S;
}

/// The symbol iov_iter_extract_will_pin() returns for this iterator.
std::pair<ProgramStateRef, SymbolRef> willPinSymbol(const CallEvent &Call,
                                                    ProgramStateRef State,
                                                    CheckerContext &C) {
  const MemRegion *Iter = Call.getArgSVal(0).getAsRegion();
  if (!Iter)
    return {State, nullptr};
  Iter = Iter->StripCasts();
  if (const SymbolRef *S = State->get<WillPinMap>(Iter))
    return {State, *S};
  static int Tag;
  QualType BoolTy = C.getASTContext().BoolTy;
  SymbolRef S =
      pinpair::compat::conjure(Call, C, BoolTy, &Tag).getAsSymbol();
  if (!S)
    return {State, nullptr};
  State = State->set<WillPinMap>(Iter, S);
  State = assumeCmp(State, BO_LE, nonloc::SymbolVal(S),
                    C.getSValBuilder().makeTruthVal(true, BoolTy), C);
  return {State, S};
}

/// iov_iter_get_pages*() and iov_iter_extract_pages() count bytes: the
/// pages held are DIV_ROUND_UP(*offset + ret, PAGE_SIZE) from slot 0. The
/// count is built the way the kernel macro computes it, so that a loop the
/// program bounds with DIV_ROUND_UP(offset + ret, PAGE_SIZE) (either order)
/// is bounded by the very symbol the model holds.
void GupChecker::modelBytesAcquire(const CallEvent &Call, const ApiFunction &F,
                                   const pinpair::AcquireLayout &L,
                                   CheckerContext &C) const {
  using pinpair::NoArg;
  const auto *Site = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  SymbolRef RetSym = Call.getReturnValue().getAsSymbol();
  if (!Site || !RetSym || L.BytesArg == NoArg || L.OffsetArg == NoArg)
    return;
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  ASTContext &Ctx = C.getASTContext();
  const LocationContext *LC = C.getLocationContext();
  QualType RetTy = Call.getResultType();
  QualType SizeTy = Ctx.getSizeType();
  SVal Ret = Call.getReturnValue();
  const int64_t PageSize = 4096;

  // The offset into the first page the call stored.
  const MemRegion *OffR = Call.getArgSVal(L.OffsetArg).getAsRegion();
  if (!OffR)
    return;
  SVal Off = State->getSVal(loc::MemRegionVal(OffR), SizeTy);
  if (!Off.getAsSymbol()) {
    static int OffTag;
    Off = pinpair::compat::conjure(Call, C, SizeTy, &OffTag);
    State = State->bindLoc(loc::MemRegionVal(OffR), Off, LC);
  }
  State = assumeCmp(State, BO_LT, Off, SVB.makeIntVal(PageSize, SizeTy), C);

  // The array: the caller's, or one the call allocates on success.
  SVal PagesV = Call.getArgSVal(L.PagesArg);
  const MemRegion *Holder = nullptr;
  QualType ArrTy;
  std::optional<std::pair<const MemRegion *, SVal>> Slots;
  if (F.AllocatesArray) {
    Holder = PagesV.getAsRegion();
    if (!Holder)
      return;
    ArrTy = calleeDecl(Call)->getParamDecl(L.PagesArg)->getType()->getPointeeType();
    // iov_iter_extract_pages() fills a non-NULL *pages the caller passes.
    const SVal *Before = State->get<PreCallContents>(Site);
    if (Before && !Before->isZeroConstant() && Before->getAsRegion()) {
      Slots = splitSlot(*Before, C);
      // It keeps the caller's array: *pages is what it was.
      State = State->bindLoc(loc::MemRegionVal(Holder), *Before, LC);
    }
  } else {
    Slots = splitSlot(PagesV, C);
    if (!Slots)
      return;
  }
  State = State->remove<PreCallContents>(Site);
  bool Allocates = F.AllocatesArray && !Slots;

  // DIV_ROUND_UP(n, d) is ((n) + (d) - 1) / (d).
  auto DivRoundUp = [&](SVal N) {
    SVal V = SVB.evalBinOp(State, BO_Add, N, SVB.makeIntVal(PageSize, SizeTy), SizeTy);
    V = SVB.evalBinOp(State, BO_Sub, V, SVB.makeIntVal(1, SizeTy), SizeTy);
    return SVB.evalBinOp(State, BO_Div, V, SVB.makeIntVal(PageSize, SizeTy), SizeTy);
  };
  SVal RetAsSize = SVB.evalCast(Ret, SizeTy, RetTy);
  SVal Count = DivRoundUp(SVB.evalBinOp(State, BO_Add, Off, RetAsSize, SizeTy));
  if (SymbolRef CS = Count.getAsSymbol())
    Count = nonloc::SymbolVal(canonical(CS, SVB.getSymbolManager()));
  SVal MaxBytes = SVB.evalCast(Call.getArgSVal(L.BytesArg), RetTy,
                               Call.getArgExpr(L.BytesArg)->getType());
  SVal MaxPages = Count;
  if (L.NrArg != NoArg)
    MaxPages = SVB.evalCast(Call.getArgSVal(L.NrArg), SizeTy,
                            Call.getArgExpr(L.NrArg)->getType());

  std::string Fn = "'" + F.Name.str() + "'";
  StringRef Taken = pinpair::takenVerb(F.Kind);
  SVal Zero = SVB.makeIntVal(0, RetTy);
  SVal NullArr = SVB.makeNullWithType(ArrTy.isNull() ? Ctx.VoidPtrTy : ArrTy);

  struct Branch {
    Outcome Out;
    ProgramStateRef S;
    std::string Note;
    bool NoRefs;
  };
  llvm::SmallVector<Branch, 4> Branches;
  // iov_iter_extract_pages(): whether it pins is the iterator's fact, shared
  // with every iov_iter_extract_will_pin() on that iterator.
  SymbolRef WillPin = nullptr;
  if (F.PinsIfWillPin)
    if (auto [S, W] = willPinSymbol(Call, State, C); S && W) {
      State = S;
      WillPin = W;
    }
  ProgramStateRef Failed =
      assumeCmp(State, BO_LE, Ret, SVB.makeIntVal(-1, RetTy), C);
  Failed = assumeCmp(Failed, BO_GE, Ret, SVB.makeIntVal(-4095, RetTy), C);
  Branches.push_back({Outcome::Failed, Failed,
                      Fn + " failed and returned a negative errno; no pages "
                           "were " + Taken.str(), false});
  Branches.push_back({Outcome::Nothing, assumeCmp(State, BO_EQ, Ret, Zero, C),
                      Fn + " returned 0 bytes; no pages were " + Taken.str(),
                      false});
  ProgramStateRef Some = assumeCmp(State, BO_GE, Ret, SVB.makeIntVal(1, RetTy), C);
  Some = assumeCmp(Some, BO_LE, Ret, MaxBytes, C);
  Some = assumeCmp(Some, BO_GE, Count, SVB.makeIntVal(1, SizeTy), C);
  if (L.NrArg != NoArg)
    Some = assumeCmp(Some, BO_LE, Count, MaxPages, C);
  std::string Where = Allocates ? " in an array it allocated" : "";
  std::string Held = " the DIV_ROUND_UP(offset + bytes, PAGE_SIZE) pages "
                     "holding the bytes it returned" + Where;
  std::string Verb = F.Kind == RefKind::Pin ? " pinned" : " took references on";
  // With a page limit, fewer pages than the limit is the partial branch:
  // code that releases `maxpages` is judged on it.
  llvm::SmallVector<std::pair<Outcome, ProgramStateRef>, 2> Got;
  std::string MaxText = L.NrArg == NoArg ? "" : sourceText(Call.getArgExpr(L.NrArg), C);
  if (L.NrArg != NoArg) {
    ProgramStateRef P = assumeCmp(Some, BO_LT, Count, MaxPages, C);
    Got.push_back({Outcome::Partial, P});
    Got.push_back({Outcome::Full, assumeCmp(Some, BO_EQ, Count, MaxPages, C)});
  } else {
    Got.push_back({Outcome::Partial, Some});
  }
  auto GotNote = [&](Outcome O) {
    std::string N = Fn + Verb + Held;
    if (L.NrArg != NoArg)
      N += O == Outcome::Partial
               ? " (fewer than " + (MaxText.empty() ? std::string("the limit")
                                                    : "'" + MaxText + "'") +
                     ")"
               : " (as many as " + (MaxText.empty() ? std::string("the limit")
                                                    : "'" + MaxText + "'") +
                     ")";
    return N;
  };
  if (WillPin) {
    nonloc::SymbolVal WV(WillPin);
    for (auto &G : Got)
      if (G.second)
        Branches.push_back({G.first, G.second->assume(WV, true),
                            GotNote(G.first) + "; the iterator is user-backed",
                            false});
    if (Some)
      Branches.push_back(
          {Outcome::Nothing, Some->assume(WV, false),
           Fn + " took no references: the iterator is not user-backed "
                "(iov_iter_extract_will_pin() is false)",
           true});
  } else {
    for (auto &G : Got)
      Branches.push_back({G.first, G.second, GotNote(G.first), false});
  }

  for (Branch &B : Branches) {
    if (!B.S)
      continue;
    ProgramStateRef S = B.S;
    bool Holds = B.Out == Outcome::Partial || B.Out == Outcome::Full || B.NoRefs;
    const MemRegion *Base = Slots ? Slots->first : nullptr;
    SVal Start = Slots ? Slots->second : index(0, C);
    if (Allocates) {
      if (Holds) {
        SVal Arr = pinpair::compat::conjureHeap(Call, C, ArrTy);
        S = S->bindLoc(loc::MemRegionVal(Holder), Arr, LC);
        Base = Arr.getAsRegion();
      } else if (!F.PinsIfWillPin) {
        // iov_iter_get_pages_alloc2(): *pages is NULL when nothing was got.
        S = S->bindLoc(loc::MemRegionVal(Holder), NullArr, LC);
      }
    }
    if (Base) {
      Acquisition A{&F,  Site, C.getStackFrame(), Base, Start, Count, MaxPages,
                    nullptr, countVariable(Site, C), B.Out, false, false,
                    false, nullptr, false, false, false, {}, {}};
      A.OwnsArray = Allocates && Holds;
      A.NoRefs = B.NoRefs;
      // `&page` (one page, no array): the page is that variable's value.
      if (!F.AllocatesArray && !isa<ElementRegion>(PagesV.getAsRegion()))
        A.ScalarPage = S->getSVal(Base).getAsSymbol();
      // The array went straight into memory the caller sees.
      A.Stored = A.OwnsArray && !isOnStackOf(S, Holder->getBaseRegion(),
                                              C.getStackFrame());
      S = S->set<AcquisitionMap>(RetSym, A);
    }
    const NoteTag *Tag = C.getNoteTag(
        [RetSym, Note = B.Note](PathSensitiveBugReport &BR) -> std::string {
          return BR.isInteresting(RetSym) ? Note : "";
        });
    C.addTransition(S, Tag);
  }
}

/// iov_iter_extract_will_pin(iter): the iterator's fact, shared with the
/// extract calls on it.
bool GupChecker::evalWillPin(const CallEvent &Call, CheckerContext &C) const {
  if (Call.getNumArgs() < 1 || !Call.getOriginExpr())
    return false;
  auto [State, W] = willPinSymbol(Call, C.getState(), C);
  if (!State || !W)
    return false;
  SVal V = C.getSValBuilder().evalCast(nonloc::SymbolVal(W),
                                       Call.getResultType(),
                                       C.getASTContext().BoolTy);
  C.addTransition(State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), V));
  return true;
}

//===----------------------------------------------------------------------===//
// Release.
//===----------------------------------------------------------------------===//

void GupChecker::modelRelease(const CallEvent &Call, const ApiFunction &F,
                              CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  // A release wrapper from a config may return a status: unknown here.
  auto withResult = [&](ProgramStateRef S) {
    static int Tag;
    ProgramStateRef Bound = bindFreshResult(Call, C, S, &Tag);
    return Bound ? Bound : S;
  };
  std::optional<std::pair<const MemRegion *, SVal>> First;
  SVal Count = index(1, C);
  SVal Ptr = Call.getArgSVal(F.PtrArg);
  if (F.R == Role::ReleaseArray) {
    First = splitSlot(Ptr, C);
  } else {
    First = slotOfPage(Ptr, State, C);
  }
  if (F.R != Role::ReleaseOne) {
    const Expr *CE = Call.getArgExpr(F.CountArg);
    Count = Call.getArgSVal(F.CountArg);
    // A symbolic count stays the symbol the program computed: a cast can
    // rebuild an expression (DIV_ROUND_UP(off + bytes, PAGE_SIZE)) into one
    // the solver no longer relates to the acquire's count.
    if (!Count.getAsSymbol())
      Count = C.getSValBuilder().evalCast(
          Count, C.getSValBuilder().getArrayIndexType(), CE->getType());
  }
  if (!First) {
    C.addTransition(withResult(State));
    return;
  }
  ArraySlots R{First->first, First->second, add(First->second, Count, C)};

  // The acquisitions this release may touch, latest call last.
  llvm::SmallVector<std::pair<SymbolRef, const Acquisition *>, 4> Touched;
  for (const auto &E : State->get<AcquisitionMap>())
    if (E.second.Base == R.Base)
      Touched.push_back({E.first, &E.second});
  if (Touched.empty()) {
    C.addTransition(withResult(State));
    return;
  }

  std::string Fn = "'" + F.Name.str() + "'";

  // A page given one more reference since (get_page(), page_remove_rmap()):
  // this put drops that one, and the reference the call took is still held.
  // Only a put drops it: an unpin still owes the pin.
  if (F.R == Role::ReleaseOne && F.Kind == RefKind::Get) {
    for (auto [Sym, A] : Touched) {
      const SVal *It = llvm::find_if(
          A->Extra, [&](SVal I) { return surely(State, BO_EQ, I, R.Lo, C); });
      if (It == A->Extra.end())
        continue;
      Acquisition Updated = *A;
      Updated.Extra.erase(Updated.Extra.begin() + (It - A->Extra.begin()));
      State = State->set<AcquisitionMap>(Sym, Updated);
      std::string Note = Fn + " drops the added reference; the one " +
                         siteName(*A, C) + " took is still held";
      C.addTransition(withResult(State), noteForAny(C, {Sym}, Note));
      return;
    }
  }
  std::string CountText = F.R == Role::ReleaseOne
                              ? ""
                              : sourceText(Call.getArgExpr(F.CountArg), C);

  // Pages an extract call took without a reference (the iterator does not
  // pin): releasing them is as wrong as releasing the other kind.
  for (auto [Sym, A] : Touched) {
    if (!A->NoRefs ||
        !surelyOverlap(State, R.Lo, R.Hi, A->Start, endOf(*A, C), C))
      continue;
    std::string Msg = "Pages extracted by " + siteName(*A, C) +
                      " hold no reference (the iterator is not user-backed), "
                      "yet " + Fn + " releases them; guard the release with "
                      "iov_iter_extract_will_pin()";
    if (reportRelease(CK_MismatchedRelease, Sym, Msg, Call, C))
      return;
    break;
  }

  // Wrong API: these pages surely belong to a call of the other kind.
  for (auto [Sym, A] : Touched) {
    if (A->Api->Kind == F.Kind || !mayHold(State, *A, C) ||
        !surelyOverlap(State, R.Lo, R.Hi, A->Start, endOf(*A, C), C))
      continue;
    std::string Msg =
        A->Api->Kind == RefKind::Pin
            ? "Pages pinned by " + siteName(*A, C) +
                  " (FOLL_PIN) are released with " + Fn +
                  "; pinned pages must be released with unpin_user_page(s)()"
            : "Pages taken by " + siteName(*A, C) +
                  " (FOLL_GET) are released with " + Fn +
                  "; they must be released with put_page() or "
                  "release_pages()";
    if (reportRelease(CK_MismatchedRelease, Sym, Msg, Call, C))
      return;
    break;
  }

  // Releasing a slot no call filled. The last released slot is judged: it
  // must lie inside the range some call was asked to fill and past what that
  // call filled (or it failed), and outside every call that may hold pages.
  // Slots outside every request may hold pages from code not seen here.
  if (surely(State, BO_GT, R.Hi, R.Lo, C)) {
    SymbolRef LatestSym = unfilledSlotOwner(State, R.Base, R.Hi, C);
    const Acquisition *Latest =
        LatestSym ? State->get<AcquisitionMap>(LatestSym) : nullptr;
    if (Latest) {
      // The branch (failed, partial) is in the note trail; one message for
      // all of them keeps one report per release site.
      StringRef Took = Latest->Api->Kind == RefKind::Pin ? "pinned" : "took";
      std::string Msg =
          F.R == Role::ReleaseOne
              ? Fn + " releases a page that " + siteName(*Latest, C) +
                    " did not store"
              : Fn + " releases " +
                    (CountText.empty() ? std::string("more pages")
                                       : "'" + CountText + "' pages") +
                    ", more than " + siteName(*Latest, C) + " " + Took.str();
      if (reportRelease(CK_OverRelease, LatestSym, Msg, Call, C))
        return;
    }
  }

  // The same held slot released twice.
  for (auto [Sym, A] : Touched) {
    if (!mayHold(State, *A, C))
      continue;
    SVal End = endOf(*A, C);
    if (!surelyOverlap(State, R.Lo, R.Hi, A->Start, End, C))
      continue;
    for (const SlotRange &Prev : A->Done) {
      if (!Prev.Released ||
          !surelyOverlap(State, R.Lo, R.Hi, Prev.Lo, Prev.Hi, C) ||
          !surelyOverlap(State, Prev.Lo, Prev.Hi, A->Start, End, C))
        continue;
      std::string Msg = whatWasTaken(*A, C) + " are released twice: " + Fn +
                        " releases pages that were already released";
      if (reportRelease(CK_DoubleRelease, Sym, Msg, Call, C))
        return;
      break;
    }
  }

  // Record the release on every acquisition whose pages it may cover.
  llvm::SmallVector<SymbolRef, 2> Noted;
  for (auto [Sym, A] : Touched) {
    if (!mayHold(State, *A, C) ||
        surelyDisjoint(State, R.Lo, R.Hi, A->Start, endOf(*A, C), C))
      continue;
    Acquisition Updated = *A;
    Updated.Done.push_back(
        {R.Lo, R.Hi, /*Released=*/true, Call.getOriginExpr(), &F});
    State = State->set<AcquisitionMap>(Sym, Updated);
    Noted.push_back(Sym);
  }
  std::string Note = Fn + " releases " +
                     (F.R == Role::ReleaseOne ? std::string("one of the pages")
                                              : "pages");
  C.addTransition(withResult(State), noteForAny(C, Noted, Note));
}

/// get_page(), page_remove_rmap(): the page now carries one more reference
/// for the caller to drop. Evaluated here rather than inlined: get_page()'s
/// body is folio_get(), which would count the same reference twice, and
/// neither changes memory the analysis follows.
bool GupChecker::modelExtraRef(const CallEvent &Call, const ApiFunction &F,
                               CheckerContext &C) const {
  if (Call.getNumArgs() <= F.PtrArg)
    return false;
  ProgramStateRef State = bindFreshResult(Call, C, C.getState());
  if (!State)
    return false;
  llvm::SmallVector<SymbolRef, 2> Noted;
  if (auto Slot = slotOfPage(Call.getArgSVal(F.PtrArg), State, C)) {
    for (const auto &E : State->get<AcquisitionMap>()) {
      if (!surelyFilled(State, E.second, Slot->first, Slot->second, C))
        continue;
      Acquisition A = E.second;
      A.Extra.push_back(Slot->second);
      State = State->set<AcquisitionMap>(E.first, A);
      Noted.push_back(E.first);
    }
  }
  std::string Note = "'" + F.Name.str() +
                     "' leaves one more reference on the page to drop";
  C.addTransition(State, Noted.empty() ? nullptr : noteForAny(C, Noted, Note));
  return true;
}

//===----------------------------------------------------------------------===//
// Freeing and handing over.
//===----------------------------------------------------------------------===//

void GupChecker::modelFree(const CallEvent &Call, const ApiFunction &F,
                           CheckerContext &C) const {
  if (Call.getNumArgs() <= F.PtrArg)
    return;
  auto Slots = splitSlot(Call.getArgSVal(F.PtrArg), C);
  if (!Slots)
    return;
  ProgramStateRef State = C.getState();
  if (reportLateOverRelease(C))
    return;
  llvm::SmallVector<SymbolRef, 2> Leaked, Gone;
  for (const auto &E : State->get<AcquisitionMap>()) {
    if (E.second.Base != Slots->first)
      continue;
    Gone.push_back(E.first);
    if (surelyLeaksSomething(State, E.second, C))
      Leaked.push_back(E.first);
  }
  ExplodedNode *N = C.getPredecessor();
  if (!Leaked.empty()) {
    std::string Arr = sourceText(Call.getArgExpr(F.PtrArg), C);
    N = reportLeaks(Leaked, LeakWhy::Freed,
                    "'" + F.Name.str() + "' frees the array" +
                        (Arr.empty() ? "" : " '" + Arr + "'") +
                        " while it still holds those pages",
                    C);
    if (!N)
      return;
    State = keepPath(State);
  }
  if (Gone.empty())
    return;
  for (SymbolRef S : Gone)
    State = State->remove<AcquisitionMap>(S);
  C.addTransition(State, N);
}

/// A call pinpair does not model, whose body the engine did not analyse:
/// arrays it receives escape, pages it receives go to a consumer.
void GupChecker::modelUnknownCall(const CallEvent &Call, const ApiFunction *F,
                                  CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<AcquisitionMap>().isEmpty())
    return;
  bool PageUser = F && (F->R == Role::PageUser || F->R == Role::ExtraRef);
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    SVal Arg = Call.getArgSVal(I);
    if (!PageUser) {
      // The page itself, or a value computed from it: memory_failure(pfn,
      // MF_COUNT_INCREASED) takes over the reference of page_to_pfn(page).
      llvm::SmallVector<std::pair<const MemRegion *, SVal>, 2> Slots;
      collectSlots(Arg, /*E=*/nullptr, C, Slots);
      for (const auto &Slot : Slots)
        State = handOverSlot(State, Slot.first, Slot.second, C);
      if (!Slots.empty())
        continue;
    }
    const MemRegion *R = Arg.getAsRegion();
    if (!R)
      continue;
    R = R->getBaseRegion();
    State = markEscaped(State, [R](const Acquisition &A) {
      return isReachableFrom(A.Base, R);
    });
  }
  if (State != C.getState())
    C.addTransition(State);
}

//===----------------------------------------------------------------------===//
// Negative counts and uses after release.
//===----------------------------------------------------------------------===//

/// `unsigned long n = ret;`, `if (ret < nr_unsigned)`, `unpin_user_pages(p,
/// ret)`: the errno of a failed call turned into a huge unsigned count.
void GupChecker::checkUnsignedConversion(const ImplicitCastExpr *E,
                                         CheckerContext &C) const {
  if (!Enabled[CK_NegativeCount])
    return;
  const Expr *Sub = E->getSubExpr();
  if (!Sub->getType()->isSignedIntegerType() ||
      !E->getType()->isUnsignedIntegerType())
    return;
  ProgramStateRef State = C.getState();
  if (State->get<AcquisitionMap>().isEmpty())
    return;
  auto [Sym, A] = negativeCount(C.getSVal(Sub), Sub->getType(), State, C);
  if (!A)
    return;
  std::string Use = describeUnsignedUse(E, Strict, C);
  if (Use.empty())
    return;
  reportNegativeCount(Sym, *A, sourceText(Sub, C), Use, E, C);
}

/// release_pages(pages, ret) with a signed count parameter (an int in 6.1).
bool GupChecker::checkNegativeReleaseCount(const CallEvent &Call,
                                           const ApiFunction &F,
                                           CheckerContext &C) const {
  if (!Enabled[CK_NegativeCount] || F.R == Role::ReleaseOne)
    return false;
  const Expr *CE = Call.getArgExpr(F.CountArg);
  if (!CE || !CE->getType()->isSignedIntegerType())
    return false;
  auto [Sym, A] = negativeCount(Call.getArgSVal(F.CountArg), CE->getType(),
                                C.getState(), C);
  if (!A)
    return false;
  return reportNegativeCount(Sym, *A, sourceText(CE, C),
                             "is passed as the page count of '" +
                                 F.Name.str() + "'",
                             CE, C);
}

/// A page used after the reference that kept it alive was dropped: mapped,
/// dirtied, or handed to a consumer that would own a reference nobody holds.
bool GupChecker::checkUseAfterRelease(const CallEvent &Call,
                                      const ApiFunction *F,
                                      CheckerContext &C) const {
  if (!Enabled[CK_UseAfterRelease])
    return false;
  bool Use = F && (F->R == Role::PageUser || F->R == Role::Consumer ||
                    F->R == Role::ExtraRef);
  // Unseen code may only look at the page (a trace point); Strict judges it.
  if (!Use && !(Strict && !F && Call.getDecl() && !Call.getDecl()->hasBody()))
    return false;
  ProgramStateRef State = C.getState();
  if (State->get<AcquisitionMap>().isEmpty())
    return false;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I) {
    auto Slot = slotOfPage(Call.getArgSVal(I), State, C);
    if (!Slot)
      continue;
    for (const auto &E : State->get<AcquisitionMap>()) {
      const Acquisition &A = E.second;
      if (!surelyFilled(State, A, Slot->first, Slot->second, C))
        continue;
      for (const SlotRange &R : A.Done) {
        if (!R.Released || !R.By || !R.Fn ||
            !surely(State, BO_GE, Slot->second, R.Lo, C) ||
            !surely(State, BO_LT, Slot->second, R.Hi, C))
          continue;
        std::string Fn = calleeDecl(Call)
                             ? "'" + calleeDecl(Call)->getName().str() + "'"
                             : std::string("The call");
        std::string Page = sourceText(Call.getArgExpr(I), C);
        std::string Msg =
            Fn + " uses the page" + (Page.empty() ? "" : " '" + Page + "'") +
            " after '" + R.Fn->Name.str() + "' (line " +
            std::to_string(lineOf(R.By, C)) + ") dropped the " +
            (A.Api->Kind == RefKind::Pin ? "pin" : "reference") +
            " taken by " + siteName(A, C);
        return reportRelease(CK_UseAfterRelease, E.first, Msg, Call, C);
      }
    }
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Callbacks.
//===----------------------------------------------------------------------===//

void GupChecker::checkPreCall(const CallEvent &Call, CheckerContext &C) const {
  const ApiFunction *F = lookup(Call);
  if (checkUseAfterRelease(Call, F, C))
    return;
  if (F && F->R == Role::Acquire) {
    const Expr *E = Call.getOriginExpr();
    if (!E)
      return;
    if (F->AllocatesArray) {
      // The array pointer the caller passes in *pages (NULL: allocate).
      if (auto L = layoutFor(Call, *F))
        if (auto P = Call.getArgSVal(L->PagesArg).getAs<Loc>())
          C.addTransition(
              C.getState()->set<PreCallContents>(E, C.getState()->getSVal(*P)));
      return;
    }
    if (const TypedValueRegion *R = restorableTarget(Call, *F))
      C.addTransition(C.getState()->set<PreCallContents>(
          E, C.getState()->getSVal(R)));
    return;
  }
  if (F && F->R == Role::FreeArray)
    modelFree(Call, *F, C);
  else if (F && F->R == Role::Consumer)
    modelConsumer(Call, C);
}

/// kzalloc() and friends return zeroed memory. The engine does not know it,
/// and kernel error paths branch on fields of such structs that are still
/// NULL (`if (!req->page_list) unpin...`).
void GupChecker::modelAlloc(const CallEvent &Call, const ApiFunction &F,
                            CheckerContext &C) const {
  // In kernel headers kzalloc() is an inline around kmalloc(): the zeroing
  // is in the flags the body passes on, which nothing models. Judge by the
  // name whether or not the body was analysed.
  if (!F.Zeroes)
    return;
  SVal Ret = Call.getReturnValue();
  if (!Ret.getAsRegion())
    return;
  C.addTransition(C.getState()->bindDefaultZero(Ret, C.getLocationContext()));
}

/// compound_head(page) of a tracked page is that page: the reference taken
/// on a tail page is released through its head. Untracked pages keep the
/// kernel's own body.
bool GupChecker::evalSamePage(const CallEvent &Call, CheckerContext &C) const {
  if (Call.getNumArgs() != 1)
    return false;
  ProgramStateRef State = C.getState();
  SVal Page = Call.getArgSVal(0);
  auto L = Page.getAs<Loc>();
  if (!L || !slotOfPage(Page, State, C))
    return false;
  QualType T = Call.getResultType();
  SVal V = Page;
  if (T->isIntegerType())
    V = C.getSValBuilder().makeLocAsInteger(*L, C.getASTContext().getTypeSize(T));
  else if (!T->isPointerType())
    return false;
  C.addTransition(State->BindExpr(Call.getOriginExpr(), C.getLocationContext(), V));
  return true;
}

/// A known consumer takes the pages it receives, whether or not the engine
/// goes on to analyse its body; judged before the call, where the argument
/// values are still at hand.
void GupChecker::modelConsumer(const CallEvent &Call, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  bool Changed = false;
  for (unsigned I = 0, N = Call.getNumArgs(); I < N; ++I)
    if (auto Slot = slotOfPage(Call.getArgSVal(I), State, C)) {
      State = handOverSlot(State, Slot->first, Slot->second, C);
      Changed = true;
    }
  if (Changed)
    C.addTransition(State);
}

/// A consumer's "merged" flag (bio_add_hw_page()'s same_page) is false when
/// the call failed: the engine, not seeing the body, would let the failure
/// branch believe the page was merged and release it there (the callee is in
/// another file; blk-map.c then looked like it released a page twice).
void GupChecker::modelMergedFlag(const CallEvent &Call, const ApiFunction &F,
                                 CheckerContext &C) const {
  if (Call.getNumArgs() <= F.MergedFlagArg ||
      Call.getResultType()->isVoidType())
    return;
  auto Flag = Call.getArgSVal(F.MergedFlagArg).getAs<Loc>();
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  QualType FlagTy =
      Call.getArgExpr(F.MergedFlagArg)->getType()->getPointeeType();
  if (!Flag || !Ret || FlagTy.isNull() || !FlagTy->isScalarType())
    return;
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  auto [Failed, Ok] = State->assume(
      SVB.evalEQ(State, *Ret, SVB.makeZeroVal(Call.getResultType())));
  if (Failed)
    C.addTransition(Failed->bindLoc(*Flag, SVB.makeZeroVal(FlagTy),
                                    C.getLocationContext()));
  if (Ok && Failed)
    C.addTransition(Ok);
}

void GupChecker::checkPostCall(const CallEvent &Call, CheckerContext &C) const {
  const ApiFunction *F = lookup(Call);
  if (F && F->R == Role::Acquire) {
    modelAcquire(Call, *F, C);
    return;
  }
  if (F && F->R == Role::AllocArray) {
    modelAlloc(Call, *F, C);
    return;
  }
  if (F && F->R == Role::Consumer && F->MergedFlagArg != pinpair::NoArg) {
    modelMergedFlag(Call, *F, C);
    return;
  }
  if (F && (F->isRelease() || F->R == Role::FreeArray ||
            F->R == Role::Consumer))
    return;
  if (!C.wasInlined)
    modelUnknownCall(Call, F, C);
}

bool GupChecker::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const ApiFunction *F = lookup(Call);
  if (F && F->R == Role::SamePage)
    return evalSamePage(Call, C);
  if (F && F->R == Role::WillPinQuery)
    return evalWillPin(Call, C);
  if (!F)
    return false;
  if (F->R == Role::NoEffect) {
    // Nothing is invalidated; a result (mutex_lock_interruptible()'s status,
    // the flags of _raw_spin_lock_irqsave()) is a fresh value.
    ProgramStateRef State = bindFreshResult(Call, C, C.getState());
    if (!State)
      return false;
    C.addTransition(State);
    return true;
  }
  if (F->R == Role::ExtraRef)
    return modelExtraRef(Call, *F, C);
  if (!F->isRelease())
    return false;
  unsigned Need = std::max(F->PtrArg, F->R == Role::ReleaseOne ? 0 : F->CountArg);
  if (Call.getNumArgs() <= Need)
    return false;
  if (checkNegativeReleaseCount(Call, *F, C))
    return true;
  modelRelease(Call, *F, C);
  return true;
}

/// An errno stored into an unsigned location, or that location overwritten.
ProgramStateRef GupChecker::bindNegStore(ProgramStateRef State,
                                         const MemRegion *Dest, SVal Val,
                                         const Stmt *S,
                                         CheckerContext &C) const {
  if (!Enabled[CK_NegativeCount])
    return State;
  State = State->remove<NegStoreMap>(Dest);
  const auto *TR = dyn_cast<TypedValueRegion>(Dest);
  SymbolRef Sym = Val.getAsSymbol();
  if (TR && Sym && TR->getValueType()->isUnsignedIntegerType()) {
    auto [Count, A] = negativeCount(Val, Sym->getType(), State, C);
    if (A)
      State = State->set<NegStoreMap>(Dest, NegStore{Count, S});
  }
  return State;
}

/// Stored outside the stack: the array pointer, a page (or a value computed
/// from one), or the count now live where someone else can find them.
ProgramStateRef GupChecker::bindHandover(ProgramStateRef State,
                                         const MemRegion *Dest, SVal Val,
                                         const Stmt *S,
                                         CheckerContext &C) const {
  if (State->get<AcquisitionMap>().isEmpty())
    return State;
  // A store into this frame's locals hands nothing over; a store into a
  // caller's local (through an out-parameter) hands it to that caller.
  const StackFrameContext *DestFrame = nullptr;
  if (const auto *Space =
          dyn_cast<StackSpaceRegion>(pinpair::compat::memSpace(State, Dest))) {
    DestFrame = Space->getStackFrame();
    if (!DestFrame->isParentOf(C.getStackFrame()))
      return State;
  }
  llvm::SmallVector<std::pair<const MemRegion *, SVal>, 2> Pages;
  collectSlots(Val, storedExpr(S), C, Pages);
  auto Arr = Pages.empty() ? splitSlot(Val, C) : std::nullopt;
  for (const auto &E : State->get<AcquisitionMap>()) {
    Acquisition A = E.second;
    bool Upd = false;
    for (const auto &Page : Pages)
      if (Page.first == A.Base) {
        A.Done.push_back(handedOver(Page.second, C));
        Upd = true;
      }
    if (!Upd && Arr && Arr->first == A.Base && !A.Stored) {
      A.Stored = true;
      Upd = true;
    }
    bool Wider = !A.CountPublished ||
                 (A.PublishedIn &&
                  (!DestFrame || DestFrame->isParentOf(A.PublishedIn)));
    if (Wider) {
      bool IsCount = mentions(storedExpr(S), A.CountVar);
      for (SymbolRef Sym : Val.symbols())
        IsCount |= Sym == E.first;
      if (IsCount) {
        A.CountPublished = Upd = true;
        A.PublishedIn = DestFrame;
      }
    }
    if (Upd)
      State = State->set<AcquisitionMap>(E.first, A);
  }
  return State;
}

void GupChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                           CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Dest)
    return;
  ProgramStateRef State = bindNegStore(C.getState(), Dest, Val, S, C);
  State = bindHandover(State, Dest, Val, S, C);
  if (State != C.getState())
    C.addTransition(State);
}

/// Loads of page pointers from a tracked array.
///  * A symbolic index (`pages[ret - 1]`) into an array the acquire call
///    invalidated loads as Unknown, where a concrete index yields a symbol
///    derived from the element. Give it the same kind of symbol, so that
///    `while (ret > 0) put_page(pages[--ret]);` still names its slot.
///  * A slot a successful call filled holds a page, never NULL: code that
///    checks `if (ret != 1 || !page)` must not find a NULL page after a pin.
/// The element `base[idx]` names, computed from the base pointer's slot and
/// the index, when the engine could not compute the address itself.
const ElementRegion *elementOf(const Expr *E, CheckerContext &C) {
  const auto *ASE = dyn_cast<ArraySubscriptExpr>(E->IgnoreParens());
  if (!ASE)
    return nullptr;
  auto Slot = splitSlot(C.getSVal(ASE->getBase()), C);
  if (!Slot)
    return nullptr;
  const auto *Super = dyn_cast<SubRegion>(Slot->first);
  SValBuilder &SVB = C.getSValBuilder();
  SVal Idx = SVB.evalCast(C.getSVal(ASE->getIdx()), SVB.getArrayIndexType(),
                          ASE->getIdx()->getType());
  auto I = add(Slot->second, Idx, C).getAs<NonLoc>();
  if (!Super || !I)
    return nullptr;
  return C.getStoreManager().getRegionManager().getElementRegion(
      ASE->getType(), *I, Super, C.getASTContext());
}

void GupChecker::checkPostStmt(const ImplicitCastExpr *E,
                               CheckerContext &C) const {
  if (E->getCastKind() == CK_IntegralCast) {
    checkUnsignedConversion(E, C);
    return;
  }
  if (E->getCastKind() != CK_LValueToRValue || !isPagePointer(E->getType()))
    return;
  ProgramStateRef State = C.getState();
  if (State->get<AcquisitionMap>().isEmpty())
    return;
  SVal V = C.getSVal(E);
  bool Bind = false;
  if (V.isUnknown()) {
    const auto *ER = dyn_cast_or_null<ElementRegion>(
        C.getSVal(E->getSubExpr()).getAsRegion());
    // `pages += left; ... pages[i]`: the engine gives up on the address
    // (symbolic base index plus i) where the slot is plain arithmetic.
    if (!ER)
      ER = elementOf(E->getSubExpr(), C);
    if (!ER)
      return;
    const MemRegion *Base = ER->getSuperRegion()->StripCasts();
    SymbolRef Parent = nullptr;
    for (const auto &En : State->get<AcquisitionMap>())
      if (En.second.Base == Base)
        Parent = En.first;
    if (!Parent)
      return;
    if (std::optional<SVal> D =
            C.getStoreManager().getDefaultBinding(State->getStore(), Base))
      if (SymbolRef S = D->getAsSymbol())
        Parent = S;
    V = C.getSValBuilder().getDerivedRegionValueSymbolVal(Parent, ER);
    Bind = true;
  }

  if (auto Slot = slotOfPage(V, State, C))
    for (const auto &En : State->get<AcquisitionMap>()) {
      const Acquisition &A = En.second;
      if (!surelyFilled(State, A, Slot->first, Slot->second, C))
        continue;
      if (auto DV = V.getAs<DefinedOrUnknownSVal>())
        if (ProgramStateRef NonNull = State->assume(*DV, true))
          State = NonNull;
      break;
    }
  if (Bind)
    State = State->BindExpr(E, C.getLocationContext(), V);
  if (State != C.getState())
    C.addTransition(State);
}

/// `page - vmemmap` (a pfn) of a tracked page: the engine cannot subtract
/// a page pointer from an address it only knows as an integer cast to a
/// pointer, and the stored pfn would lose the page it stands for.
void GupChecker::modelPageDifference(const BinaryOperator *B,
                                     CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (State->get<AcquisitionMap>().isEmpty() ||
      !isPagePointer(B->getLHS()->getType()) || !C.getSVal(B).isUnknown())
    return;
  SVal Page = C.getSVal(B->getLHS());
  auto Slot = slotOfPage(Page, State, C);
  if (!Slot || !tracksArray(State, Slot->first))
    return;
  DefinedOrUnknownSVal Pfn = pinpair::compat::conjureFor(B, C, B->getType());
  SymbolRef Sym = Pfn.getAsSymbol();
  if (!Sym)
    return;
  State = State->BindExpr(B, C.getLocationContext(), Pfn);
  C.addTransition(State->set<PageOfValue>(Sym, Page.getAsSymbol()));
}

/// The program computes the page count of a byte-counting call itself
/// (DIV_ROUND_UP(start + bytes, PAGE_SIZE)): tell the solver it is the
/// count the model holds, so the loop bounded by it releases exactly those.
void GupChecker::checkPostStmt(const BinaryOperator *B,
                               CheckerContext &C) const {
  if (B->getOpcode() == BO_Sub)
    modelPageDifference(B, C);
  if (B->getOpcode() != BO_Div && B->getOpcode() != BO_Shr)
    return;
  ProgramStateRef State = C.getState();
  bool AnyBytes = llvm::any_of(State->get<AcquisitionMap>(), [](const auto &E) {
    return E.second.Api->Ret == pinpair::ReturnContract::BytesOrErrno;
  });
  SymbolRef S = C.getSVal(B).getAsSymbol();
  if (!AnyBytes || !S)
    return;
  SymbolRef Canon = canonical(S, C.getSymbolManager());
  for (const auto &E : State->get<AcquisitionMap>()) {
    const Acquisition &A = E.second;
    if (A.Api->Ret != pinpair::ReturnContract::BytesOrErrno ||
        A.Count.getAsSymbol() != Canon || Canon == S)
      continue;
    if (ProgramStateRef Same =
            assumeCmp(State, BO_EQ, nonloc::SymbolVal(S), A.Count, C))
      C.addTransition(Same);
    return;
  }
}

void GupChecker::checkPreStmt(const ReturnStmt *RS, CheckerContext &C) const {
  const Expr *RV = RS->getRetValue();
  ProgramStateRef State = C.getState();
  if (!RV || State->get<AcquisitionMap>().isEmpty())
    return;
  SVal V = C.getSVal(RV);
  ExitInfo E{false, false, 0, false, false};
  QualType T = RV->getType();

  // ERR_PTR(-E) is a call when ERR_PTR is a real function, a cast otherwise.
  const Expr *Inner = RV->IgnoreParenCasts();
  if (const auto *CE = dyn_cast<CallExpr>(Inner))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (FD->getIdentifier() &&
          (FD->getName() == "ERR_PTR" || FD->getName() == "ERR_CAST")) {
        E.IsError = E.IsErrPtr = true;
        if (CE->getNumArgs() == 1)
          if (const llvm::APSInt *K = C.getSValBuilder().getKnownValue(
                  State, C.getSVal(CE->getArg(0))))
            if (K->isNegative()) {
              E.HasErrno = true;
              E.Errno = -K->getExtValue();
            }
      }

  if (!E.IsError && T->isPointerType()) {
    if (V.isZeroConstant()) {
      E.IsError = E.IsNull = true;
    } else if (const llvm::APSInt *K = C.getSValBuilder().getKnownValue(State, V)) {
      int64_t X = K->getExtValue();
      if (X >= -4095 && X <= -1) {
        E.IsError = E.IsErrPtr = E.HasErrno = true;
        E.Errno = -X;
      }
    }
  } else if (!E.IsError && T->isSignedIntegerType()) {
    SValBuilder &SVB = C.getSValBuilder();
    if (surely(State, BO_LT, V, SVB.makeIntVal(0, T), C)) {
      E.IsError = true;
      if (const llvm::APSInt *K = SVB.getKnownValue(State, V)) {
        E.HasErrno = true;
        E.Errno = -K->getExtValue();
      }
    }
  }

  // Returning a page (or a value computed from one) or the array hands the
  // pages to the caller.
  llvm::SmallVector<std::pair<const MemRegion *, SVal>, 2> Pages;
  collectSlots(V, RV, C, Pages);
  for (const auto &Page : Pages)
    State = handOverSlot(State, Page.first, Page.second, C);
  if (Pages.empty())
    if (auto Arr = splitSlot(V, C))
      State = markEscaped(State, [&](const Acquisition &A) {
        return A.Base == Arr->first;
      });
  if (E.IsError)
    State = State->set<ExitMap>(C.getStackFrame(), E);
  if (State != C.getState())
    C.addTransition(State);
}

/// Releases in a loop bounded by the request: each `put_page(pages[i])`
/// alone may be within the count, but once the loop is done the path has
/// fixed both, and a slot past the count was released. Judged when the
/// array dies (function end, kfree); true if a report ended the path.
bool GupChecker::reportLateOverRelease(CheckerContext &C) const {
  if (!Enabled[CK_OverRelease])
    return false;
  ProgramStateRef State = C.getState();
  for (const auto &E : State->get<AcquisitionMap>()) {
    const Acquisition &A = E.second;
    if (!mayHold(State, A, C))
      continue;
    for (const SlotRange &R : A.Done) {
      if (!R.Released || !R.By ||
          unfilledSlotOwner(State, A.Base, R.Hi, C) != E.first)
        continue;
      std::string Msg = "'" + R.Fn->Name.str() + "' (line " +
                        std::to_string(lineOf(R.By, C)) +
                        ") released a page that " + siteName(A, C) +
                        " did not store";
      ExplodedNode *N = C.generateErrorNode(State);
      if (!N)
        return true;
      auto Rep = std::make_unique<PathSensitiveBugReport>(
          *BT[CK_OverRelease], Msg, N,
          PathDiagnosticLocation::createBegin(R.By, C.getSourceManager(),
                                              C.getLocationContext()),
          C.getLocationContext()->getDecl());
      Rep->markInteresting(E.first);
      Rep->addRange(R.By->getSourceRange());
      addRefutation(*Rep, C, Z3Refutation);
      C.emitReport(std::move(Rep));
      return true;
    }
  }
  return false;
}

void GupChecker::checkEndFunction(const ReturnStmt *RS,
                                  CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  // An errno left in an unsigned field the caller reads as a count. In an
  // inlined frame the caller's code decides (it may overwrite it).
  if (C.getStackFrame()->inTopFrame())
    for (const auto &N : State->get<NegStoreMap>()) {
      if (isOnStackOf(State, N.first, C.getStackFrame()))
        continue;
      const Acquisition *A = State->get<AcquisitionMap>(N.second.Count);
      if (!A)
        continue;
      std::string Name = storeTargetName(N.second.Store, N.first, C);
      reportNegativeCount(N.second.Count, *A, "",
                          "is left in unsigned " +
                              (Name.empty() ? std::string("memory") : Name) +
                              " (stored at line " +
                              std::to_string(lineOf(N.second.Store, C)) +
                              ") when the function returns",
                          nullptr, C);
      return;
    }
  if (State->get<AcquisitionMap>().isEmpty())
    return;
  const StackFrameContext *SFC = C.getStackFrame();
  const ExitInfo *Exit = State->get<ExitMap>(SFC);
  bool Error = Exit && Exit->IsError;

  llvm::SmallVector<SymbolRef, 2> ErrLeaks, ScopeLeaks, ArrayLeaks, Gone;
  for (const auto &E : State->get<AcquisitionMap>()) {
    const Acquisition &A = E.second;
    bool Local = isOnStackOf(State, A.Base, SFC);
    // An array the call allocated lives as long as a pointer to it does:
    // only in this frame's locals unless stored, returned or passed on.
    if (A.OwnsArray && A.Frame == SFC) {
      Gone.push_back(E.first);
      if (A.Escaped || A.Stored)
        continue;
      if (Error && surelyLeaksSomething(State, A, C))
        ErrLeaks.push_back(E.first);
      else if (surelyLeaksSomething(State, A, C))
        ScopeLeaks.push_back(E.first);
      else
        ArrayLeaks.push_back(E.first);
      continue;
    }
    if (Local)
      Gone.push_back(E.first);
    if (A.Escaped)
      continue;
    bool CountKnown =
        (A.CountPublished &&
         (!A.PublishedIn || A.PublishedIn->isParentOf(SFC))) ||
        (A.Out == Outcome::Full && A.RequestVisible);
    bool CallerCanRelease = (!Local || A.Stored) && CountKnown;
    if (Error && isWithin(A.Frame, SFC) && !CallerCanRelease) {
      if (surelyLeaksSomething(State, A, C))
        ErrLeaks.push_back(E.first);
    } else if (Local && !A.Stored) {
      if (surelyLeaksSomething(State, A, C))
        ScopeLeaks.push_back(E.first);
    }
  }

  if (reportLateOverRelease(C))
    return;

  ExplodedNode *N = C.getPredecessor();
  if (!ErrLeaks.empty()) {
    const Acquisition &A = *State->get<AcquisitionMap>(ErrLeaks.front());
    std::string Detail = "Returning " + describeErrorReturn(*Exit) +
                         " without " +
                         (A.Api->Kind == RefKind::Pin ? "unpinning"
                                                      : "releasing") +
                         " the pages";
    N = reportLeaks(ErrLeaks, LeakWhy::ErrorReturn, Detail, C, N, RS);
    if (!N)
      return;
  }
  if (!ScopeLeaks.empty()) {
    N = reportLeaks(ScopeLeaks, LeakWhy::OutOfScope,
                    "The array goes out of scope while it holds the pages", C,
                    N, RS);
    if (!N)
      return;
  }
  if (!ArrayLeaks.empty()) {
    N = reportLeaks(ArrayLeaks, LeakWhy::ArrayNotFreed,
                    "The last pointer to the array goes out of scope without "
                    "kvfree()", C, N, RS);
    if (!N)
      return;
  }
  if (N != C.getPredecessor())
    State = keepPath(State);
  if (Gone.empty() && !Exit && State == C.getState())
    return;
  for (SymbolRef S : Gone)
    State = State->remove<AcquisitionMap>(S);
  State = State->remove<ExitMap>(SFC);
  if (State != C.getState() || N != C.getPredecessor())
    C.addTransition(State, N);
}

/// Reading an unsigned location that holds an errno: the error is now a
/// huge count wherever it goes.
void GupChecker::checkLocation(SVal Loc, bool IsLoad, const Stmt *S,
                               CheckerContext &C) const {
  const MemRegion *R = Loc.getAsRegion();
  ProgramStateRef State = C.getState();
  if (!IsLoad || !R)
    return;
  const NegStore *NS = State->get<NegStoreMap>(R);
  if (!NS)
    return;
  const Acquisition *A = State->get<AcquisitionMap>(NS->Count);
  if (!A)
    return;
  std::string Name = storeTargetName(NS->Store, R, C);
  reportNegativeCount(NS->Count, *A, "",
                      "was stored into unsigned " +
                          (Name.empty() ? std::string("memory") : Name) +
                          " (line " + std::to_string(lineOf(NS->Store, C)) +
                          "), which is read here",
                      dyn_cast<Expr>(S), C);
}

void GupChecker::checkLiveSymbols(ProgramStateRef State,
                                  SymbolReaper &SR) const {
  // The constraints on the count and slot bounds are what every later
  // question is answered from; keep them while the acquisition is tracked.
  auto Keep = [&SR](SVal V) {
    for (SymbolRef S : V.symbols())
      SR.markLive(S);
  };
  for (const auto &N : State->get<NegStoreMap>())
    SR.markLive(N.second.Count);
  // The guard's value is what later iov_iter_extract_will_pin() calls
  // return: it must keep the branch the extract call took.
  for (const auto &W : State->get<WillPinMap>())
    SR.markLive(W.second);
  for (const auto &E : State->get<AcquisitionMap>()) {
    const Acquisition &A = E.second;
    SR.markLive(E.first);
    Keep(A.Start);
    Keep(A.Count);
    Keep(A.Requested);
    if (A.ScalarPage)
      SR.markLive(A.ScalarPage);
    for (const SlotRange &R : A.Done) {
      Keep(R.Lo);
      Keep(R.Hi);
    }
    for (SVal I : A.Extra)
      Keep(I);
  }
}

/// Path pruning: a path with nothing tracked, from whose branch no acquire
/// call can be reached, can report nothing more; end it here.
void GupChecker::checkBranchCondition(const Stmt *, CheckerContext &C) const {
  if (!Reach)
    return;
  ProgramStateRef State = C.getState();
  if (!State->get<AcquisitionMap>().isEmpty() ||
      !State->get<NegStoreMap>().isEmpty() || State->get<LeakReportedOnPath>())
    return;
  const StackFrameContext *SFC = C.getStackFrame();
  const CFG *G = SFC->getAnalysisDeclContext()->getCFG();
  const CFGBlock *B = G ? Reach->block(*G, C.getBlockID()) : nullptr;
  // Only asked when nothing but indirect calls lies ahead: whether a
  // function address those calls could use is in the store or in an
  // evaluated expression of some frame.
  auto MayHoldPointer = [&]() {
    struct Scan final : StoreManager::BindingsHandler {
      pinpair::AcquireReach &R;
      bool Found = false;
      explicit Scan(pinpair::AcquireReach &R) : R(R) {}
      bool HandleBinding(StoreManager &, Store, const MemRegion *,
                         SVal V) override {
        Found = R.valueMayCallReaching(V);
        return !Found;
      }
    } S(*Reach);
    C.getStoreManager().iterBindings(State->getStore(), S);
    if (S.Found)
      return true;
    for (const auto &E : State->getEnvironment())
      if (Reach->valueMayCallReaching(E.second))
        return true;
    return false;
  };
  if (!B || Reach->mayReachAfterBranch(*B, SFC, MayHoldPointer))
    return;
  C.generateSink(State, C.getPredecessor());
}

ProgramStateRef GupChecker::checkPointerEscape(ProgramStateRef State,
                                               const InvalidatedSymbols &Escaped,
                                               const CallEvent *Call,
                                               PointerEscapeKind Kind) const {
  // Stores are judged in checkBind; modelled calls keep their references.
  if (Kind == PSK_EscapeOnBind || (Call && lookup(*Call)))
    return State;
  return markEscaped(State, [&Escaped](const Acquisition &A) {
    const SymbolicRegion *SR = A.Base->getSymbolicBase();
    return SR && Escaped.count(SR->getSymbol());
  });
}

//===----------------------------------------------------------------------===//
// Reporting.
//===----------------------------------------------------------------------===//


ExplodedNode *GupChecker::reportLeaks(ArrayRef<SymbolRef> Leaked, LeakWhy Why,
                                      std::string Detail, CheckerContext &C,
                                      ExplodedNode *Pred,
                                      bool AtStatement) const {
  if (!Pred)
    Pred = C.getPredecessor();
  if (!Enabled[CK_Leak])
    return Pred;
  ProgramStateRef State = Pred->getState();
  // The detail is a note at the leak point, so that the warning text is the
  // same on every path and the reports of one call site are uniqued into one.
  // A function that ends without a return statement ends at a point with no
  // statement, where clang cannot place a note (it would crash).
  const NoteTag *Tag =
      AtStatement ? C.getNoteTag([Detail](PathSensitiveBugReport &)
                                     -> std::string { return Detail; })
                  : nullptr;
  ExplodedNode *Noted = Tag ? C.addTransition(State, Pred, Tag) : Pred;
  ExplodedNode *N = Noted ? C.generateNonFatalErrorNode(State, Noted) : nullptr;
  if (!N)
    return nullptr;
  for (SymbolRef Sym : Leaked) {
    const Acquisition *A = State->get<AcquisitionMap>(Sym);
    if (!A)
      continue;
    std::string Msg = whatWasTaken(*A, C) + (A->Api->Kind == RefKind::Pin
                                                 ? " are never unpinned"
                                                 : " are never released");
    if (Why == LeakWhy::ArrayNotFreed)
      Msg = "The page array allocated by " + siteName(*A, C) +
            " is never freed";
    PathDiagnosticLocation Unique = PathDiagnosticLocation::createBegin(
        A->Site, C.getSourceManager(), A->Frame);
    auto R = std::make_unique<PathSensitiveBugReport>(
        *BT[CK_Leak], Msg, N, Unique, A->Frame->getDecl());
    R->markInteresting(Sym);
    R->addRange(A->Site->getSourceRange());
    addRefutation(*R, C, Z3Refutation);
    C.emitReport(std::move(R));
  }
  return N;
}

/// Reports a bad release and ends the path; false (and nothing done) when
/// the rule is off, so the call is modelled as the release it still is.
bool GupChecker::reportRelease(CheckKind K, SymbolRef Sym, std::string Msg,
                               const CallEvent &Call, CheckerContext &C) const {
  if (!Enabled[K])
    return false;
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return true;
  auto R = std::make_unique<PathSensitiveBugReport>(*BT[K], Msg, N);
  R->markInteresting(Sym);
  R->addRange(Call.getSourceRange());
  addRefutation(*R, C, Z3Refutation);
  C.emitReport(std::move(R));
  return true;
}

/// One report per path: the conversion ends it, since everything after
/// works with a count that is not one.
bool GupChecker::reportNegativeCount(SymbolRef Sym, const Acquisition &A,
                                     StringRef What, StringRef Use,
                                     const Expr *At, CheckerContext &C) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return true;
  std::string Msg = "The count " + (What.empty() ? std::string("returned")
                                                 : "'" + What.str() + "'") +
                    " from " + siteName(A, C) +
                    " can be a negative errno (-4095..-1) here and " +
                    Use.str();
  auto R = std::make_unique<PathSensitiveBugReport>(*BT[CK_NegativeCount],
                                                    Msg, N);
  R->markInteresting(Sym);
  if (At)
    R->addRange(At->getSourceRange());
  addRefutation(*R, C, Z3Refutation);
  C.emitReport(std::move(R));
  return true;
}

void GupChecker::printState(raw_ostream &Out, ProgramStateRef State,
                            const char *NL, const char *Sep) const {
  auto Map = State->get<AcquisitionMap>();
  if (Map.isEmpty())
    return;
  Out << Sep << "linux.gup acquisitions:" << NL;
  static const char *const OutName[] = {"failed", "nothing", "partial", "full"};
  for (const auto &E : Map) {
    const Acquisition &A = E.second;
    Out << "  " << A.Api->Name << " ret=" << E.first << " ["
        << OutName[static_cast<int>(A.Out)] << "] base=" << A.Base
        << " start=" << A.Start << " count=" << A.Count
        << " requested=" << A.Requested;
    if (A.ScalarPage)
      Out << " page=" << A.ScalarPage;
    if (A.Escaped)
      Out << " escaped";
    if (A.Stored)
      Out << " stored";
    if (A.CountPublished)
      Out << " count-published";
    if (A.OwnsArray)
      Out << " owns-array";
    if (A.NoRefs)
      Out << " no-refs";
    for (const SlotRange &R : A.Done)
      Out << (R.Released ? " released[" : " handed-over[") << R.Lo << ", "
          << R.Hi << ")";
    for (SVal I : A.Extra)
      Out << " extra-ref[" << I << "]";
    Out << NL;
  }
}

void GupChecker::enableRule(CheckKind K, CheckerNameRef Name) {
  if (ConfigBroken)
    return;
  static const char *const Desc[CK_NumKinds] = {
      "Page reference leak", "Page reference released twice",
      "More pages released than taken", "Wrong release for the reference kind",
      "Negative page count used as unsigned", "Page used after its release"};
  Enabled[K] = true;
  BT[K] = std::make_unique<BugType>(Name, Desc[K], "Linux page reference error",
                                    /*SuppressOnSink=*/K == CK_Leak);
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration.
//===----------------------------------------------------------------------===//

namespace {
void registerModel(CheckerManager &Mgr) {
  GupChecker *Checker = Mgr.registerChecker<GupChecker>();
  Checker->Z3Refutation = Mgr.getAnalyzerOptions().getCheckerBooleanOption(
      Mgr.getCurrentCheckerName(), "Z3Refutation");
  Checker->Strict = Mgr.getAnalyzerOptions().getCheckerBooleanOption(
      Mgr.getCurrentCheckerName(), "Strict");
  if (Mgr.getAnalyzerOptions().getCheckerBooleanOption(
          Mgr.getCurrentCheckerName(), "Prune")) {
    Checker->Reach = std::make_unique<pinpair::AcquireReach>([](StringRef N) {
      const ApiFunction *F = lookupName(N);
      return F && F->R == Role::Acquire;
    });
    Checker->Reach->reset(&Mgr.getASTContext(),
                          Mgr.getAnalyzerOptions().AnalyzeAll);
  }
  // Wrapper configs: a bad file is one error naming file, line and column,
  // and the analysis does not start (clang skips it once an error is out).
  StringRef Paths = Mgr.getAnalyzerOptions().getCheckerStringOption(
      Mgr.getCurrentCheckerName(), "Config");
  if (!Paths.empty()) {
    llvm::SmallVector<StringRef, 2> Parts;
    Paths.split(Parts, ':', -1, /*KeepEmpty=*/false);
    std::vector<std::string> Files(Parts.begin(), Parts.end());
    auto T = pinpair::loadTableWithConfigs(Files);
    if (!T) {
      DiagnosticsEngine &D = Mgr.getASTContext().getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                 "pinpair config: %0"))
          << llvm::toString(T.takeError());
      Checker->ConfigBroken = true;
      return;
    }
    Checker->Table = std::move(*T);
    ActiveTable = Checker->Table.get();
  }
}
bool shouldRegister(const CheckerManager &) { return true; }
template <CheckKind K> void registerRule(CheckerManager &Mgr) {
  Mgr.getChecker<GupChecker>()->enableRule(K, Mgr.getCurrentCheckerName());
}
} // namespace

void pinpair::registerGupCheckers(CheckerRegistry &Registry) {
  const char *Model = "linux.gup.PageRefModel";
  const char *Docs = "https://pinpair.invalid/docs/checkers.md";
  Registry.addChecker(registerModel, shouldRegister, Model,
                      "Models page references taken by get/pin_user_pages*",
                      Docs, /*IsHidden=*/true);
  Registry.addCheckerOption(
      "bool", Model, "Z3Refutation", "true",
      "Drop linux.gup reports whose path Z3 proves infeasible (only where "
      "clang is built with Z3; implied by crosscheck-with-z3)",
      "released");
  Registry.addCheckerOption(
      "string", Model, "Config", "",
      "YAML files (':'-separated) declaring wrapper acquire/release functions "
      "and consumers, overlaid on the built-in table (docs/config.md)",
      "released");
  Registry.addCheckerOption(
      "bool", Model, "Strict", "false",
      "Also report uses that are wrong but common in working code: a "
      "possibly negative count compared for equality with or computed "
      "into an unsigned value, a released page passed to unseen code",
      "released");
  Registry.addCheckerOption(
      "bool", Model, "Prune", "false",
      "End paths that can no longer produce a linux.gup report (nothing "
      "tracked, no acquire call reachable): faster, same reports except "
      "where analysis budgets are spent differently (docs/usage.md)",
      "released");
  struct Rule {
    void (*Fn)(CheckerManager &);
    const char *Name, *Desc;
  } Rules[] = {
      {registerRule<CK_Leak>, "linux.gup.Leak",
       "Pages taken by get/pin_user_pages* neither released nor handed over"},
      {registerRule<CK_DoubleRelease>, "linux.gup.DoubleRelease",
       "The same page reference released twice"},
      {registerRule<CK_OverRelease>, "linux.gup.OverRelease",
       "More pages released than a get/pin_user_pages* call took"},
      {registerRule<CK_MismatchedRelease>, "linux.gup.MismatchedRelease",
       "Pinned pages released with put_page(), or the reverse"},
      {registerRule<CK_NegativeCount>, "linux.gup.NegativeCount",
       "The negative errno of a get/pin call used as an unsigned count"},
      {registerRule<CK_UseAfterRelease>, "linux.gup.UseAfterRelease",
       "A page dirtied, mapped or handed over after its reference was "
       "dropped"},
  };
  for (const Rule &R : Rules) {
    Registry.addChecker(R.Fn, shouldRegister, R.Name, R.Desc, Docs,
                        /*IsHidden=*/false);
    Registry.addDependency(R.Name, Model);
  }
}
