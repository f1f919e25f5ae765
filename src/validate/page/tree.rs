//! The tree's shape as the parser builds it: each node linked to its
//! neighbours, and the moves the tree builder makes (adding, taking out
//! and putting in nodes).

use html5ever::QualName;

use super::Sink;

/// A node's handle: its index in the tree and its name, which never
/// changes (the tree builder reads names while it changes the tree).
#[derive(Debug)]
pub(super) struct Handle {
    pub(super) index: u32,
    pub(super) name: QualName,
}

/// No node.
pub(super) const NONE: u32 = u32::MAX;

/// A node of the tree, as links to its neighbours: the checks need only
/// the ancestors of each field, and the tree builder moves nodes about
/// (adoption, foster parenting) before the tree is final. Attributes and
/// text are checked as they come, never kept.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    pub(super) parent: u32,
    pub(super) first: u32,
    last: u32,
    prev: u32,
    pub(super) next: u32,
    /// Its depth when it was put in place (moved nodes' descendants keep
    /// theirs: it bounds the parser's work, nothing more).
    depth: u32,
    /// What the checks need to know of it.
    pub(super) kind: NodeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NodeKind {
    Label,
    Title,
    Html,
    Other,
}

impl Sink<'_> {
    pub(super) fn add(&self, kind: NodeKind) -> u32 {
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

    pub(super) fn node(nodes: &mut [Node], index: u32) -> Option<&mut Node> {
        nodes.get_mut(usize::try_from(index).ok()?)
    }

    /// Takes `child` out of its parent.
    pub(super) fn detach(nodes: &mut [Node], child: u32) {
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
    pub(super) fn insert(nodes: &mut [Node], parent: u32, before: u32, child: u32) -> u32 {
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
}
