"""Two `pinpair check --format=json` outputs report the same findings
(checker, file, line, column, message, fingerprint) and at least MIN of them.
   same_findings.py A.json B.json MIN"""
import json, sys
def load(p):
    return sorted((f["checker"], f["file"], f["line"], f["col"], f["message"],
                   f["fingerprint"]) for f in json.load(open(p)))
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    sys.exit("findings differ:\n  %s\n  %s" % ("\n  ".join(map(str, a)), "\n  ".join(map(str, b))))
if len(a) < int(sys.argv[3]):
    sys.exit("only %d findings" % len(a))
print("same %d findings" % len(a))
