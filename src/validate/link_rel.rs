//! Registered Atom link relations. RFC 4287 section 4.2.7.2 lets a `rel`
//! be a name or an IRI, and asks that names be registered with IANA
//! (section 7.1); readers act only on the relations they know. A name
//! outside the registry is a warning (`UnregisteredAtomLinkRel`), as the
//! W3C validator gives it, with the W3C validator's list: the relations of
//! RFC 4287, 4685 (`replies`), 4946 (`license`), 5005 (paging and
//! archives), 5023 (`edit`, `edit-media`, `service`), WebSub (`hub`),
//! OpenSearch (`search`) and a few more that feeds use.

use super::xml::Node;
use super::{Class, Messages};

/// The names taken as registered.
const REGISTERED: &[&str] = &[
    "alternate",
    "current",
    "describedby",
    "edit",
    "edit-media",
    "enclosure",
    "first",
    "hub",
    "last",
    "license",
    "next",
    "next-archive",
    "payment",
    "prev-archive",
    "previous",
    "related",
    "replies",
    "search",
    "self",
    "service",
    "up",
    "via",
];

/// The IRI prefix that spells a registered relation in full (RFC 4287
/// section 4.2.7.2): `http://www.iana.org/assignments/relation/self` is
/// `self`.
const IANA_PREFIX: &str = "http://www.iana.org/assignments/relation/";

/// Warns of a link whose `rel` is a name (not an IRI) that is not
/// registered. A missing `rel` is `alternate`; a malformed one is left to
/// the syntax check (`InvalidAtomLinkRel`).
pub fn check(link: &Node, messages: &mut Messages) {
    let Some(rel) = link.attr("rel") else {
        return;
    };
    let name = rel.strip_prefix(IANA_PREFIX).unwrap_or(rel);
    if name.contains(':') || name.contains('/') || name.trim() != name || name.is_empty() {
        return;
    }
    if !REGISTERED.contains(&name) {
        messages.push(
            Class::UnregisteredAtomLinkRel,
            link.pos,
            format!(
                "`rel=\"{rel}\"` is not a registered link relation; readers will not know what it means (use an IRI for a relation of your own)"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warns(rel: &str) -> bool {
        let feed = format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><author><name>a</name></author><link rel="{rel}" href="https://example.com/"/></feed>"#
        );
        crate::validate::validate(feed.as_bytes(), &crate::validate::Options::default())
            .iter()
            .any(|m| m.class == Class::UnregisteredAtomLinkRel)
    }

    #[test]
    fn names_outside_the_registry_warn() {
        let cases = [
            ("alternate", false),                                     // RFC 4287's default
            ("hub", false),                                           // WebSub
            ("http://www.iana.org/assignments/relation/self", false), // a registered name spelt as an IRI
            ("https://example.com/rels/standout", false), // an IRI names its own relation
            ("standout", true),                           // a publisher's own name
            ("service.post", true),                       // TypePad's AtomAPI names
            ("http://www.iana.org/assignments/relation/standout", true), // the IRI form of an unregistered name
        ];
        for (rel, expected) in cases {
            assert_eq!(warns(rel), expected, "{rel}");
        }
    }
}
