//! Cleaning one line of human text (a title or a summary) for a feed.
//!
//! The steps, in order: markup is stripped, entities are decoded, characters
//! that XML 1.0 cannot carry are removed, the text is put in Unicode NFC, and
//! runs of blanks become one space. [`truncate`] then shortens a summary at a
//! word boundary without splitting a grapheme.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// A cleaned line, with what the cleaning had to drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The text, ready for a feed.
    pub text: String,
    /// How many characters XML 1.0 forbids were removed.
    pub removed: usize,
    /// How many bidirectional embedding or override controls were removed.
    pub bidi_removed: usize,
}

/// Cleans one line of text: see the module documentation for the steps.
pub fn clean(raw: &str) -> Cleaned {
    let stripped = strip_markup(raw);
    let decoded = htmlize::unescape(stripped.as_ref());
    let (allowed, removed) = remove_forbidden(&decoded);
    // U+202A-U+202E are E2 80 AA-AE in UTF-8.
    let bidi_removed = if allowed
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == 0xE2 && w[1] == 0x80 && (0xAA..=0xAE).contains(&w[2]))
    {
        allowed.chars().filter(|&c| is_bidi_override(c)).count()
    } else {
        0
    };
    // NFC and the bidi filter only where they can change something: ASCII
    // is always NFC, and most text passes the quick NFC check.
    let already_normal = allowed.is_ascii()
        || (bidi_removed == 0
            && unicode_normalization::is_nfc_quick(allowed.chars())
                == unicode_normalization::IsNormalized::Yes);
    let mut text = if already_normal {
        collapse_blanks(&allowed)
    } else {
        collapse_blanks(
            &allowed
                .nfc()
                .filter(|&c| !is_bidi_override(c))
                .collect::<String>(),
        )
    };
    // No-break spaces are kept inside the text, but readers trim every
    // blank at the ends, so the text must not begin or end with one.
    let trimmed = text.trim_matches(char::is_whitespace);
    if trimmed.len() != text.len() {
        text = trimmed.to_owned();
    }
    Cleaned {
        text,
        removed,
        bidi_removed,
    }
}

/// Whether cleaning `raw` can do nothing but fold its blanks: every byte
/// printable ASCII or a space, and no `<` or `&` to start markup or an
/// entity. Then [`clean`] removes nothing and is [`collapse_blanks`].
pub fn is_plain(raw: &str) -> bool {
    raw.bytes().fold(0u8, |any, b| {
        any | u8::from(!(0x20..=0x7E).contains(&b)) | u8::from(b == b'<') | u8::from(b == b'&')
    }) == 0
}

/// The bidirectional embedding and override controls (U+202A to U+202E).
/// In a one-line title they can reverse how the text around it is shown
/// in a reader's list, so they are removed; right-to-left text itself
/// needs none of them, and the marks U+200E/U+200F and the isolates
/// U+2066 to U+2069 are kept.
pub fn is_bidi_override(c: char) -> bool {
    ('\u{202A}'..='\u{202E}').contains(&c)
}

/// Whether XML 1.0 allows this character in a document
/// (its `Char` production), less the C1 controls, which in scraped text are
/// always a decoding accident and which feed validators flag.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{7E}').contains(&c)
        || ('\u{A0}'..='\u{D7FF}').contains(&c)
        || (('\u{E000}'..='\u{FFFD}').contains(&c))
        || c >= '\u{10000}'
}

/// Whether every character is one [`is_xml_char`] allows. A byte scan,
/// 32 bytes at a time (the compiler turns the test into vector
/// instructions): only a block holding a byte outside printable ASCII,
/// tab and line ends is looked at closely, and in it only the bytes that
/// can start a forbidden character (C0 controls, DEL, the lead byte of the
/// C1 controls, and of U+FFFE/U+FFFF).
pub fn all_xml_chars(text: &str) -> bool {
    const BLOCK: usize = 32;
    // Two tests, each a few vector instructions per block: is any byte
    // outside printable ASCII and line feed (the cheaper one, and nearly
    // always false), and if so, outside printable ASCII, tab, CR and LF.
    let unusual = |block: &[u8]| {
        block.iter().fold(0u8, |any, &b| {
            any | (u8::from(b.wrapping_sub(0x20) > 0x5E) & u8::from(b != b'\n'))
        }) != 0
            && block.iter().fold(0u8, |any, &b| {
                let control = u8::from(b < 0x20)
                    & u8::from(b != b'\t')
                    & u8::from(b != b'\n')
                    & u8::from(b != b'\r');
                any | control | u8::from(b >= 0x7F)
            }) != 0
    };
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut at = 0;
    for block in &mut blocks {
        if unusual(block) && !careful_xml_chars(text, at, at + BLOCK) {
            return false;
        }
        at += BLOCK;
    }
    let rest = blocks.remainder();
    !unusual(rest) || careful_xml_chars(text, at, bytes.len())
}

/// [`all_xml_chars`] for the bytes `from..to` of `text`, one at a time.
fn careful_xml_chars(text: &str, from: usize, to: usize) -> bool {
    text.as_bytes()[from..to].iter().enumerate().all(|(i, &b)| {
        let suspect = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7F
            || b == 0xC2
            || b == 0xEF;
        // A suspect byte starts a character (controls are ASCII; C2 and EF
        // are lead bytes), so the text can be cut there.
        !suspect || text[from + i..].chars().next().is_none_or(is_xml_char)
    })
}

/// How many characters [`is_xml_char`] forbids.
pub fn count_forbidden(text: &str) -> usize {
    if all_xml_chars(text) {
        0
    } else {
        text.chars().filter(|&c| !is_xml_char(c)).count()
    }
}

/// Removes characters XML 1.0 cannot carry; returns the text and the count.
pub fn remove_forbidden(text: &str) -> (Cow<'_, str>, usize) {
    if all_xml_chars(text) {
        return (Cow::Borrowed(text), 0);
    }
    let mut removed = 0;
    let kept = text
        .chars()
        .filter(|&c| {
            let keep = is_xml_char(c);
            removed += usize::from(!keep);
            keep
        })
        .collect();
    (Cow::Owned(kept), removed)
}

/// Tags after which text reads as a new word.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Removes HTML tags and comments. A `<` that does not start a tag (`a < b`)
/// is text and stays.
pub fn strip_markup(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        match after.find('>').filter(|_| starts_tag) {
            Some(close) => {
                let name: String = after[..close]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.push(' ');
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether this character is a blank that may be folded. No-break spaces
/// are kept: a writer put them there to hold words together.
fn is_foldable_blank(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Trims the text and turns each run of blanks into one space.
pub fn collapse_blanks(text: &str) -> String {
    if text.is_ascii() {
        return collapse_ascii_blanks(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_foldable_blank).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`collapse_blanks`] for ASCII text, byte by byte: the ASCII blanks
/// are space and tab to carriage return.
fn collapse_ascii_blanks(text: &str) -> String {
    let blank = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    // Most lines already have single spaces between words and none at
    // the ends: then there is nothing to fold.
    let bytes = text.as_bytes();
    let folded = bytes.first().is_none_or(|&b| !blank(b))
        && bytes.last().is_none_or(|&b| !blank(b))
        && bytes
            .iter()
            .fold(0u8, |any, &b| any | u8::from((b'\t'..=b'\r').contains(&b)))
            == 0
        && memchr::memmem::find(bytes, b"  ").is_none();
    if folded {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text
        .as_bytes()
        .split(|&b| blank(b))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        // Split at ASCII bytes, so each word is whole characters.
        out.push_str(std::str::from_utf8(word).unwrap_or_default());
    }
    out
}

/// The ellipsis that marks a cut summary.
pub const ELLIPSIS: char = '\u{2026}';

/// Shortens `text` to at most `max` characters (Unicode scalar values,
/// counting the ellipsis). The cut falls at the last word boundary that fits,
/// or at a grapheme boundary when a single word is longer than the limit,
/// and trailing punctuation before the ellipsis is dropped.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1;
    // The longest prefix of whole graphemes within the budget.
    let mut fit = 0;
    let mut chars = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        let n = grapheme.chars().count();
        if chars + n > budget {
            break;
        }
        chars += n;
        fit = at + grapheme.len();
    }
    let prefix = &text[..fit];
    // Back up to a word boundary when the cut splits a word.
    let cut_in_word = text[fit..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    let mut kept = if cut_in_word {
        match prefix.rfind(char::is_whitespace) {
            Some(space) if space > 0 => &prefix[..space],
            _ => prefix,
        }
    } else {
        prefix
    };
    kept = kept.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}')
    });
    let mut out = String::with_capacity(kept.len() + 3);
    out.push_str(kept);
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        let cases: &[(&str, &str, usize)] = &[
            // Plain text is left alone.
            ("US and Iraq talk", "US and Iraq talk", 0),
            // Tags go; text between them stays.
            ("<b>Bold</b> move", "Bold move", 0),
            // Block tags separate words.
            ("one<br>two<p>three</p>", "one two three", 0),
            // Comments vanish whole.
            ("a<!-- hidden <b> -->b", "ab", 0),
            // A lone `<` is text.
            ("a < b and c > d", "a < b and c > d", 0),
            // Entities are decoded once.
            ("Fish &amp; chips", "Fish & chips", 0),
            // Escaped markup becomes literal text, as readers show it.
            ("&lt;b&gt; is bold", "<b> is bold", 0),
            // Numeric references.
            ("caf&#233; &#x2014; bar", "caf\u{e9} \u{2014} bar", 0),
            // Non-breaking space from an entity is kept, not folded.
            ("10&nbsp;km", "10\u{a0}km", 0),
            // ...but not at either end, where readers trim it.
            ("&nbsp;x\u{2007} ", "x", 0),
            // Controls forbidden by XML are removed and counted.
            ("bad\u{1}\u{b}text", "badtext", 2),
            // U+FFFE and U+FFFF are not XML characters.
            ("x\u{fffe}y\u{ffff}", "xy", 2),
            // C1 controls from mis-decoded text.
            ("it\u{92}s", "its", 1),
            // Decomposed accents are composed (NFC).
            ("Cafe\u{301}", "Caf\u{e9}", 0),
            // Runs of blanks and newlines fold to one space.
            ("  a \t b\n\nc  ", "a b c", 0),
            // Arabic and emoji survive.
            (
                "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1F600}",
                "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1F600}",
                0,
            ),
        ];
        for (raw, want, removed) in cases {
            let got = clean(raw);
            assert_eq!(got.bidi_removed, 0, "{raw:?}");
            assert_eq!(
                (got.text.as_str(), got.removed),
                (*want, *removed),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn bidi_overrides_are_removed() {
        // An override that would show `txt.exe` as `exe.txt`, and Arabic
        // with a right-to-left mark and a zero-width joiner that must stay.
        let got = clean("photo\u{202E}gpj.exe \u{645}\u{631}\u{200F}\u{200D}");
        assert_eq!(got.text, "photogpj.exe \u{645}\u{631}\u{200F}\u{200D}");
        assert_eq!(got.bidi_removed, 1);
    }

    /// The byte scan agrees with the character test on every character
    /// near the suspect bytes.
    /// Plain text is cleaned by folding its blanks alone.
    #[test]
    fn plain_text_needs_only_folding() {
        for raw in [
            "Harbour bridge to close",
            "  two  spaces   and ends  ",
            "5 > 4; \"quoted\" (x) ~ #1",
            " ",
            "",
        ] {
            assert!(is_plain(raw), "{raw:?}");
            assert_eq!(clean(raw).text, collapse_blanks(raw), "{raw:?}");
        }
        for raw in [
            "a < b",
            "Fish &amp; chips",
            "tab\there",
            "caf\u{e9}",
            "bell\u{7}",
        ] {
            assert!(!is_plain(raw), "{raw:?}");
        }
    }

    /// The ASCII fast path folds exactly the blanks the general one does.
    #[test]
    fn ascii_blanks_match_unicode_blanks() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let text = format!(" a{c}{c}b{c} ");
            let general: String = {
                let mut out = String::new();
                for word in text.split(is_foldable_blank).filter(|w| !w.is_empty()) {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
                out
            };
            assert_eq!(collapse_ascii_blanks(&text), general, "byte {b:#04x}");
        }
    }

    #[test]
    fn byte_scan_matches_char_test() {
        for c in (0..0x800)
            .chain(0xE000..0x10000)
            .chain(0x1F600..0x1F610)
            .filter_map(char::from_u32)
        {
            // Also where the character straddles the scan's 32-byte blocks.
            for pad in [1, 29, 30, 31, 32, 63] {
                let s = format!("{}{c}b", "a".repeat(pad));
                assert_eq!(all_xml_chars(&s), is_xml_char(c), "U+{:04X}", u32::from(c));
                assert_eq!(count_forbidden(&s), usize::from(!is_xml_char(c)));
            }
        }
    }

    #[test]
    fn truncation() {
        let cases: &[(&str, usize, &str)] = &[
            // Short enough: unchanged.
            ("short text", 20, "short text"),
            // Exactly the limit: unchanged.
            ("0123456789", 10, "0123456789"),
            // Cut at the last space that fits, with the ellipsis counted.
            ("the quick brown fox", 12, "the quick\u{2026}"),
            // Trailing comma before the cut is dropped.
            ("alpha, beta gamma", 10, "alpha\u{2026}"),
            // One long word is cut inside, at a grapheme boundary.
            ("abcdefghij", 5, "abcd\u{2026}"),
            // A family emoji (one grapheme of 7 chars) is never split.
            (
                "ab \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466} cd",
                8,
                "ab\u{2026}",
            ),
            // Combining marks stay with their base letter.
            ("e\u{301}e\u{301}e\u{301}", 3, "e\u{301}\u{2026}"),
            // CJK without spaces is cut between characters.
            (
                "\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{6587}",
                3,
                "\u{65e5}\u{672c}\u{2026}",
            ),
            // Limit zero gives nothing.
            ("abc", 0, ""),
        ];
        for (text, max, want) in cases {
            let got = truncate(text, *max);
            assert_eq!(got, *want, "{text:?} at {max}");
            assert!(got.chars().count() <= *max);
        }
    }
}
