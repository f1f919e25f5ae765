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
