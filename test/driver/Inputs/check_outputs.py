#!/usr/bin/env python3
"""Structural checks of pinpair's machine-readable outputs, for the lit tests.

  check_outputs.py json FINDINGS.json [--count N] [--baseline]
      --format=json output: an array of findings with every documented field.
  check_outputs.py sarif LOG.sarif [--findings FINDINGS.json] [--rules a,b]
      one SARIF 2.1.0 run; rule indices, artifact indices and fingerprints
      consistent; with --findings, the same fingerprints as the JSON output.
  check_outputs.py same A B
      two --results files (or --format=json outputs) hold the same findings;
      when both carry SARIF, the same SARIF results too.
  check_outputs.py shards ALL S1 S2 ...
      the TUs of the shard --results files partition those of ALL.
  check_outputs.py html INDEX --count N
      index.html lists N reports, each link naming a file that exists.
  check_outputs.py diag-lines A B [--checkers PREFIX]
      the warning/note lines (no source snippets) of two text outputs are the
      same, in any order; only warnings of checkers starting with PREFIX
      (default linux.gup.) and their notes are compared.
Exits 1 with a message on the first difference.
"""
import argparse
import json
import re
import sys


def fail(msg):
    print("check_outputs.py: " + msg, file=sys.stderr)
    sys.exit(1)


FINDING_FIELDS = {"file": str, "line": int, "col": int, "checker": str,
                  "message": str, "function": str, "fingerprint": str,
                  "notes": list}


def check_finding(f, where):
    for k, t in FINDING_FIELDS.items():
        if not isinstance(f.get(k), t):
            fail(f"{where}: field {k!r} missing or not {t.__name__}: {f}")
    if not re.fullmatch(r"[0-9a-f]{32}", f["fingerprint"]):
        fail(f"{where}: bad fingerprint {f['fingerprint']!r}")
    for n in f["notes"]:
        for k, t in (("file", str), ("line", int), ("col", int), ("message", str)):
            if not isinstance(n.get(k), t):
                fail(f"{where}: note field {k!r} missing: {n}")


def load_findings(path):
    with open(path) as fh:
        d = json.load(fh)
    if isinstance(d, dict):
        return d["findings"], d.get("sarif")
    return d, None


def cmd_json(a):
    with open(a.file) as fh:
        d = json.load(fh)
    if not isinstance(d, list):
        fail("expected a JSON array")
    for i, f in enumerate(d):
        check_finding(f, f"finding {i}")
        if a.baseline and not isinstance(f.get("new"), bool):
            fail(f"finding {i}: no 'new' flag with --baseline")
    if a.count is not None and len(d) != a.count:
        fail(f"expected {a.count} findings, got {len(d)}")
    fps = [f["fingerprint"] for f in d]
    if len(set(fps)) != len(fps):
        fail("duplicate fingerprints")


def sarif_results(log):
    if log.get("version") != "2.1.0":
        fail("SARIF version is not 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail("expected exactly one run")
    run = runs[0]
    driver = run["tool"]["driver"]
    if not driver.get("name"):
        fail("tool.driver.name missing")
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        fail(f"duplicate rules: {ids}")
    artifacts = run.get("artifacts", [])
    uris = [a["location"]["uri"] for a in artifacts]
    if len(set(uris)) != len(uris):
        fail("duplicate artifacts")
    for i, a in enumerate(artifacts):
        if a["location"].get("index", i) != i:
            fail(f"artifact {i} has index {a['location'].get('index')}")

    def walk(v):
        if isinstance(v, dict):
            al = v.get("artifactLocation")
            if isinstance(al, dict) and "index" in al:
                idx = al["index"]
                if not 0 <= idx < len(artifacts):
                    fail(f"artifact index {idx} out of range")
                if al.get("uri") and al["uri"] != uris[idx]:
                    fail(f"artifact index {idx} names {uris[idx]}, not {al['uri']}")
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    results = run.get("results", [])
    for r in results:
        if not r.get("ruleId") or not r.get("message", {}).get("text"):
            fail(f"result without ruleId or message: {r}")
        if "ruleIndex" in r and ids[r["ruleIndex"]] != r["ruleId"]:
            fail(f"ruleIndex {r['ruleIndex']} is {ids[r['ruleIndex']]}, not {r['ruleId']}")
        if r["ruleId"] not in ids:
            fail(f"rule {r['ruleId']} not among the rules")
        fp = r.get("partialFingerprints", {}).get("pinpairFingerprint/v1")
        if not fp:
            fail(f"result without pinpairFingerprint/v1: {r['message']}")
        walk(r)
    return ids, results


def cmd_sarif(a):
    with open(a.file) as fh:
        log = json.load(fh)
    ids, results = sarif_results(log)
    if a.rules is not None:
        want = sorted(x for x in a.rules.split(",") if x)
        if sorted(ids) != want:
            fail(f"rules {sorted(ids)} != {want}")
    fps = [r["partialFingerprints"]["pinpairFingerprint/v1"] for r in results]
    if len(set(fps)) != len(fps):
        fail("duplicate result fingerprints")
    if a.findings:
        findings, _ = load_findings(a.findings)
        want = sorted(f["fingerprint"] for f in findings)
        if sorted(fps) != want:
            fail(f"SARIF fingerprints {sorted(fps)} != findings {want}")
        by_fp = {f["fingerprint"]: f for f in findings}
        for r in results:
            f = by_fp[r["partialFingerprints"]["pinpairFingerprint/v1"]]
            if r["ruleId"] != f["checker"] or r["message"]["text"] != f["message"]:
                fail(f"SARIF result and finding differ: {r['message']} / {f['message']}")


def strip_sarif(log):
    """The results without the indices that depend on the merge order."""
    if log is None:
        return None
    _, results = sarif_results(log)

    def drop(v):
        if isinstance(v, dict):
            v.pop("ruleIndex", None)
            if isinstance(v.get("artifactLocation"), dict):
                v["artifactLocation"].pop("index", None)
            for x in v.values():
                drop(x)
        elif isinstance(v, list):
            for x in v:
                drop(x)
        return v

    return sorted(json.dumps(drop(r), sort_keys=True) for r in results)


def cmd_same(a):
    fa, sa = load_findings(a.a)
    b_path = a.b
    fb, sb = load_findings(b_path)
    ka = sorted(json.dumps(f, sort_keys=True) for f in fa)
    kb = sorted(json.dumps(f, sort_keys=True) for f in fb)
    if ka != kb:
        fail(f"findings of {a.a} and {b_path} differ:\n" +
             "\n".join(sorted(set(ka) ^ set(kb))))
    if sa is not None and sb is not None:
        ra, rb = strip_sarif(sa), strip_sarif(sb)
        if ra != rb:
            fail("SARIF results differ")


DIAG = re.compile(r"^\S.*:\d+:\d+: (warning|note|error): ")


def diag_lines(path, prefix):
    """Warnings of checkers starting with prefix, with their notes."""
    out, keep = [], False
    with open(path) as fh:
        for l in fh:
            m = DIAG.match(l)
            if not m:
                continue
            if m.group(1) == "warning":
                keep = re.search(r"\[" + re.escape(prefix), l) is not None
            if keep:
                out.append(l.rstrip("\n"))
    return sorted(out)


def cmd_diag_lines(a):
    la, lb = diag_lines(a.a, a.checkers), diag_lines(a.b, a.checkers)
    if not la:
        fail(f"no diagnostics in {a.a}")
    if la != lb:
        fail("diagnostics differ:\n" + "\n".join(
            ["< " + l for l in la if l not in lb] + ["> " + l for l in lb if l not in la]))


def cmd_shards(a):
    def tus(path):
        with open(path) as fh:
            return [t["file"] for t in json.load(fh)["tus"]]
    every = sorted(tus(a.all))
    parts = [tus(p) for p in a.parts]
    union = sorted(f for p in parts for f in p)
    if union != every:
        fail(f"shards hold {union}, the whole run {every}")
    if sum(1 for p in parts if p) < 2:
        fail("all TUs landed in one shard")


def cmd_html(a):
    import os
    with open(a.index) as fh:
        text = fh.read()
    links = re.findall(r'<a href="([^"]+)">', text)
    if len(links) != a.count:
        fail(f"expected {a.count} report links, got {len(links)}")
    base = os.path.dirname(a.index)
    for l in links:
        if not os.path.isfile(os.path.join(base, l)):
            fail(f"link to missing report {l}")
        with open(os.path.join(base, l)) as fh:
            if "<!-- BUGTYPE" not in fh.read():
                fail(f"{l} is not a clang HTML report")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("json")
    p.add_argument("file")
    p.add_argument("--count", type=int)
    p.add_argument("--baseline", action="store_true")
    p.set_defaults(fn=cmd_json)
    p = sub.add_parser("sarif")
    p.add_argument("file")
    p.add_argument("--findings")
    p.add_argument("--rules")
    p.set_defaults(fn=cmd_sarif)
    p = sub.add_parser("same")
    p.add_argument("a")
    p.add_argument("b")
    p.set_defaults(fn=cmd_same)
    p = sub.add_parser("shards")
    p.add_argument("all")
    p.add_argument("parts", nargs="+")
    p.set_defaults(fn=cmd_shards)
    p = sub.add_parser("html")
    p.add_argument("index")
    p.add_argument("--count", type=int, required=True)
    p.set_defaults(fn=cmd_html)
    p = sub.add_parser("diag-lines")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--checkers", default="linux.gup.")
    p.set_defaults(fn=cmd_diag_lines)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
