//! A bound on what html5ever's tokenizer is given: it checks each
//! attribute of a tag against the ones before it, so a tag's cost grows
//! with the square of its attributes. HTML with a tag of more than
//! [`MAX_ATTRIBUTES`] is refused before the tokenizer sees it.
//!
//! Tags are found here only to be counted, by the rules of the
//! tokenizer's data state (WHATWG HTML, "Tokenization"), which the
//! validator's scan never leaves: where tags, comments and declarations
//! start and end, and where a tag's attributes start. Every verdict on
//! the HTML is the tokenizer's.

/// The most attributes one tag may have; no tag in real content comes near.
pub const MAX_ATTRIBUTES: usize = 100;

/// Whether some tag of `html` may have more than `limit` attributes. Each
/// attribute is counted, not only those with a new name, so the count is
/// never below the tokenizer's.
pub fn too_many_attributes(html: &str, limit: usize) -> bool {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        i += lt + 1;
        let next = b.get(i).copied();
        let after = b.get(i + 1).copied();
        i = match (next, after) {
            (Some(b'!'), _) => declaration_end(b, i + 1),
            (Some(b'?'), _) => gt_end(b, i),
            (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => match tag_end(b, i + 1, limit) {
                Some(end) => end,
                None => return true,
            },
            (Some(b'/'), Some(b'>')) => i + 2,
            (Some(b'/'), Some(_)) => gt_end(b, i + 1),
            (Some(c), _) if c.is_ascii_alphabetic() => match tag_end(b, i, limit) {
                Some(end) => end,
                None => return true,
            },
            // `a < b`, or a `<` or `</` at the end: text.
            _ => i,
        };
    }
    false
}

/// Just past the `>` at or after `from` (a bogus comment, a DOCTYPE or
/// `<![CDATA[`, which HTML reads as a bogus comment), or the end.
fn gt_end(b: &[u8], from: usize) -> usize {
    let from = from.min(b.len());
    memchr::memchr(b'>', &b[from..]).map_or(b.len(), |at| from + at + 1)
}

/// Just past a declaration whose `<!` ends before `from`: a comment ends
/// at `-->` or `--!>` (or at once, `<!-->` and `<!--->`), anything else at
/// its first `>`.
fn declaration_end(b: &[u8], from: usize) -> usize {
    let Some(body) = b.get(from..).and_then(|s| s.strip_prefix(b"--")) else {
        return gt_end(b, from);
    };
    let start = from + 2;
    if body.starts_with(b">") {
        return start + 1;
    }
    if body.starts_with(b"->") {
        return start + 2;
    }
    for at in memchr::memmem::find_iter(body, b"--") {
        match body.get(at + 2..) {
            Some([b'>', ..]) => return start + at + 3,
            Some([b'!', b'>', ..]) => return start + at + 4,
            _ => {}
        }
    }
    b.len()
}

/// Just past the `>` of a tag whose name starts at `from`, or the end;
/// `None` once it has more than `limit` attributes.
fn tag_end(b: &[u8], mut i: usize, limit: usize) -> Option<usize> {
    /// The tokenizer's states inside a tag.
    #[derive(Clone, Copy)]
    enum In {
        Name,
        BeforeAttribute,
        AttributeName,
        AfterAttributeName,
        BeforeValue,
        Quoted(u8),
        Unquoted,
        AfterQuoted,
        SelfClosing,
    }
    let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ');
    let mut state = In::Name;
    let mut attributes = 0;
    while let Some(&c) = b.get(i) {
        i += 1;
        state = match (state, c) {
            (In::Quoted(q), _) => {
                // A quoted value runs to its closing quote.
                match memchr::memchr(q, &b[i - 1..]) {
                    Some(end) => i += end,
                    None => return Some(b.len()),
                }
                In::AfterQuoted
            }
            (_, b'>') => return Some(i),
            (In::Name, b'/') => In::SelfClosing,
            (In::Name, c) if space(c) => In::BeforeAttribute,
            (In::Name, _) => In::Name,
            (In::BeforeAttribute | In::AfterAttributeName, c) if space(c) => state,
            (In::BeforeAttribute | In::AfterAttributeName | In::AttributeName, b'/') => {
                In::SelfClosing
            }
            (In::AfterAttributeName | In::AttributeName, b'=') => In::BeforeValue,
            (In::BeforeAttribute | In::AfterAttributeName, _) => {
                attributes += 1;
                In::AttributeName
            }
            (In::AttributeName, c) if space(c) => In::AfterAttributeName,
            (In::AttributeName, _) => In::AttributeName,
            (In::BeforeValue, b'"' | b'\'') => In::Quoted(c),
            (In::BeforeValue, c) if space(c) => In::BeforeValue,
            (In::Unquoted | In::AfterQuoted, c) if space(c) => In::BeforeAttribute,
            (In::BeforeValue | In::Unquoted, _) => In::Unquoted,
            (In::AfterQuoted, b'/') => In::SelfClosing,
            // Anything else after a quoted value, or after a `/` that no
            // `>` follows, is read again as if before an attribute.
            (In::AfterQuoted | In::SelfClosing, _) => {
                i -= 1;
                In::BeforeAttribute
            }
        };
        if attributes > limit {
            return None;
        }
    }
    Some(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_budget() {
        let many = |n: usize, sep: &str| {
            let attributes: String = (0..n).map(|i| format!("a{i}{sep}")).collect();
            format!("<p {attributes}>x</p>")
        };
        let cases: &[(String, bool)] = &[
            // At the limit.
            (many(MAX_ATTRIBUTES, " "), false),
            // One past it.
            (many(MAX_ATTRIBUTES + 1, " "), true),
            // Quoted values with no space between them.
            (many(MAX_ATTRIBUTES + 1, "=\"v\""), true),
            // `/` separates attributes too.
            (many(MAX_ATTRIBUTES + 1, "/"), true),
            // In an end tag, which the tokenizer reads the same way.
            (
                format!(
                    "<p>x{}",
                    many(MAX_ATTRIBUTES + 1, " ").replace("<p ", "</p ")
                ),
                true,
            ),
            // A `>` in a quoted value does not end the tag.
            (
                format!("<p x=\">\"{}", &many(MAX_ATTRIBUTES + 1, " ")[2..]),
                true,
            ),
            // Words in a comment are no attributes.
            (format!("<!-- {} -->", "w ".repeat(10_000)), false),
            // Nor after a comment closed at once.
            (format!("<!--->{}", many(MAX_ATTRIBUTES + 1, " ")), true),
            // Nor in a comment that a `--!>` closes.
            (
                format!("<!-- x --!>{}", many(MAX_ATTRIBUTES + 1, " ")),
                true,
            ),
            // Words in text are no attributes.
            (format!("<p>{}</p>", "w ".repeat(10_000)), false),
            // Quoted `>` and `<!--` inside a value do not hide the rest.
            (
                format!("<p x=\"<!-- >\"{}", &many(MAX_ATTRIBUTES + 1, " ")[2..]),
                true,
            ),
        ];
        for (html, refused) in cases {
            assert_eq!(
                too_many_attributes(html, MAX_ATTRIBUTES),
                *refused,
                "{html:.80}"
            );
            assert_eq!(
                crate::validate::html_scan::scan(html)
                    .not_html
                    .is_some_and(|m| m.contains("attributes")),
                *refused,
                "{html:.80}"
            );
        }
    }
}
