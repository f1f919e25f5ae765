//! The resource contract, through the real binary: for every hostile shape
//! of input, no panic, a clear outcome, and peak memory within
//! 64 MiB + 16 x the input. Each case runs under an address-space limit of
//! that size, so a run that needs more fails its allocation (and the case)
//! instead of passing slowly. Time is not asserted (the machines are shared
//! and noisy): the sizes make a quadratic cost run for minutes and a
//! linear one take well under a second; `bench/hostile.py` measures both.
#![cfg(unix)]

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

const CONFIG: &str = "base_url = \"https://news.example.com/\"\ntag_date = \"2023\"\n";
const GOOD: &str = "A quiet article\n\nNothing hostile here.\n\nUpdated: August 08, 2023, 10:37 PM";

/// What a case runs.
#[derive(Clone, Copy, Debug)]
enum Run {
    Build,
    InspectJson,
    Validate,
}

struct Case {
    name: &'static str,
    run: Run,
    /// Files to write (relative to the case folder), beside `feedpub.toml`
    /// and, for build and inspect, one good article.
    files: Vec<(String, Vec<u8>)>,
    code: i32,
    /// Text that stderr (build, inspect) or stdout (validate) must hold.
    says: &'static str,
}

fn md(front: &str, body: &str) -> Vec<u8> {
    format!("---\n{front}---\n\n{body}").into_bytes()
}

fn yaml_bomb(levels: usize) -> Vec<u8> {
    let mut front = String::from(
        "title: Bomb\ndate: 2023-08-08\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..=levels {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        front.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    md(&front, "Body.\n")
}

fn atom(updated: &str, base: &str, inner: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"{base}>\n<id>urn:x:feed</id><title>T</title><updated>{updated}</updated><author><name>A</name></author><link rel=\"self\" href=\"https://example.com/atom.xml\"/>\n{inner}</feed>\n"
    )
    .into_bytes()
}

fn rss(inner: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>T</title><link>https://example.com/</link><description>D</description>{inner}</channel></rss>\n").into_bytes()
}

/// An RSS item whose description is `html`, in a CDATA section.
fn html_item(html: &str) -> String {
    format!(
        "<item><title>T</title><link>https://example.com/1</link><guid>https://example.com/1</guid><pubDate>Tue, 08 Aug 2023 22:37:00 +0400</pubDate><description><![CDATA[{html}]]></description></item>"
    )
}

/// A JSON Feed 1.1 whose `items` array holds `items` (its text, without
/// the brackets).
fn json_feed(items: &str) -> Vec<u8> {
    format!("{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"feed_url\":\"https://example.com/feed.json\",\"items\":[{items}]}}\n").into_bytes()
}

/// A JSON Feed item with nothing to report, and `more` (members, with a
/// leading comma) after its own.
fn json_item(id: &str, more: &str) -> String {
    format!(
        "{{\"id\":\"{id}\",\"content_text\":\"\",\"date_published\":\"2023-08-08T22:37:00Z\"{more}}}"
    )
}

fn file(name: &str, bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    vec![(name.to_owned(), bytes)]
}

fn cases() -> Vec<Case> {
    let front = "title: T\ndate: 2023-08-08\n";
    let tags: Vec<String> = (0..50_000).map(|i| format!("t{i}")).collect();
    let attributes: Vec<String> = (0..200_000).map(|i| format!("a{i}")).collect();
    // An article 1,500 folders down: the path stays within the 4,096
    // bytes a path may hold.
    let deep = format!("articles/{}deep.txt", "a/".repeat(1_500));
    // 20,000 folders in one, one article in the last.
    let mut wide: Vec<(String, Vec<u8>)> = (0..20_000)
        .map(|i| (format!("articles/w{i:05}/.keep"), Vec::new()))
        .collect();
    wide.push((
        "articles/w19999/last.txt".to_owned(),
        GOOD.as_bytes().to_vec(),
    ));
    vec![
        Case {
            name: "an article 1,500 folders deep",
            run: Run::Build,
            files: file(&deep, GOOD.as_bytes().to_vec()),
            code: 0,
            says: "",
        },
        Case {
            name: "an article 1,500 folders deep, inspected",
            run: Run::InspectJson,
            files: file(&deep, GOOD.as_bytes().to_vec()),
            code: 0,
            says: "",
        },
        Case {
            name: "20,000 folders in one",
            run: Run::Build,
            files: wide,
            code: 0,
            says: "",
        },
        Case {
            name: "multi-byte characters in an Atom date's zone",
            run: Run::Validate,
            files: file(
                "feed.xml",
                atom(
                    "2023-08-08T22:37:00+1\u{e9}12",
                    "",
                    "<entry><id>urn:x:1</id><title>E</title><updated>2023-08-08T22:37:00Z</updated><published>2023-08-08T22:37:00+12\u{e9}1</published><link href=\"https://example.com/1\"/></entry>",
                ),
            ),
            code: 1,
            says: "error[InvalidRFC3339Date]",
        },
        Case {
            name: "a million empty elements in an RSS channel",
            run: Run::Validate,
            files: file("feed.xml", rss(&"<a/>".repeat(1_000_000))),
            code: 1,
            says: "more findings of this class are not listed",
        },
        Case {
            name: "a million empty extension elements in an Atom entry",
            run: Run::Validate,
            files: file(
                "feed.xml",
                atom(
                    "2023-08-08T22:37:00Z",
                    "",
                    &format!(
                        "<entry xmlns:x=\"urn:x\"><id>urn:x:1</id><title>E</title><updated>2023-08-08T22:37:00Z</updated><link href=\"https://example.com/1\"/>{}</entry>",
                        "<x:a/>".repeat(1_000_000)
                    ),
                ),
            ),
            code: 1,
            says: "error[TooLarge]",
        },
        Case {
            name: "a 100 KB xml:base above 2,000 elements",
            run: Run::Validate,
            files: file(
                "feed.xml",
                atom(
                    "2023-08-08T22:37:00Z",
                    &format!(" xml:base=\"https://example.com/{}/\"", "b".repeat(100_000)),
                    &"<x:e xmlns:x=\"urn:x\"/>".repeat(2_000),
                ),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "xml:base stacked on xml:base",
            run: Run::Validate,
            files: file(
                "feed.xml",
                atom(
                    "2023-08-08T22:37:00Z",
                    &format!(" xml:base=\"https://example.com/{}/\"", "b".repeat(100_000)),
                    &"<x:e xmlns:x=\"urn:x\" xml:base=\"c/\"/>".repeat(2_000),
                ),
            ),
            code: 1,
            says: "error[TooLarge]",
        },
        Case {
            name: "a tag with 500,000 attributes in escaped HTML",
            run: Run::Validate,
            files: file(
                "feed.xml",
                rss(&html_item(&format!(
                    "<p {}>x</p>",
                    (0..500_000).map(|i| format!("a{i} ")).collect::<String>()
                ))),
            ),
            code: 0,
            says: "warning[NotHtml]",
        },
        Case {
            name: "50,000 tags of 100 attributes each in escaped HTML",
            run: Run::Validate,
            files: file(
                "feed.xml",
                rss(&html_item(
                    &format!(
                        "<p {}>x</p>",
                        (0..100).map(|i| format!("a{i} ")).collect::<String>()
                    )
                    .repeat(50_000),
                )),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "a million unclosed elements in escaped HTML",
            run: Run::Validate,
            files: file("feed.xml", rss(&html_item(&"<b>".repeat(1_000_000)))),
            code: 0,
            says: "warning[NotHtml]",
        },
        Case {
            name: "a 20 MB comment in escaped HTML",
            run: Run::Validate,
            files: file(
                "feed.xml",
                rss(&html_item(&format!(
                    "<p>x</p><!-- {} -->",
                    "w ".repeat(10_000_000)
                ))),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "a JSON Feed of 2 million items that are numbers",
            run: Run::Validate,
            files: file("feed.xml", json_feed(&["1"; 2_000_000].join(","))),
            code: 1,
            says: "1999000 more findings of this class are not listed (2000000 in all)",
        },
        Case {
            name: "a JSON Feed of 2 million empty items",
            run: Run::Validate,
            files: file("feed.xml", json_feed(&["{}"; 2_000_000].join(","))),
            code: 1,
            says: "error[MissingItemContent]",
        },
        Case {
            name: "a JSON Feed item with 500,000 members",
            run: Run::Validate,
            files: file(
                "feed.xml",
                json_feed(&json_item(
                    "x",
                    &(0..500_000)
                        .map(|i| format!(",\"m{i}\":1"))
                        .collect::<String>(),
                )),
            ),
            code: 0,
            says: "499000 more findings of this class are not listed (500000 in all)",
        },
        Case {
            name: "a JSON Feed item with 500,000 tags",
            run: Run::Validate,
            files: file(
                "feed.xml",
                json_feed(&json_item(
                    "x",
                    &format!(",\"tags\":[{}]", ["\"t\""; 500_000].join(",")),
                )),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "500,000 JSON Feed items with one id",
            run: Run::Validate,
            files: file(
                "feed.xml",
                json_feed(&vec![json_item("tag:example.com,2023:/same", ""); 500_000].join(",")),
            ),
            code: 1,
            says: "498999 more findings of this class are not listed (499999 in all)",
        },
        Case {
            name: "1,000,000 JSON Feed items with distinct ids",
            run: Run::Validate,
            files: file(
                "feed.xml",
                json_feed(
                    &(0..1_000_000)
                        .map(|i| format!("{{\"id\":\"{i}\"}}"))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ),
            code: 1,
            says: "999000 more findings of this class are not listed (1000000 in all)",
        },
        Case {
            name: "a YAML alias bomb",
            run: Run::Build,
            files: file("articles/bomb.md", yaml_bomb(9)),
            code: 1,
            says: "articles/bomb.md:8:10: error[front-matter-limit]",
        },
        Case {
            name: "a YAML alias bomb, inspected",
            run: Run::InspectJson,
            files: file("articles/bomb.md", yaml_bomb(9)),
            code: 1,
            says: "error[front-matter-limit]",
        },
        Case {
            name: "YAML front matter of 50,000 keys",
            run: Run::Build,
            files: file(
                "articles/keys.md",
                md(
                    &format!(
                        "{front}{}",
                        (0..50_000)
                            .map(|i| format!("k{i}: 1\n"))
                            .collect::<String>()
                    ),
                    "Body.\n",
                ),
            ),
            code: 0,
            says: "articles/keys.md:50003:1: warning[unknown-key]: 49990 more unknown front-matter keys are ignored, the last `k49999`",
        },
        Case {
            name: "TOML front matter of 50,000 keys",
            run: Run::Build,
            files: file(
                "articles/keys.md",
                format!(
                    "+++\ntitle = \"T\"\ndate = 2023-08-08\n{}+++\n\nBody.\n",
                    (0..50_000)
                        .map(|i| format!("k{i} = 1\n"))
                        .collect::<String>()
                )
                .into_bytes(),
            ),
            code: 0,
            says: "articles/keys.md:50003:1: warning[unknown-key]: 49990 more unknown front-matter keys are ignored, the last `k49999`",
        },
        Case {
            name: "YAML nested 100,000 deep",
            run: Run::Build,
            files: file(
                "articles/deep.md",
                md(
                    &format!("{front}x: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
                    "Body.\n",
                ),
            ),
            code: 1,
            says: "articles/deep.md:4:",
        },
        Case {
            name: "YAML block lists nested 30,000 deep",
            run: Run::Build,
            files: file(
                "articles/deep.md",
                md(&format!("{front}x:\n{}a\n", "- ".repeat(30_000)), "Body.\n"),
            ),
            code: 1,
            says: "articles/deep.md:5:",
        },
        Case {
            name: "1,000 distinct tags in front matter, the most a list holds",
            run: Run::Build,
            files: file(
                "articles/tags.md",
                md(
                    &format!("{front}tags: [{}]\n", tags[..1_000].join(", ")),
                    "Body.\n",
                ),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "50,000 distinct tags in front matter",
            run: Run::Build,
            files: file(
                "articles/tags.md",
                md(&format!("{front}tags: [{}]\n", tags.join(", ")), "Body.\n"),
            ),
            code: 1,
            says: "articles/tags.md:4:5898: error[front-matter-limit]",
        },
        Case {
            name: "a million one-letter tags in a front-matter flow list",
            run: Run::Build,
            files: file(
                "articles/tags.md",
                md(
                    &format!("{front}tags: [{}]\n", ["t"; 1_000_000].join(", ")),
                    "Body.\n",
                ),
            ),
            code: 1,
            says: "articles/tags.md:4:3008: error[front-matter-limit]",
        },
        Case {
            name: "a million one-letter tags in a front-matter block list",
            run: Run::Build,
            files: file(
                "articles/tags.md",
                md(
                    &format!("{front}tags:\n{}", "- t\n".repeat(1_000_000)),
                    "Body.\n",
                ),
            ),
            code: 1,
            says: "articles/tags.md:1005:3: error[front-matter-limit]",
        },
        Case {
            name: "a million one-letter tags in one front-matter string",
            run: Run::Build,
            files: file(
                "articles/tags.md",
                md(
                    &format!("{front}tags: \"{}\"\n", ["t"; 1_000_000].join(",")),
                    "Body.\n",
                ),
            ),
            code: 1,
            says: "articles/tags.md:4:7: error[front-matter-limit]",
        },
        Case {
            name: "a million one-letter tags in a TOML front-matter list",
            run: Run::Build,
            files: file(
                "articles/tags.md",
                format!(
                    "+++\ntitle = \"T\"\ndate = 2023-08-08\ntags = [{}]\n+++\n\nBody.\n",
                    ["\"t\""; 1_000_000].join(",")
                )
                .into_bytes(),
            ),
            code: 1,
            says: "articles/tags.md:4:4009: error[front-matter-limit]",
        },
        Case {
            name: "a thousand front-matter lists of a thousand items",
            run: Run::Build,
            files: file(
                "articles/lists.md",
                md(
                    &format!(
                        "{front}x: [{}]\n",
                        vec![format!("[{}]", ["a"; 1_000].join(",")); 1_000].join(", ")
                    ),
                    "Body.\n",
                ),
            ),
            code: 1,
            says: "articles/lists.md:4:20015: error[front-matter-limit]",
        },
        Case {
            name: "a front-matter table of 500,000 keys below the top level",
            run: Run::Build,
            files: file(
                "articles/table.md",
                md(
                    &format!(
                        "{front}x: {{{}}}\n",
                        (0..500_000)
                            .map(|i| format!("k{i}: 1"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    "Body.\n",
                ),
            ),
            code: 1,
            says: "articles/table.md:4:8902: error[front-matter-limit]",
        },
        Case {
            name: "50,000 distinct tags on a Tags: line",
            run: Run::Build,
            files: file(
                "articles/tags.txt",
                format!(
                    "Tagged\n\nBody.\n\nTags: {}\n\nUpdated: August 08, 2023, 10:37 PM",
                    tags.join(", ")
                )
                .into_bytes(),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "800,000 names on an Author: line",
            run: Run::Build,
            files: file(
                "articles/authors.txt",
                format!(
                    "Authored\n\nBody.\n\nAuthor: {}\n\nUpdated: August 08, 2023, 10:37 PM",
                    ["Ab"; 800_000].join(" & ")
                )
                .into_bytes(),
            ),
            code: 0,
            says: "articles/authors.txt:5:169: warning[too-many-authors]",
        },
        Case {
            name: "2,000,000 one-letter tags on a Tags: line",
            run: Run::Build,
            files: file(
                "articles/tags.txt",
                format!(
                    "Tagged\n\nBody.\n\nTags: {}\n\nUpdated: August 08, 2023, 10:37 PM",
                    ["a"; 2_000_000].join(",")
                )
                .into_bytes(),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "50,000 distinct tags on a Tags: line, with tag feeds",
            run: Run::Build,
            files: {
                let mut files = file(
                    "articles/tags.txt",
                    format!(
                        "Tagged\n\nBody.\n\nTags: {}\n\nUpdated: August 08, 2023, 10:37 PM",
                        tags.join(", ")
                    )
                    .into_bytes(),
                );
                files.push((
                    "feedpub.toml".to_owned(),
                    format!("{CONFIG}tag_feeds = true\n").into_bytes(),
                ));
                files
            },
            code: 0,
            says: "articles/tags.txt:5:",
        },
        Case {
            name: "2,000 articles of 32 distinct tags each, with tag feeds",
            run: Run::Build,
            files: {
                let mut files: Vec<(String, Vec<u8>)> = (0..2_000)
                    .map(|n| {
                        let tags: Vec<String> = (0..32).map(|t| format!("t{n}x{t}")).collect();
                        (
                            format!("articles/a{n}.txt"),
                            format!(
                                "Tagged {n}\n\nBody.\n\nTags: {}\n\nUpdated: August 08, 2023, 10:37 PM",
                                tags.join(", ")
                            )
                            .into_bytes(),
                        )
                    })
                    .collect();
                files.push((
                    "feedpub.toml".to_owned(),
                    format!("{CONFIG}tag_feeds = true\n").into_bytes(),
                ));
                files
            },
            code: 1,
            says: "more than `max_feeds` (10000)",
        },
        Case {
            name: "50,000 nested block quotes",
            run: Run::Build,
            files: file(
                "articles/quote.md",
                md(front, &format!("{} deep\n", ">".repeat(50_000))),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "20,000 nested raw <div>",
            run: Run::Build,
            files: file(
                "articles/div.md",
                md(
                    front,
                    &format!("{}x{}\n", "<div>".repeat(20_000), "</div>".repeat(20_000)),
                ),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "20,000 nested <details> never closed",
            run: Run::Build,
            files: file(
                "articles/details.md",
                md(front, &format!("{}x\n", "<details>".repeat(20_000))),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "200,000 lines of no-break spaces",
            run: Run::Build,
            files: file("articles/nbsp.md", md(front, &"\u{a0}\n".repeat(200_000))),
            code: 0,
            says: "",
        },
        Case {
            name: "a paragraph of 300,000 ampersands",
            run: Run::Build,
            files: file(
                "articles/amp.md",
                md(front, &format!("{}\n", "a & ".repeat(300_000))),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "100,000 footnote definitions",
            run: Run::Build,
            files: file(
                "articles/notes.md",
                md(
                    front,
                    &(0..100_000)
                        .map(|i| format!("[^{i}]: note\n"))
                        .collect::<String>(),
                ),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "one line of 300,000 <p>",
            run: Run::Build,
            files: file(
                "articles/p.md",
                md(front, &format!("{}\n", "<p>".repeat(300_000))),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "a paragraph of 150,000 code spans",
            run: Run::Build,
            files: file(
                "articles/code.md",
                md(front, &format!("x {}\n", "`a".repeat(300_000))),
            ),
            code: 1,
            says: "articles/code.md:6:1: error[markdown-limit]",
        },
        Case {
            name: "a paragraph of 200,000 bracketed letters",
            run: Run::Build,
            files: file(
                "articles/links.md",
                md(front, &format!("x {}\n", "[a]".repeat(200_000))),
            ),
            code: 1,
            says: "articles/links.md:6:1: error[markdown-limit]",
        },
        Case {
            name: "a line of 1,500,000 emphasis marks",
            run: Run::Build,
            files: file(
                "articles/stars.md",
                md(front, &format!("x {}\n", "*a".repeat(1_500_000))),
            ),
            code: 1,
            says: "articles/stars.md:5:1: error[markdown-limit]",
        },
        Case {
            name: "a Markdown title of one tag with 200,000 distinct attributes",
            run: Run::Build,
            files: file(
                "articles/attributes.md",
                md(
                    &format!("title: '<x {}>T'\ndate: 2023-08-08\n", attributes.join(" ")),
                    "Body.\n",
                ),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "a plain-text title of one tag with 200,000 distinct attributes",
            run: Run::Build,
            files: file(
                "articles/attributes.txt",
                format!(
                    "<x {}>T\n\nDek\n\nBody.\n\nUpdated: August 08, 2023",
                    attributes.join(" ")
                )
                .into_bytes(),
            ),
            code: 0,
            says: "",
        },
        Case {
            name: "a million one-letter lines, inspected",
            run: Run::InspectJson,
            files: file("articles/lines.md", md(front, &"x\n".repeat(1_000_000))),
            code: 1,
            says: "error[markdown-limit]",
        },
        Case {
            name: "a file name that is not UTF-8, inspected as JSON",
            run: Run::InspectJson,
            files: vec![(
                String::from_utf8_lossy(b"articles/caf").into_owned() + "\u{0}",
                GOOD.as_bytes().to_vec(),
            )],
            code: 0,
            says: "",
        },
        Case {
            name: "a line of 100,000 metadata fields joined by bars",
            run: Run::Build,
            files: file(
                "articles/fields.txt",
                format!(
                    "Title\n\nDek\n\nBody.\n\n{}",
                    vec!["Updated: 1 Aug 2023"; 100_000].join(" | ")
                )
                .into_bytes(),
            ),
            code: 1,
            says: "articles/fields.txt:7:23: error[invalid-date]",
        },
        Case {
            name: "a newline in a file name",
            run: Run::Build,
            files: file(
                "articles/a\nb.txt",
                b"Title\n\nBody.\n\nUpdated: February 30, 2023".to_vec(),
            ),
            code: 1,
            says: "articles/a\\nb.txt:5:10: error[invalid-date]",
        },
    ]
}

/// Runs feedpub in `dir` with an address-space limit of 64 MiB plus 16
/// times `input` bytes (see `allowance` for test builds). rayon starts a
/// thread per core, so it is pinned to two. glibc's malloc reserves 64 MiB
/// of address space for each arena beyond the first, and whether a thread
/// gets one depends on lock contention at that moment: with more than one
/// arena allowed, the same run passed or failed by timing alone. One arena
/// makes the limit measure what feedpub allocates, on any machine.
fn run(dir: &Path, run: Run, input: u64) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedpub"));
    match run {
        Run::Build => command.arg("build"),
        Run::InspectJson => command.args(["inspect", "--json", "articles"]),
        Run::Validate => command.args(["validate", "feed.xml"]),
    };
    // An unoptimised build's code is twice the size and its frames and
    // temporaries larger: it gets a fixed allowance on top (the release
    // figures are in BENCHMARKS.md).
    let allowance = if cfg!(debug_assertions) { 64 << 20 } else { 0 };
    let limit = (64 << 20) + 16 * input + allowance;
    command
        .current_dir(dir)
        .env("MALLOC_ARENA_MAX", "1")
        .env("RAYON_NUM_THREADS", "2");
    // SAFETY: setrlimit is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(move || {
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().expect("feedpub runs")
}

#[test]
fn hostile_inputs_stay_within_the_contract() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("feedpub.toml"), CONFIG).expect("config");
        let mut input = 0;
        let mut files = case.files;
        if !matches!(case.run, Run::Validate) {
            files.push(("articles/good.txt".to_owned(), GOOD.as_bytes().to_vec()));
        }
        for (name, bytes) in &files {
            // A name ending in NUL stands for one whose last bytes are not
            // UTF-8: `é` in Latin-1.
            let path = match name.strip_suffix('\u{0}') {
                Some(stem) => {
                    use std::os::unix::ffi::OsStringExt;
                    let mut raw = dir.path().join(stem).into_os_string().into_vec();
                    raw.extend_from_slice(b"\xe9.txt");
                    std::path::PathBuf::from(std::ffi::OsString::from_vec(raw))
                }
                None => dir.path().join(name),
            };
            fs::create_dir_all(path.parent().expect("in a folder")).expect("folders");
            fs::write(&path, bytes).expect("writable");
            input += bytes.len() as u64;
        }
        let output = run(dir.path(), case.run, input);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let said = if matches!(case.run, Run::Validate) {
            &stdout
        } else {
            &stderr
        };
        let mut wrong = Vec::new();
        if output.status.code() != Some(case.code) {
            wrong.push(format!("exit {:?}, expected {}", output.status, case.code));
        }
        if !said.contains(case.says) {
            wrong.push(format!("does not say `{}`", case.says));
        }
        if stderr.contains("panicked") || stderr.contains("memory allocation") {
            wrong.push("panicked or ran out of memory".to_owned());
        }
        match case.run {
            Run::Build if case.says.contains("max_feeds") => {
                // A set too large is refused whole: nothing is written.
                if dir.path().join("feeds/atom.xml").exists() {
                    wrong.push("a feed was written".to_owned());
                }
            }
            Run::Build if case.code == 0 => {
                // The article is published, with the good one.
                let atom =
                    fs::read_to_string(dir.path().join("feeds/atom.xml")).unwrap_or_default();
                if atom.matches("<entry>").count() != 2 {
                    wrong.push("the feed does not hold both articles".to_owned());
                }
            }
            Run::Build => {
                // The bad article is left out; the good one is published.
                let atom =
                    fs::read_to_string(dir.path().join("feeds/atom.xml")).unwrap_or_default();
                if atom.matches("<entry>").count() != 1 {
                    wrong.push("the good article is not published alone".to_owned());
                }
            }
            Run::InspectJson => {
                // One JSON line per article, none lost.
                let lines: Vec<serde_json::Value> = stdout
                    .lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect();
                if lines.len() != 2 {
                    wrong.push(format!("{} JSON lines, expected 2", lines.len()));
                }
                if case.name.contains("UTF-8")
                    && !lines.iter().any(|l| {
                        l["path_bytes"].as_array().is_some_and(|b| {
                            b.iter().rev().nth(4) == Some(&serde_json::json!(0xe9))
                        })
                    })
                {
                    wrong.push("no exact bytes for the name that is not UTF-8".to_owned());
                }
            }
            Run::Validate => {}
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}: {}\n  stderr: {:.300}\n  stdout: {:.300}",
                case.name,
                wrong.join("; "),
                stderr,
                stdout
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `inspect` reports the problems of a folder's listing as `build` does,
/// and exits 1 for them.
#[test]
fn inspect_reports_broken_symlinks_like_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("feedpub.toml"), CONFIG).expect("config");
    fs::create_dir(dir.path().join("articles")).expect("folder");
    fs::write(dir.path().join("articles/good.txt"), GOOD).expect("article");
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("articles/broken.txt"))
        .expect("symlink");
    for args in [
        &["inspect", "articles"][..],
        &["inspect", "--json", "articles"],
        &["build", "-q"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_feedpub"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("articles/broken.txt: error[broken-symlink]"),
            "{args:?}: {stderr}"
        );
    }
}
