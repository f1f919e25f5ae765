//! The checks of an HTML page such as the build's `index.html`: it is
//! parsed by html5ever's tree builder (the HTML standard's parser, as
//! browsers have it), and every parse error is a finding; then the tree is checked for what a readable, accessible
//! page needs: the doctype, a language, the UTF-8 charset, a title, one
//! `<h1>` and no skipped heading level, absolute http(s) links (or
//! fragments), `alt` on every picture, unique ids and a label for every
//! field.
//!
//! Each check is made as the parser makes the element, and only what the
//! checks need is kept (the tree's shape, for the fields' labels; the
//! ids): never the page's text or attributes. The parser reports each
//! finding's line only, so findings are placed at the start of their
//! line.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{Attribute, ParseOpts, QualName, local_name, ns};

use super::{Class, Messages, Pos};

/// The most bytes handed to the parser at once, so that the document is
/// never copied whole, and so that little is parsed past the nesting
/// limit.
const PIECE: usize = 8 * 1024;

/// The deepest elements may nest: html5ever's tree builder looks through
/// the open elements for most tags, so a page of 200,000 nested `<div>`s
/// took 83 seconds; past this depth, reading stops (the XML feeds' limit
/// too).
pub const MAX_DEPTH: u32 = 256;

/// A node's handle: its index in the tree and its name, which never
/// changes (the tree builder reads names while it changes the tree).
#[derive(Debug)]
struct Handle {
    index: u32,
    name: QualName,
}

/// No node.
const NONE: u32 = u32::MAX;

/// A node of the tree, as links to its neighbours: the checks need only
/// the ancestors of each field, and the tree builder moves nodes about
/// (adoption, foster parenting) before the tree is final. Attributes and
/// text are checked as they come, never kept.
#[derive(Debug, Clone, Copy)]
struct Node {
    parent: u32,
    first: u32,
    last: u32,
    prev: u32,
    next: u32,
    /// Its depth when it was put in place (moved nodes' descendants keep
    /// theirs: it bounds the parser's work, nothing more).
    depth: u32,
    /// What the checks need to know of it.
    kind: NodeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Label,
    Title,
    Html,
    Other,
}

/// A field to check for a label once the tree is final.
struct Field {
    node: u32,
    at: Pos,
    id: Option<String>,
}

/// Turns the parser's line numbers, which only grow, into byte offsets,
/// counting lines once.
struct Lines<'a> {
    text: &'a str,
    line: u64,
    offset: usize,
}

impl Lines<'_> {
    /// The start of line `line` (from 1), or of the last line.
    fn start_of(&mut self, line: u64) -> Pos {
        let bytes = self.text.as_bytes();
        while self.line < line {
            let rest = bytes.get(self.offset..).unwrap_or_default();
            match memchr::memchr(b'\n', rest) {
                Some(at) => {
                    self.offset += at + 1;
                    self.line += 1;
                }
                None => break,
            }
        }
        Pos::at(self.offset)
    }
}

/// The tree builder's sink: the tree's shape, and every check that can be
/// made as an element is made.
struct Sink<'a> {
    nodes: RefCell<Vec<Node>>,
    document: Rc<Handle>,
    messages: RefCell<&'a mut Messages>,
    lines: RefCell<Lines<'a>>,
    line: Cell<u64>,
    doctype: Cell<bool>,
    lang: Cell<bool>,
    html_at: Cell<Option<Pos>>,
    charset: Cell<bool>,
    titled: Cell<bool>,
    h1s: Cell<usize>,
    heading: Cell<u8>,
    ids: RefCell<HashMap<String, u64>>,
    label_fors: RefCell<HashSet<String>>,
    fields: RefCell<Vec<Field>>,
    /// Set once elements nest deeper than [`MAX_DEPTH`]: reading stops.
    too_deep: &'a Cell<bool>,
}

impl<'a> Sink<'a> {
    fn new(text: &'a str, messages: &'a mut Messages, too_deep: &'a Cell<bool>) -> Self {
        let sink = Self {
            nodes: RefCell::new(Vec::new()),
            document: Rc::new(Handle {
                index: 0,
                name: QualName::new(None, ns!(), local_name!("")),
            }),
            messages: RefCell::new(messages),
            lines: RefCell::new(Lines {
                text,
                line: 1,
                offset: 0,
            }),
            line: Cell::new(1),
            doctype: Cell::new(false),
            lang: Cell::new(false),
            html_at: Cell::new(None),
            charset: Cell::new(false),
            titled: Cell::new(false),
            h1s: Cell::new(0),
            heading: Cell::new(0),
            ids: RefCell::new(HashMap::new()),
            label_fors: RefCell::new(HashSet::new()),
            fields: RefCell::new(Vec::new()),
            too_deep,
        };
        sink.add(NodeKind::Other);
        sink
    }

    /// Where the parser is: the start of its line.
    fn here(&self) -> Pos {
        self.lines.borrow_mut().start_of(self.line.get())
    }

    fn report(&self, class: Class, at: Pos, message: impl Into<String>) {
        self.messages.borrow_mut().push(class, at, message);
    }

    fn add(&self, kind: NodeKind) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        // A document of at most `MAX_BYTES` has fewer nodes than bytes.
        let index = u32::try_from(nodes.len()).unwrap_or(NONE - 1);
        nodes.push(Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            depth: 0,
            kind,
        });
        index
    }

    fn node(nodes: &mut [Node], index: u32) -> Option<&mut Node> {
        nodes.get_mut(usize::try_from(index).ok()?)
    }

    /// Takes `child` out of its parent.
    fn detach(nodes: &mut [Node], child: u32) {
        let Some(&Node {
            parent, prev, next, ..
        }) = Self::node(nodes, child).map(|n| &*n)
        else {
            return;
        };
        if parent == NONE {
            return;
        }
        match Self::node(nodes, prev) {
            Some(p) => p.next = next,
            None => {
                if let Some(p) = Self::node(nodes, parent) {
                    p.first = next;
                }
            }
        }
        match Self::node(nodes, next) {
            Some(n) => n.prev = prev,
            None => {
                if let Some(p) = Self::node(nodes, parent) {
                    p.last = prev;
                }
            }
        }
        if let Some(c) = Self::node(nodes, child) {
            c.parent = NONE;
            c.prev = NONE;
            c.next = NONE;
        }
    }

    /// Puts `child` into `parent`, before `before` (or last); its depth.
    fn insert(nodes: &mut [Node], parent: u32, before: u32, child: u32) -> u32 {
        Self::detach(nodes, child);
        let prev = match Self::node(nodes, before) {
            Some(b) => b.prev,
            None => Self::node(nodes, parent).map_or(NONE, |p| p.last),
        };
        let depth = Self::node(nodes, parent).map_or(0, |p| p.depth.saturating_add(1));
        if let Some(c) = Self::node(nodes, child) {
            c.parent = parent;
            c.prev = prev;
            c.next = before;
            c.depth = depth;
        }
        match Self::node(nodes, prev) {
            Some(p) => p.next = child,
            None => {
                if let Some(p) = Self::node(nodes, parent) {
                    p.first = child;
                }
            }
        }
        match Self::node(nodes, before) {
            Some(b) => b.prev = child,
            None => {
                if let Some(p) = Self::node(nodes, parent) {
                    p.last = child;
                }
            }
        }
        depth
    }

    /// A node or text put into `parent` before `before` (or last): text
    /// counts only as a title's.
    fn put(&self, parent: u32, before: u32, child: NodeOrText<Rc<Handle>>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(handle) => {
                let depth = Self::insert(&mut nodes, parent, before, handle.index);
                if depth > MAX_DEPTH && !self.too_deep.replace(true) {
                    drop(nodes);
                    let at = self.here();
                    self.report(
                        Class::TooDeep,
                        at,
                        format!(
                            "elements nest deeper than {MAX_DEPTH} levels; the rest of the page is not read"
                        ),
                    );
                }
            }
            NodeOrText::AppendText(text) => {
                let in_title =
                    Self::node(&mut nodes, parent).is_some_and(|p| p.kind == NodeKind::Title);
                if in_title && !text.trim().is_empty() {
                    self.titled.set(true);
                }
            }
        }
    }

    /// The checks of an element as it is made.
    fn check_element(&self, name: &str, attrs: &[Attribute], index: u32) {
        let at = self.here();
        let attr = |wanted: &str| {
            attrs
                .iter()
                .find(|a| a.name.ns == ns!() && &*a.name.local == wanted)
                .map(|a| &*a.value)
        };
        if let Some(id) = attr("id") {
            let mut ids = self.ids.borrow_mut();
            if let Some(first) = ids.get(id) {
                self.report(
                    Class::DuplicateId,
                    at,
                    format!("the id `{id}` is also on line {first}; ids must be unique"),
                );
            } else {
                ids.insert(id.to_owned(), self.line.get());
            }
        }
        match name {
            "html" => {
                self.html_at.set(Some(at));
                self.check_lang(attrs);
            }
            "meta" if attr("charset").is_some_and(|c| c.trim().eq_ignore_ascii_case("utf-8")) => {
                self.charset.set(true);
            }
            "a" | "link" => {
                if let Some(href) = attr("href")
                    && !is_allowed_link(href)
                {
                    self.report(
                        Class::NotAbsoluteLink,
                        at,
                        format!(
                            "`<{name} href=\"{href}\">` is not an absolute http(s) URL; expected one, or a fragment such as `#top`"
                        ),
                    );
                }
            }
            "img" if attr("alt").is_none() => self.report(
                Class::MissingAlt,
                at,
                "`<img>` has no `alt`; expected a text for people who cannot see it (`alt=\"\"` for decoration)",
            ),
            "label" => {
                if let Some(target) = attr("for") {
                    self.label_fors.borrow_mut().insert(target.to_owned());
                }
            }
            "input" => {
                let named = |a: &str| attr(a).is_some_and(|v| !v.trim().is_empty());
                let hidden = attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"));
                if !(hidden || named("aria-label") || named("aria-labelledby")) {
                    self.fields.borrow_mut().push(Field {
                        node: index,
                        at,
                        id: attr("id").map(str::to_owned),
                    });
                }
            }
            _ => self.check_heading(name, at),
        }
    }

    fn check_lang(&self, attrs: &[Attribute]) {
        if attrs
            .iter()
            .any(|a| a.name.ns == ns!() && &*a.name.local == "lang" && !a.value.trim().is_empty())
        {
            self.lang.set(true);
        }
    }

    /// One `<h1>`, and no heading more than one level below the one before.
    fn check_heading(&self, name: &str, at: Pos) {
        let Some(level) = name
            .strip_prefix('h')
            .and_then(|l| l.parse::<u8>().ok())
            .filter(|l| (1..=6).contains(l))
        else {
            return;
        };
        if level == 1 {
            self.h1s.set(self.h1s.get() + 1);
            if self.h1s.get() > 1 {
                self.report(
                    Class::WrongH1Count,
                    at,
                    "a second `<h1>`; expected exactly one, naming the page",
                );
            }
        }
        let before = self.heading.get();
        if level > before + 1 {
            self.report(
                Class::SkippedHeadingLevel,
                at,
                format!(
                    "`<h{level}>` follows {}; expected at most `<h{}>`",
                    if before == 0 {
                        "no heading".to_owned()
                    } else {
                        format!("`<h{before}>`")
                    },
                    before + 1
                ),
            );
        }
        self.heading.set(level);
    }

    /// The checks that need the whole page.
    fn finish_checks(self) {
        if !self.doctype.get() {
            self.report(
                Class::MissingDoctype,
                Pos::at(0),
                "the page does not start with `<!DOCTYPE html>`; browsers would render it in quirks mode",
            );
        }
        if !self.lang.get() {
            self.report(
                Class::MissingLang,
                self.html_at.get().unwrap_or_default(),
                "`<html>` has no `lang`; expected the page's language, such as `lang=\"en\"`",
            );
        }
        if !self.charset.get() {
            self.report(
                Class::MissingCharset,
                Pos::at(0),
                "the page has no `<meta charset=\"utf-8\">`; browsers may read it in another encoding",
            );
        }
        if !self.titled.get() {
            self.report(
                Class::MissingTitle,
                Pos::at(0),
                "the page has no `<title>`, or an empty one; expected the page's name",
            );
        }
        if self.h1s.get() == 0 {
            self.report(
                Class::WrongH1Count,
                Pos::at(0),
                "the page has no `<h1>`; expected one, naming the page",
            );
        }
        let nodes = self.nodes.borrow();
        let fors = self.label_fors.borrow();
        for field in self.fields.borrow().iter() {
            let labelled = field.id.as_ref().is_some_and(|id| fors.contains(id)) || {
                let mut at = nodes.get(field.node as usize).map_or(NONE, |n| n.parent);
                let mut found = false;
                while let Some(node) = nodes.get(at as usize) {
                    if node.kind == NodeKind::Label {
                        found = true;
                        break;
                    }
                    at = node.parent;
                }
                found
            };
            if !labelled {
                self.report(
                    Class::UnlabelledInput,
                    field.at,
                    "`<input>` has no label; expected a `<label for>` naming its id, an enclosing `<label>` or an `aria-label`",
                );
            }
        }
    }
}

impl TreeSink for Sink<'_> {
    type Handle = Rc<Handle>;
    type Output = ();
    type ElemName<'b>
        = &'b QualName
    where
        Self: 'b;

    fn finish(self) {
        self.finish_checks();
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        let at = self.here();
        self.report(
            Class::HtmlParseError,
            at,
            format!("the page does not parse as HTML: {msg}"),
        );
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }

    fn get_document(&self) -> Rc<Handle> {
        Rc::clone(&self.document)
    }

    fn elem_name<'b>(&'b self, target: &'b Rc<Handle>) -> &'b QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Rc<Handle> {
        let html = name.ns == ns!(html);
        let kind = match &*name.local {
            "label" if html => NodeKind::Label,
            "title" if html => NodeKind::Title,
            "html" if html => NodeKind::Html,
            _ => NodeKind::Other,
        };
        let index = self.add(kind);
        if html {
            self.check_element(&name.local, &attrs, index);
        }
        Rc::new(Handle { index, name })
    }

    fn create_comment(&self, _: StrTendril) -> Rc<Handle> {
        Rc::new(Handle {
            index: self.add(NodeKind::Other),
            name: QualName::new(None, ns!(), local_name!("")),
        })
    }

    fn create_pi(&self, text: StrTendril, _: StrTendril) -> Rc<Handle> {
        self.create_comment(text)
    }

    fn append(&self, parent: &Rc<Handle>, child: NodeOrText<Rc<Handle>>) {
        self.put(parent.index, NONE, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Rc<Handle>,
        prev_element: &Rc<Handle>,
        child: NodeOrText<Rc<Handle>>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(element.index as usize)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, _: StrTendril, _: StrTendril) {
        if name.eq_ignore_ascii_case("html") {
            self.doctype.set(true);
        }
    }

    fn get_template_contents(&self, target: &Rc<Handle>) -> Rc<Handle> {
        Rc::clone(target)
    }

    fn same_node(&self, x: &Rc<Handle>, y: &Rc<Handle>) -> bool {
        x.index == y.index
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Rc<Handle>, new_node: NodeOrText<Rc<Handle>>) {
        let parent = self
            .nodes
            .borrow()
            .get(sibling.index as usize)
            .map_or(NONE, |n| n.parent);
        if parent != NONE {
            self.put(parent, sibling.index, new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &Rc<Handle>, attrs: Vec<Attribute>) {
        let is_html = self
            .nodes
            .borrow()
            .get(target.index as usize)
            .is_some_and(|n| n.kind == NodeKind::Html);
        if is_html {
            self.check_lang(&attrs);
        }
    }

    fn remove_from_parent(&self, target: &Rc<Handle>) {
        Self::detach(&mut self.nodes.borrow_mut(), target.index);
    }

    fn reparent_children(&self, node: &Rc<Handle>, new_parent: &Rc<Handle>) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = Self::node(&mut nodes, node.index).map_or(NONE, |n| n.first);
        while child != NONE {
            let next = Self::node(&mut nodes, child).map_or(NONE, |n| n.next);
            let _ = Self::insert(&mut nodes, new_parent.index, NONE, child);
            child = next;
        }
    }
}

/// Whether a link target is an absolute http(s) URL with a host or a
/// fragment of the page itself.
fn is_allowed_link(href: &str) -> bool {
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
    href.starts_with('#')
        || url::Url::parse(href)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// Checks an HTML page, handing it to the parser a piece at a time.
pub(super) fn check(text: &str, messages: &mut Messages) {
    let opts = ParseOpts {
        tokenizer: TokenizerOpts {
            exact_errors: true,
            ..TokenizerOpts::default()
        },
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..TreeBuilderOpts::default()
        },
    };
    let too_deep = Cell::new(false);
    let mut parser = html5ever::parse_document(Sink::new(text, messages, &too_deep), opts);
    let mut rest = text;
    while !rest.is_empty() && !too_deep.get() {
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (piece, after) = rest.split_at(cut);
        parser.process(StrTendril::from(piece));
        rest = after;
    }
    parser.finish();
}

#[cfg(test)]
mod tests;
