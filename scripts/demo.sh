#!/usr/bin/env bash
# Installs what is missing, builds, and runs the pinpair command over the
# bundled example corpus (examples/corpus) through a compilation database,
# the way it runs on a kernel tree: clang-style findings with their note
# trails, then the run's summary.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="${PINPAIR_BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/build.sh"
PINPAIR="$BUILD/tools/pinpair/pinpair"
CORPUS="$ROOT/examples/corpus"

# The corpus's compile_commands.json, as a kernel build writes one.
DB="$BUILD/examples-corpus"
mkdir -p "$DB"
{
  echo "["
  sep=""
  for f in "$CORPUS"/drivers/*.c; do
    printf '%s  {"directory": "%s", "file": "%s", "arguments": ["clang", "--target=x86_64-linux-gnu", "-I", "%s", "-c", "%s", "-o", "/dev/null"]}' \
      "$sep" "$ROOT" "${f#$ROOT/}" "$ROOT/lib/refmodel/include" "${f#$ROOT/}"
    sep=$',\n'
  done
  echo
  echo "]"
} > "$DB/compile_commands.json"

# Exit 1 means "findings": that is what the demo is for.
status=0
"$PINPAIR" check -p "$DB" --no-progress || status=$?
[ "$status" -le 1 ] || exit "$status"
exit 0
