//! Reading a JSON string from its opening quote: its escapes, with the
//! surrogate pairs of `\u` escapes, and the control characters JSON
//! forbids raw.
//!
//! The slicing here is at places just found, as the reader's module
//! ([`super`]) says.

use std::borrow::Cow;

use super::{Reader, SyntaxError};

impl<'a> Reader<'a> {
    /// Reads a string from its opening quote, unescaping it.
    pub(super) fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let open = self.at;
        let bytes = self.text.as_bytes();
        let start = open + 1;
        let mut at = start;
        // Where the text not yet copied into `owned` starts.
        let mut run = start;
        let mut owned: Option<String> = None;
        loop {
            let Some(offset) = memchr::memchr2(b'"', b'\\', &bytes[at..]) else {
                self.at = open;
                return Err(
                    self.error("a string that never ends; expected a closing `\"`".to_owned())
                );
            };
            let end = at + offset;
            if let Some(control) = bytes[at..end].iter().position(|&b| b < 0x20) {
                self.at = at + control;
                return Err(self.error(format!(
                    "a raw control character U+{:04X} in a string; write it escaped, as `\\u{:04x}`",
                    bytes[at + control],
                    bytes[at + control]
                )));
            }
            if bytes[end] == b'"' {
                self.at = end + 1;
                return Ok(match owned {
                    None => Cow::Borrowed(&self.text[start..end]),
                    Some(mut s) => {
                        s.push_str(&self.text[run..end]);
                        Cow::Owned(s)
                    }
                });
            }
            let s = owned.get_or_insert_with(String::new);
            s.push_str(&self.text[run..end]);
            let (c, len) = match bytes.get(end + 1) {
                Some(b'"') => ('"', 2),
                Some(b'\\') => ('\\', 2),
                Some(b'/') => ('/', 2),
                Some(b'b') => ('\u{8}', 2),
                Some(b'f') => ('\u{c}', 2),
                Some(b'n') => ('\n', 2),
                Some(b'r') => ('\r', 2),
                Some(b't') => ('\t', 2),
                Some(b'u') => match unicode_escape(bytes, end) {
                    Ok(decoded) => decoded,
                    Err(message) => {
                        self.at = end;
                        return Err(self.error(message));
                    }
                },
                _ => {
                    self.at = end + 1;
                    return Err(self.error(format!(
                        "{} after `\\` is no JSON escape; expected one of `\"\\/bfnrtu`",
                        self.found()
                    )));
                }
            };
            s.push(c);
            at = end + len;
            run = at;
        }
    }
}

/// Decodes the `\uXXXX` escape at `at` (its backslash), with the low
/// surrogate escape that must follow a high one: the character and how
/// many bytes the escapes take.
fn unicode_escape(bytes: &[u8], at: usize) -> Result<(char, usize), String> {
    let hex = |from: usize| {
        let digits = bytes.get(from..from + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(text, 16).ok()
    };
    let Some(first) = hex(at + 2) else {
        return Err("`\\u` must be followed by four hexadecimal digits".to_owned());
    };
    match first {
        0xD800..=0xDBFF => {
            let low = (bytes.get(at + 6..at + 8) == Some(b"\\u"))
                .then(|| hex(at + 8))
                .flatten()
                .filter(|low| (0xDC00..=0xDFFF).contains(low));
            let Some(low) = low else {
                return Err(format!(
                    "`\\u{first:04X}` is half of a surrogate pair with no low half after it; no character is encoded so"
                ));
            };
            let c = char::from_u32(0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00))
                .ok_or_else(|| format!("`\\u{first:04X}\\u{low:04X}` is no character"))?;
            Ok((c, 12))
        }
        0xDC00..=0xDFFF => Err(format!(
            "`\\u{first:04X}` is the low half of a surrogate pair with no high half before it; no character is encoded so"
        )),
        _ => char::from_u32(first)
            .map(|c| (c, 6))
            .ok_or_else(|| format!("`\\u{first:04X}` is no character")),
    }
}
