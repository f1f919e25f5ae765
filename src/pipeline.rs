//! One run: find the article files, read and normalise each (in parallel),
//! assemble the feed, write both formats, and put them in place.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{self, Format};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::feed;
use crate::normalize::{self, NormalizedEntry, Outcome};
use crate::output::{self, Planned, Written};
use crate::{atom_writer, rss_writer, validate};

/// How a build behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildMode {
    /// Write nothing; fail when a feed would change or an article is bad.
    pub check: bool,
    /// Any diagnostic, warnings included, fails the run before writing.
    pub strict: bool,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Articles published in the feeds.
    pub published: usize,
    /// Articles read and valid (the feeds hold the newest `limit` of them).
    pub valid: usize,
    /// Drafts left out.
    pub drafts: usize,
    /// Articles left out for errors.
    pub rejected: usize,
    /// Each feed file and what happened to it.
    pub files: Vec<(PathBuf, Written)>,
}

/// The result of reading one file.
#[derive(Debug)]
pub struct Processed {
    /// The file.
    pub path: PathBuf,
    /// What became of it.
    pub outcome: Outcome,
    /// Its problems.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists the article files under `dir`, sorted by path, skipping hidden
/// files and editor leftovers.
pub fn list_articles(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    walk(dir, &mut found)?;
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read_error = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_ignored(&name) {
            continue;
        }
        let kind = entry.file_type().map_err(read_error)?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if Format::of(&path).is_some() {
            found.push(path);
        }
    }
    Ok(())
}

/// Hidden files, editor backups and lock files.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".bak")
}

/// Reads and normalises one article file.
pub fn process(path: &Path, config: &Config) -> Processed {
    let mut diagnostics = Vec::new();
    let outcome = match load(path, config) {
        Ok(text) => {
            let format = Format::of(path).unwrap_or(Format::News);
            match article::read(path, format, &text, &config.news, &mut diagnostics) {
                Some(article) => normalize::normalize(article, config, &mut diagnostics),
                None => Outcome::Invalid,
            }
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Outcome::Invalid
        }
    };
    Processed {
        path: path.to_path_buf(),
        outcome,
        diagnostics,
    }
}

/// Reads a file as text, within the size limit.
fn load(path: &Path, config: &Config) -> Result<String, Diagnostic> {
    let size = fs::metadata(path)
        .map_err(|e| Diagnostic::error("unreadable", path, format!("cannot read the file: {e}")))?
        .len();
    if size > config.max_article_bytes {
        return Err(Diagnostic::error(
            "too-large",
            path,
            format!(
                "the file has {size} bytes; the limit (`max_article_bytes`) is {}",
                config.max_article_bytes
            ),
        ));
    }
    let bytes = fs::read(path)
        .map_err(|e| Diagnostic::error("unreadable", path, format!("cannot read the file: {e}")))?;
    if bytes.contains(&0) {
        return Err(Diagnostic::error(
            "binary-file",
            path,
            "the file holds NUL bytes; it is binary, not an article",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let head = &e.as_bytes()[..valid];
        let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(
            "not-utf8",
            path,
            format!("byte {valid} is not UTF-8; save the file as UTF-8"),
        )
        .at(line, 1)
    })
}

/// Reads every article under the configured folder.
pub fn read_all(config: &Config) -> Result<Vec<Processed>, Error> {
    let paths = list_articles(&config.articles)?;
    Ok(paths.par_iter().map(|p| process(p, config)).collect())
}

/// Flags articles that share an id: each names the other, and both are
/// left out, since a reader would merge them.
fn reject_duplicate_ids(processed: &mut [Processed]) {
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in processed.iter().enumerate() {
        if let Outcome::Entry(e) = &p.outcome {
            by_id.entry(e.id.clone()).or_default().push(i);
        }
    }
    for (id, indexes) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
        let paths: Vec<PathBuf> = indexes.iter().map(|&i| processed[i].path.clone()).collect();
        for &i in &indexes {
            let others: Vec<String> = paths
                .iter()
                .filter(|p| **p != processed[i].path)
                .map(|p| format!("`{}`", p.display()))
                .collect();
            processed[i].diagnostics.push(Diagnostic::error(
                "duplicate-id",
                &processed[i].path,
                format!(
                    "id `{id}` is also the id of {}; give each article its own slug or id",
                    others.join(", ")
                ),
            ));
            processed[i].outcome = Outcome::Invalid;
        }
    }
}

/// Builds the feeds (or, in check mode, compares them with the files).
/// The report comes back even when the run fails, so that every
/// diagnostic can be shown.
pub fn build(config: &Config, mode: BuildMode) -> (Report, Result<(), Error>) {
    let mut report = Report::default();
    let result = build_into(config, mode, &mut report);
    (report, result)
}

fn build_into(config: &Config, mode: BuildMode, report: &mut Report) -> Result<(), Error> {
    let mut processed = read_all(config)?;
    reject_duplicate_ids(&mut processed);
    let mut entries: Vec<NormalizedEntry> = Vec::new();
    for p in processed {
        report.diagnostics.extend(p.diagnostics);
        match p.outcome {
            Outcome::Entry(entry) => entries.push(*entry),
            Outcome::Draft => report.drafts += 1,
            Outcome::Invalid => report.rejected += 1,
        }
    }
    report.valid = entries.len();
    let counted = report
        .diagnostics
        .iter()
        .filter(|d| mode.strict || d.severity == Severity::Error)
        .count();
    if mode.strict && counted > 0 {
        return Err(Error::Invalid { count: counted });
    }
    let Some(feed) = feed::assemble(config, entries) else {
        return Err(Error::NothingToPublish {
            path: config.articles.clone(),
        });
    };
    report.published = feed.entries.len();
    let plans = [
        Planned {
            path: config.rss_path(),
            bytes: rss_writer::write(&feed)?,
        },
        Planned {
            path: config.atom_path(),
            bytes: atom_writer::write(&feed)?,
        },
    ];
    check_output(config, &plans, report)?;
    if mode.check {
        let mut stale = Vec::new();
        for plan in &plans {
            if output::is_stale(plan)? {
                stale.push(plan.path.clone());
            }
        }
        report.files = plans
            .iter()
            .map(|p| (p.path.clone(), Written::Unchanged))
            .collect();
        if !stale.is_empty() {
            return Err(Error::Stale { paths: stale });
        }
    } else {
        let written = output::publish(&plans)?;
        report.files = plans.iter().map(|p| p.path.clone()).zip(written).collect();
    }
    if counted > 0 {
        return Err(Error::Invalid { count: counted });
    }
    Ok(())
}

/// Runs the validator over the feeds about to be written: an error keeps
/// the old feeds in place; a warning is reported against the feed file.
fn check_output(config: &Config, plans: &[Planned], report: &mut Report) -> Result<(), Error> {
    let site = &config.site;
    for (plan, format, name) in [
        (&plans[0], "RSS", crate::config::RSS_FILE),
        (&plans[1], "Atom", crate::config::ATOM_FILE),
    ] {
        let url = site.feeds_url.join(name).map(String::from).ok();
        let messages = validate::validate(&plan.bytes, &validate::Options { url });
        for m in messages {
            if m.severity == Severity::Error {
                return Err(Error::InvalidOutput {
                    format,
                    message: format!(
                        "{}:{}: [{}] {}",
                        m.line,
                        m.column,
                        m.class.name(),
                        m.message
                    ),
                });
            }
            report.diagnostics.push(
                Diagnostic::warning(m.class.name(), &plan.path, m.message).at(m.line, m.column),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    fn config(dir: &Path) -> Config {
        let file = dir.join("feedpub.toml");
        fs::write(&file, "base_url = \"https://example.com/\"\n").expect("writable");
        Config::load(Overrides {
            config: Some(file),
            ..Overrides::default()
        })
        .expect("valid config")
    }

    /// A feed that fails validation is never put in place.
    #[test]
    fn invalid_output_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = config(dir.path());
        let broken = Planned {
            path: config.rss_path(),
            bytes: b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>".to_vec(),
        };
        let fine_atom = Planned {
            path: config.atom_path(),
            bytes: Vec::new(),
        };
        let mut report = Report::default();
        let result = check_output(&config, &[broken, fine_atom], &mut report);
        match result {
            Err(Error::InvalidOutput { format, message }) => {
                assert_eq!(format, "RSS");
                assert!(message.contains("MissingElement"), "{message}");
            }
            other => panic!("expected InvalidOutput, got {other:?}"),
        }
    }

    #[test]
    fn ignored_names() {
        let cases: &[(&str, bool)] = &[
            // Hidden files.
            (".hidden.txt", true),
            // Emacs lock files.
            (".#story.txt", true),
            // Emacs autosave files.
            ("#story.txt#", true),
            // Backup files.
            ("story.txt~", true),
            // Vim swap files.
            ("story.txt.swp", true),
            // Ordinary articles.
            ("story.txt", false),
        ];
        for (name, ignored) in cases {
            assert_eq!(is_ignored(name), *ignored, "{name}");
        }
    }
}
