//! `feedpub inspect`: the normalised metadata of articles, for people and
//! for scripts.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::normalize::{Enclosure, Image, Outcome};
use crate::text::date::to_rfc3339;

/// What `inspect` says about one article; one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The file: in JSON, its name as text (a byte that is not UTF-8 shown
    /// as U+FFFD), and then, only for such a name, `path_bytes`, the exact
    /// bytes, so that no name is lost or fatal.
    #[serde(serialize_with = "path_fields", flatten)]
    pub path: PathBuf,
    /// `ok`, `draft` or `error`.
    pub status: &'static str,
    /// Cleaned title.
    pub title: Option<String>,
    /// Cleaned, shortened summary.
    pub summary: Option<String>,
    /// Published instant, RFC 3339.
    pub published: Option<String>,
    /// Updated instant, RFC 3339.
    pub updated: Option<String>,
    /// Atom id and RSS guid.
    pub id: Option<String>,
    /// Entry link.
    pub link: Option<String>,
    /// Authors' names, comma-separated.
    pub author: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The section (its own `Section:`, or its folder).
    pub section: Option<String>,
    /// The picture: `url`, `mime_type`, `description`, `credit`, `width`,
    /// `height`.
    pub image: Option<Image>,
    /// The enclosure: `url`, `mime_type`, `length`.
    pub enclosure: Option<Enclosure>,
    /// The first error, when the article cannot be published.
    pub error: Option<String>,
    /// Every error, as `file:line:col: error[code]: message`: an article
    /// with several faults lists them all.
    pub errors: Vec<String>,
    /// Every note (what the reader left out: captions, boilerplate
    /// lines), as `file:line:col: note[code]: message`.
    pub notes: Vec<String>,
    /// Written (as `true`) only when there is no `base_url`: then `link`,
    /// and picture and enclosure URLs on the site, are relative (`/x/`),
    /// and `id` is null unless the article names its own, since a made id
    /// holds the site's host.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_base_url: bool,
    /// Every diagnostic, as `file:line:col: severity[code]: message`.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes a path as `path` (text) and, when it is not UTF-8, `path_bytes`.
fn path_fields<S: serde::Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry("path", &path.to_string_lossy())?;
    if path.to_str().is_none() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            map.serialize_entry("path_bytes", path.as_os_str().as_bytes())?;
        }
    }
    map.end()
}

/// What `inspect` found: a record per article, and the problems met while
/// listing folders (broken symlinks, unreadable folders), as `build`
/// reports them.
#[derive(Debug, Default)]
pub struct Inspection {
    /// One record per article file, in order.
    pub records: Vec<Record>,
    /// Problems of the listing, not of any one article.
    pub diagnostics: Vec<Diagnostic>,
}

/// Inspects files; a folder stands for the articles in it.
pub fn inspect(paths: &[PathBuf], config: &Config) -> Result<Inspection, Error> {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        if path.is_dir() {
            let listing = crate::build::source::list_articles(path)?;
            files.extend(listing.files);
            diagnostics.extend(listing.diagnostics);
        } else {
            files.push(path.clone());
        }
    }
    Ok(Inspection {
        records: files.iter().map(|f| record(f, config)).collect(),
        diagnostics,
    })
}

fn record(path: &Path, config: &Config) -> Record {
    let processed = build::process(path, config);
    let errors: Vec<String> = processed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    let error = errors.first().cloned();
    let notes = processed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(ToString::to_string)
        .collect();
    let mut record = Record {
        path: path.to_path_buf(),
        status: "error",
        title: None,
        summary: None,
        published: None,
        updated: None,
        id: None,
        link: None,
        author: None,
        tags: Vec::new(),
        section: None,
        image: None,
        enclosure: None,
        error,
        errors,
        notes,
        no_base_url: false,
        diagnostics: processed.diagnostics,
    };
    match processed.outcome {
        Outcome::Entry(e) => {
            record.status = "ok";
            record.title = Some(e.title);
            record.summary = Some(e.summary);
            record.published = Some(to_rfc3339(&e.published));
            record.updated = Some(to_rfc3339(&e.updated));
            record.id = Some(e.id);
            record.link = Some(e.link.to_string());
            record.author = (!e.authors.is_empty()).then(|| {
                e.authors
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            record.tags = e.tags;
            record.section = e.section;
            record.image = e.image.map(|i| *i);
            record.enclosure = e.enclosure.map(|e| *e);
        }
        // `process` wants every entry in full; were one only ranked, its
        // dates and id are what is known.
        Outcome::Ranked(ranked) => {
            record.status = "ok";
            record.updated = Some(to_rfc3339(&ranked.updated));
            record.id = Some(ranked.id);
        }
        Outcome::Draft => record.status = "draft",
        Outcome::Invalid => {}
    }
    if !config.site.base_url_known {
        without_base(&mut record);
    }
    record
}

/// Makes the URLs on the placeholder site relative and drops ids made
/// from its host (see [`crate::config::PLACEHOLDER_BASE_URL`]).
fn without_base(record: &mut Record) {
    let base = crate::config::PLACEHOLDER_BASE_URL;
    // The placeholder ends in `/`; a relative URL keeps that slash.
    let site = base.strip_suffix('/').unwrap_or(base);
    let relative = |url: &mut String| {
        if let Some(path) = url.strip_prefix(site) {
            *url = path.to_owned();
        }
    };
    record.no_base_url = true;
    if let Some(link) = &mut record.link {
        relative(link);
    }
    if let Some(image) = &mut record.image {
        relative(&mut image.url);
    }
    if let Some(enclosure) = &mut record.enclosure {
        relative(&mut enclosure.url);
    }
    let host = site.strip_prefix("https://").unwrap_or(site);
    if record
        .id
        .as_deref()
        .is_some_and(|id| id.starts_with(&format!("tag:{host},")))
    {
        record.id = None;
    }
}
