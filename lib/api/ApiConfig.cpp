//===- ApiConfig.cpp - The YAML format of the API table -------------------===//
//
// Reads and writes tables of modelled functions (docs/config.md) with LLVM's
// YAML I/O. Every field is read into a Located<T> that remembers where its
// value is, so every problem, LLVM's own (syntax, unknown key, wrong type) or
// found by the checks here, becomes one line "<path>:<line>:<col>: <message>"
// pointing at the offending value. Only the first problem is reported.
//
//===----------------------------------------------------------------------===//
#include "pinpair/GupApi.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace llvm;

namespace pinpair {

//===----------------------------------------------------------------------===//
// Spellings.
//===----------------------------------------------------------------------===//

namespace {

const std::pair<Role, const char *> RoleNames[] = {
    {Role::Acquire, "acquire"},
    {Role::ReleaseOne, "release-one"},
    {Role::ReleaseArray, "release-array"},
    {Role::ReleaseRange, "release-range"},
    {Role::FreeArray, "free-array"},
    {Role::AllocArray, "alloc-array"},
    {Role::PageUser, "page-user"},
    {Role::Consumer, "consumer"},
    {Role::SamePage, "same-page"},
    {Role::NoEffect, "no-effect"},
    {Role::WillPinQuery, "will-pin-query"},
    {Role::ExtraRef, "extra-ref"},
};
const std::pair<RefKind, const char *> KindNames[] = {
    {RefKind::Get, "get"},
    {RefKind::Pin, "pin"},
};
const std::pair<ReturnContract, const char *> ReturnsNames[] = {
    {ReturnContract::CountOrErrno, "count-or-errno"},
    {ReturnContract::CountOnly, "count-only"},
    {ReturnContract::BytesOrErrno, "bytes-or-errno"},
};

template <typename T, size_t N>
StringRef nameOf(const std::pair<T, const char *> (&Names)[N], T V) {
  for (const auto &P : Names)
    if (P.first == V)
      return P.second;
  return "?";
}

template <typename T, size_t N>
std::string namesOf(const std::pair<T, const char *> (&Names)[N]) {
  std::string S;
  for (const auto &P : Names)
    S += (S.empty() ? "" : ", ") + std::string(P.second);
  return S;
}

} // namespace

StringRef roleName(Role R) { return nameOf(RoleNames, R); }
StringRef kindName(RefKind K) { return nameOf(KindNames, K); }
StringRef returnsName(ReturnContract C) { return nameOf(ReturnsNames, C); }

//===----------------------------------------------------------------------===//
// The document as written, each value with its position.
//===----------------------------------------------------------------------===//

namespace {

/// A value read from the document and where it was (null when written out).
template <typename T> struct Located {
  T V{};
  const char *At = nullptr;
};

template <typename T> using Opt = std::optional<Located<T>>;

struct RawLayout {
  Opt<unsigned> Args, Nr, Pages, Bytes, Offset;
  const char *At = nullptr;
};

struct RawFunction {
  Opt<std::string> Name;
  Opt<Role> R;
  Opt<RefKind> Kind;
  Opt<ReturnContract> Ret;
  std::optional<std::vector<RawLayout>> Layouts;
  Opt<bool> AllocatesArray, PinsIfWillPin, Zeroes;
  Opt<unsigned> Ptr, Count, MergedFlag;
  const char *At = nullptr;
};

struct RawConfig {
  Opt<unsigned> Version;
  std::optional<std::vector<RawFunction>> Functions;
};

constexpr unsigned FormatVersion = 1;

/// Every key of a function entry (as mapped below).
const char *const FunctionKeys[] = {
    "name",    "role",    "kind",
    "returns", "layouts", "allocates-array",
    "pins-if-will-pin",   "ptr", "count", "zeroes", "merged-flag"};

/// What is being read, and the first problem found. It is the IO context.
struct ParseState {
  StringRef Text, Path;
  yaml::Input *In = nullptr;
  std::string Error;     ///< the first problem, formatted; empty while none
  std::string ScalarMsg; ///< storage for messages of ScalarTraits::input
  StringMap<const char *> Defined; ///< function name -> where it was defined
  bool SawDocument = false;

  bool failed() const { return !Error.empty(); }

  /// Where the node being read starts.
  const char *here() const {
    const yaml::Node *N = In ? In->getCurrentNode() : nullptr;
    return N ? N->getSourceRange().Start.getPointer() : nullptr;
  }

  std::pair<unsigned, unsigned> lineCol(const char *At) const {
    if (!At || At < Text.begin() || At > Text.end())
      return {1, 1};
    size_t Off = At - Text.begin();
    StringRef Before = Text.take_front(Off);
    unsigned Line = 1 + Before.count('\n');
    size_t LineStart = Before.rfind('\n');
    unsigned Col = LineStart == StringRef::npos ? Off + 1 : Off - LineStart;
    return {Line, Col};
  }
  unsigned lineOf(const char *At) const { return lineCol(At).first; }

  /// Records Msg at (Line, Col) unless a problem is already recorded.
  void report(unsigned Line, unsigned Col, const Twine &Msg) {
    if (failed())
      return;
    std::string M = Msg.str();
    // One line, whatever the message.
    std::replace(M.begin(), M.end(), '\n', ' ');
    Error = (Path + ":" + Twine(Line) + ":" + Twine(Col) + ": " + M).str();
  }
  /// Records Msg at At; always false, for `return S.fail(...)`.
  bool fail(const char *At, const Twine &Msg) {
    auto [Line, Col] = lineCol(At);
    report(Line, Col, Msg);
    return false;
  }
};

ParseState &state(yaml::IO &IO) {
  return *static_cast<ParseState *>(IO.getContext());
}

/// LLVM's YAML diagnostics, rephrased where they are cryptic.
std::string rephrase(StringRef Msg) {
  if (Msg == "not a mapping")
    return "expected a mapping (key: value)";
  if (Msg == "not a sequence")
    return "expected a list";
  if (Msg == "unexpected scalar")
    return "expected a single value";
  if (Msg == "unknown node kind")
    return "YAML aliases (*name) are not supported";
  return Msg.str();
}

/// The end of the last token before P, skipping blanks and comments: where a
/// value that is missing (`key:` and nothing) should have been. The parser
/// places such a node at the token after it, on another line.
const char *afterPreviousToken(StringRef Text, const char *P) {
  size_t End = P - Text.begin();
  while (true) {
    size_t LineStart = Text.rfind('\n', End);
    LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
    StringRef Line = Text.slice(LineStart, End);
    // A '#' at the start or after a blank begins a comment.
    for (size_t I = 0; I < Line.size(); ++I)
      if (Line[I] == '#' && (I == 0 || Line[I - 1] == ' ' || Line[I - 1] == '\t')) {
        Line = Line.take_front(I);
        break;
      }
    Line = Line.rtrim(" \t\r");
    if (!Line.empty() || LineStart == 0)
      return Line.end();
    End = LineStart - 1; // the previous line
  }
}

/// The diagnostic handler of yaml::Input: keep the first error, one line.
void onDiagnostic(const SMDiagnostic &D, void *Ctx) {
  if (D.getKind() != SourceMgr::DK_Error)
    return;
  auto &S = *static_cast<ParseState *>(Ctx);
  std::string Msg = rephrase(D.getMessage());
  const char *At = D.getLoc().getPointer();
  // A missing value (`key:` and nothing) and an alias: the parser puts their
  // node at the token after them, often on the next line.
  bool InText = At && At >= S.Text.begin() && At <= S.Text.end();
  const yaml::Node *N = S.In ? S.In->getCurrentNode() : nullptr;
  if (InText && N && isa<yaml::NullNode>(N) &&
      N->getSourceRange().Start.getPointer() == At) {
    S.fail(afterPreviousToken(S.Text, At),
           D.getMessage() == "unexpected scalar" ? "missing value"
                                                 : "missing value (" + Msg + ")");
    return;
  }
  if (InText && D.getMessage() == "unknown node kind") {
    const char *P = afterPreviousToken(S.Text, At);
    while (P > S.Text.begin() && !isSpace(P[-1]))
      --P;
    S.fail(P, Msg);
    return;
  }
  if (D.getLineNo() > 0)
    S.report(D.getLineNo(), D.getColumnNo() + 1, Msg);
  else
    S.fail(S.here(), Msg);
}

//===----------------------------------------------------------------------===//
// Scalars.
//===----------------------------------------------------------------------===//

template <typename T> struct Codec;

template <> struct Codec<unsigned> {
  static bool parse(StringRef S, unsigned &V, std::string &Err) {
    if (!S.empty() && isDigit(S.front()) && !S.getAsInteger(10, V))
      return true;
    Err = ("expected a non-negative integer, not '" + S + "'").str();
    return false;
  }
  static void print(unsigned V, raw_ostream &OS) { OS << V; }
};

template <> struct Codec<bool> {
  static bool parse(StringRef S, bool &V, std::string &Err) {
    if (S == "true" || S == "false") {
      V = S == "true";
      return true;
    }
    Err = ("expected true or false, not '" + S + "'").str();
    return false;
  }
  static void print(bool V, raw_ostream &OS) { OS << (V ? "true" : "false"); }
};

template <> struct Codec<std::string> {
  static bool parse(StringRef S, std::string &V, std::string &) {
    V = S.str();
    return true;
  }
  static void print(const std::string &V, raw_ostream &OS) { OS << V; }
};

template <typename T, size_t N>
bool parseName(const std::pair<T, const char *> (&Names)[N], StringRef What,
               StringRef S, T &V, std::string &Err) {
  for (const auto &P : Names)
    if (S == P.second) {
      V = P.first;
      return true;
    }
  Err = ("unknown " + What + " '" + S + "' (expected one of: " +
         namesOf(Names) + ")")
            .str();
  return false;
}

template <> struct Codec<Role> {
  static bool parse(StringRef S, Role &V, std::string &Err) {
    return parseName(RoleNames, "role", S, V, Err);
  }
  static void print(Role V, raw_ostream &OS) { OS << roleName(V); }
};
template <> struct Codec<RefKind> {
  static bool parse(StringRef S, RefKind &V, std::string &Err) {
    return parseName(KindNames, "kind", S, V, Err);
  }
  static void print(RefKind V, raw_ostream &OS) { OS << kindName(V); }
};
template <> struct Codec<ReturnContract> {
  static bool parse(StringRef S, ReturnContract &V, std::string &Err) {
    return parseName(ReturnsNames, "return contract", S, V, Err);
  }
  static void print(ReturnContract V, raw_ostream &OS) { OS << returnsName(V); }
};

} // namespace
} // namespace pinpair

namespace llvm {
namespace yaml {

template <typename T> struct ScalarTraits<pinpair::Located<T>> {
  static void output(const pinpair::Located<T> &L, void *, raw_ostream &OS) {
    pinpair::Codec<T>::print(L.V, OS);
  }
  static StringRef input(StringRef S, void *Ctx, pinpair::Located<T> &L) {
    auto &St = *static_cast<pinpair::ParseState *>(Ctx);
    L.At = St.here();
    if (pinpair::Codec<T>::parse(S, L.V, St.ScalarMsg))
      return {};
    return St.ScalarMsg; // reported by yaml::Input at this value
  }
  static QuotingType mustQuote(StringRef S) { return needsQuotes(S); }
};

template <> struct MappingTraits<pinpair::RawLayout> {
  static void mapping(IO &Io, pinpair::RawLayout &L) {
    if (!Io.outputting())
      L.At = pinpair::state(Io).here();
    Io.mapOptional("args", L.Args);
    Io.mapOptional("nr", L.Nr);
    Io.mapOptional("pages", L.Pages);
    Io.mapOptional("bytes", L.Bytes);
    Io.mapOptional("offset", L.Offset);
  }
};

template <> struct MappingTraits<pinpair::RawFunction> {
  static void mapping(IO &Io, pinpair::RawFunction &F) {
    if (!Io.outputting())
      F.At = pinpair::state(Io).here();
    Io.mapOptional("name", F.Name);
    Io.mapOptional("role", F.R);
    Io.mapOptional("kind", F.Kind);
    Io.mapOptional("returns", F.Ret);
    Io.mapOptional("layouts", F.Layouts);
    Io.mapOptional("allocates-array", F.AllocatesArray);
    Io.mapOptional("pins-if-will-pin", F.PinsIfWillPin);
    Io.mapOptional("ptr", F.Ptr);
    Io.mapOptional("count", F.Count);
    Io.mapOptional("zeroes", F.Zeroes);
    Io.mapOptional("merged-flag", F.MergedFlag);
  }
  static std::string validate(IO &Io, pinpair::RawFunction &F);
};

template <> struct MappingTraits<pinpair::RawConfig> {
  static void mapping(IO &Io, pinpair::RawConfig &C);
};

} // namespace yaml
} // namespace llvm

LLVM_YAML_IS_SEQUENCE_VECTOR(pinpair::RawLayout)
LLVM_YAML_IS_SEQUENCE_VECTOR(pinpair::RawFunction)

namespace pinpair {
namespace {

//===----------------------------------------------------------------------===//
// Checks beyond the syntax.
//===----------------------------------------------------------------------===//

bool isIdentifier(StringRef S) {
  if (S.empty() || !(isAlpha(S.front()) || S.front() == '_'))
    return false;
  return all_of(S, [](char C) { return isAlnum(C) || C == '_'; });
}

bool isRelease(Role R) {
  return R == Role::ReleaseOne || R == Role::ReleaseArray ||
         R == Role::ReleaseRange;
}

/// Roles whose entry names an argument with `ptr`.
bool takesPtr(Role R) {
  return isRelease(R) || R == Role::FreeArray || R == Role::WillPinQuery ||
         R == Role::ExtraRef;
}

/// An optional key of a function entry and the roles it belongs to.
struct KeyRule {
  const char *Key;
  bool (*Allowed)(Role);
  const char *Roles; // for the message
};
const KeyRule KeyRules[] = {
    {"kind", [](Role R) { return R == Role::Acquire || isRelease(R); },
     "acquire, release-one, release-array, release-range"},
    {"returns", [](Role R) { return R == Role::Acquire; }, "acquire"},
    {"layouts", [](Role R) { return R == Role::Acquire; }, "acquire"},
    {"allocates-array", [](Role R) { return R == Role::Acquire; }, "acquire"},
    {"pins-if-will-pin", [](Role R) { return R == Role::Acquire; }, "acquire"},
    {"ptr", takesPtr,
     "release-one, release-array, release-range, free-array, will-pin-query, "
     "extra-ref"},
    {"count",
     [](Role R) { return R == Role::ReleaseArray || R == Role::ReleaseRange; },
     "release-array, release-range"},
    {"zeroes", [](Role R) { return R == Role::AllocArray; }, "alloc-array"},
    {"merged-flag", [](Role R) { return R == Role::Consumer; }, "consumer"},
};

std::string field(StringRef Key, const Located<unsigned> &L) {
  return (Key + ": " + Twine(L.V)).str();
}

bool checkLayout(ParseState &S, const RawLayout &L, ReturnContract Ret) {
  bool Bytes = Ret == ReturnContract::BytesOrErrno;
  if (!L.Args)
    return S.fail(L.At, "missing required key 'args' in layout");
  if (!L.Pages)
    return S.fail(L.At, "missing required key 'pages' in layout");
  if (!L.Nr && !Bytes)
    return S.fail(L.At, "missing required key 'nr' in layout (only "
                        "'returns: bytes-or-errno' layouts may omit it)");
  for (auto [Key, V] : {std::pair<const char *, const Opt<unsigned> *>{
                            "bytes", &L.Bytes},
                        {"offset", &L.Offset}}) {
    if (Bytes && !*V)
      return S.fail(L.At, Twine("missing required key '") + Key +
                              "' in layout (required with 'returns: "
                              "bytes-or-errno')");
    if (!Bytes && *V)
      return S.fail((*V)->At, Twine("'") + Key +
                                  "' is only allowed in a layout of "
                                  "'returns: bytes-or-errno'");
  }
  std::pair<const char *, const Opt<unsigned> *> Indices[] = {
      {"nr", &L.Nr}, {"pages", &L.Pages}, {"bytes", &L.Bytes},
      {"offset", &L.Offset}};
  for (size_t I = 0; I < std::size(Indices); ++I) {
    const Opt<unsigned> &X = *Indices[I].second;
    if (!X)
      continue;
    if (X->V >= L.Args->V)
      return S.fail(X->At, "layout index '" + field(Indices[I].first, *X) +
                               "' out of range for '" +
                               field("args", *L.Args) + "'");
    for (size_t J = 0; J < I; ++J) {
      const Opt<unsigned> &Y = *Indices[J].second;
      if (Y && Y->V == X->V)
        return S.fail(X->At, "layout indices '" + field(Indices[J].first, *Y) +
                                 "' and '" + field(Indices[I].first, *X) +
                                 "' name the same argument");
    }
  }
  return true;
}

bool checkFunction(ParseState &S, const RawFunction &F) {
  if (!F.Name)
    return S.fail(F.At, "missing required key 'name'");
  const std::string &Name = F.Name->V;
  if (Name.empty())
    return S.fail(F.Name->At, "empty function name");
  if (!isIdentifier(Name))
    return S.fail(F.Name->At,
                  "function name '" + Name + "' is not a C identifier");
  auto [It, New] = S.Defined.try_emplace(Name, F.Name->At);
  if (!New)
    return S.fail(F.Name->At, "duplicate function '" + Name +
                                  "' (first defined at line " +
                                  Twine(S.lineOf(It->second)) + ")");
  if (!F.R)
    return S.fail(F.At, "missing required key 'role' for function '" + Name +
                            "'");
  Role R = F.R->V;

  // Keys the role does not use, in the order they were written.
  const char *LayoutsAt =
      F.Layouts && !F.Layouts->empty() ? F.Layouts->front().At : F.At;
  std::vector<std::pair<const char *, const char *>> Present; // (At, key)
  auto Add = [&](const char *Key, bool Has, const char *At) {
    if (Has)
      Present.push_back({At, Key});
  };
  Add("kind", F.Kind.has_value(), F.Kind ? F.Kind->At : nullptr);
  Add("returns", F.Ret.has_value(), F.Ret ? F.Ret->At : nullptr);
  Add("layouts", F.Layouts.has_value(), LayoutsAt);
  Add("allocates-array", F.AllocatesArray.has_value(),
      F.AllocatesArray ? F.AllocatesArray->At : nullptr);
  Add("pins-if-will-pin", F.PinsIfWillPin.has_value(),
      F.PinsIfWillPin ? F.PinsIfWillPin->At : nullptr);
  Add("ptr", F.Ptr.has_value(), F.Ptr ? F.Ptr->At : nullptr);
  Add("count", F.Count.has_value(), F.Count ? F.Count->At : nullptr);
  Add("zeroes", F.Zeroes.has_value(), F.Zeroes ? F.Zeroes->At : nullptr);
  Add("merged-flag", F.MergedFlag.has_value(),
      F.MergedFlag ? F.MergedFlag->At : nullptr);
  llvm::sort(Present, [](const auto &A, const auto &B) {
    return std::less<const char *>()(A.first, B.first);
  });
  for (const auto &[At, Key] : Present)
    for (const KeyRule &Rule : KeyRules)
      if (StringRef(Rule.Key) == Key && !Rule.Allowed(R))
        return S.fail(At, Twine("'") + Key + "' is not allowed for role " +
                              roleName(R) + " (only for " + Rule.Roles + ")");

  if ((R == Role::Acquire || isRelease(R)) && !F.Kind)
    return S.fail(F.At, "'kind' is required for role " + roleName(R));

  if (R == Role::Acquire) {
    if (!F.Layouts)
      return S.fail(F.At, "'layouts' is required for role acquire");
    if (F.Layouts->empty())
      return S.fail(F.At, "'layouts' of '" + Name +
                              "' must list at least one layout");
    ReturnContract Ret = F.Ret ? F.Ret->V : ReturnContract::CountOrErrno;
    for (size_t I = 0; I < F.Layouts->size(); ++I) {
      const RawLayout &L = (*F.Layouts)[I];
      if (!checkLayout(S, L, Ret))
        return false;
      for (size_t J = 0; J < I; ++J) {
        const RawLayout &P = (*F.Layouts)[J];
        if (P.Args->V == L.Args->V && P.Pages->V == L.Pages->V)
          return S.fail(L.At, "duplicate layout for '" + field("args", *L.Args) +
                                  "', '" + field("pages", *L.Pages) +
                                  "' (first at line " + Twine(S.lineOf(P.At)) +
                                  ")");
      }
    }
  }

  if (R == Role::ReleaseArray || R == Role::ReleaseRange) {
    unsigned Ptr = F.Ptr ? F.Ptr->V : 0, Count = F.Count ? F.Count->V : 1;
    if (Ptr == Count) {
      const char *At = F.Count ? F.Count->At : F.Ptr->At;
      return S.fail(At, "'ptr: " + Twine(Ptr) + "' and 'count: " +
                            Twine(Count) + "' name the same argument");
    }
  }
  return true;
}

ApiFunction toFunction(const RawFunction &F) {
  ApiFunction A{F.Name->V, F.R->V};
  if (F.Kind)
    A.Kind = F.Kind->V;
  if (F.Ret)
    A.Ret = F.Ret->V;
  if (F.Layouts)
    for (const RawLayout &L : *F.Layouts) {
      AcquireLayout AL{L.Args->V, L.Nr ? L.Nr->V : NoArg, L.Pages->V};
      if (L.Bytes)
        AL.BytesArg = L.Bytes->V;
      if (L.Offset)
        AL.OffsetArg = L.Offset->V;
      A.Layouts.push_back(AL);
    }
  A.AllocatesArray = F.AllocatesArray && F.AllocatesArray->V;
  A.PinsIfWillPin = F.PinsIfWillPin && F.PinsIfWillPin->V;
  if (F.Ptr)
    A.PtrArg = F.Ptr->V;
  // Every release has a count argument slot (1 unless told), as the C++ table
  // this format replaced had; release-one never reads it.
  if (isRelease(A.R))
    A.CountArg = F.Count ? F.Count->V : 1;
  A.Zeroes = F.Zeroes && F.Zeroes->V;
  if (F.MergedFlag)
    A.MergedFlagArg = F.MergedFlag->V;
  return A;
}

} // namespace
} // namespace pinpair

std::string llvm::yaml::MappingTraits<pinpair::RawFunction>::validate(
    IO &Io, pinpair::RawFunction &F) {
  if (Io.outputting())
    return {};
  pinpair::ParseState &S = pinpair::state(Io);
  if (S.failed())
    return {};
  // A misspelt key is the better message; endMapping() reports it next.
  for (StringRef Key : Io.keys())
    if (!is_contained(pinpair::FunctionKeys, Key))
      return {};
  if (pinpair::checkFunction(S, F))
    return {};
  return S.Error; // stops yaml::Input; S keeps the message with its position
}

void llvm::yaml::MappingTraits<pinpair::RawConfig>::mapping(
    IO &Io, pinpair::RawConfig &C) {
  pinpair::ParseState &S = pinpair::state(Io);
  if (!S.In->getCurrentNode())
    return; // no document at all
  S.SawDocument = true;
  const char *At = S.here();
  Io.mapOptional("version", C.Version);
  if (S.failed())
    return;
  if (!C.Version) {
    S.fail(At, "missing required key 'version' (this pinpair reads version " +
                   Twine(pinpair::FormatVersion) + ")");
    Io.setError(S.Error);
    return;
  }
  if (C.Version->V != pinpair::FormatVersion) {
    S.fail(C.Version->At, "unsupported version " + Twine(C.Version->V) +
                              " (this pinpair reads version " +
                              Twine(pinpair::FormatVersion) + ")");
    Io.setError(S.Error);
    return;
  }
  Io.mapOptional("functions", C.Functions);
}

namespace pinpair {

//===----------------------------------------------------------------------===//
// ApiTable.
//===----------------------------------------------------------------------===//

static Error configError(const Twine &Msg) {
  return make_error<StringError>(Msg, std::make_error_code(std::errc::invalid_argument));
}

Expected<std::unique_ptr<ApiTable>> ApiTable::parse(StringRef Text,
                                                    StringRef Path) {
  ParseState S;
  S.Text = Text;
  S.Path = Path;
  RawConfig Config;
  {
    yaml::Input In(Text, &S, onDiagnostic, &S);
    S.In = &In;
    In >> Config;
    if (!S.failed() && In.error())
      S.fail(S.here(), "invalid config"); // an error LLVM did not describe
    if (!S.failed() && S.SawDocument && In.nextDocument() &&
        In.setCurrentDocument())
      S.fail(S.here(), "more than one YAML document (only one is read)");
    S.In = nullptr;
  }
  if (!S.failed() && !S.SawDocument)
    S.fail(Text.begin(), "empty config (expected 'version: " +
                             Twine(FormatVersion) + "' and 'functions:')");
  if (S.failed())
    return configError(S.Error);

  auto Table = std::make_unique<ApiTable>();
  if (Config.Functions)
    for (const RawFunction &F : *Config.Functions)
      Table->put(toFunction(F));
  return Table;
}

Expected<std::unique_ptr<ApiTable>> ApiTable::load(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return make_error<StringError>(Path + ": cannot read config: " +
                                       Buf.getError().message(),
                                   Buf.getError());
  return parse((*Buf)->getBuffer(), Path);
}

const ApiFunction *ApiTable::lookup(StringRef Name) const {
  auto It = Index.find(Name);
  return It == Index.end() ? nullptr : &Functions[It->second];
}

void ApiTable::put(const ApiFunction &F) {
  auto [It, New] = Index.try_emplace(F.Name, Functions.size());
  if (New)
    Functions.push_back(F);
  else
    Functions[It->second] = F;
  Functions[It->second].Name = It->getKey(); // owned by this table
}

void ApiTable::overlay(const ApiTable &Other) {
  for (const ApiFunction &F : Other.Functions)
    put(F);
}

std::string ApiTable::toYAML() const {
  std::string Out;
  raw_string_ostream OS(Out);
  OS << "version: " << FormatVersion << "\nfunctions:\n";
  for (const ApiFunction &F : Functions) {
    // Names are C identifiers (parse() checks it): never quoted.
    OS << "  - name: " << F.Name << "\n    role: " << roleName(F.R) << "\n";
    bool Acquire = F.R == Role::Acquire;
    if (Acquire || F.isRelease())
      OS << "    kind: " << kindName(F.Kind) << "\n";
    if (Acquire && F.Ret != ReturnContract::CountOrErrno)
      OS << "    returns: " << returnsName(F.Ret) << "\n";
    if (Acquire) {
      OS << "    layouts:\n";
      for (const AcquireLayout &L : F.Layouts) {
        OS << "      - {args: " << L.NumArgs;
        if (L.NrArg != NoArg)
          OS << ", nr: " << L.NrArg;
        OS << ", pages: " << L.PagesArg;
        if (L.BytesArg != NoArg)
          OS << ", bytes: " << L.BytesArg;
        if (L.OffsetArg != NoArg)
          OS << ", offset: " << L.OffsetArg;
        OS << "}\n";
      }
      if (F.AllocatesArray)
        OS << "    allocates-array: true\n";
      if (F.PinsIfWillPin)
        OS << "    pins-if-will-pin: true\n";
    }
    if (takesPtr(F.R))
      if (F.PtrArg != 0)
        OS << "    ptr: " << F.PtrArg << "\n";
    if ((F.R == Role::ReleaseArray || F.R == Role::ReleaseRange) &&
        F.CountArg != 1)
      OS << "    count: " << F.CountArg << "\n";
    if (F.R == Role::AllocArray && F.Zeroes)
      OS << "    zeroes: true\n";
    if (F.R == Role::Consumer && F.MergedFlagArg != NoArg)
      OS << "    merged-flag: " << F.MergedFlagArg << "\n";
  }
  return Out;
}

Expected<std::unique_ptr<ApiTable>>
loadTableWithConfigs(ArrayRef<std::string> Paths) {
  std::vector<std::unique_ptr<ApiTable>> Configs;
  for (const std::string &P : Paths) {
    auto T = ApiTable::load(P);
    if (!T)
      return T.takeError();
    Configs.push_back(std::move(*T));
  }
  auto Table = std::make_unique<ApiTable>();
  Table->overlay(builtinTable());
  for (const auto &C : Configs)
    Table->overlay(*C);
  return Table;
}

} // namespace pinpair
