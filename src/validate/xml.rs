//! Reading a feed document into a small element tree, checking XML 1.0
//! well-formedness and characters on the way.
//!
//! Hostile input is bounded: no DTD entity is ever expanded (a document that
//! declares one is rejected), external entities are never fetched, nesting
//! deeper than [`MAX_DEPTH`] stops the read, and the caller caps the size.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::name::NamespaceError;

mod element;
mod events;
mod text;
mod tree;

use super::{Class, Messages, Pos};
use element::element;
use events::{Events, NsEvents};
use text::{borrow, resolve_reference, text_into};
pub use tree::{ATOM_NS, Attr, Node, Ns};

/// Deepest element nesting read; feeds need fewer than 10 levels.
pub const MAX_DEPTH: usize = 256;

/// Elements nested deeper than this (the root is at depth 0) are read and
/// checked as XML but not kept: no rule looks below an Atom entry's
/// `source/author/name` (depth 4), so keeping them would only cost memory.
/// One exception, [`GROUP_DEPTH`].
pub const KEEP_DEPTH: usize = 5;

/// Under a Media RSS `media:group` elements are kept one level deeper, so
/// that in an RSS item (`rss/channel/item/media:group/media:content`) the
/// children of a `media:content` (`media:credit`, `media:rating` ...) are
/// checked. Only there: other documents keep no more than before.
pub const GROUP_DEPTH: usize = KEEP_DEPTH + 1;

/// The most elements the tree holds at once: this many, or one for every
/// [`BYTES_PER_HELD`] bytes of the document when that is more. Items and
/// entries are checked and dropped as they end, so a real feed holds a few
/// dozen; a document that would hold more (a million empty elements in a
/// channel) is reported as [`Class::TooLarge`] and the rest of its
/// elements are read as XML but not kept, which bounds memory whatever the
/// shape: a kept element costs about 200 bytes.
pub const MIN_HELD: usize = 100_000;

/// See [`MIN_HELD`].
pub const BYTES_PER_HELD: usize = 24;

/// Reads the document; `None` when it is not well-formed (the reason is in
/// `messages`).
/// `on_close` sees each element kept in the tree as it is complete, with
/// the open elements above it; when it says it has checked all there is
/// to check (as of each RSS `item` and Atom `entry`), the tree keeps
/// nothing of it, so memory holds one entry at a time, not the whole feed.
pub fn parse<'a>(
    text: &'a str,
    messages: &mut Messages,
    on_close: &mut OnClose<'a, '_>,
) -> Option<Node<'a>> {
    parse_from(text, NsEvents::new(text), messages, on_close)
}

/// What [`parse`] calls for each complete element: `true` when the element
/// is done with and need not be kept.
pub type OnClose<'a, 'f> = dyn FnMut(&Node<'a>, &[Node<'a>], &mut Messages) -> bool + 'f;

/// What the reader spends on one document, against its limits.
struct Budget {
    /// Elements in the tree now.
    held: usize,
    /// `held` when each open element on the stack started (an entry's
    /// elements are all added while it is open, so handing it over gives
    /// them back at once).
    held_at_open: Vec<usize>,
    /// Open elements below the kept tree (too deep, or past the limit).
    skipped: usize,
    /// The most elements held (see [`MIN_HELD`]), and whether that was
    /// reached (reported once).
    max_held: usize,
    full: bool,
    /// Bytes of `xml:base` URLs resolved so far, and the most allowed.
    base_bytes: usize,
    max_base_bytes: usize,
}

impl Budget {
    fn new(text: &str) -> Self {
        Self {
            held: 0,
            held_at_open: Vec::new(),
            skipped: 0,
            max_held: MIN_HELD.max(text.len() / BYTES_PER_HELD),
            full: false,
            base_bytes: 0,
            // Each resolved base is at most its parent's plus its own
            // attribute: a few times the document, unless bases are
            // stacked on purpose.
            max_base_bytes: text.len().saturating_mul(4).saturating_add(1 << 20),
        }
    }

    /// Whether an element opening under `depth` open kept elements is kept;
    /// reports the first element refused for lack of room.
    fn keeps(&mut self, stack: &[Node], pos: Pos, messages: &mut Messages) -> bool {
        let depth = stack.len();
        if self.skipped > 0 || depth >= GROUP_DEPTH {
            return false;
        }
        if depth >= KEEP_DEPTH && !stack.iter().any(is_media_group) {
            return false;
        }
        if self.held >= self.max_held {
            if !self.full {
                self.full = true;
                messages.push(
                    Class::TooLarge,
                    pos,
                    format!(
                        "more than {} elements held at once (items and entries are let go as they end); the rest are read as XML but not checked",
                        self.max_held
                    ),
                );
            }
            return false;
        }
        true
    }
}

/// Whether an element is a Media RSS `media:group`.
fn is_media_group(node: &Node) -> bool {
    node.name == "group" && node.ns.uri() == super::media_rules::MEDIA_NS
}

fn parse_from<'a>(
    text: &'a str,
    mut reader: impl Events<'a>,
    messages: &mut Messages,
    on_close: &mut OnClose<'a, '_>,
) -> Option<Node<'a>> {
    let mut stack: Vec<Node<'a>> = Vec::new();
    let mut root: Option<Node<'a>> = None;
    let mut budget = Budget::new(text);
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read();
        let (ns, event) = match event {
            Ok(pair) => pair,
            Err(quick_xml::Error::Namespace(NamespaceError::TooManyDeclarations(most))) => {
                // Well-formed, but past what the validator reads: at the
                // start tag, in feedpub's words, not the parser's.
                messages.push(
                    Class::TooLarge,
                    Pos::at(start),
                    format!(
                        "an element declares more than {most} namespaces, more than the validator reads on one element (a feed needs a handful)"
                    ),
                );
                return None;
            }
            Err(e) => {
                // A namespace error is the start tag's; a syntax error is
                // where the parser found it.
                let at = match e {
                    quick_xml::Error::Namespace(_) => start,
                    _ => usize::try_from(reader.error_position()).unwrap_or(start),
                };
                messages.push(
                    Class::NotWellFormed,
                    Pos::at(at),
                    format!("the document is not well-formed XML: {e}"),
                );
                return None;
            }
        };
        let pos = Pos::at(start);
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                messages.push(Class::NotWellFormed, pos, "content after the root element");
                return None;
            }
            Event::Start(e) => {
                let keep = budget.keeps(&stack, pos, messages);
                let parent = if keep { stack.last() } else { None };
                let node = element(
                    text,
                    reader.resolver(),
                    ns,
                    &e,
                    pos,
                    parent,
                    &mut budget,
                    messages,
                )?;
                if stack.len() + budget.skipped >= MAX_DEPTH {
                    messages.push(
                        Class::TooDeep,
                        pos,
                        format!(
                            "elements are nested more than {MAX_DEPTH} deep; no feed needs that"
                        ),
                    );
                    return None;
                }
                if keep {
                    budget.held_at_open.push(budget.held);
                    budget.held += 1;
                    stack.push(node);
                } else {
                    budget.skipped += 1;
                }
            }
            Event::Empty(e) => {
                let keep = budget.keeps(&stack, pos, messages);
                let parent = if keep { stack.last() } else { None };
                let node = element(
                    text,
                    reader.resolver(),
                    ns,
                    &e,
                    pos,
                    parent,
                    &mut budget,
                    messages,
                )?;
                if !keep {
                    continue;
                }
                let held_before = budget.held;
                budget.held += 1;
                close(
                    node,
                    held_before,
                    &mut stack,
                    &mut root,
                    &mut budget,
                    messages,
                    on_close,
                );
            }
            Event::End(_) if budget.skipped > 0 => budget.skipped -= 1,
            Event::End(_) => {
                let Some(node) = stack.pop() else {
                    messages.push(Class::NotWellFormed, pos, "an end tag with no start tag");
                    return None;
                };
                let held_before = budget.held_at_open.pop().unwrap_or_default();
                close(
                    node,
                    held_before,
                    &mut stack,
                    &mut root,
                    &mut budget,
                    messages,
                    on_close,
                );
            }
            Event::Text(t) => {
                let raw = borrow(text, &t);
                // Text seldom holds `]` at all: one scan for it first.
                if memchr::memchr(b']', raw.as_bytes()).is_some()
                    && memchr::memmem::find(raw.as_bytes(), b"]]>").is_some()
                {
                    messages.push(
                        Class::NotWellFormed,
                        pos,
                        "`]]>` in text outside a CDATA section; write `]]&gt;`",
                    );
                    return None;
                }
                text_into(raw, pos, &mut stack, &budget, root.is_some(), messages)?;
            }
            Event::CData(t) => {
                let raw = borrow(text, &t);
                text_into(raw, pos, &mut stack, &budget, root.is_some(), messages)?;
            }
            Event::GeneralRef(r) => {
                let name = std::str::from_utf8(&r).unwrap_or_default();
                let resolved = resolve_reference(name, pos, messages)?;
                let mut buffer = [0; 4];
                let resolved: &str = resolved.encode_utf8(&mut buffer);
                text_into(
                    Cow::Owned(resolved.to_owned()),
                    pos,
                    &mut stack,
                    &budget,
                    root.is_some(),
                    messages,
                )?;
            }
            Event::DocType(d) => {
                let body = String::from_utf8_lossy(&d);
                if body.contains("<!ENTITY") || body.contains('[') {
                    messages.push(
                        Class::EntityNotAllowed,
                        pos,
                        "the DOCTYPE declares entities or an internal subset; feeds must not (entities are never expanded or fetched)",
                    );
                    return None;
                }
            }
            // XML 1.0 section 2.8: the declaration, when there is one,
            // comes first (after a byte order mark, already gone): not
            // even whitespace or a comment before it.
            Event::Decl(_) if start != 0 => {
                messages.push(
                    Class::NotWellFormed,
                    pos,
                    "the XML declaration `<?xml ...?>` must be the very first thing in the document; remove what comes before it",
                );
                return None;
            }
            // The encoding it names was read before parsing (`encoding`).
            Event::Decl(declaration) => {
                let version = declaration.version().ok();
                if version.as_deref() != Some(b"1.0".as_slice()) {
                    let written = version
                        .map(|v| String::from_utf8_lossy(&v).into_owned())
                        .unwrap_or_default();
                    messages.push(
                        Class::BadXmlVersion,
                        pos,
                        format!("the XML declaration says version `{written}`; feeds are XML 1.0: write `version=\"1.0\"`"),
                    );
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        let pos = Pos::at(text.len());
        messages.push(
            Class::NotWellFormed,
            pos,
            "the document ends inside an element",
        );
        return None;
    }
    if root.is_none() {
        messages.push(
            Class::NotWellFormed,
            Pos::at(0),
            "the document has no root element",
        );
    }
    root
}

/// Whether a node just closed is an RSS item (2.0, or 1.0 beside its
/// channel) or an Atom entry of the feed.
pub fn is_entry(node: &Node<'_>, stack: &[Node<'_>]) -> bool {
    match (&node.ns, node.name.as_ref(), stack) {
        (Ns::None, "item", [rss, channel]) => {
            rss.ns == Ns::None
                && rss.name == "rss"
                && channel.ns == Ns::None
                && channel.name == "channel"
        }
        (Ns::Atom, "entry", [feed]) => feed.ns == Ns::Atom && feed.name == "feed",
        (Ns::Other(_), "item", _) => super::rss1::is_item(node, stack),
        _ => false,
    }
}

/// Puts a complete element in its parent (or makes it the root), unless
/// `on_close` took it (checked it and all below it): then the tree keeps
/// nothing of it, and the elements it held, all added since
/// `held_before`, are given back to the budget.
fn close<'a>(
    node: Node<'a>,
    held_before: usize,
    stack: &mut [Node<'a>],
    root: &mut Option<Node<'a>>,
    budget: &mut Budget,
    messages: &mut Messages,
    on_close: &mut OnClose<'a, '_>,
) {
    if on_close(&node, stack, messages) {
        budget.held = held_before;
        return;
    }
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => *root = Some(node),
    }
}

#[cfg(test)]
mod tests;
