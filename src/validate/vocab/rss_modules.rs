//! The small modules of weblog feeds: `content:encoded` (the RSS 1.0
//! content module), `slash:*` (comment counts and sections) and `wfw:*`
//! (Well-Formed Web comment API). Each describes an item (entry).

use super::super::html;
use super::super::html::report;
use super::super::values;
use super::super::xml::Node;
use super::{Level, Place, Term, no_children, term};
use crate::validate::{Class, Messages};

/// The RSS 1.0 content module.
pub const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// The slash module.
pub const SLASH_NS: &str = "http://purl.org/rss/1.0/modules/slash/";
/// The Well-Formed Web comment API.
pub const WFW_NS: &str = "http://wellformedweb.org/CommentAPI/";

/// `content:encoded`, the item's full text as escaped HTML.
pub const CONTENT_TERMS: &[Term] = &[term("encoded", Place::Item, false)];

/// The slash module's elements.
pub const SLASH_TERMS: &[Term] = &[
    term("comments", Place::Item, false),
    term("department", Place::Item, false),
    term("hit_parade", Place::Item, false),
    term("section", Place::Item, false),
];

/// The wfw elements; `commentRSS` is a common misspelling, warned of.
pub const WFW_TERMS: &[Term] = &[
    term("comment", Place::Item, false),
    term("commentRss", Place::Item, false),
    term("commentRSS", Place::Item, false),
];

/// Checks `content:encoded`: escaped HTML, never child elements (raw
/// HTML tags in it are elements the module does not define).
pub fn content(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    html::check_html(node, None, messages);
}

/// Checks a slash element's value.
pub fn slash(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    let value = node.value();
    match node.name.as_ref() {
        "comments" if !values::is_integer(value) => messages.push(
            Class::InvalidInteger,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected a number of comments",
                node.qname
            ),
        ),
        "hit_parade" if !value.split(',').all(values::is_integer) => messages.push(
            Class::InvalidInteger,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected whole numbers separated by commas",
                node.qname
            ),
        ),
        _ => {}
    }
}

/// Checks a wfw element: a URL.
pub fn wfw(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    if node.name == "commentRSS" {
        messages.push(
            Class::CommentRSS,
            node.pos,
            format!(
                "`<{}>` is spelled `wfw:commentRss`; readers look for that name",
                node.qname
            ),
        );
    }
    report(
        messages,
        node,
        values::absolute_uri(node.value(), node.base.as_deref(), &node.qname),
    );
}
