//! Atom `content` (RFC 4287 section 4.1.3): text constructs, out-of-line
//! content (`src`), and content of other media types, which is XML when
//! its type is an XML type, text when it is `text/*`, and base64 when it
//! is anything else.

use super::html::report;
use super::values;
use super::xml::Node;
use super::{Class, Messages};

/// What a `content` element holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Text, HTML, XHTML, XML or a `text/*` type: readers can show it.
    Readable,
    /// Out of line (`src`) or base64: RFC 4287 section 4.1.1.1 requires a
    /// summary beside it.
    NeedsSummary,
}

/// Whether an entry with this content needs a `summary` (RFC 4287
/// section 4.1.1.1): the content is out of line or base64.
pub fn needs_summary(content: &Node) -> bool {
    kind(content) == Kind::NeedsSummary
}

/// Checks a `content` element.
pub fn check(node: &Node, messages: &mut Messages) {
    let kind = kind(node);
    if let Some(src) = node.attr("src") {
        report(
            messages,
            node,
            super::reference::check(src, node.base.as_deref(), "content src"),
        );
        if !node.value().is_empty() || !node.children.is_empty() {
            messages.push(
                Class::UnexpectedText,
                node.pos,
                "`<content src=\"...\">` must be empty; its content is at `src`",
            );
        }
        match node.attr("type") {
            None => messages.push(
                Class::MissingTypeAttr,
                node.pos,
                "`<content src=\"...\">` has no `type`; expected the MIME type of what `src` names, such as `text/html`",
            ),
            Some(t @ ("text" | "html" | "xhtml")) => messages.push(
                Class::InvalidMIMEType,
                node.pos,
                format!("`<content src=\"...\" type=\"{t}\">`; with `src`, the type must be a MIME type such as `text/html`"),
            ),
            Some(t) if !values::is_mime_type(t) => mime_error(t, messages, node),
            Some(_) => {}
        }
        return;
    }
    match node.attr("type").unwrap_or("text") {
        "text" | "html" | "xhtml" => super::atom_rules::text_construct(node, messages),
        mime if !values::is_mime_type(mime) => mime_error(mime, messages, node),
        mime if mime
            .get(..5)
            .is_some_and(|t| t.eq_ignore_ascii_case("text/")) =>
        {
            super::atom_rules::no_elements(node, mime, messages);
        }
        _ if kind == Kind::NeedsSummary && !is_base64(&node.text) => messages.push(
            Class::NotBase64,
            node.pos,
            "the content's type is neither text nor XML, so it must be base64, and it is not",
        ),
        _ => {}
    }
}

fn mime_error(mime: &str, messages: &mut Messages, node: &Node) {
    messages.push(
        Class::InvalidMIMEType,
        node.pos,
        format!("`<content type=\"{mime}\">`; expected `text`, `html`, `xhtml` or a MIME type"),
    );
}

/// What kind of content a `content` element is.
fn kind(node: &Node) -> Kind {
    if node.attr("src").is_some() {
        return Kind::NeedsSummary;
    }
    match node.attr("type") {
        None | Some("text" | "html" | "xhtml") => Kind::Readable,
        Some(mime) => {
            let essence = mime.split(';').next().unwrap_or_default().trim();
            let lower = essence.to_ascii_lowercase();
            let readable = lower.starts_with("text/")
                || lower.ends_with("/xml")
                || lower.ends_with("+xml")
                || !values::is_mime_type(mime);
            if readable {
                Kind::Readable
            } else {
                Kind::NeedsSummary
            }
        }
    }
}

/// Whether text is base64 (RFC 4648 alphabet, padded), white space aside.
fn is_base64(text: &str) -> bool {
    let mut count = 0usize;
    let mut padding = 0usize;
    for b in text.bytes() {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => continue,
            b'=' => padding += 1,
            _ if padding > 0 => return false,
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => {}
            _ => return false,
        }
        count += 1;
    }
    count.is_multiple_of(4) && padding <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        let cases: &[(&str, bool)] = &[
            // A padded word.
            ("aGk=", true),
            // Line breaks and indentation between groups.
            ("\n  aGVs\n  bG8=\n", true),
            // Nothing is zero bytes of base64.
            ("", true),
            // A length that is not a multiple of four.
            ("aGk", false),
            // A character outside the alphabet.
            ("aG!=", false),
            // Data after the padding.
            ("aG==aGk=", false),
            // Too much padding.
            ("a===", false),
        ];
        for (text, ok) in cases {
            assert_eq!(is_base64(text), *ok, "{text:?}");
        }
    }
}
