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
/// UTF-8, so the forbidden characters are byte patterns: a C0 control
/// other than tab and line ends, or DEL, is one byte; a C1 control is
/// `C2` then `80` to `9F`; U+FFFE and U+FFFF are `EF BF BE` and
/// `EF BF BF`. A pass over 32 bytes at a time, in a loop the compiler
/// turns into vector instructions, looks for the bytes that may start
/// one (a forbidden control, DEL, `C2`, `EF`); only a block holding one
/// is looked at byte by byte, with the bytes after it. Text in other
/// scripts has other lead bytes (accented Latin `C3`, Cyrillic `D0`,
/// Arabic `D8`, typographic punctuation `E2`, CJK `E3` to `E9`), so
/// nearly every block is passed over whole. Compiled for AVX2 as well,
/// chosen at run time where the processor has it.
pub fn all_xml_chars(text: &str) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { all_xml_bytes_avx2(text.as_bytes()) };
    }
    all_xml_bytes(text.as_bytes())
}

/// [`all_xml_bytes`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn all_xml_bytes_avx2(bytes: &[u8]) -> bool {
    all_xml_bytes(bytes)
}

/// [`all_xml_chars`] on the bytes of a `str`.
#[inline(always)]
fn all_xml_bytes(bytes: &[u8]) -> bool {
    const BLOCK: usize = 32;
    // Whether the byte may start a forbidden character: 1 if so.
    // Comparisons and masks only, no branch.
    let suspect = |b: u8| {
        let c0 =
            u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r');
        c0 | u8::from(b == 0x7F) | u8::from(b == 0xC2) | u8::from(b == 0xEF)
    };
    // Whether the characters starting in `bytes[from..to]` are allowed,
    // byte by byte, looking past `to` for the rest of a character.
    let exact = |from: usize, to: usize| {
        (from..to).all(|i| {
            let next = |k: usize| bytes.get(i + k).copied();
            match bytes.get(i).copied() {
                Some(b @ 0x00..=0x1F) => matches!(b, b'\t' | b'\n' | b'\r'),
                Some(0x7F) => false,
                Some(0xC2) => next(1).is_none_or(|n| n >= 0xA0),
                Some(0xEF) => next(1) != Some(0xBF) || next(2).is_none_or(|m| m < 0xBE),
                _ => true,
            }
        })
    };
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut at = 0;
    for block in &mut blocks {
        if block.iter().fold(0, |any, &b| any | suspect(b)) != 0 && !exact(at, at + BLOCK) {
            return false;
        }
        at += BLOCK;
    }
    // The last bytes, padded with spaces to a block.
    let rest = blocks.remainder();
    let mut padded = [b' '; BLOCK];
    padded[..rest.len()].copy_from_slice(rest);
    padded.iter().fold(0, |any, &b| any | suspect(b)) == 0 || exact(at, bytes.len())
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
    super::escape::split_at_specials(value, is_special, |text, byte| {
        out.push_str(text);
        out.push_str(match byte {
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'&') => "&amp;",
            Some(b'\'') => "&apos;",
            Some(b'"') => "&quot;",
            _ => "",
        });
    });
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
            for pad in [0, 1, 29, 30, 31, 32, 33, 34, 63, 64, 65, 66] {
                // At the end of the text too, where no block is full.
                for end in ["b", "", &"b".repeat(40)] {
                    let s = format!("{}{c}{end}", "a".repeat(pad));
                    let expected = is_xml_char(c);
                    assert_eq!(all_xml_chars(&s), expected, "U+{:04X}", u32::from(c));
                    // The portable pass, whatever the processor runs.
                    assert_eq!(
                        all_xml_bytes(s.as_bytes()),
                        expected,
                        "U+{:04X}",
                        u32::from(c)
                    );
                }
                let s = format!("{}{c}b", "a".repeat(pad));
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
