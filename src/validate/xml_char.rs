//! The characters XML 1.0 allows in a document, written from the
//! specification (section 2.2, production `Char`) for the validator
//! alone, so that a flaw in how feedpub cleans the text it writes cannot
//! pass its own check.

/// Whether XML 1.0 allows `c`:
/// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
/// The C1 controls (U+0080 to U+009F) are allowed; surrogates cannot be a
/// `char`.
pub fn is_xml_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_char_production() {
        let cases: &[(char, bool)] = &[
            // NUL is never allowed.
            ('\u{0}', false),
            // The C0 control just before tab.
            ('\u{8}', false),
            // Tab, line feed and carriage return are.
            ('\t', true),
            // Line feed.
            ('\n', true),
            // Carriage return.
            ('\r', true),
            // Vertical tab and form feed are not.
            ('\u{B}', false),
            // Form feed.
            ('\u{C}', false),
            // The last C0 control.
            ('\u{1F}', false),
            // Space starts the main range.
            (' ', true),
            // DEL is allowed in XML 1.0.
            ('\u{7F}', true),
            // So are the C1 controls.
            ('\u{85}', true),
            // The last before the surrogates.
            ('\u{D7FF}', true),
            // The first after them.
            ('\u{E000}', true),
            // The byte order mark.
            ('\u{FEFF}', true),
            // The replacement character, the last of the range.
            ('\u{FFFD}', true),
            // The two noncharacters after it.
            ('\u{FFFE}', false),
            // The last of the Basic Multilingual Plane.
            ('\u{FFFF}', false),
            // The first supplementary character.
            ('\u{10000}', true),
            // An emoji.
            ('😀', true),
            // The last code point.
            ('\u{10FFFF}', true),
        ];
        for (c, ok) in cases {
            assert_eq!(is_xml_char(*c), *ok, "U+{:04X}", u32::from(*c));
        }
    }
}
