#!/usr/bin/env bash
# Cost of the pinpair plugin on real kernel code: for the GUP TUs of a
# compilation database (prepare-tree.sh's compile_commands.gup.json), the
# wall time and peak RSS of `clang --analyze` with clang's default checkers
# (baseline) versus the same with the plugin loaded and linux.gup enabled
# in addition (plugin).
#
# Only ratios are reported as results: both configurations are measured in
# the same run, on the same machine, one TU at a time (-j1: parallel runs
# on a shared 2-core machine would mostly measure each other), and the two
# runs of a TU are back to back, in alternating order (baseline first for
# even TUs, plugin first for odd ones), so that drift and cache warm-up hit
# both sides alike. Absolute seconds are printed for information only and
# must not be compared across machines or runs.
#
# Without a plugin (--no-plugin) both sides are the baseline: the ratio then
# shows the measurement noise, which bounds what a plugin ratio can tell.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"
CONVERT="$REPO/scripts/kernel/analyzer-commands.py"

usage() {
    cat <<EOF
Usage: $(basename "$0") [options] [-- extra analyzer args for the plugin side...]

Options:
  -p, --plugin PATH    checker plugin (default: $REPO/build/checker/PinpairPlugin.so)
      --no-plugin      measure baseline against baseline (noise estimate)
  -c, --checkers LIST  checkers enabled on the plugin side (default: linux.gup)
  -d, --db PATH        compilation database (default: \$PINPAIR_KERNEL_DIR/compile_commands.gup.json,
                       PINPAIR_KERNEL_DIR defaulting to /var/tmp/pinpair-kernel)
  -n, --subset N       only N TUs, evenly spread over the database (quick run; default: all)
  -w, --warmup N       unmeasured runs of the first TU before measuring (default: 1)
  -o, --out FILE       per-TU results as TSV (default: \$PINPAIR_KERNEL_DIR/pinpair-analysis-cost.tsv)
      --max-ratio R    exit 1 when the total wall-time ratio exceeds R (default: no check)
      --clang PATH     clang binary (default: /usr/lib/llvm-19/bin/clang)
  -h, --help           this text

Peak RSS and wall time come from /usr/bin/time -f '%e %M' (GNU time; no perf).
EOF
}

PLUGIN="$REPO/build/checker/PinpairPlugin.so"
USE_PLUGIN=1
CHECKERS=linux.gup
DB="$KDIR/compile_commands.gup.json"
SUBSET=0
WARMUP=1
RESULTS=""
MAX_RATIO=""
CLANG=/usr/lib/llvm-19/bin/clang
EXTRA=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        -p|--plugin) PLUGIN="$2"; shift 2 ;;
        --no-plugin) USE_PLUGIN=0; shift ;;
        -c|--checkers) CHECKERS="$2"; shift 2 ;;
        -d|--db) DB="$2"; shift 2 ;;
        -n|--subset) SUBSET="$2"; shift 2 ;;
        -w|--warmup) WARMUP="$2"; shift 2 ;;
        -o|--out) RESULTS="$2"; shift 2 ;;
        --max-ratio) MAX_RATIO="$2"; shift 2 ;;
        --clang) CLANG="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

[[ "$SUBSET" =~ ^[0-9]+$ && "$WARMUP" =~ ^[0-9]+$ ]] || { echo "bad --subset/--warmup" >&2; exit 2; }
[[ -z "$MAX_RATIO" || "$MAX_RATIO" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "bad --max-ratio" >&2; exit 2; }

# shellcheck source=../lib/ensure-pkgs.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/ensure-pkgs.sh"
# time: GNU time for wall and peak RSS (the bash keyword has no peak RSS).
ensure_pkgs clang-19 python3 time
[[ -f "$DB" ]] || { echo "no database $DB (run scripts/kernel/prepare-tree.sh)" >&2; exit 2; }
[[ -x "$CLANG" ]] || { echo "no clang at $CLANG (apt-get install clang-19)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n "$RESULTS" ]] || RESULTS="$KDIR/pinpair-analysis-cost.tsv"

base=(python3 "$CONVERT" --db "$DB" --clang "$CLANG" --subset "$SUBSET")
"${base[@]}" > "$work/a.tsv"
if (( USE_PLUGIN )); then
    [[ -f "$PLUGIN" ]] || { echo "no plugin at $PLUGIN (build it, or use --no-plugin)" >&2; exit 2; }
    PLUGIN=$(cd "$(dirname "$PLUGIN")" && pwd)/$(basename "$PLUGIN")
    bcmd=("${base[@]}" --plugin "$PLUGIN" --checkers "$CHECKERS")
    for a in "${EXTRA[@]}"; do bcmd+=("--extra=$a"); done
    "${bcmd[@]}" > "$work/b.tsv"
    bname=plugin
else
    cp "$work/a.tsv" "$work/b.tsv"
    bname=baseline2
fi
n=$(wc -l < "$work/a.tsv")
(( n > 0 )) || { echo "empty database" >&2; exit 2; }

# run LINE -> prints "rc seconds maxrss_kb"
run() {
    local dir file cmd rc=0
    IFS=$'\t' read -r dir file cmd <<< "$1"
    (cd "$dir" && /usr/bin/time -f '%e %M' -o "$work/time" bash -c "$cmd" < /dev/null) \
        > /dev/null 2> "$work/stderr" || rc=$?
    echo "$rc $(tail -n 1 "$work/time")"
}

echo "[analysis-cost] $n TUs, sequential; baseline vs $bname" >&2
for (( i = 0; i < WARMUP; i++ )); do
    run "$(head -n 1 "$work/a.tsv")" > /dev/null
done

printf 'file\tbaseline_rc\tbaseline_s\tbaseline_kb\t%s_rc\t%s_s\t%s_kb\n' "$bname" "$bname" "$bname" > "$RESULTS"
start=$(date +%s)
i=0
while IFS= read -r la && IFS= read -r lb <&3; do
    file=$(cut -f2 <<< "$la")
    if (( i % 2 == 0 )); then
        ra=$(run "$la"); rb=$(run "$lb")
    else
        rb=$(run "$lb"); ra=$(run "$la")
    fi
    read -r arc as akb <<< "$ra"
    read -r brc bs bkb <<< "$rb"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$arc" "$as" "$akb" "$brc" "$bs" "$bkb" >> "$RESULTS"
    i=$((i + 1))
    printf '[analysis-cost] %3d/%d %6.2fs %6.2fs %s\n' "$i" "$n" "$as" "$bs" "$file" >&2
done < "$work/a.tsv" 3< "$work/b.tsv"
elapsed=$(( $(date +%s) - start ))

# Totals over the TUs that both sides analysed successfully.
python3 - "$RESULTS" "$bname" "$elapsed" "${MAX_RATIO:-}" <<'PY'
import csv, statistics, sys
path, bname, elapsed, max_ratio = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = list(csv.DictReader(open(path), delimiter="\t"))
ok = [r for r in rows if r["baseline_rc"] == "0" and r[bname + "_rc"] == "0"]
bad = [r["file"] for r in rows if r not in ok]
if not ok:
    print("no TU analysed successfully on both sides"); sys.exit(1)
ta = sum(float(r["baseline_s"]) for r in ok)
tb = sum(float(r[bname + "_s"]) for r in ok)
ma = max(int(r["baseline_kb"]) for r in ok)
mb = max(int(r[bname + "_kb"]) for r in ok)
per = sorted(((float(r[bname + "_s"]) / max(float(r["baseline_s"]), 0.01), r["file"]) for r in ok),
             reverse=True)
rss = [int(r[bname + "_kb"]) / max(int(r["baseline_kb"]), 1) for r in ok]
print(f"== analysis cost: {len(rows)} TUs, {len(ok)} measured on both sides "
      f"(excluded, failed on a side: {len(bad)}), run took {elapsed}s")
for f in bad:
    print(f"  excluded: {f}")
print(f"baseline:   wall {ta:9.2f} s   max peak RSS {ma / 1024:7.1f} MiB")
print(f"{bname + ':':11} wall {tb:9.2f} s   max peak RSS {mb / 1024:7.1f} MiB")
ratio = tb / ta if ta else float("nan")
print(f"ratio {bname}/baseline: wall {ratio:.3f}  (per-TU median {statistics.median(p for p, _ in per):.3f}, "
      f"max {per[0][0]:.3f} {per[0][1]})")
print(f"ratio {bname}/baseline: max peak RSS {mb / ma:.3f}  (per-TU median {statistics.median(rss):.3f})")
print("slowest-ratio TUs: " + ", ".join(f"{f} {p:.2f}" for p, f in per[:5]))
print(f"per-TU results: {path}")
if max_ratio and ratio > float(max_ratio):
    print(f"FAIL: wall ratio {ratio:.3f} > {max_ratio}")
    sys.exit(1)
PY
