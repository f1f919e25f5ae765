#!/usr/bin/env python3
"""feedpub's benchmark: whole-process wall time, user+sys time and peak
RSS, as ratios to the I/O floor measured in the same run.

For each N (default 1,000, 10,000 and 100,000 articles of the synthetic
corpus, generated once under target/bench/) it runs, interleaved round by
round so that drift hits every command alike:

  floor         examples/io_floor: list and read every file, nothing else
  read floor    examples/read_floor: the least any reader of the articles
                does: list, sort and read every file as feedpub does, and
                validate its UTF-8, check its characters for XML, split
                it into lines and parse its date line (feedpub's own
                check and date parser); no title, body or tags, no
                ranking, nothing written. Not a target: it shows how much
                of a build's time the irreducible reading takes
  W1 cold       feedpub build (latest 50, full content), no cache present
  W2            feedpub build --limit 0 --content summary, with no record
                of files known valid (every file is validated)
  write floor   examples/write_floor on W2's three files: the least any
                build does with them once they are made: write each to a
                temporary file, flush and rename it, and parse it once
                (XML events, JSON), checking no rule. Not a target: read
                floor + write floor is the lowest W2 could reach
  rerun, 1 edit W1 after one article's text changed (cache present)
  rerun, none   W1 with nothing changed
  sets cold     the feed set: feedpub build --config feedpub-sets.toml
                --out feeds-sets, no cache present. The config is W1's
                (main feed: latest 50, full content) plus
                  section_feeds = { limit = 20, content = "summary" }
                  tag_feeds = { limit = 20, content = "summary" }
                that is, a feed of the latest 20 summaries for each of the
                corpus's 10 section folders and for each of its 200 tags
  sets rerun    the feed set again after one article's text changed
                (cache present)
  archive cold  the main feed with its whole history in archive pages:
                feedpub build --config feedpub-archive.toml --out
                feeds-archive, into an empty output folder. The config
                is W1's with content = "summary" and archive = true (pages
                of 100: 1,000 pages of 100,000 articles, each in RSS and
                Atom)
  archive new   the same again after one new article (the newest)
  archive edit  the same again after one old article's headline changed;
                the new article is removed after the round

The archive runs also count the archive page files each build wrote
(`-v`: files whose bytes changed), which must be all of them cold, at
most two per format after the new article, and the edited article's
page alone after the edit.

and prints the median of each over the rounds, with peak RSS. The feed set
needs config keys that a build may not have yet: when the binary rejects
that config (exit 2) both sets rows are skipped with a line saying so, and
the rest of the table is measured as usual.

The corpus (--corpus) is `site` by default: real-shaped news text (mixed
scripts, typographic quotes, entities, 15% Markdown, 200 tags, ten section
folders; see src/testing/corpus.rs), under target/bench/site-n<N>/;
`ascii` is the first, ASCII-only corpus (one folder of plain-text news),
under target/bench/n<N>/, for comparisons with earlier figures.

With --write it also writes BENCHMARKS.md.table, to merge into
BENCHMARKS.md. Needs GNU time at /usr/bin/time.

Usage: bench/run.py [--rounds 5] [--sizes 1000,10000,100000]
                    [--corpus site|ascii] [--write]
"""
import argparse
import glob
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")
FEEDPUB = os.path.join(RELEASE, "feedpub")
FLOOR = os.path.join(RELEASE, "examples", "io_floor")
READ_FLOOR = os.path.join(RELEASE, "examples", "read_floor")
WRITE_FLOOR = os.path.join(RELEASE, "examples", "write_floor")
GEN = os.path.join(RELEASE, "examples", "gen_corpus")
CONFIG = 'base_url = "https://news.example.com/"\ntag_date = "2023"\n'
SETS_CONFIG = CONFIG + (
    'section_feeds = { limit = 20, content = "summary" }\n'
    'tag_feeds = { limit = 20, content = "summary" }\n'
)
SETS = ["--config", "feedpub-sets.toml", "--out", "feeds-sets"]
ARCHIVE_CONFIG = CONFIG + 'content = "summary"\narchive = true\n'
ARCHIVE = ["--config", "feedpub-archive.toml", "--out", "feeds-archive", "-v"]
NEW_FOLDER = "zz-bench-new"


class Refused(Exception):
    """The command exited 2 (usage or config refused); holds its stderr."""


def state_folders(work, out):
    """The state folders feedpub keeps for the output folder `out` of
    `work`: `.feedpub/<out>-<hash>/` (see docs/configuration.md, The state folder)."""
    return glob.glob(os.path.join(glob.escape(os.path.join(work, ".feedpub")), out + "-" + "[0-9a-f]" * 8))


def remove_cache(work, out):
    """Removes the rank cache of the output folder `out`, wherever the
    binary keeps it, and its record of files known valid, so that the next
    build is a cold one: it reads every article and validates every file."""
    paths = [
        os.path.join(folder, name)
        for folder in state_folders(work, out)
        for name in ("cache", "valid")
    ]
    paths.append(os.path.join(work, out, ".feedpub-cache"))
    for path in paths:
        if os.path.exists(path):
            os.remove(path)


def pages_written(stderr):
    """How many archive pages a `-v` build says it wrote."""
    return sum(1 for line in stderr.splitlines() if line.startswith("feedpub: wrote") and "/archive/" in line)


def timed(cmd, cwd, refusable=False, want_stderr=False):
    """Runs cmd once; returns (wall s, user+sys s, peak RSS MiB). Times come
    from the kernel's accounting of the finished process (wait4). Peak RSS
    comes from GNU time's report, since Linux carries a parent's peak
    across exec and Python's own would mask a smaller child's. With
    refusable, an exit of 2 raises Refused instead of stopping the script."""
    # Stderr goes to a file: read from a pipe only after the process
    # ended, a verbose build's thousands of lines would fill the pipe and
    # stop it.
    with tempfile.NamedTemporaryFile("r") as report, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(
            ["/usr/bin/time", "-o", report.name, "-f", "%M"] + cmd,
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
        proc.returncode = os.waitstatus_to_exitcode(status)
        if refusable and proc.returncode == 2:
            raise Refused(stderr.strip())
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{stderr}")
        rss_kib = int(report.read().split()[-1])
    if want_stderr:
        return (wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024), stderr
    return wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024


def corpus(n, shape="site"):
    """The work folder of the corpus of n articles of `shape` (`site` or
    `ascii`), generated on first use."""
    name = f"n{n}" if shape == "ascii" else f"{shape}-n{n}"
    work = os.path.join(ROOT, "target", "bench", name)
    marker = os.path.join(work, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        subprocess.run([GEN, os.path.join(work, "articles"), str(n), shape], check=True)
        with open(os.path.join(work, "feedpub.toml"), "w") as f:
            f.write(CONFIG)
        open(marker, "w").close()
    with open(os.path.join(work, "feedpub-sets.toml"), "w") as f:
        f.write(SETS_CONFIG)
    with open(os.path.join(work, "feedpub-archive.toml"), "w") as f:
        f.write(ARCHIVE_CONFIG)
    shutil.rmtree(os.path.join(work, "articles", NEW_FOLDER), ignore_errors=True)
    return work


def add_new_article(work, round_number):
    """Writes the newest article of the corpus (published after every
    other), in a folder of its own that `remove_new_articles` removes."""
    folder = os.path.join(work, "articles", NEW_FOLDER)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"new-{round_number}.txt"), "w") as f:
        f.write(f"A new story, number {round_number}\n\nIts dek line\n\nIts only paragraph.\n\nUpdated: January 0{1 + round_number % 9}, 2031, 10:00 AM")


def remove_new_articles(work):
    shutil.rmtree(os.path.join(work, "articles", NEW_FOLDER), ignore_errors=True)


def edited_article(work):
    """The plain-text article the reruns edit: the lowest-numbered
    story-NNNNNNN.txt, in the articles folder or one of its sections."""
    articles = os.path.join(work, "articles")
    folders = [articles] + sorted(
        os.path.join(articles, d) for d in os.listdir(articles) if os.path.isdir(os.path.join(articles, d))
    )
    for index in range(1000):
        for folder in folders:
            path = os.path.join(folder, f"story-{index:07}.txt")
            if os.path.exists(path):
                return path
    sys.exit(f"no plain-text article to edit in {articles}")


def edit_one(work, round_number):
    path = edited_article(work)
    with open(path) as f:
        text = f.read()
    head, _, _ = text.partition("\n\n")
    body = text[len(head):]
    with open(path, "w") as f:
        f.write(f"Edited headline number {round_number}" + body)


def measure(n, rounds, shape):
    work = corpus(n, shape)
    results = {name: [] for name in ("floor", "read floor", "W1 cold", "W2", "write floor", "rerun, 1 edit", "rerun, none")}
    # Warm the page cache and make sure everything works.
    timed([FLOOR, "articles"], work)
    timed([FEEDPUB, "build"], work)
    sets = True
    try:
        timed([FEEDPUB, "build"] + SETS, work, refusable=True)
        results["sets cold"] = []
        results["sets rerun"] = []
    except Refused as refused:
        sets = False
        first = refused.args[0].splitlines()[0] if refused.args[0] else "exit 2"
        print(f"N = {n:,}: feed set skipped: this build rejects section_feeds/tag_feeds ({first})", flush=True)
    archive = True
    pages = {"archive cold": [], "archive new": [], "archive edit": []}
    try:
        timed([FEEDPUB, "build"] + ARCHIVE, work, refusable=True)
        for run in pages:
            results[run] = []
    except Refused as refused:
        archive = False
        first = refused.args[0].splitlines()[0] if refused.args[0] else "exit 2"
        print(f"N = {n:,}: archive skipped: this build rejects archive ({first})", flush=True)
    for r in range(rounds):
        results["floor"].append(timed([FLOOR, "articles"], work))
        results["read floor"].append(timed([READ_FLOOR, "articles"], work))
        remove_cache(work, "feeds")
        results["W1 cold"].append(timed([FEEDPUB, "build"], work))
        remove_cache(work, "feeds-w2")
        results["W2"].append(timed([FEEDPUB, "build", "--limit", "0", "--content", "summary", "--out", "feeds-w2"], work))
        w2_files = [os.path.join("feeds-w2", name) for name in ("rss.xml", "atom.xml", "feed.json")]
        results["write floor"].append(timed([WRITE_FLOOR, "write-floor"] + w2_files, work))
        edit_one(work, r)
        results["rerun, 1 edit"].append(timed([FEEDPUB, "build"], work))
        results["rerun, none"].append(timed([FEEDPUB, "build"], work))
        if sets:
            remove_cache(work, "feeds-sets")
            results["sets cold"].append(timed([FEEDPUB, "build"] + SETS, work))
            edit_one(work, rounds + r)
            results["sets rerun"].append(timed([FEEDPUB, "build"] + SETS, work))
        if archive:
            # Cold: no cache, no page state, no page on disk.
            shutil.rmtree(os.path.join(work, "feeds-archive"), ignore_errors=True)
            for folder in state_folders(work, "feeds-archive"):
                shutil.rmtree(folder, ignore_errors=True)
            for run, change in (
                ("archive cold", None),
                ("archive new", lambda: add_new_article(work, r)),
                ("archive edit", lambda: edit_one(work, 2 * rounds + r)),
            ):
                if change:
                    change()
                figures, stderr = timed([FEEDPUB, "build"] + ARCHIVE, work, want_stderr=True)
                results[run].append(figures)
                pages[run].append(pages_written(stderr))
            remove_new_articles(work)
    medians = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in results.items()}
    for run, counts in pages.items():
        if counts:
            print(f"N = {n:,}: {run}: archive pages written per round: {counts}", flush=True)
    return medians


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--corpus", choices=("site", "ascii"), default="site")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md.table")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--examples", "--bin", "feedpub"], cwd=ROOT, check=True)

    lines = [
        "| N | run | wall s | x floor | user+sys s | x floor | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n in (int(s) for s in args.sizes.split(",")):
        m = measure(n, args.rounds, args.corpus)
        floor_wall, floor_cpu, _ = m["floor"]
        for name, (wall, cpu, rss) in m.items():
            lines.append(
                f"| {n:,} | {name} | {wall:.3f} | {wall / floor_wall:.2f} | {cpu:.3f} | {cpu / max(floor_cpu, 0.005):.2f} | {rss:.1f} |"
            )
        print("\n".join(lines[-len(m):]), flush=True)
    table = "\n".join(lines)
    print()
    print(table)
    if args.write:
        command = "bench/run.py --write" + (f" --rounds {args.rounds}" if args.rounds != 5 else "")
        command += f" --corpus {args.corpus}" if args.corpus != "site" else ""
        command += f" --sizes {args.sizes}" if args.sizes != "1000,10000,100000" else ""
        with open(os.path.join(ROOT, "BENCHMARKS.md.table"), "w") as f:
            f.write(f"Machine: {machine()}\n\nCommand: `{command}` (medians of {args.rounds} interleaved rounds)\n\n{table}\n")
        print("\nwrote BENCHMARKS.md.table; merge it into BENCHMARKS.md")


if __name__ == "__main__":
    main()
