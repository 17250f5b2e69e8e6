#!/usr/bin/env python3
"""Cut a compilation database down to a list of source files.

    filter-db.py --db ALL.json --root KDIR --files LIST --out OUT.json
                 [--absolute] [--log-prefix NAME]

LIST holds one source path per line, relative to KDIR (the kernel tree).
OUT.json gets the first entry of ALL.json for each of them, sorted by file;
with --absolute each entry's directory is KDIR and its file an absolute path.
A listed file without an entry is named on stderr. Printed on stdout: the
number of entries kept, then the number in ALL.json.

Shared by prepare-tree.sh (the GUP TUs' database) and
scripts/bench/tree-sample.sh (the sample's).
"""
import argparse
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--db", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--files", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--absolute", action="store_true")
    ap.add_argument("--log-prefix", default="filter-db")
    a = ap.parse_args()

    with open(a.files) as fh:
        want = {os.path.normpath(os.path.join(a.root, l.strip())) for l in fh if l.strip()}
    with open(a.db) as fh:
        db = json.load(fh)
    out, seen = [], set()
    for e in db:
        f = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if f in want and f not in seen:
            seen.add(f)
            out.append(dict(e, directory=a.root, file=f) if a.absolute else e)
    out.sort(key=lambda e: e["file"])
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")
    for m in sorted(want - seen):
        print(f"[{a.log_prefix}] db: no compile command for " + os.path.relpath(m, a.root),
              file=sys.stderr)
    print(len(out), len(db))


if __name__ == "__main__":
    main()
