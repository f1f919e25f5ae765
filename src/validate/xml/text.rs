//! Character data, references and attribute values as the parser reads
//! them: checked for XML's characters, unescaped, normalised.

use std::borrow::Cow;

use super::{Budget, Node};
use crate::validate::xml_char::is_xml_char;
use crate::validate::{Class, Messages, Pos};

pub(super) fn text_into<'a>(
    raw: Cow<'a, str>,
    pos: Pos,
    stack: &mut [Node<'a>],
    budget: &Budget,
    after_root: bool,
    messages: &mut Messages,
) -> Option<()> {
    let blank = is_blank(&raw);
    if !blank {
        check_chars(&raw, pos, messages);
    }
    if budget.skipped > 0 {
        // The text of an element that is not kept: checked, not stored.
        return Some(());
    }
    match stack.last_mut() {
        // Blank text after blank text (the indentation between child
        // elements) is not kept: every check reads an element's text
        // trimmed, or asks whether it is blank, and neither changes.
        // Keeping it cost a copy and a growing string per element.
        Some(node) if blank && !node.text.is_empty() && is_blank(&node.text) => {}
        Some(node) => {
            // XML 1.0 end-of-line handling.
            let raw = if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
                Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
            } else {
                raw
            };
            if node.text.is_empty() {
                node.text = raw;
            } else {
                node.text.to_mut().push_str(&raw);
            }
        }
        None if blank => {}
        None => {
            let what = if after_root { "after" } else { "before" };
            messages.push(
                Class::NotWellFormed,
                pos,
                format!("text {what} the root element"),
            );
            return None;
        }
    }
    Some(())
}

/// Whether text is only XML white space.
pub(super) fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Whether every character of `text` is one [`is_xml_char`] allows.
fn all_allowed(text: &str) -> bool {
    // The text is UTF-8, so what XML 1.0 forbids is a byte pattern: a C0
    // control other than tab and line ends (one byte, found by a pass in
    // fixed-size blocks that becomes vector instructions), or U+FFFE or
    // U+FFFF (`EF BF BE`, `EF BF BF`: EF is only ever a lead byte, found by
    // `memchr`). Text in any script is then not decoded character by
    // character unless it holds one.
    const BLOCK: usize = 32;
    let control = |b: u8| {
        u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n') & u8::from(b != b'\r')
    };
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut controls = 0u8;
    for block in &mut blocks {
        controls |= block.iter().fold(0u8, |any, &b| any | control(b));
    }
    controls |= blocks
        .remainder()
        .iter()
        .fold(0u8, |any, &b| any | control(b));
    controls == 0
        && memchr::memchr_iter(0xEF, bytes).all(|at| {
            bytes.get(at + 1) != Some(&0xBF) || bytes.get(at + 2).is_none_or(|&last| last < 0xBE)
        })
}

/// Reports characters XML 1.0 forbids.
pub(super) fn check_chars(text: &str, pos: Pos, messages: &mut Messages) {
    if all_allowed(text) {
        return;
    }
    if let Some(bad) = text.chars().find(|&c| !is_xml_char(c)) {
        messages.push(
            Class::InvalidCharacter,
            pos,
            format!("U+{:04X} is not allowed in XML 1.0", u32::from(bad)),
        );
    }
}

/// Resolves `&name;` (predefined or numeric only).
pub(super) fn resolve_reference(name: &str, pos: Pos, messages: &mut Messages) -> Option<char> {
    let resolved = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    };
    if resolved.is_some() {
        return resolved;
    }
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        return match code.and_then(char::from_u32) {
            Some(c) if is_xml_char(c) => Some(c),
            _ => {
                messages.push(
                    Class::InvalidCharacter,
                    pos,
                    format!("the reference `&{name};` names a character XML 1.0 does not allow"),
                );
                None
            }
        };
    }
    messages.push(
        Class::UndefinedEntity,
        pos,
        format!("`&{name};` is not an XML entity; write the character itself or a numeric reference such as `&#160;`"),
    );
    None
}

/// Unescapes an attribute value.
pub(super) fn unescape<'a>(
    raw: Cow<'a, str>,
    pos: Pos,
    messages: &mut Messages,
) -> Option<Cow<'a, str>> {
    check_chars(&raw, pos, messages);
    if memchr::memchr(b'&', raw.as_bytes()).is_none() {
        return Some(normalize_attribute(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest: &str = &raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            messages.push(
                Class::NotWellFormed,
                pos,
                "a bare `&` in an attribute value; write `&amp;`",
            );
            return None;
        };
        out.push(resolve_reference(&after[..semi], pos, messages)?);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(normalize_attribute(Cow::Owned(out)))
}

pub(super) fn normalize_attribute(value: Cow<'_, str>) -> Cow<'_, str> {
    if !value.contains(['\r', '\n', '\t']) {
        return value;
    }
    Cow::Owned(value.replace("\r\n", " ").replace(['\r', '\n', '\t'], " "))
}

/// `bytes` as text borrowed from `text` when they are a piece of it (as
/// everything a reader of `text` returns is); copied otherwise.
pub(super) fn borrow<'a>(text: &'a str, bytes: &[u8]) -> Cow<'a, str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match start
        .checked_add(bytes.len())
        .and_then(|end| text.get(start..end))
    {
        Some(piece) if piece.as_ptr() == bytes.as_ptr() => Cow::Borrowed(piece),
        _ => String::from_utf8_lossy(bytes).into_owned().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan agrees with the character test, for characters at
    /// and across the scan's 32-byte blocks.
    #[test]
    fn byte_scan_matches_char_test() {
        for c in (0..0x800)
            .chain(0xE000..0x10000)
            .chain(0x1F600..0x1F610)
            .filter_map(char::from_u32)
        {
            for pad in [0, 1, 29, 30, 31, 32, 63] {
                let s = format!("{}{c}é", "a".repeat(pad));
                assert_eq!(all_allowed(&s), is_xml_char(c), "U+{:04X}", u32::from(c));
            }
        }
    }
}
