//! The feed set: which feeds an entry belongs to, and the folders, names
//! and titles of the section and tag feeds a build finds.
//!
//! Two spellings of a tag or section that differ only in case, Unicode
//! normalisation or blanks are one term ([`term_key`]). Each term's feed
//! lives in a folder named by its slug ([`crate::text::slug`]); when two
//! terms would share a folder, the one first used (by the published time
//! of its earliest article, then by file) keeps it, and the others get
//! `-2`, `-3` ... in the same order, with a warning naming both: adding a
//! newer article never moves an existing feed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::config::Person;
use crate::config::feeds::{FamilyOptions, Filter};
use crate::diagnostic::Diagnostic;

/// The key of a tag, section or author name: NFC, lower case, runs of
/// blanks as one space, none at either end. Borrowed when the text is one
/// already (plain lower-case ASCII words, the usual case).
pub fn term_key(text: &str) -> Cow<'_, str> {
    match ascii_term(text) {
        // ASCII is its own NFC; only its case may need folding.
        Some(true) => Cow::Owned(text.to_ascii_lowercase()),
        Some(false) => Cow::Borrowed(text),
        None => unicode_key(text),
    }
}

/// Term keys already made, by spelling, for text that is not its own key:
/// a worker meets the same few hundred tags and names again and again,
/// and such a key (NFC, lower case, blanks) took about 900 instructions,
/// three times an article (a rerun of a feed set of 100,000 cached
/// articles spent a quarter of its time there). A key found here is
/// shared, not copied: `Transport` costs no new string for each article
/// it tags. At most [`Self::MOST`] spellings are kept, so a corpus of a
/// million distinct tags costs no more than this.
#[derive(Debug, Default)]
pub struct KeyMemo {
    made: std::cell::RefCell<std::collections::HashMap<Box<str>, Arc<str>>>,
}

impl KeyMemo {
    /// Spellings kept at most.
    pub const MOST: usize = 4096;

    /// The key of a term that is not its own key, from the memo or made
    /// and kept.
    fn key(&self, text: &str) -> Arc<str> {
        if let Some(key) = self.made.borrow().get(text) {
            return Arc::clone(key);
        }
        let key: Arc<str> = Arc::from(&*term_key(text));
        let mut made = self.made.borrow_mut();
        if made.len() < Self::MOST {
            made.insert(text.into(), Arc::clone(&key));
        }
        key
    }
}

/// Whether a term is plain ASCII words, single-spaced, with no blank at
/// either end: then its key is itself in ASCII lower case, and two terms
/// are one when they are equal ignoring ASCII case. A key made by
/// [`term_key`] has no ASCII upper case, so a term of this kind can be
/// compared with a key in the same way, and two keys too: the usual
/// tag's key need not be made at all.
pub fn is_ascii_term(text: &str) -> bool {
    ascii_term(text).is_some()
}

/// For a term [`is_ascii_term`] accepts, whether it has ASCII upper case;
/// `None` for any other. One look at each byte (a substring search for two
/// spaces cost more than the rest).
fn ascii_term(text: &str) -> Option<bool> {
    let mut upper = false;
    // After a space, or at the start: a space here would be one too many.
    let mut after_space = true;
    for &b in text.as_bytes() {
        if b == b' ' {
            if after_space {
                return None;
            }
            after_space = true;
        } else if !b.is_ascii() || b.is_ascii_whitespace() {
            return None;
        } else {
            upper |= b.is_ascii_uppercase();
            after_space = false;
        }
    }
    // A space last is one too many, unless the text is empty.
    (!after_space || text.is_empty()).then_some(upper)
}

/// A term's key (see [`term_key`]) as an entry's keys hold it: the term
/// itself when it is its own key, or a key made for it, shared through a
/// [`KeyMemo`] by every entry of the same spelling.
#[derive(Debug, Clone)]
pub enum Key<'t> {
    /// The term is its own key.
    Same(&'t str),
    /// A key made for the term.
    Made(Arc<str>),
}

impl Key<'_> {
    /// The key of `text`, looked for in `memo` first when one is given.
    fn of<'t>(text: &'t str, memo: Option<&KeyMemo>) -> Key<'t> {
        if ascii_term(text) == Some(false) {
            return Key::Same(text);
        }
        match memo {
            Some(memo) => Key::Made(memo.key(text)),
            None => Key::Made(Arc::from(&*term_key(text))),
        }
    }
}

/// Keys are equal when their text is, however each is held.
impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Key<'_> {}

impl std::ops::Deref for Key<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Self::Same(text) => text,
            Self::Made(key) => key,
        }
    }
}

/// [`term_key`] of a term that is not plain ASCII: NFC, lower case, blanks
/// folded.
fn unicode_key(text: &str) -> Cow<'_, str> {
    let nfc: Cow<'_, str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    };
    let lower = nfc.to_lowercase();
    let single_spaced = !lower.starts_with(' ')
        && !lower.ends_with(' ')
        && !lower.contains("  ")
        && !lower.chars().any(|c| c.is_whitespace() && c != ' ');
    if single_spaced {
        return Cow::Owned(lower);
    }
    Cow::Owned(lower.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The authors of an entry, as the entry or a ranking record holds them.
#[derive(Debug, Clone, Copy)]
pub enum Authors<'a> {
    /// As normalised.
    People(&'a [Person]),
    /// Names only.
    Names(&'a [String]),
}

impl<'a> Authors<'a> {
    /// Their names.
    pub fn names(self) -> impl Iterator<Item = &'a str> {
        let (people, names) = match self {
            Self::People(p) => (p, &[][..]),
            Self::Names(n) => (&[][..], n),
        };
        people
            .iter()
            .map(|p| p.name.as_str())
            .chain(names.iter().map(String::as_str))
    }
}

/// What decides which feeds an entry is in.
#[derive(Debug, Clone, Copy)]
pub struct Membership<'a> {
    /// Its section, as spelled.
    pub section: Option<&'a str>,
    /// Its tags, as spelled.
    pub tags: &'a [String],
    /// Its authors.
    pub authors: Authors<'a>,
}

impl Membership<'static> {
    /// No section, tag or author.
    pub const NONE: Self = Self {
        section: None,
        tags: &[],
        authors: Authors::Names(&[]),
    };
}

impl<'m> Membership<'m> {
    /// The keys of its section, tags and authors, each made once.
    pub fn keys(&self) -> Keys<'m> {
        self.keys_with(None, true)
    }

    /// [`Self::keys`], with the keys made before in `memo`; its authors'
    /// only when `authors` (a feed's filter names authors).
    pub fn keys_with(&self, memo: Option<&KeyMemo>, authors: bool) -> Keys<'m> {
        let key = |text| Key::of(text, memo);
        let mut keys = Keys::default();
        if let Some(section) = self.section {
            let key = key(section);
            if !key.is_empty() {
                keys.section = Some((key, section));
            }
        }
        for tag in self.tags {
            let key = key(tag);
            if !key.is_empty() && !keys.tags.iter().any(|(k, _)| *k == key) {
                keys.tags.push((key, tag));
            }
        }
        if authors {
            keys.authors = self.authors.names().map(key).collect();
        }
        keys
    }
}

/// The keys of what places an entry in the set (see [`term_key`]): made
/// once per entry, then looked up in every feed's filter and group.
#[derive(Debug, Default)]
pub struct Keys<'m> {
    /// Its section's key and spelling.
    pub section: Option<(Key<'m>, &'m str)>,
    /// Its tags' keys, each once, with the first spelling.
    pub tags: Vec<(Key<'m>, &'m str)>,
    /// Its authors' keys, when asked for.
    pub authors: Vec<Key<'m>>,
}

impl Filter {
    /// Whether an entry of these keys passes the filter: a lookup in a set
    /// for each of its few keys, however long the filter's lists.
    pub fn admits(&self, keys: &Keys<'_>) -> bool {
        let has_tag = |key: &str| keys.tags.iter().any(|(k, _)| &**k == key);
        (self.any_tags.is_empty() || keys.tags.iter().any(|(k, _)| self.any_tags.contains(&**k)))
            // An entry has at most a few dozen tags: a longer list of tags
            // it must all have turns it away without a look.
            && self.all_tags.len() <= keys.tags.len()
            && self.all_tags.iter().all(|k| has_tag(k))
            && (self.sections.is_empty()
                || keys
                    .section
                    .as_ref()
                    .is_some_and(|(k, _)| self.sections.contains(&**k)))
            && (self.authors.is_empty() || keys.authors.iter().any(|k| self.authors.contains(&**k)))
    }
}

/// Where a term was first used: what orders terms that share a slug.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FirstUse {
    /// The earliest published instant of its articles (seconds, nanoseconds).
    pub published: (i64, u32),
    /// That article's file, by listing index.
    pub file: u32,
    /// The term as that article spells it.
    pub spelling: String,
}

/// A section or tag feed found in a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The term's key.
    pub key: String,
    /// Its name, as first spelled.
    pub name: String,
    /// Its folder under the output folder, ending in `/`.
    pub path: String,
}

/// Names the feeds of a family (`dir` is `sections` or `tags`): each
/// term, with its first use, gets a folder; shared slugs are told apart
/// as the module documentation says, each with a warning against the
/// article (`files`) that first used the later term.
///
/// Terms are placed in the order of their first use, each in its own
/// slug's folder if no earlier term holds it, else in the first
/// `<slug>-<n>` free: a term's folder depends only on the terms used
/// before it, so newer articles never move a feed (a newer tag `C 2`,
/// whose own slug `c-2` an older `C++` holds, goes to `c-2-2`).
pub fn name_family(
    dir: &str,
    what: &str,
    terms: &BTreeMap<String, FirstUse>,
    files: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Named> {
    let mut order: Vec<(&FirstUse, &String)> =
        terms.iter().map(|(key, first)| (first, key)).collect();
    order.sort();
    // Each folder taken, with the spelling of the term holding it; and
    // per slug the next suffix to try, so that a thousand terms of one
    // slug take linear time, not quadratic.
    let mut holders: HashMap<String, &str> = HashMap::with_capacity(order.len());
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut named = Vec::with_capacity(order.len());
    for (first, key) in order {
        let slug = slug_of(dir, key);
        let folder = if holders.contains_key(&slug) {
            let n = next.entry(slug.clone()).or_insert(2);
            let mut alternative = format!("{slug}-{n}");
            while holders.contains_key(&alternative) {
                *n += 1;
                alternative = format!("{slug}-{n}");
            }
            *n += 1;
            let path = format!("{dir}/{alternative}/");
            let keeper = holders.get(&slug).copied().unwrap_or_default();
            let file = files.get(first.file as usize).cloned().unwrap_or_default();
            diagnostics.push(Diagnostic::warning(
                "shared-slug",
                &file,
                format!(
                    "{what}s `{keeper}` and `{}` would share the feed folder `{dir}/{slug}/`; `{keeper}` keeps it (used first) and `{}` is published at `{path}`",
                    first.spelling, first.spelling
                ),
            ));
            alternative
        } else {
            slug
        };
        holders.insert(folder.clone(), first.spelling.as_str());
        named.push(Named {
            key: key.clone(),
            name: first.spelling.clone(),
            path: format!("{dir}/{folder}/"),
        });
    }
    named.sort_by(|a, b| a.path.cmp(&b.path));
    named
}

/// A term's slug, or for a term with no letter or digit a stable name made
/// from a hash of it.
fn slug_of(dir: &str, key: &str) -> String {
    let slug = crate::text::slug::slug(key);
    if slug.is_empty() {
        let kind = dir.trim_end_matches('s');
        format!(
            "{kind}-{:08x}",
            crate::build::cache::fnv1a(key.as_bytes()) as u32
        )
    } else {
        slug
    }
}

/// A family feed's title or description from its template.
pub fn fill(template: &str, name: &str, site: &str) -> String {
    template.replace("{name}", name).replace("{site}", site)
}

/// The title and description of a family feed of the term `key`, first
/// spelled `name` (the family's `names` may say otherwise).
pub fn family_text(family: &FamilyOptions, key: &str, name: &str, site: &str) -> (String, String) {
    let name = family.names.get(key).map_or(name, String::as_str);
    (
        fill(&family.title, name, site),
        fill(&family.description, name, site),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_keys() {
        let rows: &[(&str, &str)] = &[
            // Plain lower-case words are their own key.
            ("climate", "climate"),
            // Case does not count.
            ("Climate", "climate"),
            // Nor do blanks around or between words.
            ("  Middle   East ", "middle east"),
            // A tab is a blank too.
            ("a\tb", "a b"),
            // One blank at either end, or two inside, is not plain.
            ("Trailing ", "trailing"),
            (" leading", "leading"),
            ("two  spaces", "two spaces"),
            // Nothing is nothing.
            ("", ""),
            // Composed and decomposed accents are one key.
            ("Cafe\u{301}", "caf\u{e9}"),
            ("Caf\u{e9}", "caf\u{e9}"),
            // Scripts without case are kept.
            (
                "\u{627}\u{642}\u{62a}\u{635}\u{627}\u{62f}",
                "\u{627}\u{642}\u{62a}\u{635}\u{627}\u{62f}",
            ),
        ];
        let memo = KeyMemo::default();
        for (text, key) in rows {
            assert_eq!(term_key(text), *key, "{text:?}");
            // The same through the memo, made and then found.
            for _ in 0..2 {
                assert_eq!(&*Key::of(text, Some(&memo)), *key, "{text:?}");
            }
        }
    }

    /// A key is its text, however it is held: borrowed from a term that is
    /// its own key, made, or shared through the memo.
    #[test]
    fn keys_compare_by_text() {
        let memo = KeyMemo::default();
        let same = Key::of("economy", Some(&memo));
        assert!(matches!(same, Key::Same(_)));
        for spelling in ["Economy", "ECONOMY", " economy"] {
            let made = Key::of(spelling, Some(&memo));
            assert!(matches!(made, Key::Made(_)), "{spelling:?}");
            assert_eq!(made, same, "{spelling:?}");
            assert_eq!(Key::of(spelling, None), same, "{spelling:?}");
        }
        assert_ne!(Key::of("Economies", Some(&memo)), same);
        // Found again, the key is shared, not made anew.
        let (Key::Made(first), Key::Made(again)) = (
            Key::of("Economy", Some(&memo)),
            Key::of("Economy", Some(&memo)),
        ) else {
            panic!("made keys");
        };
        assert!(Arc::ptr_eq(&first, &again));
    }

    /// The memo keeps at most `KeyMemo::MOST` spellings, and past that
    /// still gives every key.
    #[test]
    fn key_memo_is_bounded() {
        let memo = KeyMemo::default();
        for i in 0..KeyMemo::MOST + 100 {
            let text = format!("Caf\u{e9} {i}");
            assert_eq!(&*Key::of(&text, Some(&memo)), format!("caf\u{e9} {i}"));
        }
        assert_eq!(memo.made.borrow().len(), KeyMemo::MOST);
    }

    /// Which entries a `[[feeds]]` filter takes.
    #[test]
    fn filters_match_by_key() {
        let set = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect();
        let filter = |any: &[&str], all: &[&str], sections: &[&str], authors: &[&str]| Filter {
            any_tags: set(any),
            all_tags: set(all),
            sections: set(sections),
            authors: set(authors),
        };
        let tags = ["Climate".to_owned(), "Energy".to_owned()];
        let people = [Person {
            name: "Ana  Ruiz".to_owned(),
            email: None,
        }];
        let member = Membership {
            section: Some("World"),
            tags: &tags,
            authors: Authors::People(&people),
        };
        let keys = member.keys();
        let rows: &[(Filter, bool)] = &[
            // No condition takes everything.
            (filter(&[], &[], &[], &[]), true),
            // Any of these tags, matched by key.
            (filter(&["oil", "climate"], &[], &[], &[]), true),
            // None of them.
            (filter(&["oil"], &[], &[], &[]), false),
            // Every one of these tags.
            (filter(&[], &["climate", "energy"], &[], &[]), true),
            // One of them missing.
            (filter(&[], &["climate", "oil"], &[], &[]), false),
            // More tags than the entry has can never all be there.
            (filter(&[], &["a", "b", "c"], &[], &[]), false),
            // Its section.
            (filter(&[], &[], &["world", "sport"], &[]), true),
            // Another section.
            (filter(&[], &[], &["sport"], &[]), false),
            // An author, blanks folded.
            (filter(&[], &[], &[], &["ana ruiz"]), true),
            // Every condition must hold.
            (filter(&["climate"], &[], &["sport"], &[]), false),
        ];
        for (n, (filter, want)) in rows.iter().enumerate() {
            assert_eq!(filter.admits(&keys), *want, "row {n}");
        }
    }

    #[test]
    fn shared_slugs_go_to_the_first_use() {
        let first = |seconds: i64, file: u32, spelling: &str| FirstUse {
            published: (seconds, 0),
            file,
            spelling: spelling.to_owned(),
        };
        let mut terms = BTreeMap::new();
        // `c++` was used after `c`, so `c` keeps `tags/c/`.
        terms.insert("c++".to_owned(), first(200, 0, "C++"));
        terms.insert("c".to_owned(), first(100, 1, "C"));
        terms.insert("world".to_owned(), first(50, 2, "World"));
        let files = vec![
            PathBuf::from("a.txt"),
            PathBuf::from("b.txt"),
            PathBuf::from("c.txt"),
        ];
        let mut diagnostics = Vec::new();
        let named = name_family("tags", "tag", &terms, &files, &mut diagnostics);
        let paths: Vec<(&str, &str)> = named
            .iter()
            .map(|n| (n.name.as_str(), n.path.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("C++", "tags/c-2/"),
                ("C", "tags/c/"),
                ("World", "tags/world/")
            ]
        );
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("`C` and `C++`"),
            "{}",
            diagnostics[0].message
        );
        assert_eq!(diagnostics[0].path, PathBuf::from("a.txt"));
    }

    /// A newer term whose own slug an older term's suffix holds takes the
    /// next free folder: the older feed does not move.
    #[test]
    fn newer_terms_never_move_a_feed() {
        let first = |seconds: i64, file: u32, spelling: &str| FirstUse {
            published: (seconds, 0),
            file,
            spelling: spelling.to_owned(),
        };
        let files: Vec<PathBuf> = (0..4).map(|n| PathBuf::from(format!("{n}.txt"))).collect();
        let mut terms = BTreeMap::new();
        terms.insert("c".to_owned(), first(100, 0, "C"));
        terms.insert("c++".to_owned(), first(200, 1, "C++"));
        let place = |terms: &BTreeMap<String, FirstUse>| {
            let mut diagnostics = Vec::new();
            let named = name_family("tags", "tag", terms, &files, &mut diagnostics);
            let places: BTreeMap<String, String> =
                named.into_iter().map(|n| (n.name, n.path)).collect();
            (places, diagnostics)
        };
        let (before, _) = place(&terms);
        assert_eq!(before["C++"], "tags/c-2/");
        // Newer: `C 2` (own slug `c-2`), then `C#` (slug `c`).
        terms.insert("c 2".to_owned(), first(300, 2, "C 2"));
        terms.insert("c#".to_owned(), first(400, 3, "C#"));
        let (after, diagnostics) = place(&terms);
        for (name, path) in &before {
            assert_eq!(&after[name], path, "{name} moved");
        }
        assert_eq!(after["C 2"], "tags/c-2-2/");
        assert_eq!(after["C#"], "tags/c-3/");
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages[1].starts_with("tags `C++` and `C 2` would share the feed folder `tags/c-2/`"),
            "{messages:?}"
        );
        assert!(
            messages[2].starts_with("tags `C` and `C#` would share the feed folder `tags/c/`"),
            "{messages:?}"
        );
        // A thousand terms of one slug: each gets its own folder.
        let many: BTreeMap<String, FirstUse> = (0..1000)
            .map(|n| (format!("c{}", "+".repeat(n)), first(n as i64, 0, "C")))
            .collect();
        let mut diagnostics = Vec::new();
        let named = name_family("tags", "tag", &many, &files, &mut diagnostics);
        let distinct: std::collections::BTreeSet<&str> =
            named.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(distinct.len(), 1000);
        assert_eq!(diagnostics.len(), 999);
    }
}
