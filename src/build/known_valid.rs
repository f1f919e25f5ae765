//! Files known valid: each file a build put in place (or found already in
//! place) whose validation found nothing, with its stamp after the build,
//! kept in [`STATE_FILE`] in the output folder's state folder. A rerun
//! that makes the same bytes for a file that is still the one recorded
//! does not validate them again: the file holds bytes this validator
//! passed, at this URL, and the new bytes are the same. (A rerun of a feed
//! set validated its 633 unchanged files each time: a third of its
//! instructions.)
//!
//! Each of the three conditions is checked on every run: the record is of
//! this build of feedpub (its version and source hash), the file's stamp
//! (size, inode, modification and change times to the nanosecond) is the
//! recorded one, so nobody has written it since, and its bytes are the
//! new ones, compared in full. A file that fails any of them is validated
//! as usual.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use super::source::FileStamp;
use crate::publish::{self, Planned};

/// The file, in the output folder's state folder, of the files known
/// valid.
pub const STATE_FILE: &str = "valid";

/// The first line of [`STATE_FILE`], naming the format and the build of
/// feedpub whose validator passed the files; a file without it is not
/// read.
fn header() -> String {
    format!(
        "feedpub valid 1 {} {}",
        env!("CARGO_PKG_VERSION"),
        env!("FEEDPUB_SOURCE_HASH")
    )
}

/// One file known valid: the hash of the URL it was validated at, and
/// its stamp.
type Record = (u64, FileStamp);

/// The files known valid, by path relative to the output folder.
#[derive(Debug, Default)]
pub(super) struct KnownValid {
    files: HashMap<String, Record>,
}

/// A path's key: relative to the output folder, with `/`.
fn key(out: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(out).ok()?;
    let text = relative.to_str()?;
    Some(text.replace('\\', "/"))
}

/// The hash of the URL a file is validated at (its self link decides
/// some findings).
fn url_hash(url: Option<&str>) -> u64 {
    let mut hasher = DefaultHasher::new();
    url.hash(&mut hasher);
    hasher.finish()
}

impl KnownValid {
    /// The files known valid in the state folder `state`; none when the
    /// file is missing, damaged or of another build of feedpub.
    pub(super) fn load(state: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(state.join(STATE_FILE)) else {
            return Self::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(header().as_str()) {
            return Self::default();
        }
        let files = lines
            .map(|line| {
                let mut fields = line.splitn(8, ' ');
                let mut number = || fields.next()?.parse::<u64>().ok();
                let url = number()?;
                let size = number()?;
                let mtime = (
                    i64::try_from(number()?).ok()?,
                    u32::try_from(number()?).ok()?,
                );
                let ctime = (
                    i64::try_from(number()?).ok()?,
                    u32::try_from(number()?).ok()?,
                );
                let inode = number()?;
                let path = fields.next()?.to_owned();
                let stamp = FileStamp {
                    size,
                    mtime,
                    ctime,
                    inode,
                };
                Some((path, (url, stamp)))
            })
            .collect::<Option<HashMap<_, _>>>()
            .unwrap_or_default();
        Self { files }
    }

    /// Whether `plan`, to be published in `out` and validated at `url`,
    /// is known valid: the file at its path is the one recorded, and
    /// holds exactly its bytes.
    pub(super) fn holds(&self, out: &Path, plan: &Planned, url: Option<&str>) -> bool {
        self.in_place(out, &plan.path, url) && matches!(publish::is_stale(plan), Ok(false))
    }

    /// Whether feedpub has a record of writing the file at `path`, in
    /// `out`, whatever became of it since.
    pub(super) fn recorded(&self, out: &Path, path: &Path) -> bool {
        key(out, path).is_some_and(|k| self.files.contains_key(&k))
    }

    /// Whether the file at `path`, in `out`, is the one recorded as
    /// validated at `url`: nobody has written it since.
    pub(super) fn in_place(&self, out: &Path, path: &Path, url: Option<&str>) -> bool {
        let Some((recorded_url, stamp)) = key(out, path).and_then(|k| self.files.get(&k)) else {
            return false;
        };
        *recorded_url == url_hash(url) && FileStamp::at(path).is_ok_and(|now| now == *stamp)
    }
}

/// Records, in place of the old record, the files of `out` in `valid`
/// (each with the URL it was validated at) as known valid, with their
/// stamps now; the caller holds the output folder's lock and has just put
/// them in place. A failure only costs the next build some validating,
/// so it is not an error.
pub(super) fn save(state: &Path, out: &Path, valid: &[(&Path, Option<&str>)]) {
    let mut text = header();
    text.push('\n');
    let mut lines: Vec<String> = valid
        .iter()
        .filter_map(|&(path, url)| {
            let key = key(out, path)?;
            // A name with a line break cannot be recorded on a line.
            if key.contains(['\n', '\r']) {
                return None;
            }
            let s = FileStamp::at(path).ok()?;
            Some(format!(
                "{} {} {} {} {} {} {} {key}",
                url_hash(url),
                s.size,
                s.mtime.0,
                s.mtime.1,
                s.ctime.0,
                s.ctime.1,
                s.inode
            ))
        })
        .collect();
    lines.sort();
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    let temp = tempfile::Builder::new()
        .prefix(&crate::publish::own_temp_prefix())
        .suffix(".tmp")
        .tempfile_in(state);
    if let Ok(mut temp) = temp {
        use std::io::Write;
        if temp.write_all(text.as_bytes()).is_ok() {
            let _ = temp.persist(state.join(STATE_FILE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A file is known valid only while it is the one recorded, at the
    /// same URL, with the same bytes; a record of another build is not
    /// read.
    #[test]
    fn known_only_while_file_url_and_bytes_are_the_same() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("feeds");
        let state = dir.path().join("state");
        fs::create_dir_all(out.join("tags/x")).expect("folders");
        fs::create_dir_all(&state).expect("state folder");
        let plan = |name: &str, bytes: &[u8]| Planned {
            path: out.join(name),
            bytes: bytes.to_vec(),
        };
        let feed = plan("tags/x/rss.xml", b"<rss/>");
        fs::write(&feed.path, &feed.bytes).expect("write");
        let url = Some("https://example.com/tags/x/rss.xml");
        // Nothing recorded yet.
        assert!(!KnownValid::load(&state).holds(&out, &feed, url));
        save(&state, &out, &[(feed.path.as_path(), url)]);
        let known = KnownValid::load(&state);
        // The same bytes, the same file, the same URL.
        assert!(known.holds(&out, &feed, url));
        // Other bytes for the file.
        assert!(!known.holds(&out, &plan("tags/x/rss.xml", b"<rss></rss>"), url));
        // Another URL.
        assert!(!known.holds(&out, &feed, Some("https://example.com/x.xml")));
        // A file never recorded.
        assert!(!known.holds(&out, &plan("rss.xml", b"<rss/>"), url));
        // The file written again, even with the same bytes: its stamp is
        // no longer the recorded one.
        // (File times tick once a jiffy here, once a second on some file
        // systems: wait past one.)
        std::thread::sleep(std::time::Duration::from_millis(1100));
        fs::remove_file(&feed.path).expect("remove");
        fs::write(&feed.path, &feed.bytes).expect("write again");
        assert!(!KnownValid::load(&state).holds(&out, &feed, url));
        // A record of another build of feedpub is not read.
        save(&state, &out, &[(feed.path.as_path(), url)]);
        let text = fs::read_to_string(state.join(STATE_FILE)).expect("read");
        let other = text.replacen("feedpub valid 1", "feedpub valid 0", 1);
        fs::write(state.join(STATE_FILE), other).expect("write");
        assert!(!KnownValid::load(&state).holds(&out, &feed, url));
        // Nor a damaged one.
        fs::write(state.join(STATE_FILE), header() + "\n1 2 x\n").expect("write");
        assert!(KnownValid::load(&state).files.is_empty());
    }
}
