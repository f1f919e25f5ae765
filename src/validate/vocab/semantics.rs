//! RSS elements and extension elements that mean the same thing: a channel
//! with both `language` and `dc:language`, an item with both `author` and
//! `dc:creator`. RSS 2.0 allows either, but readers do not agree which of
//! the two wins, so the W3C validator warns (`DuplicateSemantics` in the
//! channel, `DuplicateItemSemantics` in an item), and so does this.

use super::super::xml::{ATOM_NS, Node, Ns};
use super::Level;
use super::dc_terms::DCTERMS_NS;
use super::dublin_core::DC_NS;
use crate::validate::{Class, Messages};

/// The RSS admin module, whose `generatorAgent` twins `generator`.
pub const ADMIN_NS: &str = "http://webns.net/mvcb/";

// `category` and `dc:subject` mean the same too, but RSS categories are
// let go as they are read (an item may hold thousands), so they are not
// there to compare with.

/// One pair: the RSS element's name, the twin's namespace, prefix (for
/// messages) and name.
type Twin = (&'static str, &'static str, &'static str, &'static str);

const CHANNEL: &[Twin] = &[
    ("language", DC_NS, "dc", "language"),
    ("copyright", DC_NS, "dc", "rights"),
    ("webMaster", DC_NS, "dc", "publisher"),
    ("managingEditor", DC_NS, "dc", "creator"),
    ("pubDate", DC_NS, "dc", "date"),
    ("lastBuildDate", DCTERMS_NS, "dcterms", "modified"),
    ("generator", ADMIN_NS, "admin", "generatorAgent"),
];

const ITEM: &[Twin] = &[
    ("author", DC_NS, "dc", "creator"),
    ("pubDate", DC_NS, "dc", "date"),
    ("source", DC_NS, "dc", "source"),
    ("guid", ATOM_NS, "atom", "id"),
];

/// Whether an element's namespace is one that twins an RSS element, so
/// that [`check`] is worth calling.
pub fn may_twin(ns: &Ns) -> bool {
    match ns {
        Ns::Atom => true,
        Ns::Other(uri) => matches!(uri.as_str(), DC_NS | DCTERMS_NS | ADMIN_NS),
        Ns::None | Ns::Xhtml => false,
    }
}

/// Reports each pair of an RSS channel or item that says one thing twice,
/// once, at the first extension element of the pair.
pub fn check(parent: &Node, level: Level, messages: &mut Messages) {
    let (twins, class, what) = match level {
        Level::Channel => (CHANNEL, Class::DuplicateSemantics, "channel"),
        Level::Item => (ITEM, Class::DuplicateItemSemantics, "item"),
    };
    // One pass over the children: a bit per pair for the RSS element
    // seen, and the first extension element of each pair.
    let mut core_seen = 0u16;
    let mut ext_at = [None; 16];
    for child in &parent.children {
        let core = child.ns == Ns::None;
        for (i, &(core_name, ns, _, name)) in twins.iter().enumerate() {
            if core {
                if child.name == core_name {
                    core_seen |= 1 << i;
                }
            } else if child.name == name
                && child.ns.uri() == ns
                && let Some(slot) = ext_at.get_mut(i)
                && slot.is_none()
            {
                *slot = Some(child.pos);
            }
        }
    }
    for (i, &(core, _, prefix, name)) in twins.iter().enumerate() {
        if let Some(Some(pos)) = ext_at.get(i)
            && core_seen & (1 << i) != 0
        {
            messages.push(
                class,
                *pos,
                format!(
                    "the {what} has both `<{core}>` and `<{prefix}:{name}>`, which mean the same; keep one"
                ),
            );
        }
    }
}

const _: () = assert!(CHANNEL.len() <= 16 && ITEM.len() <= 16);
