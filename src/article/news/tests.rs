use super::*;
use crate::diagnostic::Severity;

fn read_news(text: &str) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let article = super::super::read(
        Path::new("a.txt"),
        Format::News,
        text.to_owned(),
        &NewsOptions::default(),
        &mut diagnostics,
    );
    (article, diagnostics)
}

fn paragraphs(article: &Article) -> Vec<String> {
    match &article.body {
        Body::Paragraphs(p) => p.iter().map(String::from).collect(),
        Body::Markdown(_) => panic!("a news article has paragraphs"),
    }
}

const SHAPE: &str = "Harbour bridge to close for repairs\n\
\n\
Traffic will be diverted over the old causeway for six weeks\n\
\n\
Workers inspect the bridge's cables on Monday. AFP\n\
Powered by automated translation\n\
\n\
The harbour bridge will close from Saturday.\n\
\n\
Buses will run every ten minutes.\n\
\n\
Updated: August 08, 2023, 10:37 PM";

#[test]
fn the_users_shape() {
    let (article, diagnostics) = read_news(SHAPE);
    let article = article.expect("readable");
    let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "a.txt:5:1: note[dropped-caption]: left out the photo caption `Workers inspect the bridge's cables on Monday. AFP`: it ends with the photo credit `AFP`",
            "a.txt:6:1: note[dropped-boilerplate]: left out the boilerplate line `Powered by automated translation`",
        ]
    );
    assert_eq!(
        article.title,
        Some(Field::new("Harbour bridge to close for repairs", 1, 1))
    );
    assert_eq!(
        article.summary,
        Some(Field::new(
            "Traffic will be diverted over the old causeway for six weeks",
            3,
            1
        ))
    );
    assert_eq!(
        paragraphs(&article),
        [
            "The harbour bridge will close from Saturday.",
            "Buses will run every ten minutes."
        ]
    );
    assert_eq!(
        article.updated,
        Some(Field::new("August 08, 2023, 10:37 PM", 12, 10))
    );
    // With a dek there is no need of the first paragraph as a summary.
    assert_eq!(article.lead, None);
}

#[test]
fn line_endings_and_bom() {
    let crlf = SHAPE.replace('\n', "\r\n");
    let cr = SHAPE.replace('\n', "\r");
    let bom = format!("\u{FEFF}{SHAPE}\n");
    let (want, notes) = read_news(SHAPE);
    for (name, text) in [("CRLF", crlf), ("CR", cr), ("BOM and final newline", bom)] {
        let (got, diagnostics) = read_news(&text);
        assert_eq!(diagnostics, notes, "{name}");
        assert_eq!(got, want, "{name}");
    }
}

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
        // A byline paragraph.
        ("By Ana Ruiz", None, None, &["Ana Ruiz"]),
        // Issue 15: no colon, and the value is a timestamp.
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

/// Lines that look like metadata but are prose stay in the body.
#[test]
fn prose_is_not_metadata() {
    let cases: &[&str] = &[
        // `By` starting a sentence.
        "By the time the ferry arrived, the port had closed.",
        // `Updated` with prose, no colon.
        "Updated figures from the ministry show a rise.",
        // `Posted` as a verb.
        "Posted guards stood at every gate.",
        // `Date` as a word.
        "Dates from the palm groves were sold at dawn.",
        // Issue 15: a number, then words no timestamp has.
        "Posted 3 guards at every entrance",
        // Issue 15: a number, then words, and a number at the end.
        "Published 12 novels before she turned 40",
        // Issue 15: `Date` as a noun.
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

/// Which paragraphs after the dek are captions, with the credits
/// `Bild` and `Times Wire` configured: (paragraph, the credit it is
/// dropped for, if it is).
#[test]
fn captions() {
    let cases: &[(&str, Option<&str>)] = &[
        // Ends with an agency.
        ("A tram on the bridge. Reuters", Some("Reuters")),
        // A credit of two words.
        ("Crowds at the stadium. Getty Images", Some("Getty Images")),
        // `via Getty Images`, after a photographer and a slash.
        (
            "Crowds at the stadium. John Doe / AFP via Getty Images",
            Some("Getty Images"),
        ),
        // A photographer and a paper, joined by a bare slash.
        (
            "The dhow in the courtyard. Pawan Singh/The National",
            Some("The National"),
        ),
        // A trailing period after the credit.
        ("Ministers meet in Riyadh. SPA.", Some("SPA")),
        // After a bar.
        ("Ministers meet in Riyadh | WAM", Some("WAM")),
        // The credit alone.
        ("EPA", Some("EPA")),
        // A credit from the configuration, in its own spelling.
        ("Fans in the square. Bild", Some("Bild")),
        // A configured credit of two words.
        (
            "Fans in the square. Jan Roe / Times Wire",
            Some("Times Wire"),
        ),
        // `Photo:` and a name.
        (
            "The dhow in the courtyard. Photo: Omar Nasser",
            Some("Photo: Omar Nasser"),
        ),
        // In capitals, without a blank after the colon.
        ("The dhow. PHOTO:Omar Nasser", Some("PHOTO:Omar Nasser")),
        // `Courtesy of` and a name.
        (
            "The old quay in 1950. Courtesy of the Harbour Trust",
            Some("Courtesy of the Harbour Trust"),
        ),
        // `Credit:` and a name.
        ("The old quay. Credit: Lena Park", Some("Credit: Lena Park")),
        // A dek is prose, not a caption.
        ("The city will add eleven stops to its tram network", None),
        // A sentence that merely mentions an agency.
        (
            "The minister told Reuters that talks would resume next week.",
            None,
        ),
        // Issue 15: `spa` is no `SPA`: credits keep their own spelling.
        (
            "Guests can book a room from March. The new hotel includes a spa",
            None,
        ),
        // A credit in another spelling.
        ("A tram on the bridge. REUTERS", None),
        // A configured credit in another spelling.
        ("Fans in the square. BILD", None),
        // Issue 15: `Credit` with no colon starts a sentence, not a credit.
        (
            "Prices rise across the region. Credit card debt soars",
            None,
        ),
        // `Pictures` with no colon.
        ("The fair opens. Pictures from the opening day", None),
        // `Photo:` with no name after it.
        ("The dhow in the courtyard. Photo:", None),
        // `Courtesy of` with no name.
        ("The old quay in 1950. Courtesy of", None),
        // `Courtesy` and a name, without `of` or a colon.
        ("The old quay in 1950. Courtesy calls were made", None),
        // A credit inside a longer word is no token.
        ("Officials met the agency. NEPA", None),
        // A credit joined to a word by a dash is no token of its own.
        ("Officials met the agency. Trans-AP", None),
        // More than six words after the last sentence.
        ("A tram. Seen here on the bridge over the river AFP", None),
    ];
    let mut options = NewsOptions::default();
    options.add_credit("Bild");
    options.add_credit(" Times Wire ");
    for (caption, credit) in cases {
        let text = format!("Title\n\nDek line\n\n{caption}\n\nBody.\n\nUpdated: August 8, 2023\n");
        let mut diagnostics = Vec::new();
        let article = super::super::read(
            Path::new("a.txt"),
            Format::News,
            text,
            &options,
            &mut diagnostics,
        );
        let body = paragraphs(&article.expect("readable"));
        assert_eq!(
            !body.contains(&caption.to_string()),
            credit.is_some(),
            "{caption}: {body:?}"
        );
        let noted = diagnostics.iter().find(|d| d.code == "dropped-caption");
        match credit {
            Some(credit) => {
                let message = noted.map(|d| d.message.as_str()).unwrap_or_default();
                assert!(
                    message.ends_with(&format!("it ends with the photo credit `{credit}`")),
                    "{caption}: {message}"
                );
            }
            None => assert_eq!(noted, None, "{caption}"),
        }
    }
}

/// Issue 15: a dek that ends like a credit word is still the dek.
#[test]
fn a_dek_ending_in_a_credit_word_is_kept() {
    let text = "Title\n\nPrices rise across the region. Credit card debt soars\n\nBody.";
    let (article, diagnostics) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(
        article.summary.as_ref().map(|f| f.value.as_str()),
        Some("Prices rise across the region. Credit card debt soars")
    );
    assert_eq!(paragraphs(&article), ["Body."]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn caption_without_dek() {
    let text =
        "Title\n\nA tram on the bridge. Reuters\n\nFirst paragraph.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(article.summary, None);
    assert_eq!(
        article.lead.map(|f| f.value).as_deref(),
        Some("First paragraph.")
    );
}

#[test]
fn boilerplate_anywhere_is_dropped() {
    let text = "Title\n\nDek\n\nA caption. EPA\n\nBody one.\nPowered by automated translation.\n\nBody two.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    assert_eq!(
        paragraphs(&article.expect("readable")),
        ["Body one.", "Body two."]
    );
}

#[test]
fn wrapped_paragraphs_are_joined() {
    let text = "Title\n\nA dek that\nwraps\n\nBody that\nwraps too.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(
        article.summary.as_ref().map(|f| f.value.as_str()),
        Some("A dek that wraps")
    );
    assert_eq!(paragraphs(&article), ["Body that wraps too."]);
}

#[test]
fn problems() {
    // Nothing at all.
    let (article, diagnostics) = read_news("\n\n  \n");
    assert!(article.is_none());
    assert_eq!(diagnostics[0].code, "empty-article");
    // Two updated dates: an error naming both lines.
    let (_, diagnostics) = read_news("T\n\nD\n\nUpdated: August 8, 2023\nUpdated: August 9, 2023");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        (diagnostics[0].code, diagnostics[0].line),
        ("duplicate-field", Some(6))
    );
    assert!(
        diagnostics[0].message.contains("line 5"),
        "{}",
        diagnostics[0].message
    );
}

/// A boilerplate line after a blank line follows the block before it: that
/// block is the caption, and the paragraph after the boilerplate is body.
#[test]
fn boilerplate_after_a_blank_line_follows_the_block_before_it() {
    let text = "Title\n\nDek line\n\nA caption without a credit\n\nPowered by automated translation\n\nBody one.\n\nBody two.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(
        article.summary.as_ref().map(|f| f.value.as_str()),
        Some("Dek line")
    );
    assert_eq!(paragraphs(&article), ["Body one.", "Body two."]);

    // Right after the title, the block followed by boilerplate is a
    // caption (there is no dek); the body keeps every paragraph.
    let text = "Title\n\nA caption\n\nPowered by automated translation\n\nBody one.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(article.summary, None);
    assert_eq!(paragraphs(&article), ["Body one."]);
    assert_eq!(article.lead.map(|f| f.value).as_deref(), Some("Body one."));
}

/// Each paragraph left out gets a note, at its line and column, in line
/// order: (article, the notes as `code line:column`).
#[test]
fn dropped_paragraphs_are_noted() {
    let cases: &[(&str, &[&str])] = &[
        // Nothing left out, nothing noted.
        ("T\n\nDek\n\nBody.\n\nUpdated: August 8, 2023", &[]),
        // A caption and the boilerplate line under it.
        (
            "T\n\nDek\n\nA tram. EPA\nPowered by automated translation\n\nBody.",
            &["dropped-caption 5:1", "dropped-boilerplate 6:1"],
        ),
        // Boilerplate after a blank line makes the block before it a
        // caption; the caption is noted first, at its first line.
        (
            "T\n\nDek\n\nA tram\non the bridge\n\nPowered by automated translation\n\nBody.",
            &["dropped-caption 5:1", "dropped-boilerplate 8:1"],
        ),
        // Indented lines are placed at their first character.
        (
            "T\n\nDek\n\n  A tram. Reuters\n\nBody.\n\t Powered by automated translation.",
            &["dropped-caption 5:3", "dropped-boilerplate 8:3"],
        ),
        // Boilerplate inside the body is noted where it stands.
        (
            "T\n\nDek\n\nA tram. EPA\n\nBody one.\nPOWERED BY AUTOMATED TRANSLATION\n\nBody two.",
            &["dropped-caption 5:1", "dropped-boilerplate 8:1"],
        ),
        // No dek: the caption right after the title.
        (
            "T\n\nA tram. Getty Images\n\nBody.",
            &["dropped-caption 3:1"],
        ),
        // After five listed lines, the rest share one note at the first.
        (
            "T\n\nDek\n\nA tram. EPA\n\nBody.\n\nPowered by automated translation\nPowered by automated translation\nPowered by automated translation\nPowered by automated translation\nPowered by automated translation\nPowered by automated translation\nPowered by automated translation",
            &[
                "dropped-caption 5:1",
                "dropped-boilerplate 9:1",
                "dropped-boilerplate 10:1",
                "dropped-boilerplate 11:1",
                "dropped-boilerplate 12:1",
                "dropped-boilerplate 13:1",
                "dropped-boilerplate 14:1",
            ],
        ),
    ];
    for (text, want) in cases {
        let (article, diagnostics) = read_news(text);
        assert!(article.is_some(), "{text:?}");
        let got: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                assert_eq!(d.severity, Severity::Note, "{d}");
                format!(
                    "{} {}:{}",
                    d.code,
                    d.line.unwrap_or(0),
                    d.column.unwrap_or(0)
                )
            })
            .collect();
        assert_eq!(got, *want, "{text:?}");
    }
}

/// What a note says: the start of the text left out, and why.
#[test]
fn note_messages() {
    let long = "The tram crosses the new bridge over the harbour at dawn on Monday. AFP";
    let cases: &[(&str, &str)] = &[
        // A long caption is quoted up to an ellipsis, with its credit.
        (
            long,
            "left out the photo caption `The tram crosses the new bridge over the harbour at dawn on\u{2026}`: it ends with the photo credit `AFP`",
        ),
        // A caption without a credit, before boilerplate.
        (
            "A tram\nPowered by automated translation",
            "left out the photo caption `A tram`: a boilerplate line follows it",
        ),
        // A control character is written as an escape, on one line.
        (
            "A\u{1b}tram. EPA",
            "left out the photo caption `A\\u{1b}tram. EPA`: it ends with the photo credit `EPA`",
        ),
    ];
    for (caption, want) in cases {
        let text = format!("T\n\nDek\n\n{caption}\n\nBody.");
        let (_, diagnostics) = read_news(&text);
        assert_eq!(
            diagnostics.first().map(|d| d.message.as_str()),
            Some(*want),
            "{caption:?}"
        );
    }
    // Seven boilerplate lines: five listed, then one note for the rest.
    let text = format!(
        "T\n\nDek\n\nBody.\n{}",
        "Powered by automated translation\n".repeat(7)
    );
    let (_, diagnostics) = read_news(&text);
    assert_eq!(
        diagnostics.last().map(|d| d.message.as_str()),
        Some("left out 2 more boilerplate lines, from line 11 to line 12")
    );
}

/// An article of nothing but boilerplate is an error, and says what was
/// left out.
#[test]
fn nothing_but_boilerplate() {
    let (article, diagnostics) = read_news("Powered by automated translation\n");
    assert!(article.is_none());
    let codes: Vec<_> = diagnostics.iter().map(|d| (d.severity, d.code)).collect();
    assert_eq!(
        codes,
        [
            (Severity::Error, "empty-article"),
            (Severity::Note, "dropped-boilerplate")
        ]
    );
}

/// What reads as a timestamp, valid or faulty, for a date line without a
/// colon (the reader's use of `is_timestamp`).
#[test]
fn what_reads_as_a_timestamp() {
    use crate::normalize::date::is_timestamp;
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
