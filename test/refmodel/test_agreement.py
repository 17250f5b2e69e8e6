#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self-test of agreement.py without the pinpair plugin.

    test_agreement.py --manifest BUILD/test/refmodel/fixtures.tsv

Unit tests of the parsers on canned analyzer output, then end-to-end runs over the real
fixtures and runners with a fake clang that "finds" exactly what each fixture expects (and,
on request, disagrees on one fixture or fails to compile it).
"""

import contextlib
import io
import os
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import agreement  # noqa: E402


def take_manifest_argument():
    """Remove `--manifest PATH` from sys.argv (unittest would reject it) and return PATH."""
    if "--manifest" not in sys.argv[:-1]:
        return None
    at = sys.argv.index("--manifest")
    path = sys.argv[at + 1]
    del sys.argv[at:at + 2]
    return path


MANIFEST = take_manifest_argument()

# Stands in for `clang --analyze -fplugin=...`: warns, in clang's text format, once per
# checker the fixture expects (as its runner reads the expectation). FAKE_CLANG_DISAGREE=
# <fixture> toggles Leak for that fixture; FAKE_CLANG_ERROR=<fixture> makes it fail like a
# missing header.
FAKE_CLANG = r'''#!{python}
import os, subprocess, sys
sys.dont_write_bytecode = True
sys.path.insert(0, {here!r})
import agreement
source = next(arg for arg in sys.argv[1:] if arg.endswith(".c"))
assert any(arg.startswith("-fplugin=") for arg in sys.argv), "no plugin argument"
name = os.path.basename(source)[:-2]
if name == os.environ.get("FAKE_CLANG_ERROR"):
    print(source + ":3:10: fatal error: 'gupmodel/fixture.h' file not found", file=sys.stderr)
    sys.exit(1)
runner = {{row[2]: row[1] for row in agreement.read_manifest({manifest!r})}}[source]
output = subprocess.run([runner, "--expect", source], stdout=subprocess.PIPE,
                        universal_newlines=True).stdout
names = set(agreement.parse_runner_output(output)[0])
if name == os.environ.get("FAKE_CLANG_DISAGREE"):
    names ^= {{"Leak"}}
for line, checker in enumerate(sorted(names), 10):
    print("%s:%d:5: warning: fake report [linux.gup.%s]" % (source, line, checker),
          file=sys.stderr)
    print("   %d |     return ret;" % line, file=sys.stderr)
    print("%s:%d:5: note: Pages taken here" % (source, line - 1), file=sys.stderr)
if names:
    print("%d warning%s generated." % (len(names), "s" if len(names) > 1 else ""),
          file=sys.stderr)
'''

ANALYZER_OUTPUT = """\
/w/test/refmodel/fixtures/x.c:21:3: warning: Value stored to 'ret' is never read [deadcode.DeadStores]
   21 |         ret = 0;
      |         ^     ~
/w/test/refmodel/fixtures/x.c:14:8: note: Pages pinned by 'pin_user_pages_fast' [linux.gup.Leak]
/w/test/refmodel/fixtures/x.c:30:10: warning: Potential leak of 2 pinned pages [linux.gup.Leak]
   30 |                 return -EFAULT;
      |                        ^~~~~~~
/w/lib/refmodel/batch/page_queue.c:7:2: warning: Pages released twice [linux.gup.DoubleRelease]
3 warnings generated.
"""


class Parsers(unittest.TestCase):
    def test_static_output(self):
        self.assertEqual(agreement.parse_static_output(ANALYZER_OUTPUT),
                         {"Leak", "DoubleRelease"})
        self.assertEqual(agreement.parse_static_output(""), frozenset())
        self.assertEqual(agreement.parse_static_output("1 warning generated.\n"), frozenset())
        with self.assertRaises(agreement.FixtureError):
            agreement.parse_static_output(
                "x.c:3:10: fatal error: 'gupmodel/fixture.h' file not found\n")
        with self.assertRaises(agreement.FixtureError):
            agreement.parse_static_output("error: unable to load plugin 'p.so'\n")

    def test_runner_output(self):
        parse = agreement.parse_runner_output
        self.assertEqual(parse("fixture: x\nschedules: 9 over 9 buffers\nverdict: none\n"
                               "expected: none\n"), (frozenset(), frozenset()))
        self.assertEqual(parse("verdict: Leak MismatchedRelease\nexpected: Leak\nunexpected:\n"
                               "  MismatchedRelease, first seen with buffer offset 0 len 1\n"),
                         ({"Leak"}, {"Leak", "MismatchedRelease"}))
        with self.assertRaises(agreement.FixtureError):
            parse("verdict: none\n")
        with self.assertRaises(agreement.FixtureError):
            parse("Segmentation fault\n")

    def test_known_limitations(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("# comment\n\nfoo: static side cannot see the callback  # why\n")
        try:
            self.assertEqual(agreement.read_known_limitations(f.name),
                             {"foo": "static side cannot see the callback"})
            with open(f.name, "w") as bad:
                bad.write("foo\n")
            with self.assertRaises(SystemExit):
                agreement.read_known_limitations(f.name)
        finally:
            os.unlink(f.name)

    def test_status_and_table(self):
        leak = frozenset({"Leak"})
        rows = [("a", leak, leak, leak), ("b", leak, frozenset(), leak),
                ("c", leak, "ERROR (analysis failed: x)", leak), ("d", leak, None, leak),
                ("e", frozenset(), leak, frozenset())]
        known = {"e": "reason"}
        self.assertEqual([agreement.status_of(r, known) for r in rows],
                         ["ok", "DISAGREE", "DISAGREE", "ok", "known: reason"])
        table = agreement.format_table(rows, known).splitlines()
        self.assertEqual(table[0].split(), ["fixture", "expected", "static", "dynamic",
                                            "status"])
        self.assertEqual(table[2].split(), ["b", "Leak", "none", "Leak", "DISAGREE"])
        self.assertEqual(table[4].split()[2], "-")


@unittest.skipUnless(MANIFEST, "needs --manifest")
class EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.clang = os.path.join(cls.tmp.name, "clang")
        with open(cls.clang, "w") as fake:
            fake.write(FAKE_CLANG.format(python=sys.executable, here=HERE, manifest=MANIFEST))
        os.chmod(cls.clang, stat.S_IRWXU)
        cls.known = os.path.join(cls.tmp.name, "known.txt")
        cls.fixture, cls.runner = agreement.read_manifest(MANIFEST)[0][:2]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        for var in ("FAKE_CLANG_DISAGREE", "FAKE_CLANG_ERROR"):
            os.environ.pop(var, None)

    def agreement(self, *extra):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = agreement.main(["--clang", self.clang, "--plugin", "fake.so",
                                     "--include", "/nonexistent", "--manifest", MANIFEST]
                                    + list(extra))
        return status, out.getvalue()

    def test_all_agree(self):
        status, out = self.agreement()
        self.assertEqual(status, 0, out)
        self.assertIn(" 0 disagree", out)
        self.assertNotIn("DISAGREE", out)

    def test_disagreement(self):
        os.environ["FAKE_CLANG_DISAGREE"] = self.fixture
        status, out = self.agreement(self.fixture)
        self.assertEqual(status, 1, out)
        self.assertIn("disagreeing: " + self.fixture, out)

        with open(self.known, "w") as known:
            known.write("%s: the fake analyzer disagrees on purpose\n" % self.fixture)
        status, out = self.agreement("--known-limitations", self.known, self.fixture)
        self.assertEqual(status, 0, out)
        self.assertIn("known: the fake analyzer disagrees on purpose", out)

    def test_analysis_error(self):
        os.environ["FAKE_CLANG_ERROR"] = self.fixture
        status, out = self.agreement(self.fixture)
        self.assertEqual(status, 1, out)
        self.assertIn("%s: static: ERROR (analysis failed" % self.fixture, out)

    def test_expectation_lines(self):
        """The runner is the parser of pinpair-expect lines; bad ones are exit status 2."""
        cases = [("// pinpair-expect: Leak\n/* pinpair-expect: OverRelease */\n", 1,
                  "expected: Leak OverRelease"),
                 ("// pinpair-expect: none\n", None, "expected: none"),
                 ("// pinpair-expect: Leek\n", 2, "unknown checker 'Leek'"),
                 ("// pinpair-expect: none\n// pinpair-expect: Leak\n", 2, "exactly one"),
                 ("int x;\n", 2, "needs `pinpair-expect:` lines")]
        for text, status, message in cases:
            path = os.path.join(self.tmp.name, "expect.c")
            with open(path, "w") as fixture:
                fixture.write(text)
            done = subprocess.run([self.runner, "--expect", path], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, universal_newlines=True)
            if status is not None:
                self.assertEqual(done.returncode, status, done.stdout)
            self.assertIn(message, done.stdout)

    def test_dynamic_only(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = agreement.main(["--no-static", "--manifest", MANIFEST])
        self.assertEqual(status, 0, out.getvalue())


if __name__ == "__main__":
    unittest.main(verbosity=1)
