//! Raw HTML tags in Markdown, read only as far as nesting goes: where a
//! tag ends, and whether it opens or closes an element.

/// A raw HTML tag, as far as nesting goes.
pub(super) enum RawTag {
    /// A start tag; the element's name when it nests (not void, not
    /// self-closing, not one whose end tag may be left out).
    Start(Option<String>),
    End(String),
    /// A comment, declaration, or a `<` that starts no tag.
    Other,
}

/// The length of the tag at the start of `s` (which starts with `<`):
/// through its `>`, skipping quoted values; a comment through `-->`; one
/// byte for a `<` that starts no tag; all of `s` when nothing closes it.
pub(super) fn tag_len(s: &str) -> usize {
    if let Some(comment) = s.strip_prefix("<!--") {
        return comment.find("-->").map_or(s.len(), |end| 4 + end + 3);
    }
    let bytes = s.as_bytes();
    let starts_tag = bytes
        .get(1)
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!' || b == b'?');
    if !starts_tag {
        return 1;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

pub(super) fn raw_tag(tag: &str) -> RawTag {
    let (closing, body) = match tag.strip_prefix("</") {
        Some(body) => (true, body),
        None => match tag.strip_prefix('<') {
            Some(body) if body.starts_with(|c: char| c.is_ascii_alphabetic()) => (false, body),
            _ => return RawTag::Other,
        },
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    if closing {
        return RawTag::End(name);
    }
    let self_closing = tag.trim_end_matches('>').ends_with('/');
    let nests = !self_closing && !VOID_OR_OPTIONAL_END.contains(&name.as_str());
    RawTag::Start(nests.then_some(name))
}

/// Elements that never hold others (void), or whose end tag may be left
/// out because the next sibling closes them: neither deepens the tree as
/// it is written.
const VOID_OR_OPTIONAL_END: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption",
];
