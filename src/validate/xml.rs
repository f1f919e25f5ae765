//! Reading a feed document into a small element tree, checking XML 1.0
//! well-formedness and characters on the way.
//!
//! Hostile input is bounded: no DTD entity is ever expanded (a document that
//! declares one is rejected), external entities are never fetched, nesting
//! deeper than [`MAX_DEPTH`] stops the read, and the caller caps the size.

use std::borrow::Cow;
use std::rc::Rc;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, NamespaceResolver, ResolveResult};
use url::Url;

use super::xml_char::is_xml_char;
use super::{Class, Messages, Pos};

/// Deepest element nesting read; feeds need fewer than 10 levels.
pub const MAX_DEPTH: usize = 256;

/// Elements nested deeper than this (the root is at depth 0) are read and
/// checked as XML but not kept: no rule looks below an Atom entry's
/// `source/author/name` (depth 4), so keeping them would only cost memory.
pub const KEEP_DEPTH: usize = 5;

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

/// An attribute with its namespace. Names and values borrow the document
/// where they can (a value with no reference or line break in it).
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    /// Its namespace (`None` for ordinary attributes).
    pub ns: Ns,
    /// Local name.
    pub name: Cow<'a, str>,
    /// Value, entities resolved.
    pub value: Cow<'a, str>,
}

/// One element. Names and text borrow the document where they can: text
/// in one piece (no reference, no CDATA section beside other text) is
/// never copied.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Its namespace.
    pub ns: Ns,
    /// Its local name.
    pub name: Cow<'a, str>,
    /// Its prefixed name as written, for messages.
    pub qname: Cow<'a, str>,
    /// Its attributes.
    pub attrs: Vec<Attr<'a>>,
    /// Its own text (CDATA included), entities resolved.
    pub text: Cow<'a, str>,
    /// Its child elements.
    pub children: Vec<Node<'a>>,
    /// Where it starts.
    pub pos: Pos,
    /// The `xml:base` in force, when one is: shared with the elements
    /// below, never copied for each.
    pub base: Option<Rc<Url>>,
}

impl<'a> Node<'a> {
    /// The value of an attribute in no namespace.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == Ns::None && a.name == name)
            .map(|a| a.value.as_ref())
    }

    /// Children in a namespace with a name.
    pub fn children_named<'n>(
        &'n self,
        ns: &'n Ns,
        name: &'n str,
    ) -> impl Iterator<Item = &'n Node<'a>> + 'n {
        self.children
            .iter()
            .filter(move |c| &c.ns == ns && c.name == name)
    }

    /// The first child in a namespace with a name.
    pub fn child<'n>(&'n self, ns: &'n Ns, name: &'n str) -> Option<&'n Node<'a>> {
        self.children_named(ns, name).next()
    }

    /// The text, trimmed.
    pub fn value(&self) -> &str {
        self.text.trim()
    }

    /// The text, trimmed, for as long as the document (copied only when
    /// the text is).
    pub fn trimmed_text(&self) -> Cow<'a, str> {
        match &self.text {
            Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
            Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
        }
    }
}

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

/// Where [`parse`] gets its events from: each with the namespace of its
/// name, as quick-xml's `NsReader` gives them.
trait Events<'a> {
    /// The next event and the namespace of its element name (`Ns::None`
    /// for other events).
    fn read(&mut self) -> quick_xml::Result<(Ns, Event<'a>)>;
    /// Where the next event starts.
    fn buffer_position(&self) -> u64;
    /// Where the last syntax error was found.
    fn error_position(&self) -> u64;
    /// The namespaces in force, for attribute names.
    fn resolver(&self) -> &NamespaceResolver;
}

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
    fn keeps(&mut self, depth: usize, pos: Pos, messages: &mut Messages) -> bool {
        if self.skipped > 0 || depth >= KEEP_DEPTH {
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

/// Events with namespaces exactly as quick-xml's `NsReader` reads them
/// (the same scopes, the same errors, from the same `NamespaceResolver`),
/// but a start tag's attributes are walked for namespace declarations
/// only when it holds the bytes `xmlns` at all (`NsReader` walks every
/// start tag's attributes, which cost a tenth of validating a feed whose
/// elements declare nothing), and the namespace of names with no prefix
/// is looked up again only when a declaration may have changed it. It
/// uses only `NamespaceResolver`'s public calls; what could drift in a
/// new quick-xml release is `NsReader`'s order of them, and
/// `namespaces_read_as_quick_xml_reads_them` would see that.
struct NsEvents<'a> {
    reader: Reader<&'a [u8]>,
    /// Finds `xmlns` in a start tag.
    declaration: memchr::memmem::Finder<'static>,
    resolver: NamespaceResolver,
    /// The scope of the last empty element or end tag is still open.
    pending_pop: bool,
    /// The levels whose scopes hold declarations, innermost last.
    declaring: Vec<u16>,
    /// The namespace of a name with no prefix, while no declaration came
    /// or went since it was looked up.
    default_ns: Option<Ns>,
}

impl<'a> NsEvents<'a> {
    fn new(text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        reader.config_mut().check_comments = true;
        Self {
            reader,
            declaration: memchr::memmem::Finder::new(b"xmlns"),
            resolver: NamespaceResolver::default(),
            pending_pop: false,
            declaring: Vec::new(),
            default_ns: None,
        }
    }

    /// Opens the element's scope with its declarations.
    fn push(&mut self, start: &BytesStart<'_>) -> Result<(), NamespaceError> {
        if self.declaration.find(start.attributes_raw()).is_some() {
            self.default_ns = None;
            self.resolver.push(start)?;
            self.declaring.push(self.resolver.level());
            Ok(())
        } else {
            // Nothing to declare: what `push` does with no declaration.
            self.resolver
                .set_level(self.resolver.level().wrapping_add(1));
            Ok(())
        }
    }
}

impl<'a> Events<'a> for NsEvents<'a> {
    fn read(&mut self) -> quick_xml::Result<(Ns, Event<'a>)> {
        if self.pending_pop {
            if self.declaring.last() == Some(&self.resolver.level()) {
                self.declaring.pop();
                self.default_ns = None;
            }
            self.resolver.pop();
            self.pending_pop = false;
        }
        let event = self.reader.read_event()?;
        let name = match &event {
            Event::Start(e) => {
                self.push(e)?;
                e.name()
            }
            Event::Empty(e) => {
                self.push(e)?;
                self.pending_pop = true;
                e.name()
            }
            Event::End(e) => {
                self.pending_pop = true;
                e.name()
            }
            _ => return Ok((Ns::None, event)),
        };
        // A prefixed name has a `:` (`QName::prefix` finds it with a vector
        // search, slower on a name of a few bytes).
        if name.as_ref().contains(&b':') {
            let (resolved, _) = self.resolver.resolve_element(name);
            return Ok((ns_of(&resolved), event));
        }
        let ns = match &self.default_ns {
            Some(ns) => ns.clone(),
            None => {
                let ns = ns_of(&self.resolver.resolve_element(name).0);
                self.default_ns = Some(ns.clone());
                ns
            }
        };
        Ok((ns, event))
    }

    fn buffer_position(&self) -> u64 {
        self.reader.buffer_position()
    }

    fn error_position(&self) -> u64 {
        self.reader.error_position()
    }

    fn resolver(&self) -> &NamespaceResolver {
        &self.resolver
    }
}

/// quick-xml's own namespace-aware reader: what [`NsEvents`] is tested
/// against.
#[cfg(test)]
impl<'a> Events<'a> for quick_xml::NsReader<&'a [u8]> {
    fn read(&mut self) -> quick_xml::Result<(Ns, Event<'a>)> {
        self.read_resolved_event()
            .map(|(resolved, event)| (ns_of(&resolved), event))
    }

    fn buffer_position(&self) -> u64 {
        std::ops::Deref::deref(self).buffer_position()
    }

    fn error_position(&self) -> u64 {
        std::ops::Deref::deref(self).error_position()
    }

    fn resolver(&self) -> &NamespaceResolver {
        quick_xml::NsReader::resolver(self)
    }
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
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(start);
                let pos = Pos::at(at);
                messages.push(
                    Class::NotWellFormed,
                    pos,
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
                let keep = budget.keeps(stack.len(), pos, messages);
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
                let keep = budget.keeps(stack.len(), pos, messages);
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

/// Whether a node just closed is an RSS item or an Atom entry of the feed.
pub fn is_entry(node: &Node<'_>, stack: &[Node<'_>]) -> bool {
    match (&node.ns, node.name.as_ref(), stack) {
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

fn ns_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
        _ => Ns::None,
    }
}

fn text_into<'a>(
    raw: Cow<'a, str>,
    pos: Pos,
    stack: &mut [Node<'a>],
    budget: &Budget,
    after_root: bool,
    messages: &mut Messages,
) -> Option<()> {
    let blank = is_blank(&raw);
    if !blank {
        check_chars(&raw, pos, messages);
    }
    if budget.skipped > 0 {
        // The text of an element that is not kept: checked, not stored.
        return Some(());
    }
    match stack.last_mut() {
        // Blank text after blank text (the indentation between child
        // elements) is not kept: every check reads an element's text
        // trimmed, or asks whether it is blank, and neither changes.
        // Keeping it cost a copy and a growing string per element.
        Some(node) if blank && !node.text.is_empty() && is_blank(&node.text) => {}
        Some(node) => {
            // XML 1.0 end-of-line handling.
            let raw = if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
                Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
            } else {
                raw
            };
            if node.text.is_empty() {
                node.text = raw;
            } else {
                node.text.to_mut().push_str(&raw);
            }
        }
        None if blank => {}
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

/// Whether text is only XML white space.
fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
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
    if let Some(bad) = text.chars().find(|&c| !is_xml_char(c)) {
        messages.push(
            Class::InvalidCharacter,
            pos,
            format!("U+{:04X} is not allowed in XML 1.0", u32::from(bad)),
        );
    }
}

/// Resolves `&name;` (predefined or numeric only).
fn resolve_reference(name: &str, pos: Pos, messages: &mut Messages) -> Option<char> {
    let resolved = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    };
    if resolved.is_some() {
        return resolved;
    }
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        return match code.and_then(char::from_u32) {
            Some(c) if is_xml_char(c) => Some(c),
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
fn unescape<'a>(raw: Cow<'a, str>, pos: Pos, messages: &mut Messages) -> Option<Cow<'a, str>> {
    check_chars(&raw, pos, messages);
    if memchr::memchr(b'&', raw.as_bytes()).is_none() {
        return Some(normalize_attribute(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest: &str = &raw;
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
        out.push(resolve_reference(&after[..semi], pos, messages)?);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(normalize_attribute(Cow::Owned(out)))
}

fn normalize_attribute(value: Cow<'_, str>) -> Cow<'_, str> {
    if !value.contains(['\r', '\n', '\t']) {
        return value;
    }
    Cow::Owned(value.replace("\r\n", " ").replace(['\r', '\n', '\t'], " "))
}

/// `bytes` as text borrowed from `text` when they are a piece of it (as
/// everything a reader of `text` returns is); copied otherwise.
fn borrow<'a>(text: &'a str, bytes: &[u8]) -> Cow<'a, str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match start
        .checked_add(bytes.len())
        .and_then(|end| text.get(start..end))
    {
        Some(piece) if piece.as_ptr() == bytes.as_ptr() => Cow::Borrowed(piece),
        _ => String::from_utf8_lossy(bytes).into_owned().into(),
    }
}

/// What follows the prefix of a qualified name, as `QName::local_name`
/// reads it (after the first `:`), with a plain search: names are a few
/// bytes.
fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call per start tag, from one place"
)]
fn element<'a>(
    text: &'a str,
    resolver: &NamespaceResolver,
    ns: Ns,
    start: &BytesStart<'_>,
    pos: Pos,
    parent: Option<&Node<'a>>,
    budget: &mut Budget,
    messages: &mut Messages,
) -> Option<Node<'a>> {
    let qname = borrow(text, start.name().as_ref());
    let name = borrow(text, local_name(start.name().as_ref()));
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
        // An attribute with no prefix is in no namespace.
        let (attr_ns, local) = if attr.key.as_ref().contains(&b':') {
            let (resolved, local) = resolver.resolve_attribute(attr.key);
            (ns_of(&resolved), local.into_inner())
        } else {
            (Ns::None, attr.key.into_inner())
        };
        let value = unescape(borrow(text, &attr.value), pos, messages)?;
        let local = borrow(text, local);
        if attr_ns.uri() == XML_NS && local == "base" {
            base = match &base {
                Some(b) => b.join(&value).ok(),
                None => Url::parse(&value).ok(),
            }
            .map(Rc::new);
            budget.base_bytes = budget
                .base_bytes
                .saturating_add(base.as_ref().map_or(0, |b| b.as_str().len()));
            if budget.base_bytes > budget.max_base_bytes {
                messages.push(
                    Class::TooLarge,
                    pos,
                    format!(
                        "`xml:base` values resolve to more than {} bytes in all; the document is not read further",
                        budget.max_base_bytes
                    ),
                );
                return None;
            }
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
        text: Cow::Borrowed(""),
        children: Vec::new(),
        pos,
        base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything `parse` sees of a document read from `events`: the tree,
    /// each entry handed over, and the messages, as text.
    fn seen<'a>(text: &'a str, events: impl Events<'a>) -> String {
        let mut messages = Messages::default();
        let mut entries = Vec::new();
        let root = parse_from(text, events, &mut messages, &mut |node, stack, _| {
            let entry = is_entry(node, stack);
            if entry {
                entries.push(format!("{node:?}"));
            }
            entry
        });
        format!("{root:?}\n{entries:?}\n{:?}", messages.into_sorted(text))
    }

    /// Namespace declarations in every place and form, legal and not.
    fn namespace_documents() -> Vec<String> {
        let declarations = [
            "",
            " xmlns=\"http://www.w3.org/2005/Atom\"",
            " xmlns=\"\"",
            " xmlns:a=\"http://www.w3.org/2005/Atom\"",
            " xmlns:a=\"\"",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            " xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"",
            " xmlns:xml=\"urn:other\"",
            " xmlns:xmlns=\"urn:other\"",
            " xmlns:p=\"http://www.w3.org/XML/1998/namespace\"",
            " xmlns:p=\"http://www.w3.org/2000/xmlns/\"",
            " title=\"xmlns\"",
            " xmlns:a=\"urn:x\" xmlns:a=\"urn:y\"",
            " xmlnsx=\"urn:z\"",
            " xmlns:a='urn:&amp;'",
            " a:href=\"x\" xml:base=\"http://example.com/\"",
            " xmlns:a=\"urn:x\" a:b=\"1\" b=\"2\"",
            " xmlns:a=\"urn:x\" bad",
            " bad xmlns:a=\"urn:x\"",
            " b=\"1\" b=\"2\" xmlns:xml=\"urn:other\"",
        ];
        let names = [
            "feed",
            "a:feed",
            "dc:creator",
            "entry",
            "a:entry",
            "xml:x",
            "q:entry",
        ];
        let mut documents = Vec::new();
        for (i, outer) in declarations.iter().enumerate() {
            for (j, inner) in declarations.iter().enumerate() {
                let root = names[i % names.len()];
                let child = names[j % names.len()];
                let leaf = names[(i + j) % names.len()];
                documents.push(format!(
                    "<{root}{outer}><{child}{inner}><{leaf}{outer}/>t</{child}><{leaf}/><id>x</id></{root}>"
                ));
                documents.push(format!(
                    "<{root}{inner}><entry{outer}><title{inner}>t</title></entry><{child}/></{root}>"
                ));
            }
        }
        documents.push(format!("<feed{}/>", " xmlns:a=\"urn:x\"".repeat(300)));
        documents
    }

    /// The namespaces `parse` reads are those of quick-xml's own reader,
    /// with its errors at its positions, on every fixture document and
    /// on declarations in every place and form.
    #[test]
    fn namespaces_read_as_quick_xml_reads_them() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate");
        let mut documents = namespace_documents();
        for folder in std::fs::read_dir(&fixtures).expect("fixtures") {
            for file in std::fs::read_dir(folder.expect("folder").path()).expect("fixtures") {
                let bytes = std::fs::read(file.expect("file").path()).expect("readable");
                documents.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        assert!(documents.len() > 800, "{}", documents.len());
        let mut errors = 0;
        for text in &documents {
            let mut reference = quick_xml::NsReader::from_str(text);
            reference.config_mut().check_end_names = true;
            reference.config_mut().check_comments = true;
            let expected = seen(text, reference);
            assert_eq!(seen(text, NsEvents::new(text)), expected, "{text}");
            errors += usize::from(expected.contains("namespace"));
        }
        assert!(
            errors > 50,
            "the documents exercise namespace errors: {errors}"
        );
    }

    /// Text in one piece borrows the document; text around references is
    /// put together; attribute values borrow unless they need changing.
    #[test]
    fn text_and_attributes_borrow_the_document() {
        let doc = "<r a=\"plain\" b=\"x &amp; y\"><t>one piece</t><u>a &amp; b</u></r>";
        let mut messages = Messages::default();
        let root = parse(doc, &mut messages, &mut |_, _, _| false).expect("well-formed");
        assert!(matches!(root.attrs[0].value, Cow::Borrowed("plain")));
        assert_eq!(root.attrs[1].value, "x & y");
        assert!(matches!(root.children[0].text, Cow::Borrowed("one piece")));
        assert!(matches!(root.children[0].name, Cow::Borrowed("t")));
        assert_eq!(root.children[1].text, "a & b");
    }
}
