//! Reading a feed document into a small element tree, checking XML 1.0
//! well-formedness and characters on the way.
//!
//! Hostile input is bounded: no DTD entity is ever expanded (a document that
//! declares one is rejected), external entities are never fetched, nesting
//! deeper than [`MAX_DEPTH`] stops the read, and the caller caps the size.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use url::Url;

use super::{Class, Messages, Pos};
use crate::normalize::text::is_xml_char;

/// Deepest element nesting read; feeds need fewer than 10 levels.
pub const MAX_DEPTH: usize = 256;

/// The namespaces the rules know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ns {
    /// No namespace (RSS 2.0's own elements).
    None,
    /// `http://www.w3.org/2005/Atom`.
    Atom,
    /// `http://www.w3.org/1999/xhtml`.
    Xhtml,
    /// Any other namespace, by URI.
    Other(String),
}

/// The Atom namespace.
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

impl Ns {
    fn of(uri: &[u8]) -> Self {
        match uri {
            b"http://www.w3.org/2005/Atom" => Self::Atom,
            b"http://www.w3.org/1999/xhtml" => Self::Xhtml,
            other => Self::Other(String::from_utf8_lossy(other).into_owned()),
        }
    }

    /// The URI, or `""` for no namespace.
    pub fn uri(&self) -> &str {
        match self {
            Self::None => "",
            Self::Atom => ATOM_NS,
            Self::Xhtml => XHTML_NS,
            Self::Other(uri) => uri,
        }
    }
}

/// An attribute with its namespace.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Its namespace (`None` for ordinary attributes).
    pub ns: Ns,
    /// Local name.
    pub name: String,
    /// Value, entities resolved.
    pub value: String,
}

/// One element.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its namespace.
    pub ns: Ns,
    /// Its local name.
    pub name: String,
    /// Its prefixed name as written, for messages.
    pub qname: String,
    /// Its attributes.
    pub attrs: Vec<Attr>,
    /// Its own text (CDATA included), entities resolved.
    pub text: String,
    /// Its child elements.
    pub children: Vec<Node>,
    /// Where it starts.
    pub pos: Pos,
    /// The `xml:base` in force, when one is.
    pub base: Option<Url>,
}

impl Node {
    /// The value of an attribute in no namespace.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == Ns::None && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Children in a namespace with a name.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a Ns,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Node> + 'a {
        self.children
            .iter()
            .filter(move |c| &c.ns == ns && c.name == name)
    }

    /// The first child in a namespace with a name.
    pub fn child<'a>(&'a self, ns: &'a Ns, name: &'a str) -> Option<&'a Node> {
        self.children_named(ns, name).next()
    }

    /// The text, trimmed.
    pub fn value(&self) -> &str {
        self.text.trim()
    }
}

/// Maps byte offsets to 1-based lines and columns, moving forward only.
struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl Lines<'_> {
    fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            // Rare: recount from the start.
            self.at = 0;
            self.line = 1;
            self.line_start = 0;
        }
        let chunk = &self.text.as_bytes()[self.at..offset];
        for i in memchr::memchr_iter(b'\n', chunk) {
            self.line += 1;
            self.line_start = self.at + i + 1;
        }
        self.at = offset;
        let column = self.text.get(self.line_start..offset).map_or(1, |s| {
            if s.is_ascii() {
                s.len() + 1
            } else {
                s.chars().count() + 1
            }
        });
        Pos {
            line: self.line,
            column,
        }
    }
}

/// Reads the document; `None` when it is not well-formed (the reason is in
/// `messages`).
/// `on_entry` sees each RSS `item` and Atom `entry` as soon as it is
/// complete; the tree then keeps nothing of it, so memory holds one entry
/// at a time, not the whole feed.
pub fn parse(
    text: &str,
    messages: &mut Messages,
    on_entry: &mut dyn FnMut(&Node, &mut Messages),
) -> Option<Node> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut lines = Lines {
        text,
        at: 0,
        line: 1,
        line_start: 0,
    };
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_resolved_event();
        let (resolved, event) = match event {
            Ok(pair) => pair,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(start);
                let pos = lines.pos(at);
                messages.push(
                    Class::NotWellFormed,
                    pos,
                    format!("the document is not well-formed XML: {e}"),
                );
                return None;
            }
        };
        let pos = lines.pos(start);
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                messages.push(Class::NotWellFormed, pos, "content after the root element");
                return None;
            }
            Event::Start(e) => {
                let ns = ns_of(&resolved);
                let node = element(&reader, ns, &e, pos, stack.last(), messages)?;
                if stack.len() >= MAX_DEPTH {
                    messages.push(
                        Class::TooDeep,
                        pos,
                        format!(
                            "elements are nested more than {MAX_DEPTH} deep; no feed needs that"
                        ),
                    );
                    return None;
                }
                stack.push(node);
            }
            Event::Empty(e) => {
                let ns = ns_of(&resolved);
                let node = element(&reader, ns, &e, pos, stack.last(), messages)?;
                if let Some(node) = hand_over(node, &stack, messages, on_entry) {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                }
            }
            Event::End(_) => {
                let Some(node) = stack.pop() else {
                    messages.push(Class::NotWellFormed, pos, "an end tag with no start tag");
                    return None;
                };
                if let Some(node) = hand_over(node, &stack, messages, on_entry) {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                }
            }
            Event::Text(t) => {
                let raw = std::str::from_utf8(&t).unwrap_or_default();
                if raw.contains("]]>") {
                    messages.push(
                        Class::NotWellFormed,
                        pos,
                        "`]]>` in text outside a CDATA section; write `]]&gt;`",
                    );
                    return None;
                }
                text_into(raw, pos, &mut stack, root.is_some(), messages)?;
            }
            Event::CData(t) => {
                let raw = std::str::from_utf8(&t).unwrap_or_default();
                text_into(raw, pos, &mut stack, root.is_some(), messages)?;
            }
            Event::GeneralRef(r) => {
                let name = std::str::from_utf8(&r).unwrap_or_default();
                let resolved = resolve_reference(name, pos, messages)?;
                text_into(&resolved, pos, &mut stack, root.is_some(), messages)?;
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
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding() {
                    let name = String::from_utf8_lossy(&encoding).to_ascii_lowercase();
                    if !matches!(name.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
                        messages.push(
                            Class::NotUTF8,
                            pos,
                            format!(
                                "the document declares encoding `{name}`; feeds should be UTF-8"
                            ),
                        );
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        let pos = lines.pos(text.len());
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
            Pos { line: 1, column: 1 },
            "the document has no root element",
        );
    }
    root
}

/// Whether a node just closed is an RSS item or an Atom entry of the feed.
fn is_entry(node: &Node, stack: &[Node]) -> bool {
    match (&node.ns, node.name.as_str(), stack) {
        (Ns::None, "item", [rss, channel]) => {
            rss.ns == Ns::None
                && rss.name == "rss"
                && channel.ns == Ns::None
                && channel.name == "channel"
        }
        (Ns::Atom, "entry", [feed]) => feed.ns == Ns::Atom && feed.name == "feed",
        _ => false,
    }
}

/// Gives a complete entry to `on_entry`, which is all that checks it: the
/// tree keeps nothing of it (an item or entry is always a known, repeatable
/// child of its channel or feed). Any other node is returned, to be kept.
fn hand_over(
    node: Node,
    stack: &[Node],
    messages: &mut Messages,
    on_entry: &mut dyn FnMut(&Node, &mut Messages),
) -> Option<Node> {
    if !is_entry(&node, stack) {
        return Some(node);
    }
    on_entry(&node, messages);
    None
}

fn ns_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
        _ => Ns::None,
    }
}

fn text_into(
    raw: &str,
    pos: Pos,
    stack: &mut [Node],
    after_root: bool,
    messages: &mut Messages,
) -> Option<()> {
    check_chars(raw, pos, messages);
    match stack.last_mut() {
        Some(node) => {
            // XML 1.0 end-of-line handling.
            if raw.contains('\r') {
                node.text
                    .push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                node.text.push_str(raw);
            }
        }
        None if raw.trim().is_empty() => {}
        None => {
            let what = if after_root { "after" } else { "before" };
            messages.push(
                Class::NotWellFormed,
                pos,
                format!("text {what} the root element"),
            );
            return None;
        }
    }
    Some(())
}

/// Reports characters XML 1.0 forbids.
fn check_chars(text: &str, pos: Pos, messages: &mut Messages) {
    // Nearly all text is printable ASCII and line ends: one vector pass.
    let plain = text.bytes().fold(0u8, |any, b| {
        any | (u8::from(b.wrapping_sub(0x20) > 0x5E)
            & u8::from(b != b'\n')
            & u8::from(b != b'\t')
            & u8::from(b != b'\r'))
    }) == 0;
    if plain {
        return;
    }
    if let Some(bad) = text
        .chars()
        .find(|&c| !is_xml_char(c) && !('\u{7F}'..='\u{9F}').contains(&c))
    {
        messages.push(
            Class::InvalidCharacter,
            pos,
            format!("U+{:04X} is not allowed in XML 1.0", u32::from(bad)),
        );
    }
}

/// Resolves `&name;` (predefined or numeric only).
fn resolve_reference(name: &str, pos: Pos, messages: &mut Messages) -> Option<String> {
    let resolved = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    };
    if let Some(c) = resolved {
        return Some(c.to_string());
    }
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        return match code.and_then(char::from_u32) {
            Some(c) if is_xml_char(c) || ('\u{7F}'..='\u{9F}').contains(&c) => Some(c.to_string()),
            _ => {
                messages.push(
                    Class::InvalidCharacter,
                    pos,
                    format!("the reference `&{name};` names a character XML 1.0 does not allow"),
                );
                None
            }
        };
    }
    messages.push(
        Class::UndefinedEntity,
        pos,
        format!("`&{name};` is not an XML entity; write the character itself or a numeric reference such as `&#160;`"),
    );
    None
}

/// Unescapes an attribute value.
fn unescape(raw: &str, pos: Pos, messages: &mut Messages) -> Option<String> {
    check_chars(raw, pos, messages);
    if !raw.contains('&') {
        return Some(normalize_attribute(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            messages.push(
                Class::NotWellFormed,
                pos,
                "a bare `&` in an attribute value; write `&amp;`",
            );
            return None;
        };
        out.push_str(&resolve_reference(&after[..semi], pos, messages)?);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(normalize_attribute(&out))
}

fn normalize_attribute(value: &str) -> String {
    if !value.contains(['\r', '\n', '\t']) {
        return value.to_owned();
    }
    value.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ")
}

fn element(
    reader: &NsReader<&[u8]>,
    ns: Ns,
    start: &BytesStart<'_>,
    pos: Pos,
    parent: Option<&Node>,
    messages: &mut Messages,
) -> Option<Node> {
    let qname = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    let mut base = parent.and_then(|p| p.base.clone());
    for attr in start.attributes().with_checks(true) {
        let attr = match attr {
            Ok(a) => a,
            Err(e) => {
                messages.push(
                    Class::NotWellFormed,
                    pos,
                    format!("a malformed attribute on `<{qname}>`: {e}"),
                );
                return None;
            }
        };
        let (resolved, local) = reader.resolver().resolve_attribute(attr.key);
        let attr_ns = match resolved {
            ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
            _ => Ns::None,
        };
        let raw = std::str::from_utf8(&attr.value).unwrap_or_default();
        let value = unescape(raw, pos, messages)?;
        let local = String::from_utf8_lossy(local.as_ref()).into_owned();
        if attr_ns.uri() == XML_NS && local == "base" {
            base = match &base {
                Some(b) => b.join(&value).ok(),
                None => Url::parse(&value).ok(),
            };
        }
        attrs.push(Attr {
            ns: attr_ns,
            name: local,
            value,
        });
    }
    Some(Node {
        ns,
        name,
        qname,
        attrs,
        text: String::new(),
        children: Vec::new(),
        pos,
        base,
    })
}
