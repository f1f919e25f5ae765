//! Escaping text for a document: the scan shared by the XML and JSON
//! writers, which escape different bytes in different ways.

/// Splits `value` at each byte `special` marks with 1, in order: `emit`
/// gets the text before it and the byte, and last the text after the
/// last one with `None`. `special` marks ASCII bytes only, so every piece
/// is whole characters. Most text has nothing to escape: it is passed
/// over 32 bytes at a time, in a fixed-size loop the compiler turns into
/// vector compares.
#[inline(always)]
pub fn split_at_specials(
    value: &str,
    special: impl Fn(u8) -> u8,
    mut emit: impl FnMut(&str, Option<u8>),
) {
    const BLOCK: usize = 32;
    let bytes = value.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        while let Some(block) = bytes
            .get(at..at + BLOCK)
            .and_then(|b| <&[u8; BLOCK]>::try_from(b).ok())
            && block.iter().fold(0, |any, &b| any | special(b)) == 0
        {
            at += BLOCK;
        }
        let end = (at + BLOCK).min(bytes.len());
        for (offset, &byte) in bytes[at..end].iter().enumerate() {
            let i = at + offset;
            if special(byte) != 0 {
                debug_assert!(byte.is_ascii(), "only ASCII bytes are special");
                emit(&value[from..i], Some(byte));
                from = i + 1;
            }
        }
        at = end;
    }
    emit(&value[from..], None);
}
