//! Putting feed files in place without ever showing a half-written one.
//!
//! Every file is first written in full to a temporary file in the same
//! folder and flushed to disk; only when all of them are ready is each
//! renamed over its old version (a rename within a folder is atomic). A file
//! whose bytes would not change is not touched at all.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A file to put in place.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Where it goes.
    pub path: PathBuf,
    /// Its full contents.
    pub bytes: Vec<u8>,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file already had these bytes and was left alone.
    Unchanged,
    /// The file was replaced (or created).
    Replaced,
}

/// Prefix of the temporary files, so they are easy to recognise.
pub const TEMP_PREFIX: &str = ".feedpub-";

/// Whether a planned file differs from what is on disk.
pub fn is_stale(plan: &Planned) -> Result<bool, Error> {
    match fs::read(&plan.path) {
        Ok(old) => Ok(old != plan.bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(source) => Err(Error::Read {
            path: plan.path.clone(),
            source,
        }),
    }
}

/// Writes every changed file atomically; see the module documentation.
pub fn publish(plans: &[Planned]) -> Result<Vec<Written>, Error> {
    let mut staged = Vec::new();
    let mut outcome = Vec::with_capacity(plans.len());
    for plan in plans {
        if !is_stale(plan)? {
            outcome.push(Written::Unchanged);
            continue;
        }
        outcome.push(Written::Replaced);
        let dir = plan.path.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let write_error = |source| Error::Write {
            path: plan.path.clone(),
            source,
        };
        fs::create_dir_all(dir).map_err(write_error)?;
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(write_error)?;
        temp.write_all(&plan.bytes).map_err(write_error)?;
        temp.as_file().sync_all().map_err(write_error)?;
        staged.push((temp, plan.path.clone()));
    }
    // Every new file is complete on disk; now swap them in.
    for (temp, path) in staged {
        let dir = path.parent().map(Path::to_path_buf);
        temp.persist(&path).map_err(|e| Error::Write {
            path: path.clone(),
            source: e.error,
        })?;
        set_readable(&path);
        if let Some(dir) = dir {
            // Make the rename itself durable; not every platform allows
            // opening a folder, so this is best effort.
            if let Ok(handle) = fs::File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &dir
            }) {
                let _ = handle.sync_all();
            }
        }
    }
    Ok(outcome)
}

/// Temporary files are created private (0600); a published feed must be
/// readable by the web server, like any file the user creates.
#[cfg(unix)]
fn set_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_readable(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = Planned {
            path: dir.path().join("sub/a.xml"),
            bytes: b"one".to_vec(),
        };
        assert_eq!(
            publish(std::slice::from_ref(&plan)).expect("write"),
            [Written::Replaced]
        );
        assert_eq!(
            publish(std::slice::from_ref(&plan)).expect("write"),
            [Written::Unchanged]
        );
        assert_eq!(fs::read(&plan.path).expect("read"), b"one");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.xml"], "no temporary file is left behind");
    }
}
