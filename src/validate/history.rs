//! The rules of RFC 5005 (feed paging and archiving) for archived feeds:
//! an archive document is marked with an empty `fh:archive` at feed level
//! and links to the subscription document (`rel="current"`) and to its
//! neighbours (`prev-archive`, `next-archive`) by absolute URIs; a
//! subscription document links to its newest archive with `prev-archive`.
//! The same rules hold for Atom `<link>` and RSS `<atom:link>`.

use super::xml::{Node, Ns};
use super::{Class, Messages};

/// The namespace of `fh:archive` and `fh:complete`.
pub const HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// The link relations of archived feeds.
const RELATIONS: [&str; 3] = ["current", "prev-archive", "next-archive"];

fn is_history(node: &Node<'_>) -> bool {
    matches!(&node.ns, Ns::Other(uri) if uri == HISTORY_NS)
}

/// Checks the history marker and links of an Atom `<feed>` or an RSS
/// `<channel>`.
pub fn check(parent: &Node<'_>, messages: &mut Messages) {
    let markers: Vec<&Node<'_>> = parent.children.iter().filter(|c| is_history(c)).collect();
    let archive = markers.iter().find(|m| m.name == "archive");
    let complete = markers.iter().find(|m| m.name == "complete");
    for marker in &markers {
        if !marker.value().is_empty() || !marker.children.is_empty() {
            messages.push(
                Class::HistoryMarkerNotEmpty,
                marker.pos,
                format!(
                    "`<{}>` holds content; expected an empty element",
                    marker.qname
                ),
            );
        }
    }
    if let (Some(archive), Some(_)) = (archive, complete) {
        messages.push(
            Class::CompleteAndArchive,
            archive.pos,
            "the document is marked both `fh:archive` and `fh:complete`; a complete feed has no archive documents",
        );
    }
    let links: Vec<&Node<'_>> = parent.children_named(&Ns::Atom, "link").collect();
    let own = links
        .iter()
        .find(|l| l.attr("rel") == Some("self"))
        .and_then(|l| l.attr("href"));
    for rel in RELATIONS {
        let mut with_rel = links.iter().filter(|l| l.attr("rel") == Some(rel));
        let Some(first) = with_rel.next() else {
            if rel == "current"
                && let Some(archive) = archive
            {
                messages.push(
                    Class::ArchiveWithoutCurrent,
                    archive.pos,
                    "an archive document with no `rel=\"current\"` link; readers find the subscription document by it",
                );
            }
            continue;
        };
        for extra in with_rel {
            messages.push(
                Class::DuplicateHistoryLink,
                extra.pos,
                format!("a second `rel=\"{rel}\"` link; expected one"),
            );
        }
        if rel == "next-archive" && archive.is_none() {
            messages.push(
                Class::NextArchiveOutsideArchive,
                first.pos,
                "a `rel=\"next-archive\"` link in a document not marked `fh:archive`; a subscription document links only to its newest archive (`prev-archive`)",
            );
        }
        for link in links.iter().filter(|l| l.attr("rel") == Some(rel)) {
            let Some(href) = link.attr("href") else {
                continue;
            };
            if !is_absolute(href) {
                messages.push(
                    Class::RelativeHistoryLink,
                    link.pos,
                    format!("the `rel=\"{rel}\"` link is `{href}`; expected an absolute URI"),
                );
            } else if rel != "current" && own == Some(href) {
                messages.push(
                    Class::HistoryLinkToItself,
                    link.pos,
                    format!("the `rel=\"{rel}\"` link names this document itself (`{href}`)"),
                );
            }
        }
    }
}

/// Reports a history marker inside an entry or item, where it means
/// nothing.
pub fn in_entry(entry: &Node<'_>, messages: &mut Messages) {
    for marker in entry.children.iter().filter(|c| is_history(c)) {
        messages.push(
            Class::MisplacedHistoryMarker,
            marker.pos,
            format!(
                "`<{}>` inside `<{}>`; it marks a whole feed document, so it belongs in `<feed>` or `<channel>`",
                marker.qname, entry.qname
            ),
        );
    }
}

/// Whether `href` is an absolute URI (has a scheme).
fn is_absolute(href: &str) -> bool {
    url::Url::parse(href.trim()).is_ok()
}
