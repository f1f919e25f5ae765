//! The rules of OPML 1.0 and 2.0 (the specification at
//! <http://opml.org/spec2.opml>), for subscription lists and outlines.
//!
//! The root `<opml>` has a `version` (`1.0`, `1.1`, read as 1.0, or
//! `2.0`) and holds one `<head>` and one `<body>`. The head's elements are
//! the specification's own, each once, with their values checked (RFC 822
//! dates, an email address, absolute URLs, numbers); an element it does
//! not define, outside a namespace, draws a warning. The body holds at
//! least one `<outline>`; each outline has a `text` (OPML 2.0 requires it,
//! OPML 1.0 only uses it), and the attributes of the specification's node
//! types are checked: `type="rss"` needs an `xmlUrl`, `link` and `include`
//! a `url`, all absolute.
//!
//! Outlines are checked as the parser completes them ([`Outlines`]) and
//! not kept, so a list of any length is held one outline at a time. The
//! parser keeps elements down to a fixed depth (`xml::KEEP_DEPTH`):
//! outlines nested more than three deep are read as XML but their
//! attributes are not checked.

use super::html::report;
use super::values;
use super::xml::{Node, Ns};
use super::{Class, Messages, Pos, seen_before};

/// Head elements OPML 2.0 defines (OPML 1.0's, plus `ownerId` and `docs`),
/// each allowed once.
const HEAD: &[&str] = &[
    "title",
    "dateCreated",
    "dateModified",
    "ownerName",
    "ownerEmail",
    "ownerId",
    "docs",
    "expansionState",
    "vertScrollState",
    "windowTop",
    "windowLeft",
    "windowBottom",
    "windowRight",
];
const _: () = assert!(HEAD.len() <= 64);

/// Whether an element is OPML's own (no namespace) and named `name`.
fn is(node: &Node, name: &str) -> bool {
    node.ns == Ns::None && node.name == name
}

/// Checks outlines one at a time, as the parser completes them,
/// remembering only which bodies held one.
#[derive(Debug, Default)]
pub struct Outlines {
    /// The places of the `<body>` elements with an outline directly in
    /// them (in document order, each once).
    bodies: Vec<Pos>,
}

impl Outlines {
    /// Checks `node` if it is an outline in the body of an OPML document
    /// (`stack` holds the open elements above it); whether it was one, so
    /// that the tree need not keep it.
    pub fn take(&mut self, node: &Node, stack: &[Node], messages: &mut Messages) -> bool {
        if !is(node, "outline") {
            return false;
        }
        let [root, body, ..] = stack else {
            return false;
        };
        if !is(root, "opml") || !is(body, "body") {
            return false;
        }
        if stack.len() == 2 && self.bodies.last() != Some(&body.pos) {
            self.bodies.push(body.pos);
        }
        check_outline(
            node,
            root.attr("version").map(str::trim) == Some("2.0"),
            messages,
        );
        true
    }
}

/// Checks an `<opml>` document; its outlines were checked by `outlines`
/// as they ended.
pub fn check(root: &Node, outlines: &Outlines, messages: &mut Messages) {
    match root.attr("version").map(str::trim) {
        Some("1.0" | "1.1" | "2.0") => {}
        Some(v) => messages.push(
            Class::InvalidOPMLVersion,
            root.pos,
            format!("`<opml version=\"{v}\">`; expected `2.0`, `1.1` or `1.0`"),
        ),
        None => messages.push(
            Class::MissingAttribute,
            root.pos,
            "`<opml>` has no `version`; expected `version=\"2.0\"`",
        ),
    }
    for child in root.children.iter().filter(|c| c.ns == Ns::None) {
        if child.name != "head" && child.name != "body" {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an OPML element here; `<opml>` holds one `<head>` and one `<body>`",
                    child.qname
                ),
            );
        }
    }
    if let Some(head) = only_one(root, "head", messages) {
        check_head(head, messages);
    }
    if let Some(body) = only_one(root, "body", messages) {
        check_body(body, outlines, messages);
    }
}

/// The one child `name` of the root, reporting a missing one and each
/// extra one.
fn only_one<'n, 'a>(
    root: &'n Node<'a>,
    name: &'n str,
    messages: &mut Messages,
) -> Option<&'n Node<'a>> {
    let mut found = root.children_named(&Ns::None, name);
    let Some(first) = found.next() else {
        messages.push(
            Class::MissingElement,
            root.pos,
            format!("`<opml>` has no `<{name}>`"),
        );
        return None;
    };
    for extra in found {
        messages.push(
            Class::DuplicateElement,
            extra.pos,
            format!("a second `<{name}>`; OPML has one"),
        );
    }
    Some(first)
}

fn check_head(head: &Node, messages: &mut Messages) {
    let mut seen = 0u64;
    for child in head.children.iter().filter(|c| c.ns == Ns::None) {
        let Some(index) = HEAD.iter().position(|k| *k == child.name) else {
            messages.push(
                Class::UnknownHeadElement,
                child.pos,
                format!(
                    "`<{}>` is not an OPML head element; readers ignore it (extensions need a namespace)",
                    child.qname
                ),
            );
            continue;
        };
        if seen_before(&mut seen, index) {
            messages.push(
                Class::DuplicateElement,
                child.pos,
                format!(
                    "a second `<{}>` in `<head>`; it may appear once",
                    child.name
                ),
            );
        }
        let value = child.value();
        match child.name.as_ref() {
            "dateCreated" | "dateModified" => report(messages, child, values::rfc822(value)),
            "ownerEmail" if !values::is_email(value) => messages.push(
                Class::InvalidEmail,
                child.pos,
                format!("`<ownerEmail>` is `{value}`; expected an email address such as `desk@example.com`"),
            ),
            "ownerId" | "docs" => report(
                messages,
                child,
                values::absolute_uri(value, child.base.as_deref(), &child.name),
            ),
            "expansionState" if !is_number_list(value) => messages.push(
                Class::InvalidExpansionState,
                child.pos,
                format!("`<expansionState>` is `{value}`; expected line numbers separated by commas, such as `1,6,13`"),
            ),
            "vertScrollState" if !values::is_integer(value) => messages.push(
                Class::InvalidInteger,
                child.pos,
                format!("`<vertScrollState>` is `{value}`; expected a line number"),
            ),
            "windowTop" | "windowLeft" | "windowBottom" | "windowRight"
                if !values::is_integer(value.strip_prefix('-').unwrap_or(value)) =>
            {
                messages.push(
                    Class::InvalidInteger,
                    child.pos,
                    format!(
                        "`<{}>` is `{value}`; expected a pixel position, a whole number",
                        child.name
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Whether a value is a comma-separated list of whole numbers (blanks
/// around them allowed); an empty list is one (nothing is expanded).
fn is_number_list(value: &str) -> bool {
    value.is_empty() || value.split(',').all(|n| values::is_integer(n.trim()))
}

fn check_body(body: &Node, outlines: &Outlines, messages: &mut Messages) {
    // Outlines were taken as they ended; only other elements remain.
    undefined_children(body, messages);
    if !outlines.bodies.contains(&body.pos) {
        messages.push(
            Class::MissingElement,
            body.pos,
            "`<body>` has no `<outline>`; OPML requires at least one",
        );
    }
}

/// Reports the children of a body or an outline in no namespace: by the
/// time it is checked, the outlines in it have been taken, so any left
/// are elements OPML does not define there.
fn undefined_children(node: &Node, messages: &mut Messages) {
    for child in node.children.iter().filter(|c| c.ns == Ns::None) {
        if child.name != "outline" {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an OPML element; `<{}>` holds only `<outline>` elements",
                    child.qname, node.name
                ),
            );
        }
    }
}

/// Checks one outline's attributes; `v2` when the document is OPML 2.0,
/// which requires `text`.
fn check_outline(outline: &Node, v2: bool, messages: &mut Messages) {
    undefined_children(outline, messages);
    if outline.attr("text").is_none() {
        if v2 {
            messages.push(
                Class::MissingAttribute,
                outline.pos,
                "`<outline>` has no `text`; OPML 2.0 requires one",
            );
        } else {
            messages.push(
                Class::MissingOutlineText,
                outline.pos,
                "`<outline>` has no `text`; readers show a blank line",
            );
        }
    }
    let kind = outline.attr("type").map(str::trim).unwrap_or_default();
    let required = if kind.eq_ignore_ascii_case("rss") {
        Some("xmlUrl")
    } else if kind.eq_ignore_ascii_case("link") || kind.eq_ignore_ascii_case("include") {
        Some("url")
    } else {
        None
    };
    if let Some(required) = required
        && outline.attr(required).is_none()
    {
        messages.push(
            Class::MissingAttribute,
            outline.pos,
            format!("`<outline type=\"{kind}\">` has no `{required}`"),
        );
    }
    let base = outline.base.as_deref();
    for attr in outline.attrs.iter().filter(|a| a.ns == Ns::None) {
        let value = attr.value.as_ref();
        match attr.name.as_ref() {
            name @ ("xmlUrl" | "htmlUrl" | "url") => report(
                messages,
                outline,
                values::absolute_uri(value.trim(), base, name),
            ),
            "created" => report(messages, outline, values::rfc822(value.trim())),
            name @ ("isComment" | "isBreakpoint") if !matches!(value, "true" | "false") => {
                messages.push(
                    Class::InvalidBooleanAttribute,
                    outline.pos,
                    format!("`{name}=\"{value}\"`; expected `true` or `false`"),
                );
            }
            "language" if !values::is_language(value) => messages.push(
                Class::InvalidLanguage,
                outline.pos,
                format!("`language=\"{value}\"` is not a language tag; expected something like `en` or `en-us`"),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outlines are let go as they end: a list with more outlines than
    /// the tree holds at once (`xml::MIN_HELD`) is read whole, with no
    /// finding.
    #[test]
    fn long_lists_are_not_held() {
        let count = crate::validate::xml::MIN_HELD + 1_000;
        let mut text = String::from(r#"<opml version="2.0"><head/><body>"#);
        for _ in 0..count {
            text.push_str(r#"<outline text="x"/>"#);
        }
        text.push_str("</body></opml>");
        let messages = crate::validate::validate(text.as_bytes(), &Default::default());
        assert_eq!(messages, []);
    }

    /// Expansion states: what is a list of line numbers.
    #[test]
    fn number_lists() {
        for (value, ok) in [
            ("", true),          // nothing expanded
            ("1", true),         // one line
            ("1,6,13", true),    // several
            ("1, 6 , 13", true), // blanks around numbers
            ("1,,2", false),     // an empty item
            ("1,a", false),      // a word
            ("1;2", false),      // the wrong separator
            ("-1", false),       // line numbers are not negative
            ("1,", false),       // a trailing comma
        ] {
            assert_eq!(is_number_list(value), ok, "{value:?}");
        }
    }
}
