//! The Atom Threading Extensions (RFC 4685), namespace
//! `http://purl.org/syndication/thread/1.0`: `thr:in-reply-to` (what an
//! entry answers: a `ref` to its id, and optionally where it is),
//! `thr:total` (how many replies there are), and the `thr:count` and
//! `thr:updated` attributes of a `rel="replies"` link. Drafts of the RFC
//! named `ref` `id`, which is read the same; they also named `thr:updated`
//! `thr:when`, which RFC 4685 dropped and the W3C validator rejects
//! (`NoThrWhen`): readers of the RFC look for `thr:updated` only.

use super::html::report;
use super::values;
use super::xml::{Node, Ns};
use super::{Class, Messages};

/// The namespace.
const THR_NS: &str = "http://purl.org/syndication/thread/1.0";

fn is_thread(ns: &Ns) -> bool {
    matches!(ns, Ns::Other(uri) if uri == THR_NS)
}

/// Checks the threading attributes of an Atom `link`: `thr:count` and
/// `thr:updated` belong on a `rel="replies"` link only (RFC 4685 section
/// 5), and `thr:when` is not RFC 4685's.
pub fn link_attributes(link: &Node, messages: &mut Messages) {
    let replies = is_replies(link.attr("rel"));
    for attr in link.attrs.iter().filter(|a| is_thread(&a.ns)) {
        match attr.name.as_ref() {
            "count" | "updated" if !replies => messages.push(
                Class::UnexpectedAttribute,
                link.pos,
                format!(
                    "`thr:{}` on a link that is not `rel=\"replies\"`; RFC 4685 defines it for replies links only",
                    attr.name
                ),
            ),
            "count" if !values::is_integer(&attr.value) => messages.push(
                Class::InvalidInteger,
                link.pos,
                format!(
                    "`thr:count=\"{}\"`; expected the number of replies, a whole number such as `3`",
                    attr.value
                ),
            ),
            "updated" => {
                for (class, message) in values::rfc3339(&attr.value) {
                    messages.push(class, link.pos, format!("`thr:updated`: {message}"));
                }
            }
            "when" => messages.push(
                Class::NoThrWhen,
                link.pos,
                "`thr:when` is the name drafts of RFC 4685 gave `thr:updated`; write `thr:updated`",
            ),
            _ => {}
        }
    }
}

/// Whether a link relation is `replies`, by name or by its IANA IRI (a
/// missing `rel` is `alternate`).
fn is_replies(rel: Option<&str>) -> bool {
    rel.map(|r| {
        r.trim()
            .strip_prefix("http://www.iana.org/assignments/relation/")
            .unwrap_or(r.trim())
    }) == Some("replies")
}

/// Checks the threading elements among an Atom feed's or entry's
/// children.
pub fn elements(node: &Node, messages: &mut Messages) {
    for child in node.children.iter().filter(|c| is_thread(&c.ns)) {
        match child.name.as_ref() {
            "in-reply-to" => in_reply_to(child, messages),
            "total" if !values::is_integer(child.value()) => messages.push(
                Class::InvalidInteger,
                child.pos,
                format!(
                    "`<{}>` is `{}`; expected the number of replies, a whole number such as `3`",
                    child.qname,
                    child.value()
                ),
            ),
            _ => {}
        }
    }
}

/// `thr:in-reply-to`: a `ref` (the id of the entry answered, an IRI;
/// drafts of the RFC named it `id`, and feeds written to them still say
/// so), and optionally `href` and `source` (references, which may be
/// relative) and the `type` of what `href` names.
fn in_reply_to(node: &Node, messages: &mut Messages) {
    match node.attr("ref").or_else(|| node.attr("id")) {
        Some(id) => report(
            messages,
            node,
            values::absolute_uri(id, None, "in-reply-to ref"),
        ),
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            format!(
                "`<{}>` has no `ref`; expected the id of the entry it answers",
                node.qname
            ),
        ),
    }
    for name in ["href", "source"] {
        if let Some(value) = node.attr(name) {
            report(
                messages,
                node,
                super::reference::check(
                    value,
                    node.base.as_deref(),
                    &format!("in-reply-to {name}"),
                ),
            );
        }
    }
    if let Some(t) = node.attr("type")
        && !values::is_mime_type(t)
    {
        messages.push(
            Class::InvalidMIMEType,
            node.pos,
            format!(
                "`<{} type=\"{t}\">`; expected a MIME type such as `text/html`",
                node.qname
            ),
        );
    }
}
