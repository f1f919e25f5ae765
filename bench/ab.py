#!/usr/bin/env python3
"""Two feedpub builds timed against each other on the usual runs of
bench/run.py (W1 cold, W2, rerun after one edit, rerun with nothing
changed), interleaved pair by pair so that the machine's drift hits both
alike. Each binary has its own output folders. Prints, per run, the median
wall time of each and the median of the per-pair ratios new/old.

Usage: bench/ab.py OLD_BINARY NEW_BINARY [--pairs 11] [--size 100000]
                   [--corpus site|ascii]
(the corpus is bench/run.py's, generated there on first use; `site`, the
real-shaped one, by default).
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (bench/run.py: timing, corpus, edits)

RUNS = ("W1 cold", "W2", "rerun, 1 edit", "rerun, none")


def one_round(binary, tag, work, edit_number):
    """Runs the four builds with `binary`, outputs under feeds-<tag>,
    editing one article (headline number `edit_number`) before the first
    rerun; returns their wall times."""
    out, out_w2 = f"feeds-{tag}", f"feeds-w2{tag}"
    run.remove_cache(work, out)
    times = [run.timed([binary, "build", "--out", out], work)[0]]
    run.remove_cache(work, out_w2)
    times.append(run.timed([binary, "build", "--limit", "0", "--content", "summary", "--out", out_w2], work)[0])
    run.edit_one(work, edit_number)
    times.append(run.timed([binary, "build", "--out", out], work)[0])
    times.append(run.timed([binary, "build", "--out", out], work)[0])
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--corpus", choices=("site", "ascii"), default="site")
    args = parser.parse_args()
    work = run.corpus(args.size, args.corpus)
    # Warm the page cache; each binary writes its feeds once.
    for binary, tag in ((args.old, "a"), (args.new, "b")):
        run.timed([binary, "build", "--out", f"feeds-{tag}"], work)
    old, new = [], []
    for r in range(args.pairs):
        # Each binary's round edits the article anew before its rerun.
        # Who goes first alternates, so neither always runs on a page
        # cache the other just warmed.
        order = [("a", args.old, old), ("b", args.new, new)]
        if r % 2:
            order.reverse()
        for i, (tag, binary, into) in enumerate(order):
            into.append(one_round(binary, tag, work, 2 * r + i))
    print(f"{run.machine()}; N = {args.size:,}, {args.corpus} corpus; {args.pairs} pairs, interleaved")
    print(f"old: {args.old}\nnew: {args.new}\n")
    print("| run | old: median wall s | new: median wall s | new/old (median of pairs) |")
    print("|---|---:|---:|---:|")
    for i, name in enumerate(RUNS):
        a = [x[i] for x in old]
        b = [x[i] for x in new]
        ratio = statistics.median(y / x for x, y in zip(a, b))
        print(f"| {name} | {statistics.median(a):.3f} | {statistics.median(b):.3f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
