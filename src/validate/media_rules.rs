//! The rules of Media RSS (<https://www.rssboard.org/media-rss>), in RSS
//! items and Atom entries alike (and in the channel or feed, where the
//! specification allows its elements too): `media:content` and
//! `media:thumbnail` need a URL (absolute, or resolved by `xml:base`),
//! their sizes are whole numbers, `media:content` has a `medium` and an
//! `expression` the specification names, a MIME `type`, numbers for its
//! rates and duration and no attribute the specification does not define
//! (`filesize` for `fileSize` is the usual slip); a `media:credit` role
//! in the EBU scheme is lowercase, a `media:rating` has a value of its
//! scheme, a `media:category` scheme is a URI and `media:text` is plain
//! or html. Elements are looked for in the item itself, in `media:group`
//! and in `media:content`, where the specification allows them, down to
//! the children of a `media:content` inside a `media:group` (the reader
//! keeps one level more under a group for them).

use super::html::report;
use super::media_values;
use super::values;
use super::vocab::Level;
use super::xml::{Node, Ns};
use super::{Class, Messages, seen_before};

/// The Media RSS namespace.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// The Media RSS namespace as some feeds write it, without its trailing
/// slash: another namespace, which some readers do not recognise.
pub const MEDIA_NS_NO_SLASH: &str = "http://search.yahoo.com/mrss";

/// Whether a namespace is Media RSS's, with or without its slash.
fn is_media(ns: &Ns) -> bool {
    matches!(ns.uri(), MEDIA_NS | MEDIA_NS_NO_SLASH)
}

/// What `medium` may be.
const MEDIUMS: &[&str] = &["image", "audio", "video", "document", "executable"];

/// The attributes `media:content` has (all in no namespace).
const CONTENT_ATTRS: &[&str] = &[
    "url",
    "fileSize",
    "type",
    "medium",
    "isDefault",
    "expression",
    "bitrate",
    "framerate",
    "samplingrate",
    "channels",
    "duration",
    "height",
    "width",
    "lang",
];

/// The Media RSS elements (version 1.5.1); each may stand in the channel
/// or an item, and most repeat: a title, a description and a copyright
/// notice describe one object once.
pub const TERMS: &[super::vocab::Term] = {
    use super::vocab::{Place::Both, term};
    &[
        term("adult", Both, true),
        term("backLinks", Both, true),
        term("category", Both, true),
        term("comments", Both, true),
        term("community", Both, true),
        term("content", Both, true),
        term("copyright", Both, false),
        term("credit", Both, true),
        term("description", Both, false),
        term("embed", Both, true),
        term("group", Both, true),
        term("hash", Both, true),
        term("keywords", Both, true),
        term("license", Both, true),
        term("location", Both, true),
        term("peerLink", Both, true),
        term("player", Both, true),
        term("price", Both, true),
        term("rating", Both, true),
        term("responses", Both, true),
        term("restriction", Both, true),
        term("rights", Both, true),
        term("scenes", Both, true),
        term("status", Both, true),
        term("subTitle", Both, true),
        term("text", Both, true),
        term("thumbnail", Both, true),
        term("title", Both, false),
    ]
};

/// Checks one Media RSS element, and the Media RSS elements in it.
pub fn element(node: &Node, level: Level, messages: &mut Messages) {
    match node.name.as_ref() {
        "content" => {
            content(node, messages);
            nested(node, level, messages);
        }
        "group" => {
            let contents = node
                .children
                .iter()
                .filter(|c| c.name == "content" && is_media(&c.ns))
                .count();
            if contents < 2 {
                messages.push(
                    Class::MediaGroupWithoutAlternatives,
                    node.pos,
                    format!(
                        "`<{}>` holds {contents} `<media:content>`; it groups two or more representations of one thing, so drop it or add the others",
                        node.qname
                    ),
                );
            }
            nested(node, level, messages);
        }
        "thumbnail" => {
            url(node, messages);
            integers(node, &["width", "height"], messages);
            media_values::thumbnail_time(node, messages);
        }
        "hash" => media_values::hash(node, messages),
        "player" => {
            url(node, messages);
            integers(node, &["width", "height"], messages);
        }
        "restriction" => media_values::restriction(node, messages),
        "credit" => credit(node, messages),
        "rating" => rating(node, messages),
        "category" => {
            if let Some(scheme) = node.attr("scheme") {
                report(
                    messages,
                    node,
                    values::absolute_uri(scheme, node.base.as_deref(), "media:category scheme"),
                );
            }
        }
        "text" | "title" | "description" => {
            if let Some(t) = node.attr("type")
                && !matches!(t, "plain" | "html")
            {
                messages.push(
                    Class::InvalidMediaTextType,
                    node.pos,
                    format!(
                        "`<{} type=\"{t}\">`; expected `plain` or `html`",
                        node.qname
                    ),
                );
            }
        }
        _ => {}
    }
}

/// Checks the Media RSS children of `media:group` or `media:content`.
fn nested(parent: &Node, level: Level, messages: &mut Messages) {
    let mut seen = 0u64;
    for child in parent.children.iter().filter(|c| is_media(&c.ns)) {
        if let Some(at) = TERMS.iter().position(|t| t.is_once(&child.name))
            && seen_before(&mut seen, at)
        {
            messages.push(
                Class::DuplicateElement,
                child.pos,
                format!(
                    "a second `<{}>` in `<{}>`; it may appear once",
                    child.qname, parent.qname
                ),
            );
        }
        // `media:group` holds the same elements as an item; content does
        // not nest.
        if child.name == "group" || (parent.name == "content" && child.name == "content") {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!("`<{}>` inside `<{}>`", child.qname, parent.qname),
            );
            continue;
        }
        element(child, level, messages);
    }
}

fn content(node: &Node, messages: &mut Messages) {
    // Without a URL, a `media:player` must say where the object plays.
    let player = node
        .children
        .iter()
        .any(|c| c.name == "player" && is_media(&c.ns));
    if node.attr("url").is_some() || !player {
        url(node, messages);
    }
    integers(node, &["width", "height", "fileSize", "channels"], messages);
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
    if let Some(e) = node.attr("expression")
        && !matches!(e, "sample" | "full" | "nonstop")
    {
        messages.push(
            Class::InvalidMediaExpression,
            node.pos,
            format!(
                "`<{} expression=\"{e}\">`; expected `sample`, `full` or `nonstop`",
                node.qname
            ),
        );
    }
    if let Some(d) = node.attr("isDefault")
        && !matches!(d, "true" | "false")
    {
        messages.push(
            Class::InvalidBooleanAttribute,
            node.pos,
            format!(
                "`<{} isDefault=\"{d}\">`; expected `true` or `false`",
                node.qname
            ),
        );
    }
    for name in ["bitrate", "framerate", "samplingrate", "duration"] {
        if let Some(value) = node.attr(name)
            && !is_number(value)
        {
            messages.push(
                Class::InvalidFloat,
                node.pos,
                format!(
                    "`<{} {name}=\"{value}\">`; expected a number such as `128` or `29.97`",
                    node.qname
                ),
            );
        }
    }
    if let Some(lang) = node.attr("lang")
        && !values::is_language(lang)
    {
        messages.push(
            Class::InvalidLanguage,
            node.pos,
            format!("`<{} lang=\"{lang}\">` is not a language tag", node.qname),
        );
    }
    for attr in node.attrs.iter().filter(|a| a.ns == Ns::None) {
        if CONTENT_ATTRS.contains(&attr.name.as_ref()) {
            continue;
        }
        let hint = CONTENT_ATTRS
            .iter()
            .find(|known| known.eq_ignore_ascii_case(&attr.name))
            .map_or_else(String::new, |known| format!("; the spelling is `{known}`"));
        messages.push(
            Class::UnexpectedAttribute,
            node.pos,
            format!(
                "`{}` is not an attribute of `<{}>`{hint}",
                attr.name, node.qname
            ),
        );
    }
}

/// A non-negative number, whole or decimal (`128`, `29.97`).
fn is_number(value: &str) -> bool {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, "0"));
    values::is_integer(whole) && values::is_integer(fraction)
}

fn credit(node: &Node, messages: &mut Messages) {
    let scheme = node.attr("scheme").unwrap_or("urn:ebu");
    if let Some(scheme) = node.attr("scheme") {
        report(
            messages,
            node,
            values::absolute_uri(scheme, None, "media:credit scheme"),
        );
    }
    if let Some(role) = node.attr("role")
        && scheme == "urn:ebu"
        && (role.trim().is_empty() || role.chars().any(char::is_uppercase))
    {
        messages.push(
            Class::InvalidCreditRole,
            node.pos,
            format!(
                "`<{} role=\"{role}\">`; roles of the EBU scheme are lowercase words such as `producer`",
                node.qname
            ),
        );
    }
}

fn rating(node: &Node, messages: &mut Messages) {
    let scheme = node.attr("scheme").unwrap_or("urn:simple");
    let value = node.value();
    let allowed: &[&str] = match scheme {
        "urn:simple" => &["adult", "nonadult"],
        "urn:mpaa" => &["g", "pg", "pg-13", "r", "nc-17"],
        "urn:v-chip" => &[
            "tv-y", "tv-y7", "tv-y7-fv", "tv-g", "tv-pg", "tv-14", "tv-ma",
        ],
        // Other schemes (`urn:icra` and any a publisher names) are free.
        _ => return,
    };
    if !allowed.contains(&value) {
        messages.push(
            Class::InvalidMediaRating,
            node.pos,
            format!(
                "`<{}>` is `{value}` in the scheme `{scheme}`; expected `{}`",
                node.qname,
                allowed.join("`, `")
            ),
        );
    }
}

fn url(node: &Node, messages: &mut Messages) {
    match node.attr("url") {
        Some(url) => report(
            messages,
            node,
            values::absolute_uri(
                url,
                node.base.as_deref(),
                format_args!("{} url", node.qname),
            ),
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
