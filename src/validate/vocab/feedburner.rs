//! FeedBurner's namespace (`http://rssnamespace.org/feedburner/ext/1.0`),
//! which feeds republished through FeedBurner still carry: in an item,
//! the original link (`feedburner:origLink`) and enclosure link
//! (`feedburner:origEnclosureLink`), each a full URI, once; in the
//! channel, its hostname and awareness API (full URIs), a `feedFlare`
//! (with `href` and `src`), an `info` (with `uri`), a `browserFriendly`
//! text and an `emailServiceId`. The W3C validator checks the same.

use super::super::html::report;
use super::super::values;
use super::super::xml::Node;
use super::{Level, Place, Term, no_children, term};
use crate::validate::{Class, Messages};

/// FeedBurner's namespace.
pub const FEEDBURNER_NS: &str = "http://rssnamespace.org/feedburner/ext/1.0";

/// Its elements and where each may stand.
pub const TERMS: &[Term] = &[
    term("origLink", Place::Item, false),
    term("origEnclosureLink", Place::Item, false),
    term("awareness", Place::Both, false),
    term("feedburnerHostname", Place::Channel, false),
    term("browserFriendly", Place::Channel, false),
    term("emailServiceId", Place::Channel, false),
    term("feedFlare", Place::Channel, true),
    term("info", Place::Channel, false),
];

/// Checks a FeedBurner element's value and attributes.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    match node.name.as_ref() {
        "origLink" | "origEnclosureLink" | "awareness" | "feedburnerHostname" => report(
            messages,
            node,
            values::absolute_uri(node.value(), node.base.as_deref(), &node.qname),
        ),
        "feedFlare" => {
            for name in ["href", "src"] {
                required(node, name, messages);
            }
        }
        "info" => required(node, "uri", messages),
        _ => {}
    }
}

/// Reports a missing attribute the element needs (in no namespace).
fn required(node: &Node, name: &str, messages: &mut Messages) {
    if node.attr(name).is_none() {
        messages.push(
            Class::MissingAttribute,
            node.pos,
            format!("`<{}>` has no `{name}` attribute", node.qname),
        );
    }
}
