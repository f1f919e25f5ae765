//! The rules of RSS 2.0 (RSS Advisory Board specification and its Best
//! Practices Profile).

use super::html;
use super::html::report;
use super::values;
use super::vocab::{self, Level};
use super::xml::{Node, Ns};
use super::{Class, Messages, Options};
use super::{Ids, seen_before};
use super::{atom_attrs, rss_channel, rss_shape};

/// Channel elements RSS 2.0 defines, each allowed once (`category` may repeat).
const CHANNEL: &[&str] = &[
    "title",
    "link",
    "description",
    "language",
    "copyright",
    "managingEditor",
    "webMaster",
    "pubDate",
    "lastBuildDate",
    "category",
    "generator",
    "docs",
    "cloud",
    "ttl",
    "image",
    "rating",
    "textInput",
    "skipHours",
    "skipDays",
    "item",
];

/// Item elements RSS 2.0 defines, each allowed once (`category` may repeat).
const ITEM: &[&str] = &[
    "title",
    "link",
    "description",
    "author",
    "category",
    "comments",
    "enclosure",
    "guid",
    "pubDate",
    "source",
];

const REPEATABLE: &[&str] = &["category", "item"];
const _: () = assert!(CHANNEL.len() <= 64 && ITEM.len() <= 64);

/// Atom elements an RSS channel may borrow (RSS 2.0, "Extending RSS",
/// allows any namespace): those of an Atom feed.
const ATOM_IN_CHANNEL: &[&str] = &[
    "author",
    "category",
    "contributor",
    "generator",
    "icon",
    "id",
    "link",
    "logo",
    "rights",
    "subtitle",
    "title",
    "updated",
];

/// Atom elements an RSS item may borrow: those of an Atom entry.
const ATOM_IN_ITEM: &[&str] = &[
    "author",
    "category",
    "content",
    "contributor",
    "id",
    "link",
    "published",
    "rights",
    "source",
    "summary",
    "title",
    "updated",
];

/// Checks an `<rss>` document.
pub fn check(root: &Node, options: &Options, messages: &mut Messages) {
    attributes(root, messages);
    match root.attr("version") {
        Some("2.0" | "0.91" | "0.92") => {}
        Some(v) => messages.push(
            Class::InvalidVersion,
            root.pos,
            format!("`<rss version=\"{v}\">`; expected `2.0`"),
        ),
        None => messages.push(
            Class::MissingAttribute,
            root.pos,
            "`<rss>` has no `version`; expected `version=\"2.0\"`",
        ),
    }
    rss_shape::elements_only(root, messages);
    atom_attrs::xml_lang(root, messages);
    for child in &root.children {
        if child.ns == Ns::None && child.name != "channel" {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an RSS element here; `<rss>` holds one `<channel>`",
                    child.qname
                ),
            );
        }
    }
    let mut channels = root.children_named(&Ns::None, "channel");
    let Some(channel) = channels.next() else {
        messages.push(
            Class::MissingElement,
            root.pos,
            "`<rss>` has no `<channel>`",
        );
        return;
    };
    for extra in channels {
        messages.push(
            Class::DuplicateElement,
            extra.pos,
            "a second `<channel>`; RSS has one",
        );
    }
    check_channel(channel, options, messages);
}

/// The attributes in no namespace an RSS 2.0 element defines; others
/// are errors, as the W3C validator has them (an extension attribute
/// needs a namespace).
fn defined(name: &str) -> &'static [&'static str] {
    match name {
        "rss" => &["version"],
        "guid" => &["isPermaLink"],
        "enclosure" => &["url", "length", "type"],
        "category" => &["domain"],
        "source" => &["url"],
        "cloud" => &["domain", "port", "path", "registerProcedure", "protocol"],
        _ => &[],
    }
}

/// Checks an RSS element's attributes in no namespace against
/// [`defined`].
fn attributes(node: &Node, messages: &mut Messages) {
    atom_attrs::undefined_attributes(node, defined(&node.name), "RSS 2.0", messages);
}

fn once_and_known(node: &Node, known: &[&str], atom: &[&str], messages: &mut Messages) {
    // One bit per known name seen (the lists are short: see the
    // assertions below them).
    let mut seen = 0u64;
    atom_attrs::xml_lang(node, messages);
    attributes(node, messages);
    for child in node.children.iter().filter(|c| c.ns == Ns::None) {
        if !child.attrs.is_empty() {
            atom_attrs::xml_lang(child, messages);
            attributes(child, messages);
        }
        let Some(index) = known.iter().position(|k| *k == child.name) else {
            // An item element in the channel, or a channel one in an item.
            let elsewhere = if node.name == "item" { CHANNEL } else { ITEM };
            let message = if elsewhere.contains(&child.name.as_ref()) {
                format!(
                    "`<{}>` is out of place in `<{}>`; RSS 2.0 has it in `<{}>`",
                    child.name,
                    node.name,
                    if node.name == "item" {
                        "channel"
                    } else {
                        "item"
                    }
                )
            } else {
                format!(
                    "`<{}>` is not an RSS 2.0 element of `<{}>`; extensions need a namespace",
                    child.name, node.name
                )
            };
            messages.push(Class::UndefinedElement, child.pos, message);
            continue;
        };
        if !child.children.is_empty() && !rss_shape::CONTAINERS.contains(&child.name.as_ref()) {
            rss_shape::text_only(child, messages);
        }
        if !REPEATABLE.contains(&child.name.as_ref()) && seen_before(&mut seen, index) {
            // As the W3C validator has it: readers differ, nothing breaks.
            if child.name == "enclosure" {
                messages.push(
                    Class::DuplicateEnclosure,
                    child.pos,
                    "a second `<enclosure>` in the item; many readers take only the first",
                );
                continue;
            }
            messages.push(
                Class::DuplicateElement,
                child.pos,
                format!(
                    "a second `<{}>` in `<{}>`; it may appear once",
                    child.name, node.name
                ),
            );
        }
    }
    // Atom elements are extensions like any other, checked as Atom checks
    // them (links are checked with the self link); names Atom does not
    // define are RSS elements put in the Atom namespace by mistake.
    for child in node.children.iter().filter(|c| c.ns == Ns::Atom) {
        if !atom.contains(&child.name.as_ref()) {
            messages.push(
                Class::InvalidNamespace,
                child.pos,
                format!(
                    "`<{}>` is in the Atom namespace, which has no `{}` in `<{}>`",
                    child.qname, child.name, node.name
                ),
            );
        } else if child.name == "link" {
            super::link_rel::check(child, messages);
        } else {
            super::atom_rules::element(child, messages);
        }
    }
}

fn check_channel(channel: &Node, options: &Options, messages: &mut Messages) {
    once_and_known(channel, CHANNEL, ATOM_IN_CHANNEL, messages);
    rss_shape::elements_only(channel, messages);
    html::require(
        channel,
        &Ns::None,
        &["title", "link", "description"],
        messages,
    );
    for child in channel.children.iter().filter(|c| c.ns == Ns::None) {
        match child.name.as_ref() {
            "link" | "docs" => report(
                messages,
                child,
                values::absolute_url(child.value(), None, &child.name),
            ),
            "pubDate" | "lastBuildDate" => report(messages, child, values::feed_rfc822(child.value())),
            "managingEditor" | "webMaster" => contact(child, messages),
            "language" if !values::is_rss_language(child.value()) => messages.push(
                Class::InvalidLanguage,
                child.pos,
                format!(
                    "`{}` is not a language tag of an ISO 639 language; expected something like `en` or `en-us`",
                    child.value()
                ),
            ),
            // A time to live of no minutes means nothing; the W3C
            // validator requires a whole number from 1.
            "ttl" if !values::is_positive_integer(child.value()) => {
                messages.push(
                    Class::InvalidPositiveInteger,
                    child.pos,
                    format!(
                        "`<ttl>` is `{}`; expected a number of minutes, a whole number from 1",
                        child.value()
                    ),
                )
            }
            "title" => html::check_plain_text(child, messages),
            "image" => rss_channel::image(
                child,
                channel.child(&Ns::None, "link").map(Node::value),
                messages,
            ),
            "cloud" => rss_channel::cloud(child, messages),
            "textInput" => rss_channel::text_input(child, messages),
            "skipHours" => rss_channel::skip_hours(child, messages),
            "skipDays" => rss_channel::skip_days(child, messages),
            "rating" => rss_channel::rating(child, messages),
            _ => {}
        }
    }
    self_link(channel, options, messages);
    super::history::check(channel, messages);
    vocab::check(channel, Level::Channel, messages);
}

/// Checks items one at a time, as the parser completes them, remembering
/// only their guids.
#[derive(Debug, Default)]
pub struct Items<'a> {
    ids: Ids<'a>,
    /// The guids the map is made to hold at the first item.
    expected: usize,
}

impl<'a> Items<'a> {
    /// No items yet, of a feed expected to hold `expected` guids at most
    /// (see [`super::expected_ids`]).
    pub fn new(expected: usize) -> Self {
        Self {
            ids: Ids::default(),
            expected,
        }
    }

    /// Checks one item.
    pub fn check(&mut self, item: &Node<'a>, messages: &mut Messages) {
        if self.ids.capacity() == 0 {
            self.ids.reserve(self.expected);
        }
        check_item(item, &mut self.ids, messages);
    }
}

fn self_link(channel: &Node, options: &Options, messages: &mut Messages) {
    let links: Vec<&Node> = channel
        .children_named(&Ns::Atom, "link")
        .filter(|l| l.attr("rel") == Some("self"))
        .collect();
    let Some(link) = links.first() else {
        messages.push(
            Class::MissingSelfLink,
            channel.pos,
            "no `<atom:link rel=\"self\" href=\"...\" type=\"application/rss+xml\"/>`; readers use it to find the feed",
        );
        return;
    };
    for l in channel.children_named(&Ns::Atom, "link") {
        match l.attr("href") {
            Some(href) => report(
                messages,
                l,
                values::absolute_uri(href, None, "atom:link href"),
            ),
            None => messages.push(
                Class::MissingAttribute,
                l.pos,
                "`<atom:link>` has no `href`",
            ),
        }
    }
    if let (Some(url), Some(href)) = (&options.url, link.attr("href"))
        && href != url
    {
        messages.push(
            Class::SelfDoesntMatchLocation,
            link.pos,
            format!("the self link is `{href}`, but the feed is published at `{url}`"),
        );
    }
}

/// An RSS contact (`managingEditor`, `webMaster`, `author`), read as the
/// W3C validator reads it: a value with an `@` past its first character
/// that does not end in a `)` names an address but not in the RSS Best
/// Practices form `email (Name)`, which is a warning (`EmailFormat`, or
/// `MissingRealName` for an address alone); anything else must be one
/// RFC 822 address (`InvalidContact`). A `mailto:` before it is dropped.
fn contact(node: &Node, messages: &mut Messages) {
    let value = node.value();
    let address = value.strip_prefix("mailto:").unwrap_or(value);
    if address.find('@').is_some_and(|at| at > 0) && !address.ends_with(')') {
        let (class, hint) = if address.find(' ').is_some_and(|space| space > 0) {
            (Class::EmailFormat, "an address and a name")
        } else {
            (Class::MissingRealName, "an address without a name")
        };
        messages.push(
            class,
            node.pos,
            format!(
                "`<{}>` is `{value}`, {hint}; the RSS Best Practices form is `desk@example.com (The Desk)`",
                node.name
            ),
        );
        return;
    }
    if !values::is_rss_contact(address) {
        messages.push(
            Class::InvalidContact,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected an email address such as `desk@example.com (The Desk)`",
                node.name
            ),
        );
    }
}

fn check_item<'a>(item: &Node<'a>, ids: &mut Ids<'a>, messages: &mut Messages) {
    once_and_known(item, ITEM, ATOM_IN_ITEM, messages);
    rss_shape::elements_only(item, messages);
    if item.child(&Ns::None, "title").is_none() && item.child(&Ns::None, "description").is_none() {
        messages.push(
            Class::ItemMustContainTitleOrDescription,
            item.pos,
            "the item has neither `<title>` nor `<description>`",
        );
    }
    // `dc:date` dates an item as `pubDate` does.
    if item.child(&Ns::None, "pubDate").is_none()
        && !item
            .children
            .iter()
            .any(|c| c.name == "date" && c.ns.uri() == super::vocab::DC_NS)
    {
        messages.push(
            Class::MissingItemDate,
            item.pos,
            "the item has no `<pubDate>` (nor `<dc:date>`)",
        );
    }
    match item.child(&Ns::None, "guid") {
        Some(guid) => check_guid(guid, ids, messages),
        None => messages.push(
            Class::MissingGuid,
            item.pos,
            "the item has no `<guid>`; write a stable one with `isPermaLink=\"false\"`",
        ),
    }
    for child in item.children.iter().filter(|c| c.ns == Ns::None) {
        match child.name.as_ref() {
            "link" | "comments" => report(
                messages,
                child,
                values::absolute_url(child.value(), None, &child.name),
            ),
            "pubDate" => report(messages, child, values::feed_rfc822(child.value())),
            "author" => contact(child, messages),
            "title" => html::check_plain_text(child, messages),
            "description" => html::check_html(child, None, messages),
            "enclosure" => enclosure(child, messages),
            "source" => match child.attr("url") {
                Some(url) => report(
                    messages,
                    child,
                    values::absolute_url(url, None, "source url"),
                ),
                None => messages.push(
                    Class::MissingAttribute,
                    child.pos,
                    "`<source>` has no `url`",
                ),
            },
            _ => {}
        }
    }
    vocab::check(item, Level::Item, messages);
}

fn check_guid<'a>(guid: &Node<'a>, ids: &mut Ids<'a>, messages: &mut Messages) {
    let value = guid.value();
    let permalink = match guid.attr("isPermaLink") {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => {
            messages.push(
                Class::InvalidBooleanAttribute,
                guid.pos,
                format!("`isPermaLink=\"{other}\"`; expected `true` or `false`"),
            );
            false
        }
    };
    if value.is_empty() {
        messages.push(
            Class::NotBlank,
            guid.pos,
            "the `<guid>` is empty, so readers fall back on the link or the title to tell items apart",
        );
    } else if permalink && !is_url(value) {
        messages.push(
            Class::InvalidPermalink,
            guid.pos,
            format!("the guid `{value}` is not a URL, so readers that follow it break; add `isPermaLink=\"false\"`"),
        );
    } else if permalink {
        report(messages, guid, values::absolute_url(value, None, "guid"));
    }
    if let Some(first) = ids.insert(guid.trimmed_text(), guid.pos) {
        messages.push_naming_line(
            Class::DuplicateEntryId,
            guid.pos,
            format!("the guid `{value}` is also on line "),
            first,
        );
    }
}

/// Whether a permalink is a URL a reader can follow: a scheme, then an
/// authority (`https://`, `gemini://` ...); a `tag:` or `urn:` is a URI
/// but names nothing to open.
fn is_url(value: &str) -> bool {
    values::has_scheme(value)
        && value
            .split_once(':')
            .is_some_and(|(_, rest)| rest.starts_with("//"))
}

fn enclosure(node: &Node, messages: &mut Messages) {
    match node.attr("url") {
        // The RSS 2.0 spec: "The url must be an http url."
        Some(url)
            if values::has_scheme(url)
                && !["http:", "https:"].iter().any(|scheme| {
                    url.get(..scheme.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
                }) =>
        {
            messages.push(
                Class::InvalidURI,
                node.pos,
                format!("the enclosure url `{url}` is not an http URL, which RSS 2.0 requires of enclosures; serve it over http or https"),
            );
        }
        Some(url) => report(
            messages,
            node,
            values::absolute_url(url, None, "enclosure url"),
        ),
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            "`<enclosure>` has no `url`",
        ),
    }
    match node.attr("length") {
        Some(l) if values::is_integer(l.trim()) => {}
        Some(l) => messages.push(
            Class::InvalidInteger,
            node.pos,
            format!("`<enclosure length=\"{l}\">`; expected a size in bytes"),
        ),
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            "`<enclosure>` has no `length`",
        ),
    }
    match node.attr("type") {
        Some(t) if values::is_mime_type(t) => {}
        Some(t) => messages.push(
            Class::InvalidMIMEType,
            node.pos,
            format!("`<enclosure type=\"{t}\">`; expected a MIME type such as `audio/mpeg`"),
        ),
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            "`<enclosure>` has no `type`",
        ),
    }
}
