//! The checks of an HTML page such as the build's `index.html`: it is
//! parsed by html5ever's tree builder (the HTML standard's parser, as
//! browsers have it) into a small tree of its own, and every parse error
//! is a finding; then the tree is checked for what a readable, accessible
//! page needs: the doctype, a language, the UTF-8 charset, a title, one
//! `<h1>` and no skipped heading level, absolute http(s) links (or
//! fragments), `alt` on every picture, unique ids and a label for every
//! field.
//!
//! The parser reports each finding's line only, so findings are placed
//! at the start of their line.

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

/// A node's handle: its place in the tree and its name, which never
/// changes (the tree builder reads names while it changes the tree).
#[derive(Debug)]
struct Handle {
    index: usize,
    name: QualName,
}

/// What a node is.
#[derive(Debug)]
enum Kind {
    Document,
    Doctype(String),
    Element(Vec<Attribute>),
    Text(String),
    Other,
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    name: Option<QualName>,
    parent: Option<usize>,
    children: Vec<usize>,
    line: u64,
}

/// The tree builder's sink: the tree, the parse errors and the line the
/// parser is at.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    handles: RefCell<Vec<Rc<Handle>>>,
    errors: RefCell<Vec<(u64, Cow<'static, str>)>>,
    line: Cell<u64>,
}

/// The parsed page.
struct Tree {
    nodes: Vec<Node>,
    errors: Vec<(u64, Cow<'static, str>)>,
}

impl Sink {
    fn new() -> Self {
        let sink = Self {
            nodes: RefCell::new(Vec::new()),
            handles: RefCell::new(Vec::new()),
            errors: RefCell::new(Vec::new()),
            line: Cell::new(1),
        };
        sink.add(Kind::Document, None);
        sink
    }

    fn add(&self, kind: Kind, name: Option<QualName>) -> Rc<Handle> {
        let mut nodes = self.nodes.borrow_mut();
        let index = nodes.len();
        let handle = Rc::new(Handle {
            index,
            name: name
                .clone()
                .unwrap_or_else(|| QualName::new(None, ns!(), local_name!(""))),
        });
        nodes.push(Node {
            kind,
            name,
            parent: None,
            children: Vec::new(),
            line: self.line.get(),
        });
        self.handles.borrow_mut().push(Rc::clone(&handle));
        handle
    }

    fn detach(nodes: &mut [Node], child: usize) {
        if let Some(parent) = nodes.get(child).and_then(|n| n.parent) {
            if let Some(p) = nodes.get_mut(parent) {
                p.children.retain(|&c| c != child);
            }
            if let Some(c) = nodes.get_mut(child) {
                c.parent = None;
            }
        }
    }

    /// Puts `child` (a node or text) into `parent` at `at` (or last),
    /// text next to text joining it.
    fn insert(&self, parent: usize, at: Option<usize>, child: NodeOrText<Rc<Handle>>) {
        let mut nodes = self.nodes.borrow_mut();
        let place = {
            let Some(p) = nodes.get(parent) else { return };
            at.unwrap_or(p.children.len())
        };
        let index = match child {
            NodeOrText::AppendNode(handle) => {
                Self::detach(&mut nodes, handle.index);
                handle.index
            }
            NodeOrText::AppendText(text) => {
                let before = place
                    .checked_sub(1)
                    .and_then(|b| nodes.get(parent).and_then(|p| p.children.get(b)).copied());
                if let Some(Node {
                    kind: Kind::Text(existing),
                    ..
                }) = before.and_then(|b| nodes.get_mut(b))
                {
                    existing.push_str(&text);
                    return;
                }
                drop(nodes);
                let handle = self.add(Kind::Text(text.to_string()), None);
                nodes = self.nodes.borrow_mut();
                handle.index
            }
        };
        if let Some(node) = nodes.get_mut(index) {
            node.parent = Some(parent);
        }
        if let Some(p) = nodes.get_mut(parent) {
            let place = place.min(p.children.len());
            p.children.insert(place, index);
        }
    }
}

impl TreeSink for Sink {
    type Handle = Rc<Handle>;
    type Output = Tree;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Tree {
        Tree {
            nodes: self.nodes.into_inner(),
            errors: self.errors.into_inner(),
        }
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.errors.borrow_mut().push((self.line.get(), msg));
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }

    fn get_document(&self) -> Rc<Handle> {
        // The document is the first node, made with the sink.
        self.handles
            .borrow()
            .first()
            .cloned()
            .unwrap_or_else(|| self.add(Kind::Document, None))
    }

    fn elem_name<'a>(&'a self, target: &'a Rc<Handle>) -> &'a QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Rc<Handle> {
        self.add(Kind::Element(attrs), Some(name))
    }

    fn create_comment(&self, _: StrTendril) -> Rc<Handle> {
        self.add(Kind::Other, None)
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> Rc<Handle> {
        self.add(Kind::Other, None)
    }

    fn append(&self, parent: &Rc<Handle>, child: NodeOrText<Rc<Handle>>) {
        self.insert(parent.index, None, child);
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
            .get(element.index)
            .is_some_and(|n| n.parent.is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, _: StrTendril, _: StrTendril) {
        let doctype = self.add(Kind::Doctype(name.to_string()), None);
        self.insert(0, None, NodeOrText::AppendNode(doctype));
    }

    fn get_template_contents(&self, target: &Rc<Handle>) -> Rc<Handle> {
        Rc::clone(target)
    }

    fn same_node(&self, x: &Rc<Handle>, y: &Rc<Handle>) -> bool {
        x.index == y.index
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Rc<Handle>, new_node: NodeOrText<Rc<Handle>>) {
        let place = {
            let nodes = self.nodes.borrow();
            nodes
                .get(sibling.index)
                .and_then(|s| s.parent)
                .and_then(|p| {
                    let at = nodes
                        .get(p)?
                        .children
                        .iter()
                        .position(|&c| c == sibling.index)?;
                    Some((p, at))
                })
        };
        if let Some((parent, at)) = place {
            self.insert(parent, Some(at), new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &Rc<Handle>, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node {
            kind: Kind::Element(existing),
            ..
        }) = nodes.get_mut(target.index)
        {
            for attr in attrs {
                if !existing.iter().any(|a| a.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Rc<Handle>) {
        Self::detach(&mut self.nodes.borrow_mut(), target.index);
    }

    fn reparent_children(&self, node: &Rc<Handle>, new_parent: &Rc<Handle>) {
        let mut nodes = self.nodes.borrow_mut();
        let children = nodes
            .get_mut(node.index)
            .map(|n| std::mem::take(&mut n.children))
            .unwrap_or_default();
        for &child in &children {
            if let Some(c) = nodes.get_mut(child) {
                c.parent = Some(new_parent.index);
            }
        }
        if let Some(p) = nodes.get_mut(new_parent.index) {
            p.children.extend(children);
        }
    }
}

/// An element's attribute, by (local) name.
fn attribute<'n>(node: &'n Node, name: &str) -> Option<&'n str> {
    match &node.kind {
        Kind::Element(attrs) => attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value),
        _ => None,
    }
}

/// An element's local name in the HTML namespace, or `None`.
fn html_name(node: &Node) -> Option<&str> {
    node.name
        .as_ref()
        .filter(|n| n.ns == ns!(html))
        .map(|n| &*n.local)
}

/// Whether a link target is an absolute http(s) URL with a host or a
/// fragment of the page itself.
fn is_allowed_link(href: &str) -> bool {
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
    href.starts_with('#')
        || url::Url::parse(href)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// The page's text and its line starts, to place findings.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect();
        Self { starts }
    }

    /// The start of line `line` (from 1); past the end, the last line's.
    fn at(&self, line: u64) -> Pos {
        let index = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        Pos::at(
            self.starts
                .get(index)
                .or(self.starts.last())
                .copied()
                .unwrap_or(0),
        )
    }
}

/// The nodes under `root` (itself first) in document order.
fn in_order(nodes: &[Node], root: usize) -> Vec<usize> {
    let mut order = Vec::with_capacity(nodes.len());
    let mut stack = vec![root];
    while let Some(at) = stack.pop() {
        order.push(at);
        if let Some(node) = nodes.get(at) {
            stack.extend(node.children.iter().rev());
        }
    }
    order
}

/// The text under a node.
fn text_of(nodes: &[Node], root: usize) -> String {
    in_order(nodes, root)
        .into_iter()
        .filter_map(|at| match nodes.get(at).map(|n| &n.kind) {
            Some(Kind::Text(text)) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Checks an HTML page.
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
    let tree = html5ever::parse_document(Sink::new(), opts).one(StrTendril::from(text));
    let lines = Lines::new(text);
    for (line, error) in &tree.errors {
        messages.push(
            Class::HtmlParseError,
            lines.at(*line),
            format!("the page does not parse as HTML: {error}"),
        );
    }
    let nodes = &tree.nodes;
    let order = in_order(nodes, 0);
    let doctype = nodes
        .first()
        .into_iter()
        .flat_map(|d| &d.children)
        .find_map(|&c| match nodes.get(c).map(|n| &n.kind) {
            Some(Kind::Doctype(name)) => Some(name.as_str()),
            _ => None,
        });
    if !doctype.is_some_and(|name| name.eq_ignore_ascii_case("html")) {
        messages.push(
            Class::MissingDoctype,
            Pos::at(0),
            "the page does not start with `<!DOCTYPE html>`; browsers would render it in quirks mode",
        );
    }
    let elements: Vec<(&Node, &str)> = order
        .iter()
        .filter_map(|&at| nodes.get(at))
        .filter_map(|n| html_name(n).map(|name| (n, name)))
        .collect();
    let place = |node: &Node| lines.at(node.line);
    match elements.iter().find(|(_, name)| *name == "html") {
        Some((html, _)) if attribute(html, "lang").is_some_and(|l| !l.trim().is_empty()) => {}
        found => messages.push(
            Class::MissingLang,
            found.map_or(Pos::at(0), |(n, _)| place(n)),
            "`<html>` has no `lang`; expected the page's language, such as `lang=\"en\"`",
        ),
    }
    let utf8 = elements.iter().any(|(n, name)| {
        *name == "meta"
            && attribute(n, "charset").is_some_and(|c| c.trim().eq_ignore_ascii_case("utf-8"))
    });
    if !utf8 {
        messages.push(
            Class::MissingCharset,
            Pos::at(0),
            "the page has no `<meta charset=\"utf-8\">`; browsers may read it in another encoding",
        );
    }
    let titled = order.iter().any(|&at| {
        nodes.get(at).is_some_and(|n| html_name(n) == Some("title"))
            && !text_of(nodes, at).trim().is_empty()
    });
    if !titled {
        messages.push(
            Class::MissingTitle,
            Pos::at(0),
            "the page has no `<title>`, or an empty one; expected the page's name",
        );
    }
    check_headings(&elements, &place, messages);
    check_elements(nodes, &order, &place, messages);
}

/// One `<h1>`, and no heading more than one level below the one before.
fn check_headings(
    elements: &[(&Node, &str)],
    place: &dyn Fn(&Node) -> Pos,
    messages: &mut Messages,
) {
    let headings: Vec<(&Node, u8)> = elements
        .iter()
        .filter_map(|(n, name)| {
            let level = name.strip_prefix('h')?.parse::<u8>().ok()?;
            (1..=6).contains(&level).then_some((*n, level))
        })
        .collect();
    let h1s: Vec<&Node> = headings
        .iter()
        .filter(|(_, l)| *l == 1)
        .map(|(n, _)| *n)
        .collect();
    match h1s.as_slice() {
        [_] => {}
        [] => messages.push(
            Class::WrongH1Count,
            Pos::at(0),
            "the page has no `<h1>`; expected one, naming the page",
        ),
        [_, more @ ..] => {
            for n in more {
                messages.push(
                    Class::WrongH1Count,
                    place(n),
                    "a second `<h1>`; expected exactly one, naming the page",
                );
            }
        }
    }
    let mut before = 0u8;
    for (node, level) in headings {
        if level > before + 1 {
            messages.push(
                Class::SkippedHeadingLevel,
                place(node),
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
        before = level;
    }
}

/// Links, pictures, ids and fields.
fn check_elements(
    nodes: &[Node],
    order: &[usize],
    place: &dyn Fn(&Node) -> Pos,
    messages: &mut Messages,
) {
    let mut ids: HashMap<&str, u64> = HashMap::new();
    let mut labelled: HashSet<&str> = HashSet::new();
    for node in order.iter().filter_map(|&at| nodes.get(at)) {
        if html_name(node) == Some("label")
            && let Some(target) = attribute(node, "for")
        {
            labelled.insert(target);
        }
    }
    for &at in order {
        let Some(node) = nodes.get(at) else { continue };
        let Some(name) = html_name(node) else {
            continue;
        };
        if let Some(id) = attribute(node, "id") {
            if let Some(first) = ids.get(id) {
                messages.push(
                    Class::DuplicateId,
                    place(node),
                    format!("the id `{id}` is also on line {first}; ids must be unique"),
                );
            } else {
                ids.insert(id, node.line);
            }
        }
        match name {
            "a" | "link" => {
                if let Some(href) = attribute(node, "href")
                    && !is_allowed_link(href)
                {
                    messages.push(
                        Class::NotAbsoluteLink,
                        place(node),
                        format!(
                            "`<{name} href=\"{href}\">` is not an absolute http(s) URL; expected one, or a fragment such as `#top`"
                        ),
                    );
                }
            }
            "img" if attribute(node, "alt").is_none() => messages.push(
                Class::MissingAlt,
                place(node),
                "`<img>` has no `alt`; expected a text for people who cannot see it (`alt=\"\"` for decoration)",
            ),
            "input" if !is_labelled(nodes, at, &labelled) => messages.push(
                Class::UnlabelledInput,
                place(node),
                "`<input>` has no label; expected a `<label for>` naming its id, an enclosing `<label>` or an `aria-label`",
            ),
            _ => {}
        }
    }
}

/// Whether the input at `at` has a label (hidden inputs need none).
fn is_labelled(nodes: &[Node], at: usize, labelled: &HashSet<&str>) -> bool {
    let Some(node) = nodes.get(at) else {
        return true;
    };
    let named = |attr: &str| attribute(node, attr).is_some_and(|v| !v.trim().is_empty());
    if attribute(node, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
        || named("aria-label")
        || named("aria-labelledby")
        || attribute(node, "id").is_some_and(|id| labelled.contains(id))
    {
        return true;
    }
    let mut parent = node.parent;
    while let Some(p) = parent.and_then(|p| nodes.get(p)) {
        if html_name(p) == Some("label") {
            return true;
        }
        parent = p.parent;
    }
    false
}

#[cfg(test)]
mod tests;
