// The YAML format of the API table (docs/config.md): the built-in table read
// from builtin-api.yaml, user configs, overlays, and one exact
// "<path>:<line>:<col>: message" per kind of mistake.
#include "pinpair/GupApi.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

using namespace pinpair;
using llvm::StringRef;

namespace {

std::string describe(const ApiFunction &F) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << F.Name << " " << roleName(F.R) << " " << kindName(F.Kind) << " "
     << returnsName(F.Ret) << " ptr=" << F.PtrArg << " count=" << F.CountArg
     << " zeroes=" << F.Zeroes << " allocates=" << F.AllocatesArray
     << " willpin=" << F.PinsIfWillPin;
  if (F.MergedFlagArg != NoArg)
    OS << " merged=" << F.MergedFlagArg;
  OS << " layouts=";
  for (const AcquireLayout &L : F.Layouts)
    OS << "{" << L.NumArgs << "," << (int)L.NrArg << "," << L.PagesArg << ","
       << (int)L.BytesArg << "," << (int)L.OffsetArg << "}";
  return S;
}

std::vector<std::string> describe(llvm::ArrayRef<ApiFunction> Fs) {
  std::vector<std::string> R;
  for (const ApiFunction &F : Fs)
    R.push_back(describe(F));
  return R;
}

std::unique_ptr<ApiTable> parseOk(StringRef Text) {
  auto T = ApiTable::parse(Text, "test.yaml");
  if (!T) {
    ADD_FAILURE() << llvm::toString(T.takeError());
    return nullptr;
  }
  return std::move(*T);
}

/// The one-line error parse() gives, or "" when it succeeds.
std::string parseError(StringRef Text, StringRef Path = "wrappers.yaml") {
  auto T = ApiTable::parse(Text, Path);
  if (T)
    return "";
  return llvm::toString(T.takeError());
}

/// A file with Text in a fresh temporary directory; removed by the destructor.
struct TempFile {
  llvm::SmallString<128> Path;
  TempFile(StringRef Name, StringRef Text) {
    llvm::SmallString<128> Dir;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("pinpair-config", Dir));
    Path = Dir;
    Path += "/";
    Path += Name;
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    EXPECT_FALSE(EC);
    OS << Text;
  }
  ~TempFile() {
    llvm::sys::fs::remove(Path);
    llvm::sys::fs::remove(llvm::sys::path::parent_path(Path));
  }
  std::string str() const { return std::string(Path.str()); }
};

const char Hfi1[] = R"(version: 1
functions:
  # hfi1_acquire_user_pages(mm, vaddr, npages, writable, pages)
  - name: hfi1_acquire_user_pages
    role: acquire
    kind: pin
    returns: count-or-errno
    layouts:
      - {args: 5, nr: 2, pages: 4}
  # hfi1_release_user_pages(mm, pages, npages, dirty)
  - name: hfi1_release_user_pages
    role: release-array
    kind: pin
    ptr: 1
    count: 2
  - {name: my_page_consumer, role: consumer}
)";

//===----------------------------------------------------------------------===//
// The built-in table.
//===----------------------------------------------------------------------===//

TEST(ApiConfig, BuiltinTableIsTheOneItReplaced) {
  const ApiTable &B = builtinTable();
  EXPECT_EQ(builtinApi().data(), B.functions().data());
  auto Is = [&](StringRef Name, StringRef Expected) {
    const ApiFunction *F = B.lookup(Name);
    ASSERT_NE(F, nullptr) << Name.str();
    EXPECT_EQ(describe(*F), Expected.str());
    EXPECT_EQ(lookupApi(Name), F);
  };
  Is("get_user_pages",
     "get_user_pages acquire get count-or-errno ptr=0 count=0 zeroes=0 "
     "allocates=0 willpin=0 layouts={8,3,6,-1,-1}{6,1,4,-1,-1}{5,1,3,-1,-1}"
     "{4,1,3,-1,-1}");
  Is("pin_user_pages_remote",
     "pin_user_pages_remote acquire pin count-or-errno ptr=0 count=0 zeroes=0 "
     "allocates=0 willpin=0 layouts={8,3,6,-1,-1}{8,3,5,-1,-1}{7,3,5,-1,-1}"
     "{7,2,4,-1,-1}{6,2,4,-1,-1}");
  Is("pin_user_pages_unlocked",
     "pin_user_pages_unlocked acquire pin count-or-errno ptr=0 count=0 "
     "zeroes=0 allocates=0 willpin=0 layouts={7,3,6,-1,-1}{5,1,4,-1,-1}"
     "{4,1,2,-1,-1}");
  Is("__get_user_pages_fast",
     "__get_user_pages_fast acquire get count-only ptr=0 count=0 zeroes=0 "
     "allocates=0 willpin=0 layouts={4,1,3,-1,-1}");
  Is("put_page", "put_page release-one get count-or-errno ptr=0 count=1 "
                 "zeroes=0 allocates=0 willpin=0 layouts=");
  Is("unpin_user_pages_dirty_lock",
     "unpin_user_pages_dirty_lock release-array pin count-or-errno ptr=0 "
     "count=1 zeroes=0 allocates=0 willpin=0 layouts=");
  Is("unpin_user_page_range_dirty_lock",
     "unpin_user_page_range_dirty_lock release-range pin count-or-errno ptr=0 "
     "count=1 zeroes=0 allocates=0 willpin=0 layouts=");
  Is("kvfree", "kvfree free-array get count-or-errno ptr=0 count=0 zeroes=0 "
               "allocates=0 willpin=0 layouts=");
  Is("devm_kcalloc", "devm_kcalloc alloc-array get count-or-errno ptr=0 "
                     "count=0 zeroes=1 allocates=0 willpin=0 layouts=");
  Is("vmalloc", "vmalloc alloc-array get count-or-errno ptr=0 count=0 "
                "zeroes=0 allocates=0 willpin=0 layouts=");
  Is("skb_add_rx_frag", "skb_add_rx_frag consumer get count-or-errno ptr=0 "
                        "count=0 zeroes=0 allocates=0 willpin=0 layouts=");
  Is("bio_add_hw_page", "bio_add_hw_page consumer get count-or-errno ptr=0 "
                        "count=0 zeroes=0 allocates=0 willpin=0 merged=6 "
                        "layouts=");
  Is("_compound_head", "_compound_head same-page get count-or-errno ptr=0 "
                       "count=0 zeroes=0 allocates=0 willpin=0 layouts=");
  // Listed twice in the C++ table; its later page-user entry won lookups.
  Is("compound_head", "compound_head page-user get count-or-errno ptr=0 "
                      "count=0 zeroes=0 allocates=0 willpin=0 layouts=");
  Is("__init_rwsem", "__init_rwsem no-effect get count-or-errno ptr=0 "
                     "count=0 zeroes=0 allocates=0 willpin=0 layouts=");
  // The order of the file is kept.
  EXPECT_EQ(B.functions().front().Name, "get_user_pages");
  EXPECT_EQ(B.functions().back().Name, "dma_map_page_attrs");
}

TEST(ApiConfig, BuiltinFileReadsAsAUserConfig) {
  auto T = ApiTable::load(PINPAIR_SOURCE_DIR "/lib/api/builtin-api.yaml");
  ASSERT_TRUE(bool(T)) << llvm::toString(T.takeError());
  EXPECT_EQ(describe((*T)->functions()), describe(builtinApi()));
}

TEST(ApiConfig, BuiltinRoundTripsThroughYAML) {
  std::string Y = builtinTable().toYAML();
  auto T = parseOk(Y);
  ASSERT_TRUE(T);
  EXPECT_EQ(describe(T->functions()), describe(builtinApi()));
  EXPECT_EQ(T->toYAML(), Y);
}

//===----------------------------------------------------------------------===//
// User configs.
//===----------------------------------------------------------------------===//

TEST(ApiConfig, WrapperConfig) {
  auto T = parseOk(Hfi1);
  ASSERT_TRUE(T);
  ASSERT_EQ(T->functions().size(), 3u);
  const ApiFunction *A = T->lookup("hfi1_acquire_user_pages");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->R, Role::Acquire);
  EXPECT_EQ(A->Kind, RefKind::Pin);
  EXPECT_EQ(A->Ret, ReturnContract::CountOrErrno);
  ASSERT_EQ(A->Layouts.size(), 1u);
  EXPECT_EQ(A->Layouts[0].NumArgs, 5u);
  EXPECT_EQ(A->Layouts[0].NrArg, 2u);
  EXPECT_EQ(A->Layouts[0].PagesArg, 4u);
  EXPECT_EQ(A->Layouts[0].BytesArg, NoArg);
  EXPECT_EQ(A->Layouts[0].OffsetArg, NoArg);
  EXPECT_FALSE(A->AllocatesArray);
  EXPECT_FALSE(A->PinsIfWillPin);

  const ApiFunction *R = T->lookup("hfi1_release_user_pages");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->R, Role::ReleaseArray);
  EXPECT_EQ(R->Kind, RefKind::Pin);
  EXPECT_EQ(R->PtrArg, 1u);
  EXPECT_EQ(R->CountArg, 2u);
  EXPECT_TRUE(R->isRelease());

  const ApiFunction *C = T->lookup("my_page_consumer");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->R, Role::Consumer);
  EXPECT_EQ(T->lookup("put_page"), nullptr); // a config alone has no built-ins

  // The table owns its names: the text can go.
  std::string Text = Hfi1;
  auto T2 = parseOk(Text);
  Text.assign(Text.size(), 'x');
  EXPECT_NE(T2->lookup("hfi1_release_user_pages"), nullptr);
  EXPECT_EQ(T2->functions()[0].Name, "hfi1_acquire_user_pages");
}

TEST(ApiConfig, ByteCountingAndAllocatingAcquires) {
  auto T = parseOk(R"(version: 1
functions:
  - name: iov_iter_get_pages_alloc2
    role: acquire
    kind: get
    returns: bytes-or-errno
    allocates-array: true
    layouts:
      - {args: 4, pages: 1, bytes: 2, offset: 3}
  - name: iov_iter_extract_pages
    role: acquire
    kind: pin
    returns: bytes-or-errno
    pins-if-will-pin: true
    layouts: [{args: 6, nr: 3, pages: 1, bytes: 2, offset: 5}]
  - {name: iov_iter_extract_will_pin, role: will-pin-query}
  - {name: my_free, role: free-array, ptr: 1}
)");
  ASSERT_TRUE(T);
  const ApiFunction *G = T->lookup("iov_iter_get_pages_alloc2");
  ASSERT_NE(G, nullptr);
  EXPECT_EQ(G->Ret, ReturnContract::BytesOrErrno);
  EXPECT_TRUE(G->AllocatesArray);
  EXPECT_EQ(G->Layouts[0].NrArg, NoArg);
  EXPECT_EQ(G->Layouts[0].BytesArg, 2u);
  EXPECT_EQ(G->Layouts[0].OffsetArg, 3u);
  const ApiFunction *E = T->lookup("iov_iter_extract_pages");
  EXPECT_TRUE(E->PinsIfWillPin);
  EXPECT_EQ(E->Layouts[0].NrArg, 3u);
  EXPECT_EQ(T->lookup("iov_iter_extract_will_pin")->R, Role::WillPinQuery);
  EXPECT_EQ(T->lookup("my_free")->PtrArg, 1u);
  // Round trip with every field.
  auto T2 = parseOk(T->toYAML());
  ASSERT_TRUE(T2);
  EXPECT_EQ(describe(T2->functions()), describe(T->functions()));
}

TEST(ApiConfig, OverlayReplacesAndAdds) {
  TempFile Cfg("wrappers.yaml", R"(version: 1
functions:
  # A kernel whose put_page() takes the page second (made up).
  - {name: put_page, role: release-one, kind: get, ptr: 1}
  - {name: my_page_consumer, role: consumer}
)");
  auto T = loadTableWithConfigs({Cfg.str()});
  ASSERT_TRUE(bool(T)) << llvm::toString(T.takeError());
  const ApiTable &Table = **T;
  EXPECT_EQ(Table.functions().size(), builtinApi().size() + 1);
  // Replaced in place, the built-in table untouched.
  const ApiFunction *P = Table.lookup("put_page");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(P->PtrArg, 1u);
  EXPECT_EQ(P - Table.functions().data(),
            lookupApi("put_page") - builtinApi().data());
  EXPECT_EQ(lookupApi("put_page")->PtrArg, 0u);
  // Added at the end; the rest as built in.
  EXPECT_EQ(Table.functions().back().Name, "my_page_consumer");
  EXPECT_EQ(lookupApi("my_page_consumer"), nullptr);
  EXPECT_EQ(describe(*Table.lookup("get_user_pages")),
            describe(*lookupApi("get_user_pages")));

  // Later configs overlay earlier ones.
  TempFile Cfg2("more.yaml", R"(version: 1
functions:
  - {name: my_page_consumer, role: page-user}
)");
  auto T2 = loadTableWithConfigs({Cfg.str(), Cfg2.str()});
  ASSERT_TRUE(bool(T2)) << llvm::toString(T2.takeError());
  EXPECT_EQ((*T2)->lookup("my_page_consumer")->R, Role::PageUser);
  EXPECT_EQ((*T2)->lookup("put_page")->PtrArg, 1u);

  // No configs: the built-in table.
  auto T3 = loadTableWithConfigs({});
  ASSERT_TRUE(bool(T3));
  EXPECT_EQ(describe((*T3)->functions()), describe(builtinApi()));
}

TEST(ApiConfig, ExtraRef) {
  // Built in: get_page() and page_remove_rmap() add a reference to drop.
  EXPECT_EQ(lookupApi("get_page")->R, Role::ExtraRef);
  EXPECT_EQ(lookupApi("page_remove_rmap")->R, Role::ExtraRef);
  // A user entry names the page with `ptr`, and it round-trips.
  auto T = parseOk("version: 1\nfunctions:\n"
                   "  - {name: my_unmap, role: extra-ref, ptr: 1}\n");
  ASSERT_NE(T, nullptr);
  const ApiFunction *F = T->lookup("my_unmap");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->R, Role::ExtraRef);
  EXPECT_EQ(F->PtrArg, 1u);
  auto Again = parseOk(T->toYAML());
  ASSERT_NE(Again, nullptr);
  EXPECT_EQ(Again->lookup("my_unmap")->PtrArg, 1u);
  EXPECT_EQ(parseError("version: 1\nfunctions:\n"
                       "  - {name: foo, role: extra-ref, count: 1}\n"),
            "wrappers.yaml:3:41: 'count' is not allowed for role extra-ref "
            "(only for release-array, release-range)");
}

TEST(ApiConfig, OverlayOfAnEmptyTableCopies) {
  ApiTable Copy;
  Copy.overlay(builtinTable());
  EXPECT_EQ(Copy.toYAML(), builtinTable().toYAML());
  EXPECT_NE(Copy.lookup("put_page"), lookupApi("put_page"));
}

TEST(ApiConfig, LoadTableWithConfigsStopsAtTheFirstError) {
  TempFile Good("good.yaml", Hfi1);
  TempFile Bad("bad.yaml", "version: 1\nfunctions:\n  - {name: f, role: x}\n");
  auto T = loadTableWithConfigs({Good.str(), Bad.str(), "/nonexistent.yaml"});
  ASSERT_FALSE(bool(T));
  std::string E = llvm::toString(T.takeError());
  EXPECT_EQ(E.rfind(Bad.str() + ":3:21: unknown role 'x' (expected one of: "
                                "acquire, release-one,",
                    0),
            0u)
      << E;
}

TEST(ApiConfig, UnreadableFile) {
  auto T = ApiTable::load("/nonexistent/pinpair.yaml");
  ASSERT_FALSE(bool(T));
  EXPECT_EQ(llvm::toString(T.takeError()),
            "/nonexistent/pinpair.yaml: cannot read config: No such file or "
            "directory");
  auto D = ApiTable::load(PINPAIR_SOURCE_DIR);
  ASSERT_FALSE(bool(D));
  EXPECT_EQ(llvm::toString(D.takeError()),
            PINPAIR_SOURCE_DIR ": cannot read config: Is a directory");
}

TEST(ApiConfig, FixturesOfTheLitTests) {
  std::string Dir = PINPAIR_SOURCE_DIR "/test/checkers/Inputs/config/";
  auto W = ApiTable::load(Dir + "wrappers.yaml");
  ASSERT_TRUE(bool(W)) << llvm::toString(W.takeError());
  for (const char *N : {"hfi1_acquire_user_pages", "hfi1_release_user_pages",
                        "vfio_pin_pages", "my_page_consumer"})
    EXPECT_NE((*W)->lookup(N), nullptr) << N;
  EXPECT_EQ((*W)->lookup("vfio_unpin_pages"), nullptr);
  auto B = ApiTable::load(Dir + "bad-role.yaml");
  ASSERT_FALSE(bool(B));
  EXPECT_EQ(llvm::toString(B.takeError()),
            Dir + "bad-role.yaml:6:11: unknown role 'aquire' (expected one "
                  "of: acquire, release-one, release-array, release-range, "
                  "free-array, alloc-array, page-user, consumer, same-page, "
                  "no-effect, will-pin-query, extra-ref)");
}

//===----------------------------------------------------------------------===//
// Errors: one line each, at the value that is wrong.
//===----------------------------------------------------------------------===//

const char Head[] = "version: 1\nfunctions:\n";

std::string withHead(StringRef Functions) {
  return std::string(Head) + Functions.str();
}

TEST(ApiConfigErrors, UnknownRole) {
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: aquire\n")),
            "wrappers.yaml:4:11: unknown role 'aquire' (expected one of: "
            "acquire, release-one, release-array, release-range, free-array, "
            "alloc-array, page-user, consumer, same-page, no-effect, "
            "will-pin-query, extra-ref)");
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: release, kind: pin}\n")),
            "wrappers.yaml:3:23: unknown role 'release' (expected one of: "
            "acquire, release-one, release-array, release-range, free-array, "
            "alloc-array, page-user, consumer, same-page, no-effect, "
            "will-pin-query, extra-ref)");
}

TEST(ApiConfigErrors, UnknownKindAndReturns) {
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: release-one, kind: "
                                "foll_pin}\n")),
            "wrappers.yaml:3:42: unknown kind 'foll_pin' (expected one of: "
            "get, pin)");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    kind: pin\n"
                                "    returns: count\n")),
            "wrappers.yaml:6:14: unknown return contract 'count' (expected "
            "one of: count-or-errno, count-only, bytes-or-errno)");
}

TEST(ApiConfigErrors, LayoutIndexOutOfRange) {
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    kind: pin\n"
                                "    layouts:\n"
                                "      - {args: 5, nr: 2, pages: 4}\n"
                                "      - {args: 4, nr: 1, pages: 5}\n")),
            "wrappers.yaml:8:33: layout index 'pages: 5' out of range for "
            "'args: 4'");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    kind: pin\n"
                                "    layouts: [{args: 4, nr: 3, pages: 3}]\n")),
            "wrappers.yaml:6:39: layout indices 'nr: 3' and 'pages: 3' name "
            "the same argument");
}

TEST(ApiConfigErrors, LayoutKeysFollowTheReturnContract) {
  std::string Acq = "  - name: foo\n"
                    "    role: acquire\n"
                    "    kind: get\n";
  EXPECT_EQ(parseError(withHead(Acq + "    layouts: [{args: 4, pages: 3}]\n")),
            "wrappers.yaml:6:16: missing required key 'nr' in layout (only "
            "'returns: bytes-or-errno' layouts may omit it)");
  EXPECT_EQ(parseError(withHead(Acq + "    layouts: [{args: 4, nr: 1, pages: "
                                      "3, bytes: 2}]\n")),
            "wrappers.yaml:6:49: 'bytes' is only allowed in a layout of "
            "'returns: bytes-or-errno'");
  EXPECT_EQ(parseError(withHead(Acq + "    returns: bytes-or-errno\n"
                                      "    layouts: [{args: 4, pages: 1, "
                                      "bytes: 2}]\n")),
            "wrappers.yaml:7:16: missing required key 'offset' in layout "
            "(required with 'returns: bytes-or-errno')");
  EXPECT_EQ(parseError(withHead(Acq + "    layouts: [{nr: 1, pages: 3}]\n")),
            "wrappers.yaml:6:16: missing required key 'args' in layout");
  EXPECT_EQ(parseError(withHead(Acq + "    layouts: []\n")),
            "wrappers.yaml:3:5: 'layouts' of 'foo' must list at least one "
            "layout");
  EXPECT_EQ(parseError(withHead(Acq)),
            "wrappers.yaml:3:5: 'layouts' is required for role acquire");
  EXPECT_EQ(parseError(withHead(Acq + "    layouts:\n"
                                      "      - {args: 4, nr: 1, pages: 3}\n"
                                      "      - {args: 4, nr: 2, pages: 3}\n")),
            "wrappers.yaml:8:10: duplicate layout for 'args: 4', 'pages: 3' "
            "(first at line 7)");
}

TEST(ApiConfigErrors, DuplicateFunction) {
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: consumer\n"
                                "  - {name: bar, role: consumer}\n"
                                "  - name: foo\n"
                                "    role: page-user\n")),
            "wrappers.yaml:6:11: duplicate function 'foo' (first defined at "
            "line 3)");
}

TEST(ApiConfigErrors, RequiredKeys) {
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    layouts: [{args: 5, nr: 2, pages: 4}]\n")),
            "wrappers.yaml:3:5: 'kind' is required for role acquire");
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: release-array}\n")),
            "wrappers.yaml:3:6: 'kind' is required for role release-array");
  EXPECT_EQ(parseError(withHead("  - role: consumer\n")),
            "wrappers.yaml:3:5: missing required key 'name'");
  EXPECT_EQ(parseError(withHead("  - name: foo\n")),
            "wrappers.yaml:3:5: missing required key 'role' for function "
            "'foo'");
}

TEST(ApiConfigErrors, KeysTheRoleDoesNotUse) {
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: release-one\n"
                                "    kind: pin\n"
                                "    count: 2\n")),
            "wrappers.yaml:6:12: 'count' is not allowed for role release-one "
            "(only for release-array, release-range)");
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: consumer, kind: pin, "
                                "zeroes: true}\n")),
            "wrappers.yaml:3:39: 'kind' is not allowed for role consumer (only "
            "for acquire, release-one, release-array, release-range)");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: release-array\n"
                                "    layouts: [{args: 5, nr: 2, pages: 4}]\n")),
            "wrappers.yaml:5:16: 'layouts' is not allowed for role "
            "release-array (only for acquire)");
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: page-user, "
                                "merged-flag: 2}\n")),
            "wrappers.yaml:3:47: 'merged-flag' is not allowed for role "
            "page-user (only for consumer)");
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: release-array, kind: "
                                "get, ptr: 1}\n")),
            "wrappers.yaml:3:54: 'ptr: 1' and 'count: 1' name the same "
            "argument");
}

TEST(ApiConfigErrors, UnknownKey) {
  // Reported rather than the "'kind' is required" it causes.
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    kidn: pin\n")),
            "wrappers.yaml:5:5: unknown key 'kidn'");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    kind: pin\n"
                                "    layouts: [{args: 5, nr: 2, page: 4}]\n")),
            "wrappers.yaml:6:32: unknown key 'page'");
  EXPECT_EQ(parseError("version: 1\nfunction:\n  - {name: f, role: consumer}\n"),
            "wrappers.yaml:2:1: unknown key 'function'");
}

TEST(ApiConfigErrors, WrongTypes) {
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: release-array, kind: "
                                "pin, ptr: first}\n")),
            "wrappers.yaml:3:54: expected a non-negative integer, not 'first'");
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: release-array, kind: "
                                "pin, count: -1}\n")),
            "wrappers.yaml:3:56: expected a non-negative integer, not '-1'");
  EXPECT_EQ(parseError(withHead("  - {name: kz, role: alloc-array, zeroes: "
                                "yes}\n")),
            "wrappers.yaml:3:43: expected true or false, not 'yes'");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: [consumer]\n")),
            "wrappers.yaml:4:12: expected a single value");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    role: acquire\n"
                                "    kind: pin\n"
                                "    layouts: {args: 5, nr: 2, pages: 4}\n")),
            "wrappers.yaml:6:15: expected a list");
  EXPECT_EQ(parseError("version: 1\nfunctions:\n  name: foo\n"),
            "wrappers.yaml:3:3: expected a list");
  EXPECT_EQ(parseError(withHead("  - foo\n")),
            "wrappers.yaml:3:5: expected a mapping (key: value)");
  EXPECT_EQ(parseError("- version: 1\n"),
            "wrappers.yaml:1:1: expected a mapping (key: value)");
  // `key:` and nothing: at the key, not at the next line.
  EXPECT_EQ(parseError(withHead("  - name:   # later\n"
                                "    role: consumer\n")),
            "wrappers.yaml:3:10: missing value");
}

TEST(ApiConfigErrors, Names) {
  EXPECT_EQ(parseError(withHead("  - {name: \"\", role: consumer}\n")),
            "wrappers.yaml:3:12: empty function name");
  EXPECT_EQ(parseError(withHead("  - {name: \"foo bar\", role: consumer}\n")),
            "wrappers.yaml:3:12: function name 'foo bar' is not a C "
            "identifier");
}

TEST(ApiConfigErrors, Syntax) {
  EXPECT_EQ(parseError(withHead("  - {name: foo, role: consumer\n"
                                "  - name: bar\n")),
            "wrappers.yaml:4:9: Unexpected token. Expected Key, Flow Entry, "
            "or Flow Mapping End.");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "   role: consumer\n")),
            "wrappers.yaml:4:8: Unexpected token. Expected Block Entry or "
            "Block End.");
  EXPECT_EQ(parseError(withHead("  - name: foo\n"
                                "    name: bar\n"
                                "    role: consumer\n")),
            "wrappers.yaml:4:5: duplicated mapping key 'name'");
  EXPECT_EQ(parseError("version: 1\n---\nversion: 1\n"),
            "wrappers.yaml:3:1: more than one YAML document (only one is "
            "read)");
  EXPECT_EQ(parseError(withHead("  - {name: a, role: consumer}\n"
                                "  - &x {name: b, role: consumer}\n"
                                "  - *x\n")),
            "wrappers.yaml:5:5: YAML aliases (*name) are not supported");
}

TEST(ApiConfigErrors, Version) {
  EXPECT_EQ(parseError("functions: []\n"),
            "wrappers.yaml:1:1: missing required key 'version' (this pinpair "
            "reads version 1)");
  EXPECT_EQ(parseError("# pinpair config\nversion: 2\nfunctions: []\n"),
            "wrappers.yaml:2:10: unsupported version 2 (this pinpair reads "
            "version 1)");
  EXPECT_EQ(parseError(""),
            "wrappers.yaml:1:1: empty config (expected 'version: 1' and "
            "'functions:')");
  EXPECT_EQ(parseError("# only a comment\n"),
            "wrappers.yaml:1:1: empty config (expected 'version: 1' and "
            "'functions:')");
  // A config with no functions is valid.
  EXPECT_EQ(parseError("version: 1\n"), "");
  EXPECT_EQ(parseError("version: 1\nfunctions: []\n"), "");
}

TEST(ApiConfigErrors, OneLineOnly) {
  for (const char *Text :
       {"version: 1\nfunctions:\n  - {name: foo, role: consumer\n",
        "version: 1\nfunctions:\n  - name: foo\n    role: aquire\n",
        "version: 1\nfunctions: {\n", "version: [1\n", "version: \"1\n"}) {
    std::string E = parseError(Text);
    EXPECT_FALSE(E.empty()) << Text;
    EXPECT_EQ(E.find('\n'), std::string::npos) << E;
    EXPECT_EQ(E.rfind("wrappers.yaml:", 0), 0u) << E;
  }
}

} // namespace
