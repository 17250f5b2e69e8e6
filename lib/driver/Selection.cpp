//===- Selection.cpp - Which TUs a run analyses ---------------------------===//
#include "pinpair/driver/Selection.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace pinpair::driver {

std::string relativeTo(StringRef Path, StringRef Root) {
  if (Root.empty())
    return Path.str();
  SmallString<256> R(Root);
  sys::path::remove_dots(R, true);
  while (R.size() > 1 && sys::path::is_separator(R.back()))
    R.pop_back();
  if (Path.size() > R.size() && Path.starts_with(R) &&
      sys::path::is_separator(Path[R.size()]))
    return Path.drop_front(R.size() + 1).str();
  return Path.str();
}

Expected<std::vector<PathFilter>> compileFilters(ArrayRef<std::string> Filters,
                                                 StringRef Base) {
  std::vector<PathFilter> Out;
  for (const std::string &F : Filters) {
    std::string T = F;
    if (sys::path::is_absolute(T)) {
      SmallString<256> P(T);
      sys::path::remove_dots(P, true);
      T = relativeTo(P, Base);
    }
    StringRef S = T;
    while (S.consume_front("./"))
      ;
    PathFilter PF;
    PF.Text = S.str();
    if (PF.Text.empty())
      continue; // "." or "./": everything
    if (S.find_first_of("*?[") != StringRef::npos) {
      Expected<GlobPattern> G = GlobPattern::create(S);
      if (!G)
        return createStringError(inconvertibleErrorCode(),
                                 "bad path filter '" + F +
                                     "': " + toString(G.takeError()));
      PF.IsGlob = true;
    }
    Out.push_back(std::move(PF));
  }
  return Out;
}

bool matchesFilters(ArrayRef<PathFilter> Filters, StringRef RelPath,
                    StringRef AbsPath) {
  if (Filters.empty())
    return true;
  for (const PathFilter &F : Filters) {
    // A filter still absolute (outside the base) is matched against the
    // absolute path; any other against the path below the base only (the
    // directories above it must not match "kernel/" in /src/linux-kernel).
    bool Absolute = sys::path::is_absolute(F.Text);
    StringRef Path = Absolute ? AbsPath : RelPath;
    if (F.IsGlob) {
      // GlobPattern refers to its pattern text: build it where Text lives.
      Expected<GlobPattern> G = GlobPattern::create(F.Text);
      if (!G) {
        consumeError(G.takeError());
        continue;
      }
      if (G->match(Path))
        return true;
    } else if (Absolute ? Path.starts_with(F.Text) : Path.contains(F.Text)) {
      return true;
    }
  }
  return false;
}

uint64_t stableHash(StringRef S) {
  uint64_t H = 14695981039346656037ULL;
  for (unsigned char C : S) {
    H ^= C;
    H *= 1099511628211ULL;
  }
  return H;
}

bool inShard(StringRef RelPath, unsigned K, unsigned N) {
  if (N <= 1)
    return true;
  return stableHash(RelPath) % N == K - 1;
}

std::string findConfigDir(StringRef Dir) {
  SmallString<256> D(Dir);
  while (!D.empty()) {
    SmallString<256> F(D);
    sys::path::append(F, ".pinpair.yaml");
    if (sys::fs::exists(F))
      return std::string(D);
    StringRef Parent = sys::path::parent_path(D);
    if (Parent == D || Parent.empty())
      break;
    D = Parent.str();
  }
  return "";
}

bool isAnalysableSource(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return StringSwitch<bool>(Ext)
      .Cases(".c", ".i", ".cc", ".cp", ".cpp", ".cxx", ".c++", true)
      .Cases(".C", ".CC", ".CPP", ".ii", ".m", ".mm", true)
      .Default(false);
}

} // namespace pinpair::driver
