#!/usr/bin/env python3
"""Reads feedpub's feeds with Python feedparser, the parser behind many
feed readers, and checks that it sees what feedpub meant.

For each folder, and every folder under it, holding rss.xml or atom.xml
(a feed set has one per feed): no feed sets feedparser's `bozo` flag, and
where both formats are there they give the same entries (titles, links,
ids, published and updated instants). With --inspect (the output of
`feedpub inspect --json`), each entry of a set under a folder named
`feeds` must also match what inspect says of its article, summary included:
an article is the same entry in every feed it is in.

Usage: feedparser_check.py [--inspect FILE] FOLDER...
Exits 1 on any mismatch, and when feedparser is not installed.
"""
import argparse
import calendar
import html
import json
import os
import sys

try:
    import feedparser
except ImportError:
    print("feedparser_check: Python feedparser is not installed; run `pip install feedparser`", file=sys.stderr)
    sys.exit(1)


def instant(struct):
    return None if struct is None else calendar.timegm(struct)


def rfc3339_instant(text):
    from datetime import datetime
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def summary_text(entry):
    detail = entry.get("summary_detail")
    if detail is None:
        return None
    value = detail.get("value", "")
    # feedparser hands HTML back as HTML; plain text as it is.
    return html.unescape(value) if detail.get("type") == "text/html" else value


def read(path):
    parsed = feedparser.parse(path)
    problems = []
    if parsed.bozo:
        problems.append(f"{path}: feedparser flags the feed as broken: {parsed.bozo_exception!r}")
    entries = []
    for e in parsed.entries:
        entries.append({
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "published": instant(e.get("published_parsed")),
            "updated": instant(e.get("updated_parsed")),
            "summary": summary_text(e),
        })
    return entries, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspect", help="output of `feedpub inspect --json`")
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()

    inspected = {}
    if args.inspect:
        with open(args.inspect, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["status"] == "ok":
                    inspected[record["id"]] = record

    problems = []
    checked = 0
    feeds = []
    for root in args.folders:
        for folder, _, files in sorted(os.walk(root)):
            if "rss.xml" in files or "atom.xml" in files:
                feeds.append((root, folder))
    for root, folder in feeds:
        formats = {}
        for name in ("rss.xml", "atom.xml"):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                entries, found = read(path)
                problems += found
                formats[name] = entries
        rss, atom = formats.get("rss.xml"), formats.get("atom.xml")
        if rss is not None and atom is not None:
            if len(rss) != len(atom):
                problems.append(f"{folder}: {len(rss)} RSS items but {len(atom)} Atom entries")
            for r, a in zip(rss, atom):
                for key in ("id", "title", "link", "published", "summary"):
                    if r[key] != a[key]:
                        problems.append(f"{folder}: entry {a['id']}: {key} is {r[key]!r} in RSS but {a[key]!r} in Atom")
        for a in (atom if atom is not None else rss):
            checked += 1
            if args.inspect and root.rstrip("/").endswith("feeds"):
                want = inspected.get(a["id"])
                if want is None:
                    problems.append(f"{folder}: entry {a['id']} is not an inspected article")
                    continue
                expected = {
                    "title": want["title"],
                    "link": want["link"],
                    "published": rfc3339_instant(want["published"]),
                    "summary": want["summary"] or None,
                }
                for key, value in expected.items():
                    if a[key] != value:
                        problems.append(f"{folder}: entry {a['id']}: feedparser reads {key} {a[key]!r}, inspect says {value!r}")
                if atom is not None and a["updated"] != rfc3339_instant(want["updated"]):
                    problems.append(f"{folder}: entry {a['id']}: Atom updated differs from inspect")
    for problem in problems:
        print(problem, file=sys.stderr)
    if checked == 0:
        print("feedparser_check: no feeds were checked", file=sys.stderr)
        return 1
    print(f"feedparser: {checked} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
