//! The admin module (`http://webns.net/mvcb/`), RSS 1.0's way of naming
//! the software that wrote a feed (`admin:generatorAgent`) and where to
//! report its errors (`admin:errorReportsTo`), still met in RSS 2.0
//! channels: each is an empty element whose `rdf:resource` is a URI.

use super::super::html::report;
use super::super::rss1::rdf_attr;
use super::super::values;
use super::super::xml::Node;
use super::{Level, Place, Term, no_children, term};
use crate::validate::{Class, Messages};

/// The admin module's namespace.
pub const ADMIN_NS: &str = "http://webns.net/mvcb/";

/// The module's two elements, each once in the channel.
pub const TERMS: &[Term] = &[
    term("generatorAgent", Place::Channel, false),
    term("errorReportsTo", Place::Channel, false),
];

/// Checks an admin element: an `rdf:resource` that is an absolute URI
/// (`https://...` for the generator, `mailto:...` for reports). Some
/// feeds write the URI as the element's text instead; that is read too.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    let resource =
        rdf_attr(node, "resource").or_else(|| Some(node.value()).filter(|v| !v.is_empty()));
    match resource {
        Some(resource) => report(
            messages,
            node,
            values::absolute_uri(
                resource,
                node.base.as_deref(),
                format_args!("{} resource", node.qname),
            ),
        ),
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            format!("`<{}>` has no `rdf:resource` naming its URI", node.qname),
        ),
    }
}
