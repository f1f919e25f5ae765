//! Checks of escaped HTML (RSS descriptions and `content:encoded`, Atom
//! `type="html"`) and of plain text that should hold none.

use std::borrow::Cow;
use url::Url;

use super::values::{Finding, has_scheme};
use super::xml::Node;
use super::{Class, Messages};

/// Reports findings at a node's place.
pub fn report(messages: &mut Messages, node: &Node, findings: impl IntoIterator<Item = Finding>) {
    for (class, text) in findings {
        messages.push(class, node.pos, text);
    }
}

/// Reports each required child element that `node` lacks.
pub fn require(node: &Node, ns: &super::xml::Ns, names: &[&str], messages: &mut Messages) {
    for name in names {
        if node.child(ns, name).is_none() {
            messages.push(
                Class::MissingElement,
                node.pos,
                format!("`<{}>` has no `<{name}>`", node.name),
            );
        }
    }
}

/// The checks of plain text (RSS titles, Atom `type="text"`): no markup,
/// no entity left after unescaping.
pub fn check_plain_text(node: &Node, messages: &mut Messages) {
    report(
        messages,
        node,
        [looks_like_markup(&node.text), double_escaped(&node.text)]
            .into_iter()
            .flatten(),
    );
}

/// The checks of escaped HTML: well-formed, absolute (unless `base` is in
/// force and readers honour it), nothing readers refuse to run.
pub fn check_html(node: &Node, base: Option<&Url>, messages: &mut Messages) {
    let text = &node.text;
    // With no `<` there is no tag, so nothing any of these checks looks
    // for: one scan settles nearly every summary.
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        return;
    }
    report(
        messages,
        node,
        [
            well_formed(text),
            relative_refs(text, base),
            security_risk(text),
        ]
        .into_iter()
        .flatten(),
    );
}

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// Elements readers refuse to run.
const RISKY: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "base",
];

/// A start or end tag found in HTML.
struct Tag<'a> {
    /// Lower case (copied only when it was not).
    name: Cow<'a, str>,
    closing: bool,
    self_closing: bool,
    /// The text between the name and `>`.
    attributes: &'a str,
}

/// The tags of HTML, in order, one at a time (so that checking a feed's
/// content never holds a list of its tags); `Err` names the first tag that
/// never closes, and ends the scan.
fn tags(html: &str) -> Tags<'_> {
    Tags { rest: html }
}

struct Tags<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Result<Tag<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        while let Some(open) = memchr::memchr(b'<', self.rest.as_bytes()) {
            let after = &self.rest[open + 1..];
            if let Some(comment) = after.strip_prefix("!--") {
                match comment.find("-->") {
                    Some(end) => {
                        self.rest = &comment[end + 3..];
                        continue;
                    }
                    None => {
                        self.rest = "";
                        return Some(Err("a comment `<!--` is never closed".to_owned()));
                    }
                }
            }
            let closing = after.starts_with('/');
            let body = if closing { &after[1..] } else { after };
            let name_len = body
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
                .unwrap_or(body.len());
            if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
                // `a < b`, `<!DOCTYPE`, `<?x`: not a tag we track.
                self.rest = after;
                continue;
            }
            let raw_name = &body[..name_len];
            let name = if raw_name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(raw_name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(raw_name)
            };
            let Some(end) = tag_end(&body[name_len..]) else {
                self.rest = "";
                return Some(Err(format!(
                    "the tag `<{}{name}` is never closed with `>`",
                    if closing { "/" } else { "" }
                )));
            };
            let attributes = &body[name_len..name_len + end];
            self.rest = &body[name_len + end + 1..];
            return Some(Ok(Tag {
                self_closing: attributes.trim_end().ends_with('/'),
                name,
                closing,
                attributes,
            }));
        }
        self.rest = "";
        None
    }
}

/// The offset of the `>` that ends a tag, skipping quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether escaped HTML is well-formed enough for every reader: every tag
/// closed with `>`, and every element that needs an end tag closed in order.
pub fn well_formed(html: &str) -> Option<Finding> {
    let not_html = |why: String| Some((Class::NotHtml, why));
    let mut open: Vec<Cow<'_, str>> = Vec::new();
    for tag in tags(html) {
        let tag = match tag {
            Ok(tag) => tag,
            Err(why) => return not_html(why),
        };
        if VOID.contains(&tag.name.as_ref()) || tag.self_closing {
            continue;
        }
        if !tag.closing {
            open.push(tag.name);
            continue;
        }
        match open.iter().rposition(|n| *n == tag.name) {
            Some(at) => {
                if let Some(skipped) = open[at + 1..]
                    .iter()
                    .find(|n| !OPTIONAL_END.contains(&n.as_ref()))
                {
                    return not_html(format!(
                        "`</{}>` closes `<{}>` before `<{skipped}>` is closed",
                        tag.name, tag.name
                    ));
                }
                open.truncate(at);
            }
            None => {
                return not_html(format!(
                    "`</{}>` closes an element that is not open",
                    tag.name
                ));
            }
        }
    }
    open.iter()
        .find(|n| !OPTIONAL_END.contains(&n.as_ref()))
        .and_then(|n| not_html(format!("`<{n}>` is never closed")))
}

/// The tags of HTML whose tags all close with `>`; none otherwise (as the
/// checks that use them have always read it: an unclosed tag is
/// `NotHtml`, and nothing after it can be trusted).
fn closed_tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let closes = tags(html).all(|t| t.is_ok());
    tags(html).filter(move |_| closes).filter_map(Result::ok)
}

/// The attributes of HTML's start tags, one at a time (see
/// [`closed_tags`]).
fn url_attributes(html: &str) -> impl Iterator<Item = (String, String)> + '_ {
    closed_tags(html)
        .filter(|t| !t.closing)
        .flat_map(|tag| attributes(tag.attributes))
}

/// The `name=value` pairs of a tag's attribute text.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..=end], &after[end + 2..]),
                None => (&after[1..], ""),
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((name, htmlize::unescape_attribute(value).into_owned()));
        rest = next;
    }
    out
}

/// Relative `href` and `src` values, which break in readers that ignore
/// `xml:base`; none are reported when a base is in force.
pub fn relative_refs(html: &str, base: Option<&Url>) -> Option<Finding> {
    if base.is_some() {
        return None;
    }
    url_attributes(html)
        .filter(|(name, _)| matches!(name.as_str(), "href" | "src" | "poster"))
        .find(|(_, v)| {
            let v = v.trim();
            !v.is_empty() && !v.starts_with('#') && !v.starts_with("//") && !has_scheme(v)
        })
        .map(|(name, v)| {
            (
                Class::ContainsRelativeURI,
                format!("the content's `{name}=\"{v}\"` is relative; make it absolute"),
            )
        })
}

/// Scripts, frames, plug-ins, event handlers and `javascript:` URLs.
pub fn security_risk(html: &str) -> Option<Finding> {
    let risky_tag = closed_tags(html).find(|t| !t.closing && RISKY.contains(&t.name.as_ref()));
    if let Some(tag) = risky_tag {
        return Some((
            Class::SecurityRisk,
            format!("the content holds a `<{}>` element", tag.name),
        ));
    }
    url_attributes(html).find_map(|(name, value)| {
        if name.starts_with("on") && name.len() > 2 {
            Some((
                Class::SecurityRisk,
                format!("the content holds an event handler `{name}`"),
            ))
        } else if value
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("javascript:")
        {
            Some((
                Class::SecurityRisk,
                format!("the content's `{name}` is a `javascript:` URL"),
            ))
        } else {
            None
        }
    })
}

/// Common HTML element names, to tell markup from `a < b`.
const HTML_NAMES: &[&str] = &[
    "a",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "p",
    "br",
    "div",
    "span",
    "img",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "blockquote",
    "code",
    "pre",
    "script",
    "iframe",
    "font",
    "sup",
    "sub",
];

/// Whether plain text holds what looks like an HTML tag.
pub fn looks_like_markup(text: &str) -> Option<Finding> {
    closed_tags(text)
        .find(|t| HTML_NAMES.contains(&t.name.as_ref()))
        .map(|t| {
            (
                Class::ContainsUndeclaredHTML,
                format!(
                    "the text holds `<{}{}>`; readers show it as written",
                    if t.closing { "/" } else { "" },
                    t.name
                ),
            )
        })
}

/// Whether text, once unescaped, still holds an entity reference.
pub fn double_escaped(text: &str) -> Option<Finding> {
    let mut rest = text;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        let after = &rest[amp + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with(';') {
            let entity = &after[..len];
            let known = entity.starts_with('#')
                || htmlize::unescape(format!("&{entity};")) != format!("&{entity};");
            if known {
                return Some((
                    Class::DoubleEscapedEntity,
                    format!(
                        "the text holds `&{entity};` after unescaping; write the character itself"
                    ),
                ));
            }
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_well_formedness() {
        let cases: &[(&str, bool)] = &[
            // Plain paragraphs.
            ("<p>a</p><p>b</p>", true),
            // Optional end tags left out.
            ("<ul><li>a<li>b</ul><p>c", true),
            // Void and self-closed elements.
            ("<p>a<br>b<img src=\"x\" /></p>", true),
            // Text with a lone `<`.
            ("<p>a < b</p>", true),
            // A `>` inside a quoted attribute.
            ("<a title=\"x > y\" href=\"h\">t</a>", true),
            // Misnested inline elements.
            ("<b><i>x</b></i>", false),
            // An unclosed bold.
            ("<b>x", false),
            // A stray end tag.
            ("x</div>", false),
            // A tag never closed with `>`.
            ("<a href=\"x\"", false),
            // A comment never closed.
            ("<!-- x", false),
        ];
        for (html, ok) in cases {
            assert_eq!(well_formed(html).is_none(), *ok, "{html}");
        }
    }

    #[test]
    fn risks_and_references() {
        assert!(security_risk("<p>x</p><script>alert(1)</script>").is_some());
        assert!(security_risk("<img src=x onerror=\"alert(1)\">").is_some());
        assert!(security_risk("<a href=\"JavaScript:alert(1)\">x</a>").is_some());
        assert!(security_risk("<p onclick>plain</p><a href=\"https://x/\">x</a>").is_none());
        assert!(relative_refs("<a href=\"/x\">x</a>", None).is_some());
        assert!(relative_refs("<img src='img.png'>", None).is_some());
        assert!(
            relative_refs("<a href=\"#top\">x</a><a href=\"mailto:a@b.c\">m</a>", None).is_none()
        );
        let base = Url::parse("https://example.com/").expect("valid");
        assert!(relative_refs("<a href=\"/x\">x</a>", Some(&base)).is_none());
    }

    #[test]
    fn plain_text() {
        assert!(looks_like_markup("a <b>bold</b> claim").is_some());
        assert!(looks_like_markup("a < b and c > d").is_none());
        assert!(looks_like_markup("List<String> in Java").is_none());
        assert!(double_escaped("Fish &amp; chips").is_some());
        assert!(double_escaped("Fish &#38; chips").is_some());
        assert!(double_escaped("Fish & chips; AT&T").is_none());
        assert!(double_escaped("R&D;").is_none());
    }
}
