#!/usr/bin/env bash
# The default pinpair run against the parse of the same TUs: the sum of
# `clang -fsyntax-only` per-TU times at --jobs N (the commands of
# scripts/kernel/analyzer-commands.py) against the sum of the per-TU seconds
# of `pinpair check --jobs N` (--results: prefilter, worker, its parse), and
# the wall times of both. With --other PATH, a second pinpair binary (an
# older build) is measured in the same rounds, and its findings compared.
#
# Rounds alternate the order (parse, pinpair, other; then other, pinpair,
# parse; ...) so that drift on a shared machine hits every side alike. Only
# ratios are results; absolute seconds are printed for information.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"

usage() {
    cat <<EOF
Usage: $(basename "$0") [options]

Options:
  -d, --db PATH       compilation database (default: \$PINPAIR_KERNEL_DIR/compile_commands.gup.json,
                      the GUP TUs scripts/kernel/prepare-tree.sh selects)
  -j, --jobs N        parallel TUs on both sides (default: 2)
  -r, --rounds R      rounds (default: 2)
      --other PATH    a second pinpair binary to measure in the same rounds
  -o, --out DIR       output dir, emptied first (default: \$PINPAIR_KERNEL_DIR/against-parse)
      --pinpair PATH  pinpair binary (default: $REPO/build/tools/pinpair/pinpair)
      --clang PATH    clang binary (default: /usr/lib/llvm-19/bin/clang)
  -h, --help          this text

The 95 GUP TUs of a 6.1 allmodconfig take about 5 minutes per round and binary.
EOF
}

die() { echo "against-parse: $*" >&2; exit 2; }
log() { printf '[against-parse] %s\n' "$*" >&2; }

DB="$KDIR/compile_commands.gup.json"
JOBS=2
ROUNDS=2
OTHER=""
OUT="$KDIR/against-parse"
PINPAIR="$REPO/build/tools/pinpair/pinpair"
CLANG=/usr/lib/llvm-19/bin/clang
while [[ $# -gt 0 ]]; do
    case "$1" in
        -d|--db) DB="$2"; shift 2 ;;
        -j|--jobs) JOBS="$2"; shift 2 ;;
        -r|--rounds) ROUNDS="$2"; shift 2 ;;
        --other) OTHER="$2"; shift 2 ;;
        -o|--out) OUT="$2"; shift 2 ;;
        --pinpair) PINPAIR="$2"; shift 2 ;;
        --clang) CLANG="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "bad --jobs: $JOBS"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "bad --rounds: $ROUNDS"
# shellcheck source=../lib/ensure-pkgs.sh
source "$HERE/../lib/ensure-pkgs.sh"
ensure_pkgs time python3 clang-19
[[ -f "$DB" ]] || die "no compilation database $DB (run scripts/kernel/prepare-tree.sh, or --db PATH)"
[[ -x "$PINPAIR" ]] || die "no pinpair binary at $PINPAIR"
[[ -z "$OTHER" || -x "$OTHER" ]] || die "no pinpair binary at $OTHER"

rm -rf "$OUT"
mkdir -p "$OUT/db"
cp "$DB" "$OUT/db/compile_commands.json"
python3 "$REPO/scripts/kernel/analyzer-commands.py" --db "$DB" --clang "$CLANG" \
    --syntax-only > "$OUT/parse.tsv"

parse() { # name
    local start end
    start=$(date +%s.%N)
    # One line per TU: file TAB seconds TAB status.
    tr '\n' '\0' < "$OUT/parse.tsv" | xargs -0 -P "$JOBS" -n 1 bash -c '
        IFS=$'"'"'\t'"'"' read -r dir file cmd <<< "$1"
        tf=$(mktemp)
        rc=0
        (cd "$dir" && /usr/bin/time -f %e -o "$tf" bash -c "$cmd" > /dev/null 2>&1) || rc=$?
        printf "%s\t%s\t%s\n" "$file" "$(tail -1 "$tf")" "$rc"
        rm -f "$tf"' _ > "$OUT/$1.tsv"
    end=$(date +%s.%N)
    printf '%s\t%s\n' "$1" "$(python3 -c "print($end - $start)")" >> "$OUT/walls.tsv"
    log "$1: $(python3 -c "print(round($end - $start, 1))") s wall"
}
pp() { # name binary
    local start end
    start=$(date +%s.%N)
    "$2" check -p "$OUT/db" --jobs "$JOBS" --no-config --no-progress --format=json \
        --results "$OUT/$1.results.json" > "$OUT/$1.json" 2> "$OUT/$1.err" || true
    end=$(date +%s.%N)
    printf '%s\t%s\n' "$1" "$(python3 -c "print($end - $start)")" >> "$OUT/walls.tsv"
    log "$1: $(python3 -c "print(round($end - $start, 1))") s wall"
}
: > "$OUT/walls.tsv"
for (( r = 1; r <= ROUNDS; r++ )); do
    if (( r % 2 )); then
        parse "parse-$r"; pp "pinpair-$r" "$PINPAIR"; [[ -z "$OTHER" ]] || pp "other-$r" "$OTHER"
    else
        [[ -z "$OTHER" ]] || pp "other-$r" "$OTHER"; pp "pinpair-$r" "$PINPAIR"; parse "parse-$r"
    fi
done

python3 - "$OUT" "$ROUNDS" "$JOBS" "$([[ -n "$OTHER" ]] && echo 1 || echo 0)" <<'PY' | tee "$OUT/summary.txt"
import json, os, sys
out, rounds, jobs, other = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
walls = dict(l.split("\t") for l in open(os.path.join(out, "walls.tsv")).read().split("\n") if l)
def parse_sum(name):
    rows = [l.split("\t") for l in open(os.path.join(out, name + ".tsv")).read().split("\n") if l]
    bad = [r[0] for r in rows if r[2] != "0"]
    return sum(float(r[1]) for r in rows), bad
def pp(name):
    res = json.load(open(os.path.join(out, name + ".results.json")))
    secs = sum(t.get("seconds", 0) for t in res["tus"] if t["status"] in ("analyzed", "skipped"))
    failed = [t["file"] for t in res["tus"] if t["status"] not in ("analyzed", "skipped")]
    fps = sorted(f["fingerprint"] for f in res["findings"])
    return secs, failed, fps
sides = ["pinpair", "other"] if other else ["pinpair"]
tot = {s: [0.0, 0.0] for s in ["parse"] + sides}
fps = {}
print(f"{rounds} round(s), --jobs {jobs}; seconds summed over TUs (wall in parentheses)")
for r in range(1, rounds + 1):
    ps, bad = parse_sum(f"parse-{r}")
    tot["parse"][0] += ps; tot["parse"][1] += float(walls[f"parse-{r}"])
    line = f"  round {r}: parse {ps:.1f} ({float(walls[f'parse-{r}']):.1f})"
    if bad:
        line += f" [parse failed: {', '.join(bad)}]"
    for s in sides:
        secs, failed, f = pp(f"{s}-{r}")
        tot[s][0] += secs; tot[s][1] += float(walls[f"{s}-{r}"])
        fps.setdefault(s, []).append(f)
        line += f"; {s} {secs:.1f} ({float(walls[f'{s}-{r}']):.1f}), {len(f)} findings"
        if failed:
            line += f" [failed: {', '.join(failed)}]"
    print(line)
for s in sides:
    print(f"{s} / parse: {tot[s][0] / tot['parse'][0]:.2f}x summed, {tot[s][1] / tot['parse'][1]:.2f}x wall")
if other:
    print(f"pinpair / other: {tot['pinpair'][0] / tot['other'][0]:.3f} summed, "
          f"{tot['pinpair'][1] / tot['other'][1]:.3f} wall")
all_fps = [f for s in sides for f in fps[s]]
print("findings: the same fingerprints in every run" if all(f == all_fps[0] for f in all_fps)
      else "findings: DIFFER between runs (see *.json)")
PY
