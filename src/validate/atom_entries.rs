//! Atom entries as a whole (RFC 4287): the entries of a feed, checked one
//! at a time as the parser completes them, what depends on all of them
//! (authors, repeated ids, metadata after them), and the Atom Entry
//! Document, an `<entry>` standing alone as the root (section 2).

use super::atom_rules::check_entry;
use super::xml::{Node, Ns};
use super::{Class, Ids, Messages, Options, Pos};

/// Checks a feed's entries one at a time, as the parser completes them.
/// Whether an entry lacking an author needs one depends on the feed's own
/// author, which may come after the entries: [`Entries::finish`] decides,
/// and reports the feed's metadata that follows an entry.
#[derive(Debug, Default)]
pub struct Entries<'a> {
    ids: Ids<'a>,
    without_author: Vec<Pos>,
    /// Where the first entry starts.
    first: Option<Pos>,
    /// The document is feedpub's own output: a repeated id is an error.
    own_output: bool,
    /// The ids the map is made to hold at the first entry.
    expected: usize,
}

impl<'a> Entries<'a> {
    /// No entries yet, in a document validated with `options`.
    /// It is expected to hold `expected` ids at most (see
    /// [`super::expected_ids`]).
    pub fn new(options: &Options, expected: usize) -> Self {
        Self {
            own_output: options.own_output,
            expected,
            ..Self::default()
        }
    }

    /// Checks one entry.
    pub fn check(&mut self, entry: &Node<'a>, messages: &mut Messages) {
        if self.first.is_none() {
            self.ids.reserve(self.expected);
        }
        self.first.get_or_insert(entry.pos);
        if check_entry(entry, &mut self.ids, duplicate(self.own_output), messages) {
            self.without_author.push(entry.pos);
        }
    }

    /// Reports the entries without an author when the feed has none, and
    /// the feed's metadata elements that come after its first entry.
    pub fn finish(self, feed: &Node, messages: &mut Messages) {
        if let Some(first) = self.first {
            // The entries themselves were taken out of the tree as they
            // ended: what is left is metadata and extensions.
            for late in feed
                .children
                .iter()
                .filter(|c| c.ns == Ns::Atom && c.name != "entry" && c.pos > first)
            {
                messages.push(
                    Class::MisplacedMetadata,
                    late.pos,
                    format!(
                        "`<{}>` comes after the first `<entry>`; the feed's own elements go before its entries",
                        late.qname
                    ),
                );
            }
        }
        if feed.child(&Ns::Atom, "author").is_some() {
            return;
        }
        for pos in self.without_author {
            messages.push(
                Class::MissingAuthor,
                pos,
                "the entry has no `<author>`, and neither does the feed",
            );
        }
    }
}

/// How a second entry with an id already seen is reported. RFC 4287
/// section 4.1.1 lets a feed hold several versions of one entry (the same
/// `id`, different `updated`), which readers show as one: a warning. In
/// feedpub's own output every article is one entry, so it is an error.
fn duplicate(own_output: bool) -> Class {
    if own_output {
        Class::DuplicateEntryId
    } else {
        Class::DuplicateEntries
    }
}

/// Checks an Atom Entry Document: an `<entry>` as the root, which has no
/// feed to take an author from.
pub fn check_document(entry: &Node, options: &Options, messages: &mut Messages) {
    let mut ids = Ids::default();
    if check_entry(entry, &mut ids, duplicate(options.own_output), messages) {
        messages.push(
            Class::MissingAuthor,
            entry.pos,
            "the entry has no `<author>`, and no `<source>` with one; standing alone, it has no feed to take one from",
        );
    }
}
