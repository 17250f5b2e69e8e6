//===- GupApi.h - The kernel page-reference API as pinpair models it ------===//
//
// One table describes every kernel function the linux.gup checkers know:
// which calls take page references (and how their arguments are laid out in
// each kernel version), which release them, which free or allocate page
// arrays, and which only use a page without taking over its reference.
//
// The checkers never match function names themselves; they ask this table.
// The built-in table is lib/api/builtin-api.yaml, compiled in; user configs
// in the same YAML format (docs/config.md) overlay it.
//
//===----------------------------------------------------------------------===//
#ifndef PINPAIR_GUPAPI_H
#define PINPAIR_GUPAPI_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pinpair {

/// The two kinds of page reference the GUP family hands out.
enum class RefKind : unsigned char {
  Get, ///< FOLL_GET: a plain refcount, dropped with put_page()/release_pages().
  Pin, ///< FOLL_PIN: a DMA pin, dropped with unpin_user_page*().
};

/// What a function does to page references.
enum class Role : unsigned char {
  Acquire,      ///< returns a count of pages stored into an array
  ReleaseOne,   ///< drops the reference of one page (put_page)
  ReleaseArray, ///< drops references of pages[0..n) (unpin_user_pages)
  ReleaseRange, ///< drops n references starting at one page (range unpin)
  FreeArray,    ///< frees memory that may be a page array (kvfree)
  AllocArray,   ///< allocates memory that may become a page array (kvmalloc)
  PageUser,     ///< uses a page but never takes over its reference (kmap)
  Consumer,     ///< takes over the reference of the pages it receives, even
                ///< when its body is visible (sg_set_page, bio_add_page)
  SamePage,     ///< returns the page (or its head) it receives: the same
                ///< reference under another name (compound_head)
  NoEffect,     ///< a lock/unlock primitive that changes no memory the
                ///< analysis cares about (mutex_lock(&bo->mutex)); a result
                ///< (mutex_lock_interruptible()) is a fresh value
  WillPinQuery, ///< iov_iter_extract_will_pin(iter): true when an extract
                ///< call on that iterator pins (user-backed), else it takes
                ///< no reference at all. PtrArg is the iterator.
  ExtraRef,     ///< leaves the caller one more reference to drop on the
                ///< page PtrArg: get_page() takes one, page_remove_rmap()
                ///< hands over the one the unmapped page table held
};

/// What an acquire call may return, per the kernel-doc of each function.
enum class ReturnContract : unsigned char {
  CountOrErrno, ///< -MAX_ERRNO..-1 when nothing was taken, else 0..nr
  CountOnly,    ///< *_fast_only: never negative, 0..nr
  BytesOrErrno, ///< iov_iter_get_pages*: -errno, or bytes; the pages held
                ///< are DIV_ROUND_UP(*offset + bytes, PAGE_SIZE) from slot 0
};

/// "no such argument" in the layout fields below.
constexpr unsigned NoArg = ~0u;

/// Where an acquire call's arguments are, for one kernel signature.
struct AcquireLayout {
  unsigned NumArgs;  ///< the signature this layout describes
  unsigned NrArg;    ///< index of the requested page count (max pages for
                     ///< byte-counting calls; NoArg when there is none)
  unsigned PagesArg; ///< index of the struct page ** array, or of the
                     ///< struct page *** when the callee allocates it
  unsigned BytesArg = NoArg;  ///< BytesOrErrno: index of the maximum bytes
  unsigned OffsetArg = NoArg; ///< BytesOrErrno: the size_t * that receives
                              ///< the offset into the first page
};

struct ApiFunction {
  llvm::StringRef Name;
  Role R;
  RefKind Kind = RefKind::Get;  ///< Acquire and Release* roles
  ReturnContract Ret = ReturnContract::CountOrErrno;
  /// Acquire: one entry per signature the function had across kernels.
  std::vector<AcquireLayout> Layouts = {};
  /// Acquire: the callee allocates the array and stores it through the
  /// PagesArg (struct page ***); the caller frees it with kvfree().
  bool AllocatesArray = false;
  /// Acquire: it takes references only when the WillPinQuery on its first
  /// argument (the iterator) is true (iov_iter_extract_pages).
  bool PinsIfWillPin = false;
  unsigned PtrArg = 0;   ///< Release*/FreeArray/ExtraRef: the page or array
  unsigned CountArg = 0; ///< ReleaseArray/ReleaseRange: the count argument
  bool Zeroes = false;   ///< AllocArray: the memory comes back zero-filled
  /// Consumer: the `bool *` argument the function sets when it merged the
  /// page into the previous segment (the caller keeps, and must drop, its
  /// reference: bio_add_hw_page()'s same_page). It is false whenever the
  /// call fails (returns 0). NoArg when there is none.
  unsigned MergedFlagArg = NoArg;

  bool isRelease() const {
    return R == Role::ReleaseOne || R == Role::ReleaseArray ||
           R == Role::ReleaseRange;
  }
};

/// A table of modelled functions, read from YAML (docs/config.md). Names are
/// owned by the table. Not copyable; overlay() an empty table to copy one.
class ApiTable {
public:
  ApiTable() = default;
  ApiTable(const ApiTable &) = delete;
  ApiTable &operator=(const ApiTable &) = delete;

  /// Parses YAML text. Path names the file in messages. Nothing half-read is
  /// ever returned: any problem is one error, one line,
  /// "<path>:<line>:<col>: <what is wrong>".
  static llvm::Expected<std::unique_ptr<ApiTable>> parse(llvm::StringRef Text,
                                                         llvm::StringRef Path);
  /// Reads and parses a file; unreadable: "<path>: cannot read config: <reason>".
  static llvm::Expected<std::unique_ptr<ApiTable>> load(llvm::StringRef Path);

  /// The entry of that name, or null. Valid until the next overlay().
  const ApiFunction *lookup(llvm::StringRef Name) const;
  /// Every entry, in the order they were defined.
  llvm::ArrayRef<ApiFunction> functions() const { return Functions; }
  /// Entries of Other replace same-named entries (in place), new ones are
  /// added at the end (a user config may redefine a built-in).
  void overlay(const ApiTable &Other);
  /// The table in the config format; round-trips through parse().
  std::string toYAML() const;

private:
  void put(const ApiFunction &F);

  std::vector<ApiFunction> Functions;
  /// Name -> index into Functions. Its keys are the storage the entries'
  /// Name fields point to (StringMap entries never move).
  llvm::StringMap<size_t> Index;
};

/// The built-in table (lib/api/builtin-api.yaml, parsed on first use).
const ApiTable &builtinTable();

/// The built-in table overlaid with each config file in order. The first
/// error (unreadable file, invalid config) is returned and nothing is built.
llvm::Expected<std::unique_ptr<ApiTable>>
loadTableWithConfigs(llvm::ArrayRef<std::string> Paths);

/// Looks a function up by name in the built-in table; null if unknown.
const ApiFunction *lookupApi(llvm::StringRef Name);

/// Every entry of the built-in table (for docs, prefilters and tests).
llvm::ArrayRef<ApiFunction> builtinApi();

/// The config spelling of roles, kinds and return contracts ("release-one",
/// "pin", "count-or-errno").
llvm::StringRef roleName(Role R);
llvm::StringRef kindName(RefKind K);
llvm::StringRef returnsName(ReturnContract C);

/// "pinned"/"taken", "unpin"/"release": words for messages per kind.
llvm::StringRef takenVerb(RefKind K);     // "pinned" | "taken"
llvm::StringRef releaseVerb(RefKind K);   // "unpin" | "release"
llvm::StringRef releaseAdvice(RefKind K); // the API family to use

} // namespace pinpair

#endif
