#!/usr/bin/env bash
# A uniform random sample of the kernel's translation units, to estimate what
# analysing the whole configured tree would cost without building it all.
#
# Steps (the dry run is skipped when its output is newer than the config and
# the build is make's own incremental build: a re-run takes seconds):
#   list    every object that the configured tree builds for x86, asked from
#           Kbuild itself with prepare-tree.sh's dump hook over a dry run
#           (make -n) of every top-level directory the top Kbuild file
#           descends into; the population is the objects with a .c source
#           that ships in the kernel tarball (no .S, no generated .c)
#   sample  N files drawn uniformly from the population minus the GUP
#           stratum (pinpair-gup-files.txt, measured in full elsewhere),
#           with python's random.Random(seed): same seed, same sample
#   build   those objects only (make -k: a failure does not stop the rest)
#   db      compile_commands.json of the built sample TUs
#   measure (--measure) the default `pinpair check` run and a full analysis
#           (--no-prefilter --no-focus --no-prune) of the sample and of the GUP
#           stratum, one run after the other, then tree-estimate.py: the
#           whole tree's cost in both modes and their ratio
#
# The tree only gets the sample's objects (with their .cmd files and any
# generated header they need); lists, logs and databases go to the output dir.
set -euo pipefail

usage() {
    cat <<EOF
Usage: $(basename "$0") [options]

Sample the translation units of a prepared kernel tree (see header comment).

Options:
  -k, --kernel DIR     prepared tree (default: \${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel})
  -o, --out DIR        output directory (default: /var/tmp/pp-tree)
  -n, --sample N       sample size (default: 300)
  -s, --seed S         random seed (default: 1)
  -j, --jobs J         make and pinpair parallelism (default: 2)
  -t, --tarball FILE   kernel source tarball: a .c file not in it is generated
                       (default: /usr/src/linux-source-6.1.tar.xz)
  --measure            also time pinpair on the sample and the GUP stratum and
                       estimate the whole tree (about 17 min at -j2 here)
  --pinpair BIN        pinpair binary for --measure (default: the repo's build/)
  --gup-db FILE        the GUP stratum's database for --measure
                       (default: <kernel>/compile_commands.gup.json)
  -h, --help           this text

Output (in the output dir):
  tree-tus.txt           the population: sorted .c files of the objects built for x86
  tree-goals.txt         "<source> TAB <make goal>" for the population
  sample.txt             the sample (N files, not in the GUP stratum)
  built.txt, failed.txt  sample files whose object built / failed (see build.log)
  compile_commands.json  the entries of built.txt only
  strata.txt             population, GUP stratum, sample and built counts
  times.txt              wall seconds of each step
  measure/               --measure: the four runs' --results files, stderr,
                         wall times, and estimate.txt
EOF
}

KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"
OUT=/var/tmp/pp-tree
N=300
SEED=1
JOBS=2
TARBALL=/usr/src/linux-source-6.1.tar.xz
LLVM_SUFFIX=-19   # as prepare-tree.sh: a different LLVM= would re-run Kconfig
MEASURE=0
PINPAIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/tools/pinpair/pinpair"
GUP_DB=

while [[ $# -gt 0 ]]; do
    case "$1" in
        -k|--kernel) KDIR="$2"; shift 2 ;;
        -o|--out) OUT="$2"; shift 2 ;;
        -n|--sample) N="$2"; shift 2 ;;
        -s|--seed) SEED="$2"; shift 2 ;;
        -j|--jobs) JOBS="$2"; shift 2 ;;
        -t|--tarball) TARBALL="$2"; shift 2 ;;
        --measure) MEASURE=1; shift ;;
        --pinpair) PINPAIR="$2"; shift 2 ;;
        --gup-db) GUP_DB="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

[[ "$N" =~ ^[1-9][0-9]*$ && "$SEED" =~ ^[0-9]+$ && "$JOBS" =~ ^[1-9][0-9]*$ ]] ||
    { echo "bad --sample/--seed/--jobs" >&2; exit 2; }
[[ -f "$KDIR/.config" && -f "$KDIR/include/config/auto.conf" && -f "$KDIR/pinpair-gup-files.txt" ]] ||
    { echo "no prepared tree at $KDIR (run scripts/kernel/prepare-tree.sh)" >&2; exit 2; }
[[ -f "$TARBALL" ]] || { echo "no tarball $TARBALL" >&2; exit 2; }
KDIR=$(cd "$KDIR" && pwd)   # compile_commands.json needs absolute paths
GUP_DB="${GUP_DB:-$KDIR/compile_commands.gup.json}"
if (( MEASURE )); then
    [[ -x "$PINPAIR" ]] || { echo "no pinpair binary at $PINPAIR (--pinpair)" >&2; exit 2; }
    [[ -f "$GUP_DB" ]] || { echo "no GUP stratum database $GUP_DB (--gup-db)" >&2; exit 2; }
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

log() { printf '[tree-sample] %s\n' "$*" >&2; }
KMAKE=(nice -n 10 make -C "$KDIR" LLVM="$LLVM_SUFFIX")
# A make that re-ran Kconfig would make every object of the tree stale.
config_sum() { cat "$KDIR/.config" "$KDIR/include/config/auto.conf" | sha256sum | cut -d' ' -f1; }
SUM0=$(config_sum)
: > "$OUT/times.txt"
timed() { # timed STEP: run step_STEP, record its wall time
    local t0=$SECONDS
    "step_$1"
    printf '%s\t%d\n' "$1" $((SECONDS - t0)) >> "$OUT/times.txt"
    log "$1: $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- list
# scripts/kernel/kbuild-dump.mk, as in prepare-tree.sh's find step, with
# PINPAIR_TOPDIRS too: the subdirectories the top Kbuild file descends into
# for this config (arch/x86 and its lib/pci/power/video, samples/ since
# allmodconfig sets CONFIG_SAMPLES, ...).
write_hook() {
    cp "$(dirname "${BASH_SOURCE[0]}")/../kernel/kbuild-dump.mk" "$OUT/kbuild-dump.mk"
}

step_list() {
    # The dry run is the slow part: redo it only when the config changed.
    if [[ -s "$OUT/kbuild-objects.txt" && "$OUT/kbuild-objects.txt" -nt "$KDIR/include/config/auto.conf" ]]; then
        log "list: Kbuild object listing up to date"
    else
        write_hook
        rm -f "$OUT/top-dirs.txt" "$OUT/kbuild-objects.tmp"
        # init/ is the cheapest goal that makes Kbuild read ./Kbuild.
        MAKEFILES="$OUT/kbuild-dump.mk" PINPAIR_TOPDIRS="$OUT/top-dirs.txt" \
            "${KMAKE[@]}" -n init/ > /dev/null 2> "$OUT/list.log"
        local dirs=() goals=()
        read -ra dirs < "$OUT/top-dirs.txt"
        goals=("${dirs[@]/%//}")   # dir/ goal: Kbuild's own descent into dir
        log "list: make -n -k ${goals[*]} (log: $OUT/list.log)"
        # stdout is the dry run's command listing (hundreds of MB): not kept.
        MAKEFILES="$OUT/kbuild-dump.mk" PINPAIR_DUMP="$OUT/kbuild-objects.tmp" \
            "${KMAKE[@]}" -n -k "${goals[@]}" > /dev/null 2>> "$OUT/list.log" || true
        [[ -s "$OUT/kbuild-objects.tmp" ]] || { echo "empty object listing, see $OUT/list.log" >&2; exit 1; }
        mv "$OUT/kbuild-objects.tmp" "$OUT/kbuild-objects.txt"
    fi
    # In-tree build: generated .c files (asn1 parsers, kdb commands, _shipped
    # copies, ...) sit next to the sources. The tarball's file list tells them apart.
    if [[ ! "$OUT/tarball-c.txt" -nt "$TARBALL" ]]; then
        tar -tJf "$TARBALL" | sed 's|^[^/]*/||' | grep '\.c$' > "$OUT/tarball-c.txt"
    fi
    python3 - "$KDIR" "$OUT" <<'PY'
import os, sys
kdir, out = sys.argv[1:]
shipped = set(open(os.path.join(out, "tarball-c.txt")).read().split())
goal = {}   # source -> the object path Kbuild uses (it keeps ../ and flags)
for line in open(os.path.join(out, "kbuild-objects.txt")):
    for o in line.split()[1:]:
        # EFI's libstub lists x.stub.o, an objcopy of x.o (compiled from x.c).
        stem = o[:-len(".stub.o")] if o.endswith(".stub.o") else o[:-len(".o")]
        src = os.path.normpath(stem) + ".c"
        if o.endswith(".o") and src in shipped and os.path.isfile(os.path.join(kdir, src)):
            goal.setdefault(src, o)
with open(os.path.join(out, "tree-goals.txt"), "w") as g, \
     open(os.path.join(out, "tree-tus.txt"), "w") as t:
    for src in sorted(goal):
        g.write(f"{src}\t{goal[src]}\n")
        t.write(src + "\n")
PY
    log "list: $(wc -l < "$OUT/tree-tus.txt") TUs under $(cat "$OUT/top-dirs.txt")"
}

# ---------------------------------------------------------------- sample
step_sample() {
    python3 - "$KDIR" "$OUT" "$N" "$SEED" <<'PY'
import os, random, sys
kdir, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
pop = [l.strip() for l in open(os.path.join(out, "tree-tus.txt")) if l.strip()]
gup = {l.strip() for l in open(os.path.join(kdir, "pinpair-gup-files.txt")) if l.strip()}
rest = [f for f in pop if f not in gup]          # pop is sorted: stable input
if n > len(rest):
    sys.exit(f"--sample {n} > {len(rest)} TUs outside the GUP stratum")
with open(os.path.join(out, "sample.txt"), "w") as fh:
    fh.writelines(f + "\n" for f in sorted(random.Random(seed).sample(rest, n)))
with open(os.path.join(out, "gup-stratum.txt"), "w") as fh:
    fh.writelines(f + "\n" for f in pop if f in gup)
PY
    log "sample: $N of $(($(wc -l < "$OUT/tree-tus.txt") - $(wc -l < "$OUT/gup-stratum.txt"))) (seed $SEED)"
}

# ---------------------------------------------------------------- build
step_build() {
    local goals=()
    mapfile -t goals < <(awk -F'\t' 'NR == FNR { s[$1] = 1; next } $1 in s { print $2 }' \
        "$OUT/sample.txt" "$OUT/tree-goals.txt")
    log "build: ${#goals[@]} objects, -j$JOBS (log: $OUT/build.log)"
    # One make for all: make skips up-to-date objects (and rebuilds those whose
    # command line changed); -k: a failing object does not stop the others.
    "${KMAKE[@]}" -k -j"$JOBS" "${goals[@]}" > "$OUT/build.log" 2>&1 || true
    # Failed: reported by make ("[...: dir/x.o] Error 1"; clang leaves an
    # older object in place when a rebuild fails), or no object/.cmd file.
    python3 - "$KDIR" "$OUT" <<'PY'
import os, re, sys
kdir, out = sys.argv[1:]
errs = {os.path.normpath(m) for m in
        re.findall(r"\[[^]]*: ([^] ]+\.o)\] Error \d+", open(os.path.join(out, "build.log")).read())}
built, failed = [], []
for src in (l.strip() for l in open(os.path.join(out, "sample.txt"))):
    o = src[:-2] + ".o"
    cmd = os.path.join(kdir, os.path.dirname(o), "." + os.path.basename(o) + ".cmd")
    ok = o not in errs and os.path.isfile(os.path.join(kdir, o)) and os.path.isfile(cmd)
    (built if ok else failed).append(src)
for name, lst in (("built.txt", built), ("failed.txt", failed)):
    with open(os.path.join(out, name), "w") as fh:
        fh.writelines(f + "\n" for f in lst)
PY
    log "build: $(wc -l < "$OUT/built.txt") built, $(wc -l < "$OUT/failed.txt") failed"
}

# ---------------------------------------------------------------- db
step_db() {
    # The generator reads the .cmd file Kbuild wrote next to each object; the
    # whole tree's database is then cut down to the built sample.
    (cd "$KDIR" && nice python3 scripts/clang-tools/gen_compile_commands.py \
        -d "$KDIR" -o "$OUT/compile_commands.all.json") > "$OUT/db.log" 2>&1 ||
        { cat "$OUT/db.log" >&2; exit 1; }
    local kept counts  # counts=$(...): a failing filter-db.py stops the script
    counts=$(python3 "$(dirname "${BASH_SOURCE[0]}")/../kernel/filter-db.py" \
        --log-prefix tree-sample --db "$OUT/compile_commands.all.json" --root "$KDIR" \
        --files "$OUT/built.txt" --out "$OUT/compile_commands.json" --absolute)
    read -r kept _ <<< "$counts"
    python3 - "$OUT" "$kept" <<'PY'
import os, sys
out, kept = sys.argv[1:]
rd = lambda n: [l for l in open(os.path.join(out, n)) if l.strip()]
with open(os.path.join(out, "strata.txt"), "w") as fh:
    for k, n in (("population", "tree-tus.txt"), ("gup_stratum", "gup-stratum.txt"),
                 ("sample", "sample.txt"), ("built", "built.txt"), ("failed", "failed.txt")):
        fh.write(f"{k}\t{len(rd(n))}\n")
    fh.write(f"db_entries\t{kept}\n")
PY
    rm -f "$OUT/compile_commands.all.json"
}

# ---------------------------------------------------------------- measure
step_measure() {
    local M="$OUT/measure" run db mode args
    mkdir -p "$M"
    : > "$M/wall.txt"
    # One run at a time, the default first: the ratio is of runs on the same
    # quiet machine. Per-TU seconds (prefilter, parse, analysis) are what
    # tree-estimate.py extrapolates; the wall times are for the record.
    for run in sample-default sample-full gup-default gup-full; do
        case "$run" in sample-*) db="$OUT/compile_commands.json" ;; *) db="$GUP_DB" ;; esac
        mode=${run#*-}
        args=()
        [[ "$mode" == full ]] && args=(--no-prefilter --no-focus --no-prune)
        local t0=$SECONDS
        # Exit 1 means findings, which is fine here; 2 is a setup error.
        "$PINPAIR" check -p "$db" -j"$JOBS" --no-progress --format=json \
            --results "$M/$run.res" "${args[@]}" > "$M/$run.json" 2> "$M/$run.err" ||
            [[ $? -eq 1 ]] || { cat "$M/$run.err" >&2; exit 1; }
        printf '%s\t%d\n' "$run" $((SECONDS - t0)) >> "$M/wall.txt"
        log "measure: $run $((SECONDS - t0)) s"
    done
    python3 "$(dirname "${BASH_SOURCE[0]}")/tree-estimate.py" \
        --population "$(wc -l < "$OUT/tree-tus.txt")" --jobs "$JOBS" \
        --sample-default "$M/sample-default.res" --sample-full "$M/sample-full.res" \
        --gup-default "$M/gup-default.res" --gup-full "$M/gup-full.res" | tee "$M/estimate.txt"
}

timed list
timed sample
timed build
timed db
[[ "$(config_sum)" == "$SUM0" ]] || { echo "the kernel configuration changed during the run!" >&2; exit 1; }
log "database: $OUT/compile_commands.json"
cat "$OUT/strata.txt"
if (( MEASURE )); then timed measure; fi
