//! `feedpub validate`: an offline validator for any RSS 2.0, Atom 1.0 or
//! JSON Feed document, in the spirit of the W3C Feed Validation Service,
//! and for OPML subscription lists and HTML pages such as the build's
//! `index.html` (the `page` module).
//!
//! The document is read once ([`xml`]) into a small tree, then checked by
//! the rules of its format (`rss_rules`, `atom_rules`). Every message has
//! a severity, a stable class name ([`Class`]), a line and column, and a
//! plain-English explanation.

mod atom_attrs;
mod atom_content;
mod atom_entries;
mod atom_rules;
mod atom_thread;
mod attribute_budget;
mod classes;
mod email;
mod encoding;
mod history;
mod html;
mod html_scan;
mod json_feed;
mod link_rel;
mod media_rules;
mod media_values;
mod opml;
mod page;
mod reference;
mod rss1;
mod rss_channel;
mod rss_rules;
mod rss_shape;
pub(crate) mod values;
mod vocab;
pub mod xml;
mod xml_char;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use serde::Serialize;

pub use classes::Class;

use crate::diagnostic::Severity;

/// A place in the document: a byte offset. It becomes a line and a
/// column only for the findings reported, when they are sorted
/// ([`Messages::into_sorted`]); counting lines and columns for every
/// element cost a tenth of validating a large feed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos(usize);

impl Pos {
    /// The place `offset` bytes into the document.
    pub fn at(offset: usize) -> Self {
        Self(offset)
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Error or warning.
    pub severity: Severity,
    /// The stable class name, such as `InvalidRFC822Date`.
    pub class: Class,
    /// Line, from 1.
    pub line: usize,
    /// Column, in characters, from 1.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

/// A finding not yet placed by line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    class: Class,
    at: Pos,
    message: String,
    /// A place whose line number ends the message.
    line_of: Option<Pos>,
}

/// The most findings of one class listed for a document; the rest are
/// counted, and one more finding of the class says how many there were.
/// A hostile document could otherwise make a finding (and its memory)
/// for every few bytes.
pub const MAX_PER_CLASS: usize = 1_000;

/// The findings of one document, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    list: Vec<Pending>,
    /// Findings of each class so far, listed or not.
    counts: std::collections::BTreeMap<Class, usize>,
    /// How relative references are judged in this document.
    references: reference::Policy,
}

impl Messages {
    /// No findings yet, for a document validated with `options`.
    pub fn for_document(options: &Options) -> Self {
        Self {
            references: reference::Policy {
                document_url: options.url.is_some(),
                own_output: options.own_output,
            },
            ..Self::default()
        }
    }

    /// Adds a finding of a class at a place.
    pub fn push(&mut self, class: Class, pos: Pos, message: impl Into<String>) {
        let Some(class) = self.references.judged(class) else {
            return;
        };
        if self.listed(class) {
            self.list.push(Pending {
                class,
                at: pos,
                message: message.into(),
                line_of: None,
            });
        }
    }

    /// Adds a finding whose message ends with the line number of another
    /// place (`"... also on line "` + the line).
    pub fn push_naming_line(&mut self, class: Class, pos: Pos, message: String, other: Pos) {
        let Some(class) = self.references.judged(class) else {
            return;
        };
        if self.listed(class) {
            self.list.push(Pending {
                class,
                at: pos,
                message,
                line_of: Some(other),
            });
        }
    }

    /// Counts a finding of `class`; whether it is listed.
    fn listed(&mut self, class: Class) -> bool {
        let count = self.counts.entry(class).or_default();
        *count += 1;
        *count <= MAX_PER_CLASS
    }

    /// All findings, placed in `text` (the document) and sorted by place
    /// (stable, so same-place findings keep their order). Places are
    /// counted in one pass over the text, in order.
    pub fn into_sorted(mut self, text: &str) -> Vec<Message> {
        for (&class, &count) in &self.counts {
            if count > MAX_PER_CLASS {
                // After the last one listed, so it reads as a summary.
                let last = self
                    .list
                    .iter()
                    .rev()
                    .find(|p| p.class == class)
                    .map_or(Pos::at(0), |p| p.at);
                self.list.push(Pending {
                    class,
                    at: last,
                    message: format!(
                        "{} more findings of this class are not listed ({count} in all)",
                        count - MAX_PER_CLASS
                    ),
                    line_of: None,
                });
            }
        }
        self.list.sort_by_key(|p| p.at);
        let mut offsets: Vec<usize> = self
            .list
            .iter()
            .flat_map(|p| [Some(p.at.0), p.line_of.map(|o| o.0)])
            .flatten()
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let places = places(text, &offsets);
        let place = |pos: Pos| places[offsets.partition_point(|&o| o < pos.0)];
        self.list
            .into_iter()
            .map(|p| {
                let (line, column) = place(p.at);
                let mut message = p.message;
                if let Some(other) = p.line_of {
                    message.push_str(&place(other).0.to_string());
                }
                Message {
                    severity: p.class.severity(),
                    class: p.class,
                    line,
                    column,
                    message,
                }
            })
            .collect()
    }
}

/// The 1-based line and column (in characters) of each of `offsets`
/// (ascending) in `text`; an offset past the end counts as the end. Lines
/// end as XML ends them: LF, CR LF, or CR.
fn places(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut at, mut line, mut column) = (0, 1, 1);
    offsets
        .iter()
        .map(|&offset| {
            let offset = offset.min(bytes.len());
            let mut counted_from = at;
            // A line ends at LF, CR LF, or a CR alone (XML 1.0 §2.11).
            for newline in memchr::memchr2_iter(b'\n', b'\r', &bytes[at..offset]) {
                let end = at + newline;
                if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    continue;
                }
                line += 1;
                column = 1;
                counted_from = end + 1;
            }
            // Columns count characters: every byte but UTF-8 continuations.
            column += bytes[counted_from..offset]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            at = offset;
            (line, column)
        })
        .collect()
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
    /// Where the feed is published; its `rel="self"` link must say so,
    /// and relative references resolve against it.
    pub url: Option<String>,
    /// The document is feedpub's own output (`build`), held to stricter
    /// rules than a third party's: every reference absolute.
    pub own_output: bool,
}

/// Ids seen, with the place of each: borrowed from the document where
/// they can be, in a map with std's randomly seeded hash (a feed has one
/// id per entry, and a hostile feed should not be able to choose
/// colliding ones).
type Ids<'a> = std::collections::HashMap<Cow<'a, str>, Pos>;

/// How many ids the map of a document of `len` bytes is made to hold at
/// its first id, so that a large feed's map is not grown, and every id
/// hashed again, a dozen times over (a sixth of the time spent on ids in
/// a feed of 100,000 entries). An entry of a real feed takes more than
/// 512 bytes (feedpub's about 600); a feed of smaller ones grows its map
/// as usual. A slot takes 33 bytes, and the table rounds its size up to
/// a power of two, so the map made takes 7% to 15% of the document's size
/// in memory: about what a feed of 512-byte entries grows it to anyway.
fn expected_ids(len: usize) -> usize {
    len / 512
}

/// Marks name number `index` (of a list of at most 64) as seen in `seen`;
/// whether it was seen before.
fn seen_before(seen: &mut u64, index: usize) -> bool {
    let bit = 1u64 << index;
    let before = *seen & bit != 0;
    *seen |= bit;
    before
}

/// The largest document read, in bytes. The validator reads the whole
/// document into memory (the element tree borrows its text, which is
/// what makes it fast), and holds little else: an entry at a time, and
/// the ids seen. A feed of 150 MiB peaks near its own size in memory
/// (docs/validation.md has the measure). 1 GiB is far past any feed
/// `build` writes (140,000 articles are about 100 MiB) and still a size
/// a machine can hold.
pub const MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// Validates a document's bytes.
pub fn validate(bytes: &[u8], options: &Options) -> Vec<Message> {
    let mut messages = Messages::for_document(options);
    // No XML document starts with `{` or `[`: those are JSON (a JSON
    // Feed is an object; an array is reported as not one). JSON is
    // UTF-8 (RFC 8259 section 8.1), whatever it says.
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let unmarked = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = unmarked
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if matches!(first, Some(b'{' | b'[')) {
        return match encoding::utf8(unmarked, &mut messages) {
            Ok(decoded) => {
                json_feed::check(&decoded.text, bom, options, &mut messages);
                messages.into_sorted(&decoded.text)
            }
            Err(undecodable) => messages.into_sorted(&undecodable.head),
        };
    }
    match encoding::decode(bytes, &mut messages) {
        Ok(decoded) if is_html(&decoded.text) => {
            page::check(&decoded.text, &mut messages);
            messages.into_sorted(&decoded.text)
        }
        Ok(decoded) => {
            check_document(&decoded.text, options, &mut messages);
            messages.into_sorted(&decoded.text)
        }
        Err(undecodable) => messages.into_sorted(&undecodable.head),
    }
}

/// Whether a document is an HTML page: it starts (after blanks) with
/// `<!DOCTYPE html` in any case, which no feed does.
fn is_html(text: &str) -> bool {
    const DOCTYPE: &str = "<!doctype html";
    text.trim_start_matches([' ', '\t', '\n', '\r'])
        .get(..DOCTYPE.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(DOCTYPE))
}

/// Validates a document as an HTML page (see the `page` module), whatever it
/// starts with: a page without its doctype is still checked as a page.
pub fn validate_page(bytes: &[u8]) -> Vec<Message> {
    let mut messages = Messages::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            page::check(text, &mut messages);
            messages.into_sorted(text)
        }
        Err(_) => validate(bytes, &Options::default()),
    }
}

/// Whether a file is named like an HTML page (`.html`, `.htm`).
pub fn is_page_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Checks an XML document, decoded.
fn check_document<'a>(text: &'a str, options: &Options, messages: &mut Messages) {
    let expected = expected_ids(text.len());
    let mut items = rss_rules::Items::new(expected);
    let mut rss1_items = rss1::Items::default();
    let mut entries = atom_entries::Entries::new(options, expected);
    let mut outlines = opml::Outlines::default();
    // Items and entries are checked whole as they end, categories (of
    // which an entry may hold thousands) one by one: neither is kept.
    let mut on_close = |node: &xml::Node<'a>, stack: &[xml::Node<'a>], messages: &mut Messages| {
        if outlines.take(node, stack, messages) {
            return true;
        }
        if xml::is_entry(node, stack) {
            history::in_entry(node, messages);
            match node.ns {
                xml::Ns::Atom => entries.check(node, messages),
                xml::Ns::None => items.check(node, messages),
                _ => rss1_items.check(node, messages),
            }
            return true;
        }
        let Some(parent) = stack.last() else {
            return false;
        };
        match (
            &node.ns,
            node.name.as_ref(),
            &parent.ns,
            parent.name.as_ref(),
        ) {
            (xml::Ns::None, "category", xml::Ns::None, "item" | "channel") => true,
            (xml::Ns::Atom, "category", xml::Ns::Atom, "entry" | "feed" | "source") => {
                atom_rules::category(node, messages);
                true
            }
            _ => false,
        }
    };
    let root = xml::parse(text, messages, &mut on_close);
    if let Some(root) = root {
        match (&root.ns, root.name.as_ref()) {
            (xml::Ns::None, "rss") => rss_rules::check(&root, options, messages),
            (xml::Ns::None, "opml") => opml::check(&root, &outlines, messages),
            (xml::Ns::Atom, "feed") => {
                atom_rules::check(&root, options, messages);
                entries.finish(&root, messages);
            }
            (xml::Ns::Atom, "entry") => atom_entries::check_document(&root, options, messages),
            (ns, "feed") => messages.push(
                Class::InvalidNamespace,
                root.pos,
                format!(
                    "the `feed` element is in namespace `{}`; Atom 1.0 is `{}`",
                    ns.uri(),
                    xml::ATOM_NS
                ),
            ),
            (xml::Ns::Other(uri), "RDF") if uri == rss1::RDF_NS => rss1::check(&root, messages),
            _ => messages.push(
                Class::UnknownRoot,
                root.pos,
                format!(
                    "the root element is `<{}>`; expected RSS 2.0 `<rss>` or Atom 1.0 `<feed>` (or `<entry>`)",
                    root.qname
                ),
            ),
        }
    }
}

/// Reads and validates a file, refusing files over [`MAX_BYTES`] before
/// reading them. A file named `.html` or `.htm` is checked as a page.
pub fn validate_file(path: &Path, options: &Options) -> std::io::Result<Vec<Message>> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_BYTES {
        let mut messages = Messages::for_document(options);
        messages.push(
            Class::TooLarge,
            Pos::at(0),
            format!(
                "the file has {size} bytes; the validator reads at most {MAX_BYTES} (1 GiB), the whole document in memory"
            ),
        );
        return Ok(messages.into_sorted(""));
    }
    let bytes = std::fs::read(path)?;
    if is_page_name(path) {
        return Ok(validate_page(&bytes));
    }
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
            crate::diagnostic::show(self.path),
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
    html::is_clean(html)
}

#[cfg(test)]
mod tests;
