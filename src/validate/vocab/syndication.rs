//! The RSS 1.0 syndication module (`http://purl.org/rss/1.0/modules/syndication/`,
//! usually `sy:`), which WordPress writes in every feed: how often the
//! channel is updated. `updatePeriod` is `hourly`, `daily`, `weekly`,
//! `monthly` or `yearly`; `updateFrequency` a whole number from 1 (times
//! per period); `updateBase` a W3CDTF date the schedule counts from. They
//! describe the channel (an Atom feed), never an item; the W3C validator
//! checks them so.

use super::super::xml::Node;
use super::dublin_core::is_w3cdtf;
use super::{Level, Place, Term, is_positive_integer, no_children, term};
use crate::validate::{Class, Messages};

/// The syndication module's namespace.
pub const SY_NS: &str = "http://purl.org/rss/1.0/modules/syndication/";

/// Its elements, each once, in the channel.
pub const TERMS: &[Term] = &[
    term("updatePeriod", Place::Channel, false),
    term("updateFrequency", Place::Channel, false),
    term("updateBase", Place::Channel, false),
];

/// The periods `updatePeriod` may name.
const PERIODS: &[&str] = &["hourly", "daily", "weekly", "monthly", "yearly"];

/// Checks one syndication element.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    let value = node.value();
    match node.name.as_ref() {
        "updatePeriod" if !PERIODS.contains(&value) => messages.push(
            Class::InvalidUpdatePeriod,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected `hourly`, `daily`, `weekly`, `monthly` or `yearly`",
                node.qname
            ),
        ),
        "updateFrequency" if !is_positive_integer(value) => messages.push(
            Class::InvalidPositiveInteger,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected how many times a period, a whole number from 1",
                node.qname
            ),
        ),
        "updateBase" if !is_w3cdtf(value) => messages.push(
            Class::InvalidW3CDTFDate,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected a W3C date-time such as `2000-01-01T12:00+00:00`",
                node.qname
            ),
        ),
        _ => {}
    }
}
