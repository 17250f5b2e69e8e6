#!/usr/bin/env bash
# What transparent huge pages for the workers' malloc save: pinpair's workers
# run with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 unless the variable sets
# that tunable already (lib/driver/Scheduler.h). This runs `pinpair check
# --jobs 1` on each TU of a sample twice, with the default and with
# glibc.malloc.hugetlb=0, back to back in alternating order, and reports the
# ratio default / off per TU and over all (wall and CPU time of the run,
# minor page faults). Only ratios are results; the findings must be equal.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"

usage() {
    cat <<EOF
Usage: $(basename "$0") [options]

Options:
  -d, --db PATH       compilation database (default: \$PINPAIR_KERNEL_DIR/compile_commands.gup.json,
                      PINPAIR_KERNEL_DIR defaulting to /var/tmp/pinpair-kernel)
  -n, --sample N      TUs, evenly spread over the database (default: 8)
  -r, --repeat R      pairs of runs per TU (default: 2)
  -o, --out DIR       output dir, emptied first (default: \$PINPAIR_KERNEL_DIR/hugepages-bench)
      --pinpair PATH  pinpair binary (default: $REPO/build/tools/pinpair/pinpair)
  -h, --help          this text
EOF
}

die() { echo "hugepages: $*" >&2; exit 2; }

DB="$KDIR/compile_commands.gup.json"
SAMPLE=8
REPEAT=2
OUT="$KDIR/hugepages-bench"
PINPAIR="$REPO/build/tools/pinpair/pinpair"
while [[ $# -gt 0 ]]; do
    case "$1" in
        -d|--db) DB="$2"; shift 2 ;;
        -n|--sample) SAMPLE="$2"; shift 2 ;;
        -r|--repeat) REPEAT="$2"; shift 2 ;;
        -o|--out) OUT="$2"; shift 2 ;;
        --pinpair) PINPAIR="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$SAMPLE" =~ ^[1-9][0-9]*$ ]] || die "bad --sample: $SAMPLE"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "bad --repeat: $REPEAT"
# shellcheck source=../lib/ensure-pkgs.sh
source "$HERE/../lib/ensure-pkgs.sh"
ensure_pkgs time python3
[[ -f "$DB" ]] || die "no compilation database $DB (run scripts/kernel/prepare-tree.sh, or --db PATH)"
[[ -x "$PINPAIR" ]] || die "no pinpair binary at $PINPAIR (ninja -C build pinpair, or --pinpair PATH)"

rm -rf "$OUT"
mkdir -p "$OUT/tu"
# One single-entry database per sampled TU (pinpair check -p takes a directory).
python3 - "$DB" "$SAMPLE" "$OUT/tu" <<'PY'
import json, os, sys
db, n, out = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
db = sorted((e for e in db if e["file"].endswith(".c")), key=lambda e: e["file"])
step = max(1, len(db) / n)
for i in range(min(n, len(db))):
    d = os.path.join(out, "%03d" % i)
    os.makedirs(d)
    json.dump([db[int(i * step)]], open(os.path.join(d, "compile_commands.json"), "w"))
PY

thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)
echo "transparent_hugepage: $thp; glibc: $(ldd --version 2>/dev/null | head -1)" > "$OUT/env.txt"

run() { # dir side
    local t=""
    [[ $2 == off ]] && t="glibc.malloc.hugetlb=0"
    /usr/bin/time -f "%e %U %S %R" -o "$OUT/time.txt" \
        env GLIBC_TUNABLES="$t" "$PINPAIR" check -p "$1" --jobs 1 --no-config --no-progress \
        --format=json > "$OUT/$(basename "$1").$2.json" 2> /dev/null || true
    echo "$(basename "$1") $2 $(tail -1 "$OUT/time.txt")" >> "$OUT/runs.txt"
}
: > "$OUT/runs.txt"
i=0
for d in "$OUT"/tu/*; do
    for (( r = 0; r < REPEAT; r++ )); do
        if (( (i + r) % 2 )); then run "$d" default; run "$d" off
        else run "$d" off; run "$d" default; fi
    done
    cmp -s "$OUT/$(basename "$d").default.json" "$OUT/$(basename "$d").off.json" \
        || echo "$(basename "$d") findings differ" >> "$OUT/runs.txt"
    i=$((i + 1))
done

python3 - "$OUT" <<'PY' | tee "$OUT/summary.txt"
import collections, os, statistics, sys
out = sys.argv[1]
print(open(os.path.join(out, "env.txt")).read().strip())
runs = collections.defaultdict(lambda: collections.defaultdict(list))
differ = []
for line in open(os.path.join(out, "runs.txt")):
    f = line.split()
    if f[1:] == ["findings", "differ"]:
        differ.append(f[0]); continue
    tu, side, wall, user, sys_, minflt = f[0], f[1], *map(float, f[2:6])
    runs[tu][side].append((wall, user + sys_, minflt))
def total(side, k):
    return sum(statistics.mean(x[k] for x in runs[t][side]) for t in runs)
print(f"{len(runs)} TUs, pinpair check --jobs 1, default (huge pages) vs glibc.malloc.hugetlb=0")
print(f"{'TU':>5} {'wall ratio':>11} {'cpu ratio':>10} {'faults ratio':>13}")
for t in sorted(runs):
    r = [statistics.mean(x[k] for x in runs[t]["default"]) / statistics.mean(x[k] for x in runs[t]["off"])
         for k in range(3)]
    print(f"{t:>5} {r[0]:11.3f} {r[1]:10.3f} {r[2]:13.3f}")
print(f"total {total('default', 0) / total('off', 0):11.3f} {total('default', 1) / total('off', 1):10.3f} "
      f"{total('default', 2) / total('off', 2):13.3f}")
print("findings identical on all TUs" if not differ else "FINDINGS DIFFER: " + ", ".join(differ))
PY
