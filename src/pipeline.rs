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

/// The article files found under a folder, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Listing {
    /// Article files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Unreadable folders, broken symlinks, links out of the folder.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists the article files under `dir`, sorted by path. Hidden files and
/// editor leftovers are skipped. A symlink is followed only to a file
/// inside `dir`; symlinked folders are not followed, so no link can loop.
pub fn list_articles(dir: &Path) -> Result<Listing, Error> {
    let root = fs::canonicalize(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut listing = Listing::default();
    let entries = fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    walk(&root, dir, entries, &mut listing);
    listing.files.sort();
    Ok(listing)
}

fn walk(root: &Path, dir: &Path, entries: fs::ReadDir, listing: &mut Listing) {
    let unreadable = |path: &Path, e: std::io::Error| {
        Diagnostic::error(
            "unreadable",
            path,
            format!("cannot read: {e}; its articles are left out"),
        )
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                listing.diagnostics.push(unreadable(dir, e));
                continue;
            }
        };
        let path = entry.path();
        if is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                listing.diagnostics.push(unreadable(&path, e));
                continue;
            }
        };
        if kind.is_dir() {
            match fs::read_dir(&path) {
                Ok(entries) => walk(root, &path, entries, listing),
                Err(e) => listing.diagnostics.push(unreadable(&path, e)),
            }
        } else if Format::of(&path).is_none() {
            continue;
        } else if kind.is_symlink() {
            match fs::canonicalize(&path) {
                Err(e) => listing.diagnostics.push(Diagnostic::error(
                    "broken-symlink",
                    &path,
                    format!("the symlink cannot be followed: {e}"),
                )),
                Ok(target) if !target.starts_with(root) => listing.diagnostics.push(Diagnostic::error(
                    "symlink-outside",
                    &path,
                    format!("the symlink points outside the articles folder, to `{}`; it is not read", target.display()),
                )),
                Ok(target) if target.is_dir() => {}
                Ok(_) => listing.files.push(path),
            }
        } else {
            listing.files.push(path);
        }
    }
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
    let outcome = match load(path, config, &mut diagnostics) {
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

/// Reads a file as text, within the size limit. UTF-8 is read as it is;
/// UTF-16 with a byte-order mark and legacy 8-bit encodings (detected with
/// chardetng, as browsers do) are decoded with a warning; binary files are
/// rejected.
fn load(
    path: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<String, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error("unreadable", path, format!("cannot read the file: {e}"))
    };
    let metadata = fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(Diagnostic::error(
            "not-a-file",
            path,
            "not a regular file (a FIFO, socket or device); it was not opened",
        ));
    }
    if metadata.len() > config.max_article_bytes {
        return Err(Diagnostic::error(
            "too-large",
            path,
            format!(
                "the file has {} bytes; the limit (`max_article_bytes`) is {}",
                metadata.len(),
                config.max_article_bytes
            ),
        ));
    }
    let bytes = fs::read(path).map_err(unreadable)?;
    decode(path, bytes, diagnostics)
}

/// Turns a file's bytes into text; see [`load`].
pub fn decode(
    path: &Path,
    bytes: Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<String, Diagnostic> {
    // UTF-16 is full of NUL bytes, so its byte-order mark is looked for first.
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(Diagnostic::error(
                "bad-encoding",
                path,
                format!(
                    "the file starts with a {} byte-order mark but is not valid {}",
                    encoding.name(),
                    encoding.name()
                ),
            ));
        }
        diagnostics.push(Diagnostic::warning(
            "not-utf8",
            path,
            format!(
                "the file is {}, not UTF-8; read it as {}",
                encoding.name(),
                encoding.name()
            ),
        ));
        return Ok(text.into_owned());
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if bytes.contains(&0) || controls * 10 > bytes.len() {
        return Err(Diagnostic::error(
            "binary-file",
            path,
            "the file holds NUL bytes or mostly control characters; it is binary, not an article",
        ));
    }

    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e.into_bytes(),
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes);
    if malformed || encoding == encoding_rs::UTF_8 {
        let valid = std::str::from_utf8(&bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Diagnostic::error(
            "bad-encoding",
            path,
            format!("byte {valid} is not UTF-8 and the file is in no encoding feedpub recognises; save it as UTF-8"),
        )
        .at(line, 1));
    }
    diagnostics.push(Diagnostic::warning(
        "not-utf8",
        path,
        format!(
            "the file is not UTF-8; read it as {} (detected); save it as UTF-8 to be sure",
            encoding.name()
        ),
    ));
    Ok(text.into_owned())
}

/// Reads every article under the configured folder.
pub fn read_all(config: &Config) -> Result<(Vec<Processed>, Vec<Diagnostic>), Error> {
    let listing = list_articles(&config.articles)?;
    let processed = listing
        .files
        .par_iter()
        .map(|p| process(p, config))
        .collect();
    Ok((processed, listing.diagnostics))
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
    let (mut processed, listing_problems) = read_all(config)?;
    report.diagnostics.extend(listing_problems);
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
        let written = output::publish(&config.out, &plans)?;
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
