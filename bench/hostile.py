#!/usr/bin/env python3
"""feedpub's resource contract, measured: hostile input shapes at two sizes
each, with the whole-process wall time, peak RSS and exit code of every run.

Each shape is generated at a base size and at four times it. A linear cost
grows about 4x from one to the other, a quadratic one about 16x; the
contract is time linear in the input and peak memory at most
64 MiB + 16 x the input. The table this prints is what BENCHMARKS.md
quotes; run it against two binaries to compare them.

Usage: bench/hostile.py [--binary PATH] [--only NAME[,NAME]] [--scale K]
Needs GNU time at /usr/bin/time.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = 'base_url = "https://news.example.com/"\ntag_date = "2023"\n'
GOOD = "A quiet article\n\nNothing hostile here.\n\nUpdated: August 08, 2023, 10:37 PM"


def md(front, body="Body.\n"):
    return "---\n" + front + "---\n\n" + body


def yaml_bomb(levels):
    lines = ["title: Bomb", "date: 2023-08-08", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return md("\n".join(lines) + "\n")


def atom(updated="2023-08-08T22:37:00Z", inner="", base=None):
    xb = f' xml:base="{base}"' if base else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{xb}>\n'
        "<id>urn:x:feed</id><title>T</title>"
        f"<updated>{updated}</updated>"
        "<author><name>A</name></author>"
        '<link rel="self" href="https://example.com/atom.xml"/>\n'
        f"{inner}</feed>\n"
    )


def json_feed(items):
    return ('{"version":"https://jsonfeed.org/version/1.1","title":"t",'
            '"feed_url":"https://example.com/feed.json","items":[' + items + ']}\n')


def json_item(id_, more=""):
    return ('{"id":"' + id_ + '","content_text":"","date_published":"2023-08-08T22:37:00Z"'
            + more + '}')


def rss(inner):
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>T</title><link>https://example.com/</link><description>D</description>"
        f"{inner}</channel></rss>\n"
    )


# name -> (command, function of n giving {file name: text}, base n)
SHAPES = {
    "validate: multi-byte zone in Atom date": (
        "validate", lambda n: {"feed.xml": atom(updated="2023-08-08T22:37:00+1\u00e912")}, 1),
    "validate: n empty <a/> in RSS channel": (
        "validate", lambda n: {"feed.xml": rss("<a/>" * n)}, 250_000),
    "validate: 100 KB xml:base over n elements": (
        "validate", lambda n: {"feed.xml": atom(
            base="https://example.com/" + "b" * 100_000,
            inner="<x:e xmlns:x='urn:x'/>" * n)}, 500),
    "validate: JSON Feed of n items `1`": (
        "validate", lambda n: {"feed.xml": json_feed(",".join(["1"] * n))}, 2_500_000),
    "validate: JSON Feed of n items `{}`": (
        "validate", lambda n: {"feed.xml": json_feed(",".join(["{}"] * n))}, 500_000),
    "validate: JSON Feed item with n members": (
        "validate", lambda n: {"feed.xml": json_feed(json_item(
            "x", "".join(f',"m{i}":1' for i in range(n))))}, 125_000),
    "validate: JSON Feed item with n tags": (
        "validate", lambda n: {"feed.xml": json_feed(json_item(
            "x", ',"tags":[' + ",".join(['"t"'] * n) + "]"))}, 125_000),
    "validate: JSON Feed of n items with one id": (
        "validate", lambda n: {"feed.xml": json_feed(",".join(
            [json_item("tag:example.com,2023:/same")] * n))}, 125_000),
    "validate: JSON Feed of n items with distinct ids": (
        "validate", lambda n: {"feed.xml": json_feed(",".join(
            '{"id":"%d"}' % i for i in range(n)))}, 500_000),
    "build: YAML alias bomb, n levels": (
        "build", lambda n: {"articles/bomb.md": yaml_bomb(n)}, 4),
    "build: TOML front matter, n keys": (
        "build", lambda n: {"articles/keys.md": "+++\ntitle = \"K\"\ndate = 2023-08-08\n"
                            + "".join(f"k{i} = 1\n" for i in range(n)) + "+++\n\nBody.\n"}, 12_500),
    "build: YAML front matter, n keys": (
        "build", lambda n: {"articles/keys.md": md("title: K\ndate: 2023-08-08\n"
                            + "".join(f"k{i}: 1\n" for i in range(n)))}, 12_500),
    "build: n distinct tags in front matter": (
        "build", lambda n: {"articles/tags.md": md("title: T\ndate: 2023-08-08\ntags: ["
                            + ", ".join(f"t{i}" for i in range(n)) + "]\n")}, 25_000),
    "build: n distinct tags on a Tags: line": (
        "build", lambda n: {"articles/tags.txt": "Tagged\n\nBody.\n\nTags: "
                            + ", ".join(f"t{i}" for i in range(n)) + "\n\nUpdated: August 08, 2023, 10:37 PM"}, 25_000),
    "build: n nested > in Markdown": (
        "build", lambda n: {"articles/quote.md": md("title: Q\ndate: 2023-08-08\n", ">" * n + " deep\n")}, 25_000),
    "build: n nested <div> in Markdown": (
        "build", lambda n: {"articles/div.md": md("title: D\ndate: 2023-08-08\n", "<div>" * n + "x" + "</div>" * n + "\n")}, 10_000),
    "build: n nested <details> in Markdown": (
        "build", lambda n: {"articles/details.md": md("title: D\ndate: 2023-08-08\n", "<details>" * n + "x\n")}, 10_000),
    "build: n lines of no-break spaces": (
        "build", lambda n: {"articles/nbsp.md": md("title: N\ndate: 2023-08-08\n", "\u00a0\n" * n)}, 250_000),
    "build: n footnote definitions": (
        "build", lambda n: {"articles/notes.md": md("title: F\ndate: 2023-08-08\n",
                            "".join(f"[^{i}]: note\n" for i in range(n)))}, 50_000),
    "build: one line of n <p>": (
        "build", lambda n: {"articles/p.md": md("title: P\ndate: 2023-08-08\n", "<p>" * n + "\n")}, 350_000),
    "build: a paragraph of n code spans": (
        "build", lambda n: {"articles/code.md": md("title: C\ndate: 2023-08-08\n", "x " + "`a" * (2 * n) + "\n")}, 37_500),
    "build: a line of n emphasis marks": (
        "build", lambda n: {"articles/stars.md": md("title: S\ndate: 2023-08-08\n", "x " + "*a" * n + "\n")}, 375_000),
    "build: n one-letter lines": (
        "build", lambda n: {"articles/lines.md": md("title: L\ndate: 2023-08-08\n", "x\n" * n)}, 160_000),
    "inspect: n nested > in Markdown": (
        "inspect", lambda n: {"articles/quote.md": md("title: Q\ndate: 2023-08-08\n", ">" * n + " deep\n")}, 25_000),
    "inspect: YAML alias bomb, n levels": (
        "inspect", lambda n: {"articles/bomb.md": yaml_bomb(n)}, 4),
}


def materialise(folder, files):
    size = 0
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode()
        size += len(data)
        with open(path, "wb") as f:
            f.write(data)
    return size


def run(binary, command, folder, timeout):
    if command == "validate":
        cmd = [binary, "validate", "feed.xml"]
    elif command == "inspect":
        cmd = [binary, "inspect", "--json", "articles"]
    else:
        cmd = [binary, "build", "-q"]
    with tempfile.NamedTemporaryFile("r") as report:
        started = time.perf_counter()
        try:
            proc = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%M"] + cmd,
                                  cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return timeout, None, "timeout", f"killed after {timeout} s"
        wall = time.perf_counter() - started
        words = report.read().split()
        rss = int(words[-1]) / 1024 if words and words[-1].isdigit() else None
        first = proc.stderr.decode(errors="replace").strip().splitlines()
        code = proc.returncode
        for line in report_lines(report.name):
            if "signal" in line:
                code = line.strip()
    return wall, rss, code, first[0][:110] if first else ""


def report_lines(path):
    with open(path) as f:
        return f.readlines()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "feedpub"))
    parser.add_argument("--only", default="")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every base size")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"no binary at {args.binary}; run `cargo build --release` first")
    print("| shape | n | input KiB | wall s | peak RSS MiB | ceiling MiB | exit | first line of stderr |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for name, (command, make, base) in SHAPES.items():
        if args.only and not any(word in name for word in args.only.split(",")):
            continue
        base = max(1, int(base * args.scale)) if base > 10 else base
        sizes = [base] if base == 1 else ([base, base + 1] if base < 10 else [base, base * 4])
        for n in sizes:
            folder = tempfile.mkdtemp(prefix="feedpub-hostile-")
            try:
                with open(os.path.join(folder, "feedpub.toml"), "w") as f:
                    f.write(CONFIG)
                files = make(n)
                if command != "validate":
                    files["articles/good.txt"] = GOOD
                size = materialise(folder, files)
                wall, rss, code, first = run(args.binary, command, folder, args.timeout)
                ceiling = 64 + 16 * size / 2**20
                rss_text = f"{rss:.1f}" if rss is not None else "?"
                first = first.replace("|", "\\|").replace(folder, ".")
                print(f"| {name} | {n:,} | {size / 1024:,.0f} | {wall:.2f} | {rss_text} | {ceiling:.0f} | {code} | {first} |",
                      flush=True)
            finally:
                shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
