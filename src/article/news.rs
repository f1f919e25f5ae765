//! The plain-text news article, as scraped from a news site.
//!
//! ```text
//! Title on the first non-empty line
//!
//! One-line dek (standfirst)
//!
//! Photo caption ending with a credit. EPA
//! Powered by automated translation
//!
//! Body paragraphs, separated by blank lines.
//!
//! Updated: August 08, 2023, 10:37 PM
//! ```
//!
//! Metadata lines (`Updated`, `Last updated`, `Published`, `Posted`, `Date`,
//! `By`, `Author`, `Tags`; any case, colon optional before a date) may stand
//! anywhere on a line of their own. A `By NAME` byline may stand as its own
//! paragraph. The paragraph right after the dek (or the title) is a caption
//! when it ends with a photo credit or is followed by a boilerplate line;
//! captions and boilerplate lines are dropped.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use super::{Article, Author, Body, Field, Format, Paragraphs, column, line_spans};
use crate::diagnostic::Diagnostic;

/// What the news reader needs to know besides the file.
#[derive(Debug, Clone)]
pub struct NewsOptions {
    /// Lines dropped wherever they stand (compared trimmed, ignoring case
    /// and a final period), kept trimmed and without final periods.
    boilerplate: Vec<String>,
}

impl NewsOptions {
    /// Adds a line to drop wherever it stands.
    pub fn add_boilerplate(&mut self, line: &str) {
        self.boilerplate
            .push(line.trim().trim_end_matches('.').to_owned());
    }
}

impl Default for NewsOptions {
    fn default() -> Self {
        let mut options = Self {
            boilerplate: Vec::new(),
        };
        options.add_boilerplate("Powered by automated translation");
        options
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Updated,
    Published,
    Author,
    Tags,
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
        b'b' => &[("by", Key::Author)],
        _ => &[],
    }
}

/// A line's text with its 1-based number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// A non-blank line kept for the title, dek, caption, bylines or body.
#[derive(Debug, Clone)]
struct Span {
    /// The line's text, trimmed, as a byte span of the article.
    text: Range<usize>,
    /// Where the untrimmed line starts.
    line_start: usize,
    /// Its 1-based number.
    number: usize,
}

/// A run of non-blank lines: a range of [`Span`]s.
#[derive(Debug, Clone)]
struct Block {
    spans: Range<usize>,
    /// A boilerplate line stood in it, or is the next line after it that
    /// is not blank.
    before_boilerplate: bool,
}

/// Reads a news article from `text[from..]` (`from` skips a byte-order
/// mark). The text is kept as the body: paragraphs are spans of it.
pub(super) fn read(
    path: &Path,
    text: String,
    from: usize,
    options: &NewsOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let mut article = Article::empty(path, Format::News, Body::empty());
    let mut spans: Vec<Span> = Vec::with_capacity(32);
    let mut blocks: Vec<Block> = Vec::with_capacity(16);
    // The block being filled starts at this span.
    let mut first = 0;
    for (index, range) in line_spans(&text, from).enumerate() {
        let raw = &text[range.clone()];
        let after_indent = raw.trim_start();
        let indent = raw.len() - after_indent.len();
        let trimmed = after_indent.trim_end();
        if trimmed.is_empty() {
            close(&mut blocks, spans.len(), &mut first, false);
        } else if is_boilerplate(trimmed, &options.boilerplate) {
            // It ends the block it stands in, or follows the last one
            // across blank lines: that block is followed by boilerplate.
            if spans.len() > first {
                close(&mut blocks, spans.len(), &mut first, true);
            } else if let Some(last) = blocks.last_mut() {
                last.before_boilerplate = true;
            }
        } else if let Some((key, value)) = metadata(
            Line {
                number: index + 1,
                text: raw,
            },
            indent,
            trimmed,
        ) {
            take_metadata(&mut article, key, value, path, diagnostics);
        } else {
            let start = range.start + indent;
            spans.push(Span {
                text: start..start + trimmed.len(),
                line_start: range.start,
                number: index + 1,
            });
        }
    }
    close(&mut blocks, spans.len(), &mut first, false);

    let Some(head) = blocks.first().cloned() else {
        diagnostics.push(Diagnostic::error(
            "empty-article",
            path,
            "the article has no text; expected a title on the first line",
        ));
        return None;
    };
    let title = &spans[head.spans.start];
    article.title = Some(field(&text, title));
    // The title's block may go on: its other lines are a block of their own.
    let rest = (head.spans.len() > 1)
        .then(|| Block {
            spans: head.spans.start + 1..head.spans.end,
            before_boilerplate: head.before_boilerplate,
        })
        .into_iter()
        .chain(blocks.into_iter().skip(1));

    let mut lines: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    let mut ends = Vec::with_capacity(16);
    let mut position = 0;
    let mut any = false;
    for block in rest {
        any = true;
        let block_spans = &spans[block.spans.clone()];
        if let [line] = block_spans
            && let Some(author) = byline(&text, line)
        {
            if article.authors.is_empty() {
                article.authors.push(author);
            }
            continue;
        }
        // The dek comes first, then a caption: each only in its place.
        if position <= 1 && is_caption(&joined(&text, block_spans), block.before_boilerplate) {
            position = 2;
            continue;
        }
        if position == 0 {
            position = 1;
            article.summary = Some(joined_field(&text, block_spans));
            continue;
        }
        position = 2;
        if article.summary.is_none() && article.lead.is_none() {
            article.lead = Some(joined_field(&text, block_spans));
        }
        lines.extend(block_spans.iter().map(|s| s.text.clone()));
        ends.push(lines.len());
    }
    if !any {
        diagnostics.push(
            Diagnostic::error(
                "title-only",
                path,
                "the article has only a title; expected a dek and body paragraphs after it",
            )
            .at(title.number, 1),
        );
        return None;
    }
    article.body = Body::Paragraphs(Paragraphs::new(text, lines, ends));
    Some(article)
}

/// Ends the block being filled, if it has lines; the next one starts empty.
fn close(blocks: &mut Vec<Block>, spans: usize, first: &mut usize, before_boilerplate: bool) {
    if spans > *first {
        blocks.push(Block {
            spans: *first..spans,
            before_boilerplate,
        });
        *first = spans;
    }
}

/// A line as a field, placed at its first character.
fn field(text: &str, span: &Span) -> Field {
    let line = &text[span.line_start..span.text.start];
    Field::new(
        &text[span.text.clone()],
        span.number,
        line.chars().count() + 1,
    )
}

/// A block's lines as one line, joined by single spaces.
fn joined<'a>(text: &'a str, spans: &[Span]) -> Cow<'a, str> {
    match spans {
        [one] => Cow::Borrowed(&text[one.text.clone()]),
        _ => {
            let mut out = String::new();
            for span in spans {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[span.text.clone()]);
            }
            Cow::Owned(out)
        }
    }
}

/// A block's lines joined into one paragraph, placed at its first line.
fn joined_field(text: &str, spans: &[Span]) -> Field {
    let mut field = field(text, &spans[0]);
    if spans.len() > 1 {
        field.value = joined(text, spans).into_owned();
    }
    field
}

/// Whether a trimmed line is one of the boilerplate lines (given trimmed
/// and without final periods).
fn is_boilerplate(trimmed: &str, boilerplate: &[String]) -> bool {
    let line = trimmed.trim_end_matches('.');
    boilerplate.iter().any(|b| b.eq_ignore_ascii_case(line))
}

/// Reads a metadata line (`text` is the line trimmed, after `indent`
/// bytes): a known key, then a colon (or, before a date, a blank), then
/// the value.
fn metadata(line: Line<'_>, indent: usize, text: &str) -> Option<(Key, Field)> {
    // Most lines are prose: only the keys that start with the line's first
    // letter are compared.
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    let (key, after) = keys(first).iter().find_map(|&(name, key)| {
        let head = text.get(..name.len())?;
        head.eq_ignore_ascii_case(name)
            .then(|| (key, &text[name.len()..]))
    })?;
    let (value, colon) = match after.trim_start().strip_prefix(':') {
        Some(value) => (value, true),
        None if after.starts_with(char::is_whitespace) => (after, false),
        None => return None,
    };
    let value_text = value.trim();
    if value_text.is_empty() {
        return None;
    }
    if !colon {
        // Without a colon, only a short line whose value looks like a date
        // (or a byline) is metadata; anything else is prose.
        let fits = match key {
            Key::Updated | Key::Published => {
                text.chars().count() <= 80 && looks_like_date(value_text)
            }
            Key::Author => false,
            Key::Tags => false,
        };
        if !fits {
            return None;
        }
    }
    let start = indent + (text.len() - value.trim_start().len());
    Some((
        key,
        Field::new(value_text, line.number, column(line.text, start)),
    ))
}

fn looks_like_date(value: &str) -> bool {
    let first: String = value
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    first.starts_with(|c: char| c.is_ascii_digit())
        || [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        ]
        .iter()
        .any(|name| first.starts_with(name))
}

fn take_metadata(
    article: &mut Article,
    key: Key,
    value: Field,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let slot = match key {
        Key::Updated => &mut article.updated,
        Key::Published => &mut article.published,
        Key::Author => {
            for name in split_names(&value) {
                article.authors.push(Author { name, email: None });
            }
            return;
        }
        Key::Tags => {
            article.tags.extend(split_list(&value));
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

/// Splits `A, B and C` into names, each placed where it stands.
fn split_names(value: &Field) -> Vec<Field> {
    let text = &value.value;
    let mut names = Vec::new();
    // Characters before `counted`, kept as the parts go by: counting from
    // the start for each part would be quadratic in a line of many names.
    let (mut counted, mut chars) = (0, 0);
    let mut push = |from: usize, to: usize| {
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
        let separator = match c {
            ',' | '&' => 1,
            ' ' if text[i..].starts_with(" and ") => 5,
            _ => 0,
        };
        if separator > 0 {
            push(start, i);
            i += separator;
            start = i;
        } else {
            i += c.len_utf8();
        }
    }
    push(start, text.len());
    names
}

fn split_list(value: &Field) -> Vec<Field> {
    let mut out = Vec::new();
    // Characters before each part, counted as the parts go by.
    let mut col = value.column;
    for part in value.value.split([',', ';']) {
        let name = part.trim();
        if !name.is_empty() {
            let lead = part.len() - part.trim_start().len();
            out.push(Field::new(
                name,
                value.line,
                col + part[..lead].chars().count(),
            ));
        }
        col += part.chars().count() + 1;
    }
    out
}

/// Words that may stand lower-case inside a name (`Ursula von der Leyen`).
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "da", "de", "del", "der", "di", "du", "el", "la", "le", "van", "von",
    "and",
];

/// A paragraph of one line `By NAME[, NAME and NAME]` is a byline.
fn byline(article: &str, span: &Span) -> Option<Author> {
    let text = &article[span.text.clone()];
    let head = text.get(..3)?;
    if !head.eq_ignore_ascii_case("by ") {
        return None;
    }
    let names = text[3..].trim();
    let words: Vec<&str> = names.split_whitespace().collect();
    let name_like = !words.is_empty()
        && words.len() <= 12
        && !names.ends_with('.')
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w)
                || w == "&"
        });
    if !name_like {
        return None;
    }
    let start = span.text.start + 3 + (text[3..].len() - text[3..].trim_start().len());
    let line = &article[span.line_start..];
    let field = Field::new(names, span.number, column(line, start - span.line_start));
    // The first name stands for the byline; more are kept by the metadata
    // form (`Author: A, B`).
    split_names(&field)
        .into_iter()
        .next()
        .map(|name| Author { name, email: None })
}

/// Photo agencies and credits that end a caption.
const CREDITS: &[&str] = &[
    "AFP",
    "AP",
    "EPA",
    "Reuters",
    "Getty Images",
    "Getty",
    "PA",
    "Bloomberg",
    "WAM",
    "SPA",
    "Alamy",
    "Shutterstock",
    "Supplied",
    "Handout",
    "Courtesy",
    "EPA-EFE",
    "ANP",
    "dpa",
    "Xinhua",
    "NurPhoto",
    "Sipa",
    "Zuma",
    "UPI",
    "Anadolu",
    "Wikimedia Commons",
    "The National",
];

/// Whether a paragraph is a photo caption: it stood right before a
/// boilerplate line, or its last part (after the last sentence, `/` or `|`)
/// is a photo credit: `... in Arlington, Virginia. EPA`.
fn is_caption(text: &str, before_boilerplate: bool) -> bool {
    if before_boilerplate {
        return true;
    }
    let text = text.trim().trim_end_matches('.');
    // A credit has at most six words, so only a separator near the end can
    // start one: the search is kept to the end of the text.
    let near = credit_region(text);
    SEPARATORS.iter().any(|sep| {
        // The separators are ASCII, so a match starts and ends on
        // character boundaries.
        match last_separator(&text.as_bytes()[near..], sep) {
            Some(at) => is_photo_credit(text[near + at + sep.len()..].trim()),
            // With no separator, the whole text is the credit, which it
            // cannot be if it is longer than the region searched.
            None => near == 0 && is_photo_credit(text.trim()),
        }
    })
}

/// Where `sep` (a punctuation mark with blanks around it) last occurs in
/// `bytes`: found by its mark, with a vector search.
fn last_separator(bytes: &[u8], sep: &str) -> Option<usize> {
    let sep = sep.as_bytes();
    let lead = sep.iter().take_while(|&&b| b == b' ').count();
    memchr::memrchr_iter(sep[lead], bytes).find_map(|mark| {
        let start = mark.checked_sub(lead)?;
        bytes
            .get(start..start + sep.len())?
            .eq(sep)
            .then_some(start)
    })
}

/// What may stand between a caption and its credit.
const SEPARATORS: [&str; 4] = [". ", " / ", "| ", "; "];

/// Where to look for the separator before a credit: a separator ends in a
/// blank, so one that leaves at most six words after it ends in the gap
/// before the sixth word from the end, and starts at most two bytes before
/// that gap. (A separator further back leaves too many words, and so does
/// none at all in a text of more than six words.)
fn credit_region(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut chars = text.char_indices().rev();
    while let Some((at, c)) = chars.next() {
        if !c.is_whitespace() {
            in_word = true;
            continue;
        }
        if in_word {
            words += 1;
            in_word = false;
        }
        if words == 6 {
            let mut gap = at;
            for (at, c) in chars.by_ref() {
                if !c.is_whitespace() {
                    break;
                }
                gap = at;
            }
            let mut start = gap.saturating_sub(2);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            return start;
        }
    }
    0
}

/// Whether a short text is a photo credit: a known agency, `X via Getty
/// Images`, `Photo: X`, `Courtesy X`, or a name ending in a known agency.
pub fn is_photo_credit(segment: &str) -> bool {
    let words = segment.split_whitespace().take(7).count();
    if words == 0 || words > 6 {
        return false;
    }
    let ends_with_credit = |credit: &str| {
        let Some(head_len) = segment.len().checked_sub(credit.len()) else {
            return false;
        };
        let (head, tail) = match (segment.get(..head_len), segment.get(head_len..)) {
            (Some(h), Some(t)) => (h, t),
            _ => return false,
        };
        tail.eq_ignore_ascii_case(credit) && (head.is_empty() || head.ends_with([' ', '/']))
    };
    let starts_with_word = |word: &str| {
        segment
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    CREDITS.iter().any(|c| ends_with_credit(c))
        || [
            "photo",
            "photograph",
            "picture",
            "courtesy",
            "credit",
            "image",
        ]
        .iter()
        .any(|w| starts_with_word(w))
}

#[cfg(test)]
mod tests;
