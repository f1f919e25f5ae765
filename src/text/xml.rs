//! XML's character rules and its escaping, defined once: what characters
//! a document may carry, and how text and attribute values are escaped.
//! Cleaning, content rendering and the XML writer use them; the validator
//! has its own reading of the rules (`validate::xml_char`), so that a bug
//! here cannot pass its own check.

use std::borrow::Cow;

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

/// Whether every character is one [`is_xml_char`] allows. The text is
/// UTF-8, so the forbidden characters are byte patterns: the C0 controls
/// other than tab and line ends and DEL are single bytes, found by one
/// pass that the compiler turns into vector instructions; the C1 controls
/// (`C2 80` to `C2 9F`) and U+FFFE/U+FFFF (`EF BF BE`, `EF BF BF`) start
/// with a lead byte that `memchr` finds, so text in other scripts (whose
/// lead bytes are others: accented Latin `C3`, Cyrillic `D0`, Arabic `D8`,
/// typographic punctuation `E2`, CJK `E3` to `E9`) is not looked at
/// character by character.
pub fn all_xml_chars(text: &str) -> bool {
    const BLOCK: usize = 32;
    let control = |b: u8| {
        let c0 =
            u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r');
        c0 | u8::from(b == 0x7F)
    };
    let bytes = text.as_bytes();
    // Fixed-size blocks, so that the fold becomes vector instructions.
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut controls = 0u8;
    for block in &mut blocks {
        controls |= block.iter().fold(0u8, |any, &b| any | control(b));
    }
    controls |= blocks
        .remainder()
        .iter()
        .fold(0u8, |any, &b| any | control(b));
    if controls != 0 {
        return false;
    }
    // In UTF-8, C2 and EF are only ever lead bytes.
    memchr::memchr_iter(0xC2, bytes).all(|at| bytes.get(at + 1).is_none_or(|&next| next >= 0xA0))
        && memchr::memchr_iter(0xEF, bytes).all(|at| {
            bytes.get(at + 1) != Some(&0xBF) || bytes.get(at + 2).is_none_or(|&last| last < 0xBE)
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

/// Appends `value` with the five XML special characters escaped (`<`,
/// `>`, `&`, `'`, `"`, as quick-xml's `escape`).
pub fn escape_into(out: &mut String, value: &str) {
    const BLOCK: usize = 32;
    let bytes = value.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most text has nothing to escape: skip it a block at a time, in a
        // fixed-size loop the compiler turns into vector compares.
        while let Some(block) = bytes
            .get(at..at + BLOCK)
            .and_then(|b| <&[u8; BLOCK]>::try_from(b).ok())
            && block.iter().fold(0, |any, &b| any | is_special(b)) == 0
        {
            at += BLOCK;
        }
        let end = (at + BLOCK).min(bytes.len());
        for (offset, &byte) in bytes[at..end].iter().enumerate() {
            let i = at + offset;
            let entity = match byte {
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'&' => "&amp;",
                b'\'' => "&apos;",
                b'"' => "&quot;",
                _ => continue,
            };
            // The special characters are ASCII, so `from..i` are whole
            // characters.
            out.push_str(&value[from..i]);
            out.push_str(entity);
            from = i + 1;
        }
        at = end;
    }
    out.push_str(&value[from..]);
}

/// 1 when XML text needs `byte` escaped (see [`escape_into`]), else 0.
fn is_special(byte: u8) -> u8 {
    u8::from(byte == b'<')
        | u8::from(byte == b'>')
        | u8::from(byte == b'&')
        | u8::from(byte == b'\'')
        | u8::from(byte == b'"')
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Escaping is quick-xml's `escape`, on every ASCII character and on
    /// text around them.
    #[test]
    fn escaping_matches_quick_xml() {
        let mut samples: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        // Specials at and around the 32-byte blocks the fast path skips.
        for length in [31, 32, 33, 64, 65, 100] {
            for at in [0, 1, 30, 31, 32, 33, 63, 64, 99] {
                for special in ["<", ">", "&", "'", "\"", "é"] {
                    let mut text = "a".repeat(length);
                    if at < length {
                        text.replace_range(at..at + 1, special);
                    }
                    samples.push(text);
                }
            }
        }
        samples.extend(
            [
                "",
                "plain",
                "Fish & <b>chips</b>",
                "\"quoted\" 'single' é ü 😀 <&>",
                "&amp; already",
                "<<<>>>",
            ]
            .map(String::from),
        );
        for sample in &samples {
            let mut ours = String::new();
            escape_into(&mut ours, sample);
            assert_eq!(
                ours,
                quick_xml::escape::escape(sample.as_str()),
                "{sample:?}"
            );
        }
    }
}
