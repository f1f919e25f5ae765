//! Articles as read from files, before any normalisation.
//!
//! A reader pulls the parts out of a file and notes where each part is, so
//! that later stages can name the line of a bad value. Nothing here judges a
//! value: a date is still the text the author wrote.

mod front_matter;
mod markdown;
mod news;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub use news::{NewsOptions, is_photo_credit};

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
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Self::News),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }
}

/// The article's main text, kept in its own form until a feed needs HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Paragraphs of plain text, each joined into one line.
    Paragraphs(Vec<String>),
    /// Markdown source.
    Markdown(String),
}

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
    /// The first body paragraph, as plain text, for a summary of last resort.
    pub lead: Option<Field>,
    /// When it was first published.
    pub published: Option<Field>,
    /// When it was last updated.
    pub updated: Option<Field>,
    /// Its authors.
    pub authors: Vec<Author>,
    /// Tags or categories.
    pub tags: Vec<Field>,
    /// An explicit id (front matter only).
    pub id: Option<Field>,
    /// An explicit slug (front matter only).
    pub slug: Option<Field>,
    /// Whether it is a draft, not to be published.
    pub draft: bool,
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
            authors: Vec::new(),
            tags: Vec::new(),
            id: None,
            slug: None,
            draft: false,
            body,
        }
    }
}

/// Reads an article from its decoded text. Problems found on the way are
/// pushed to `diagnostics`; `None` means the file could not be read as an
/// article at all.
pub fn read(
    path: &Path,
    format: Format,
    text: &str,
    options: &NewsOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match format {
        Format::News => news::read(path, text, options, diagnostics),
        Format::Markdown => markdown::read(path, text, diagnostics),
    }
}

/// Splits text into lines, accepting LF, CRLF and lone CR endings.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    // Most files have no CR at all: then a line ends at the next LF, which
    // memchr finds far faster than a search for either byte.
    let has_cr = text.as_bytes().contains(&b'\r');
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        let end = if has_cr {
            current.bytes().position(|b| b == b'\n' || b == b'\r')
        } else {
            current.find('\n')
        };
        match end {
            Some(end) => {
                let skip = if current[end..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[end + skip..]);
                Some(&current[..end])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The 1-based column, in characters, of byte offset `at` in `line`.
pub(crate) fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |head| head.chars().count() + 1)
}
