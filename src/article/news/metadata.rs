//! Metadata lines of a news article (`Updated: ...`, `Author: ...`,
//! `Tags: ...`) and `By NAME` bylines.

use std::path::Path;

use super::Span;
use crate::article::{Article, Author, Field, ImageSource, column};
use crate::diagnostic::Diagnostic;
use crate::normalize::{MAX_AUTHORS, MAX_TAGS};
use crate::text::date::is_timestamp;

/// What a metadata line sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Updated,
    Published,
    Author,
    Tags,
    Section,
    /// `Image: URL`, the article's picture.
    Image,
}

/// The metadata keys that start with a letter (lower case), longest
/// first so that `date published` wins over `date`.
fn keys(first: u8) -> &'static [(&'static str, Key)] {
    match first {
        b'f' => &[("first published", Key::Published)],
        b'l' => &[
            ("last modified", Key::Updated),
            ("last updated", Key::Updated),
        ],
        b'd' => &[
            ("date published", Key::Published),
            ("date modified", Key::Updated),
            ("date", Key::Published),
        ],
        b'p' => &[("published", Key::Published), ("posted", Key::Published)],
        b'm' => &[("modified", Key::Updated)],
        b'u' => &[("updated", Key::Updated)],
        b'a' => &[("author", Key::Author)],
        b't' => &[("tags", Key::Tags)],
        b's' => &[("section", Key::Section)],
        b'b' => &[("by", Key::Author)],
        b'i' => &[("image", Key::Image)],
        _ => &[],
    }
}

/// A line's text with its 1-based number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) number: usize,
    pub(super) text: &'a str,
}

/// Reads a line of metadata, which may hold several fields joined by
/// ` | ` (`Published: 8 August 2023 | Updated: 9 August 2023`), as news
/// pages print them. A ` | ` starts a new field only where a metadata key
/// follows it; elsewhere it is part of the value (`Updated: November 8,
/// 2023 | 6:03 pm`). Every field must be one by [`metadata`]'s rules, and
/// there may be at most [`MAX_FIELDS`], or the line is read as one field
/// (or none).
pub(super) fn metadata_fields(line: Line<'_>, indent: usize, text: &str) -> Option<Fields> {
    const SEPARATOR: &str = " | ";
    // A metadata line starts with a key, whatever follows it: a prose
    // line is turned away by its first word, before its bytes are
    // searched.
    if !starts_with_key(text) {
        return None;
    }
    // Nearly every line is prose with no `|` at all: one byte search, and
    // no list of field starts.
    if memchr::memchr(b'|', text.as_bytes()).is_none() {
        return metadata(line, indent, text).map(Fields::One);
    }
    let mut starts = vec![0];
    if text.contains(SEPARATOR) {
        for (at, _) in text.match_indices(SEPARATOR) {
            let next = at + SEPARATOR.len();
            if starts_with_key(&text[next..]) {
                if starts.len() == MAX_FIELDS {
                    // No page prints more on one line; placing each of
                    // thousands would count the line's characters again
                    // for each. The line is read whole (an error, if a
                    // date).
                    starts.truncate(1);
                    break;
                }
                starts.push(next);
            }
        }
    }
    if starts.len() > 1 {
        let mut fields = Vec::with_capacity(starts.len());
        for (i, &start) in starts.iter().enumerate() {
            let end = starts
                .get(i + 1)
                .map_or(text.len(), |&next| next - SEPARATOR.len());
            match metadata(line, indent + start, text[start..end].trim_end()) {
                Some(field) => fields.push(field),
                None => {
                    fields.clear();
                    break;
                }
            }
        }
        if !fields.is_empty() {
            return Some(Fields::Several(fields));
        }
    }
    metadata(line, indent, text).map(Fields::One)
}

/// The fields of one metadata line: nearly always one, which needs no
/// list of its own.
#[derive(Debug)]
pub(super) enum Fields {
    One((Key, Field)),
    Several(Vec<(Key, Field)>),
}

impl Fields {
    /// Whether the line is one `Date` field (`Date: September 12, 2023`):
    /// the plainest date label, which event listings inside a body use as
    /// well, so it is metadata only before the body or after it.
    /// `trimmed` is the line as written.
    pub(super) fn is_plain_date(&self, trimmed: &str) -> bool {
        // `Date` alone, not `Dated` or `Date published`.
        let label = trimmed
            .get(..4)
            .is_some_and(|l| l.eq_ignore_ascii_case("date"))
            && !trimmed[4..]
                .trim_start()
                .starts_with(|c: char| c.is_alphabetic());
        label && matches!(self, Self::One((Key::Published, _)))
    }

    /// Whether every field is a date that reads as a timestamp, valid or
    /// faulty: the only metadata that may stand before the title, whose
    /// line is otherwise the headline (`Author: Rowling's new novel
    /// divides critics`).
    pub(super) fn before_title(&self) -> bool {
        let date = |(key, value): &(Key, Field)| {
            matches!(key, Key::Updated | Key::Published) && is_timestamp(&value.value)
        };
        match self {
            Self::One(field) => date(field),
            Self::Several(fields) => fields.iter().all(date),
        }
    }
}

impl IntoIterator for Fields {
    type Item = (Key, Field);
    type IntoIter =
        std::iter::Chain<std::option::IntoIter<(Key, Field)>, std::vec::IntoIter<(Key, Field)>>;

    fn into_iter(self) -> Self::IntoIter {
        let (one, several) = match self {
            Self::One(field) => (Some(field), Vec::new()),
            Self::Several(fields) => (None, fields),
        };
        one.into_iter().chain(several)
    }
}

/// The most fields one line may hold.
const MAX_FIELDS: usize = 8;

/// Whether `text` starts with a metadata key and then a colon or a blank.
fn starts_with_key(text: &str) -> bool {
    let Some(first) = text.as_bytes().first() else {
        return false;
    };
    keys(first.to_ascii_lowercase()).iter().any(|&(name, _)| {
        text.get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name))
            && text[name.len()..].starts_with(|c: char| c == ':' || c.is_whitespace())
    })
}

/// Reads a metadata line (`text` is the line trimmed, after `indent`
/// bytes): a known key, then a colon and the value (taken whatever it
/// holds: a bad date is an error later), or, for a date key, a blank and
/// a value that reads as a timestamp.
pub(super) fn metadata(line: Line<'_>, indent: usize, text: &str) -> Option<(Key, Field)> {
    // Most lines are prose: only the keys that start with the line's first
    // letter are compared.
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    let (key, after) = keys(first).iter().find_map(|&(name, key)| {
        let head = text.get(..name.len())?;
        head.eq_ignore_ascii_case(name)
            .then(|| (key, &text[name.len()..]))
    })?;
    let dated = matches!(key, Key::Updated | Key::Published);
    // `Updated on: ...`, `Last updated at: ...`: a date key may take `on`
    // or `at` before its colon.
    let after = if dated { after_connector(after) } else { after };
    let (value, colon) = match after.trim_start().strip_prefix(':') {
        Some(value) => (value, true),
        // `Updated - August 8, 2023`: a dash stands for the colon, but
        // then, as with no colon, only a timestamp makes the line a date.
        None if dated && after.starts_with(char::is_whitespace) => (after_dash(after), false),
        None if after.starts_with(char::is_whitespace) => (after, false),
        None => return None,
    };
    let value_text = value.trim();
    if value_text.is_empty() {
        return None;
    }
    if !colon {
        // Without a colon, only a short line whose value reads as a
        // timestamp (if a faulty one) is metadata: `Posted 3 guards at
        // every entrance` and `Date night ideas` are prose. (A byline
        // without a colon is a paragraph of its own; see `byline`.)
        let fits = match key {
            Key::Updated | Key::Published => text.chars().count() <= 80 && is_timestamp(value_text),
            Key::Author => false,
            Key::Tags | Key::Section | Key::Image => false,
        };
        if !fits {
            return None;
        }
    }
    // `Image: Omar Nasser` is a photo credit (a caption), not a picture:
    // only a value shaped like a URL makes the line metadata.
    if key == Key::Image && !is_url_like(value_text) {
        return None;
    }
    let start = indent + (text.len() - value.trim_start().len());
    Some((
        key,
        Field::new(value_text, line.number, column(line.text, start)),
    ))
}

/// What follows a date key's `on` or `at` when a colon comes next
/// (`Updated on: ...`), or `after` as it is.
fn after_connector(after: &str) -> &str {
    let word = after.trim_start();
    if word.len() == after.len() {
        return after;
    }
    match word.get(..2) {
        Some(head)
            if (head.eq_ignore_ascii_case("on") || head.eq_ignore_ascii_case("at"))
                && word[2..].trim_start().starts_with(':') =>
        {
            &word[2..]
        }
        _ => after,
    }
}

/// A value after a dash that stands for a colon (`Updated - ...`,
/// `Updated – ...`), or `after` as it is.
fn after_dash(after: &str) -> &str {
    let rest = after.trim_start();
    match rest.strip_prefix(['-', '\u{2013}', '\u{2014}']) {
        Some(value) if value.starts_with(char::is_whitespace) => value,
        _ => after,
    }
}

/// Whether an `Image:` value is shaped like a URL rather than a credit's
/// name: one word holding a `/`, a `:` or a `.` before its last character
/// (`https://...`, `/pictures/a.jpg`, `a.jpg`, `javascript:...`; not
/// `Omar Nasser`, `Reuters` or `AFP.`).
pub(super) fn is_url_like(value: &str) -> bool {
    let body = value.strip_suffix('.').unwrap_or(value);
    !value.chars().any(char::is_whitespace) && body.contains(['/', ':', '.'])
}

pub(super) fn take_metadata(
    article: &mut Article,
    key: Key,
    value: Field,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let slot = match key {
        Key::Updated => &mut article.updated,
        Key::Published => &mut article.published,
        // One more than an article keeps, so that the normaliser warns
        // about the rest; a line of millions of names is read no further.
        Key::Author => {
            let room = (MAX_AUTHORS + 1).saturating_sub(article.authors.len());
            for name in without_roles(split_names(&value, room)) {
                article.authors.push(with_email(name));
            }
            return;
        }
        Key::Tags => {
            let room = (MAX_TAGS + 1).saturating_sub(article.tags.len());
            article.tags.extend(split_list(&value, room));
            return;
        }
        Key::Image => {
            match &article.image {
                Some(first) => diagnostics.push(
                    Diagnostic::error(
                        "duplicate-field",
                        path,
                        format!(
                            "a second picture `{}`; the first is on line {}",
                            value.value, first.url.line
                        ),
                    )
                    .at(value.line, value.column),
                ),
                None => article.image = Some(ImageSource::at(value)),
            }
            return;
        }
        Key::Section => {
            match &article.section {
                Some(first) => diagnostics.push(
                    Diagnostic::error(
                        "duplicate-field",
                        path,
                        format!(
                            "a second section `{}`; the first is on line {}",
                            value.value, first.line
                        ),
                    )
                    .at(value.line, value.column),
                ),
                None => article.section = Some(value),
            }
            return;
        }
    };
    if let Some(first) = slot {
        diagnostics.push(
            Diagnostic::error(
                "duplicate-field",
                path,
                format!(
                    "a second {} date `{}`; the first is on line {}",
                    if key == Key::Updated {
                        "updated"
                    } else {
                        "published"
                    },
                    value.value,
                    first.line
                ),
            )
            .at(value.line, value.column),
        );
        return;
    }
    *slot = Some(value);
}

/// An author from a name as written, which may end with an address in
/// angle brackets (`Ana Ruiz <ana@example.com>`), as in front matter.
fn with_email(mut name: Field) -> Author {
    let parts = name
        .value
        .strip_suffix('>')
        .and_then(|rest| rest.rsplit_once('<'))
        .filter(|(before, email)| email.contains('@') && !before.trim().is_empty())
        .map(|(before, email)| (before.trim_end().len(), email.trim().to_owned()));
    match parts {
        Some((end, email)) => {
            name.value.truncate(end);
            Author {
                name,
                email: Some(email),
            }
        }
        None => Author { name, email: None },
    }
}

/// The length of the character reference at the start of `text`
/// (`&amp;`, `&#233;`, `&#xE9;`), if one is: its `&` and `;` separate
/// nothing.
fn reference_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let end = body.get(..33.min(body.len()))?.find(';')?;
    let name = &body[..end];
    let well_formed = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
    {
        !hex.is_empty() && hex.len() <= 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())
    } else if let Some(decimal) = name.strip_prefix('#') {
        !decimal.is_empty() && decimal.len() <= 7 && decimal.bytes().all(|b| b.is_ascii_digit())
    } else {
        // A name HTML knows (`&amp;`, `&eacute;`), as the text is decoded
        // later; `R&D;` is no reference.
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric())
            && htmlize::unescape(&text[..end + 2]) != text[..end + 2]
    };
    well_formed.then_some(end + 2)
}

/// Splits `A, B and C` into names, each placed where it stands; at most
/// `most` names (the rest of the line is not read).
fn split_names(value: &Field, most: usize) -> Vec<Field> {
    let text = &value.value;
    let mut names = Vec::new();
    // Characters before `counted`, kept as the parts go by: counting from
    // the start for each part would be quadratic in a line of many names.
    let (mut counted, mut chars) = (0, 0);
    let mut push = |from: usize, to: usize, names: &mut Vec<Field>| {
        let part = &text[from..to];
        let name = part.trim();
        if !name.is_empty() {
            let at = from + (part.len() - part.trim_start().len());
            chars += text[counted..at].chars().count();
            counted = at;
            names.push(Field::new(name, value.line, value.column + chars));
        }
    };
    let (mut start, mut i) = (0, 0);
    while let Some(c) = text[i..].chars().next() {
        if names.len() >= most {
            return names;
        }
        // `Tom &amp; Jerry`: an escaped ampersand is part of the name.
        if let Some(len) = (c == '&').then(|| reference_len(&text[i..])).flatten() {
            i += len;
            continue;
        }
        let separator = match c {
            ',' | '&' => 1,
            ' ' if text[i..].starts_with(" and ") => 5,
            _ => 0,
        };
        if separator > 0 {
            push(start, i, &mut names);
            i += separator;
            start = i;
        } else {
            i += c.len_utf8();
        }
    }
    if names.len() < most {
        push(start, text.len(), &mut names);
    }
    names
}

/// Splits `a, b; c` into items, each placed where it stands; at most
/// `most` items (the rest of the line is not read). The `;` of a
/// character reference (`Fish &amp; chips`) separates nothing.
fn split_list(value: &Field, most: usize) -> Vec<Field> {
    let text = &value.value;
    let mut out = Vec::new();
    // Characters before `counted`, counted as the parts go by.
    let (mut counted, mut chars) = (0, 0);
    let mut push = |from: usize, to: usize, out: &mut Vec<Field>| {
        let part = &text[from..to];
        let name = part.trim();
        if !name.is_empty() {
            let at = from + (part.len() - part.trim_start().len());
            chars += text[counted..at].chars().count();
            counted = at;
            out.push(Field::new(name, value.line, value.column + chars));
        }
    };
    let (mut start, mut i) = (0, 0);
    while out.len() < most {
        let Some(found) = memchr::memchr3(b',', b';', b'&', &text.as_bytes()[i..]) else {
            push(start, text.len(), &mut out);
            break;
        };
        i += found;
        if text.as_bytes()[i] == b'&' {
            i += reference_len(&text[i..]).unwrap_or(1);
            continue;
        }
        push(start, i, &mut out);
        i += 1;
        start = i;
    }
    out
}

/// Words that begin a newsroom role or beat rather than a name, as in
/// `Jane Doe, Staff Writer` or `By Ana Ruiz, Senior Correspondent in
/// Dubai`: a part of an author list that starts with one (any case) is
/// the role of the name before it, not an author.
const ROLE_WORDS: &[&str] = &[
    "analyst",
    "anchor",
    "arts",
    "assistant",
    "associate",
    "bureau",
    "business",
    "chief",
    "columnist",
    "columnists",
    "commentator",
    "contributing",
    "contributor",
    "contributors",
    "correspondent",
    "correspondents",
    "critic",
    "culture",
    "defence",
    "defense",
    "deputy",
    "desk",
    "diplomatic",
    "director",
    "economics",
    "editor",
    "editors",
    "executive",
    "foreign",
    "freelance",
    "freelancer",
    "guest",
    "head",
    "health",
    "host",
    "intern",
    "journalist",
    "journalists",
    "managing",
    "news",
    "photographer",
    "photographers",
    "photojournalist",
    "political",
    "presenter",
    "producer",
    "producers",
    "reporter",
    "reporters",
    "researcher",
    "science",
    "senior",
    "special",
    "sports",
    "staff",
    "technology",
    "writer",
    "writers",
];

/// Whether a part of an author list is a role or beat (see
/// [`ROLE_WORDS`]): its first word, hyphens aside (`Editor-at-Large`).
fn is_role(part: &str) -> bool {
    part.split(|c: char| c.is_whitespace() || c == '-')
        .next()
        .is_some_and(|word| ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(word)))
}

/// An author list's names, without the roles that follow them (`Jane
/// Doe, Staff Writer` is one author): a role is dropped when a name
/// stands before it, and kept when it is all there is.
fn without_roles(mut names: Vec<Field>) -> Vec<Field> {
    let mut first = true;
    names.retain(|name| std::mem::take(&mut first) || !is_role(&name.value));
    names
}

/// Words that join a role to where or for whom (`correspondent in
/// Dubai`, `editor at large`), which may stand lower-case in a byline.
const ROLE_LINKS: &[&str] = &["in", "at", "for", "of", "on", "large"];

/// Words that may stand lower-case inside a name (`Ursula von der Leyen`).
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "da", "de", "del", "der", "di", "du", "el", "la", "le", "van", "von",
    "and",
];

/// A paragraph of one line `By NAME[, NAME and NAME]` is a byline: its
/// authors.
pub(super) fn byline(article: &str, span: &Span) -> Option<Vec<Author>> {
    let text = &article[span.text.clone()];
    let head = text.get(..3)?;
    if !head.eq_ignore_ascii_case("by ") {
        return None;
    }
    let names = text[3..].trim();
    let words: Vec<&str> = names.split_whitespace().collect();
    let mut in_role = false;
    let name_like = !words.is_empty()
        && words.len() <= 12
        && !names.ends_with('.')
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            // A role may be written lower-case, and joined to where or
            // for whom (`staff writer in Dubai`).
            in_role |= is_role(w);
            w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w)
                || w == "&"
                || in_role && (is_role(w) || ROLE_LINKS.contains(&w))
        });
    if !name_like {
        return None;
    }
    let start = span.text.start + 3 + (text[3..].len() - text[3..].trim_start().len());
    let line = &article[span.line_start..];
    let field = Field::new(names, span.number, column(line, start - span.line_start));
    Some(
        without_roles(split_names(&field, MAX_AUTHORS + 1))
            .into_iter()
            .map(|name| Author { name, email: None })
            .collect(),
    )
    .filter(|names: &Vec<Author>| !names.is_empty())
}

#[cfg(test)]
mod tests;
