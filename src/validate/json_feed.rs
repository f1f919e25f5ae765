//! JSON Feed 1.0 and 1.1 (<https://www.jsonfeed.org/version/1.1/>): the
//! spec's rules, each finding named by its JSON path (`$.items[3].id`) and
//! placed at the value by line and column.
//!
//! The document is read once for its syntax ([`tree`]), then walked from
//! the top, each array and object read again one value at a time: an item
//! is checked as it is read and let go, and of an object only the first
//! member of each name the rules read is held. What stays for the whole
//! feed is the hash and place of each item id ([`first_seen`]). The rules
//! go five levels down at most, and extension members (names starting
//! with `_`) are never looked into.

mod first_seen;
mod item;
mod members;
mod path;
mod tree;

use std::borrow::Cow;

use first_seen::FirstSeen;
use members::{AUTHOR, AUTHOR_SHAPE, FEED, HUB, HUB_SHAPE, Shape};
use path::Path;
use tree::{Member, Node, Value};

use super::{Class, Messages, Options, Pos, values};

/// The `version` of JSON Feed 1.1.
pub const VERSION_1_1: &str = "https://jsonfeed.org/version/1.1";

/// The `version` of JSON Feed 1.0.
pub const VERSION_1: &str = "https://jsonfeed.org/version/1";

/// Checks a JSON document (the text after any byte order mark, which
/// `bom` says was there).
pub(super) fn check(text: &str, bom: bool, options: &Options, messages: &mut Messages) {
    if bom {
        messages.push(
            Class::JsonByteOrderMark,
            Pos::at(0),
            "the document starts with a UTF-8 byte order mark; JSON must not (RFC 8259), and some readers reject the whole feed",
        );
    }
    let root = match tree::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let class = if error.too_deep {
                Class::TooDeep
            } else {
                Class::InvalidJson
            };
            messages.push(class, Pos::at(error.at), error.message);
            return;
        }
    };
    let mut checker = Checker {
        text,
        messages,
        v1_1: true,
        ids: FirstSeen::with_capacity(text, super::expected_ids(text.len())),
    };
    checker.feed(&root, options);
}

/// The member names of one object seen so far: compared one by one while
/// they are few (an object of a feed has about ten members, and hashing
/// each cost more than the rest of its check), hashed past that.
struct Names<'a> {
    text: &'a str,
    /// Each name and the byte offset of its opening quote.
    few: Vec<(Cow<'a, str>, usize)>,
    many: Option<FirstSeen<'a>>,
}

impl<'a> Names<'a> {
    /// Names compared one by one, at most.
    const FEW: usize = 16;

    fn new(text: &'a str) -> Self {
        Self {
            text,
            few: Vec::new(),
            many: None,
        }
    }

    /// Whether `member`'s name came before in the object; records it.
    fn repeats(&mut self, member: &Member<'a>) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(&member.name, (0, member.at)).is_some();
        }
        if self.few.iter().any(|(name, _)| *name == member.name) {
            return true;
        }
        if self.few.len() < Self::FEW {
            self.few.push((member.name.clone(), member.at));
            return false;
        }
        // Past a few, every name is hashed.
        let mut many = FirstSeen::new(self.text);
        for (name, at) in self.few.drain(..) {
            many.insert(&name, (0, at));
        }
        let repeated = many.insert(&member.name, (0, member.at)).is_some();
        self.many = Some(many);
        repeated
    }
}

/// The first member of a name (of those an object's check keeps).
fn get<'n, 'a>(members: &'n [Member<'a>], name: &str) -> Option<&'n Node<'a>> {
    members.iter().find(|m| m.name == name).map(|m| &m.value)
}

struct Checker<'a, 'm> {
    /// The document, which [`tree::parse`] has read without error.
    text: &'a str,
    messages: &'m mut Messages,
    /// Whether the feed is 1.1 (or of an unknown version, read as 1.1).
    v1_1: bool,
    /// Each item id seen: the item's index and the id's place.
    ids: FirstSeen<'a>,
}

impl<'a> Checker<'a, '_> {
    fn push(&mut self, class: Class, at: usize, message: String) {
        self.messages.push(class, Pos::at(at), message);
    }

    fn wrong_type(&mut self, node: &Node<'_>, path: &Path<'_>, expected: &str) {
        self.push(
            Class::WrongType,
            node.at,
            format!("`{path}` is {}; expected {expected}", node.value.kind()),
        );
    }

    /// The members of an object, read one at a time and checked for
    /// names that are unknown (not in `shape`, or 1.1 in a 1.0 feed) or
    /// repeated, and for the URLs and strings `shape` names; `None` (and
    /// a finding) when the value is no object. What comes back is the
    /// first member of each name `shape` defines, all the rules read: an
    /// object of a million members holds a few.
    fn object(
        &mut self,
        node: &Node<'a>,
        path: &Path<'_>,
        shape: &Shape,
    ) -> Option<Vec<Member<'a>>> {
        if node.value != Value::Object {
            self.wrong_type(node, path, "an object");
            return None;
        }
        let mut kept: Vec<Member<'a>> = Vec::new();
        let mut seen = Names::new(self.text);
        for member in tree::members(self.text, node.at) {
            let name = member.name.as_ref();
            // The findings on names and those on values are of different
            // classes, at different places, so checking both member by
            // member lists what checking all names first would.
            if seen.repeats(&member) {
                self.push(
                    Class::DuplicateMember,
                    member.at,
                    format!("`{path}` has a second `{name}` member; readers keep one or the other"),
                );
            }
            let here = Path::Member(path, name);
            let defined = name.starts_with('_') || shape.known.contains(&name);
            if defined {
                // Nothing to say of the name.
            } else if shape.newer.contains(&name) {
                if !self.v1_1 {
                    self.push(
                        Class::UnknownMember,
                        member.at,
                        format!(
                            "`{here}` is JSON Feed 1.1, but the feed's version is `{VERSION_1}`; declare `{VERSION_1_1}`"
                        ),
                    );
                }
            } else {
                self.push(
                    Class::UnknownMember,
                    member.at,
                    format!(
                        "`{here}` is not a JSON Feed member; an extension's name starts with `_`"
                    ),
                );
            }
            if shape.urls.contains(&name) {
                self.url(&member.value, &here);
            } else if shape.texts.contains(&name) {
                self.string(&member.value, &here);
            }
            if shape.defines(name) && get(&kept, name).is_none() {
                kept.push(member);
            }
        }
        Some(kept)
    }

    fn string<'n>(&mut self, node: &'n Node<'a>, path: &Path<'_>) -> Option<&'n str> {
        match &node.value {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(node, path, "a string");
                None
            }
        }
    }

    fn url(&mut self, node: &Node<'a>, path: &Path<'_>) {
        let Some(value) = self.string(node, path) else {
            return;
        };
        for (class, message) in values::absolute_uri(value, None, format_args!("`{path}`")) {
            if class == Class::RelativeURI {
                self.push(
                    Class::NotAbsoluteUrl,
                    node.at,
                    format!(
                        "`{path}` is `{value}`, a relative URL; write an absolute URL such as `https://example.com/...`"
                    ),
                );
            } else {
                self.push(class, node.at, message);
            }
        }
    }

    fn date(&mut self, node: &Node<'a>, path: &Path<'_>) {
        let Some(value) = self.string(node, path) else {
            return;
        };
        for (class, message) in values::feed_rfc3339(value) {
            self.push(class, node.at, format!("`{path}`: {message}"));
        }
    }

    fn feed(&mut self, root: &Node<'a>, options: &Options) {
        let path = Path::Root;
        if root.value != Value::Object {
            self.wrong_type(root, &path, "an object: a JSON Feed is one object");
            return;
        }
        // The version decides what the other members may be, so it is
        // looked for first.
        let version = tree::members(self.text, root.at).find(|m| m.name == "version");
        match version.as_ref().map(|m| &m.value) {
            None => self.push(
                Class::MissingMember,
                root.at,
                format!("`$` has no `version`; expected `\"version\": \"{VERSION_1_1}\"`"),
            ),
            Some(node) => match self.string(node, &Path::Member(&path, "version")) {
                Some(VERSION_1_1) | None => {}
                Some(VERSION_1) => self.v1_1 = false,
                Some(other) => self.push(
                    Class::InvalidJsonFeedVersion,
                    node.at,
                    format!(
                        "`$.version` is `{other}`; expected `{VERSION_1_1}` (or `{VERSION_1}`)"
                    ),
                ),
            },
        }
        let Some(members) = self.object(root, &path, &FEED) else {
            return;
        };
        let members = members.as_slice();
        if get(members, "title").is_none() {
            self.push(
                Class::MissingMember,
                root.at,
                "`$` has no `title`; expected a string naming the feed".to_owned(),
            );
        }
        match get(members, "feed_url") {
            None => self.push(
                Class::MissingFeedUrl,
                root.at,
                "`$` has no `feed_url`; the spec strongly recommends saying where the feed is published".to_owned(),
            ),
            Some(node) => {
                if let (Value::String(value), Some(url)) = (&node.value, &options.url)
                    && value != url
                {
                    self.push(
                        Class::SelfDoesntMatchLocation,
                        node.at,
                        format!("`$.feed_url` is `{value}`; the feed is published at `{url}`"),
                    );
                }
            }
        }
        self.authors(members, &path);
        if let Some(node) = get(members, "language") {
            self.language(node, &Path::Member(&path, "language"));
        }
        if let Some(node) = get(members, "expired")
            && !matches!(node.value, Value::Bool(_))
        {
            self.wrong_type(node, &Path::Member(&path, "expired"), "`true` or `false`");
        }
        if let Some(node) = get(members, "hubs") {
            self.each(node, &Path::Member(&path, "hubs"), Self::hub);
        }
        match get(members, "items") {
            None => self.push(
                Class::MissingMember,
                root.at,
                "`$` has no `items`; expected an array (empty if there are none)".to_owned(),
            ),
            Some(node) => self.each(node, &Path::Member(&path, "items"), Self::item),
        }
    }

    /// Checks each element of an array with `check`.
    fn each(
        &mut self,
        node: &Node<'a>,
        path: &Path<'_>,
        mut check: impl FnMut(&mut Self, usize, &Node<'a>, &Path<'_>),
    ) {
        if node.value != Value::Array {
            self.wrong_type(node, path, "an array");
            return;
        }
        for (index, element) in tree::elements(self.text, node.at).enumerate() {
            check(self, index, &element, &Path::Index(path, index));
        }
    }

    fn language(&mut self, node: &Node<'a>, path: &Path<'_>) {
        if let Some(value) = self.string(node, path)
            && !values::is_language(value)
        {
            self.push(
                Class::InvalidLanguage,
                node.at,
                format!("`{path}` is `{value}`; expected a language tag such as `en` or `en-GB`"),
            );
        }
    }

    /// `authors` (1.1) and the deprecated `author` (1.0) of a feed or item.
    fn authors(&mut self, members: &[Member<'a>], path: &Path<'_>) {
        if let Some(node) = get(members, "authors") {
            self.each(
                node,
                &Path::Member(path, "authors"),
                |this, _, author, here| {
                    this.author(author, here);
                },
            );
        }
        if let Some(node) = get(members, "author") {
            let here = Path::Member(path, "author");
            if self.v1_1 {
                self.push(
                    Class::DeprecatedMember,
                    node.at,
                    format!("`{here}` is deprecated in JSON Feed 1.1; write `\"authors\": [...]`"),
                );
            }
            self.author(node, &here);
        }
    }

    fn author(&mut self, node: &Node<'a>, path: &Path<'_>) {
        let Some(members) = self.object(node, path, &AUTHOR_SHAPE) else {
            return;
        };
        if !AUTHOR.iter().any(|name| get(&members, name).is_some()) {
            self.push(
                Class::InvalidAuthor,
                node.at,
                format!("`{path}` has none of `name`, `url` and `avatar`; expected at least one"),
            );
        }
    }

    fn hub(&mut self, _: usize, node: &Node<'a>, path: &Path<'_>) {
        let Some(members) = self.object(node, path, &HUB_SHAPE) else {
            return;
        };
        self.required(&members, node, path, HUB);
    }

    /// A finding for each of `names` absent from `members`.
    fn required(
        &mut self,
        members: &[Member<'a>],
        node: &Node<'a>,
        path: &Path<'_>,
        names: &[&str],
    ) {
        for name in names {
            if get(members, name).is_none() {
                self.push(
                    Class::MissingMember,
                    node.at,
                    format!("`{path}` has no `{name}`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
