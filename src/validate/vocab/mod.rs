//! Extension vocabularies: the namespaces real feeds use beside RSS 2.0
//! and Atom 1.0 (iTunes podcasting, Media RSS, Dublin Core and the DCMI
//! terms, the content,
//! slash and wfw modules, GeoRSS, W3C geo and the older ICBM and GeoURL
//! coordinates, OpenSearch, the admin module, the Conversations Network's
//! podcast namespace, the syndication module, FeedBurner's namespace).
//!
//! RSS 2.0 ("Extending RSS") and Atom (RFC 4287 section 6) allow elements
//! of any namespace; a validator cannot check a namespace it does not
//! know, but for these it checks what their specifications say: which
//! elements exist, whether each belongs in the channel (Atom feed) or an
//! item (Atom entry), which may appear once, and their values. Elements of
//! other namespaces are left alone. Only the children of a channel, item,
//! feed or entry in one of these namespaces are looked at, so a feed that
//! uses none costs one comparison per element.

mod admin;
mod conversations;
mod dc_terms;
mod dublin_core;
mod feedburner;
mod geo;
mod itunes;
mod itunes_categories;
mod opensearch;
mod rss_modules;

pub(super) use dublin_core::DC_NS;
mod semantics;
mod syndication;

use super::media_rules;
use super::values::is_positive_integer;
use super::xml::{Node, Ns};
use super::{Class, Messages, seen_before};

/// Where an element stands: at the top of the feed or in one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// An RSS `channel` or an Atom `feed`.
    Channel,
    /// An RSS `item` or an Atom `entry`.
    Item,
}

/// Where a vocabulary's element may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Only in the channel (feed).
    Channel,
    /// Only in an item (entry).
    Item,
    /// In either.
    Both,
}

/// An element a vocabulary defines, where it may stand, and whether it
/// may appear more than once there.
pub struct Term {
    name: &'static str,
    place: Place,
    repeats: bool,
}

impl Term {
    /// Whether this is the term `name` and it may appear only once.
    pub fn is_once(&self, name: &str) -> bool {
        !self.repeats && self.name == name
    }
}

/// Shorthand for the tables of terms.
pub const fn term(name: &'static str, place: Place, repeats: bool) -> Term {
    Term {
        name,
        place,
        repeats,
    }
}

/// A vocabulary: its namespace, its name for messages, its elements and
/// the check of one of its elements' values.
struct Vocab {
    ns: &'static str,
    name: &'static str,
    terms: &'static [Term],
    check: fn(&Node, Level, &mut Messages),
}

use media_rules::MEDIA_NS_NO_SLASH;

const VOCABS: &[Vocab] = &[
    Vocab {
        ns: itunes::ITUNES_NS,
        name: "iTunes",
        terms: itunes::TERMS,
        check: itunes::check,
    },
    Vocab {
        ns: media_rules::MEDIA_NS,
        name: "Media RSS",
        terms: media_rules::TERMS,
        check: media_rules::element,
    },
    Vocab {
        ns: dublin_core::DC_NS,
        name: "Dublin Core",
        terms: dublin_core::TERMS,
        check: dublin_core::check,
    },
    Vocab {
        ns: dc_terms::DCTERMS_NS,
        name: "DCMI terms",
        terms: dc_terms::TERMS,
        check: dc_terms::check,
    },
    Vocab {
        ns: rss_modules::CONTENT_NS,
        name: "content module",
        terms: rss_modules::CONTENT_TERMS,
        check: rss_modules::content,
    },
    Vocab {
        ns: rss_modules::SLASH_NS,
        name: "slash module",
        terms: rss_modules::SLASH_TERMS,
        check: rss_modules::slash,
    },
    Vocab {
        ns: rss_modules::WFW_NS,
        name: "wfw",
        terms: rss_modules::WFW_TERMS,
        check: rss_modules::wfw,
    },
    Vocab {
        ns: geo::GEORSS_NS,
        name: "GeoRSS",
        terms: geo::GEORSS_TERMS,
        check: geo::georss,
    },
    Vocab {
        ns: geo::GEO_NS,
        name: "W3C geo",
        terms: geo::GEO_TERMS,
        check: geo::geo,
    },
    Vocab {
        ns: geo::ICBM_NS,
        name: "ICBM",
        terms: geo::NAMED_TERMS,
        check: geo::named,
    },
    Vocab {
        ns: geo::GEOURL_NS,
        name: "GeoURL",
        terms: geo::NAMED_TERMS,
        check: geo::named,
    },
    Vocab {
        ns: admin::ADMIN_NS,
        name: "admin module",
        terms: admin::TERMS,
        check: admin::check,
    },
    Vocab {
        ns: conversations::CONVERSATIONS_NS,
        name: "Conversations Network",
        terms: conversations::TERMS,
        check: conversations::check,
    },
    Vocab {
        ns: opensearch::OPENSEARCH_NS,
        name: "OpenSearch",
        terms: opensearch::TERMS,
        check: opensearch::check,
    },
    Vocab {
        ns: syndication::SY_NS,
        name: "syndication module",
        terms: syndication::TERMS,
        check: syndication::check,
    },
    Vocab {
        ns: feedburner::FEEDBURNER_NS,
        name: "FeedBurner",
        terms: feedburner::TERMS,
        check: feedburner::check,
    },
];
const _: () = {
    let mut i = 0;
    while i < VOCABS.len() {
        assert!(VOCABS[i].terms.len() <= 64);
        i += 1;
    }
};

/// The index in [`VOCABS`] of the vocabulary of a namespace.
fn vocab_of(uri: &str) -> Option<usize> {
    VOCABS.iter().position(|v| v.ns == uri)
}

/// Checks the extension elements of a channel, item, feed or entry.
pub fn check(parent: &Node, level: Level, messages: &mut Messages) {
    // One set of bits per vocabulary: the terms seen (for duplicates).
    let mut seen = [0u64; VOCABS.len()];
    let mut itunes_used = false;
    let mut may_twin = false;
    for child in &parent.children {
        may_twin |= semantics::may_twin(&child.ns);
        let Ns::Other(uri) = &child.ns else {
            continue;
        };
        let index = match vocab_of(uri) {
            Some(index) => index,
            // Readers that match the namespace exactly miss these, so
            // warn, and check them as the Media RSS they are meant to be.
            None if uri == MEDIA_NS_NO_SLASH => {
                messages.push(
                    Class::MediaRssNamespace,
                    child.pos,
                    format!(
                        "`<{}>` is in namespace `{MEDIA_NS_NO_SLASH}`; Media RSS is `{}`, with the trailing slash",
                        child.qname,
                        media_rules::MEDIA_NS
                    ),
                );
                match vocab_of(media_rules::MEDIA_NS) {
                    Some(index) => index,
                    None => continue,
                }
            }
            None => continue,
        };
        let Some((vocab, seen)) = VOCABS.get(index).zip(seen.get_mut(index)) else {
            continue;
        };
        itunes_used |= vocab.ns == itunes::ITUNES_NS;
        let Some(at) = vocab.terms.iter().position(|t| t.name == child.name) else {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an element the {} vocabulary defines",
                    child.qname, vocab.name
                ),
            );
            continue;
        };
        let Some(term) = vocab.terms.get(at) else {
            continue;
        };
        let misplaced = match (term.place, level) {
            (Place::Channel, Level::Item) => Some(("the channel (feed)", "an item (entry)")),
            (Place::Item, Level::Channel) => Some(("an item (entry)", "the channel (feed)")),
            _ => None,
        };
        if let Some((belongs, found)) = misplaced {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!("`<{}>` belongs in {belongs}, not in {found}", child.qname),
            );
            continue;
        }
        if !term.repeats && seen_before(seen, at) {
            messages.push(
                Class::DuplicateElement,
                child.pos,
                format!(
                    "a second `<{}>` in `<{}>`; it may appear once",
                    child.qname, parent.name
                ),
            );
        }
        (vocab.check)(child, level, messages);
    }
    if level == Level::Channel && itunes_used {
        itunes::required(parent, messages);
    }
    if may_twin && parent.ns == Ns::None {
        semantics::check(parent, level, messages);
    }
}

/// Reports each child element of a node that should hold only text.
fn no_children(node: &Node, messages: &mut Messages) {
    for child in &node.children {
        messages.push(
            Class::UndefinedElement,
            child.pos,
            format!(
                "`<{}>` inside `<{}>`, which holds text; escape markup as `&lt;...&gt;` or put it in CDATA",
                child.qname, node.qname
            ),
        );
    }
}

/// A decimal number as the vocabularies write them (`-12.5`, `40`,
/// `1e3`): never `inf` or `NaN`, which Rust's parser would accept.
fn decimal(value: &str) -> Option<f64> {
    let plain = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && value.bytes().any(|b| b.is_ascii_digit());
    plain
        .then(|| value.parse::<f64>().ok())
        .flatten()
        .filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        let cases: &[(&str, Option<f64>)] = &[
            ("45.5", Some(45.5)),   // the usual form
            ("-122", Some(-122.0)), // negative, no fraction
            ("+1.5", Some(1.5)),    // an explicit plus
            ("1e2", Some(100.0)),   // an exponent
            ("inf", None),          // Rust reads it, no vocabulary does
            ("NaN", None),          // likewise
            ("", None),             // empty
            ("-", None),            // a sign alone
            ("1,5", None),          // a decimal comma
            ("12.5.3", None),       // two points
            ("1e999", None),        // overflows to infinity
        ];
        for (value, want) in cases {
            assert_eq!(decimal(value), *want, "{value}");
        }
    }

    #[test]
    fn positive_integers() {
        let cases: &[(&str, bool)] = &[
            ("1", true),    // the least
            ("010", true),  // a leading zero is still ten
            ("0", false),   // zero is not positive
            ("00", false),  // nor written twice
            ("-1", false),  // negative
            ("1.0", false), // not whole as written
            ("", false),    // empty
        ];
        for (value, want) in cases {
            assert_eq!(is_positive_integer(value), *want, "{value}");
        }
    }
}
