//! Photo captions: the paragraph after a news article's dek that ends
//! with a photo credit.

/// Photo agencies and credits that end a caption, each in its own
/// spelling (`SPA` is the Saudi Press Agency; a hotel's `spa` is none).
const CREDITS: &[&str] = &[
    "AFP",
    "AP",
    "EPA",
    "Reuters",
    "Getty Images",
    "Getty",
    "PA",
    "Bloomberg",
    "WAM",
    "SPA",
    "Alamy",
    "Shutterstock",
    "Supplied",
    "Handout",
    "Courtesy",
    "EPA-EFE",
    "ANP",
    "dpa",
    "Xinhua",
    "NurPhoto",
    "Sipa",
    "Zuma",
    "UPI",
    "Anadolu",
    "Wikimedia Commons",
    "The National",
];

/// Why a paragraph is taken for a photo caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Caption<'a> {
    /// It ends with a photo credit.
    Credit {
        /// The credit recognised (`Getty Images`).
        credit: &'a str,
        /// The whole part after the last separator, which holds it
        /// (`AFP via Getty Images`).
        line: &'a str,
        /// The text before that separator (with the period of a `. `),
        /// which says what the picture shows.
        before: &'a str,
    },
    /// A boilerplate line follows it.
    BeforeBoilerplate,
}

impl<'a> Caption<'a> {
    /// What the caption (`text`, the paragraph it was found in) says of
    /// its picture: its description and its credit, either of which may
    /// be missing. An introduced credit loses its word (`Photo: Omar
    /// Nasser` is `Omar Nasser`).
    pub(super) fn parts(self, text: &'a str) -> (Option<&'a str>, Option<&'a str>) {
        match self {
            Self::Credit { line, before, .. } => {
                let credit = match line.split_once(':') {
                    Some((_, name)) if is_introduced_credit(line) => name.trim(),
                    _ => line,
                };
                let before = before.trim();
                (
                    (!before.is_empty()).then_some(before),
                    (!credit.is_empty()).then_some(credit),
                )
            }
            Self::BeforeBoilerplate => {
                let text = text.trim();
                ((!text.is_empty()).then_some(text), None)
            }
        }
    }
}

/// Whether a paragraph is a photo caption, and why: its last part (after
/// the last sentence, `/`, `|` or `;`) is a photo credit (`... in
/// Arlington, Virginia. EPA`; see [`photo_credit`], with `extra` credits
/// besides the built-in ones), or it stood right before a boilerplate
/// line.
pub(super) fn caption<'a>(
    text: &'a str,
    before_boilerplate: bool,
    extra: &[String],
) -> Option<Caption<'a>> {
    let text = text.trim().trim_end_matches('.');
    // A credit has at most six words, so only a separator near the end can
    // start one: the search is kept to the end of the text.
    let near = credit_region(text);
    SEPARATORS
        .iter()
        .find_map(|sep| {
            // The separators are ASCII, so a match starts and ends on
            // character boundaries.
            let (segment, before) = match last_separator(&text.as_bytes()[near..], sep) {
                Some(at) => {
                    // A sentence's period stays with the text before it.
                    let end = near + at + usize::from(*sep == ". ");
                    (text[near + at + sep.len()..].trim(), &text[..end])
                }
                // With no separator, the whole text is the credit, which it
                // cannot be if it is longer than the region searched.
                None if near == 0 => (text.trim(), ""),
                None => return None,
            };
            photo_credit(segment, extra).map(|credit| Caption::Credit {
                credit,
                line: segment,
                before,
            })
        })
        .or(before_boilerplate.then_some(Caption::BeforeBoilerplate))
}

/// Where `sep` (a punctuation mark with blanks around it) last occurs in
/// `bytes`: found by its mark, with a vector search.
fn last_separator(bytes: &[u8], sep: &str) -> Option<usize> {
    let sep = sep.as_bytes();
    let lead = sep.iter().take_while(|&&b| b == b' ').count();
    memchr::memrchr_iter(sep[lead], bytes).find_map(|mark| {
        let start = mark.checked_sub(lead)?;
        bytes
            .get(start..start + sep.len())?
            .eq(sep)
            .then_some(start)
    })
}

/// What may stand between a caption and its credit.
const SEPARATORS: [&str; 4] = [". ", " / ", "| ", "; "];

/// Where to look for the separator before a credit: a separator ends in a
/// blank, so one that leaves at most six words after it ends in the gap
/// before the sixth word from the end, and starts at most two bytes before
/// that gap. (A separator further back leaves too many words, and so does
/// none at all in a text of more than six words.)
fn credit_region(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut chars = text.char_indices().rev();
    while let Some((at, c)) = chars.next() {
        if !c.is_whitespace() {
            in_word = true;
            continue;
        }
        if in_word {
            words += 1;
            in_word = false;
        }
        if words == 6 {
            let mut gap = at;
            for (at, c) in chars.by_ref() {
                if !c.is_whitespace() {
                    break;
                }
                gap = at;
            }
            let mut start = gap.saturating_sub(2);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            return start;
        }
    }
    0
}

/// The words that introduce a credit, as `Photo: NAME` or `PHOTO: NAME`:
/// each as spelled and in capitals.
const CREDIT_WORDS: &[(&str, &str)] = &[
    ("Photo", "PHOTO"),
    ("Photos", "PHOTOS"),
    ("Photograph", "PHOTOGRAPH"),
    ("Picture", "PICTURE"),
    ("Pictures", "PICTURES"),
    ("Image", "IMAGE"),
    ("Images", "IMAGES"),
    ("Credit", "CREDIT"),
    ("Courtesy", "COURTESY"),
];

/// What may stand right before a credit that ends a text.
fn is_credit_boundary(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | '|' | ';' | ',' | ':')
}

/// The photo credit a short text (at most six words) ends with, if any:
/// a credit of [`CREDITS`] or `extra` as a whole token in its own
/// spelling (`EPA`, `X / AFP via Getty Images`, `X/The National`), or the
/// whole text when it is an introduced credit (`Photo: X`, `Courtesy of
/// X`).
pub(super) fn photo_credit<'a>(segment: &'a str, extra: &[String]) -> Option<&'a str> {
    let words = segment.split_whitespace().take(7).count();
    if words == 0 || words > 6 {
        return None;
    }
    // The last byte, compared inline, rules out most credits before a
    // call compares the rest.
    let last = segment.as_bytes().last();
    let ends_with = |credit: &str| {
        if credit.as_bytes().last() != last {
            return None;
        }
        let head = segment.strip_suffix(credit)?;
        (head.chars().next_back().is_none_or(is_credit_boundary) && is_credit_line(head))
            .then(|| &segment[head.len()..])
    };
    CREDITS
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .find_map(ends_with)
        .or_else(|| is_introduced_credit(segment).then_some(segment))
}

/// Whether the words before a credit make a credit line with it: names
/// and agencies (`John Doe / AFP via`, `Pawan Singh/`), no word starting
/// with a small letter but the few that join them. A sentence that ends
/// with an agency's name is prose (`He was speaking to The National`,
/// `The signing was reported by WAM`, `It is based in Erie, PA`).
fn is_credit_line(head: &str) -> bool {
    const JOINING: &[&str] = &[
        "via", "for", "and", "by", "of", "from", "de", "da", "del", "der", "van", "von", "al",
        "el", "bin",
    ];
    head.split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | ';' | ','))
        .filter(|word| !word.is_empty())
        .all(|word| !word.starts_with(char::is_lowercase) || JOINING.contains(&word))
}

/// Whether a text is `WORD: NAME` for a word of [`CREDIT_WORDS`], or
/// `Courtesy of NAME`: the colon (or `of`) and a name are needed, so that
/// `Credit card debt soars` is no credit.
fn is_introduced_credit(segment: &str) -> bool {
    // Every introducing word starts with C, I or P.
    if !segment.starts_with(['C', 'I', 'P']) {
        return false;
    }
    let name = CREDIT_WORDS.iter().find_map(|&(word, capitals)| {
        let rest = segment
            .strip_prefix(word)
            .or_else(|| segment.strip_prefix(capitals))?;
        if let Some(name) = rest.trim_start().strip_prefix(':') {
            return Some(name);
        }
        let of = rest
            .strip_prefix(char::is_whitespace)?
            .trim_start()
            .strip_prefix("of")
            .or_else(|| rest.trim_start().strip_prefix("OF"))?;
        (word == "Courtesy")
            .then_some(of)
            .filter(|name| name.starts_with(char::is_whitespace))
    });
    name.is_some_and(|name| name.trim_start().starts_with(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::article::news::NewsOptions;
    use crate::article::news::tests::{paragraphs, read_news};
    use std::path::Path;

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
            // `spa` is no `SPA`: credits keep their own spelling.
            (
                "Guests can book a room from March. The new hotel includes a spa",
                None,
            ),
            // A credit in another spelling.
            ("A tram on the bridge. REUTERS", None),
            // A configured credit in another spelling.
            ("Fans in the square. BILD", None),
            // `Credit` with no colon starts a sentence, not a credit.
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
            // A sentence that ends with an agency's or a paper's name.
            (
                "The minister spoke on Tuesday. He was speaking to The National.",
                None,
            ),
            ("Talks went on. The signing was reported by WAM.", None),
            ("The firm grew fast. It is based in Erie, PA.", None),
            ("Crude rose 3 per cent. That is according to Reuters", None),
            // Joining words between names are a credit line's.
            ("The quay. Photograph by Jane Doe for AFP", Some("AFP")),
            ("The quay. Lina de Souza / Reuters", Some("Reuters")),
        ];
        let mut options = NewsOptions::default();
        options.add_credit("Bild");
        options.add_credit(" Times Wire ");
        for (caption, credit) in cases {
            let text =
                format!("Title\n\nDek line\n\n{caption}\n\nBody.\n\nUpdated: August 8, 2023\n");
            let mut diagnostics = Vec::new();
            let article = crate::article::read(
                Path::new("a.txt"),
                Format::News,
                text,
                &options,
                true,
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

    /// A dek that ends like a credit word is still the dek.
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

    /// The caption test searched the whole text for each separator; it now
    /// searches only near the end. Both give the same answer.
    #[test]
    fn caption_search_near_the_end_matches_a_whole_search() {
        fn whole(text: &str) -> bool {
            let text = text.trim().trim_end_matches('.');
            SEPARATORS.iter().any(|sep| {
                let tail = text.rfind(sep).map_or(text, |i| &text[i + sep.len()..]);
                photo_credit(tail.trim(), &[]).is_some()
            })
        }
        const TOKENS: &[&str] = &[
            "AP",
            "EPA",
            "Reuters",
            "Getty",
            "Images",
            "via",
            "Photo:",
            "words",
            "caf\u{e9}",
            "\u{a0}",
            ".",
            ". ",
            " ",
            "  ",
            " / ",
            "/",
            "| ",
            "|",
            "; ",
            ";",
            "\u{2003}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0) % n
        };
        for _ in 0..20_000 {
            let len = next(24);
            let text: String = (0..len).map(|_| TOKENS[next(TOKENS.len())]).collect();
            assert_eq!(
                caption(&text, false, &[]).is_some(),
                whole(&text),
                "{text:?}"
            );
        }
    }
}
