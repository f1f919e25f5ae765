//! Which encoding an XML document is in, and its text.
//!
//! Detection follows XML 1.0 Appendix F: a byte order mark first, then the
//! first bytes of `<?xml`, then the `encoding` the declaration names (none
//! means UTF-8). Documents in another encoding (`ISO-8859-1`,
//! `windows-1252`, `US-ASCII`, UTF-16 with a byte order mark ...) are
//! decoded and checked like any other; places are counted in the decoded
//! text, so lines and columns are those an editor shows. What cannot be
//! read is an error: bytes the declared encoding does not have, a byte
//! order mark or bytes that contradict the declaration, UTF-16 without a
//! byte order mark (XML 1.0 section 4.3.3 requires one), and encodings
//! the validator does not know.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{Class, Messages, Pos};

/// A document's text, decoded.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without its byte order mark.
    pub text: Cow<'a, str>,
}

/// What stopped the decoding: the text read before the fault, in which
/// the findings are placed.
#[derive(Debug)]
pub struct Undecodable<'a> {
    /// The text before the fault.
    pub head: Cow<'a, str>,
}

/// The byte order marks XML 1.0 Appendix F reads, with what they mean.
const UTF_8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF_16BE_BOM: &[u8] = b"\xFE\xFF";
const UTF_16LE_BOM: &[u8] = b"\xFF\xFE";

/// Decodes an XML document's bytes, reporting what does not match.
pub fn decode<'a>(
    bytes: &'a [u8],
    messages: &mut Messages,
) -> Result<Decoded<'a>, Undecodable<'a>> {
    let unsupported = |messages: &mut Messages, what: &str| {
        messages.push(
            Class::UnknownEncoding,
            Pos::at(0),
            format!("the document is in {what}, which the validator does not read; expected UTF-8"),
        );
        Err(Undecodable {
            head: Cow::Borrowed(""),
        })
    };
    // UCS-4 and EBCDIC (Appendix F's other rows) first: UTF-32 LE's mark
    // begins with UTF-16 LE's.
    if bytes.starts_with(b"\x00\x00\xFE\xFF")
        || bytes.starts_with(b"\xFF\xFE\x00\x00")
        || bytes.starts_with(b"\x00\x00\x00\x3C")
        || bytes.starts_with(b"\x3C\x00\x00\x00")
    {
        return unsupported(messages, "UCS-4 (UTF-32)");
    }
    if bytes.starts_with(b"\x4C\x6F\xA7\x94") {
        return unsupported(messages, "EBCDIC");
    }
    if let Some(rest) = bytes.strip_prefix(UTF_16BE_BOM) {
        return utf16(rest, UTF_16BE, messages);
    }
    if let Some(rest) = bytes.strip_prefix(UTF_16LE_BOM) {
        return utf16(rest, UTF_16LE, messages);
    }
    if bytes.starts_with(b"\x00\x3C\x00\x3F") || bytes.starts_with(b"\x3C\x00\x3F\x00") {
        messages.push(
            Class::EncodingMismatch,
            Pos::at(0),
            "the document is UTF-16 without a byte order mark; XML 1.0 requires one (`FE FF` or `FF FE`) first",
        );
        return Err(Undecodable {
            head: Cow::Borrowed(""),
        });
    }
    if let Some(rest) = bytes.strip_prefix(UTF_8_BOM) {
        if let Some(label) = declared(rest)
            && Encoding::for_label(label.as_bytes()) != Some(UTF_8)
        {
            messages.push(
                Class::EncodingMismatch,
                Pos::at(0),
                format!(
                    "the document starts with a UTF-8 byte order mark but declares encoding `{label}`; read as UTF-8"
                ),
            );
        }
        return utf8(rest, messages);
    }
    let Some(label) = declared(bytes) else {
        return utf8(bytes, messages);
    };
    let lower = label.to_ascii_lowercase();
    if matches!(lower.as_str(), "us-ascii" | "ascii" | "iso646-us") {
        // The WHATWG labels read `us-ascii` as windows-1252; XML means
        // seven bits.
        return ascii(bytes, messages);
    }
    match Encoding::for_label_no_replacement(label.as_bytes()) {
        None => {
            messages.push(
                Class::UnknownEncoding,
                Pos::at(0),
                format!(
                    "the document declares encoding `{label}`, which the validator does not know; expected UTF-8"
                ),
            );
            Err(Undecodable {
                head: Cow::Borrowed(""),
            })
        }
        Some(e) if e == UTF_8 => utf8(bytes, messages),
        Some(e) if e == UTF_16LE || e == UTF_16BE => {
            messages.push(
                Class::EncodingMismatch,
                Pos::at(0),
                format!(
                    "the document declares encoding `{label}` but has no UTF-16 byte order mark, and its bytes are not UTF-16"
                ),
            );
            Err(Undecodable {
                head: Cow::Borrowed(""),
            })
        }
        Some(e) => decode_with(bytes, e, &label, messages),
    }
}

/// The `encoding` the XML declaration at the start of `bytes` names, if
/// any (the declaration is ASCII in every encoding read this way).
fn declared(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(512))?;
    let rest = head.strip_prefix(b"<?xml")?;
    if !rest.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let end = memchr::memmem::find(rest, b"?>")?;
    let decl = rest.get(..end)?;
    let at = memchr::memmem::find(decl, b"encoding")?;
    let after = decl.get(at + "encoding".len()..)?;
    let after = after
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, value) = after.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let close = value.iter().position(|&b| b == quote)?;
    let label = value.get(..close)?;
    std::str::from_utf8(label).ok().map(str::to_owned)
}

/// Strict UTF-8, borrowed; the first byte that is not UTF-8 is reported by
/// its value.
pub fn utf8<'a>(bytes: &'a [u8], messages: &mut Messages) -> Result<Decoded<'a>, Undecodable<'a>> {
    // simdutf8's fast check first; std finds the place only on failure.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
        }),
        Err(e) => {
            let good = e.valid_up_to();
            let head = bytes
                .get(..good)
                .and_then(|h| std::str::from_utf8(h).ok())
                .unwrap_or_default();
            let byte = bytes.get(good).copied().unwrap_or_default();
            messages.push(
                Class::NotUTF8,
                Pos::at(head.len()),
                format!(
                    "byte 0x{byte:02X} is not UTF-8; feeds must be UTF-8 unless they declare another encoding"
                ),
            );
            Err(Undecodable {
                head: Cow::Borrowed(head),
            })
        }
    }
}

/// Seven-bit ASCII, borrowed: ASCII is UTF-8.
fn ascii<'a>(bytes: &'a [u8], messages: &mut Messages) -> Result<Decoded<'a>, Undecodable<'a>> {
    match bytes.iter().position(|b| !b.is_ascii()) {
        None => utf8(bytes, messages),
        Some(at) => {
            let head = bytes
                .get(..at)
                .and_then(|h| std::str::from_utf8(h).ok())
                .unwrap_or_default();
            let byte = bytes.get(at).copied().unwrap_or_default();
            messages.push(
                Class::EncodingMismatch,
                Pos::at(head.len()),
                format!("byte 0x{byte:02X} is not US-ASCII, the encoding the document declares"),
            );
            Err(Undecodable {
                head: Cow::Borrowed(head),
            })
        }
    }
}

/// UTF-16 after its byte order mark; a declaration, if any, must say
/// UTF-16 (of this byte order, or either).
fn utf16<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    messages: &mut Messages,
) -> Result<Decoded<'a>, Undecodable<'a>> {
    let decoded = decode_with(bytes, encoding, encoding.name(), messages)?;
    if let Some(label) = declared(decoded.text.as_bytes())
        && !(label.eq_ignore_ascii_case("utf-16")
            || Encoding::for_label(label.as_bytes()) == Some(encoding))
    {
        messages.push(
            Class::EncodingMismatch,
            Pos::at(0),
            format!(
                "the document starts with a {} byte order mark but declares encoding `{label}`; read as {}",
                encoding.name(),
                encoding.name()
            ),
        );
    }
    Ok(decoded)
}

/// Decodes `bytes` from `encoding` (named `label` in messages), reporting
/// the first malformed byte by its value.
fn decode_with<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    label: &str,
    messages: &mut Messages,
) -> Result<Decoded<'a>, Undecodable<'a>> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(Decoded {
            text: Cow::Owned(text),
        }),
        DecoderResult::Malformed(bad, after) => {
            let start = read
                .saturating_sub(usize::from(after))
                .saturating_sub(usize::from(bad));
            let byte = bytes.get(start).copied().unwrap_or_default();
            let at = text.len();
            messages.push(
                Class::EncodingMismatch,
                Pos::at(at),
                format!("byte 0x{byte:02X} is not {label}, the encoding the document is read in"),
            );
            Err(Undecodable {
                head: Cow::Owned(text),
            })
        }
        // The buffer holds the longest output the input can make.
        DecoderResult::OutputFull => {
            messages.push(
                Class::EncodingMismatch,
                Pos::at(0),
                format!("the document could not be decoded as {label}"),
            );
            Err(Undecodable {
                head: Cow::Borrowed(""),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What decoding says: the text or the classes found.
    fn read(bytes: &[u8]) -> Result<String, Vec<&'static str>> {
        let mut messages = Messages::default();
        let decoded = decode(bytes, &mut messages);
        let classes: Vec<&str> = messages
            .into_sorted("")
            .iter()
            .map(|m| m.class.name())
            .collect();
        match decoded {
            Ok(d) if classes.is_empty() => Ok(d.text.into_owned()),
            _ => Err(classes),
        }
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom {
            UTF_16LE_BOM.to_vec()
        } else {
            Vec::new()
        };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut out = UTF_16BE_BOM.to_vec();
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    /// Bytes, and the text they decode to or the classes found.
    type Case<'a> = (&'a [u8], Result<&'a str, &'a [&'a str]>);

    #[test]
    fn encodings_are_detected_and_decoded() {
        let decl = |e: &str| format!("<?xml version=\"1.0\" encoding=\"{e}\"?><a>");
        let mut latin1 = decl("ISO-8859-1").into_bytes();
        latin1.extend(b"caf\xE9</a>");
        let mut cp1252 = decl("windows-1252").into_bytes();
        cp1252.extend(b"\x93quoted\x94</a>");
        let with_bom = [UTF_8_BOM, b"<a>\xC3\xA9</a>"].concat();
        let cases: &[Case] = &[
            // No declaration: UTF-8.
            (b"<a>\xC3\xA9</a>", Ok("<a>é</a>")),
            // ISO-8859-1 (read as windows-1252, its superset).
            (
                &latin1,
                Ok("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>café</a>"),
            ),
            // windows-1252's curly quotes.
            (
                &cp1252,
                Ok(
                    "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\u{201C}quoted\u{201D}</a>",
                ),
            ),
            // A UTF-8 byte order mark is dropped.
            (&with_bom, Ok("<a>é</a>")),
            // Invalid UTF-8 is reported by the byte's value.
            (b"<a>caf\xE9</a>", Err(&["NotUTF8"])),
            // A declared UTF-8 does not change that.
            (
                b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\xE9</a>",
                Err(&["NotUTF8"]),
            ),
            // US-ASCII is seven bits.
            (
                b"<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>\xE9</a>",
                Err(&["EncodingMismatch"]),
            ),
            // US-ASCII that is ASCII.
            (
                b"<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>e</a>",
                Ok("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>e</a>"),
            ),
            // An unknown label.
            (
                b"<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>",
                Err(&["UnknownEncoding"]),
            ),
            // UTF-16 declared on ASCII bytes.
            (
                b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>",
                Err(&["EncodingMismatch"]),
            ),
            // UTF-32 is not read.
            (b"\x00\x00\xFE\xFF\x00\x00\x00<", Err(&["UnknownEncoding"])),
        ];
        for (bytes, want) in cases {
            let want = want.map(str::to_owned).map_err(<[&str]>::to_vec);
            assert_eq!(read(bytes), want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    /// UTF-16 with either byte order mark, declared or not; without a mark
    /// it is an error, and so is a mark that contradicts the declaration.
    #[test]
    fn utf16_needs_its_byte_order_mark() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é😀</a>";
        assert_eq!(read(&utf16le(doc, true)), Ok(doc.to_owned()));
        assert_eq!(read(&utf16be(doc)), Ok(doc.to_owned()));
        assert_eq!(read(&utf16le("<a/>", true)), Ok("<a/>".to_owned()));
        assert_eq!(read(&utf16le(doc, false)), Err(vec!["EncodingMismatch"]));
        let wrong = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>";
        assert_eq!(read(&utf16le(wrong, true)), Err(vec!["EncodingMismatch"]));
        // An unpaired surrogate.
        assert_eq!(
            read(&[UTF_16LE_BOM, b"<\x00\x00\xD8a\x00"].concat()),
            Err(vec!["EncodingMismatch"])
        );
    }

    /// The message names the byte's value, not its offset.
    #[test]
    fn a_bad_byte_is_named_by_value() {
        let mut messages = Messages::default();
        let text = match decode(b"<a>caf\xE9</a>", &mut messages) {
            Ok(_) => String::new(),
            Err(u) => u.head.into_owned(),
        };
        let found = messages.into_sorted(&text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("byte 0xE9 is not UTF-8"),
            "{}",
            found[0].message
        );
        assert_eq!((found[0].line, found[0].column), (1, 7));
    }
}
