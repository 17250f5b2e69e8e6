#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare, per fixture, the static verdict (clang + pinpair plugin), the dynamic verdict
(the fixture's runner under the reference model's fault injector) and the expectation
written in the fixture (`// pinpair-expect: ...`, as the runner reads it).

    agreement.py --clang CLANG --plugin PLUGIN.so --include INCLUDE_DIR \\
                 --manifest BUILD/test/refmodel/fixtures.tsv \\
                 [--known-limitations known-limitations.txt] [--no-static] [-j N]

The manifest (written by test/refmodel/CMakeLists.txt) has one line per fixture:
name <TAB> runner executable <TAB> fixture source.

Prints one table row per fixture and exits non-zero if any fixture disagrees (or fails to
analyse or run) without being listed in the known-limitations file, whose lines read
`fixture-name: reason` (# starts a comment). Listed fixtures that now agree are pointed out
but do not fail the run.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

CHECKERS = ("Leak", "DoubleRelease", "OverRelease", "MismatchedRelease", "NegativeCount",
            "UseAfterRelease")
CHECKER_PACKAGE = "linux.gup"

# Text-mode analyzer diagnostics, e.g.
#   /x/fixture.c:20:3: warning: Potential leak of pinned pages [linux.gup.Leak]
WARNING_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: (?P<msg>.*) "
                        r"\[" + re.escape(CHECKER_PACKAGE) + r"\.(?P<checker>[A-Za-z0-9_]+)\]$")
ERROR_RE = re.compile(r"^(?:.+?:\d+:\d+: )?(?:fatal )?error: (?P<msg>.*)$")
RUNNER_RE = re.compile(r"^(?P<key>verdict|expected):\s*(?P<names>.*)$")


class FixtureError(Exception):
    """A fixture could not be analysed, run or read."""


def parse_static_output(text):
    """Checker names of the linux.gup warnings in analyzer output. Raises on compile errors."""
    names, errors = set(), []
    for line in text.splitlines():
        line = line.rstrip()
        warning = WARNING_RE.match(line)
        if warning:
            names.add(warning.group("checker"))
            continue
        error = ERROR_RE.match(line)
        if error:
            errors.append(error.group("msg"))
    if errors:
        raise FixtureError("analysis failed: " + "; ".join(errors[:3]))
    return frozenset(names)


def parse_runner_output(text):
    """(expected, dynamic) class-name sets from the output of `runner --expect FIXTURE.c`."""
    found = {}
    for line in text.splitlines():
        match = RUNNER_RE.match(line.strip())
        if match:
            names = match.group("names").split()
            found[match.group("key")] = frozenset(n for n in names if n != "none")
    if set(found) != {"expected", "verdict"}:
        raise FixtureError("runner printed no verdict")
    return found["expected"], found["verdict"]


def read_manifest(path):
    """[(name, runner, source)] in name order."""
    rows = []
    with open(path) as manifest:
        for number, line in enumerate(manifest, 1):
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                raise SystemExit("%s:%d: expected name<TAB>runner<TAB>source" % (path, number))
            rows.append(tuple(fields))
    return sorted(rows)


def read_known_limitations(path):
    """{fixture name: reason}."""
    known = {}
    if not path:
        return known
    with open(path) as limitations:
        for number, line in enumerate(limitations, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, sep, reason = line.partition(":")
            if not sep or not name.strip() or not reason.strip():
                raise SystemExit("%s:%d: expected 'fixture-name: reason'" % (path, number))
            known[name.strip()] = reason.strip()
    return known


def static_command(args, source):
    return [args.clang, "--analyze", "--target=x86_64-linux-gnu", "-fplugin=" + args.plugin,
            "-Xclang", "-analyzer-checker=" + CHECKER_PACKAGE,
            "-Xclang", "-analyzer-output=text", "-fno-color-diagnostics",
            "-I" + args.include, source, "-o", os.devnull] + args.extra_arg


def run(command, timeout):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise FixtureError("%s: %s" % (os.path.basename(command[0]), error))
    return done.returncode, done.stdout


def static_verdict(args, source):
    status, output = run(static_command(args, source), args.timeout)
    names = parse_static_output(output)
    if status:
        raise FixtureError("analyzer exited with status %d" % status)
    return names


def runner_verdicts(args, runner, source):
    """(expected, dynamic). The runner exits 1 when they differ: that is for the table."""
    status, output = run([runner, "--expect", source], args.timeout)
    if status not in (0, 1):
        last = output.strip().splitlines()[-1:] or [""]
        raise FixtureError("runner exited with status %d: %s" % (status, last[0]))
    return parse_runner_output(output)


def evaluate(args, name, runner, source):
    """One table row: name, expected, static, dynamic (sets or error strings)."""
    try:
        expected, dynamic = runner_verdicts(args, runner, source)
    except FixtureError as error:
        expected = dynamic = "ERROR (%s)" % error
    try:
        static = None if args.no_static else static_verdict(args, source)
    except FixtureError as error:
        static = "ERROR (%s)" % error
    return name, expected, static, dynamic


def agrees(expected, static, dynamic):
    verdicts = [v for v in (expected, static, dynamic) if v is not None]
    return all(isinstance(v, frozenset) for v in verdicts) and len(set(verdicts)) == 1


def show(verdict):
    if verdict is None:
        return "-"
    if isinstance(verdict, str):
        return "ERROR"  # details follow the table
    order = {name: index for index, name in enumerate(CHECKERS)}
    return ",".join(sorted(verdict, key=lambda n: (order.get(n, len(order)), n))) or "none"


def status_of(row, known):
    name, expected, static, dynamic = row
    if agrees(expected, static, dynamic):
        return "ok (listed as a known limitation)" if name in known else "ok"
    if name in known:
        return "known: " + known[name]
    return "DISAGREE"


def format_table(rows, known):
    header = ("fixture", "expected", "static", "dynamic", "status")
    table = [header] + [(row[0], show(row[1]), show(row[2]), show(row[3]), status_of(row, known))
                        for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header) - 1)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)) +
                     "  " + line[-1] for line in table)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clang", help="clang executable (19)")
    parser.add_argument("--plugin", help="pinpair analyzer plugin (.so)")
    parser.add_argument("--include", help="include directory of gupmodel/kernel.h")
    parser.add_argument("--manifest", required=True, help="fixtures.tsv from the build")
    parser.add_argument("--known-limitations", help="fixtures allowed to disagree")
    parser.add_argument("--no-static", action="store_true",
                        help="compare only the dynamic verdict with the expectation")
    parser.add_argument("--extra-arg", action="append", default=[],
                        help="extra argument for the analyzer (repeatable)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    parser.add_argument("fixtures", nargs="*", help="only these fixture names")
    args = parser.parse_args(argv)
    if not args.no_static and not (args.clang and args.plugin and args.include):
        parser.error("--clang, --plugin and --include are needed unless --no-static")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    known = read_known_limitations(args.known_limitations)
    every = read_manifest(args.manifest)
    manifest = [row for row in every if not args.fixtures or row[0] in args.fixtures]
    unknown = set(known) - {row[0] for row in every}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        rows = list(pool.map(lambda row: evaluate(args, *row), manifest))

    print(format_table(rows, known))
    for name, *verdicts in rows:
        for side, verdict in zip(("expected", "static", "dynamic"), verdicts):
            if isinstance(verdict, str) and (side != "expected" or verdict != verdicts[2]):
                print("%s: %s: %s" % (name, side, verdict))
    failures = [row[0] for row in rows if status_of(row, known) == "DISAGREE"]
    listed = sum(1 for row in rows if row[0] in known and not agrees(*row[1:]))
    print("\n%d fixtures: %d agree, %d known limitations, %d disagree"
          % (len(rows), len(rows) - listed - len(failures), listed, len(failures)))
    for name in sorted(unknown):
        print("warning: known-limitations lists %s, which is not a fixture" % name)
    if failures:
        print("disagreeing: " + " ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
