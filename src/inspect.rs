//! `feedpub inspect`: the normalised metadata of articles, for people and
//! for scripts.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::normalize::Outcome;
use crate::normalize::date::to_rfc3339;
use crate::pipeline;

/// What `inspect` says about one article; one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The file.
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
    /// The first error, when the article cannot be published.
    pub error: Option<String>,
    /// Every diagnostic, as `file:line:col: severity[code]: message`.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Inspects files; a folder stands for the articles in it.
pub fn inspect(paths: &[PathBuf], config: &Config) -> Result<Vec<Record>, Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(crate::source::list_articles(path)?.files);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files.iter().map(|f| record(f, config)).collect())
}

fn record(path: &Path, config: &Config) -> Record {
    let processed = pipeline::process(path, config);
    let error = processed
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(ToString::to_string);
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
        error,
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
        }
        // `process` wants every entry in full; were one only ranked, its
        // dates and id are what is known.
        Outcome::Ranked { updated, id } => {
            record.status = "ok";
            record.updated = Some(to_rfc3339(&updated));
            record.id = Some(id);
        }
        Outcome::Draft => record.status = "draft",
        Outcome::Invalid => {}
    }
    record
}
