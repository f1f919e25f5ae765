//! Articles as read from files, before any normalisation.
//!
//! A reader pulls the parts out of a file and notes where each part is, so
//! that later stages can name the line of a bad value. Nothing here judges a
//! value: a date is still the text the author wrote.

mod front_matter;
mod markdown;
mod media;
mod news;

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::text::xml;

pub use media::{EnclosureSource, ImageSource};
pub use news::NewsOptions;

/// A value as it stands in the file, with its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The text as written, trimmed.
    pub value: String,
    /// Line of the value.
    pub line: usize,
    /// Column (in characters) of the value.
    pub column: usize,
}

impl Field {
    /// A value at a place.
    pub fn new(value: impl Into<String>, line: usize, column: usize) -> Self {
        Self {
            value: value.into(),
            line,
            column,
        }
    }
}

/// The two article formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain-text news article (`.txt`).
    News,
    /// Markdown with YAML or TOML front matter (`.md`, `.markdown`).
    Markdown,
}

impl Format {
    /// The format of a file, by its extension.
    pub fn of(path: &Path) -> Option<Self> {
        Self::of_name(path.file_name()?.to_str()?)
    }

    /// The format of a file, by the extension of its name (as
    /// [`Path::extension`] reads it: after the last dot, not a leading one).
    pub fn of_name(name: &str) -> Option<Self> {
        let (stem, ext) = name.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        if ext.eq_ignore_ascii_case("txt") {
            Some(Self::News)
        } else if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            Some(Self::Markdown)
        } else {
            None
        }
    }
}

/// The article's main text, kept in its own form until a feed needs HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Paragraphs of plain text.
    Paragraphs(Paragraphs),
    /// Markdown source.
    Markdown(String),
}

impl Body {
    /// No text at all.
    pub fn empty() -> Self {
        Self::Paragraphs(Paragraphs::default())
    }
}

impl Default for Body {
    fn default() -> Self {
        Self::empty()
    }
}

/// Plain-text paragraphs, kept where they stand in the file's text: most
/// articles never make the feed, so their paragraphs are never copied or
/// joined. A paragraph's lines read as one line, joined by single spaces.
#[derive(Debug, Clone, Default)]
pub struct Paragraphs {
    /// The article's text.
    text: String,
    /// Byte spans of the body's lines in `text`, each trimmed.
    lines: Vec<Range<usize>>,
    /// Where each paragraph ends in `lines`.
    ends: Vec<usize>,
}

impl Paragraphs {
    /// Paragraphs given as whole strings (each one line).
    pub fn from_texts<S: AsRef<str>>(paragraphs: impl IntoIterator<Item = S>) -> Self {
        let mut this = Self::default();
        for paragraph in paragraphs {
            let start = this.text.len();
            this.text.push_str(paragraph.as_ref().trim());
            this.lines.push(start..this.text.len());
            this.ends.push(this.lines.len());
            this.text.push('\n');
        }
        this
    }

    /// Paragraphs over `text`: `lines` are trimmed line spans and each
    /// paragraph ends at an index in `ends`.
    fn new(text: String, lines: Vec<Range<usize>>, ends: Vec<usize>) -> Self {
        Self { text, lines, ends }
    }

    /// Each paragraph as one line.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let lines = &self.lines[start..end];
            start = end;
            match lines {
                [one] => Cow::Borrowed(&self.text[one.clone()]),
                _ => {
                    let mut joined = String::new();
                    for line in lines {
                        if !joined.is_empty() {
                            joined.push(' ');
                        }
                        joined.push_str(&self.text[line.clone()]);
                    }
                    Cow::Owned(joined)
                }
            }
        })
    }

    /// How many characters XML cannot carry the paragraphs hold. A file
    /// whose whole text is clean (nearly all) is scanned once.
    pub fn count_forbidden(&self) -> usize {
        if xml::all_xml_chars(&self.text) {
            return 0;
        }
        self.lines
            .iter()
            .map(|line| xml::count_forbidden(&self.text[line.clone()]))
            .sum()
    }
}

impl PartialEq for Paragraphs {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Paragraphs {}

/// A person as written: a name, maybe with an email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The name as written.
    pub name: Field,
    /// An email address, when one was given.
    pub email: Option<String>,
}

/// Everything a reader found in one article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file it came from.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// The headline.
    pub title: Option<Field>,
    /// The standfirst or front-matter summary, when there is one.
    pub summary: Option<Field>,
    /// The first body paragraph, for a summary of last resort, written as
    /// the article's other fields are (plain text in a news article, HTML
    /// without tags in a Markdown one): set only when there is no summary.
    pub lead: Option<Field>,
    /// When it was first published.
    pub published: Option<Field>,
    /// When it was last updated.
    pub updated: Option<Field>,
    /// Whether a date was written that its reader could not take (and has
    /// said why), so the article is not also said to have no date.
    pub unusable_date: bool,
    /// Its authors.
    pub authors: Vec<Author>,
    /// Tags or categories.
    pub tags: Vec<Field>,
    /// The section it is filed in (`Section:`, front-matter `section`);
    /// without one, its folder under the articles folder says.
    pub section: Option<Field>,
    /// An explicit id (front matter only).
    pub id: Option<Field>,
    /// An explicit slug (front matter only).
    pub slug: Option<Field>,
    /// Whether it is a draft, not to be published.
    pub draft: bool,
    /// Its picture (`Image:`, front-matter `image`).
    pub image: Option<ImageSource>,
    /// Its enclosure (front-matter `enclosure`).
    pub enclosure: Option<EnclosureSource>,
    /// The text.
    pub body: Body,
}

impl Article {
    fn empty(path: &Path, format: Format, body: Body) -> Self {
        Self {
            path: path.to_path_buf(),
            format,
            title: None,
            summary: None,
            lead: None,
            published: None,
            updated: None,
            unusable_date: false,
            authors: Vec::new(),
            tags: Vec::new(),
            section: None,
            id: None,
            slug: None,
            draft: false,
            image: None,
            enclosure: None,
            body,
        }
    }
}

/// Reads an article from its decoded text (which a news article keeps as
/// its body). Problems found on the way are pushed to `diagnostics`; `None`
/// means the file could not be read as an article at all. With `notes`,
/// what the reader left out on purpose (captions, boilerplate) is noted
/// too.
pub fn read(
    path: &Path,
    format: Format,
    text: String,
    options: &NewsOptions,
    notes: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    match format {
        Format::News => news::read(path, text, bom, options, notes, diagnostics),
        Format::Markdown => markdown::read(path, &text[bom..], diagnostics),
    }
}

/// The byte spans of the lines of `text[from..]` (without their endings),
/// accepting LF, CRLF and lone CR endings.
pub(crate) fn line_spans(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    // Most files have no CR at all: then a line ends at the next LF.
    let bytes = text.as_bytes();
    let has_cr = memchr::memchr(b'\r', &bytes[from..]).is_some();
    let mut start = Some(from);
    std::iter::from_fn(move || {
        let current = start?;
        let rest = &bytes[current..];
        let end = if has_cr {
            memchr::memchr2(b'\n', b'\r', rest)
        } else {
            memchr::memchr(b'\n', rest)
        };
        match end {
            Some(end) => {
                let skip = if rest[end..].starts_with(b"\r\n") {
                    2
                } else {
                    1
                };
                start = Some(current + end + skip);
                Some(current..current + end)
            }
            None => {
                start = None;
                Some(current..bytes.len())
            }
        }
    })
}

/// Splits text into lines, accepting LF, CRLF and lone CR endings.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    line_spans(text, 0).map(move |span| &text[span])
}

/// The 1-based column, in characters, of byte offset `at` in `line`.
pub(crate) fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |head| head.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's format is read from its extension as `Path::extension`
    /// reads it.
    #[test]
    fn formats_by_name() {
        let cases: &[(&str, Option<Format>)] = &[
            ("story.txt", Some(Format::News)),
            ("STORY.TXT", Some(Format::News)),
            ("a.b.txt", Some(Format::News)),
            ("story.md", Some(Format::Markdown)),
            ("story.Markdown", Some(Format::Markdown)),
            // A leading dot starts a name, not an extension.
            (".txt", None),
            ("..txt", Some(Format::News)),
            ("story.", None),
            ("txt", None),
            ("story.txt~", None),
            ("story.html", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::of_name(name), *want, "{name}");
            assert_eq!(Format::of(Path::new(name)), *want, "{name}");
            let by_path = Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            let expected = match by_path.as_deref() {
                Some("txt") => Some(Format::News),
                Some("md" | "markdown") => Some(Format::Markdown),
                _ => None,
            };
            assert_eq!(*want, expected, "{name}: Path::extension disagrees");
        }
    }
}
