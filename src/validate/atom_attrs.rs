//! The attributes and white space of Atom elements (RFC 4287): each
//! element has the attributes it defines in no namespace (others are
//! extensions, or `xml:` attributes), an `xml:lang` is a language tag, and
//! ids, dates and URIs hold no white space around their value.

use super::xml::{Node, Ns};
use super::{Class, Messages};

/// The `xml:` attributes' namespace.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The attributes in no namespace an Atom element defines.
fn defined(name: &str) -> &'static [&'static str] {
    match name {
        "link" => &["href", "rel", "type", "hreflang", "title", "length"],
        "category" => &["term", "scheme", "label"],
        "content" => &["type", "src"],
        "title" | "subtitle" | "rights" | "summary" => &["type"],
        "generator" => &["uri", "version"],
        _ => &[],
    }
}

/// Reports each attribute in no namespace that `defined` (what the
/// element's `format` defines for it) does not hold: an extension
/// attribute needs a namespace.
pub fn undefined_attributes(node: &Node, defined: &[&str], format: &str, messages: &mut Messages) {
    for attr in &node.attrs {
        // A default namespace declaration reads as an attribute `xmlns`
        // in no namespace.
        if attr.ns == Ns::None && attr.name != "xmlns" && !defined.contains(&attr.name.as_ref()) {
            messages.push(
                Class::UnexpectedAttribute,
                node.pos,
                format!(
                    "`<{}>` has an attribute `{}`, which {format} does not define; an extension attribute needs a namespace",
                    node.qname, attr.name
                ),
            );
        }
    }
}

/// Checks an Atom element's attributes, and white space around a value
/// that allows none.
pub fn check(node: &Node, messages: &mut Messages) {
    undefined_attributes(node, defined(&node.name), "Atom", messages);
    xml_lang(node, messages);
    xml_base(node, messages);
    if matches!(
        node.name.as_ref(),
        "id" | "updated" | "published" | "icon" | "logo" | "uri"
    ) && node.text.len() != node.value().len()
        && !node.value().is_empty()
    {
        messages.push(
            Class::UnexpectedWhitespace,
            node.pos,
            format!(
                "`<{}>` has white space around `{}`; write the value alone, as readers compare it exactly",
                node.qname,
                node.value()
            ),
        );
    }
}

/// Checks an element's `xml:base`, if it has one: a URI reference (XML
/// Base section 3), relative or not: a relative one resolves against the
/// base in force or the document's URL.
fn xml_base(node: &Node, messages: &mut Messages) {
    for attr in &node.attrs {
        if let Ns::Other(uri) = &attr.ns
            && uri == XML_NS
            && attr.name == "base"
        {
            for (class, message) in super::reference::check(&attr.value, None, "xml:base") {
                if class != Class::RelativeReference {
                    messages.push(class, node.pos, message);
                }
            }
        }
    }
}

/// Checks an element's `xml:lang`, if it has one: a language tag, or
/// empty. Any element may carry one, in RSS as in Atom (XML 1.0 section
/// 2.12).
pub fn xml_lang(node: &Node, messages: &mut Messages) {
    for attr in &node.attrs {
        if let Ns::Other(uri) = &attr.ns
            && uri == XML_NS
            && attr.name == "lang"
            && !is_language_tag(&attr.value)
        {
            messages.push(
                Class::InvalidLanguage,
                node.pos,
                format!(
                    "`xml:lang=\"{}\"` is not a language tag; expected something like `en` or `en-GB`",
                    attr.value
                ),
            );
        }
    }
}

/// Whether a value is an `xml:lang`: empty (no language), or a BCP 47
/// tag by its syntax: subtags of one to eight letters or digits, the first
/// two to eight letters (or the singleton `x` or `i`).
pub fn is_language_tag(value: &str) -> bool {
    if value.is_empty() {
        return true;
    }
    let mut subtags = value.split('-');
    let first = subtags.next().unwrap_or_default();
    let first_ok = first.eq_ignore_ascii_case("x")
        || first.eq_ignore_ascii_case("i")
        || ((2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        let cases: &[(&str, bool)] = &[
            // A language alone.
            ("en", true),
            // Language, script and region.
            ("zh-Hant-TW", true),
            // A variant of four digits and more.
            ("de-CH-1901", true),
            // A private-use tag.
            ("x-private", true),
            // A grandfathered irregular tag.
            ("i-klingon", true),
            // No language at all, which `xml:lang` allows.
            ("", true),
            // An underscore, as locales write it.
            ("en_GB", false),
            // A subtag longer than eight characters.
            ("en-toolongsubtag", false),
            // An empty subtag.
            ("en--GB", false),
            // A digit in the primary language.
            ("e1", false),
        ];
        for (tag, ok) in cases {
            assert_eq!(is_language_tag(tag), *ok, "{tag:?}");
        }
    }
}
