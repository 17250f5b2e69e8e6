#!/usr/bin/env bash
# Reproduce the linux.gup findings of one or more kernel directories three
# ways, on a tree prepared by prepare-tree.sh, and check that they agree:
#
#   a. pinpair check -p <db> <dir>/   the pinpair command on a compilation
#                                     database of the directories' TUs
#   b. make C=2 CHECK=pinpair <dir>/  Kbuild's source-checker hook: pinpair
#                                     gets CHECKFLAGS + c_flags + file.c and
#                                     prints the findings on stderr
#   c. scan-build make <dir>/         the plugin in clang --analyze, run by
#                                     scan-build's ccc-analyzer on a rebuild
#                                     of the directories' objects
#
# Each way's findings are normalised to "file:line:col: checker: message"
# (linux.gup.* only, file relative to the tree root, a header finding
# reached from several TUs listed once). All three run clang's default
# checkers next to linux.gup (pinpair does so by design, scan-build by
# default), so the analyses explore the same paths.
#
# How scan-build is run without reconfiguring the tree: Kbuild's CC is
# "clang-19" (LLVM=-19) and include/config/auto.conf.cmd re-runs Kconfig when
# CC changes, so `scan-build make` (which adds CC=ccc-analyzer) would
# reconfigure. Instead scan-build runs with --keep-cc, and a directory
# holding a "clang-19" that execs ccc-analyzer is put first in PATH: Kbuild
# still calls "clang-19" (same command lines, same CC_VERSION_TEXT, checked
# below), ccc-analyzer compiles with the real clang-19 (--use-cc) and then
# analyses. The objects of the directories' C files are deleted first so
# that make rebuilds them (and only them); the rebuilt objects are the real
# compiler's, so nothing needs restoring.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"
DEFAULT_DIRS=(drivers/virt/nitro_enclaves/)

usage() {
    cat <<EOF
Usage: $(basename "$0") [options] [DIR/...]

Run pinpair three ways (pinpair check, make C=2 CHECK=pinpair, scan-build
with the plugin) on the TUs under DIR/ (default: ${DEFAULT_DIRS[*]}, one
known finding) in a kernel tree prepared by prepare-tree.sh, print the three
normalised finding lists and the time of each way.

Options:
  -k, --tree DIR       kernel tree (default: \${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel})
      --pinpair PATH   pinpair binary (default: $REPO/build/tools/pinpair/pinpair)
  -p, --plugin PATH    checker plugin for scan-build (default: $REPO/build/checker/PinpairPlugin.so)
  -j, --jobs N         parallelism of make and pinpair (default: 2)
  -o, --out DIR        output dir, emptied first (default: <tree>/pinpair-three-ways)
      --llvm SUFFIX    the tree's LLVM= value (default: -19, as prepare-tree.sh)
      --prepare        run scripts/kernel/prepare-tree.sh on the tree first
                       (idempotent: a no-op when the tree is ready)
  -h, --help           this text

DIR is a Kbuild directory relative to the tree root (make DIR/ builds its
objects). The tree is prepared once with:
  scripts/kernel/prepare-tree.sh      # or: $(basename "$0") --prepare

Output dir: a.json/a.err (pinpair check), b.out/b.err (make C=2),
c.log + scan-build/ (scan-build plists), {a,b,c}.findings (normalised),
{a,b,c}.tus (TUs each way analysed), compile_commands.json (the DIRs' TUs),
summary.txt.
Exit status: 0 when the three lists are equal and every way analysed the
same TUs without failure, 1 otherwise, 2 on a usage or setup error.
EOF
}

die() { echo "three-ways: $*" >&2; exit 2; }
log() { printf '[three-ways] %s\n' "$*" >&2; }

PINPAIR="$REPO/build/tools/pinpair/pinpair"
PLUGIN="$REPO/build/checker/PinpairPlugin.so"
JOBS=2
OUT=""
LLVM_SUFFIX=-19
PREPARE=0
DIRS=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        -k|--tree) KDIR="$2"; shift 2 ;;
        --pinpair) PINPAIR="$2"; shift 2 ;;
        -p|--plugin) PLUGIN="$2"; shift 2 ;;
        -j|--jobs) JOBS="$2"; shift 2 ;;
        -o|--out) OUT="$2"; shift 2 ;;
        --llvm) LLVM_SUFFIX="$2"; shift 2 ;;
        --prepare) PREPARE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; DIRS+=("$@"); break ;;
        -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
        *) DIRS+=("$1"); shift ;;
    esac
done
(( ${#DIRS[@]} )) || DIRS=("${DEFAULT_DIRS[@]}")
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "bad --jobs: $JOBS"

# shellcheck source=../lib/ensure-pkgs.sh
source "$HERE/../lib/ensure-pkgs.sh"
# clang-tools-19: scan-build-19 and its ccc-analyzer.
ensure_pkgs make python3 "clang$LLVM_SUFFIX" "clang-tools$LLVM_SUFFIX"

if (( PREPARE )); then
    "$HERE/prepare-tree.sh" --dir "$KDIR" --jobs "$JOBS" >&2
fi

# ---------------------------------------------------------------- checks
[[ -f "$KDIR/Makefile" && -f "$KDIR/.config" && -f "$KDIR/include/config/auto.conf" ]] ||
    die "no prepared kernel tree at $KDIR (run scripts/kernel/prepare-tree.sh, or pass --prepare)"
KDIR=$(cd "$KDIR" && pwd)
[[ -x "$PINPAIR" ]] || die "no pinpair binary at $PINPAIR (ninja -C build pinpair, or --pinpair PATH)"
[[ -f "$PLUGIN" ]] || die "no plugin at $PLUGIN (build it, or --plugin PATH)"
PINPAIR=$(cd "$(dirname "$PINPAIR")" && pwd)/$(basename "$PINPAIR")
PLUGIN=$(cd "$(dirname "$PLUGIN")" && pwd)/$(basename "$PLUGIN")
SCAN_BUILD=$(command -v "scan-build$LLVM_SUFFIX") || die "no scan-build$LLVM_SUFFIX in PATH (apt-get install clang-tools$LLVM_SUFFIX)"
CCC_ANALYZER=$(dirname "$(readlink -f "$SCAN_BUILD")")/../libexec/ccc-analyzer
[[ -x "$CCC_ANALYZER" ]] || die "no ccc-analyzer next to $SCAN_BUILD ($CCC_ANALYZER)"
KCC="clang$LLVM_SUFFIX"                    # the CC Kbuild calls with LLVM=$LLVM_SUFFIX
REAL_CC=$(command -v "$KCC") || die "no $KCC in PATH"
ANALYZER=$(readlink -f "$REAL_CC")          # clang of the same version, for scan-build
norm_dirs=()
for d in "${DIRS[@]}"; do
    d=${d#./}; d=${d%/}
    [[ "$d" != /* && -n "$d" ]] || die "DIR must be relative to the tree root: $d"
    [[ -f "$KDIR/$d/Makefile" || -f "$KDIR/$d/Kbuild" ]] || die "$KDIR/$d is not a Kbuild directory"
    norm_dirs+=("$d/")
done
DIRS=("${norm_dirs[@]}")

[[ -n "$OUT" ]] || OUT="$KDIR/pinpair-three-ways"
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

KMAKE=(nice -n 10 make -C "$KDIR" LLVM="$LLVM_SUFFIX" -j"$JOBS")
now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# Fingerprint of the configuration: must be the same after the run.
config_sum() { cat "$KDIR/.config" "$KDIR/include/config/auto.conf" | sha256sum | cut -d' ' -f1; }
config_before=$(config_sum)

# A pinpair config (.pinpair.yaml, found by a and b from the tree upwards)
# must reach scan-build too.
SB_CONFIG=()
d=$KDIR
while :; do
    if [[ -f "$d/.pinpair.yaml" ]]; then
        SB_CONFIG=(-analyzer-config "linux.gup.PageRefModel:Config=$d/.pinpair.yaml")
        log "using $d/.pinpair.yaml in all three ways"
        break
    fi
    [[ "$d" == / ]] && break
    d=$(dirname "$d")
done

log "tree $KDIR, dirs: ${DIRS[*]}, -j$JOBS, output in $OUT"

# ---------------------------------------------------------------- build
# Objects up to date first: make C=2 then only checks, and the .cmd files
# the database is made from are there.
t0=$(now)
"${KMAKE[@]}" "${DIRS[@]}" > "$OUT/build.log" 2>&1 || {
    tail -n 20 "$OUT/build.log" >&2; die "make ${DIRS[*]} failed (log: $OUT/build.log)"; }
t_build=$(secs "$t0" "$(now)")
log "build: ${t_build}s"

# Compilation database of the directories' TUs, from Kbuild's .cmd files:
# exactly the sources make DIR/ compiles (and make C=2 DIR/ checks).
paths=()
for d in "${DIRS[@]}"; do paths+=("$KDIR/$d"); done
(cd "$KDIR" && python3 scripts/clang-tools/gen_compile_commands.py -d "$KDIR" \
    -o "$OUT/compile_commands.json" "${paths[@]}") > "$OUT/db.log" 2>&1 || {
    cat "$OUT/db.log" >&2; die "gen_compile_commands.py failed"; }
# The C sources of the database, relative to the tree (sorted): the TUs.
python3 - "$OUT/compile_commands.json" "$KDIR" > "$OUT/db.tus" <<'PY'
import json, os, sys
db, kdir = sys.argv[1:]
tus = set()
for e in json.load(open(db)):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if f.endswith(".c"):
        tus.add(os.path.relpath(f, kdir))
print("\n".join(sorted(tus)))
PY
ntu=$(grep -c . "$OUT/db.tus" || true)
(( ntu > 0 )) || die "no C objects were built under ${DIRS[*]} (is the directory enabled in .config?)"
log "database: $ntu TUs"

# Normalisation: "file:line:col: checker: message", file relative to the
# tree. Reads "file<TAB>line<TAB>col<TAB>checker<TAB>message" lines.
normalise() {
    python3 -c '
import os, sys
kdir = sys.argv[1]
out = set()
for l in sys.stdin:
    f, line, col, chk, msg = l.rstrip("\n").split("\t", 4)
    if not chk.startswith("linux.gup"):
        continue
    f = os.path.normpath(os.path.join(kdir, f))
    out.add(f"{os.path.relpath(f, kdir)}:{line}:{col}: {chk}: {msg}")
for l in sorted(out, key=lambda s: (s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2]), s)):
    print(l)' "$KDIR"
}
# Kbuild/clang text: "file:line:col: warning: message [linux.gup.X]".
text_findings() {
    sed -nE 's/^([^ :]+):([0-9]+):([0-9]+): warning: (.*) \[(linux\.gup\.[A-Za-z0-9_.]+)\]$/\1\t\2\t\3\t\5\t\4/p' "$@"
}
# Keep the TUs under the selected dirs (make also checks scripts/mod/empty.c).
under_dirs() {
    local re; re=$(printf '%s|' "${DIRS[@]}" | sed 's/[.]/\\./g; s/|$//')
    grep -E "^($re)" || true
}

# ---------------------------------------------------------------- a
log "a: pinpair check -p $OUT/compile_commands.json ${DIRS[*]}"
t0=$(now)
rc=0
"$PINPAIR" check -p "$OUT/compile_commands.json" --jobs "$JOBS" --format=json --no-progress \
    --results "$OUT/a.results.json" "${DIRS[@]}" > "$OUT/a.json" 2> "$OUT/a.err" || rc=$?
t_a=$(secs "$t0" "$(now)")
(( rc <= 1 )) || { cat "$OUT/a.err" >&2; die "pinpair check exited $rc (log: $OUT/a.err)"; }
python3 - "$OUT/a.json" "$OUT/a.results.json" "$KDIR" "$OUT/a.tus" "$OUT/a.failed" > "$OUT/a.raw" <<'PY'
import json, os, sys
fjson, rjson, kdir, tus_out, failed_out = sys.argv[1:]
for f in json.load(open(fjson)):
    print("\t".join([f["file"], str(f["line"]), str(f["col"]), f["checker"], f["message"]]))
res = json.load(open(rjson))
rel = lambda p: os.path.relpath(os.path.normpath(os.path.join(kdir, p)), kdir)
# A prefiltered TU was checked (the prefilter proved no finding possible):
# it counts as covered, and is listed apart.
pre_out = tus_out[:-len(".tus")] + ".prefiltered"
with open(tus_out, "w") as t, open(failed_out, "w") as fl, open(pre_out, "w") as pre:
    for tu in sorted(res["tus"], key=lambda x: x["file"]):
        prefiltered = tu["status"] == "skipped" and tu.get("detail", "").startswith("prefiltered")
        if tu["status"] == "analyzed" or prefiltered:
            t.write(rel(tu["file"]) + "\n")
            if prefiltered:
                pre.write(rel(tu["file"]) + "\n")
        else:
            fl.write(rel(tu["file"]) + "  " + tu["status"] + "\n")
PY
normalise < "$OUT/a.raw" > "$OUT/a.findings"
log "a: ${t_a}s, $(grep -c . "$OUT/a.findings" || true) findings"

# ---------------------------------------------------------------- b
log "b: make LLVM=$LLVM_SUFFIX C=2 CHECK=$PINPAIR ${DIRS[*]}"
t0=$(now)
rc=0
"${KMAKE[@]}" C=2 CHECK="$PINPAIR" "${DIRS[@]}" > "$OUT/b.out" 2> "$OUT/b.err" || rc=$?
t_b=$(secs "$t0" "$(now)")
(( rc == 0 )) || { tail -n 20 "$OUT/b.err" >&2; die "make C=2 exited $rc (log: $OUT/b.err)"; }
text_findings "$OUT/b.err" | normalise > "$OUT/b.findings"
sed -nE 's/^  CHECK +(.*\.c)$/\1/p' "$OUT/b.out" | under_dirs | sort -u > "$OUT/b.tus"
grep -E '^pinpair: error:' "$OUT/b.err" > "$OUT/b.failed" || true
log "b: ${t_b}s, $(grep -c . "$OUT/b.findings" || true) findings"

# ---------------------------------------------------------------- c
# The wrapper Kbuild calls as $(CC); CCC_CC (set by scan-build from
# --use-cc) is the real compiler.
mkdir -p "$OUT/wrap"
cat > "$OUT/wrap/$KCC" <<EOF
#!/bin/sh
# three-ways.sh: Kbuild's \$(CC) routed through scan-build's interposer.
CCC_CC=\${CCC_CC:-$REAL_CC}; export CCC_CC
exec "$CCC_ANALYZER" "\$@"
EOF
chmod +x "$OUT/wrap/$KCC"
# Kbuild re-runs Kconfig when CC_VERSION_TEXT changes: the wrapper must
# print the same first --version line as the real compiler.
want_ver=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$KDIR/.config")
got_ver=$(CCC_CC="$REAL_CC" "$OUT/wrap/$KCC" --version 2>/dev/null | head -n 1)
[[ "$got_ver" == "$want_ver" ]] ||
    die "the scan-build wrapper reports '$got_ver', the tree was configured with '$want_ver'"

# Delete the objects of the directories' C files, so that make rebuilds
# them through the wrapper (composite objects are relinked by make).
while IFS= read -r src; do
    rm -f "$KDIR/${src%.c}.o"
done < "$OUT/db.tus"
log "c: scan-build$LLVM_SUFFIX --keep-cc -load-plugin $PLUGIN -enable-checker linux.gup make ${DIRS[*]}"
t0=$(now)
rc=0
PATH="$OUT/wrap:$PATH" nice -n 10 "$SCAN_BUILD" --keep-cc --use-cc="$REAL_CC" \
    --use-analyzer="$ANALYZER" -load-plugin "$PLUGIN" -enable-checker linux.gup \
    "${SB_CONFIG[@]}" -plist -o "$OUT/scan-build" \
    make -C "$KDIR" LLVM="$LLVM_SUFFIX" -j"$JOBS" "${DIRS[@]}" > "$OUT/c.log" 2>&1 || rc=$?
t_c=$(secs "$t0" "$(now)")
(( rc == 0 )) || { tail -n 20 "$OUT/c.log" >&2; die "scan-build make exited $rc (log: $OUT/c.log)"; }
[[ "$(config_sum)" == "$config_before" ]] ||
    die "the tree's configuration changed during the run (see $OUT/c.log): re-run prepare-tree.sh"
python3 - "$OUT/scan-build" "$KDIR" "$OUT/c.failed" > "$OUT/c.raw" <<'PY'
import glob, os, plistlib, sys
root, kdir, failed_out = sys.argv[1:]
for p in glob.glob(os.path.join(root, "**", "*.plist"), recursive=True):
    with open(p, "rb") as fh:
        pl = plistlib.load(fh)
    files = pl.get("files", [])
    for d in pl.get("diagnostics", []):
        loc = d["location"]
        print("\t".join([files[loc["file"]], str(loc["line"]), str(loc["col"]),
                         d.get("check_name", ""), d["description"]]))
# ccc-analyzer's failure reports: <name>.info.txt, first line the source.
with open(failed_out, "w") as fl:
    for info in sorted(glob.glob(os.path.join(root, "*", "failures", "*.info.txt"))):
        lines = open(info, errors="replace").read().splitlines()
        fl.write(f"{os.path.relpath(lines[0], kdir)}  {lines[1] if len(lines) > 1 else ''}\n")
PY
normalise < "$OUT/c.raw" > "$OUT/c.findings"
sed -nE 's/^  CC( \[M\])? +(.*)\.o$/\2.c/p' "$OUT/c.log" | under_dirs | sort -u > "$OUT/c.tus"
log "c: ${t_c}s, $(grep -c . "$OUT/c.findings" || true) findings"

# ---------------------------------------------------------------- compare
ok=1
same() { cmp -s "$1" "$2"; }
{
    echo "== pinpair three ways: ${DIRS[*]} in $KDIR ($ntu TUs)"
    echo "pinpair: $PINPAIR"
    echo "plugin:  $PLUGIN"
    for w in a b c; do
        case $w in
            a) what="pinpair check -p compile_commands.json ${DIRS[*]}"; t=$t_a ;;
            b) what="make LLVM=$LLVM_SUFFIX C=2 CHECK=pinpair ${DIRS[*]}"; t=$t_b ;;
            c) what="scan-build$LLVM_SUFFIX -load-plugin ... make LLVM=$LLVM_SUFFIX ${DIRS[*]}"; t=$t_c ;;
        esac
        printf '\n%s. %s\n   %ss, %d TUs checked, %d failed, %d findings\n' "$w" "$what" "$t" \
            "$(grep -c . "$OUT/$w.tus" || true)" "$(grep -c . "$OUT/$w.failed" || true)" \
            "$(grep -c . "$OUT/$w.findings" || true)"
        sed 's/^/   /' "$OUT/$w.findings"
        if [[ -s "$OUT/$w.failed" ]]; then sed 's/^/   failed: /' "$OUT/$w.failed"; fi
        if [[ -s "$OUT/$w.prefiltered" ]]; then
            sed 's/^/   prefiltered (no finding possible, not parsed): /' "$OUT/$w.prefiltered"
        fi
    done
    echo
    echo "times: a ${t_a}s (analysis only), b ${t_b}s (make traversal + checks)," \
         "c ${t_c}s (make traversal + compile + analysis); build beforehand ${t_build}s"
    for w in a b c; do
        if ! same "$OUT/db.tus" "$OUT/$w.tus"; then
            ok=0; echo "TU MISMATCH: $w analysed other TUs than the database lists:"
            diff "$OUT/db.tus" "$OUT/$w.tus" | sed -n 's/^[<>]/   &/p'
        fi
        if [[ -s "$OUT/$w.failed" ]]; then ok=0; echo "FAILED TUs in $w"; fi
    done
    for w in b c; do
        if ! same "$OUT/a.findings" "$OUT/$w.findings"; then
            ok=0; echo "DIFFERENT: a vs $w"
            diff "$OUT/a.findings" "$OUT/$w.findings" | sed -n 's/^[<>]/   &/p'
        fi
    done
    if (( ok )); then
        echo "AGREE: the three ways give the same $(grep -c . "$OUT/a.findings" || true) finding(s) on the same $ntu TUs"
    else
        echo "DISAGREE (outputs in $OUT)"
    fi
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
(( ok ))
