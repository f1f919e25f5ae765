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
//! `By`, `Author`, `Tags`; any case; the colon may be left out before a
//! value that reads as a timestamp) may stand anywhere on a line of their
//! own, but before the title only a date may: the first other line is the
//! headline, whatever word and colon it starts with. A `By NAME` byline
//! may stand as its own paragraph before the body, or as its last. The
//! paragraph right after the dek (or the title) is a caption when it ends
//! with a photo credit or, after a dek, is followed by a boilerplate line;
//! captions and boilerplate lines are dropped, each with a note saying so,
//! but for the caption of an article with an `Image: URL` line: it becomes
//! the picture's description and credit.

mod caption;
mod metadata;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use super::{Article, Body, Field, Format, Paragraphs, column, line_spans};
use crate::diagnostic::Diagnostic;
use caption::{Caption, caption};
use metadata::{Fields, Line, byline, metadata_fields, take_metadata};

/// What the news reader needs to know besides the file.
#[derive(Debug, Clone)]
pub struct NewsOptions {
    /// Lines dropped wherever they stand (compared trimmed, ignoring case
    /// and a final period), kept trimmed and without final periods.
    boilerplate: Vec<String>,
    /// Photo credits that end a caption besides the built-in ones, kept
    /// trimmed, compared in their own spelling.
    credits: Vec<String>,
}

impl NewsOptions {
    /// Adds a line to drop wherever it stands.
    pub fn add_boilerplate(&mut self, line: &str) {
        self.boilerplate
            .push(line.trim().trim_end_matches('.').to_owned());
    }

    /// Adds a photo credit (`Bild`, `Times Wire`) that ends a caption.
    pub fn add_credit(&mut self, credit: &str) {
        self.credits.push(credit.trim().to_owned());
    }
}

impl Default for NewsOptions {
    fn default() -> Self {
        let mut options = Self {
            boilerplate: Vec::new(),
            credits: Vec::new(),
        };
        options.add_boilerplate("Powered by automated translation");
        options
    }
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
    notes: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let mut article = Article::empty(path, Format::News, Body::empty());
    let mut spans: Vec<Span> = Vec::with_capacity(32);
    let mut blocks: Vec<Block> = Vec::with_capacity(16);
    // The block being filled starts at this span.
    let mut first = 0;
    let mut dropped = Dropped {
        wanted: notes,
        ..Dropped::default()
    };
    // `Date:` lines after the title, by span, with their fields: metadata
    // before the body or after it, text inside it.
    let mut plain_dates: Vec<(usize, Option<Fields>)> = Vec::new();
    for (index, range) in line_spans(&text, from).enumerate() {
        let raw = &text[range.clone()];
        let after_indent = raw.trim_start();
        let indent = raw.len() - after_indent.len();
        let trimmed = after_indent.trim_end();
        if trimmed.is_empty() {
            close(&mut blocks, spans.len(), &mut first, false);
        } else if is_boilerplate(trimmed, &options.boilerplate) {
            dropped.boilerplate(path, index + 1, column(raw, indent), trimmed);
            // It ends the block it stands in, or follows the last one
            // across blank lines: that block is followed by boilerplate.
            if spans.len() > first {
                close(&mut blocks, spans.len(), &mut first, true);
            } else if let Some(last) = blocks.last_mut() {
                last.before_boilerplate = true;
            }
        } else if let Some(fields) = metadata_fields(
            Line {
                number: index + 1,
                text: raw,
            },
            indent,
            trimmed,
        )
        .filter(|fields| !spans.is_empty() || fields.before_title())
        {
            if !spans.is_empty() && fields.is_plain_date(trimmed) {
                // A paragraph of its own for now: where it stands decides
                // whether it is metadata or the body's text.
                close(&mut blocks, spans.len(), &mut first, false);
                let start = range.start + indent;
                spans.push(Span {
                    text: start..start + trimmed.len(),
                    line_start: range.start,
                    number: index + 1,
                });
                plain_dates.push((spans.len() - 1, Some(fields)));
                close(&mut blocks, spans.len(), &mut first, false);
            } else {
                for (key, value) in fields {
                    take_metadata(&mut article, key, value, path, diagnostics);
                }
            }
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
        dropped.report(path, diagnostics);
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
    // The caption's description and credit, for the picture if there is
    // one.
    let mut found_caption = None;
    // Each body paragraph's span, when it is one line.
    let mut one_line: Vec<Option<usize>> = Vec::with_capacity(16);
    for block in rest {
        any = true;
        let block_spans = &spans[block.spans.clone()];
        // A `Date:` line before the body is metadata; inside it, text
        // until the body ends (below).
        let plain_date = block.spans.len() == 1 && is_plain_date(&plain_dates, block.spans.start);
        if plain_date && lines.is_empty() {
            take_plain_date(
                &mut plain_dates,
                block.spans.start,
                &mut article,
                path,
                diagnostics,
            );
            continue;
        }
        // A byline stands before the body (or closes it, below): once
        // the body has begun, a paragraph `By The Numbers` is a subhead.
        if lines.is_empty()
            && let [line] = block_spans
            && let Some(authors) = byline(&text, line)
        {
            if article.authors.is_empty() {
                article.authors = authors;
            }
            continue;
        }
        // The dek comes first, then a caption: each only in its place.
        if position <= 1 {
            let paragraph = joined(&text, block_spans);
            // Only after a dek does standing before a boilerplate line
            // make a caption: a dek followed by one (an article with no
            // picture) is the dek.
            let before_boilerplate = block.before_boilerplate && position == 1;
            if let Some(why) = caption(&paragraph, before_boilerplate, &options.credits) {
                let at = field(&text, &block_spans[0]);
                dropped.caption(path, at.line, at.column, &paragraph, why);
                let (description, credit) = why.parts(&paragraph);
                let place = |value: &str| Field::new(value, at.line, at.column);
                found_caption = Some((description.map(place), credit.map(place)));
                position = 2;
                continue;
            }
        }
        if position == 0 {
            position = 1;
            article.summary = Some(joined_field(&text, block_spans));
            continue;
        }
        position = 2;
        if article.summary.is_none() && article.lead.is_none() && !plain_date {
            article.lead = Some(joined_field(&text, block_spans));
        }
        lines.extend(block_spans.iter().map(|s| s.text.clone()));
        ends.push(lines.len());
        one_line.push((block_spans.len() == 1).then_some(block.spans.start));
    }
    // The body's last paragraphs may be metadata after all: `Date:` lines,
    // and a byline as a sign-off (its last paragraph, of one line, after
    // others), in either order. The dates are found from the end, and
    // taken in their order once all are found.
    let mut closing_dates = Vec::new();
    while let Some(&Some(at)) = one_line.last() {
        if is_plain_date(&plain_dates, at) {
            closing_dates.push(at);
        } else if article.authors.is_empty()
            && ends.len() > 1
            && let Some(authors) = byline(&text, &spans[at])
        {
            article.authors = authors;
        } else {
            break;
        }
        one_line.pop();
        ends.pop();
        lines.truncate(ends.last().copied().unwrap_or(0));
    }
    for &at in closing_dates.iter().rev() {
        take_plain_date(&mut plain_dates, at, &mut article, path, diagnostics);
    }
    // An article whose only date is a `Date:` line inside the body (say,
    // followed by `Source: WAM`) keeps it as its date, as it always did:
    // the first such line leaves the body.
    if article.published.is_none()
        && article.updated.is_none()
        && let Some((p, at)) = one_line.iter().enumerate().find_map(|(p, at)| {
            at.filter(|&at| is_plain_date(&plain_dates, at))
                .map(|at| (p, at))
        })
    {
        take_plain_date(&mut plain_dates, at, &mut article, path, diagnostics);
        let start = p.checked_sub(1).map_or(0, |before| ends[before]);
        let end = ends[p];
        lines.drain(start..end);
        ends.remove(p);
        for later in &mut ends[p..] {
            *later -= end - start;
        }
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
        dropped.report(path, diagnostics);
        return None;
    }
    // With a picture (an `Image:` line, wherever it stands), the caption
    // is kept: it describes the picture, so it is no longer left out.
    if let (Some(image), Some((description, credit))) = (&mut article.image, found_caption) {
        image.caption = description;
        image.credit = credit;
        dropped.keep_caption();
    }
    dropped.report(path, diagnostics);
    article.body = Body::Paragraphs(Paragraphs::new(text, lines, ends));
    Some(article)
}

/// Whether span `at` is a `Date:` line not yet taken (see
/// [`Fields::is_plain_date`]). The lines are in span order: a binary
/// search, so that an article of a million such lines takes linear time.
fn is_plain_date(plain_dates: &[(usize, Option<Fields>)], at: usize) -> bool {
    plain_dates
        .binary_search_by_key(&at, |(span, _)| *span)
        .is_ok_and(|i| plain_dates[i].1.is_some())
}

/// Takes the `Date:` line at span `at` as metadata.
fn take_plain_date(
    plain_dates: &mut [(usize, Option<Fields>)],
    at: usize,
    article: &mut Article,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Ok(i) = plain_dates.binary_search_by_key(&at, |(span, _)| *span) else {
        return;
    };
    for (key, value) in plain_dates[i].1.take().into_iter().flatten() {
        take_metadata(article, key, value, path, diagnostics);
    }
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

/// How many boilerplate lines of one article are noted one by one; the
/// rest share one note, so that the notes of an article of nothing but
/// boilerplate stay few.
const LISTED_BOILERPLATE: usize = 5;

/// The notes on what the reader left out of an article.
#[derive(Debug, Default)]
struct Dropped {
    /// Whether the notes are made at all: a build that prints none does
    /// not pay for quoting and formatting two per article.
    wanted: bool,
    notes: Vec<Diagnostic>,
    /// Boilerplate lines seen.
    boilerplate: usize,
    /// The first and last of the boilerplate lines not noted one by one.
    unlisted: Option<(usize, usize)>,
}

impl Dropped {
    /// Notes a boilerplate line (trimmed) at a line and column.
    fn boilerplate(&mut self, path: &Path, line: usize, column: usize, text: &str) {
        if !self.wanted {
            return;
        }
        self.boilerplate += 1;
        if self.boilerplate > LISTED_BOILERPLATE {
            let first = self.unlisted.map_or(line, |(first, _)| first);
            self.unlisted = Some((first, line));
            return;
        }
        self.notes.push(
            Diagnostic::note(
                "dropped-boilerplate",
                path,
                format!("left out the boilerplate line `{}`", quote(text)),
            )
            .at(line, column),
        );
    }

    /// Notes a caption (its lines joined) that starts at a line and column.
    fn caption(&mut self, path: &Path, line: usize, column: usize, text: &str, why: Caption<'_>) {
        if !self.wanted {
            return;
        }
        let why = match why {
            Caption::Credit { credit, .. } => {
                format!("it ends with the photo credit `{}`", quote(credit))
            }
            Caption::BeforeBoilerplate => "a boilerplate line follows it".to_owned(),
        };
        self.notes.push(
            Diagnostic::note(
                "dropped-caption",
                path,
                format!("left out the photo caption `{}`: {why}", quote(text)),
            )
            .at(line, column),
        );
    }

    /// Takes back the caption's note: the caption describes the picture.
    fn keep_caption(&mut self) {
        self.notes.retain(|note| note.code != "dropped-caption");
    }

    /// Adds the notes to `diagnostics`, in line order.
    fn report(mut self, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
        if let Some((first, last)) = self.unlisted {
            let more = self.boilerplate - LISTED_BOILERPLATE;
            let message = if more == 1 {
                "left out 1 more boilerplate line".to_owned()
            } else {
                format!("left out {more} more boilerplate lines, from line {first} to line {last}")
            };
            self.notes
                .push(Diagnostic::note("dropped-boilerplate", path, message).at(first, 1));
        }
        // Captions are found after the boilerplate lines below them.
        self.notes.sort_by_key(|note| note.line);
        diagnostics.append(&mut self.notes);
    }
}

/// The start of a dropped text, for a one-line note: at most
/// [`QUOTED_CHARS`] characters (then an ellipsis), control characters
/// written as escapes.
fn quote(text: &str) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == QUOTED_CHARS {
            out.truncate(out.trim_end().len());
            out.push('\u{2026}');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// How much of a dropped text a note quotes.
const QUOTED_CHARS: usize = 60;

#[cfg(test)]
mod tests;
