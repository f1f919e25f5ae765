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

/// The checks of plain text in RSS (titles, Dublin Core text): no end tag
/// of an HTML element, no entity left after unescaping.
pub fn check_plain_text(node: &Node, messages: &mut Messages) {
    check_text(node, true, messages);
}

/// The checks of an Atom text construct of `type="text"`: no end tag of
/// any name, no entity left after unescaping.
pub fn check_atom_text(node: &Node, messages: &mut Messages) {
    check_text(node, false, messages);
}

/// The checks of plain text, end tags as [`looks_like_markup`] finds them
/// with `html_only`.
fn check_text(node: &Node, html_only: bool, messages: &mut Messages) {
    report(
        messages,
        node,
        [
            looks_like_markup(&node.text, html_only),
            double_escaped(&node.text),
        ]
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

/// HTML 4.01's element names: an end tag of one of them in RSS plain text
/// is markup to the W3C validator.
const HTML4_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "applet",
    "area",
    "b",
    "base",
    "basefont",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "dfn",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "fieldset",
    "font",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "isindex",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "map",
    "menu",
    "meta",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "select",
    "small",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
];

/// Whether plain text holds markup as the W3C validator sees it: an end
/// tag, `</`, a name of ASCII letters, digits or `_`, and `>`, of an HTML
/// 4.01 element with `html_only` (RSS; case aside), of any name without
/// (Atom's `type="text"`). A start tag alone (`Why the <div> tag
/// matters`) is no finding: the validator does not look for one (the
/// article reader warns of it for readers' sake, `markup-like-text`).
pub fn looks_like_markup(text: &str, html_only: bool) -> Option<Finding> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"</") {
        let start = from + at + 2;
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let end = start + len;
        if len > 0 && bytes.get(end) == Some(&b'>') {
            let name = &text[start..end];
            if !html_only || HTML4_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
                return Some((
                    Class::ContainsUndeclaredHTML,
                    format!(
                        "the text holds the end tag `</{name}>`; readers show it as written, or take the text for HTML"
                    ),
                ));
            }
        }
        from = start;
    }
    None
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
        // Text, whether the RSS rule finds markup, whether Atom's does.
        let cases: &[(&str, bool, bool)] = &[
            // A bold claim, written as markup.
            ("a <b>bold</b> claim", true, true),
            // Comparisons, not tags.
            ("a < b and c > d", false, false),
            // A start tag alone is no finding, as for the W3C validator.
            ("Why the <div> tag still matters", false, false),
            ("Line one<br>line two", false, false),
            // A generic type: `string` is no HTML element, but Atom's rule
            // takes any end tag.
            ("List<String> in Java</String>", false, true),
            // Only an end tag, still markup.
            ("the end</p>", true, true),
            // Upper case names are read in lower case.
            ("<EM>loud</EM>", true, true),
            // A name of letters, digits and `_`, closed at once.
            ("a </ p> b", false, false),
            ("a </p > b", false, false),
            ("a </p-q> b", false, false),
            ("</h1>", true, true),
            ("</>", false, false),
            ("ends in </", false, false),
            ("</é>", false, false),
        ];
        for (text, rss, atom) in cases {
            assert_eq!(looks_like_markup(text, true).is_some(), *rss, "RSS: {text}");
            assert_eq!(
                looks_like_markup(text, false).is_some(),
                *atom,
                "Atom: {text}"
            );
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
