//! Reading Markdown articles.

use super::*;

fn read_md(text: &str) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let article = read(Path::new("a.md"), text, &mut diagnostics);
    (article, diagnostics)
}

fn names(article: &Article) -> Vec<(String, Option<String>)> {
    article
        .authors
        .iter()
        .map(|a| (a.name.value.clone(), a.email.clone()))
        .collect()
}

#[test]
fn yaml_front_matter() {
    let (article, diagnostics) = read_md(
        "---\ntitle: \"Quoted: title\"\ndate: 2023-08-08\nupdated: August 9, 2023\nsummary: A summary\nauthor: Ana Ruiz <ana@example.com>\ntags: [a, b]\nid: urn:x:1\nslug: my-slug\n---\n\nFirst *para*\ngraph.\n\nSecond.\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let a = article.expect("readable");
    assert_eq!(a.title, Some(Field::new("Quoted: title", 2, 8)));
    assert_eq!(a.published, Some(Field::new("2023-08-08", 3, 7)));
    assert_eq!(
        a.updated.as_ref().map(|f| f.value.as_str()),
        Some("August 9, 2023")
    );
    assert_eq!(
        a.summary.as_ref().map(|f| f.value.as_str()),
        Some("A summary")
    );
    assert_eq!(a.id.as_ref().map(|f| f.value.as_str()), Some("urn:x:1"));
    assert_eq!(a.slug.as_ref().map(|f| f.value.as_str()), Some("my-slug"));
    let tags: Vec<String> = a.tags.iter().map(|t| t.value.clone()).collect();
    assert_eq!(tags, ["a", "b"]);
    // A summary is given: no lead is looked for.
    assert_eq!(a.lead, None);
    assert_eq!(
        names(&a),
        [("Ana Ruiz".to_owned(), Some("ana@example.com".to_owned()))]
    );
}

#[test]
fn toml_front_matter() {
    let (article, diagnostics) = read_md(
        "+++\ntitle = \"T\"\npublished = 2023-08-08T10:00:00+04:00\nauthors = [{ name = \"A\", email = \"a@example.com\" }, \"B\"]\ncategories = \"x, y\"\ndraft = true\n+++\nBody\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let a = article.expect("readable");
    assert_eq!(
        a.published.as_ref().map(|f| f.value.as_str()),
        Some("2023-08-08T10:00:00+04:00")
    );
    assert!(a.draft);
    assert_eq!(
        names(&a),
        [
            ("A".to_owned(), Some("a@example.com".to_owned())),
            ("B".to_owned(), None)
        ]
    );
    let tags: Vec<String> = a.tags.iter().map(|t| t.value.clone()).collect();
    assert_eq!(tags, ["x", "y"]);
}

#[test]
fn author_forms() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        // A bare name.
        ("author: Ana Ruiz", "Ana Ruiz", None),
        // Name and email in angle brackets.
        (
            "author: Ana Ruiz <ana@example.com>",
            "Ana Ruiz",
            Some("ana@example.com"),
        ),
        // The RSS form.
        (
            "author: ana@example.com (Ana Ruiz)",
            "Ana Ruiz",
            Some("ana@example.com"),
        ),
        // A table.
        (
            "author: {name: Ana Ruiz, email: ana@example.com}",
            "Ana Ruiz",
            Some("ana@example.com"),
        ),
        // A list of one.
        ("authors: [Ana Ruiz]", "Ana Ruiz", None),
    ];
    for (line, name, email) in cases {
        let (article, diagnostics) = read_md(&format!("---\ntitle: T\n{line}\n---\n"));
        assert!(diagnostics.is_empty(), "{line}: {diagnostics:?}");
        let got = names(&article.expect("readable"));
        assert_eq!(
            got,
            [(name.to_string(), email.map(str::to_owned))],
            "{line}"
        );
    }
}

#[test]
fn problems() {
    let cases: &[(&str, &str, usize)] = &[
        // No front matter at all.
        ("Just text\n", "missing-front-matter", 1),
        // Never closed.
        ("---\ntitle: T\n", "unclosed-front-matter", 1),
        // A number where a date belongs.
        ("---\ntitle: T\ndate: 12\n---\n", "front-matter-type", 3),
        // A list where a title belongs.
        ("---\ntitle: [a, b]\n---\n", "front-matter-type", 2),
        // A string where a boolean belongs.
        (
            "---\ntitle: T\ndraft: yes please\n---\n",
            "front-matter-type",
            3,
        ),
        // A key given twice under two names.
        (
            "---\ntitle: T\ndate: 2023-01-01\npublished: 2023-01-02\n---\n",
            "duplicate-field",
            4,
        ),
        // Broken YAML.
        ("---\ntitle: [\n---\n", "front-matter-syntax", 3),
        // Broken TOML.
        ("+++\ntitle = \n+++\n", "front-matter-syntax", 2),
        // Front matter that is a list.
        ("---\n- a\n- b\n---\n", "front-matter-syntax", 2),
        // An unknown key warns.
        ("---\ntitle: T\nlayout: post\n---\n", "unknown-key", 3),
    ];
    for (text, code, line) in cases {
        let (_, diagnostics) = read_md(text);
        let first = diagnostics
            .first()
            .unwrap_or_else(|| panic!("{text:?}: no diagnostic"));
        assert_eq!(
            (first.code, first.line),
            (*code, Some(*line)),
            "{text:?}: {first}"
        );
    }
}

#[test]
fn yaml_closing_with_dots_and_crlf() {
    let (article, diagnostics) = read_md("---\r\ntitle: T\r\n...\r\nBody\r\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        article.expect("readable").body,
        Body::Markdown("Body\r\n".into())
    );
}

/// Bodies pulldown-cmark can parse within the bound are read; bodies
/// whose markup alone would make its tree too large are refused.
#[test]
fn markup_density() {
    let prose = "A line of *prose* with a [link](x.html), `code` and an_underscore.\n\n";
    let cases: &[(String, bool)] = &[
        // Prose, however long, even this dense (13% markup: 1.8 M
        // marks in 14 MB).
        (prose.repeat(200_000), true),
        // A small article may be dense: the slack covers it.
        ("*a".repeat(200_000), true),
        // Markup characters only, at scale.
        ("*a".repeat(1_500_000), false),
        // A million one-letter lines.
        ("x\n".repeat(1_000_000), false),
        // Long lines of plain text, no markup.
        ("word ".repeat(2_000_000), true),
    ];
    for (body, ok) in cases {
        assert_eq!(too_dense(body).is_none(), *ok, "{:.40}", body);
    }
}

/// Runs of inline marks: up to an eighth of the body's bytes + 150,000
/// are read, one more is refused on the line where it comes.
#[test]
fn inline_mark_runs() {
    // Bodies of 2,000,000 bytes may have 400,000 runs; `` `a `` is one
    // run in two bytes, and `w` none.
    let len = 2_000_000;
    let most = len / 8 + INLINE_RUNS_SLACK;
    let body = |runs: usize| {
        let marks = format!("{}\n{}", "`a".repeat(most), "`a".repeat(runs - most));
        format!("{marks}{}", "w".repeat(len - marks.len()))
    };
    assert_eq!(too_many_inline_marks(&body(most)), None);
    let (line, message) = too_many_inline_marks(&body(most + 1)).expect("refused");
    assert_eq!(line, 1, "{message}");
    assert!(message.contains("more than 400000 runs"), "{message}");
    let cases: &[(String, bool)] = &[
        // A run is counted once however long: ``` `` ``` is one.
        ("``a".repeat(200_000), true),
        // Brackets and letters, two runs in three bytes.
        ("[a]".repeat(200_000), false),
        // Footnote definitions: a `[` first on its line opens a block.
        (
            (0..200_000).map(|i| format!("[^{i}]: note\n")).collect(),
            true,
        ),
        // Dense prose, a run in ten bytes.
        (
            "A line of *prose* with a [link](x.html), `code` and an_underscore.\n\n"
                .repeat(200_000),
            true,
        ),
    ];
    for (body, ok) in cases {
        assert_eq!(too_many_inline_marks(body).is_none(), *ok, "{:.40}", body);
    }
}

/// The lead is the first paragraph as HTML: the parser's decoded text
/// escaped again, so that it is read once as HTML, and its inline HTML.
#[test]
fn lead_is_escaped_text() {
    let cases: &[(&str, Option<&str>)] = &[
        // Plain prose.
        ("A plain lead.\n", Some("A plain lead.")),
        // A code span's tag is text, escaped.
        ("Use `<div>` here.\n", Some("Use &lt;div&gt; here.")),
        // A reference the parser decoded is escaped again, not decoded
        // twice later.
        ("Fish &amp;lt; chips\n", Some("Fish &amp;lt; chips")),
        // Inline HTML is kept as HTML, for cleaning to read as a
        // browser would (a `<script>` takes its text with it).
        ("A <b>bold</b> move\n", Some("A <b>bold</b> move")),
        (
            "Para <script>alert(1)</script> one.\n",
            Some("Para <script>alert(1)</script> one."),
        ),
        // Emphasis marks go; lines join with a space.
        ("*Two*\nlines\n", Some("Two lines")),
        // No paragraph: no lead.
        ("# Heading only\n", None),
    ];
    for (body, want) in cases {
        let (article, _) = read_md(&format!("---\ntitle: T\n---\n{body}"));
        let lead = article.expect("readable").lead.map(|f| f.value);
        assert_eq!(lead.as_deref(), *want, "{body:?}");
    }
}

/// A date key that cannot be taken is noted, so that the article is not
/// also said to have no date.
#[test]
fn unusable_dates_are_noted() {
    let cases: &[(&str, bool)] = &[
        // A number is not a date.
        ("date: 12\n", true),
        // A list is not a date.
        ("updated: [a, b]\n", true),
        // A date string is taken (read later).
        ("date: 2023-08-08\n", false),
        // An unreadable string is taken too: its reader reports it.
        ("date: someday\n", false),
        // No date at all.
        ("", false),
    ];
    for (line, want) in cases {
        let (article, _) = read_md(&format!("---\ntitle: T\n{line}---\nBody.\n"));
        assert_eq!(article.expect("readable").unusable_date, *want, "{line:?}");
    }
}

/// The first ten unknown keys are warned about one by one, in the order
/// written (TOML tables come sorted by key), and the rest in one warning
/// at the last one's line.
#[test]
fn unknown_keys_past_ten_share_one_warning() {
    for (open, close, assign) in [("---", "---", ": "), ("+++", "+++", " = ")] {
        let keys: String = (0..13).map(|i| format!("k{}{assign}1\n", 12 - i)).collect();
        let text = format!("{open}\ntitle{assign}\"T\"\n{keys}{close}\n\nBody.\n");
        let (article, diagnostics) = read_md(&text);
        assert!(article.is_some());
        let said: Vec<(usize, String)> = diagnostics
            .iter()
            .map(|d| (d.line.unwrap_or(0), d.message.clone()))
            .collect();
        assert_eq!(said.len(), 11, "{open}: {said:?}");
        // Written from k12 down to k0: k12 first, at line 3.
        assert_eq!(said[0].0, 3, "{open}");
        assert!(said[0].1.contains("`k12`"), "{open}: {said:?}");
        assert_eq!(
            said[10],
            (
                15,
                "3 more unknown front-matter keys are ignored, the last `k0`".to_owned()
            ),
            "{open}"
        );
    }
}

/// A front-matter list holds at most 1,000 items, however it is written;
/// the item past the limit is named.
#[test]
fn front_matter_lists_up_to_the_limit() {
    let flow = |n: usize| format!("---\ntags: [{}]\n---\n", vec!["t"; n].join(", "));
    let block = |n: usize| format!("---\ntags:\n{}---\n", "- t\n".repeat(n));
    let string = |n: usize| format!("---\ntags: \"{}\"\n---\n", vec!["t"; n].join(","));
    let toml = |n: usize| format!("+++\ntags = [{}]\n+++\n", vec!["\"t\""; n].join(","));
    let cases: &[(String, Option<(usize, usize)>)] = &[
        // a flow list of the most items
        (flow(1_000), None),
        // one more, refused at it
        (flow(1_001), Some((2, 8 + 3 * 1_000))),
        // a block list of the most items
        (block(1_000), None),
        // one more, refused at it
        (block(1_001), Some((1_003, 3))),
        // a comma-separated string of the most items
        (string(1_000), None),
        // one more, refused at the value
        (string(1_001), Some((2, 7))),
        // a TOML list of the most items
        (toml(1_000), None),
        // one more, refused at it
        (toml(1_001), Some((2, 9 + 4 * 1_000))),
    ];
    for (text, refused) in cases {
        let (article, diagnostics) = read_md(text);
        let limit = diagnostics
            .iter()
            .find(|d| d.code == "front-matter-limit")
            .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)));
        assert_eq!(limit, *refused, "{:.50}: {diagnostics:?}", text);
        if refused.is_none() {
            let tags = article.map_or(0, |a| a.tags.len());
            assert_eq!(tags, 1_000, "{:.50}", text);
        }
    }
}

/// Lists of lists and tables below the top level are held to the same
/// limits: 1,000 items each and 10,000 in all.
#[test]
fn front_matter_nested_values_are_bounded() {
    let lists = |n: usize| {
        format!(
            "---\nx: [{}]\n---\n",
            vec![format!("[{}]", vec!["a"; 99].join(",")); n].join(", ")
        )
    };
    let table = |n: usize| {
        let keys: Vec<String> = (0..n).map(|i| format!("k{i}: 1")).collect();
        format!("---\nx: {{{}}}\n---\n", keys.join(", "))
    };
    let cases: &[(String, bool)] = &[
        // 100 lists of 99: 10,000 values with the lists themselves
        (lists(100), false),
        // one list more passes 10,000
        (lists(101), true),
        // a table of 1,000 keys below the top level
        (table(1_000), false),
        // and of 1,001
        (table(1_001), true),
    ];
    for (text, refused) in cases {
        let (_, diagnostics) = read_md(text);
        let limit = diagnostics.iter().any(|d| d.code == "front-matter-limit");
        assert_eq!(limit, *refused, "{:.50}: {diagnostics:?}", text);
    }
}

/// An empty summary is none: the first paragraph stands in for it.
#[test]
fn an_empty_summary_gives_way_to_the_lead() {
    for summary in ["\"\"", "\"  \"", "''"] {
        let (article, diagnostics) = read_md(&format!(
            "---\ntitle: T\nsummary: {summary}\n---\nFirst paragraph.\n"
        ));
        let article = article.expect("readable");
        assert!(diagnostics.is_empty(), "{summary}: {diagnostics:?}");
        assert!(article.summary.is_none(), "{summary}");
        assert_eq!(
            article.lead.map(|f| f.value).as_deref(),
            Some("First paragraph."),
            "{summary}"
        );
    }
}

/// An empty section is none: the folder decides, as for a plain-text
/// article.
#[test]
fn an_empty_section_is_none() {
    let (article, diagnostics) = read_md("---\ntitle: T\nsection: \" \"\n---\nBody.\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(article.expect("readable").section, None);
}
