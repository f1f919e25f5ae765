//! The rules of Atom 1.0 (RFC 4287).

use std::collections::HashSet;

use super::html;
use super::html::report;
use super::values;
use super::vocab::{self, Level};
use super::xml::{Node, Ns};
use super::{Class, Messages, Options};
use super::{Ids, seen_before};
use super::{atom_attrs, atom_content};

/// Feed children and whether each may repeat.
const FEED: &[(&str, bool)] = &[
    ("author", true),
    ("category", true),
    ("contributor", true),
    ("generator", false),
    ("icon", false),
    ("id", false),
    ("link", true),
    ("logo", false),
    ("rights", false),
    ("subtitle", false),
    ("title", false),
    ("updated", false),
    ("entry", true),
];

/// Entry children and whether each may repeat.
const ENTRY: &[(&str, bool)] = &[
    ("author", true),
    ("category", true),
    ("content", false),
    ("contributor", true),
    ("id", false),
    ("link", true),
    ("published", false),
    ("rights", false),
    ("source", false),
    ("summary", false),
    ("title", false),
    ("updated", false),
];
/// Source children (a feed's metadata, without its entries) and whether
/// each may repeat.
const SOURCE: &[(&str, bool)] = &[
    ("author", true),
    ("category", true),
    ("contributor", true),
    ("generator", false),
    ("icon", false),
    ("id", false),
    ("link", true),
    ("logo", false),
    ("rights", false),
    ("subtitle", false),
    ("title", false),
    ("updated", false),
];
const _: () = assert!(FEED.len() <= 64 && ENTRY.len() <= 64 && SOURCE.len() <= 64);

/// Checks an Atom `<feed>` document.
pub fn check(feed: &Node, options: &Options, messages: &mut Messages) {
    structure(feed, FEED, messages);
    html::require(feed, &Ns::Atom, &["id", "title", "updated"], messages);
    common(feed, messages);
    super::history::check(feed, messages);
    vocab::check(feed, Level::Channel, messages);
    let links: Vec<&Node> = feed.children_named(&Ns::Atom, "link").collect();
    match links.iter().find(|l| l.attr("rel") == Some("self")) {
        None => messages.push(
            Class::MissingSelfLink,
            feed.pos,
            "no `<link rel=\"self\" href=\"...\"/>`; readers use it to find the feed",
        ),
        Some(link) => {
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
    }
    for node in ["icon", "logo"]
        .iter()
        .filter_map(|n| feed.child(&Ns::Atom, n))
    {
        report(
            messages,
            node,
            super::reference::check(node.value(), node.base.as_deref(), &node.name),
        );
    }
    if let Some(generator) = feed.child(&Ns::Atom, "generator")
        && let Some(uri) = generator.attr("uri")
    {
        report(
            messages,
            generator,
            super::reference::check(uri, generator.base.as_deref(), "generator uri"),
        );
    }
}

/// Unknown Atom elements, repeats, and elements from other namespaces
/// are fine (extensions).
fn structure(node: &Node, known: &[(&str, bool)], messages: &mut Messages) {
    // One bit per known name seen (the lists are short: see the
    // assertion below them).
    let mut seen = 0u64;
    for child in &node.children {
        if child.ns == Ns::None {
            messages.push(
                Class::InvalidNamespace,
                child.pos,
                format!("`<{}>` has no namespace; inside an Atom `<{}>` it must be in `{}` or an extension namespace", child.qname, node.name, super::xml::ATOM_NS),
            );
            continue;
        }
        if child.ns != Ns::Atom {
            continue;
        }
        match known.iter().position(|(name, _)| *name == child.name) {
            None => messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an Atom element of `<{}>`",
                    child.name, node.name
                ),
            ),
            Some(index) if !known[index].1 && seen_before(&mut seen, index) => messages.push(
                Class::DuplicateElement,
                child.pos,
                format!(
                    "a second `<{}>` in `<{}>`; it may appear once",
                    child.name, node.name
                ),
            ),
            Some(_) => {}
        }
    }
}

/// Checks a category: it needs a `term`, and its `scheme` is an IRI
/// (RFC 4287 section 4.2.2.2). The parser hands categories over one by one
/// as they end (an entry may hold thousands); this is all that checks
/// them.
pub fn category(node: &Node, messages: &mut Messages) {
    if node.attr("term").is_none() {
        messages.push(
            Class::MissingAttribute,
            node.pos,
            "`<category>` has no `term`",
        );
    }
    // An IRI, not a reference: `xml:base` does not apply.
    if let Some(scheme) = node.attr("scheme") {
        report(
            messages,
            node,
            values::absolute_uri(scheme, None, "category scheme"),
        );
    }
}

/// Checks one Atom element's value: an id, a date, a text construct, a
/// link, a person or a category (others need nothing here). RSS feeds
/// borrowing Atom elements have them checked here too.
pub fn element(child: &Node, messages: &mut Messages) {
    atom_attrs::check(child, messages);
    // Elements whose content is text alone (RFC 4287): an element in one
    // is undefined, as markup written unescaped would be.
    if matches!(
        child.name.as_ref(),
        "id" | "updated" | "published" | "generator" | "icon" | "logo"
    ) {
        super::rss_shape::text_only(child, messages);
    }
    match child.name.as_ref() {
        "id" => report(
            messages,
            child,
            values::absolute_uri(child.value(), None, "id"),
        ),
        "updated" | "published" => report(messages, child, values::feed_rfc3339(child.value())),
        "title" | "subtitle" | "rights" | "summary" => text_construct(child, messages),
        "content" => atom_content::check(child, messages),
        "link" => link(child, messages),
        "author" | "contributor" => person(child, messages),
        "category" => category(child, messages),
        _ => {}
    }
}

/// Checks shared by feeds, entries and sources: ids, dates, text
/// constructs, links, people and categories.
fn common(node: &Node, messages: &mut Messages) {
    atom_attrs::check(node, messages);
    for child in node.children.iter().filter(|c| c.ns == Ns::Atom) {
        element(child, messages);
    }
    super::atom_thread::elements(node, messages);
    let is_alternate = |link: &&Node| link.attr("rel").unwrap_or("alternate") == "alternate";
    // Nearly every entry has one alternate link, which cannot repeat.
    if node
        .children_named(&Ns::Atom, "link")
        .filter(is_alternate)
        .nth(1)
        .is_none()
    {
        return;
    }
    let mut alternates = HashSet::new();
    for link in node.children_named(&Ns::Atom, "link").filter(is_alternate) {
        let key = (
            link.attr("type").unwrap_or_default(),
            link.attr("hreflang").unwrap_or_default(),
        );
        if !alternates.insert(key) {
            messages.push(
                Class::DuplicateAlternate,
                link.pos,
                "a second `rel=\"alternate\"` link with the same `type` and `hreflang`",
            );
        }
    }
}

/// Checks an entry; true when it has no author of its own. A second
/// entry with an id already in `ids` is reported as `duplicate`.
pub(super) fn check_entry<'a>(
    entry: &Node<'a>,
    ids: &mut Ids<'a>,
    duplicate: Class,
    messages: &mut Messages,
) -> bool {
    structure(entry, ENTRY, messages);
    html::require(entry, &Ns::Atom, &["id", "title", "updated"], messages);
    common(entry, messages);
    let source_has_author = entry
        .child(&Ns::Atom, "source")
        .is_some_and(|s| s.child(&Ns::Atom, "author").is_some());
    let without_author = !source_has_author && entry.child(&Ns::Atom, "author").is_none();
    let has_alternate = entry
        .children_named(&Ns::Atom, "link")
        .any(|l| l.attr("rel").unwrap_or("alternate") == "alternate");
    if entry.child(&Ns::Atom, "content").is_none() && !has_alternate {
        messages.push(
            Class::MissingAlternateLink,
            entry.pos,
            "the entry has no `<content>`, so it needs a `<link rel=\"alternate\">`",
        );
    }
    if let Some(id) = entry.child(&Ns::Atom, "id")
        && let Some(first) = ids.insert(id.trimmed_text(), id.pos)
    {
        messages.push_naming_line(
            duplicate,
            id.pos,
            format!("the id `{}` is also on line ", id.value()),
            first,
        );
    }
    if let Some(content) = entry.child(&Ns::Atom, "content")
        && atom_content::needs_summary(content)
        && entry.child(&Ns::Atom, "summary").is_none()
    {
        messages.push(
            Class::MissingSummary,
            entry.pos,
            "the entry's `<content>` is out of line (`src`) or base64, so the entry needs a `<summary>` readers can show",
        );
    }
    if let Some(source) = entry.child(&Ns::Atom, "source") {
        structure(source, SOURCE, messages);
        common(source, messages);
        for name in ["id", "title", "updated"] {
            if source.child(&Ns::Atom, name).is_none() {
                messages.push(
                    Class::MissingSourceElement,
                    source.pos,
                    format!(
                        "`<source>` has no `<{name}>`; keep the one of the feed the entry came from"
                    ),
                );
            }
        }
    }
    vocab::check(entry, Level::Item, messages);
    without_author
}

/// Checks a text construct (`title`, `subtitle`, `rights`, `summary`, or
/// `content` of type `text`, `html` or `xhtml`) by its type.
pub fn text_construct(node: &Node, messages: &mut Messages) {
    match node.attr("type").unwrap_or("text") {
        kind @ ("text" | "html") => {
            no_elements(node, kind, messages);
            if kind == "text" {
                html::check_atom_text(node, messages);
            } else {
                html::check_html(node, node.base.as_deref(), messages);
            }
        }
        "xhtml" => xhtml(node, messages),
        other => messages.push(
            Class::InvalidTextType,
            node.pos,
            format!(
                "`<{} type=\"{other}\">`; expected `text`, `html` or `xhtml`",
                node.name
            ),
        ),
    }
}

/// Reports the first child element of a construct that holds text only:
/// `type="text"` and `type="html"` (RFC 4287 section 3.1.1), and content
/// of a `text/*` media type (section 4.1.3.3), whose markup is escaped.
pub fn no_elements(node: &Node, kind: &str, messages: &mut Messages) {
    if let Some(child) = node.children.first() {
        messages.push(
            Class::UndefinedElement,
            child.pos,
            format!(
                "`<{}>` inside `<{} type=\"{kind}\">`, which holds text only; escape the markup, or use `type=\"xhtml\"`",
                child.qname, node.name
            ),
        );
    }
}

fn xhtml(node: &Node, messages: &mut Messages) {
    let divs: Vec<&Node> = node.children.iter().collect();
    let single_div = matches!(divs[..], [div] if div.ns == Ns::Xhtml && div.name == "div")
        && node.text.trim().is_empty();
    if !single_div {
        messages.push(
            Class::MissingXhtmlDiv,
            node.pos,
            format!("`<{} type=\"xhtml\">` must hold exactly one `<div xmlns=\"http://www.w3.org/1999/xhtml\">`", node.name),
        );
    }
}

fn link(node: &Node, messages: &mut Messages) {
    match node.attr("href") {
        Some(href) => report(
            messages,
            node,
            super::reference::check(href, node.base.as_deref(), "link href"),
        ),
        None => messages.push(Class::MissingAttribute, node.pos, "`<link>` has no `href`"),
    }
    if let Some(t) = node.attr("type")
        && !values::is_mime_type(t)
    {
        messages.push(
            Class::InvalidMIMEType,
            node.pos,
            format!("`<link type=\"{t}\">`; expected a MIME type such as `text/html`"),
        );
    }
    super::atom_thread::link_attributes(node, messages);
    match node.attr("rel") {
        Some(rel) if !is_link_relation(rel) => messages.push(
            Class::InvalidAtomLinkRel,
            node.pos,
            format!("`<link rel=\"{rel}\">`; expected a relation name such as `alternate`, or an absolute IRI"),
        ),
        _ => super::link_rel::check(node, messages),
    }
    if node.attr("rel") == Some("enclosure") && node.attr("type").is_none() {
        messages.push(
            Class::MissingEnclosureType,
            node.pos,
            "`<link rel=\"enclosure\">` has no `type`; expected a MIME type such as `audio/mpeg`",
        );
    }
    match node.attr("length") {
        Some(l) if !values::is_integer(l) => messages.push(
            Class::InvalidInteger,
            node.pos,
            format!("`<link length=\"{l}\">`; expected a size in bytes"),
        ),
        // All zeros: nothing has no length worth advising (RFC 4287
        // section 4.2.7.6); a size not known is left out.
        Some(l) if l.bytes().all(|b| b == b'0') => messages.push(
            Class::InvalidPositiveInteger,
            node.pos,
            format!("`<link length=\"{l}\">`; expected a size in bytes from 1, or no `length` when the size is not known"),
        ),
        _ => {}
    }
    if let Some(lang) = node.attr("hreflang")
        && !values::is_language(lang)
    {
        messages.push(
            Class::InvalidLanguage,
            node.pos,
            format!("`hreflang=\"{lang}\"` is not a language tag"),
        );
    }
}

/// Whether a `rel` is what RFC 4287 section 4.2.7.2 allows: an absolute
/// IRI, or an `isegment-nz-nc` (RFC 3987): unreserved characters
/// (non-ASCII ones too), percent escapes, sub-delimiters and `@`, but no
/// `:` or `/`, no white space.
fn is_link_relation(rel: &str) -> bool {
    let name = !rel.is_empty()
        && rel.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || "-._~%!$&'()*+,;=@".contains(c)
                || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
        });
    name || (rel.contains(':') && values::absolute_uri(rel, None, "rel").is_empty())
}

fn person(node: &Node, messages: &mut Messages) {
    for child in node.children.iter().filter(|c| c.ns == Ns::Atom) {
        atom_attrs::check(child, messages);
        if matches!(child.name.as_ref(), "name" | "email" | "uri") {
            super::rss_shape::text_only(child, messages);
        }
    }
    match node.child(&Ns::Atom, "name") {
        Some(name) if !name.value().is_empty() => {}
        Some(name) => messages.push(
            Class::MissingElement,
            name.pos,
            format!("the `<{}>`'s `<name>` is empty", node.name),
        ),
        None => messages.push(
            Class::MissingElement,
            node.pos,
            format!("`<{}>` has no `<name>`", node.name),
        ),
    }
    if let Some(email) = node.child(&Ns::Atom, "email")
        && !values::is_email(email.value())
    {
        messages.push(
            Class::InvalidEmail,
            email.pos,
            format!("`{}` is not an email address", email.value()),
        );
    }
    if let Some(uri) = node.child(&Ns::Atom, "uri") {
        report(
            messages,
            uri,
            super::reference::check(uri.value(), uri.base.as_deref(), "uri"),
        );
    }
}
