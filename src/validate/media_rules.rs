//! The rules of Media RSS (<https://www.rssboard.org/media-rss>), in RSS
//! items and Atom entries alike: `media:content` and `media:thumbnail`
//! need a URL (absolute, or resolved by `xml:base`), their sizes are whole
//! numbers, `media:content` has a `medium` the specification names and a
//! MIME `type`. Elements are looked for in the item itself, in
//! `media:group` and in `media:content`, where the specification allows
//! them.

use super::html::report;
use super::values;
use super::xml::{Node, Ns};
use super::{Class, Messages};

/// The Media RSS namespace.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// What `medium` may be.
const MEDIUMS: &[&str] = &["image", "audio", "video", "document", "executable"];

/// Checks the Media RSS elements of an item or entry.
pub fn check(parent: &Node, messages: &mut Messages) {
    for child in parent.children.iter().filter(|c| c.ns.uri() == MEDIA_NS) {
        match child.name.as_ref() {
            "content" => {
                content(child, messages);
                check(child, messages);
            }
            "group" => check(child, messages),
            "thumbnail" => {
                url(child, messages);
                integers(child, &["width", "height"], messages);
            }
            _ => {}
        }
    }
}

fn content(node: &Node, messages: &mut Messages) {
    // Without a URL, a `media:player` must say where the object plays.
    if node.attr("url").is_some() || node.child(&media(), "player").is_none() {
        url(node, messages);
    }
    integers(node, &["width", "height", "fileSize"], messages);
    if let Some(medium) = node.attr("medium")
        && !MEDIUMS.contains(&medium)
    {
        messages.push(
            Class::InvalidMediaMedium,
            node.pos,
            format!(
                "`<{} medium=\"{medium}\">`; expected `{}`",
                node.qname,
                MEDIUMS.join("`, `")
            ),
        );
    }
    if let Some(t) = node.attr("type")
        && !values::is_mime_type(t)
    {
        messages.push(
            Class::InvalidMIMEType,
            node.pos,
            format!(
                "`<{} type=\"{t}\">`; expected a MIME type such as `image/jpeg`",
                node.qname
            ),
        );
    }
}

fn media() -> Ns {
    Ns::Other(MEDIA_NS.to_owned())
}

fn url(node: &Node, messages: &mut Messages) {
    match node.attr("url") {
        Some(url) => report(
            messages,
            node,
            values::absolute_uri(url, node.base.as_deref(), &format!("{} url", node.qname)),
        ),
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            format!("`<{}>` has no `url`", node.qname),
        ),
    }
}

fn integers(node: &Node, names: &[&str], messages: &mut Messages) {
    for name in names {
        if let Some(value) = node.attr(name)
            && !values::is_integer(value)
        {
            messages.push(
                Class::InvalidInteger,
                node.pos,
                format!(
                    "`<{} {name}=\"{value}\">`; expected a whole number",
                    node.qname
                ),
            );
        }
    }
}
