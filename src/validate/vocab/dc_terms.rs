//! DCMI Metadata Terms (`http://purl.org/dc/terms/`): the fifteen elements
//! again, as properties, and the refinements DCMI adds (`modified`,
//! `created`, `issued`, `abstract`, `isPartOf`, `license` ...). The dates
//! are W3C date-times, as `dc:date`; `available` and `valid` may be
//! periods and are not looked into. A date says one thing about the
//! resource, so it appears once; the other terms repeat.

use super::super::html;
use super::super::values;
use super::super::xml::Node;
use super::dublin_core::is_w3cdtf;
use super::{Level, Place, Term, no_children, term};
use crate::validate::{Class, Messages};

/// The DCMI terms namespace.
pub const DCTERMS_NS: &str = "http://purl.org/dc/terms/";

/// The terms, in DCMI's alphabetical order.
pub const TERMS: &[Term] = &[
    term("abstract", Place::Both, true),
    term("accessRights", Place::Both, true),
    term("accrualMethod", Place::Both, true),
    term("accrualPeriodicity", Place::Both, true),
    term("accrualPolicy", Place::Both, true),
    term("alternative", Place::Both, true),
    term("audience", Place::Both, true),
    term("available", Place::Both, true),
    term("bibliographicCitation", Place::Both, true),
    term("conformsTo", Place::Both, true),
    term("contributor", Place::Both, true),
    term("coverage", Place::Both, true),
    term("created", Place::Both, false),
    term("creator", Place::Both, true),
    term("date", Place::Both, true),
    term("dateAccepted", Place::Both, false),
    term("dateCopyrighted", Place::Both, false),
    term("dateSubmitted", Place::Both, false),
    term("description", Place::Both, true),
    term("educationLevel", Place::Both, true),
    term("extent", Place::Both, true),
    term("format", Place::Both, true),
    term("hasFormat", Place::Both, true),
    term("hasPart", Place::Both, true),
    term("hasVersion", Place::Both, true),
    term("identifier", Place::Both, true),
    term("instructionalMethod", Place::Both, true),
    term("isFormatOf", Place::Both, true),
    term("isPartOf", Place::Both, true),
    term("isReferencedBy", Place::Both, true),
    term("isReplacedBy", Place::Both, true),
    term("isRequiredBy", Place::Both, true),
    term("isVersionOf", Place::Both, true),
    term("issued", Place::Both, false),
    term("language", Place::Both, true),
    term("license", Place::Both, true),
    term("mediator", Place::Both, true),
    term("medium", Place::Both, true),
    term("modified", Place::Both, false),
    term("provenance", Place::Both, true),
    term("publisher", Place::Both, true),
    term("references", Place::Both, true),
    term("relation", Place::Both, true),
    term("replaces", Place::Both, true),
    term("requires", Place::Both, true),
    term("rights", Place::Both, true),
    term("rightsHolder", Place::Both, true),
    term("source", Place::Both, true),
    term("spatial", Place::Both, true),
    term("subject", Place::Both, true),
    term("tableOfContents", Place::Both, true),
    term("temporal", Place::Both, true),
    term("title", Place::Both, true),
    term("type", Place::Both, true),
    term("valid", Place::Both, true),
];

/// The terms whose value is a W3CDTF date.
const DATES: &[&str] = &[
    "created",
    "date",
    "dateAccepted",
    "dateCopyrighted",
    "dateSubmitted",
    "issued",
    "modified",
];

/// Checks one DCMI term's value.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    let name = node.name.as_ref();
    // Terms such as `spatial` or `conformsTo` may hold RDF or a
    // structured value; only the ones with a plain value are read.
    if DATES.contains(&name) {
        no_children(node, messages);
        let value = node.value();
        if !is_w3cdtf(value) {
            messages.push(
                Class::InvalidW3CDTFDate,
                node.pos,
                format!(
                    "`<{}>` is `{value}`; expected a W3C date-time such as `2023-08-08T22:37:00+04:00` or a date such as `2023-08-08`",
                    node.qname
                ),
            );
        }
        return;
    }
    match name {
        "language" => {
            no_children(node, messages);
            let value = node.value();
            if !values::is_language(value) {
                messages.push(
                    Class::InvalidLanguage,
                    node.pos,
                    format!(
                        "`<{}>` is `{value}`; expected a language tag such as `en` or `en-GB`",
                        node.qname
                    ),
                );
            }
        }
        "creator" | "contributor" | "publisher" | "title" | "alternative" => {
            html::check_plain_text(node, messages);
        }
        _ => {}
    }
}
