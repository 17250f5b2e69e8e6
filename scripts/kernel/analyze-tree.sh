#!/usr/bin/env bash
# Run the clang static analyzer with the pinpair plugin (linux.gup.*) on
# every TU of a kernel compilation database (by default the GUP-only one
# written by prepare-tree.sh), in parallel, and summarise the result:
# TUs analysed, TUs that failed (clang error, crash, timeout), and every
# linux.gup warning, sorted, with a count per checker.
#
# Each compile command is converted by analyzer-commands.py (same dir):
# kernel flags kept, -c/-o/dependency flags dropped, --analyze + plugin +
# checkers added.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"

usage() {
    cat <<EOF
Usage: $(basename "$0") [options] [-- extra analyzer args...]

Options:
  -p, --plugin PATH     checker plugin (default: $REPO/build/checker/PinpairPlugin.so)
      --no-plugin       no plugin, no linux.gup: clang's default checkers only
                        (to check the command conversion, or as a baseline)
  -c, --checkers LIST   checkers/packages to enable, comma-separated (default: linux.gup;
                        ignored with --no-plugin unless given explicitly)
  -d, --db PATH         compilation database (default: \$PINPAIR_KERNEL_DIR/compile_commands.gup.json,
                        PINPAIR_KERNEL_DIR defaulting to /var/tmp/pinpair-kernel)
  -o, --out DIR         output dir, emptied first (default: \$PINPAIR_KERNEL_DIR/pinpair-analysis)
  -j, --jobs N          TUs analysed in parallel (default: 2)
  -n, --subset N        only N TUs, evenly spread over the database (quick run)
  -t, --timeout SEC     per-TU time limit, 0 for none (default: 1800)
  -X, --extra ARG       extra argument for every analyzer command (repeatable); arguments
                        after -- are added too, e.g. -- -Xclang -analyzer-config -Xclang k=v
  -r, --report REGEX    warnings to list: ERE matched against the warning's [tag]
                        (default: linux\.gup\..*)
      --clang PATH      clang binary (default: /usr/lib/llvm-19/bin/clang)
      --summary-only    do not analyse: summarise the earlier run in the output dir again
                        (e.g. with another --report)
  -h, --help            this text

Output dir: commands.tsv (dir, file, command per TU), tu/<file>.log (clang output),
tu/<file>.rc (exit status), tu/<file>.sec (wall seconds), warnings.txt, summary.txt.
Exit status: 0 when every TU was analysed, 1 when some failed, 2 on bad usage.
EOF
}

PLUGIN="$REPO/build/checker/PinpairPlugin.so"
USE_PLUGIN=1
CHECKERS=""
DB="$KDIR/compile_commands.gup.json"
OUT="$KDIR/pinpair-analysis"
JOBS=2
SUBSET=0
TIMEOUT=1800
EXTRA=()
REPORT='linux\.gup\..*'
CLANG=/usr/lib/llvm-19/bin/clang
SUMMARY_ONLY=0

while [[ $# -gt 0 ]]; do
    case "$1" in
        -p|--plugin) PLUGIN="$2"; shift 2 ;;
        --no-plugin) USE_PLUGIN=0; shift ;;
        -c|--checkers) CHECKERS="$2"; shift 2 ;;
        -d|--db) DB="$2"; shift 2 ;;
        -o|--out) OUT="$2"; shift 2 ;;
        -j|--jobs) JOBS="$2"; shift 2 ;;
        -n|--subset) SUBSET="$2"; shift 2 ;;
        -t|--timeout) TIMEOUT="$2"; shift 2 ;;
        -X|--extra) EXTRA+=("$2"); shift 2 ;;
        -r|--report) REPORT="$2"; shift 2 ;;
        --clang) CLANG="$2"; shift 2 ;;
        --summary-only) SUMMARY_ONLY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; EXTRA+=("$@"); break ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

for v in JOBS SUBSET TIMEOUT; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "bad value for $v: ${!v}" >&2; exit 2; }
done
(( JOBS >= 1 )) || JOBS=1
# shellcheck source=../lib/ensure-pkgs.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/ensure-pkgs.sh"
ensure_pkgs clang-19 python3 coreutils
if (( ! SUMMARY_ONLY )); then
    [[ -f "$DB" ]] || { echo "no database $DB (run scripts/kernel/prepare-tree.sh)" >&2; exit 2; }
    [[ -x "$CLANG" ]] || { echo "no clang at $CLANG (apt-get install clang-19)" >&2; exit 2; }
fi

if (( SUMMARY_ONLY )); then
    # Re-summarise an earlier run (e.g. with another --report) without analysing.
    [[ -f "$OUT/commands.tsv" ]] || { echo "no earlier run in $OUT" >&2; exit 2; }
    OUT=$(cd "$OUT" && pwd)
    total=$(wc -l < "$OUT/commands.tsv")
    elapsed="-"
else
    conv=(python3 "$HERE/analyzer-commands.py" --db "$DB" --clang "$CLANG" --subset "$SUBSET")
    if (( USE_PLUGIN )); then
        [[ -f "$PLUGIN" ]] || { echo "no plugin at $PLUGIN (build it, or use --no-plugin)" >&2; exit 2; }
        PLUGIN=$(cd "$(dirname "$PLUGIN")" && pwd)/$(basename "$PLUGIN")  # commands run in the tree dir
        conv+=(--plugin "$PLUGIN" --checkers "${CHECKERS:-linux.gup}")
    elif [[ -n "$CHECKERS" ]]; then
        conv+=(--checkers "$CHECKERS")
    fi
    for a in "${EXTRA[@]}"; do conv+=("--extra=$a"); done

    rm -rf "$OUT/tu"
    mkdir -p "$OUT/tu"
    OUT=$(cd "$OUT" && pwd)
    "${conv[@]}" > "$OUT/commands.tsv"
    total=$(wc -l < "$OUT/commands.tsv")
    echo "database: $DB"$'\n'"plugin: $( ((USE_PLUGIN)) && echo "$PLUGIN" || echo none)" \
         " checkers: $( ((USE_PLUGIN)) && echo "${CHECKERS:-linux.gup}" || echo "${CHECKERS:-default}")" \
         " extra: ${EXTRA[*]:-none}" > "$OUT/run.info"
    echo "[analyze-tree] $total TUs from $DB, -j$JOBS, output in $OUT" >&2

    # One TU: run its command in its directory, keep output, status and time.
    run_one() {
        local line=$1 dir file cmd base rc t0 t1
        IFS=$'\t' read -r dir file cmd <<< "$line"
        base="$OUT/tu/${file//\//__}"
        t0=$(date +%s%N)
        rc=0
        if (( TIMEOUT > 0 )); then
            (cd "$dir" && timeout "$TIMEOUT" bash -c "$cmd") > "$base.log" 2>&1 || rc=$?
        else
            (cd "$dir" && bash -c "$cmd") > "$base.log" 2>&1 || rc=$?
        fi
        t1=$(date +%s%N)
        echo "$rc" > "$base.rc"
        echo "$(( (t1 - t0) / 1000000 ))" | awk '{ printf "%.2f\n", $1 / 1000 }' > "$base.sec"
        printf '[analyze-tree] %-7s %6ss %s\n' "$([[ $rc == 0 ]] && echo ok || echo "rc=$rc")" \
            "$(cat "$base.sec")" "$file" >&2
    }
    export -f run_one
    export OUT TIMEOUT

    start=$(date +%s)
    # xargs -d '\n': each line is one argument, taken literally (no quote processing).
    # shellcheck disable=SC2016  # $1 is expanded by the inner bash
    xargs -d '\n' -P "$JOBS" -n 1 bash -c 'run_one "$1"' _ < "$OUT/commands.tsv" || true
    elapsed="$(( $(date +%s) - start ))s"
fi

# ---------------------------------------------------------------- summary
ok=0; errors=(); crashes=(); timeouts=()
while IFS=$'\t' read -r dir file cmd; do
    base="$OUT/tu/${file//\//__}"
    rc=$(cat "$base.rc" 2>/dev/null || echo missing)
    if [[ "$rc" == 0 ]]; then
        ok=$((ok + 1))
    elif [[ "$rc" == 124 ]]; then
        timeouts+=("$file")
    elif [[ "$rc" == missing ]] || (( rc >= 128 )) ||
         grep -qE 'PLEASE submit a bug report|command failed due to signal' "$base.log"; then
        crashes+=("$file")
    else
        errors+=("$file")
    fi
done < "$OUT/commands.tsv"

# Warning lines: "file:line:col: warning: message [tag]"; the same header
# warning reached from several TUs is listed once. Paths are normalised:
# Kbuild spells headers "./include/..." and compiles some files through
# another directory (arch/x86/kvm/../../../virt/kvm/kvm_main.c).
WARN_RE="^[^ :]+:[0-9]+:[0-9]+: warning: .* \\[($REPORT)\\]\$"
{ grep -hE "$WARN_RE" "$OUT"/tu/*.log 2>/dev/null || true; } |
    python3 -c 'import os, sys
for l in sys.stdin:
    f, rest = l.split(":", 1)
    sys.stdout.write(os.path.normpath(f) + ":" + rest)' | sort -u |
    sort -s -t: -k1,1 -k2,2n -k3,3n > "$OUT/warnings.txt"

{
    echo "== pinpair analysis: $OUT"
    cat "$OUT/run.info" 2>/dev/null || true
    echo "TUs: $total  analysed: $ok  failed: $(( ${#errors[@]} + ${#crashes[@]} + ${#timeouts[@]} ))" \
         "(errors: ${#errors[@]}, crashes: ${#crashes[@]}, timeouts: ${#timeouts[@]})  wall: ${elapsed}"
    for f in "${errors[@]}"; do echo "  error:   $f ($OUT/tu/${f//\//__}.log)"; done
    for f in "${crashes[@]}"; do echo "  crash:   $f ($OUT/tu/${f//\//__}.log)"; done
    for f in "${timeouts[@]}"; do echo "  timeout: $f"; done
    echo "warnings ($(wc -l < "$OUT/warnings.txt")):"
    cat "$OUT/warnings.txt"
    echo "per checker:"
    sed -E 's/.*\[([^]]*)\]$/\1/' "$OUT/warnings.txt" | sort | uniq -c | sort -k1,1nr -k2 |
        awk '{ printf "  %6d %s\n", $1, $2 }'
} | tee "$OUT/summary.txt"

(( ${#errors[@]} + ${#crashes[@]} + ${#timeouts[@]} == 0 ))
