//! The Conversations Network's podcast namespace
//! (`http://conversationsnetwork.org/rssNamespace-1.0/`): an episode's
//! image, its listeners' ratings and the length of its spoken
//! introduction. The W3C validator knows it; these are its values.

use super::super::values;
use super::super::xml::Node;
use super::{Level, Place, Term, decimal, is_positive_integer, no_children, term};
use crate::validate::{Class, Messages};

/// The namespace.
pub const CONVERSATIONS_NS: &str = "http://conversationsnetwork.org/rssNamespace-1.0/";

/// Its elements, in the channel or an item, each once.
pub const TERMS: &[Term] = &[
    term("image", Place::Both, false),
    term("introMilliseconds", Place::Both, false),
    term("ratingAverage", Place::Both, false),
    term("ratingCount", Place::Both, false),
    term("ratingIndividual", Place::Both, false),
    term("ratingTimestamp", Place::Both, false),
];

/// Checks one element's value.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    let value = node.value();
    let problem = match node.name.as_ref() {
        // An image on the web: `http://` or `https://` and a host.
        "image"
            if !(value.starts_with("http://") || value.starts_with("https://"))
                || !values::absolute_uri(value, None, "image").is_empty() =>
        {
            Some((Class::InvalidURI, "an absolute http or https URL"))
        }
        "ratingAverage" if decimal(value).is_none_or(|n| n < 0.0) => {
            Some((Class::InvalidFloat, "a number such as `4.5`"))
        }
        "ratingCount" | "introMilliseconds" if !values::is_integer(value) => {
            Some((Class::InvalidInteger, "a whole number"))
        }
        "ratingIndividual" if !is_positive_integer(value) => {
            Some((Class::InvalidPositiveInteger, "a whole number from 1"))
        }
        _ => None,
    };
    if let Some((class, expected)) = problem {
        messages.push(
            class,
            node.pos,
            format!("`<{}>` is `{value}`; expected {expected}", node.qname),
        );
    }
}
