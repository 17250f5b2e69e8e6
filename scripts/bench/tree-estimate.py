#!/usr/bin/env python3
"""Whole-tree cost of `pinpair check`, estimated from a stratified sample.

A kernel tree has two kinds of TUs for pinpair: the few that call the GUP/pin
API (the GUP stratum, small enough to measure in full) and the many that do
not (measured on a uniform random sample, scripts/bench/tree-sample.sh). For
each stratum the same two runs give per-TU seconds (`--results` files): the
default run (prefilter + focus + pruning) and a full analysis of every TU
(`--no-prefilter --no-focus --no-prune`). The estimate of a run's total is

    sum over the GUP stratum + (TUs outside it) * (mean over the sample)

and the ratio full / default comes with a 95% bootstrap interval over the
sample (the GUP stratum is measured, not sampled). Per-TU seconds are what
the run spent on the TU (prefilter, parse, analysis), summed over workers,
so dividing by --jobs approximates a run's wall time.

Usage:
  tree-estimate.py --population N --sample-default S.res --sample-full S.res
                   --gup-default G.res --gup-full G.res [--jobs J]
"""
import argparse
import json
import random
import statistics
import sys


def per_tu(path):
    """file -> (seconds, status, findings) of one --results file."""
    with open(path) as f:
        r = json.load(f)
    return {t["file"]: (t.get("seconds", 0.0), t.get("status", ""), t.get("findings", 0))
            for t in r["tus"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--population", type=int, required=True,
                    help="TUs in the tree (tree-sample.sh's strata.txt)")
    ap.add_argument("--sample-default", required=True)
    ap.add_argument("--sample-full", required=True)
    ap.add_argument("--gup-default", required=True)
    ap.add_argument("--gup-full", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bootstrap", type=int, default=2000)
    a = ap.parse_args()

    sd, sf = per_tu(a.sample_default), per_tu(a.sample_full)
    gd, gf = per_tu(a.gup_default), per_tu(a.gup_full)
    # Only TUs both runs measured: a TU that failed in one run is not priced.
    sample = sorted(set(sd) & set(sf))
    gup = sorted(set(gd) & set(gf))
    for name, a_, b_ in (("sample", sd, sf), ("GUP stratum", gd, gf)):
        if set(a_) != set(b_):
            print(f"warning: {name}: the two runs measured different TUs; "
                  f"using the {len(set(a_) & set(b_))} both did", file=sys.stderr)
    rest = a.population - len(gup)
    if not sample or rest <= 0:
        sys.exit("nothing to estimate (empty sample, or --population too small)")

    def totals(idx):
        d = sum(gd[f][0] for f in gup) + rest * statistics.fmean(sd[sample[i]][0] for i in idx)
        f = sum(gf[f][0] for f in gup) + rest * statistics.fmean(sf[sample[i]][0] for i in idx)
        return d, f

    d, f = totals(range(len(sample)))
    rng = random.Random(1)
    ratios = sorted(
        (lambda t: t[1] / t[0])(totals([rng.randrange(len(sample)) for _ in sample]))
        for _ in range(a.bootstrap))
    lo, hi = ratios[int(0.025 * len(ratios))], ratios[int(0.975 * len(ratios)) - 1]

    skipped = sum(1 for f_ in sample if sd[f_][1] == "skipped")
    rows = [
        ("TUs in the tree", f"{a.population}"),
        ("GUP stratum (measured in full)", f"{len(gup)}"),
        ("sample of the rest", f"{len(sample)} of {rest}, {skipped} prefiltered in the default run"),
        ("sample mean s/TU, default", f"{statistics.fmean(sd[x][0] for x in sample):.3f}"),
        ("sample mean s/TU, full", f"{statistics.fmean(sf[x][0] for x in sample):.3f}"),
        ("GUP stratum s, default", f"{sum(gd[x][0] for x in gup):.0f}"),
        ("GUP stratum s, full", f"{sum(gf[x][0] for x in gup):.0f}"),
        ("whole tree s, default (est.)", f"{d:.0f} (about {d / a.jobs / 60:.0f} min at -j{a.jobs})"),
        ("whole tree s, full (est.)", f"{f:.0f} (about {f / a.jobs / 3600:.1f} h at -j{a.jobs})"),
        ("full / default", f"{f / d:.1f}x (95% interval {lo:.1f}x .. {hi:.1f}x)"),
        ("findings, sample default/full",
         f"{sum(sd[x][2] for x in sample)} / {sum(sf[x][2] for x in sample)}"),
    ]
    w = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{w}}  {v}")


if __name__ == "__main__":
    main()
