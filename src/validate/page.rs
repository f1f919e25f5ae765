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

mod checks;
mod tree;

use super::{Class, Messages, Pos};
use tree::{Handle, NONE, Node, NodeKind};

/// The most bytes handed to the parser at once, so that the document is
/// never copied whole, and so that little is parsed past the nesting
/// limit.
const PIECE: usize = 8 * 1024;

/// The deepest elements may nest: html5ever's tree builder looks through
/// the open elements for most tags, so a page of 200,000 nested `<div>`s
/// took 83 seconds; past this depth, reading stops (the XML feeds' limit
/// too).
pub const MAX_DEPTH: u32 = 256;

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
