#!/usr/bin/env bash
# Installs what is missing, builds, and runs the linux.gup checkers over the
# bundled example corpus (examples/corpus), printing the findings the way
# clang does, with their note trails.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="${PINPAIR_BUILD_DIR:-$ROOT/build}"
LLVM_MAJOR="${PINPAIR_LLVM_MAJOR:-19}"
CLANG="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang"
"$ROOT/scripts/build.sh"
PLUGIN="$BUILD/checker/PinpairPlugin.so"
CORPUS="$ROOT/examples/corpus"

status=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for f in "$CORPUS"/drivers/*.c; do
  "$CLANG" --analyze --target=x86_64-linux-gnu -fplugin="$PLUGIN" \
    -Xclang -analyzer-checker=linux.gup -Xclang -analyzer-output=text \
    -I "$ROOT/lib/refmodel/include" "$f" -o /dev/null 2>>"$out" || status=1
done
sed "s|$ROOT/||" "$out"
echo
echo "pinpair demo: $(ls "$CORPUS"/drivers/*.c | wc -l) files analysed;" \
     "findings per checker:"
grep -oE '\[linux\.gup\.[A-Za-z]+\]$' "$out" | sort | uniq -c || echo "   none"
exit $status
