//! From an [`Article`] as read to a [`NormalizedEntry`] ready for the feeds:
//! every value checked, cleaned and typed.

mod fields;
pub mod link;
pub mod media;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::article::{Article, Body, Format};
use crate::config::{Config, Person};
use crate::diagnostic::Diagnostic;
use crate::feed::order::{Cut, Ranking};
use crate::feed::set::{Authors, Membership, is_ascii_term, term_key};
use crate::text::clean::{self, Markup};
use crate::text::{date, uri};
use fields::Normalizer;
pub use media::{Enclosure, Image};

/// One article, normalised: what both feeds say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalizedEntry {
    /// The file it came from.
    pub source: PathBuf,
    /// The slug its link and id are made from.
    pub slug: String,
    /// Atom `<id>`, RSS `<guid isPermaLink="false">`.
    pub id: String,
    /// Atom `<link rel="alternate">`, RSS `<link>`: an absolute URL, as
    /// the `url` crate writes it.
    pub link: String,
    /// Atom `<title>`, RSS `<title>`: plain text.
    pub title: String,
    /// Atom `<summary>`, RSS `<description>`: plain text; may be empty.
    pub summary: String,
    /// Atom `<published>`, RSS `<pubDate>`.
    pub published: DateTime<FixedOffset>,
    /// Atom `<updated>`; RSS has no such element.
    pub updated: DateTime<FixedOffset>,
    /// Atom `<author>`, RSS `dc:creator` (and `<author>` with an email).
    pub authors: Vec<Person>,
    /// Atom `<category term>`, RSS `<category>`.
    pub tags: Vec<String>,
    /// The section it is filed in, as spelled (its section feed's name).
    pub section: Option<String>,
    /// Its picture: Media RSS `<media:content>` in RSS and Atom, JSON
    /// Feed `image`.
    pub image: Option<Box<Image>>,
    /// Its enclosure: RSS `<enclosure>`, Atom `<link rel="enclosure">`,
    /// JSON Feed `attachments`.
    pub enclosure: Option<Box<Enclosure>>,
    /// The text, rendered to Atom `<content>` and RSS `content:encoded`
    /// only for entries that make the feed.
    pub body: Body,
}

impl NormalizedEntry {
    /// Its key in the feed's order (see [`crate::feed::order`]).
    pub fn key(&self) -> (DateTime<FixedOffset>, &str) {
        (self.updated, &self.id)
    }
}

/// The most tags an article keeps: a news article has a handful, and each
/// tag may be a feed of its own (three files) when `tag_feeds` is on, so a
/// hostile article of a million tags must not make a million feeds.
pub const MAX_TAGS: usize = 32;

/// The most authors an article keeps: each is an element of every feed
/// the article is in, so a line of a million names must not make a
/// million elements.
pub const MAX_AUTHORS: usize = 32;

/// What ranks a valid entry and places it in the feed set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Its updated instant.
    pub updated: DateTime<FixedOffset>,
    /// Its published instant.
    pub published: DateTime<FixedOffset>,
    /// Its id.
    pub id: String,
    /// Its section, as spelled.
    pub section: Option<String>,
    /// Its tags, as spelled.
    pub tags: Vec<String>,
    /// Its authors' names.
    pub authors: Vec<String>,
}

impl Ranked {
    /// Its groups.
    pub fn membership(&self) -> Membership<'_> {
        Membership {
            section: self.section.as_deref(),
            tags: &self.tags,
            authors: Authors::Names(&self.authors),
        }
    }
}

impl NormalizedEntry {
    /// Its groups.
    pub fn membership(&self) -> Membership<'_> {
        Membership {
            section: self.section.as_deref(),
            tags: &self.tags,
            authors: Authors::People(&self.authors),
        }
    }
}

/// What became of an article.
#[derive(Debug)]
pub enum Outcome {
    /// It is ready to publish.
    Entry(Box<NormalizedEntry>),
    /// It is valid, but the caller did not want it in full (it cannot make
    /// any feed): only what ranks it and places it in the feed set.
    Ranked(Ranked),
    /// It is a draft and is left out.
    Draft,
    /// It has errors (already reported) and is left out.
    Invalid,
}

/// Normalises one article, pushing every problem found to `diagnostics`,
/// which holds this article's problems only (its reader's included).
pub fn normalize(article: Article, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Outcome {
    normalize_within(article, config, &Cut::NONE, diagnostics)
}

/// [`normalize`], but a valid entry past the ranking `cut` comes back as
/// [`Outcome::Ranked`], without the parts only a feed needs (clean title
/// and summary, link). Every diagnostic is found either way.
pub fn normalize_within(
    mut article: Article,
    config: &Config,
    cut: &dyn Ranking,
    diagnostics: &mut Vec<Diagnostic>,
) -> Outcome {
    if article.draft {
        return Outcome::Draft;
    }
    let mut n = Normalizer {
        path: &article.path,
        config,
        markup: match article.format {
            Format::News => Markup::Text,
            Format::Markdown => Markup::Html,
        },
        diagnostics,
        defer: cut.excludes_any(),
    };

    let title = article
        .title
        .as_ref()
        .and_then(|field| n.check(field, "title"));
    if title.is_none() {
        n.diagnostics.push(Diagnostic::error(
            "missing-title",
            n.path,
            "the article has no title",
        ));
    }
    let summary = article
        .summary
        .as_ref()
        .or(article.lead.as_ref())
        .and_then(|field| n.check(field, "summary"));

    // Every fault of the article is reported, so a missing or unreadable
    // date does not stop the checks that follow; the article is left out
    // at the end.
    let published = article.published.as_ref().and_then(|f| n.date(f));
    let updated = article.updated.as_ref().and_then(|f| n.date(f));
    let dates = match (published, updated) {
        (Some(p), Some(u)) => Some((p, u)),
        (Some(p), None) => Some((p, p)),
        (None, Some(u)) => Some((u, u)),
        (None, None) => {
            // A date that was given but could not be read has its own error.
            if article.published.is_none() && article.updated.is_none() && !article.unusable_date {
                n.diagnostics.push(Diagnostic::error(
                    "missing-date",
                    n.path,
                    "the article has no date; expected a line such as `Updated: August 08, 2023, 10:37 PM`",
                ));
            }
            None
        }
    };
    // A date readers would drop, or pin above every newer item: a year's
    // typo (`3023`), or an article dated ahead of its time.
    for (field, instant) in [
        (&article.published, dates.map(|d| d.0)),
        (&article.updated, dates.map(|d| d.1)),
    ] {
        let (Some(field), Some(instant)) = (field, instant) else {
            continue;
        };
        let why = match date::implausible(instant.timestamp()) {
            Some(date::Implausible::BeforeEpoch) => {
                "is before 1970, which feed readers drop or show as undated"
            }
            Some(date::Implausible::Ahead) => {
                "is more than a day after now: readers sort the entry above every newer one until then (is the year right?)"
            }
            None => continue,
        };
        n.diagnostics.push(
            Diagnostic::warning(
                "implausible-date",
                n.path,
                format!("the date `{}` {why}", field.value),
            )
            .at(field.line, field.column),
        );
    }
    if let Some((published, updated)) = dates
        && updated < published
        && let Some(field) = &article.updated
    {
        n.diagnostics.push(
            Diagnostic::warning(
                "updated-before-published",
                n.path,
                format!(
                    "updated `{}` is before published `{}`",
                    date::to_rfc3339(&updated),
                    date::to_rfc3339(&published)
                ),
            )
            .at(field.line, field.column),
        );
    }

    let forbidden = match &article.body {
        Body::Paragraphs(paragraphs) => paragraphs.count_forbidden(),
        Body::Markdown(source) => crate::text::xml::count_forbidden(source),
    };
    if forbidden > 0 {
        n.diagnostics.push(Diagnostic::warning(
            "invalid-character",
            n.path,
            format!(
                "removed {forbidden} character{} that XML cannot carry from the body",
                if forbidden == 1 { "" } else { "s" }
            ),
        ));
    }

    let slug = n.slug(&article);
    let id = match &article.id {
        Some(field)
            if uri::is_absolute_uri(&field.value)
                && uri::id_syntax_fault(&field.value).is_none() =>
        {
            Some(field.value.clone())
        }
        Some(field) if uri::is_absolute_uri(&field.value) => {
            n.diagnostics.push(
                Diagnostic::error(
                    "invalid-id",
                    n.path,
                    format!("id `{}` is not a valid tag URI (`tag:example.com,2023:my-story`: a domain or email, a real date) or UUID URN (`urn:uuid:` and 8-4-4-4-12 hexadecimal digits)", field.value),
                )
                .at(field.line, field.column),
            );
            None
        }
        Some(field) => {
            n.diagnostics.push(
                Diagnostic::error(
                    "invalid-id",
                    n.path,
                    format!("id `{}` is not an absolute URI; expected something like `tag:example.com,2023:my-story` or `urn:uuid:...`", field.value),
                )
                .at(field.line, field.column),
            );
            None
        }
        None => slug.as_ref().map(|s| config.site.ids.entry_id(s)),
    };

    let mut authors_in = std::mem::take(&mut article.authors);
    if let Some(first_left_out) = authors_in.get(MAX_AUTHORS) {
        n.diagnostics.push(
            Diagnostic::warning(
                "too-many-authors",
                n.path,
                format!(
                    "the article has more than {MAX_AUTHORS} authors; `{}` and the ones after it are left out",
                    clean::truncate(&first_left_out.name.value, 40)
                ),
            )
            .at(first_left_out.name.line, first_left_out.name.column),
        );
        authors_in.truncate(MAX_AUTHORS);
    }
    let authors: Vec<Person> = authors_in
        .into_iter()
        .filter_map(|a| {
            let (line, column) = (a.name.line, a.name.column);
            let name = n.clean_owned(a.name, "author")?;
            let email = a.email.as_ref().map(|e| e.trim()).filter(|e| {
                let valid = uri::is_email(e);
                if !valid {
                    n.diagnostics.push(
                        Diagnostic::warning(
                            "invalid-email",
                            n.path,
                            format!(
                                "`{e}` is not an email address; the author is published without one"
                            ),
                        )
                        .at(line, column),
                    );
                }
                valid
            });
            Some(Person {
                name,
                email: email.map(str::to_owned),
            })
        })
        .collect();
    // First spelling of each tag (spellings that differ only in case or
    // blanks are one tag; see `term_key`), in order. The tags kept are
    // looked through one by one: there are at most `MAX_TAGS` of them, so
    // an article of many tags stays linear, and a few comparisons cost
    // less than a hash table for every article. A tag of plain ASCII
    // words (most) stands for its own key (see `is_ascii_term`); the keys
    // of the others are made and kept in `keys`.
    let mut tags: Vec<String> = Vec::with_capacity(article.tags.len().min(MAX_TAGS));
    let mut keys: Vec<String> = Vec::new();
    for field in std::mem::take(&mut article.tags) {
        if tags.len() == MAX_TAGS {
            n.diagnostics.push(
                Diagnostic::warning(
                    "too-many-tags",
                    n.path,
                    format!(
                        "the article has more than {MAX_TAGS} tags; `{}` and the ones after it are left out",
                        clean::truncate(&field.value, 40)
                    ),
                )
                .at(field.line, field.column),
            );
            break;
        }
        if let Some(tag) = n.clean_owned(field, "tag") {
            let key = (!is_ascii_term(&tag)).then(|| term_key(&tag).into_owned());
            let probe = key.as_deref().unwrap_or(&tag);
            let known = tags
                .iter()
                .filter(|kept| is_ascii_term(kept))
                .chain(&keys)
                .any(|kept| kept.eq_ignore_ascii_case(probe));
            if !known {
                keys.extend(key);
                tags.push(tag);
            }
        }
    }

    let section = match article.section.take() {
        Some(field) => n.clean_owned(field, "section"),
        None => section_folder(&article.path, &config.articles),
    };

    let (link, image, enclosure) = n.media(&article, slug.as_deref(), dates);

    // Any error about this article, from reading it or from here, keeps it
    // out of the feeds.
    let has_errors = n.diagnostics.iter().any(Diagnostic::is_error);
    match (title, slug, id, dates) {
        (Some(_), Some(_), Some(id), Some((published, updated)))
            if !has_errors
                && cut.excludes(
                    &updated,
                    &id,
                    &Membership {
                        section: section.as_deref(),
                        tags: &tags,
                        authors: Authors::People(&authors),
                    },
                ) =>
        {
            Outcome::Ranked(Ranked {
                updated,
                published,
                id,
                section,
                tags,
                authors: authors.into_iter().map(|a| a.name).collect(),
            })
        }
        (Some(title), Some(slug), Some(id), Some((published, updated))) if !has_errors => {
            let title = title.into_text();
            let summary = summary.map_or_else(String::new, |s| {
                clean::truncate(&s.into_text(), config.summary_max_chars).into_owned()
            });
            let link = link.unwrap_or_else(|| config.link.link(&slug, &published));
            Outcome::Entry(Box::new(NormalizedEntry {
                source: article.path.clone(),
                slug,
                id,
                link,
                title,
                summary,
                published,
                updated,
                authors,
                tags,
                section,
                image: image.map(Box::new),
                enclosure: enclosure.map(Box::new),
                body: article.body,
            }))
        }
        _ => Outcome::Invalid,
    }
}

/// The section of an article without a `Section:` of its own: the first
/// folder of its path under the articles folder (`articles/world/x.txt` is
/// in `world`); none for an article directly in it.
fn section_folder(path: &Path, articles: &Path) -> Option<String> {
    let mut parts = path.strip_prefix(articles).ok()?.components();
    let first = parts.next()?;
    // A file directly in the folder has only its own name.
    parts.next()?;
    let name = first.as_os_str().to_string_lossy();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests;
