//! Markdown articles with YAML or TOML front matter.
//!
//! Keys: `title`; `date` or `published`; `updated`, `lastmod` or
//! `modified`; `summary` or `description`; `author` or `authors` (a name,
//! `Name <email>`, a table with `name` and `email`, or a list of these);
//! `tags`, `categories` or `keywords` (a list or a comma-separated string);
//! `id`; `slug`; `draft`; `section`; `image` and `enclosure` (a URL or a
//! table; see `media`). Other keys draw a warning and are ignored.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::front_matter::{self, Entry, Value};
use super::{Article, Author, Body, Field, Format, media};
use crate::diagnostic::Diagnostic;

/// The keys this reader knows, for the unknown-key warning.
const KNOWN: &[&str] = &[
    "title",
    "date",
    "published",
    "updated",
    "lastmod",
    "modified",
    "summary",
    "description",
    "author",
    "authors",
    "tags",
    "categories",
    "keywords",
    "id",
    "slug",
    "draft",
    "section",
    "image",
    "enclosure",
];

pub(super) fn read(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Article> {
    let split = match front_matter::split(path, text) {
        Ok(split) => split,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let mut article = Article::empty(
        path,
        Format::Markdown,
        Body::Markdown(split.body.to_owned()),
    );
    // In the order written: a TOML table comes sorted by key.
    let mut entries = split.entries;
    entries.sort_by_key(|e| (e.line, e.column));
    let mut unknown = Unknown::default();
    for entry in entries {
        take(&mut article, entry, path, diagnostics, &mut unknown);
    }
    unknown.finish(path, diagnostics);
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    if let Some(problem) = too_dense(split.body) {
        diagnostics.push(Diagnostic::error("markdown-limit", path, problem).at(body_line, 1));
        return Some(article);
    }
    if let Some((line, problem)) = too_many_inline_marks(split.body) {
        diagnostics
            .push(Diagnostic::error("markdown-limit", path, problem).at(body_line + line, 1));
        return Some(article);
    }
    // The lead stands in for a missing summary only (as in the news
    // reader); finding it parses the whole body.
    if article.summary.is_none() {
        article.lead =
            first_paragraph(split.body).map(|(text, line)| Field::new(text, body_line + line, 1));
    }
    Some(article)
}

/// The bytes that make pulldown-cmark's first pass add nodes to the tree
/// it builds of the whole document before it gives its first event: a
/// line, and the characters that may open or close inline markup. Each
/// costs it about 100 bytes (measured: 3 MB of `*a` takes 146 MB, a
/// million one-letter lines 98 MB); other text costs nothing per byte.
const TREE_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let marks = b"\n*_`[]<~|!";
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// Why a body is too dense in markup to parse within the memory bound
/// (64 MiB + 16 x the input): pulldown-cmark's tree may take at most
/// 10 x the body + 48 MiB, about 100 bytes per line break or markup
/// character. Prose has one in 20 to 50 bytes, so only a hostile body
/// (a million lines of one character, a line of `*a*a*a...`) comes near.
fn too_dense(body: &str) -> Option<String> {
    let most = body.len() / 10 + 480_000;
    // There are no more marks than bytes: a body under about 520 KiB
    // cannot be too dense, and is not counted byte by byte.
    if body.len() <= most {
        return None;
    }
    let marks = body.bytes().filter(|&b| TREE_BYTES[usize::from(b)]).count();
    (marks > most).then(|| {
        format!(
            "the Markdown has {marks} line breaks and markup characters in {} bytes, more than the {most} it can be read with in bounded memory; split the article",
            body.len()
        )
    })
}

/// The bytes that open or close inline markup only (never a block):
/// pulldown-cmark's first pass makes a tree node of each run of one of
/// them inside a paragraph, and one of the text after it.
const INLINE_MARKS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let marks = b"*_`[]~|!";
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// The runs of inline marks any body may have: 150,000 runs make a tree
/// of about 15 MB, 43 MB at the worst moment of its doubling.
const INLINE_RUNS_SLACK: usize = 150_000;

/// Why a body has too many runs of inline marks to parse within the
/// memory bound, and on which line of the body (0-based) the limit is
/// passed. Each run makes about two tree nodes of 48 bytes, and the tree
/// is a vector that doubles (the old one held while it is copied): a
/// paragraph of 150,000 code spans (`` `a`a`a... ``, 600 KB) asks for
/// 57.6 MB at once. [`too_dense`] counts marks against the bytes at about
/// 100 bytes each, which holds for prose but not for a line that is all
/// marks and one-letter texts, where the slack of 480,000 marks is what
/// counts. So runs may number at most an eighth of the body's bytes +
/// [`INLINE_RUNS_SLACK`]: dense prose has a run in 10 bytes or more, and
/// a small body of runs alone stays under 64 MiB. A `[` first on its line
/// is not counted: it opens a footnote or link definition, a block.
fn too_many_inline_marks(body: &str) -> Option<(usize, String)> {
    let most = body.len() / 8 + INLINE_RUNS_SLACK;
    if body.len() <= most {
        return None;
    }
    let mut runs = 0usize;
    let mut line = 0usize;
    let mut previous = b'\n';
    let mut line_start = true;
    for byte in body.bytes() {
        let counted =
            INLINE_MARKS[usize::from(byte)] && byte != previous && !(byte == b'[' && line_start);
        if counted {
            runs += 1;
            if runs > most {
                return Some((
                    line,
                    format!(
                        "the Markdown has more than {most} runs of inline markup characters in {} bytes; expected at most an eighth of its bytes + {INLINE_RUNS_SLACK}; split the article",
                        body.len()
                    ),
                ));
            }
        }
        if byte == b'\n' {
            line += 1;
        }
        line_start = byte == b'\n' || (line_start && byte == b' ');
        previous = byte;
    }
    None
}

fn type_error(entry: &Entry, path: &Path, expected: &str) -> Diagnostic {
    Diagnostic::error(
        "front-matter-type",
        path,
        format!(
            "`{}` is {}; expected {expected}",
            entry.key,
            entry.value.kind()
        ),
    )
    .at(entry.line, entry.column)
}

fn text_of(entry: &Entry, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Field> {
    match &entry.value {
        Value::Text(s) => Some(Field::new(s.trim(), entry.line, entry.column)),
        _ => {
            diagnostics.push(type_error(entry, path, "a string"));
            None
        }
    }
}

fn date_of(entry: &Entry, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Field> {
    match &entry.value {
        Value::Text(s) | Value::DateTime(s) => Some(Field::new(s.trim(), entry.line, entry.column)),
        _ => {
            diagnostics.push(type_error(
                entry,
                path,
                "a date string such as `2023-08-08T22:37:00+04:00`",
            ));
            None
        }
    }
}

fn set_once(
    slot: &mut Option<Field>,
    value: Option<Field>,
    entry: &Entry,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(value) = value else { return };
    if let Some(first) = slot {
        diagnostics.push(
            Diagnostic::error(
                "duplicate-field",
                path,
                format!(
                    "`{}` repeats a value given on line {}",
                    entry.key, first.line
                ),
            )
            .at(entry.line, entry.column),
        );
        return;
    }
    *slot = Some(value);
}

fn take(
    article: &mut Article,
    entry: Entry,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    unknown: &mut Unknown,
) {
    match entry.key.as_str() {
        "title" => {
            let value = text_of(&entry, path, diagnostics);
            set_once(&mut article.title, value, &entry, path, diagnostics);
        }
        "summary" | "description" => {
            // An empty summary is none: the first paragraph stands in,
            // as when the key is left out.
            let value = text_of(&entry, path, diagnostics).filter(|f| !f.value.trim().is_empty());
            set_once(&mut article.summary, value, &entry, path, diagnostics);
        }
        "date" | "published" => {
            let value = date_of(&entry, path, diagnostics);
            article.unusable_date |= value.is_none();
            set_once(&mut article.published, value, &entry, path, diagnostics);
        }
        "updated" | "lastmod" | "modified" => {
            let value = date_of(&entry, path, diagnostics);
            article.unusable_date |= value.is_none();
            set_once(&mut article.updated, value, &entry, path, diagnostics);
        }
        "id" => {
            let value = text_of(&entry, path, diagnostics);
            set_once(&mut article.id, value, &entry, path, diagnostics);
        }
        "slug" => {
            let value = text_of(&entry, path, diagnostics);
            set_once(&mut article.slug, value, &entry, path, diagnostics);
        }
        "section" => {
            // An empty section is none: the folder says, as in a
            // plain-text article.
            let value = text_of(&entry, path, diagnostics).filter(|f| !f.value.trim().is_empty());
            set_once(&mut article.section, value, &entry, path, diagnostics);
        }
        // Each key is given once: both front-matter readers refuse a
        // repeated key.
        "image" => article.image = media::image(&entry, path, diagnostics),
        "enclosure" => article.enclosure = media::enclosure(&entry, path, diagnostics),
        "draft" => match entry.value {
            Value::Bool(b) => article.draft = b,
            _ => diagnostics.push(type_error(&entry, path, "`true` or `false`")),
        },
        "author" | "authors" => match authors(&entry.value, &entry) {
            Some(list) => article.authors.extend(list),
            None => diagnostics.push(type_error(
                &entry,
                path,
                "a name, `Name <email>`, a table with `name` and `email`, or a list of these",
            )),
        },
        "tags" | "categories" | "keywords" => match &entry.value {
            Value::Text(s) => {
                let tags = s.split(',').map(str::trim).filter(|t| !t.is_empty());
                // A list written as one string has the limit of a list.
                if tags.clone().nth(front_matter::MAX_ITEMS).is_some() {
                    diagnostics.push(
                        Diagnostic::error(
                            "front-matter-limit",
                            path,
                            format!(
                                "`{}` has more than {max} comma-separated items; expected at most {max}",
                                entry.key,
                                max = front_matter::MAX_ITEMS
                            ),
                        )
                        .at(entry.line, entry.column),
                    );
                } else {
                    article
                        .tags
                        .extend(tags.map(|t| Field::new(t, entry.line, entry.column)));
                }
            }
            Value::List(items) => {
                for item in items {
                    match item {
                        Value::Text(t) if !t.trim().is_empty() => {
                            article
                                .tags
                                .push(Field::new(t.trim(), entry.line, entry.column));
                        }
                        Value::Text(_) => {}
                        _ => {
                            diagnostics.push(type_error(&entry, path, "a list of strings"));
                            break;
                        }
                    }
                }
            }
            _ => diagnostics.push(type_error(&entry, path, "a list of strings")),
        },
        key => unknown.report(key, entry.line, path, diagnostics),
    }
}

/// How many unknown keys of one article are warned about one by one; the
/// rest are counted in one warning, so that a front matter of many keys
/// costs a few diagnostics, not one per key.
const UNKNOWN_KEYS_SHOWN: usize = 10;

/// The unknown keys of one article beyond the first few: how many, and
/// the last one with its line.
#[derive(Default)]
struct Unknown {
    seen: usize,
    last: Option<(String, usize)>,
}

impl Unknown {
    fn report(&mut self, key: &str, line: usize, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
        self.seen += 1;
        if self.seen > UNKNOWN_KEYS_SHOWN {
            self.last = Some((key.to_owned(), line));
            return;
        }
        let known = KNOWN.join("`, `");
        diagnostics.push(
            Diagnostic::warning(
                "unknown-key",
                path,
                format!("unknown front-matter key `{key}` is ignored; known keys are `{known}`"),
            )
            .at(line, 1),
        );
    }

    /// The one warning for the keys not warned about one by one.
    fn finish(self, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
        let Some((key, line)) = self.last else {
            return;
        };
        let more = self.seen - UNKNOWN_KEYS_SHOWN;
        diagnostics.push(
            Diagnostic::warning(
                "unknown-key",
                path,
                format!(
                    "{more} more unknown front-matter key{} {} ignored, the last `{key}`",
                    if more == 1 { "" } else { "s" },
                    if more == 1 { "is" } else { "are" }
                ),
            )
            .at(line, 1),
        );
    }
}

fn authors(value: &Value, entry: &Entry) -> Option<Vec<Author>> {
    match value {
        Value::List(items) => items.iter().map(|v| author(v, entry)).collect(),
        single => author(single, entry).map(|a| vec![a]),
    }
}

fn author(value: &Value, entry: &Entry) -> Option<Author> {
    let at = |name: &str| Field::new(name.trim(), entry.line, entry.column);
    match value {
        Value::Text(s) => {
            let s = s.trim();
            // `Name <email>`
            if let Some((name, rest)) = s.split_once('<')
                && let Some(email) = rest.strip_suffix('>')
            {
                return Some(Author {
                    name: at(name),
                    email: Some(email.trim().to_owned()),
                });
            }
            // `email (Name)`, the RSS form
            if let Some((email, rest)) = s.split_once('(')
                && let Some(name) = rest.strip_suffix(')')
                && email.contains('@')
            {
                return Some(Author {
                    name: at(name),
                    email: Some(email.trim().to_owned()),
                });
            }
            (!s.is_empty()).then(|| Author {
                name: at(s),
                email: None,
            })
        }
        Value::Map(pairs) => {
            let get = |k: &str| {
                pairs.iter().find_map(|(key, v)| match v {
                    Value::Text(s) if key == k => Some(s.trim().to_owned()),
                    _ => None,
                })
            };
            Some(Author {
                name: at(&get("name")?),
                email: get("email"),
            })
        }
        _ => None,
    }
}

/// The text of the first paragraph as HTML without tags, and its line
/// within the body (0-based), for a summary of last resort. The parser has
/// decoded its references already, so `<` and `&` are escaped again: like
/// every field of a Markdown article it is HTML, read once (a code span
/// `` `<div>` `` stays text, and `&amp;lt;` stays `&lt;`).
fn first_paragraph(body: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut start = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) if start.is_none() => start = Some(range.start),
            Event::End(TagEnd::Paragraph) if start.is_some() => break,
            Event::Text(t) | Event::Code(t) if start.is_some() => {
                text.push_str(&quick_xml::escape::partial_escape(t.as_ref()));
            }
            Event::SoftBreak | Event::HardBreak if start.is_some() => text.push(' '),
            // Kept as HTML, for cleaning to read as a browser would: a
            // `<script>` takes its text with it, as in the content.
            Event::InlineHtml(html) if start.is_some() => text.push_str(&html),
            _ => {}
        }
    }
    let start = start?;
    let line = body.get(..start).unwrap_or(body).matches('\n').count();
    Some((text, line))
}

#[cfg(test)]
mod tests;
