//! `feedpub validate`: an offline validator for any RSS 2.0 or Atom 1.0
//! document, in the spirit of the W3C Feed Validation Service.
//!
//! The document is read once ([`xml`]) into a small tree, then checked by
//! the rules of its format ([`rss_rules`], [`atom_rules`]). Every message has
//! a severity, a stable class name ([`Class`]), a line and column, and a
//! plain-English explanation.

mod atom_rules;
mod classes;
mod html;
mod rss_rules;
mod values;
pub mod xml;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use serde::Serialize;

pub use classes::Class;

use crate::diagnostic::Severity;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pos {
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Error or warning.
    pub severity: Severity,
    /// The stable class name, such as `InvalidRFC822Date`.
    pub class: Class,
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

/// The findings of one document, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    list: Vec<Message>,
}

impl Messages {
    /// Adds a finding of a class at a place.
    pub fn push(&mut self, class: Class, pos: Pos, message: impl Into<String>) {
        self.list.push(Message {
            severity: class.severity(),
            class,
            line: pos.line,
            column: pos.column,
            message: message.into(),
        });
    }

    /// All findings, sorted by place (stable, so same-place findings keep
    /// their order).
    pub fn into_sorted(mut self) -> Vec<Message> {
        self.list.sort_by_key(|m| (m.line, m.column));
        self.list
    }
}

/// Which format a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FeedFormat {
    /// RSS 2.0 (or a 0.9x version it extends).
    Rss,
    /// Atom 1.0.
    Atom,
}

/// What the validator may be told about a document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the feed is published; its `rel="self"` link must say so.
    pub url: Option<String>,
}

/// Ids seen, with the line of each: borrowed from the document where
/// they can be, in a map with a fast, randomly seeded hash (a feed has
/// one id per entry, and a hostile feed should not be able to choose
/// colliding ones).
type Ids<'a> = std::collections::HashMap<Cow<'a, str>, usize, foldhash::fast::RandomState>;

/// Marks name number `index` (of a list of at most 64) as seen in `seen`;
/// whether it was seen before.
fn seen_before(seen: &mut u64, index: usize) -> bool {
    let bit = 1u64 << index;
    let before = *seen & bit != 0;
    *seen |= bit;
    before
}

/// The largest document read, in bytes.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Validates a document's bytes.
pub fn validate(bytes: &[u8], options: &Options) -> Vec<Message> {
    let mut messages = Messages::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let head = &bytes[..e.valid_up_to()];
            let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&head[line_start..]).chars().count() + 1;
            messages.push(
                Class::NotUTF8,
                Pos { line, column },
                format!(
                    "byte {} is not UTF-8; feeds must be encoded in UTF-8",
                    e.valid_up_to()
                ),
            );
            return messages.into_sorted();
        }
    };
    check_document(text, options, &mut messages);
    messages.into_sorted()
}

/// Checks a document known to be UTF-8.
fn check_document<'a>(text: &'a str, options: &Options, messages: &mut Messages) {
    let mut items = rss_rules::Items::default();
    let mut entries = atom_rules::Entries::default();
    let mut on_entry = |node: &xml::Node<'a>, messages: &mut Messages| {
        if node.ns == xml::Ns::Atom {
            entries.check(node, messages);
        } else {
            items.check(node, messages);
        }
    };
    let root = xml::parse(text, messages, &mut on_entry);
    if let Some(root) = root {
        match (&root.ns, root.name.as_ref()) {
            (xml::Ns::None, "rss") => rss_rules::check(&root, options, messages),
            (xml::Ns::Atom, "feed") => {
                atom_rules::check(&root, options, messages);
                entries.finish(&root, messages);
            }
            (ns, "feed") => messages.push(
                Class::InvalidNamespace,
                root.pos,
                format!(
                    "the `feed` element is in namespace `{}`; Atom 1.0 is `{}`",
                    ns.uri(),
                    xml::ATOM_NS
                ),
            ),
            (_, "RDF") => messages.push(
                Class::UnknownRoot,
                root.pos,
                "this is RSS 1.0 (RDF); expected RSS 2.0 `<rss>` or Atom 1.0 `<feed>`",
            ),
            _ => messages.push(
                Class::UnknownRoot,
                root.pos,
                format!(
                    "the root element is `<{}>`; expected RSS 2.0 `<rss>` or Atom 1.0 `<feed>`",
                    root.qname
                ),
            ),
        }
    }
}

/// Reads and validates a file, refusing files over [`MAX_BYTES`] before
/// reading them.
pub fn validate_file(path: &Path, options: &Options) -> std::io::Result<Vec<Message>> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_BYTES {
        let mut messages = Messages::default();
        messages.push(
            Class::TooLarge,
            Pos { line: 1, column: 1 },
            format!("the file has {size} bytes; the validator reads at most {MAX_BYTES}"),
        );
        return Ok(messages.into_sorted());
    }
    let bytes = std::fs::read(path)?;
    Ok(validate(&bytes, options))
}

/// A message placed in a file, for printing.
pub struct Located<'a> {
    /// The file.
    pub path: &'a Path,
    /// The message.
    pub message: &'a Message,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.message;
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path.display(),
            m.line,
            m.column,
            m.severity,
            m.class.name(),
            m.message
        )
    }
}

/// Whether escaped HTML passes every content check: well-formed, no
/// relative references, nothing readers refuse to run.
pub fn html_is_clean(html: &str) -> bool {
    html::well_formed(html).is_none()
        && html::relative_refs(html, None).is_none()
        && html::security_risk(html).is_none()
}
