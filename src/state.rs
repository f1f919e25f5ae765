//! Where a build keeps what it remembers between runs: the rank cache,
//! the fingerprints of archive pages and feeds, and the lock that makes
//! runs to one output folder take turns. None of it is published, so none
//! of it is in the output folder (which `rsync` or `aws s3 sync` copy as it
//! is): it is in the state folder, `.feedpub/` beside `feedpub.toml` (or
//! `state_dir`), in a folder of its own per output folder, so that one
//! configuration can build several output folders, each with its own cache
//! and lock.
//!
//! An output folder's state folder is named for the output folder: a
//! readable slug of its path (relative to the configuration's folder when
//! inside it) and a hash of its absolute path with symbolic links
//! resolved, such as `.feedpub/feeds-1a2b3c4d/`. Every spelling of one
//! output folder (`feeds`, `./feeds`, `/site/feeds`, a link to it) gets
//! the same one, so runs to it always share a lock.

use std::path::{Component, Path, PathBuf};

/// The state folder, beside the configuration file, when `state_dir` is
/// not set.
pub const DEFAULT_DIR: &str = ".feedpub";

/// The state files older versions of feedpub kept in the output folder:
/// the rank cache, the lock and the archive pages' fingerprints. A build
/// removes them from its output folder (see [`crate::publish::Staged`]).
pub const LEGACY_FILES: [&str; 3] = [".feedpub-cache", ".feedpub.lock", ".feedpub-pages"];

/// The longest slug of an output folder's path in its state folder's
/// name; a longer one keeps its end, where the names differ most.
const MAX_SLUG: usize = 40;

/// The folder under the state folder `root` that holds the state of the
/// output folder `out`; `base` is the folder `out` is shown relative to
/// (the configuration's folder). Nothing is created.
pub fn folder(root: &Path, out: &Path, base: &Path) -> PathBuf {
    let absolute = resolve(out);
    let base = resolve(base);
    let shown = absolute.strip_prefix(&base).unwrap_or(&absolute);
    let hash = crate::build::cache::fnv1a(absolute.as_os_str().as_encoded_bytes());
    // Eight hex digits tell the output folders of one state folder apart.
    root.join(format!("{}-{:08x}", slug(shown), hash as u32))
}

/// `path` made absolute, with symbolic links resolved as far as it exists;
/// the rest (a folder not yet made) is taken as written, `..` going up.
pub fn resolve(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let components: Vec<Component<'_>> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let head: PathBuf = components.iter().take(existing).collect();
        let Ok(mut resolved) = std::fs::canonicalize(&head) else {
            continue;
        };
        for component in components.iter().skip(existing) {
            match component {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        return resolved;
    }
    absolute
}

/// A readable name for a path: its parts joined by `-`, every character
/// but ASCII letters, digits, `_` and `.` made a `-`, never starting with
/// a dot; `out` when nothing is left.
fn slug(path: &Path) -> String {
    let mut slug = String::new();
    for component in path.components() {
        let Component::Normal(name) = component else {
            continue;
        };
        for c in name.to_string_lossy().chars() {
            let c = if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '-'
            };
            if !(c == '-' && (slug.is_empty() || slug.ends_with('-'))) {
                slug.push(c);
            }
        }
        if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // Only ASCII is left, so every index is a character boundary.
    let start = slug.len().saturating_sub(MAX_SLUG);
    let slug = slug[start..].trim_matches(|c| c == '-' || c == '.');
    if slug.is_empty() {
        "out".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_names() {
        let cases: &[(&str, &str)] = &[
            // The usual output folder.
            ("feeds", "feeds"),
            // Folders are joined by a dash.
            ("site/public/feeds", "site-public-feeds"),
            // An absolute path outside the configuration's folder.
            ("/var/www/feeds", "var-www-feeds"),
            // Blanks and other characters become one dash.
            ("my feeds/été", "my-feeds-t"),
            // A leading dot would hide the folder, or make `..`.
            (".hidden", "hidden"),
            // The configuration's own folder has no name of its own.
            ("", "out"),
            // A long path keeps its end.
            (
                "a-very-long-folder-name/and-another-long-one/feeds-for-the-site",
                "and-another-long-one-feeds-for-the-site",
            ),
        ];
        for (path, want) in cases {
            assert_eq!(slug(Path::new(path)), *want, "{path:?}");
        }
    }

    #[test]
    fn every_spelling_of_an_output_folder_shares_one_state_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let base = dir.path();
        std::fs::create_dir(base.join("feeds")).expect("folder");
        let root = base.join(DEFAULT_DIR);
        let usual = folder(&root, &base.join("feeds"), base);
        let name = usual
            .file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("feeds-") && name.len() == 14, "{name}");
        assert_eq!(usual.parent(), Some(root.as_path()));
        for other in [
            base.join("./feeds"),
            base.join("feeds/"),
            base.join("feeds/../feeds"),
        ] {
            assert_eq!(folder(&root, &other, base), usual, "{other:?}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("feeds"), base.join("link")).expect("link");
            assert_eq!(folder(&root, &base.join("link"), base), usual);
        }
        // Another output folder, or one not made yet, has its own.
        let other = folder(&root, &base.join("feeds-b"), base);
        assert_ne!(other, usual);
        std::fs::create_dir(base.join("feeds-b")).expect("folder");
        assert_eq!(folder(&root, &base.join("feeds-b"), base), other);
    }
}
