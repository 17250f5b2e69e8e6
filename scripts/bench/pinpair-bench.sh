#!/usr/bin/env bash
# Cost of the pinpair command on a real kernel tree's compilation database,
# reported as ratios measured in one run (absolute seconds are printed for
# information only: they depend on the machine and its load, and nothing is
# asserted about them):
#
#   1. prefilter   whole `pinpair check` run with the prefilter vs with
#                  --no-prefilter (same sample, same --jobs); says so when
#                  the prefilter skipped nothing (a no-op in this binary)
#   2. per TU      pinpair (--jobs 1, --no-prefilter, a one-entry database)
#                  vs `clang-19 --analyze -fplugin=<plugin>
#                  -Xclang -analyzer-checker=linux.gup` on the same TU (the
#                  command from scripts/kernel/analyzer-commands.py), one TU
#                  at a time, the two runs of a TU back to back in
#                  alternating order; also the analysis time pinpair's worker
#                  reports (--results), and whether both found the same
#                  number of linux.gup warnings
#   3. peak RSS    of both in 2 (GNU time's maximum resident set size; for
#                  pinpair that is the largest of the parent and its worker)
#   4. scaling     `pinpair check --jobs J` on growing prefixes of the sample
#                  (default N/4, N/2, N TUs): wall time per TU
#   5. modes       the sample's parse time (clang -fsyntax-only, one TU at a
#                  time) against whole runs with --focus=off (and
#                  --no-prefilter), focus without path pruning (--no-prune),
#                  the default (prefilter, focus with pruning, the parse
#                  skipping the header bodies no main-file code can reach)
#                  and --focus=reaching: the sum of the per-TU seconds
#                  (prefilter, worker and its parse) as a multiple of the
#                  parse time, and the findings (fingerprints) each mode
#                  misses or adds against off
#
# The sample is N C TUs evenly spread over the file-sorted database, put in
# a fixed pseudo-random order (by MD5 of the path), so that every prefix in
# 4 also spreads over the tree. Results: <out>/summary.txt (the table
# printed), <out>/per-tu.tsv, <out>/runs.tsv, and each run's output.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"
CONVERT="$REPO/scripts/kernel/analyzer-commands.py"

usage() {
    cat <<EOF
Usage: $(basename "$0") [options]

Measure pinpair against itself (prefilter), against clang --analyze with the
plugin (per TU: time, peak RSS), and with a growing number of TUs, on a
kernel compilation database. Only ratios are results (see the header).

Options:
  -d, --db PATH        compilation database (default: \$PINPAIR_KERNEL_DIR/compile_commands.json
                       when it exists, else compile_commands.gup.json; PINPAIR_KERNEL_DIR
                       defaults to /var/tmp/pinpair-kernel, prepared by scripts/kernel/prepare-tree.sh)
  -n, --sample N       C TUs in the sample (default: 12; 0: all of the database)
  -j, --jobs N         --jobs of the whole pinpair runs (1 and 4; default: 2). The
                       per-TU comparison always uses --jobs 1
  -s, --sizes LIST     comma-separated prefix sizes for 4 (default: N/4,N/2,N)
  -r, --repeat R       whole runs of 1 repeated R times, alternating order (default: 1)
  -w, --warmup N       unmeasured runs of the first TU before measuring (default: 1)
  -o, --out DIR        output dir, emptied first (default: \$PINPAIR_KERNEL_DIR/pinpair-bench)
      --pinpair PATH   pinpair binary (default: $REPO/build/tools/pinpair/pinpair)
  -p, --plugin PATH    checker plugin for the clang side (default: $REPO/build/checker/PinpairPlugin.so)
      --clang PATH     clang binary (default: /usr/lib/llvm-19/bin/clang)
  -h, --help           this text

The default sample takes about 5-10 minutes on a loaded 2-core machine.
EOF
}

die() { echo "pinpair-bench: $*" >&2; exit 2; }
log() { printf '[pinpair-bench] %s\n' "$*" >&2; }

DB=""
SAMPLE=12
JOBS=2
SIZES=""
REPEAT=1
WARMUP=1
OUT=""
PINPAIR="$REPO/build/tools/pinpair/pinpair"
PLUGIN="$REPO/build/checker/PinpairPlugin.so"
CLANG=/usr/lib/llvm-19/bin/clang

while [[ $# -gt 0 ]]; do
    case "$1" in
        -d|--db) DB="$2"; shift 2 ;;
        -n|--sample) SAMPLE="$2"; shift 2 ;;
        -j|--jobs) JOBS="$2"; shift 2 ;;
        -s|--sizes) SIZES="$2"; shift 2 ;;
        -r|--repeat) REPEAT="$2"; shift 2 ;;
        -w|--warmup) WARMUP="$2"; shift 2 ;;
        -o|--out) OUT="$2"; shift 2 ;;
        --pinpair) PINPAIR="$2"; shift 2 ;;
        -p|--plugin) PLUGIN="$2"; shift 2 ;;
        --clang) CLANG="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$SAMPLE" =~ ^[0-9]+$ ]] || die "bad --sample: $SAMPLE"
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "bad --jobs: $JOBS"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "bad --repeat: $REPEAT"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "bad --warmup: $WARMUP"
[[ -z "$SIZES" || "$SIZES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "bad --sizes: $SIZES"

# shellcheck source=../lib/ensure-pkgs.sh
source "$HERE/../lib/ensure-pkgs.sh"
# time: GNU time, for peak RSS (the bash keyword has none).
ensure_pkgs time python3 clang-19

if [[ -z "$DB" ]]; then
    DB="$KDIR/compile_commands.json"
    [[ -f "$DB" ]] || DB="$KDIR/compile_commands.gup.json"
fi
[[ -f "$DB" ]] || die "no compilation database $DB (run scripts/kernel/prepare-tree.sh, or --db PATH)"
[[ -x "$PINPAIR" ]] || die "no pinpair binary at $PINPAIR (ninja -C build pinpair, or --pinpair PATH)"
[[ -f "$PLUGIN" ]] || die "no plugin at $PLUGIN (build it, or --plugin PATH)"
[[ -x "$CLANG" ]] || die "no clang at $CLANG (apt-get install clang-19, or --clang PATH)"
[[ -x /usr/bin/time ]] || die "no /usr/bin/time (apt-get install time)"
DB=$(cd "$(dirname "$DB")" && pwd)/$(basename "$DB")
PINPAIR=$(cd "$(dirname "$PINPAIR")" && pwd)/$(basename "$PINPAIR")
PLUGIN=$(cd "$(dirname "$PLUGIN")" && pwd)/$(basename "$PLUGIN")

[[ -n "$OUT" ]] || OUT="$KDIR/pinpair-bench"
rm -rf "$OUT"
mkdir -p "$OUT/runs" "$OUT/tu"
OUT=$(cd "$OUT" && pwd)

# ---------------------------------------------------------------- sample
# sample.json: the N TUs in MD5 order; db-K.json: its first K entries;
# tu/NNN.json: one entry each; sample.list: "NNN<TAB>file" (file relative
# to the entry's directory, as analyzer-commands.py prints it).
python3 - "$DB" "$SAMPLE" "$OUT" "$SIZES" > "$OUT/sizes" <<'PY'
import hashlib, json, os, sys
db_path, n, out, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
db = [e for e in json.load(open(db_path)) if e["file"].endswith(".c")]
if not db:
    sys.exit("pinpair-bench: no C entries in " + db_path)
db.sort(key=lambda e: e["file"])
if n and n < len(db):
    step = len(db) / n
    db = [db[int(i * step)] for i in range(n)]
def rel(e):
    f = e["file"]
    return os.path.normpath(os.path.relpath(f, e["directory"]) if os.path.isabs(f) else f)
db.sort(key=lambda e: hashlib.md5(rel(e).encode()).hexdigest())
def dump(path, entries):
    with open(path, "w") as fh:
        json.dump(entries, fh, indent=1)
dump(os.path.join(out, "sample.json"), db)
with open(os.path.join(out, "sample.list"), "w") as fh:
    for i, e in enumerate(db):
        dump(os.path.join(out, "tu", f"{i:03d}.json"), [e])
        fh.write(f"{i:03d}\t{rel(e)}\n")
n = len(db)
ks = sorted({int(k) for k in sizes.split(",")} if sizes else {max(1, n // 4), max(1, n // 2), n})
ks = [k for k in ks if k <= n] or [n]
for k in ks:
    dump(os.path.join(out, f"db-{k}.json"), db[:k])
print(" ".join(map(str, ks)))
PY
read -r -a SIZE_LIST < "$OUT/sizes"
N=$(wc -l < "$OUT/sample.list")
log "database $DB: sample of $N C TUs, prefix sizes ${SIZE_LIST[*]}, output in $OUT"

# The clang side: one analyzer command per sample TU (dir, file, command).
python3 "$CONVERT" --db "$OUT/sample.json" --clang "$CLANG" --plugin "$PLUGIN" \
    --checkers linux.gup > "$OUT/clang.tsv"

# The parse alone, for (5).
python3 "$CONVERT" --db "$OUT/sample.json" --clang "$CLANG" --syntax-only > "$OUT/parse.tsv"

# timed NAME CMD...: runs CMD under GNU time; NAME.{out,err,time,rc} in
# $OUT/runs; prints "rc wall_s maxrss_kb".
timed() {
    local name=$1 rc=0; shift
    /usr/bin/time -f '%e %M' -o "$OUT/runs/$name.time" "$@" \
        > "$OUT/runs/$name.out" 2> "$OUT/runs/$name.err" < /dev/null || rc=$?
    echo "$rc" > "$OUT/runs/$name.rc"
    echo "$rc $(tail -n 1 "$OUT/runs/$name.time")"
}
# A whole pinpair run over DB-FILE; extra args after it.
pinpair_run() {
    local name=$1 db=$2; shift 2
    timed "$name" "$PINPAIR" check -p "$db" --no-config --no-progress --format=json \
        --results "$OUT/runs/$name.results.json" "$@"
}
RUNS="$OUT/runs.tsv"
printf 'run\ttus\tjobs\trc\twall_s\tmaxrss_kb\n' > "$RUNS"
record() { # name tus jobs "rc wall rss"
    local rc w m; read -r rc w m <<< "$4"
    (( rc <= 1 )) || { cat "$OUT/runs/$1.err" >&2; die "pinpair run $1 exited $rc (log: $OUT/runs/$1.err)"; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rc" "$w" "$m" >> "$RUNS"
    log "$(printf '%-18s %3s TUs -j%s %7.2fs %7.1f MiB' "$1" "$2" "$3" "$w" "$(awk -v k="$m" 'BEGIN{print k/1024}')")"
}

# Warm-up: page cache, headers, binaries.
for (( i = 0; i < WARMUP; i++ )); do
    "$PINPAIR" check -p "$OUT/tu/000.json" --jobs 1 --no-config --no-progress \
        --no-prefilter > /dev/null 2>&1 || true
done

# ---------------------------------------------------------------- 1
log "1: prefilter vs --no-prefilter, $N TUs, -j$JOBS, x$REPEAT"
for (( r = 1; r <= REPEAT; r++ )); do
    if (( r % 2 )); then order=(pre nopre); else order=(nopre pre); fi
    for side in "${order[@]}"; do
        if [[ $side == pre ]]; then
            record "prefilter-$r" "$N" "$JOBS" "$(pinpair_run "prefilter-$r" "$OUT/sample.json" --jobs "$JOBS")"
        else
            record "no-prefilter-$r" "$N" "$JOBS" \
                "$(pinpair_run "no-prefilter-$r" "$OUT/sample.json" --jobs "$JOBS" --no-prefilter)"
        fi
    done
done

# ---------------------------------------------------------------- 2 + 3
log "2: per TU, pinpair --jobs 1 --no-prefilter vs clang --analyze -fplugin, $N TUs"
TSV="$OUT/per-tu.tsv"
printf 'file\tpinpair_rc\tpinpair_s\tpinpair_kb\tworker_s\tpinpair_findings\tclang_rc\tclang_s\tclang_kb\tclang_findings\n' > "$TSV"
# One side of TU $idx (clang: $cmd in $dir).
run_p() { pinpair_run "tu-$idx-pinpair" "$OUT/tu/$idx.json" --jobs 1 --no-prefilter; }
run_c() { (cd "$dir" && timed "tu-$idx-clang" bash -c "$cmd"); }
i=0
while IFS=$'\t' read -r idx file; do
    line=$(awk -F'\t' -v f="$file" '$2 == f { print; exit }' "$OUT/clang.tsv")
    [[ -n "$line" ]] || die "no clang command for $file"
    IFS=$'\t' read -r dir _ cmd <<< "$line"
    if (( i % 2 == 0 )); then rp=$(run_p); rc_=$(run_c); else rc_=$(run_c); rp=$(run_p); fi
    read -r prc ps pkb <<< "$rp"
    read -r crc cs ckb <<< "$rc_"
    # pinpair: the worker's seconds and the findings of the TU (--results).
    read -r ws pf < <(python3 -c '
import json, sys
try:
    tus = json.load(open(sys.argv[1]))["tus"]
    print(tus[0]["seconds"] if tus and tus[0]["status"] == "analyzed" else "nan",
          tus[0].get("findings", 0) if tus else "nan")
except Exception:
    print("nan nan")' "$OUT/runs/tu-$idx-pinpair.results.json")
    cf=$({ grep -E '^[^ :]+:[0-9]+:[0-9]+: warning: .* \[linux\.gup\.[A-Za-z0-9_.]+\]$' \
            "$OUT/runs/tu-$idx-clang.err" || true; } | sort -u | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$prc" "$ps" "$pkb" "$ws" "$pf" \
        "$crc" "$cs" "$ckb" "$cf" >> "$TSV"
    i=$((i + 1))
    log "$(printf '%3d/%d pinpair %6.2fs clang %6.2fs %s' "$i" "$N" "$ps" "$cs" "$file")"
done < "$OUT/sample.list"

# ---------------------------------------------------------------- 4
log "4: scaling, -j$JOBS, sizes ${SIZE_LIST[*]}"
for k in "${SIZE_LIST[@]}"; do
    if (( k == N )); then
        continue   # the prefilter run of 1 is this run
    fi
    record "scale-$k" "$k" "$JOBS" "$(pinpair_run "scale-$k" "$OUT/db-$k.json" --jobs "$JOBS")"
done

# ---------------------------------------------------------------- 5
log "5: parse time, and whole runs per analysis mode, $N TUs, -j$JOBS"
PARSE="$OUT/parse-times.tsv"
: > "$PARSE"
while IFS=$'\t' read -r dir file cmd; do
    read -r rc_ ps _ <<< "$(cd "$dir" && timed "parse-$(echo "$file" | tr '/' '_')" bash -c "$cmd")"
    printf '%s\t%s\t%s\n' "$file" "$rc_" "$ps" >> "$PARSE"
done < "$OUT/parse.tsv"
record "mode-off" "$N" "$JOBS" "$(pinpair_run mode-off "$OUT/sample.json" --jobs "$JOBS" --no-prefilter --no-focus)"
record "mode-no-prune" "$N" "$JOBS" "$(pinpair_run mode-no-prune "$OUT/sample.json" --jobs "$JOBS" \
    --no-prune)"
record "mode-default" "$N" "$JOBS" "$(pinpair_run mode-default "$OUT/sample.json" --jobs "$JOBS")"
record "mode-reaching" "$N" "$JOBS" "$(pinpair_run mode-reaching "$OUT/sample.json" --jobs "$JOBS" \
    --focus=reaching)"

# ---------------------------------------------------------------- summary
python3 - "$OUT" "$DB" "$PINPAIR" "$PLUGIN" "$CLANG" "$N" "$JOBS" "$REPEAT" "${SIZE_LIST[*]}" \
    > "$OUT/summary.txt" <<'PY'
import csv, json, math, os, statistics, sys
out, db, pinpair, plugin, clang, n, jobs, repeat, sizes = sys.argv[1:]
n, repeat = int(n), int(repeat)
sizes = [int(s) for s in sizes.split()]
runs = {r["run"]: r for r in csv.DictReader(open(os.path.join(out, "runs.tsv")), delimiter="\t")}
tus = list(csv.DictReader(open(os.path.join(out, "per-tu.tsv")), delimiter="\t"))
mib = lambda kb: int(kb) / 1024

def statuses(name):
    res = json.load(open(os.path.join(out, "runs", name + ".results.json")))
    c = {}
    for t in res["tus"]:
        c[t["status"]] = c.get(t["status"], 0) + 1
    return c, len(res["findings"])

print(f"== pinpair bench: {n} C TUs sampled from {db}")
print(f"pinpair {pinpair}\nplugin  {plugin}\nclang   {clang}")
print("Ratios are the results; seconds and MiB are for information only.\n")

# 1
print(f"(1) whole run, prefilter vs --no-prefilter ({n} TUs, --jobs {jobs}, {repeat} run(s) each)")
side = {}
for s, label in (("prefilter", "with prefilter"), ("no-prefilter", "--no-prefilter")):
    w = [float(runs[f"{s}-{r}"]["wall_s"]) for r in range(1, repeat + 1)]
    m = max(int(runs[f"{s}-{r}"]["maxrss_kb"]) for r in range(1, repeat + 1))
    st, nf = statuses(f"{s}-1")
    side[s] = (sum(w) / len(w), st)
    print(f"    {label:16} wall {sum(w) / len(w):8.2f} s   peak RSS {mib(m):7.1f} MiB   "
          f"TUs: {', '.join(f'{v} {k}' for k, v in sorted(st.items()))}   findings {nf}")
ratio = side["prefilter"][0] / side["no-prefilter"][0]
skipped = side["prefilter"][1].get("skipped", 0)
print(f"    ratio prefilter / no-prefilter: wall {ratio:.3f}")
if skipped == 0:
    print("    NOTE: the prefilter skipped no TU: it is a no-op in this binary (no prefilter "
          "installed, or it keeps every sampled TU); the ratio is run-to-run noise")
else:
    print(f"    the prefilter skipped {skipped} of {n} TUs")
print()

# 2 + 3
ok = [t for t in tus if t["pinpair_rc"] in ("0", "1") and t["clang_rc"] == "0"
      and t["worker_s"] != "nan"]
bad = [t["file"] + f" (pinpair rc {t['pinpair_rc']}, clang rc {t['clang_rc']})" for t in tus if t not in ok]
print(f"(2) per TU, one at a time: pinpair check --jobs 1 --no-prefilter (one-entry database) "
      f"vs clang --analyze -fplugin -analyzer-checker=linux.gup")
print(f"    {len(ok)} of {len(tus)} TUs measured on both sides" + (f"; excluded: {'; '.join(bad)}" if bad else ""))
if ok:
    w = max(len(t["file"]) for t in ok)
    print(f"    {'file':{w}}  pinpair_s worker_s  clang_s  ratio  pinpair_MiB clang_MiB  ratio  findings p/c")
    for t in sorted(ok, key=lambda t: t["file"]):
        ps, ws, cs = float(t["pinpair_s"]), float(t["worker_s"]), float(t["clang_s"])
        pk, ck = int(t["pinpair_kb"]), int(t["clang_kb"])
        flag = "" if t["pinpair_findings"] == t["clang_findings"] else "  DIFFER"
        print(f"    {t['file']:{w}}  {ps:9.2f} {ws:8.2f} {cs:8.2f} {ps / max(cs, .01):6.3f}  "
              f"{mib(pk):11.1f} {mib(ck):9.1f} {pk / max(ck, 1):6.3f}  {t['pinpair_findings']}/{t['clang_findings']}{flag}")
    tp = sum(float(t["pinpair_s"]) for t in ok)
    tw = sum(float(t["worker_s"]) for t in ok)
    tc = sum(float(t["clang_s"]) for t in ok)
    per = [float(t["pinpair_s"]) / max(float(t["clang_s"]), .01) for t in ok]
    perw = [float(t["worker_s"]) / max(float(t["clang_s"]), .01) for t in ok]
    print(f"    total: pinpair {tp:.2f} s (worker analysis {tw:.2f} s), clang {tc:.2f} s")
    print(f"    ratio pinpair / clang, wall: total {tp / tc:.3f}, per-TU median {statistics.median(per):.3f} "
          f"(min {min(per):.3f}, max {max(per):.3f})")
    print(f"    ratio pinpair worker / clang (analysis only, without pinpair's start-up): total {tw / tc:.3f}, "
          f"per-TU median {statistics.median(perw):.3f}")
    print(f"    pinpair start-up + bookkeeping per TU (process wall - worker): median "
          f"{statistics.median(float(t['pinpair_s']) - float(t['worker_s']) for t in ok):.2f} s")
    agree = sum(t["pinpair_findings"] == t["clang_findings"] for t in ok)
    print(f"    linux.gup warnings per TU equal on {agree} of {len(ok)} TUs "
          f"(pinpair {sum(int(t['pinpair_findings']) for t in ok)}, clang {sum(int(t['clang_findings']) for t in ok)})")
    print()
    pk = [int(t["pinpair_kb"]) for t in ok]
    ck = [int(t["clang_kb"]) for t in ok]
    rr = [a / max(b, 1) for a, b in zip(pk, ck)]
    print("(3) peak RSS (GNU time, maximum resident set size; pinpair: max of parent and worker)")
    print(f"    max over TUs: pinpair {mib(max(pk)):.1f} MiB, clang {mib(max(ck)):.1f} MiB, ratio {max(pk) / max(ck):.3f}")
    print(f"    per-TU ratio pinpair / clang: median {statistics.median(rr):.3f} (min {min(rr):.3f}, max {max(rr):.3f})")
    print()

# 4
print(f"(4) scaling: pinpair check --jobs {jobs} on the first K TUs of the sample")
# The per-TU pinpair times of (2), in sample order: the sequential work of a
# prefix, and the best wall time --jobs J could give for it (the longest TU
# or the work spread evenly over J workers, whichever is larger).
order = [l.split("\t")[1].strip() for l in open(os.path.join(out, "sample.list"))]
seq = {t["file"]: float(t["pinpair_s"]) for t in tus}
print(f"    {'K':>4} {'wall_s':>8} {'s/TU':>7} {'s/TU vs smallest K':>19} {'work_s':>8} {'bound_s':>8} {'wall/bound':>11}  TUs")
base = None
for k in sizes:
    name = "prefilter-1" if k == n else f"scale-{k}"
    wall = float(runs[name]["wall_s"])
    st, _ = statuses(name)
    base = base or wall / k
    times = [seq.get(f, math.nan) for f in order[:k]]
    work = sum(times)
    bound = max(work / int(jobs), max(times))
    print(f"    {k:4d} {wall:8.2f} {wall / k:7.2f} {wall / k / base:19.3f} {work:8.2f} {bound:8.2f} {wall / bound:11.3f}  "
          f"{', '.join(f'{v} {s}' for s, v in sorted(st.items()))}")
print("    s/TU depends on which TUs a prefix holds (analysis time varies a lot per TU); work_s is")
print("    the sum of the prefix's per-TU times from (2), bound_s = max(work_s / jobs, longest TU)")
print("    the best wall time the scheduler could reach: a constant wall/bound means pinpair's time")
print("    grows like the analysis work (linearly), with that factor of overhead and imbalance")
print()

# 5
print(f"(5) analysis modes against the parse alone ({n} TUs, --jobs {jobs})")
parse = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "parse-times.tsv"))]
bad = [p[0] for p in parse if p[1] != "0"]
tp = sum(float(p[2]) for p in parse if p[1] == "0")
print(f"    parse (clang -fsyntax-only, one TU at a time): {tp:.2f} s"
      + (f"; failed: {', '.join(bad)}" if bad else ""))
def mode(name):
    res = json.load(open(os.path.join(out, "runs", name + ".results.json")))
    # Analysed TUs: prefilter + worker; prefiltered ones: the prefilter.
    secs = sum(t.get("seconds", 0) for t in res["tus"] if t["status"] in ("analyzed", "skipped"))
    return secs, {f["fingerprint"] for f in res["findings"]}
off_s, off_f = mode("mode-off")
print(f"    {'mode':12} {'wall_s':>8} {'worker_s':>9} {'x parse':>8} {'vs off':>7}  findings (missing / extra vs off)")
for name, label in (("mode-off", "off"), ("mode-no-prune", "--no-prune"),
                    ("mode-default", "default"), ("mode-reaching", "reaching")):
    secs, fps = mode(name)
    print(f"    {label:12} {float(runs[name]['wall_s']):8.2f} {secs:9.2f} {secs / max(tp, .01):8.2f} "
          f"{secs / max(off_s, .01):7.3f}  {len(fps)} ({len(off_f - fps)} / {len(fps - off_f)})")
print("    worker_s: the sum of the per-TU seconds (prefilter, worker, its parse), measured while")
print(f"    {jobs} workers run at once; the parse is measured alone, so 'x parse' is an upper bound")
print(f"\nfiles: {out}/per-tu.tsv, {out}/runs.tsv, {out}/runs/")
PY
cat "$OUT/summary.txt"
