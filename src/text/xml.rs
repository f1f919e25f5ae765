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
/// `EF BF BF`. Each byte is judged with the two after it, 32 bytes at a
/// time, in a loop of comparisons and masks with no branch that the
/// compiler turns into vector instructions: the text is passed over once,
/// whatever scripts it holds (a byte-by-byte look at every block holding
/// a `C2`, as in no-break spaces, took most of the time on real text).
/// Compiled for AVX2 as well, chosen at run time where the processor has
/// it.
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

/// [`all_xml_chars`] on the bytes of a `str`: a lead byte `C2` or `EF` is
/// always followed by its continuation bytes, so the two bytes after any
/// byte that starts a forbidden character are in the text.
#[inline(always)]
fn all_xml_bytes(bytes: &[u8]) -> bool {
    const BLOCK: usize = 32;
    // Bytes judged at a time, and the two after them that they are
    // judged with.
    const WINDOW: usize = BLOCK + 2;
    // 1 if the byte starts a forbidden character, given the two bytes
    // after it.
    let forbidden = |b: u8, next: u8, after: u8| {
        let c0 =
            u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r');
        let c1 = u8::from(b == 0xC2) & u8::from(next < 0xA0);
        let nonchar = u8::from(b == 0xEF) & u8::from(next == 0xBF) & u8::from(after >= 0xBE);
        c0 | u8::from(b == 0x7F) | c1 | nonchar
    };
    let clean = |window: &[u8; WINDOW]| {
        (0..BLOCK).fold(0, |any, i| {
            any | forbidden(window[i], window[i + 1], window[i + 2])
        }) == 0
    };
    let mut at = 0;
    while let Some(window) = bytes
        .get(at..at + WINDOW)
        .and_then(|w| <&[u8; WINDOW]>::try_from(w).ok())
    {
        if !clean(window) {
            return false;
        }
        at += BLOCK;
    }
    // The last bytes (fewer than a window), padded with spaces to two
    // blocks and their window. A space starts no forbidden character, and
    // no `C2` or `EF` is judged against the padding: its continuation
    // bytes are in the text.
    let rest = &bytes[at..];
    let mut padded = [b' '; BLOCK + WINDOW];
    padded[..rest.len()].copy_from_slice(rest);
    let (first, second) = (&padded[..WINDOW], &padded[BLOCK..]);
    [first, second]
        .into_iter()
        .all(|window| <&[u8; WINDOW]>::try_from(window).is_ok_and(clean))
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
