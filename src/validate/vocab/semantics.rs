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
/// once, at the extension element.
pub fn check(parent: &Node, level: Level, messages: &mut Messages) {
    let (twins, class, what) = match level {
        Level::Channel => (CHANNEL, Class::DuplicateSemantics, "channel"),
        Level::Item => (ITEM, Class::DuplicateItemSemantics, "item"),
    };
    for &(core, ns, prefix, name) in twins {
        // feedpub writes every author's name as `dc:creator` and `author`
        // only for those with an email (RSS requires one there), on
        // purpose: its own feeds are not warned for the pair.
        if core == "author" && messages.own_output() {
            continue;
        }
        let Some(ext) = parent
            .children
            .iter()
            .find(|c| c.name == name && c.ns.uri() == ns)
        else {
            continue;
        };
        if parent.child(&Ns::None, core).is_some() {
            messages.push(
                class,
                ext.pos,
                format!(
                    "the {what} has both `<{core}>` and `<{prefix}:{name}>`, which mean the same; keep one"
                ),
            );
        }
    }
}
