//! Checks of escaped HTML (RSS descriptions and `content:encoded`, Atom
//! `type="html"`) and of plain text that should hold none.

use url::Url;

use super::html_scan;
use super::values::Finding;
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
    let scan = html_scan::scan(&node.text);
    report(
        messages,
        node,
        [not_html(&scan), relative(&scan, base), risk(&scan)]
            .into_iter()
            .flatten(),
    );
}

/// Whether escaped HTML passes every content check, in one scan.
pub fn is_clean(html: &str) -> bool {
    let scan = html_scan::scan(html);
    scan.not_html.is_none() && scan.relative.is_none() && scan.risk.is_none()
}

fn not_html(scan: &html_scan::Scan) -> Option<Finding> {
    scan.not_html.clone().map(|why| (Class::NotHtml, why))
}

fn relative(scan: &html_scan::Scan, base: Option<&Url>) -> Option<Finding> {
    if base.is_some() {
        return None;
    }
    scan.relative.as_ref().map(|(name, v)| {
        (
            Class::ContainsRelativeURI,
            format!("the content's `{name}=\"{v}\"` is relative; make it absolute"),
        )
    })
}

fn risk(scan: &html_scan::Scan) -> Option<Finding> {
    scan.risk.clone().map(|why| (Class::SecurityRisk, why))
}

/// Whether plain text holds what looks like an HTML tag.
pub fn looks_like_markup(text: &str) -> Option<Finding> {
    html_scan::scan(text).markup.map(|tag| {
        (
            Class::ContainsUndeclaredHTML,
            format!("the text holds `{tag}`; readers show it as written"),
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
    fn plain_text() {
        let cases: &[(&str, bool)] = &[
            // A bold claim, written as markup.
            ("a <b>bold</b> claim", true),
            // Comparisons, not tags.
            ("a < b and c > d", false),
            // A generic type: `string` is no common HTML element.
            ("List<String> in Java", false),
            // Only an end tag, still markup.
            ("the end</p>", true),
            // Upper case names are read in lower case.
            ("<EM>loud</EM>", true),
        ];
        for (text, markup) in cases {
            assert_eq!(looks_like_markup(text).is_some(), *markup, "{text}");
        }
        assert!(double_escaped("Fish &amp; chips").is_some());
        assert!(double_escaped("Fish &#38; chips").is_some());
        assert!(double_escaped("Fish & chips; AT&T").is_none());
        assert!(double_escaped("R&D;").is_none());
    }

    #[test]
    fn relative_references_need_no_base_in_force() {
        let node_text = "<a href=\"/x\">x</a>";
        let base = Url::parse("https://example.com/").expect("valid");
        let scan = html_scan::scan(node_text);
        assert!(relative(&scan, None).is_some());
        assert!(relative(&scan, Some(&base)).is_none());
    }
}
