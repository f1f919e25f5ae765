//! The checks of an article's fields (text, dates, slug) while it is
//! normalised: each problem is reported as a diagnostic, and a text field
//! is cleaned only when it must be.

use std::borrow::Cow;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::link;
use crate::article::{Article, Field};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::text::clean::{self, Markup};
use crate::text::date;

/// A text field whose problems have been reported, not yet cleaned when
/// cleaning it can report nothing: most entries of a large site never
/// make a feed, and their titles and summaries are never cleaned.
pub(super) enum Checked<'a> {
    /// Printable ASCII without markup or entities: cleaning it is folding
    /// its blanks, and can report nothing.
    Plain(&'a str),
    /// Text that cleaning can only normalise and fold (see
    /// [`clean::is_quiet`]), in this markup.
    Quiet(&'a str, Markup),
    /// Cleaned already.
    Clean(String),
}

impl Checked<'_> {
    pub(super) fn into_text(self) -> String {
        match self {
            Self::Plain(raw) => clean::collapse_blanks(raw),
            Self::Quiet(raw, markup) => clean::clean(raw, markup).text,
            Self::Clean(text) => text,
        }
    }
}

pub(super) struct Normalizer<'a> {
    pub(super) path: &'a Path,
    pub(super) config: &'a Config,
    /// What the article's text fields are written in.
    pub(super) markup: Markup,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
    /// Whether cleaning that can report nothing is put off (see
    /// [`Checked::Quiet`]): only while the ranking can turn entries away.
    pub(super) defer: bool,
}

impl Normalizer<'_> {
    /// Reports a text field's problems, as [`Self::clean`] does, cleaning
    /// it only when that could find any; `None` when nothing is left.
    pub(super) fn check<'f>(&mut self, field: &'f Field, what: &str) -> Option<Checked<'f>> {
        if clean::is_plain(&field.value) {
            (field.value.bytes().any(|b| b != b' ')).then_some(Checked::Plain(&field.value))
        } else if self.defer && clean::is_quiet(&field.value) {
            Some(Checked::Quiet(&field.value, self.markup))
        } else {
            self.clean_fully(field, what).map(Checked::Clean)
        }
    }

    /// Cleans a text field; `None` when nothing is left.
    pub(super) fn clean(&mut self, field: &Field, what: &str) -> Option<String> {
        // Cleaning plain text is folding its blanks, and reports nothing.
        if clean::is_plain(&field.value) {
            let text = clean::collapse_blanks(&field.value);
            return (!text.is_empty()).then_some(text);
        }
        self.clean_fully(field, what)
    }

    /// [`Self::clean`], keeping the field's own text when cleaning would
    /// give it back unchanged (plain text, single-spaced: most tags).
    pub(super) fn clean_owned(&mut self, field: Field, what: &str) -> Option<String> {
        if clean::is_plain(&field.value) {
            let text = clean::collapse_blanks_owned(field.value);
            return (!text.is_empty()).then_some(text);
        }
        self.clean_fully(&field, what)
    }

    /// Cleans a text field known not to be plain (see
    /// [`clean::is_plain`]), reporting what cleaning found; `None` when
    /// nothing is left.
    fn clean_fully(&mut self, field: &Field, what: &str) -> Option<String> {
        let cleaned = clean::clean(&field.value, self.markup);
        if cleaned.markup_like {
            self.diagnostics.push(
                Diagnostic::warning(
                    "markup-like-text",
                    self.path,
                    format!(
                        "the {what} `{}` holds text that readers and validators may take for markup; it is published as text",
                        clean::truncate(&cleaned.text, 80)
                    ),
                )
                .at(field.line, field.column),
            );
        }
        if cleaned.removed > 0 {
            self.diagnostics.push(
                Diagnostic::warning(
                    "invalid-character",
                    self.path,
                    format!(
                        "removed {} character{} that XML cannot carry from the {what}",
                        cleaned.removed,
                        if cleaned.removed == 1 { "" } else { "s" }
                    ),
                )
                .at(field.line, field.column),
            );
        }
        if cleaned.bidi_removed > 0 {
            self.diagnostics.push(
                Diagnostic::warning(
                    "bidi-control",
                    self.path,
                    format!(
                        "removed {} bidirectional override character{} from the {what}; they can reverse how a reader shows the text around it",
                        cleaned.bidi_removed,
                        if cleaned.bidi_removed == 1 { "" } else { "s" }
                    ),
                )
                .at(field.line, field.column),
            );
        }
        cleaned
            .text
            .chars()
            .any(clean::is_visible)
            .then_some(cleaned.text)
    }

    pub(super) fn date(&mut self, field: &Field) -> Option<DateTime<FixedOffset>> {
        match date::parse(&field.value, &self.config.dates) {
            Ok(stamp) => {
                if let Some(note) = stamp.note {
                    self.diagnostics.push(
                        Diagnostic::warning("ambiguous-local-time", self.path, note.to_string())
                            .at(field.line, field.column),
                    );
                }
                Some(stamp.instant)
            }
            Err(e) => {
                let column =
                    field.column + field.value.get(..e.at).map_or(0, |s| s.chars().count());
                self.diagnostics.push(
                    Diagnostic::error(
                        "invalid-date",
                        self.path,
                        format!("cannot read date `{}`: {e}", field.value),
                    )
                    .at(field.line, column),
                );
                None
            }
        }
    }

    pub(super) fn slug(&mut self, article: &Article) -> Option<String> {
        let (source, field): (Cow<'_, str>, _) = match &article.slug {
            Some(field) => (Cow::Borrowed(&field.value), Some(field)),
            None => (
                article
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default(),
                None,
            ),
        };
        let slug = link::slugify(&source);
        if slug.is_empty() {
            let mut d = Diagnostic::error(
                "invalid-slug",
                self.path,
                format!(
                    "slug `{source}` has no letters or digits; expected something like `us-iraq-talks`"
                ),
            );
            if let Some(f) = field {
                d = d.at(f.line, f.column);
            }
            self.diagnostics.push(d);
            return None;
        }
        if let Some(f) = field
            && slug != source
        {
            self.diagnostics.push(
                Diagnostic::warning(
                    "slug-changed",
                    self.path,
                    format!("slug `{source}` is not URL-safe; using `{slug}`"),
                )
                .at(f.line, f.column),
            );
        }
        Some(slug)
    }
}
