//! The element tree a document is read into: namespaces, attributes
//! and elements, borrowing the document where they can.

use std::borrow::Cow;
use std::rc::Rc;

use url::Url;

use super::Pos;

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
pub(super) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

impl Ns {
    pub(super) fn of(uri: &[u8]) -> Self {
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
