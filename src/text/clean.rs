//! Cleaning one line of human text (a title or a summary) for a feed.
//!
//! The steps, in order: the text is read as what it is written in
//! ([`Markup`]), characters that XML 1.0 cannot carry are removed, the text
//! is put in Unicode NFC, and runs of blanks become one space.
//! [`truncate`] then shortens a summary at a word boundary without
//! splitting a grapheme.
//!
//! Plain text is text: a `<` is a character, kept (and escaped in the
//! feeds), and text that a reader or validator may take for markup is
//! flagged, never removed. Its character references are decoded, as
//! before: `Fish &amp; chips` is `Fish & chips`, since news text is often
//! pasted from web pages. HTML (a Markdown article's fields) has its
//! markup removed by the tokenizer in `text::markup`, which decodes
//! references once.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::markup;
use super::xml::remove_forbidden;

/// What a field is written in, which decides what a `<` in it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text (a news article): every character is text.
    Text,
    /// HTML (a Markdown article): tags, comments and doctypes are markup,
    /// removed.
    Html,
}

/// A cleaned line, with what the cleaning had to drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The text, ready for a feed.
    pub text: String,
    /// How many characters XML 1.0 forbids were removed.
    pub removed: usize,
    /// How many bidirectional embedding or override controls were removed.
    pub bidi_removed: usize,
    /// Whether plain text holds something a reader or validator may take
    /// for a tag (always false for HTML, whose markup is removed).
    pub markup_like: bool,
}

/// Cleans one line of text written in `form`: see the module
/// documentation for the steps.
pub fn clean(raw: &str, form: Markup) -> Cleaned {
    let decoded = match form {
        Markup::Text => htmlize::unescape(raw),
        Markup::Html => markup::strip(raw),
    };
    let (allowed, removed) = remove_forbidden(&decoded);
    let bidi_removed = if has_bidi_override(allowed.as_bytes()) {
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
    // What the feeds will say, once their XML is read, is what a reader
    // may take for markup.
    let markup_like = form == Markup::Text && markup::looks_like_markup(&text);
    Cleaned {
        text,
        removed,
        bidi_removed,
        markup_like,
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

/// Whether cleaning `raw` can report nothing and leaves some text: no `<`
/// and no `&` that may start a character reference (so no markup, entity
/// or reference to read), every character one XML allows, no
/// bidirectional override, and a character that is not a blank. Then
/// [`clean`] only normalises and folds the text, which can wait until
/// (and unless) it is published. Cheaper than [`clean`] by far: no
/// decoding, no copy, no Unicode tables.
pub fn is_quiet(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    no_markup_or_reference(bytes)
        && super::xml::all_xml_chars(raw)
        && !has_bidi_override(bytes)
        && raw.chars().any(is_visible)
}

/// Whether a character shows: not a blank, and not one of the format
/// characters that have no glyph (zero-width space and joiners, word
/// joiner, invisible operators, byte-order mark, soft hyphen, Mongolian
/// vowel separator, combining grapheme joiner). A text of none of these
/// (a title of two zero-width spaces) is empty.
pub fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FEFF}'
                | '\u{00AD}'
                | '\u{180E}'
                | '\u{034F}'
        )
}

/// Whether the text holds no `<` and no `&` that may start a character
/// reference, in one search for both: an `&` that ends the text or is
/// followed by neither an ASCII letter or digit nor `#` starts none
/// (HTML's rule; `Fish & chips`, `&-`), and is read as itself whether the
/// text is read as text or as HTML. News headlines and standfirsts often
/// hold one.
fn no_markup_or_reference(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'<', b'&', bytes).all(|at| {
        bytes[at] == b'&'
            && bytes
                .get(at + 1)
                .is_none_or(|&next| !next.is_ascii_alphanumeric() && next != b'#')
    })
}

/// Whether the bytes hold U+202A to U+202E (`E2 80 AA` to `E2 80 AE`).
/// E2 also leads typographic punctuation, so only the bytes after each E2
/// are looked at.
fn has_bidi_override(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        bytes.get(at + 1) == Some(&0x80)
            && bytes.get(at + 2).is_some_and(|b| (0xAA..=0xAE).contains(b))
    })
}

/// The bidirectional embedding and override controls (U+202A to U+202E).
/// In a one-line title they can reverse how the text around it is shown
/// in a reader's list, so they are removed; right-to-left text itself
/// needs none of them, and the marks U+200E/U+200F and the isolates
/// U+2066 to U+2069 are kept.
pub fn is_bidi_override(c: char) -> bool {
    ('\u{202A}'..='\u{202E}').contains(&c)
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
    if is_folded(text) {
        return text.to_owned();
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

/// [`collapse_blanks`], giving `text` itself back when it has nothing to
/// fold.
pub fn collapse_blanks_owned(text: String) -> String {
    if is_folded(&text) {
        text
    } else {
        collapse_blanks(&text)
    }
}

/// Whether `text` has nothing for [`collapse_blanks`] to do: no blank at
/// either end, none but single spaces between words, and no foldable blank
/// outside ASCII. Those (U+0085, U+1680, U+2000 to U+200A, U+2028, U+2029,
/// U+205F and U+3000) have the lead bytes C2, E1, E2 and E3, so only the
/// characters at those bytes are decoded, not every one.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ascii_blank = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let unusual = |at: usize| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_foldable_blank)
    };
    bytes.first().is_none_or(|&b| !ascii_blank(b))
        && bytes.last().is_none_or(|&b| !ascii_blank(b))
        && bytes
            .iter()
            .fold(0u8, |any, &b| any | u8::from((b'\t'..=b'\r').contains(&b)))
            == 0
        && memchr::memmem::find(bytes, b"  ").is_none()
        && !memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(unusual)
        && !memchr::memchr_iter(0xE3, bytes).any(unusual)
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
mod tests;
