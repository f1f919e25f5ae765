//! Metadata lines as the reader takes them, and what reads as a
//! timestamp for a date line without a colon.

use crate::article::news::tests::{paragraphs, read_news};

/// A metadata line, and the updated date, published date and authors it gives.
type MetadataCase<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [&'a str]);

/// What is taken from each kind of line.
#[test]
fn metadata_lines() {
    let cases: &[MetadataCase<'_>] = &[
        // The seed's form.
        (
            "Updated: August 08, 2023, 10:37 PM",
            Some("August 08, 2023, 10:37 PM"),
            None,
            &[],
        ),
        // Any case, no colon before a date.
        ("UPDATED August 8, 2023", Some("August 8, 2023"), None, &[]),
        // `Last updated`.
        ("Last updated: 2023-08-08", Some("2023-08-08"), None, &[]),
        // `Published` goes to its own slot.
        ("Published: 8 Aug 2023", None, Some("8 Aug 2023"), &[]),
        // `Posted` is a published date.
        ("posted 08/13/2023", None, Some("08/13/2023"), &[]),
        // Space before the colon.
        ("Updated : Aug 8, 2023", Some("Aug 8, 2023"), None, &[]),
        // An author line with two names.
        (
            "Author: Ana Ruiz and Li Wei",
            None,
            None,
            &["Ana Ruiz", "Li Wei"],
        ),
        // A byline paragraph, of one name or several.
        ("By Ana Ruiz", None, None, &["Ana Ruiz"]),
        (
            "By Ana Ruiz and Li Wei",
            None,
            None,
            &["Ana Ruiz", "Li Wei"],
        ),
        (
            "By Ana Ruiz, Li Wei and Omar Nasser",
            None,
            None,
            &["Ana Ruiz", "Li Wei", "Omar Nasser"],
        ),
        // An escaped ampersand is part of a name; a bare one separates.
        (
            "Author: Tom &amp; Jerry Productions",
            None,
            None,
            &["Tom &amp; Jerry Productions"],
        ),
        ("Author: Ana &#38; Ben", None, None, &["Ana &#38; Ben"]),
        ("Author: Ana & Ben", None, None, &["Ana", "Ben"]),
        // An address in angle brackets is the author's email.
        (
            "Author: Ana Ruiz <ana@example.com>, Li Wei",
            None,
            None,
            &["Ana Ruiz", "Li Wei"],
        ),
        ("Author: Ana &amp Ben", None, None, &["Ana", "amp Ben"]),
        // A role after a name is the name's, not an author; alone, it is
        // all the author there is.
        ("Author: Jane Doe, Staff Writer", None, None, &["Jane Doe"]),
        (
            "Author: Ana Ruiz, Editor-at-Large",
            None,
            None,
            &["Ana Ruiz"],
        ),
        (
            "Author: Ana Ruiz, Li Wei, Reporters",
            None,
            None,
            &["Ana Ruiz", "Li Wei"],
        ),
        ("Author: Staff Reporter", None, None, &["Staff Reporter"]),
        (
            "By Ana Ruiz, Senior Correspondent in Dubai",
            None,
            None,
            &["Ana Ruiz"],
        ),
        (
            "By Jane Doe and John Roe, Staff Writers",
            None,
            None,
            &["Jane Doe", "John Roe"],
        ),
        ("By Jane Doe, staff writer", None, None, &["Jane Doe"]),
        // No colon, and the value is a timestamp.
        (
            "Updated 08 August 2023 22:37",
            Some("08 August 2023 22:37"),
            None,
            &[],
        ),
        // No colon, an all-numeric date whose order `date_order` settles:
        // still a date line, read (or refused) with the configured order.
        ("Posted 03/04/2023", None, Some("03/04/2023"), &[]),
        // No colon and no year: a timestamp missing a part is a date line,
        // and its error says what is missing.
        ("Updated March 3", Some("March 3"), None, &[]),
        // No colon and no such day: a date line with an error.
        (
            "Updated February 30, 2023",
            Some("February 30, 2023"),
            None,
            &[],
        ),
        // No colon and a weekday that does not match: a date line.
        (
            "Published Tuesday, August 9, 2023",
            None,
            Some("Tuesday, August 9, 2023"),
            &[],
        ),
        // No colon and an ambiguous zone: a date line.
        (
            "Date 8 Aug 2023 10:37 IST",
            None,
            Some("8 Aug 2023 10:37 IST"),
            &[],
        ),
        // No colon and a relative date: a date line, refused later.
        ("Updated 2 hours ago", Some("2 hours ago"), None, &[]),
        // With a colon, the value is taken whatever it is: a bad one is an
        // error later, as it always was.
        ("Updated: market report", Some("market report"), None, &[]),
        // Two fields on one line, joined by a bar, as news pages print them.
        (
            "Published: 8 August 2023 | Updated: 9 August 2023, 10:37 PM",
            Some("9 August 2023, 10:37 PM"),
            Some("8 August 2023"),
            &[],
        ),
        // The same without colons.
        (
            "Published 8 Aug 2023 | Updated 9 Aug 2023",
            Some("9 Aug 2023"),
            Some("8 Aug 2023"),
            &[],
        ),
        // A bar between date and time stays in the value: no key follows it.
        (
            "Updated: November 8, 2023 | 6:03 pm",
            Some("November 8, 2023 | 6:03 pm"),
            None,
            &[],
        ),
        // Both at once: each field keeps its own bar before the time.
        (
            "Published: Nov 8, 2023 | 6:03 pm | Updated: Nov 9, 2023 | 7:00 am",
            Some("Nov 9, 2023 | 7:00 am"),
            Some("Nov 8, 2023 | 6:03 pm"),
            &[],
        ),
        // An author and a date on one line.
        (
            "Author: Ana Ruiz | Updated: 9 Aug 2023",
            Some("9 Aug 2023"),
            None,
            &["Ana Ruiz"],
        ),
        // `on` or `at` between a date key and its colon.
        (
            "Updated on: August 8, 2023, 10:37 PM",
            Some("August 8, 2023, 10:37 PM"),
            None,
            &[],
        ),
        ("Published On: 8 Aug 2023", None, Some("8 Aug 2023"), &[]),
        ("Posted on: 8 Aug 2023", None, Some("8 Aug 2023"), &[]),
        (
            "Last updated at: 10:37 PM, 8 Aug 2023",
            Some("10:37 PM, 8 Aug 2023"),
            None,
            &[],
        ),
        (
            "Updated at : 8 Aug 2023 22:37",
            Some("8 Aug 2023 22:37"),
            None,
            &[],
        ),
        // A dash for the colon: hyphen, en dash, em dash.
        (
            "Updated - August 8, 2023",
            Some("August 8, 2023"),
            None,
            &[],
        ),
        (
            "Published \u{2013} 8 Aug 2023",
            None,
            Some("8 Aug 2023"),
            &[],
        ),
        ("Updated \u{2014} 8 Aug 2023", Some("8 Aug 2023"), None, &[]),
    ];
    for (line, updated, published, authors) in cases {
        let text = format!("Title\n\nDek\n\nBody text here.\n\n{line}\n");
        let (article, diagnostics) = read_news(&text);
        let article = article.expect("readable");
        assert!(diagnostics.is_empty(), "{line}: {diagnostics:?}");
        assert_eq!(
            article.updated.map(|f| f.value).as_deref(),
            *updated,
            "{line}"
        );
        assert_eq!(
            article.published.map(|f| f.value).as_deref(),
            *published,
            "{line}"
        );
        let names: Vec<String> = article.authors.into_iter().map(|a| a.name.value).collect();
        assert_eq!(names, *authors, "{line}");
        if updated.is_none() && published.is_none() && authors.is_empty() {
            panic!("row {line:?} tests nothing");
        }
    }
}

/// A `Tags:` line's items, split at commas and semicolons, but not at the
/// `;` of a character reference; and no more than an article keeps, plus
/// one for the warning about the rest.
#[test]
fn tags_lines() {
    let cases: &[(&str, &[&str])] = &[
        ("Tags: Politics, Economy", &["Politics", "Economy"]),
        ("Tags: a; b ,c", &["a", "b", "c"]),
        (
            "Tags: Fish &amp; chips, AT&amp;T",
            &["Fish &amp; chips", "AT&amp;T"],
        ),
        ("Tags: caf&#233;; &#x1F600;", &["caf&#233;", "&#x1F600;"]),
        // Not references: a bare `&`, and `&;`.
        ("Tags: R&D; Q&A", &["R&D", "Q&A"]),
        ("Tags: a &; b", &["a &", "b"]),
        ("Tags: , ,a,,", &["a"]),
    ];
    for (line, tags) in cases {
        let text = format!("Title\n\nDek\n\nBody text here.\n\n{line}\n\nUpdated: August 8, 2023");
        let (article, _) = read_news(&text);
        let article = article.expect("readable");
        let got: Vec<&str> = article.tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(got, *tags, "{line}");
    }
    let many = format!(
        "Title\n\nDek\n\nBody.\n\nTags: {}\nTags: more\n\nUpdated: August 8, 2023",
        (0..1000)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (article, _) = read_news(&many);
    let tags = article.expect("readable").tags;
    assert_eq!(tags.len(), crate::normalize::MAX_TAGS + 1);
    assert_eq!(tags.last().map(|t| t.value.as_str()), Some("t32"));
    // Each item is placed where it stands.
    assert_eq!((tags[2].line, tags[2].column), (7, 15));
}

/// Lines that look like metadata but are prose stay in the body.
#[test]
fn prose_is_not_metadata() {
    let cases: &[&str] = &[
        // `By` starting a sentence.
        "By the time the ferry arrived, the port had closed.",
        // A place after a name with no role before it: prose, not a
        // byline naming `Ana Ruiz in Dubai`.
        "By Ana Ruiz in Dubai",
        // `Updated` with prose, no colon.
        "Updated figures from the ministry show a rise.",
        // `Posted` as a verb.
        "Posted guards stood at every gate.",
        // `Date` as a word.
        "Dates from the palm groves were sold at dawn.",
        // A number, then words no timestamp has.
        "Posted 3 guards at every entrance",
        // A number, then words, and a number at the end.
        "Published 12 novels before she turned 40",
        // `Date` as a noun.
        "Date night ideas for the long weekend",
        // `market` is no `mar`ch.
        "Updated market forecasts show growth",
        // `mayoral` is no `may`.
        "Published mayoral debate transcripts",
        // `sunscreen` is no `sun`day.
        "Updated sunscreen advice for the summer",
        // A relative date, then prose after it.
        "Updated 2 hours ago, the ministry said",
        // A year out of range, then prose after it.
        "Posted 0800 reports overnight",
        // A relative word, then prose.
        "Posted yesterday by the ministry",
        // A number no timestamp has.
        "Posted 200 signatures",
        // A year, then prose.
        "Published 2023 results show a rise",
        // Nine fields are more than a line may hold, so it is read whole;
        // whole, it is too long for a date line without a colon: text.
        "Updated 1 Aug 2023 | Updated 2 Aug 2023 | Updated 3 Aug 2023 | Updated 4 Aug 2023 | Updated 5 Aug 2023 | Updated 6 Aug 2023 | Updated 7 Aug 2023 | Updated 8 Aug 2023 | Updated 9 Aug 2023",
        // Bars between prose: no part is a field.
        "Posted guards | Updated plans for the port",
        // The first part is prose, so the line is.
        "Posted 3 guards | Updated 9 Aug 2023",
        // A line that starts with no key is prose, whatever follows a bar;
        // so is one whose first word only starts like a key.
        "Story so far | Updated: 9 Aug 2023",
        "Bypass road | Updated: 9 Aug 2023",
        "Tagsy: a, b",
        "Dated 8 Aug 2023",
        // `on`/`at` with no colon after them, and a dash before prose.
        "Posted at every entrance: three guards",
        "Updated on a daily basis",
        "Updated - see the note below",
        "Published \u{2014} and praised \u{2014} in 2023 by the press",
        // `on` or `at` must be a word of its own.
        "Updatedon: 8 Aug 2023",
    ];
    for line in cases {
        let text = format!("Title\n\nDek\n\n{line}\n\nUpdated: August 8, 2023\n");
        let (article, diagnostics) = read_news(&text);
        let article = article.expect("readable");
        assert!(diagnostics.is_empty(), "{line}: {diagnostics:?}");
        assert_eq!(paragraphs(&article), [*line], "{line}");
        assert!(article.authors.is_empty(), "{line}");
    }
}

/// What reads as a timestamp, valid or faulty, for a date line without a
/// colon (the reader's use of `is_timestamp`).
#[test]
fn what_reads_as_a_timestamp() {
    use crate::text::date::is_timestamp;
    let cases: &[(&str, bool)] = &[
        // The seed's form.
        ("August 08, 2023, 10:37 PM", true),
        // Day first, 24-hour clock.
        ("08 August 2023 22:37", true),
        // RFC 3339.
        ("2023-08-08T22:37:00Z", true),
        // An order only `date_order` settles.
        ("03/04/2023", true),
        // The same, with a dash and a clock that alone read oddly.
        ("03/04/2023 - 10:37 PM", true),
        // The same, with a dotted 24-hour clock.
        ("03/04/2023 22.37", true),
        // No year.
        ("March 3", true),
        // No such day.
        ("February 30, 2023", true),
        // The wrong weekday.
        ("Tuesday, August 9, 2023", true),
        // An ambiguous zone.
        ("8 Aug 2023 10:37 IST", true),
        // No such time.
        ("8 Aug 2023 25:00", true),
        // A year out of range, and nothing after it.
        ("0999-01-01", true),
        // A year given twice.
        ("Aug 8 2023 2024", true),
        // A relative date.
        ("2 hours ago", true),
        // Empty.
        ("", false),
        // A number, then words.
        ("3 guards at every entrance", false),
        // A number, words, a number.
        ("12 novels before she turned 40", false),
        // A word first.
        ("night ideas for the long weekend", false),
        // A month's first letters in a longer word.
        ("market forecasts", false),
        // The same for `may`.
        ("mayoral debate", false),
        // A relative date, then prose.
        ("2 hours ago, the ministry said", false),
        // A relative word, then a word no timestamp has.
        ("last week", false),
        // A year out of range, then prose.
        ("0800 reports overnight", false),
        // A relative word, then prose.
        ("yesterday by the ministry", false),
        // A number that fits no part.
        ("200 signatures", false),
        // A character no timestamp has.
        ("#3 in the charts", false),
        // A weekday given twice, six times over: faults to the end.
        ("Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon", true),
        // Ten times over: after eight faults it gives up.
        (
            "Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon Mon",
            false,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(is_timestamp(text), *want, "{text:?}");
    }
}

/// Before the title only a date line is metadata: any other line that
/// starts with a key and a colon is the headline.
#[test]
fn the_first_line_is_the_headline_unless_a_date() {
    let cases: &[(&str, &str)] = &[
        (
            "Author: Rowling's new novel divides critics",
            "Author: Rowling's new novel divides critics",
        ),
        ("Tags: the words we use", "Tags: the words we use"),
        (
            "Section: Inside the newsroom",
            "Section: Inside the newsroom",
        ),
        // A date key whose value is no timestamp is a headline too.
        (
            "Updated: what we know about the storm",
            "Updated: what we know about the storm",
        ),
        // A date line before the title is taken, the title follows.
        (
            "Updated: August 8, 2023\nHarbour tunnel opens",
            "Harbour tunnel opens",
        ),
    ];
    for (head, title) in cases {
        let text = format!("{head}\n\nDek line.\n\nBody text here.\n\nPublished: August 1, 2023");
        let (article, diagnostics) = read_news(&text);
        let article = article.expect("readable");
        assert!(diagnostics.is_empty(), "{head}: {diagnostics:?}");
        assert_eq!(
            article.title.map(|t| t.value).as_deref(),
            Some(*title),
            "{head}"
        );
        assert!(
            article.authors.is_empty() && article.tags.is_empty(),
            "{head}"
        );
        assert_eq!(
            article.summary.map(|s| s.value).as_deref(),
            Some("Dek line."),
            "{head}"
        );
    }
}

/// An `Author:` name may end with its address, in angle brackets.
#[test]
fn author_emails() {
    let text = "Title\n\nDek\n\nBody.\n\nAuthor: Ana Ruiz <ana@example.com>, Li Wei <no address>\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let authors: Vec<(String, Option<String>)> = article
        .expect("readable")
        .authors
        .into_iter()
        .map(|a| (a.name.value, a.email))
        .collect();
    assert_eq!(
        authors,
        [
            ("Ana Ruiz".to_owned(), Some("ana@example.com".to_owned())),
            ("Li Wei <no address>".to_owned(), None),
        ]
    );
}

/// A byline stands before the body; after it, a `By ...` paragraph is
/// body text (a subhead).
#[test]
fn bylines_stand_before_the_body() {
    let text = "Title\n\nDek\n\nBy Jane Doe and John Roe\n\nThe tunnel opened.\n\nBy The Numbers\n\nIt cost 2 billion.\n\nUpdated: August 8, 2023";
    let (article, diagnostics) = read_news(text);
    let article = article.expect("readable");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let names: Vec<&str> = article
        .authors
        .iter()
        .map(|a| a.name.value.as_str())
        .collect();
    assert_eq!(names, ["Jane Doe", "John Roe"]);
    assert_eq!(
        paragraphs(&article),
        ["The tunnel opened.", "By The Numbers", "It cost 2 billion."]
    );
}

/// A `Date:` line is metadata before the body or after it, and text
/// inside it: an event listing's `Date: September 12, 2023` between two
/// paragraphs is the body's, not the article's published date.
#[test]
fn date_lines_inside_the_body_are_text() {
    // Text, the published date taken, the authors, the body's paragraphs.
    type DateCase<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a [&'a str]);
    let cases: &[DateCase<'_>] = &[
        // Between paragraphs: text, and no published date.
        (
            "Title\n\nDek\n\nThe festival returns.\n\nDate: September 12, 2023\n\nTickets go on sale.\n\nUpdated: August 8, 2023",
            None,
            &[],
            &[
                "The festival returns.",
                "Date: September 12, 2023",
                "Tickets go on sale.",
            ],
        ),
        // A value that is no date, inside the body: text, no error.
        (
            "Title\n\nDek\n\nThe festival returns.\n\nDate: to be announced\n\nTickets go on sale.\n\nUpdated: August 8, 2023",
            None,
            &[],
            &[
                "The festival returns.",
                "Date: to be announced",
                "Tickets go on sale.",
            ],
        ),
        // Before the body, after the title or the dek: metadata.
        (
            "Title\n\nDate: August 7, 2023\n\nDek\n\nBody.\n\nUpdated: August 8, 2023",
            Some("August 7, 2023"),
            &[],
            &["Body."],
        ),
        (
            "Title\nDek\nDate: August 7, 2023\n\nBody.\n\nUpdated: August 8, 2023",
            Some("August 7, 2023"),
            &[],
            &["Body."],
        ),
        // After the body: metadata, before or after a sign-off byline.
        (
            "Title\n\nDek\n\nBody one.\n\nBody two.\n\nDate: August 7, 2023",
            Some("August 7, 2023"),
            &[],
            &["Body one.", "Body two."],
        ),
        (
            "Title\n\nDek\n\nBody one.\n\nBody two.\n\nBy Ana Ruiz\n\nDate: August 7, 2023",
            Some("August 7, 2023"),
            &["Ana Ruiz"],
            &["Body one.", "Body two."],
        ),
        (
            "Title\n\nDek\n\nBody one.\n\nBody two.\n\nDate: August 7, 2023\n\nBy Ana Ruiz",
            Some("August 7, 2023"),
            &["Ana Ruiz"],
            &["Body one.", "Body two."],
        ),
        // Followed by a line that is no metadata: text, but the article's
        // date when it has no other.
        (
            "Title\n\nDek\n\nBody one.\n\nDate: August 7, 2023\n\nSource: WAM",
            Some("August 7, 2023"),
            &[],
            &["Body one.", "Source: WAM"],
        ),
        (
            "Title\n\nDek\n\nBody one.\n\nDate: August 7, 2023\n\nBody two.\n\nDate: August 9, 2023\n\nSource: WAM",
            Some("August 7, 2023"),
            &[],
            &[
                "Body one.",
                "Body two.",
                "Date: August 9, 2023",
                "Source: WAM",
            ],
        ),
        // `Published:`, `Date published:` and `Posted:` stay metadata
        // wherever they stand.
        (
            "Title\n\nDek\n\nBody one.\n\nPublished: August 7, 2023\n\nBody two.",
            Some("August 7, 2023"),
            &[],
            &["Body one.", "Body two."],
        ),
        (
            "Title\n\nDek\n\nBody one.\n\nDate published: August 7, 2023\n\nBody two.",
            Some("August 7, 2023"),
            &[],
            &["Body one.", "Body two."],
        ),
    ];
    for (text, published, authors, body) in cases {
        let (article, diagnostics) = read_news(text);
        let article = article.expect("readable");
        assert!(diagnostics.is_empty(), "{text:?}: {diagnostics:?}");
        assert_eq!(
            article.published.as_ref().map(|f| f.value.as_str()),
            *published,
            "{text:?}"
        );
        let names: Vec<String> = article
            .authors
            .iter()
            .map(|a| a.name.value.clone())
            .collect();
        assert_eq!(names, *authors, "{text:?}");
        assert_eq!(paragraphs(&article), *body, "{text:?}");
    }
}
