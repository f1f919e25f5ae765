#!/usr/bin/env python3
"""Reads feedpub's feeds with Python feedparser, the parser behind many
feed readers, and checks that it sees what feedpub meant.

For each folder, and every folder under it, holding rss.xml or atom.xml
(a feed set has one per feed), and each archive page of a feed
(archive/rss/<n>.xml beside archive/atom/<n>.xml): no document sets
feedparser's `bozo` flag, and where both formats are there they give the
same entries (titles, links,
ids, published and updated instants, pictures and enclosures: the
Media RSS `media_content` and `media_thumbnail` URLs, and each
enclosure's URL, type and length, an RSS length of 0 standing for an
unknown one). With --inspect (the output of
`feedpub inspect --json`), each entry of a set under a folder named
`feeds` must also match what inspect says of its article, summary,
picture and enclosure included: an article is the same entry in every
feed it is in.

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


def summary_text(entry, html_summary):
    """The summary as text. feedpub writes it as HTML in RSS
    (`description`) and as plain text in Atom. It is read from `summary`:
    feedparser reads a Media RSS `media:description` (the picture's
    caption) into `summary_detail` when the entry also has content,
    though `summary` keeps the entry's own summary."""
    value = entry.get("summary")
    if value is None:
        return None
    return html.unescape(value) if html_summary else value


def picture(entry):
    """The entry's picture URL (its one image `media_content`), checked
    against its thumbnail; (None, problem) when they disagree."""
    contents = [c for c in entry.get("media_content", []) if c.get("medium") == "image"]
    thumbnails = [t.get("url") for t in entry.get("media_thumbnail", [])]
    if not contents:
        return None, (f"a thumbnail {thumbnails!r} without a picture" if thumbnails else None)
    if len(contents) > 1:
        return None, f"{len(contents)} pictures"
    url = contents[0].get("url")
    if thumbnails != [url]:
        return url, f"thumbnails {thumbnails!r} for the picture {url!r}"
    return url, None


def enclosure(entry):
    """The entry's enclosure as (url, type, length or None), or None."""
    found = entry.get("enclosures", [])
    if not found:
        return None
    first = found[0]
    length = first.get("length")
    # RSS writes 0 for a length not known; Atom leaves it out.
    length = int(length) if length not in (None, "", "0") else None
    return (first.get("href"), first.get("type"), length), len(found)


def read(path, is_rss):
    parsed = feedparser.parse(path)
    problems = []
    if parsed.bozo:
        problems.append(f"{path}: feedparser flags the feed as broken: {parsed.bozo_exception!r}")
    entries = []
    for e in parsed.entries:
        image, problem = picture(e)
        if problem:
            problems.append(f"{path}: entry {e.get('id')}: {problem}")
        attached = enclosure(e)
        if attached is not None:
            attached, count = attached
            if count > 1:
                problems.append(f"{path}: entry {e.get('id')}: {count} enclosures; feedpub writes one")
        entries.append({
            "image": image,
            "enclosure": attached,
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "published": instant(e.get("published_parsed")),
            "updated": instant(e.get("updated_parsed")),
            "summary": summary_text(e, is_rss),
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
    # Each document pair: where it is, and its RSS and Atom files.
    documents = []
    for root in args.folders:
        for folder, _, files in sorted(os.walk(root)):
            if "rss.xml" in files or "atom.xml" in files:
                documents.append((root, folder, os.path.join(folder, "rss.xml"), os.path.join(folder, "atom.xml")))
            if os.path.basename(folder) == "archive":
                pages = set()
                for fmt in ("rss", "atom"):
                    if os.path.isdir(os.path.join(folder, fmt)):
                        pages |= {n for n in os.listdir(os.path.join(folder, fmt)) if n[:-4].isdigit() and n.endswith(".xml")}
                for name in sorted(pages, key=lambda n: int(n[:-4])):
                    documents.append((root, os.path.join(folder, name), os.path.join(folder, "rss", name), os.path.join(folder, "atom", name)))
    for root, folder, rss_path, atom_path in documents:
        formats = {}
        for name, path in (("rss", rss_path), ("atom", atom_path)):
            if os.path.exists(path):
                entries, found = read(path, name == "rss")
                problems += found
                formats[name] = entries
        rss, atom = formats.get("rss"), formats.get("atom")
        if rss is not None and atom is not None:
            if len(rss) != len(atom):
                problems.append(f"{folder}: {len(rss)} RSS items but {len(atom)} Atom entries")
            for r, a in zip(rss, atom):
                for key in ("id", "title", "link", "published", "summary", "image", "enclosure"):
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
                    "image": (want.get("image") or {}).get("url"),
                    "enclosure": (lambda e: e and (e["url"], e["mime_type"], e["length"]))(want.get("enclosure")),
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
