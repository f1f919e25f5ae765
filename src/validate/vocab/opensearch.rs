//! OpenSearch 1.1 response elements (`http://a9.com/-/spec/opensearch/1.1/`)
//! in a feed of search results: the counts, and the `Query` that made it.

use super::super::values;
use super::super::xml::Node;
use super::{Level, Place, Term, no_children, term};
use crate::validate::{Class, Messages};

/// The OpenSearch 1.1 namespace.
pub const OPENSEARCH_NS: &str = "http://a9.com/-/spec/opensearch/1.1/";

/// The response elements: they describe the result set, so the channel.
pub const TERMS: &[Term] = &[
    term("totalResults", Place::Channel, false),
    term("startIndex", Place::Channel, false),
    term("itemsPerPage", Place::Channel, false),
    term("Query", Place::Channel, true),
];

/// The roles OpenSearch 1.1 defines for a `Query`.
const ROLES: &[&str] = &[
    "request",
    "example",
    "related",
    "correction",
    "subset",
    "superset",
];

/// Checks one OpenSearch element.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    if node.name == "Query" {
        query(node, messages);
        return;
    }
    let value = node.value();
    if !values::is_integer(value) {
        messages.push(
            Class::InvalidInteger,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected a whole number from 0",
                node.qname
            ),
        );
    }
}

fn query(node: &Node, messages: &mut Messages) {
    match node.attr("role") {
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            format!("`<{}>` has no `role`", node.qname),
        ),
        // A role with a prefix is an extension role, from another namespace.
        Some(role) if role.contains(':') || ROLES.contains(&role) => {}
        Some(role) => messages.push(
            Class::InvalidLocalRole,
            node.pos,
            format!(
                "`<{} role=\"{role}\">`; expected `{}`, or a prefixed extension role",
                node.qname,
                ROLES.join("`, `")
            ),
        ),
    }
    for name in ["totalResults", "count", "startIndex", "startPage"] {
        if let Some(value) = node.attr(name)
            && !values::is_integer(value)
        {
            messages.push(
                Class::InvalidInteger,
                node.pos,
                format!(
                    "`<{} {name}=\"{value}\">`; expected a whole number",
                    node.qname
                ),
            );
        }
    }
}
