//! The rules of RSS 1.0 (RDF Site Summary 1.0, 2000-12-06): an `rdf:RDF`
//! document whose `channel`, `image`, `textinput` and `item` elements are
//! in the namespace `http://purl.org/rss/1.0/`, items beside the channel
//! rather than inside it, and the channel listing them in `items`. The
//! W3C Feed Validation Service reads RSS 1.0 as it reads RSS 2.0, and
//! journals' tables of contents, Slashdot-style sites and many blogs still
//! publish it; the modules (Dublin Core, content, syndication...) are
//! checked as in RSS 2.0.

use super::html::{self, report};
use super::values;
use super::vocab::{self, Level};
use super::xml::{Node, Ns};
use super::{Class, Ids, Messages, atom_attrs, seen_before};

/// The RDF namespace, of the root `rdf:RDF` and the `rdf:about` attributes.
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The RSS 1.0 namespace.
pub const RSS1_NS: &str = "http://purl.org/rss/1.0/";

/// The elements `rdf:RDF` may hold in the RSS 1.0 namespace.
const TOP: &[&str] = &["channel", "image", "textinput", "item"];
/// The elements of the channel, each allowed once.
const CHANNEL: &[&str] = &[
    "title",
    "link",
    "description",
    "image",
    "items",
    "textinput",
];
/// The elements of an item, each allowed once.
const ITEM: &[&str] = &["title", "link", "description"];
/// The elements of an image, each allowed once.
const IMAGE: &[&str] = &["title", "url", "link"];
/// The elements of a text input, each allowed once.
const TEXT_INPUT: &[&str] = &["title", "description", "name", "link"];

/// Checks an `rdf:RDF` document.
pub fn check(root: &Node, messages: &mut Messages) {
    let rss = Ns::Other(RSS1_NS.to_owned());
    atom_attrs::xml_lang(root, messages);
    let Some(channel) = root.child(&rss, "channel") else {
        messages.push(
            Class::UnknownRoot,
            root.pos,
            format!(
                "an RDF document with no RSS 1.0 `<channel>` (namespace `{RSS1_NS}`); expected RSS 1.0, RSS 2.0 `<rss>` or Atom 1.0 `<feed>`"
            ),
        );
        return;
    };
    known_once(root, &rss, TOP, &["item"], messages);
    check_channel(channel, &rss, messages);
    for image in root.children_named(&rss, "image") {
        check_part(image, &rss, IMAGE, messages);
        if let Some(url) = image.child(&rss, "url") {
            report(
                messages,
                url,
                values::absolute_url(url.value(), None, "image url"),
            );
        }
    }
    for input in root.children_named(&rss, "textinput") {
        check_part(input, &rss, TEXT_INPUT, messages);
    }
}

/// Checks RSS 1.0 items one at a time, as the parser completes them (the
/// tree keeps none), remembering only their `rdf:about`s.
#[derive(Debug, Default)]
pub struct Items<'a> {
    abouts: Ids<'a>,
}

impl<'a> Items<'a> {
    /// Checks one item.
    pub fn check(&mut self, item: &Node<'a>, messages: &mut Messages) {
        check_item(item, &mut self.abouts, messages);
    }
}

/// Whether an element is an RSS 1.0 item: an `item` in the RSS 1.0
/// namespace directly under `rdf:RDF`.
pub fn is_item(node: &Node, stack: &[Node]) -> bool {
    matches!(&node.ns, Ns::Other(uri) if uri == RSS1_NS)
        && node.name == "item"
        && matches!(stack, [rdf] if rdf.name == "RDF" && matches!(&rdf.ns, Ns::Other(uri) if uri == RDF_NS))
}

/// Reports children in no namespace and children in the RSS 1.0 namespace
/// that `known` does not list, and a second copy of one that is not
/// `repeatable`. Other namespaces are modules, checked by the vocabularies.
fn known_once(node: &Node, rss: &Ns, known: &[&str], repeatable: &[&str], messages: &mut Messages) {
    // One bit per known name seen; the lists are short.
    let mut seen = 0u64;
    for child in &node.children {
        if child.ns == Ns::None {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` has no namespace; RSS 1.0 elements are in `{RSS1_NS}` and modules in their own",
                    child.qname
                ),
            );
            continue;
        }
        if &child.ns != rss {
            continue;
        }
        let Some(index) = known.iter().position(|k| *k == child.name) else {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an RSS 1.0 element of `<{}>`",
                    child.qname, node.qname
                ),
            );
            continue;
        };
        if !repeatable.contains(&child.name.as_ref()) && seen_before(&mut seen, index) {
            messages.push(
                Class::DuplicateElement,
                child.pos,
                format!(
                    "a second `<{}>` in `<{}>`; it may appear once",
                    child.qname, node.qname
                ),
            );
        }
    }
}

/// The value of an attribute in the RDF namespace.
pub(super) fn rdf_attr<'n>(node: &'n Node, name: &str) -> Option<&'n str> {
    node.attrs
        .iter()
        .find(|a| matches!(&a.ns, Ns::Other(uri) if uri == RDF_NS) && a.name == name)
        .map(|a| a.value.as_ref())
}

fn check_channel(channel: &Node, rss: &Ns, messages: &mut Messages) {
    known_once(channel, rss, CHANNEL, &[], messages);
    atom_attrs::xml_lang(channel, messages);
    if rdf_attr(channel, "about").is_none() {
        messages.push(
            Class::MissingAttribute,
            channel.pos,
            format!(
                "`<{}>` has no `rdf:about`; expected the URI of the channel, usually the feed's own",
                channel.qname
            ),
        );
    }
    html::require(
        channel,
        rss,
        &["title", "link", "description", "items"],
        messages,
    );
    text_children(channel, rss, messages);
    vocab::check(channel, Level::Channel, messages);
}

/// An `image` or `textinput`: its children, the required ones, its link.
fn check_part(part: &Node, rss: &Ns, known: &[&str], messages: &mut Messages) {
    known_once(part, rss, known, &[], messages);
    html::require(part, rss, known, messages);
    text_children(part, rss, messages);
}

fn check_item<'a>(item: &Node<'a>, abouts: &mut Ids<'a>, messages: &mut Messages) {
    let rss = Ns::Other(RSS1_NS.to_owned());
    known_once(item, &rss, ITEM, &[], messages);
    atom_attrs::xml_lang(item, messages);
    html::require(item, &rss, &["title", "link"], messages);
    let about = item
        .attrs
        .iter()
        .find(|a| matches!(&a.ns, Ns::Other(uri) if uri == RDF_NS) && a.name == "about");
    if let Some(about) = about
        && let Some(first) = abouts.insert(about.value.clone(), item.pos)
    {
        messages.push_naming_line(
            Class::DuplicateValue,
            item.pos,
            format!(
                "a second item with `rdf:about=\"{}\"`; each item names its own resource, and the first is on line ",
                about.value
            ),
            first,
        );
    }
    text_children(item, &rss, messages);
    if let Some(description) = item.child(&rss, "description") {
        html::check_html(description, None, messages);
    }
    vocab::check(item, Level::Item, messages);
}

/// The `link` (an absolute URL, as in RSS 2.0) and `title` (plain text) of
/// a channel, item, image or text input.
fn text_children(node: &Node, rss: &Ns, messages: &mut Messages) {
    if let Some(link) = node.child(rss, "link") {
        report(
            messages,
            link,
            values::absolute_url(link.value(), None, "link"),
        );
    }
    if let Some(title) = node.child(rss, "title") {
        html::check_plain_text(title, messages);
    }
}
