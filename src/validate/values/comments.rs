//! RFC 822 / RFC 2822 comments (`(...)`, nested, with `\`-escapes) in a
//! header value such as an RSS date: CFWS, read as a space.

use std::borrow::Cow;

/// The value with each comment replaced by a space; `None` when a comment
/// is not closed (or a `)` closes none).
pub fn strip(value: &str) -> Option<Cow<'_, str>> {
    if !value.contains(['(', ')']) {
        return Some(Cow::Borrowed(value));
    }
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return None,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    out.push(' ');
                }
            }
            // A quoted pair: the next character is text, even `(` or `)`.
            '\\' if depth > 0 => {
                chars.next()?;
            }
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    (depth == 0).then_some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_become_spaces() {
        let cases: &[(&str, Option<&str>)] = &[
            // No comment: the value itself.
            ("Tue, 08 Aug 2023", Some("Tue, 08 Aug 2023")),
            // A zone name in a trailing comment.
            ("22:37:00 +0400 (GST)", Some("22:37:00 +0400  ")),
            // Nested comments count their parentheses.
            ("a(b(c)d)e", Some("a e")),
            // An escaped parenthesis does not close the comment.
            ("a(b\\)c)d", Some("a d")),
            // Unclosed.
            ("a (b", None),
            // A `)` with no `(`.
            ("a) b", None),
            // A backslash ending the value inside a comment.
            ("a (b\\", None),
        ];
        for &(value, want) in cases {
            assert_eq!(strip(value).as_deref(), want, "{value}");
        }
    }
}
