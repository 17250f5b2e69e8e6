#!/usr/bin/env bash
# Prepare a real Linux kernel tree (Debian's linux-source-6.1) as an analysis
# target for the pinpair checkers (linux.gup.*).
#
# Steps (each one skipped when already done, so the script is re-runnable):
#   install   apt-get the build dependencies that are missing (dpkg -s check)
#   extract   unpack /usr/src/linux-source-6.1.tar.xz into the tree dir
#   config    make LLVM=-19 allmodconfig with a KCONFIG_ALLCONFIG fragment
#             that removes what breaks or distorts a clang-19 build
#   prepare   make LLVM=-19 prepare (+ modules_prepare)
#   find      list the .c files calling the GUP/pin API, and which of them
#             this config builds (asking Kbuild itself, see step_find)
#   build     build the object of each such file (failures are reported
#             and skipped, never fatal)
#   db        compile_commands.json for the tree + a filtered database with
#             the GUP-using TUs only (compile_commands.gup.json)
#
# The tree lives outside the repository (it is ~1.5 GB of sources plus
# objects); everything the script generates is written into the tree dir.
set -euo pipefail

usage() {
    cat <<EOF
Usage: $(basename "$0") [options]

Prepare the linux-source-6.1 tree for pinpair analysis (see header comment).

Options:
  -d, --dir DIR        tree directory (default: \${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel})
  -j, --jobs N         make parallelism (default: 2; capped at 2, the machine is shared)
  -t, --tarball FILE   kernel source tarball (default: /usr/src/linux-source-6.1.tar.xz)
  -s, --steps LIST     comma-separated subset of: install,extract,config,prepare,find,build,db
                       (default: all of them, in that order)
  -h, --help           this text

Generated files (in the tree dir):
  pinpair-gup-candidates.txt  every kernel .c file calling the API (all architectures)
  pinpair-kbuild-objects.txt  objects Kbuild builds for this config, per directory
  pinpair-gup-targets.txt     "<source> TAB <make goal>" for the candidates this config builds
  pinpair-gup-files.txt       the candidates that this config builds
  pinpair-gup-skipped.txt     candidates not built by this config
  pinpair-gup-built.txt       GUP files whose object was built
  pinpair-gup-failed.txt      GUP files whose object failed to build (see pinpair-logs/)
  compile_commands.json       full database (scripts/clang-tools/gen_compile_commands.py)
  compile_commands.gup.json   the entries of pinpair-gup-built.txt only
EOF
}

KDIR="${PINPAIR_KERNEL_DIR:-/var/tmp/pinpair-kernel}"
JOBS=2
TARBALL=/usr/src/linux-source-6.1.tar.xz
STEPS="install,extract,config,prepare,find,build,db"
LLVM_SUFFIX=-19   # LLVM=-19 makes Kbuild use clang-19, ld.lld-19, llvm-ar-19, ...

while [[ $# -gt 0 ]]; do
    case "$1" in
        -d|--dir) KDIR="$2"; shift 2 ;;
        -j|--jobs) JOBS="$2"; shift 2 ;;
        -t|--tarball) TARBALL="$2"; shift 2 ;;
        -s|--steps) STEPS="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || { echo "bad --jobs: $JOBS" >&2; exit 2; }
# Two cores, shared with other work: never go above -j2.
(( JOBS > 2 )) && JOBS=2

want() { [[ ",$STEPS," == *",$1,"* ]]; }
log() { printf '[prepare-tree] %s\n' "$*" >&2; }

LOGDIR="$KDIR/pinpair-logs"
KMAKE=(nice -n 10 make -C "$KDIR" LLVM="$LLVM_SUFFIX")

# ---------------------------------------------------------------- install
# Everything a fresh Debian 12 needs for an LLVM=-19 kernel build and for
# the compile-database generator. dwarves (pahole) is not needed since
# BTF is configured off.
PKGS=(make gcc libc6-dev flex bison bc perl python3 xz-utils cpio kmod
      libelf-dev libssl-dev clang-19 lld-19 llvm-19 linux-source-6.1)
# shellcheck source=../lib/ensure-pkgs.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/ensure-pkgs.sh"
step_install() {
    ensure_pkgs "${PKGS[@]}"
    log "install: all packages present"
}

# ---------------------------------------------------------------- extract
step_extract() {
    if [[ -f "$KDIR/.pinpair-extracted" ]]; then
        log "extract: already done ($KDIR)"
        return
    fi
    [[ -f "$TARBALL" ]] || { echo "missing $TARBALL (apt-get install linux-source-6.1)" >&2; exit 1; }
    mkdir -p "$KDIR"
    log "extract: $TARBALL -> $KDIR"
    # The tarball has one top-level dir (linux-source-6.1/); strip it so that
    # the tree dir is the kernel source root.
    nice tar -xJf "$TARBALL" -C "$KDIR" --strip-components=1
    touch "$KDIR/.pinpair-extracted"
}

# ---------------------------------------------------------------- config
# allmodconfig maximises the number of built GUP users (COMPILE_TEST drivers
# included); the fragment below turns off what would break the build with
# clang-19 or change the code the analyzer sees.
config_fragment() {
    cat <<'EOF'
# Newer clang warns where clang of 2022 did not: warnings must not fail.
# CONFIG_WERROR is not set
# Sanitizers and coverage instrument code (and add compiler flags) that only
# slow the build down and are irrelevant to the analysis.
# CONFIG_KASAN is not set
# CONFIG_KCSAN is not set
# CONFIG_KMSAN is not set
# CONFIG_UBSAN is not set
# CONFIG_KCOV is not set
# CONFIG_GCOV_KERNEL is not set
# CONFIG_GCOV_PROFILE_ALL is not set
# CONFIG_KFENCE is not set
# LTO makes .o files LLVM bitcode and CFI needs LTO: plain objects only.
CONFIG_LTO_NONE=y
# CONFIG_LTO_CLANG_FULL is not set
# CONFIG_LTO_CLANG_THIN is not set
# CONFIG_CFI_CLANG is not set
# No debug info: faster, and BTF would need pahole (dwarves).
CONFIG_DEBUG_INFO_NONE=y
# CONFIG_DEBUG_INFO_BTF is not set
# GCC plugins and Rust are unavailable/irrelevant with LLVM=-19.
# CONFIG_GCC_PLUGINS is not set
# CONFIG_RUST is not set
# Module signing would need keys generated at link time; we never link.
# CONFIG_MODULE_SIG is not set
# Struct layout randomisation takes a per-tree random seed: keep layouts (and
# so the analysed code) identical across machines.
CONFIG_RANDSTRUCT_NONE=y
EOF
}

# Stamp that identifies the configuration inputs: reconfigure when the
# fragment or the toolchain suffix changes.
config_stamp() { { config_fragment; echo "LLVM=$LLVM_SUFFIX"; } | sha256sum | cut -d' ' -f1; }

step_config() {
    local stamp; stamp=$(config_stamp)
    if [[ -f "$KDIR/.config" && -f "$KDIR/.pinpair-config-stamp" &&
          "$(cat "$KDIR/.pinpair-config-stamp")" == "$stamp" ]]; then
        log "config: up to date"
        return
    fi
    mkdir -p "$LOGDIR"
    config_fragment > "$KDIR/pinpair-allconfig.fragment"
    log "config: make allmodconfig (log: $LOGDIR/config.log)"
    "${KMAKE[@]}" KCONFIG_ALLCONFIG="$KDIR/pinpair-allconfig.fragment" allmodconfig \
        > "$LOGDIR/config.log" 2>&1
    # Kconfig silently drops fragment lines whose dependencies are unmet; make
    # sure the ones that matter really took effect.
    local bad=0 sym
    for sym in WERROR KASAN KCSAN KMSAN UBSAN KCOV CFI_CLANG DEBUG_INFO_BTF LTO_CLANG RANDSTRUCT; do
        if grep -q "^CONFIG_${sym}=y" "$KDIR/.config"; then
            log "config: CONFIG_$sym is still enabled"; bad=1
        fi
    done
    grep -q '^CONFIG_DEBUG_INFO_NONE=y' "$KDIR/.config" || { log "config: DEBUG_INFO_NONE not set"; bad=1; }
    (( bad == 0 )) || { echo "configuration did not apply, see $KDIR/.config" >&2; exit 1; }
    # Config changed: every object built before is stale, forget build results.
    rm -f "$KDIR/.pinpair-prepared" "$KDIR"/pinpair-gup-{targets,files,skipped,built,failed}.txt
    echo "$stamp" > "$KDIR/.pinpair-config-stamp"
}

# ---------------------------------------------------------------- prepare
step_prepare() {
    if [[ -f "$KDIR/.pinpair-prepared" && "$KDIR/.pinpair-prepared" -nt "$KDIR/.config" ]]; then
        log "prepare: already done"
        return
    fi
    mkdir -p "$LOGDIR"
    log "prepare: make prepare modules_prepare (log: $LOGDIR/prepare.log)"
    # modules_prepare is needed because most GUP users are modules (drivers).
    "${KMAKE[@]}" -j"$JOBS" prepare > "$LOGDIR/prepare.log" 2>&1 || {
        tail -n 30 "$LOGDIR/prepare.log" >&2; exit 1; }
    "${KMAKE[@]}" -j"$JOBS" modules_prepare >> "$LOGDIR/prepare.log" 2>&1 || {
        tail -n 30 "$LOGDIR/prepare.log" >&2; exit 1; }
    touch "$KDIR/.pinpair-prepared"
}

# ---------------------------------------------------------------- find
# A call of one of these functions (name followed by '('). unpin_user_page*
# covers unpin_user_page(s), unpin_user_pages_dirty_lock and
# unpin_user_page_range_dirty_lock; iov_iter_get_pages* covers the
# _alloc/2 variants.
GUP_RE='\b(get_user_pages(_fast|_fast_only|_unlocked|_remote)?|pin_user_pages(_fast|_fast_only|_unlocked|_remote)?|__get_user_pages_fast|unpin_user_page[A-Za-z_]*|iov_iter_get_pages[A-Za-z0-9_]*|iov_iter_extract_pages)[[:space:]]*\('

# Which objects does this config build? Kbuild cannot be asked directly, and
# "make dir/file.o" is no test: it compiles any file it is given, enabled or
# not (with the flags of the nearest enabled directory). So Kbuild's own
# evaluation of the Makefiles is recorded instead: a hook makefile, loaded
# into every make via MAKEFILES (kbuild-dump.mk), makes each scripts/Makefile.build
# invocation (default goal "$(obj)/") append its directory's real-obj-y,
# real-obj-m and lib-y to a file, during a dry run (make -n) over the
# top-level directories of interest. Those lists are exactly what a full
# build compiles, with the path Kbuild uses: objects that another
# directory's Makefile builds through a relative path keep it, e.g.
# arch/x86/kvm/../../../virt/kvm/kvm_main.o, which is also the make goal
# that builds them with the right flags (KVM's ccflags, -DMODULE).
write_dump_hook() {
    cp "$(dirname "${BASH_SOURCE[0]}")/kbuild-dump.mk" "$KDIR/.pinpair-kbuild-dump.mk"
}

find_stamp() { { echo "$GUP_RE"; config_stamp; } | sha256sum | cut -d' ' -f1; }

step_find() {
    local stamp; stamp=$(find_stamp)
    if [[ -f "$KDIR/pinpair-gup-targets.txt" && "$KDIR/pinpair-gup-targets.txt" -nt "$KDIR/.config" &&
          -f "$KDIR/.pinpair-find-stamp" && "$(cat "$KDIR/.pinpair-find-stamp")" == "$stamp" ]]; then
        log "find: up to date ($(wc -l < "$KDIR/pinpair-gup-files.txt") GUP files in this config)"
        return
    fi
    mkdir -p "$LOGDIR"
    log "find: scanning for GUP/pin API callers"
    # tools/ is user space, samples/ and Documentation/ are not kernel objects.
    # shellcheck disable=SC2015  # "|| true": grep finding nothing is no error
    (cd "$KDIR" && grep -rlE --include='*.c' "$GUP_RE" \
        --exclude-dir=tools --exclude-dir=samples --exclude-dir=Documentation \
        --exclude-dir=scripts . || true) | sed 's|^\./||' | sort -u > "$KDIR/pinpair-gup-candidates.txt"
    log "find: $(wc -l < "$KDIR/pinpair-gup-candidates.txt") candidate files"

    # Dry-run the top-level directories holding candidates (x86 only for arch/).
    local goals=() d
    while IFS= read -r d; do
        if [[ "$d" == arch ]]; then goals+=(arch/x86/); else goals+=("$d/"); fi
    done < <(cut -d/ -f1 "$KDIR/pinpair-gup-candidates.txt" | sort -u)
    write_dump_hook
    rm -f "$KDIR/pinpair-kbuild-objects.txt"
    log "find: listing the objects of this config (make -n ${goals[*]}; log: $LOGDIR/find.log)"
    # -k: a directory whose dry run fails still lists the rest.
    MAKEFILES="$KDIR/.pinpair-kbuild-dump.mk" PINPAIR_DUMP="$KDIR/pinpair-kbuild-objects.txt" \
        "${KMAKE[@]}" -n -k "${goals[@]}" > "$LOGDIR/find.log" 2>&1 || true
    [[ -s "$KDIR/pinpair-kbuild-objects.txt" ]] || {
        echo "the Kbuild object listing is empty, see $LOGDIR/find.log" >&2; exit 1; }

    # pinpair-gup-targets.txt: "<source>\t<make goal>" for the candidates
    # this config builds; the rest go to pinpair-gup-skipped.txt.
    python3 - "$KDIR" <<'PY'
import os, sys
kdir = sys.argv[1]
goal = {}
for line in open(os.path.join(kdir, "pinpair-kbuild-objects.txt")):
    for o in line.split()[1:]:
        if o.endswith(".o"):
            goal.setdefault(os.path.normpath(o), o)
cands = [l.strip() for l in open(os.path.join(kdir, "pinpair-gup-candidates.txt")) if l.strip()]
with open(os.path.join(kdir, "pinpair-gup-targets.txt"), "w") as t, \
     open(os.path.join(kdir, "pinpair-gup-files.txt"), "w") as f, \
     open(os.path.join(kdir, "pinpair-gup-skipped.txt"), "w") as s:
    for c in cands:
        g = goal.get(c[:-2] + ".o")
        if g:
            t.write(f"{c}\t{g}\n")
            f.write(c + "\n")
        else:
            s.write(c + "\n")
PY
    echo "$stamp" > "$KDIR/.pinpair-find-stamp"
    log "find: $(wc -l < "$KDIR/pinpair-gup-files.txt") built by this config," \
        "$(wc -l < "$KDIR/pinpair-gup-skipped.txt") not"
}

# ---------------------------------------------------------------- build
obj_exists() { # $1 = source (relative): its object and the object's .cmd exist
    local o="$KDIR/${1%.c}.o"
    [[ -f "$o" && -f "$(dirname "$o")/.$(basename "$o").cmd" ]]
}

step_build() {
    [[ -f "$KDIR/pinpair-gup-targets.txt" ]] || step_find
    mkdir -p "$LOGDIR/build"
    local srcs=() goals=() src goal slog
    while IFS=$'\t' read -r src goal; do
        srcs+=("$src"); goals+=("$goal")
    done < "$KDIR/pinpair-gup-targets.txt"
    # One make for all objects: one descent of the tree, and -j spreads over
    # files. make itself skips up-to-date objects (and rebuilds one whose
    # command line or configuration changed), so a re-run is cheap.
    # -k: a failing object must not stop the others.
    log "build: ${#goals[@]} objects, -j$JOBS (log: $LOGDIR/build.log)"
    "${KMAKE[@]}" -k -j"$JOBS" "${goals[@]}" > "$LOGDIR/build.log" 2>&1 || true
    # Objects make reported as failed ("[...: dir/file.o] Error 1"). An
    # existing .o is not enough: clang leaves an older object in place when
    # its rebuild fails.
    local -A errs=()
    local e
    while IFS= read -r e; do
        [[ -n "$e" ]] && errs[$(realpath -m --relative-to="$KDIR" "$KDIR/$e")]=1
    done < <(sed -nE 's/.*\[[^]]*: ([^] ]+\.o)\] Error [0-9]+.*/\1/p' "$LOGDIR/build.log")
    local built=() failed=() i rc
    for i in "${!srcs[@]}"; do
        src=${srcs[$i]}; goal=${goals[$i]}
        if obj_exists "$src" && [[ -z "${errs[${src%.c}.o]:-}" ]]; then
            built+=("$src"); continue
        fi
        # Rebuild alone for a log of its own errors.
        slog="$LOGDIR/build/${src//\//__}.log"
        rc=0
        "${KMAKE[@]}" "$goal" > "$slog" 2>&1 || rc=$?
        if (( rc == 0 )) && obj_exists "$src"; then built+=("$src"); continue; fi
        log "build: FAILED $src (log: $slog)"
        failed+=("$src")
    done
    printf '%s\n' "${built[@]}" | sed '/^$/d' > "$KDIR/pinpair-gup-built.txt"
    printf '%s\n' "${failed[@]}" | sed '/^$/d' > "$KDIR/pinpair-gup-failed.txt"
}

# ---------------------------------------------------------------- db
step_db() {
    [[ -f "$KDIR/pinpair-gup-built.txt" ]] || { echo "run the build step first" >&2; exit 1; }
    log "db: gen_compile_commands.py"
    # The generator walks the tree for the .cmd files Kbuild wrote next to
    # each object, so it covers exactly what was built.
    (cd "$KDIR" && nice python3 scripts/clang-tools/gen_compile_commands.py \
        -d . -o compile_commands.json) > "$LOGDIR/db.log" 2>&1 || {
        cat "$LOGDIR/db.log" >&2; exit 1; }
    local kept all counts  # counts=$(...): a failing filter-db.py stops the script
    counts=$(python3 "$(dirname "${BASH_SOURCE[0]}")/filter-db.py" \
        --log-prefix prepare-tree --db "$KDIR/compile_commands.json" --root "$KDIR" \
        --files "$KDIR/pinpair-gup-built.txt" --out "$KDIR/compile_commands.gup.json")
    read -r kept all <<< "$counts"
    log "db: $all entries in compile_commands.json, $kept in compile_commands.gup.json"
}

count() { if [[ -f "$1" ]]; then sed '/^$/d' "$1" | wc -l; else echo 0; fi; }

summary() {
    echo "== pinpair kernel tree: $KDIR"
    echo "GUP candidate files (all arches):  $(count "$KDIR/pinpair-gup-candidates.txt")"
    echo "  not built by this config:        $(count "$KDIR/pinpair-gup-skipped.txt")"
    echo "GUP files found (in this config):  $(count "$KDIR/pinpair-gup-files.txt")"
    echo "  built:                           $(count "$KDIR/pinpair-gup-built.txt")"
    echo "  failed:                          $(count "$KDIR/pinpair-gup-failed.txt")"
    if [[ -s "$KDIR/pinpair-gup-failed.txt" ]]; then
        sed 's/^/    failed: /' "$KDIR/pinpair-gup-failed.txt"
    fi
    if [[ -f "$KDIR/compile_commands.gup.json" ]]; then
        echo "filtered database: $KDIR/compile_commands.gup.json"
    fi
}

want install && step_install
want extract && step_extract
want config && step_config
want prepare && step_prepare
want find && step_find
want build && step_build
want db && step_db
summary
