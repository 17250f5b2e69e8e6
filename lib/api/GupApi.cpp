//===- GupApi.cpp - The built-in table of modelled kernel functions -------===//
//
// Signatures follow the kernel history in shared/reference/gup-api.md. An
// acquire function lists one layout per argument count it ever had; where two
// kernels used the same count with different layouts the checker picks the
// layout whose array parameter really is a `struct page **`.
//
//===----------------------------------------------------------------------===//
#include "pinpair/GupApi.h"
#include "llvm/ADT/StringMap.h"

using namespace llvm;

namespace pinpair {
namespace {

// get_user_pages: 2.6 (tsk, mm, start, nr, write, force, pages, vmas);
// 4.6 (start, nr, write, force, pages, vmas); 4.9..6.4 (start, nr, flags,
// pages, vmas); 6.5 (start, nr, flags, pages).
const AcquireLayout GupLayouts[] = {{8, 3, 6}, {6, 1, 4}, {5, 1, 3}, {4, 1, 3}};
// get/pin_user_pages_remote: 4.6 (tsk, mm, start, nr, write, force, pages,
// vmas); 4.9 (tsk, mm, start, nr, flags, pages, vmas[, locked]); 5.9 (mm,
// start, nr, flags, pages, vmas, locked); 6.5 (mm, start, nr, flags, pages,
// locked).
const AcquireLayout RemoteLayouts[] = {
    {8, 3, 6}, {8, 3, 5}, {7, 3, 5}, {7, 2, 4}, {6, 2, 4}};
// *_fast, *_fast_only, __get_user_pages_fast: (start, nr, write|flags, pages).
const AcquireLayout FastLayouts[] = {{4, 1, 3}};
// *_unlocked: 4.0 (tsk, mm, start, nr, write, force, pages); 4.6 (start, nr,
// write, force, pages); 4.9+ (start, nr, pages, flags).
const AcquireLayout UnlockedLayouts[] = {{7, 3, 6}, {5, 1, 4}, {4, 1, 2}};
// *_locked: 4.0 (tsk, mm, start, nr, write, force, pages, locked); 4.6
// (start, nr, write, force, pages, locked); 4.9..5.17 (start, nr, flags,
// pages, locked).
const AcquireLayout LockedLayouts[] = {{8, 3, 6}, {6, 1, 4}, {5, 1, 3}};
// get_user_pages_longterm (4.15..5.1): (start, nr, flags, pages, vmas).
const AcquireLayout LongtermLayouts[] = {{5, 1, 3}};

constexpr RefKind Get = RefKind::Get, Pin = RefKind::Pin;

ApiFunction acquire(StringRef N, RefKind K, ArrayRef<AcquireLayout> L,
                    ReturnContract C = ReturnContract::CountOrErrno) {
  ApiFunction F{N, Role::Acquire};
  F.Kind = K;
  F.Layouts.assign(L.begin(), L.end());
  F.Ret = C;
  return F;
}
ApiFunction release(StringRef N, Role R, RefKind K, unsigned Ptr = 0,
                    unsigned Count = 1) {
  ApiFunction F{N, R};
  F.Kind = K;
  F.PtrArg = Ptr;
  F.CountArg = Count;
  return F;
}
ApiFunction simple(StringRef N, Role R) { return ApiFunction{N, R}; }
ApiFunction zalloc(StringRef N) {
  ApiFunction F{N, Role::AllocArray};
  F.Zeroes = true;
  return F;
}

const ApiFunction Table[] = {
    // Acquire: FOLL_GET.
    acquire("get_user_pages", Get, GupLayouts),
    acquire("get_user_pages_remote", Get, RemoteLayouts),
    acquire("get_user_pages_fast", Get, FastLayouts),
    acquire("get_user_pages_fast_only", Get, FastLayouts,
            ReturnContract::CountOnly),
    acquire("__get_user_pages_fast", Get, FastLayouts,
            ReturnContract::CountOnly),
    acquire("get_user_pages_unlocked", Get, UnlockedLayouts),
    acquire("get_user_pages_locked", Get, LockedLayouts),
    acquire("get_user_pages_longterm", Get, LongtermLayouts),
    // Acquire: FOLL_PIN.
    acquire("pin_user_pages", Pin, GupLayouts),
    acquire("pin_user_pages_remote", Pin, RemoteLayouts),
    acquire("pin_user_pages_fast", Pin, FastLayouts),
    acquire("pin_user_pages_fast_only", Pin, FastLayouts,
            ReturnContract::CountOnly),
    acquire("pin_user_pages_unlocked", Pin, UnlockedLayouts),
    acquire("pin_user_pages_locked", Pin, LockedLayouts),

    // Release one page.
    release("put_page", Role::ReleaseOne, Get),
    release("page_cache_release", Role::ReleaseOne, Get),
    release("put_user_page", Role::ReleaseOne, Get),
    release("folio_put", Role::ReleaseOne, Get),
    release("unpin_user_page", Role::ReleaseOne, Pin),
    // Release an array prefix.
    release("release_pages", Role::ReleaseArray, Get),
    release("put_user_pages", Role::ReleaseArray, Get),
    release("put_user_pages_dirty", Role::ReleaseArray, Get),
    release("put_user_pages_dirty_lock", Role::ReleaseArray, Get),
    release("unpin_user_pages", Role::ReleaseArray, Pin),
    release("unpin_user_pages_dirty_lock", Role::ReleaseArray, Pin),
    // Release physically contiguous pages starting at one array slot.
    release("unpin_user_page_range_dirty_lock", Role::ReleaseRange, Pin),

    // Page arrays are allocated and freed with the kernel allocators.
    simple("kfree", Role::FreeArray), simple("kvfree", Role::FreeArray),
    simple("vfree", Role::FreeArray), simple("kfree_sensitive", Role::FreeArray),
    simple("kzfree", Role::FreeArray),
    // The zeroing ones matter beyond arrays: error paths test fields of a
    // kzalloc'ed struct (`if (!req->page_list)`) that are known to be NULL.
    simple("kmalloc", Role::AllocArray), simple("kmalloc_array", Role::AllocArray),
    simple("kvmalloc", Role::AllocArray), simple("kvmalloc_array", Role::AllocArray),
    simple("vmalloc", Role::AllocArray),
    zalloc("kzalloc"), zalloc("kcalloc"), zalloc("kvzalloc"), zalloc("kvcalloc"),
    zalloc("vzalloc"), zalloc("kzalloc_node"), zalloc("kvzalloc_node"),
    zalloc("kmem_cache_zalloc"), zalloc("devm_kzalloc"), zalloc("devm_kcalloc"),

    // Functions that take over the reference of a page they receive. Calls
    // whose body pinpair cannot see are treated so anyway; these are listed
    // because kernel headers define them inline, and their bodies store the
    // page in ways the analyzer cannot follow (tagged pointers, bit masks).
    simple("sg_set_page", Role::Consumer), simple("sg_assign_page", Role::Consumer),
    simple("bvec_set_page", Role::Consumer), simple("__bio_add_page", Role::Consumer),
    simple("bio_add_page", Role::Consumer), simple("bio_add_pc_page", Role::Consumer),
    simple("bio_add_hw_page", Role::Consumer),
    simple("bio_add_zone_append_page", Role::Consumer),
    simple("skb_fill_page_desc", Role::Consumer),
    simple("__skb_fill_page_desc", Role::Consumer),
    simple("__skb_fill_page_desc_noacc", Role::Consumer),
    simple("skb_add_rx_frag", Role::Consumer),

    // The head page of a compound page carries the references of all its
    // tails: `page = compound_head(page); ... put_page(page)` releases the
    // reference taken on the tail. page_folio() is _compound_head() too.
    simple("_compound_head", Role::SamePage), simple("compound_head", Role::SamePage),

    // Lock primitives. Without a body the engine assumes mutex_lock(&bo->lock)
    // rewrites all of *bo, so the bo->pages and bo->npages read after it are
    // new values and the pages taken before look unreleased.
    simple("mutex_lock", Role::NoEffect), simple("mutex_lock_nested", Role::NoEffect),
    simple("mutex_unlock", Role::NoEffect),
    simple("_raw_spin_lock", Role::NoEffect), simple("_raw_spin_unlock", Role::NoEffect),
    simple("_raw_spin_lock_irq", Role::NoEffect),
    simple("_raw_spin_unlock_irq", Role::NoEffect),
    simple("_raw_spin_lock_bh", Role::NoEffect),
    simple("_raw_spin_unlock_bh", Role::NoEffect),
    simple("_raw_spin_unlock_irqrestore", Role::NoEffect),
    simple("down_read", Role::NoEffect), simple("up_read", Role::NoEffect),
    simple("down_write", Role::NoEffect), simple("up_write", Role::NoEffect),
    simple("mmap_read_lock", Role::NoEffect), simple("mmap_read_unlock", Role::NoEffect),
    simple("mmap_write_lock", Role::NoEffect),
    simple("mmap_write_unlock", Role::NoEffect),
    // Initialisers of locks and wait queues embedded in a struct: without a
    // body, init_completion(&req->done) would erase what the analysis knows
    // of every other field of *req (a kzalloc'ed req->pages is NULL).
    simple("__init_swait_queue_head", Role::NoEffect),
    simple("__init_waitqueue_head", Role::NoEffect),
    simple("__mutex_init", Role::NoEffect), simple("__raw_spin_lock_init", Role::NoEffect),
    simple("__init_rwsem", Role::NoEffect),

    // Functions that use a page but leave its reference with the caller.
    // Anything else that receives a page is assumed to take the reference
    // over (a consumer such as bio_add_page), which keeps pinpair quiet.
    simple("kmap", Role::PageUser), simple("kunmap", Role::PageUser),
    simple("kmap_atomic", Role::PageUser), simple("kmap_local_page", Role::PageUser),
    simple("page_address", Role::PageUser), simple("lowmem_page_address", Role::PageUser),
    simple("set_page_dirty", Role::PageUser),
    simple("set_page_dirty_lock", Role::PageUser),
    simple("SetPageDirty", Role::PageUser), simple("flush_dcache_page", Role::PageUser),
    simple("page_to_pfn", Role::PageUser), simple("page_to_phys", Role::PageUser),
    simple("lock_page", Role::PageUser), simple("unlock_page", Role::PageUser),
    simple("mark_page_accessed", Role::PageUser), simple("page_folio", Role::PageUser),
    simple("compound_head", Role::PageUser), simple("get_page", Role::PageUser),
    simple("PageAnon", Role::PageUser), simple("PageHuge", Role::PageUser),
    simple("PageCompound", Role::PageUser), simple("PageTransHuge", Role::PageUser),
    simple("is_zone_device_page", Role::PageUser),
    simple("page_maybe_dma_pinned", Role::PageUser),
    simple("dma_map_page", Role::PageUser), simple("dma_map_page_attrs", Role::PageUser),
};

const StringMap<const ApiFunction *> &index() {
  static const StringMap<const ApiFunction *> Map = [] {
    StringMap<const ApiFunction *> M;
    for (const ApiFunction &F : Table)
      M[F.Name] = &F;
    return M;
  }();
  return Map;
}

} // namespace

const ApiFunction *lookupApi(StringRef Name) {
  auto It = index().find(Name);
  return It == index().end() ? nullptr : It->second;
}

ArrayRef<ApiFunction> builtinApi() { return Table; }

StringRef takenVerb(RefKind K) { return K == RefKind::Pin ? "pinned" : "taken"; }
StringRef releaseVerb(RefKind K) {
  return K == RefKind::Pin ? "unpin" : "release";
}
StringRef releaseAdvice(RefKind K) {
  return K == RefKind::Pin ? "unpin_user_page(s)()"
                           : "put_page() or release_pages()";
}

} // namespace pinpair
