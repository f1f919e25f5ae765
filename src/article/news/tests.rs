use super::*;
use crate::diagnostic::Severity;

pub(super) fn read_news(text: &str) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let article = super::super::read(
        Path::new("a.txt"),
        Format::News,
        text.to_owned(),
        &NewsOptions::default(),
        true,
        &mut diagnostics,
    );
    (article, diagnostics)
}

/// Without notes asked for, nothing left out is noted (and nothing else
/// changes).
#[test]
fn notes_only_when_asked() {
    let text = "Title\n\nDek line\n\nCaption of the scene. EPA\nPowered by automated translation\n\nBody.\n\nUpdated: August 08, 2023, 10:37 PM";
    let (with, noted) = read_news(text);
    let mut diagnostics = Vec::new();
    let without = super::super::read(
        Path::new("a.txt"),
        Format::News,
        text.to_owned(),
        &NewsOptions::default(),
        false,
        &mut diagnostics,
    );
    assert_eq!(noted.len(), 2, "{noted:?}");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(format!("{with:?}"), format!("{without:?}"));
}

pub(super) fn paragraphs(article: &Article) -> Vec<String> {
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

    // Right after the title, the block followed by boilerplate is the
    // dek of an article with no picture, not a caption: only a credit
    // makes a caption there.
    let text = "Title\n\nThe agreement covers three terminals\n\nPowered by automated translation\n\nBody one.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(
        article.summary.as_ref().map(|f| f.value.as_str()),
        Some("The agreement covers three terminals")
    );
    assert_eq!(paragraphs(&article), ["Body one."]);
    let text = "Title\n\nA tram on the bridge. Reuters\n\nPowered by automated translation\n\nBody one.\n\nUpdated: August 8, 2023";
    let (article, _) = read_news(text);
    let article = article.expect("readable");
    assert_eq!(article.summary, None);
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

/// `Image:` lines: (line, the picture's URL as read, or `None` when the
/// line is no picture and stays where it is).
#[test]
fn image_lines() {
    let cases: &[(&str, Option<&str>)] = &[
        // An absolute URL.
        (
            "Image: https://example.com/a.jpg",
            Some("https://example.com/a.jpg"),
        ),
        // A relative path: normalisation resolves it.
        ("Image: /pictures/a.jpg", Some("/pictures/a.jpg")),
        // A file name alone.
        ("image: tunnel.webp", Some("tunnel.webp")),
        // Any case, a blank before the colon.
        ("IMAGE : a/b.png", Some("a/b.png")),
        // A `javascript:` URL is read, to be refused with its line.
        ("Image: javascript:alert(1)", Some("javascript:alert(1)")),
        // A credit's name is no URL: the line stays text.
        ("Image: Omar Nasser", None),
        // One word without a dot, slash or colon is a name too.
        ("Image: Reuters", None),
        // A final period does not make a name a file.
        ("Image: AFP.", None),
        // No colon: prose.
        ("Image of the week https://example.com/a.jpg", None),
        // `Images` is not the key.
        ("Images: a.jpg", None),
    ];
    for (line, want) in cases {
        let text = format!("Title\n\nDek\n\nBody.\n\n{line}\n\nUpdated: August 8, 2023\n");
        let (article, diagnostics) = read_news(&text);
        let article = article.expect("readable");
        assert!(diagnostics.is_empty(), "{line}: {diagnostics:?}");
        let got = article.image.as_ref().map(|i| i.url.value.as_str());
        assert_eq!(got, *want, "{line}");
        if want.is_none() {
            assert_eq!(paragraphs(&article), ["Body.", *line], "{line}");
        } else {
            assert_eq!(
                article.image.as_ref().map(|i| (i.url.line, i.url.column)),
                Some((7, line.find(':').map_or(0, |c| c + 3))),
                "{line}"
            );
        }
    }
}

/// With a picture, the caption is its description and credit, not left
/// out with a note; without one, nothing changes.
#[test]
fn caption_describes_the_picture() {
    let with = "Title\n\nDek\n\nThe tunnel entrance on opening day. EPA\n\nBody.\n\nImage: tunnel.jpg\nUpdated: August 8, 2023\n";
    let (article, diagnostics) = read_news(with);
    let article = article.expect("readable");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let image = article.image.clone().expect("a picture");
    assert_eq!(
        image.caption,
        Some(Field::new("The tunnel entrance on opening day.", 5, 1))
    );
    assert_eq!(image.credit.map(|f| f.value).as_deref(), Some("EPA"));
    assert_eq!(paragraphs(&article), ["Body."]);

    let without = with.replace("Image: tunnel.jpg\n", "");
    let (article, diagnostics) = read_news(&without);
    let article = article.expect("readable");
    assert_eq!(article.image, None);
    assert_eq!(paragraphs(&article), ["Body."]);
    assert!(
        diagnostics.iter().any(|d| d.code == "dropped-caption"),
        "{diagnostics:?}"
    );

    // A second picture is an error naming the first.
    let twice = with.replace("Image: tunnel.jpg\n", "Image: a.jpg\nImage: b.jpg\n");
    let (_, diagnostics) = read_news(&twice);
    assert!(
        diagnostics.iter().any(|d| d.code == "duplicate-field"
            && d.line == Some(10)
            && d.message.contains("line 9")),
        "{diagnostics:?}"
    );
}

/// What a caption says of its picture: (caption, description,
/// credit).
#[test]
fn caption_parts() {
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        // A sentence, then an agency: the period stays.
        (
            "The tunnel entrance on opening day. EPA",
            Some("The tunnel entrance on opening day."),
            Some("EPA"),
        ),
        // A photographer and an agency after a slash: the whole credit.
        (
            "Crowds at the stadium / John Doe / AFP via Getty Images",
            Some("Crowds at the stadium / John Doe"),
            Some("AFP via Getty Images"),
        ),
        // A bare slash is part of the credit.
        (
            "The dhow in the courtyard. Pawan Singh/The National",
            Some("The dhow in the courtyard."),
            Some("Pawan Singh/The National"),
        ),
        // An introduced credit loses its word.
        (
            "The dhow. Photo: Omar Nasser",
            Some("The dhow."),
            Some("Omar Nasser"),
        ),
        // `Courtesy of` keeps its words: they say whose the picture is.
        (
            "The old quay. Courtesy of the Harbour Trust",
            Some("The old quay."),
            Some("Courtesy of the Harbour Trust"),
        ),
        // A final period after the credit is not part of it.
        ("Ministers meet. SPA.", Some("Ministers meet."), Some("SPA")),
        // The credit alone: no description.
        ("Reuters", None, Some("Reuters")),
    ];
    for (text, description, credit) in cases {
        let why = caption::caption(text, false, &[]).expect("a caption");
        assert_eq!(why.parts(text), (*description, *credit), "{text}");
    }
    // Before boilerplate, with no credit, the whole text describes.
    let text = "A view of the port";
    let why = caption::caption(text, true, &[]).expect("a caption");
    assert_eq!(why.parts(text), (Some(text), None));
}
