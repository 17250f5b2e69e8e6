#!/usr/bin/env python3
"""Turn kernel compile commands into clang static analyzer commands.

Reads a compilation database (compile_commands.json as written by the
kernel's scripts/clang-tools/gen_compile_commands.py) and prints, for each
entry, one tab-separated line:

    <directory> TAB <file> TAB <shell-quoted analyzer command>

The command is the kernel's own compile command with:
  * the compiler replaced by --clang (the clang the plugin is built against),
  * what only makes sense for producing an object dropped: -c, -o <obj>,
    dependency-file flags (-Wp,-MMD,<file>, -MD, -MF <file>, ...), -S/-E,
  * GCC-only flags and GCC plugin flags dropped (they only appear when the
    tree was built with CC=gcc; clang errors on them),
  * --analyze -Xclang -analyzer-output=text, the plugin and checkers, the
    extra arguments, and -o /dev/null (the text output goes to stderr)
    appended; with --syntax-only, -fsyntax-only and the extra arguments
    instead (the parse alone, the yardstick of the analysis cost).

Shared by scripts/kernel/analyze-tree.sh and scripts/bench/analysis-cost.sh.
"""
import argparse
import json
import os
import re
import shlex
import sys

# Flags followed by a separate argument that must go with them.
DROP_WITH_ARG = {"-o", "-MF", "-MT", "-MQ"}
# Flags dropped on their own.
DROP_EXACT = {"-c", "-S", "-E", "-MD", "-MMD", "-MP", "-M", "-MM"}
# Patterns of flags dropped on their own: dependency output through the
# preprocessor, and flags GCC accepts but clang rejects or that load GCC
# plugins (a GCC plugin .so cannot be loaded by clang).
DROP_RE = [
    r"-Wp,-M.*",
    r"-fplugin=.*scripts/gcc-plugins/.*",
    r"-fplugin-arg-.*",
    r"-fconserve-stack",
    r"-fno-allow-store-data-races",
    r"-mindirect-branch=.*",
    r"-mindirect-branch-register",
    r"-fno-var-tracking-assignments",
    r"-fno-ipa-.*",
    r"-Wno-maybe-uninitialized",
    r"-Wno-alloc-size-larger-than",
    r"-Wimplicit-fallthrough=.*",
    r"--param=.*",
]


def convert(args_list, clang, plugin, checkers, extra, drop_re, syntax_only=False):
    out = [clang]
    it = iter(args_list[1:])
    for a in it:
        if a in DROP_WITH_ARG:
            next(it, None)
            continue
        if a in DROP_EXACT:
            continue
        if any(r.fullmatch(a) for r in drop_re):
            continue
        out.append(a)
    if syntax_only:
        return out + ["-fsyntax-only"] + extra
    out += ["--analyze", "-Xclang", "-analyzer-output=text"]
    if plugin:
        out.append("-fplugin=" + plugin)
    for c in checkers:
        out += ["-Xclang", "-analyzer-checker=" + c]
    out += extra
    out += ["-o", "/dev/null"]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="compilation database")
    ap.add_argument("--clang", default="/usr/lib/llvm-19/bin/clang")
    ap.add_argument("--plugin", default="", help="checker plugin .so (none: default checkers only)")
    ap.add_argument("--checkers", default="",
                    help="comma-separated checkers/packages to enable in addition to the defaults")
    ap.add_argument("--extra", action="append", default=[],
                    help="extra argument appended to each command (repeatable)")
    ap.add_argument("--drop", action="append", default=[],
                    help="regex: also drop compile flags matching it (repeatable)")
    ap.add_argument("--syntax-only", action="store_true",
                    help="parse only (-fsyntax-only), no analysis")
    ap.add_argument("--subset", type=int, default=0,
                    help="only N entries, evenly spread over the (file-sorted) database")
    ns = ap.parse_args()

    drop_re = [re.compile(p) for p in DROP_RE + ns.drop]
    checkers = [c for c in ns.checkers.split(",") if c]
    with open(ns.db) as fh:
        db = json.load(fh)
    db.sort(key=lambda e: e["file"])
    if ns.subset and ns.subset < len(db):
        # Evenly spaced picks: a quick run still covers mm/, fs/, drivers/...
        step = len(db) / ns.subset
        db = [db[int(i * step)] for i in range(ns.subset)]
    for e in db:
        argv = e["arguments"] if "arguments" in e else shlex.split(e["command"])
        cmd = convert(argv, ns.clang, ns.plugin, checkers, ns.extra, drop_re,
                      ns.syntax_only)
        f = e["file"]
        if os.path.isabs(f):
            f = os.path.relpath(f, e["directory"])
        print("\t".join([e["directory"], os.path.normpath(f), shlex.join(cmd)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
