//! Putting feed files in place without ever showing a half-written one.
//!
//! Every file is first written in full to a temporary file in the same
//! folder and flushed to disk; only when all of them are ready is each
//! renamed over its old version (a rename within a folder is atomic). A file
//! whose bytes would not change is not touched at all. Runs to one output
//! folder take turns through [`lock`], taken before a build reads its
//! articles and held until its files are in place: a lock in its state
//! folder (see [`crate::state`]), then one on the output folder itself
//! (held on the open folder, so no file is added to what is published),
//! so that runs that keep their state in different folders, or come from
//! different configs, still take turns at one output folder, and the run
//! that publishes last is the one that read last.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

mod stale;
pub use stale::{INDEX_FILE, MAX_DEPTH as STALE_DEPTH, find_stale};

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
    /// The file was no longer written by the build, and `--prune` removed
    /// it.
    Removed,
}

/// Prefix of the temporary files, so they are easy to recognise.
pub const TEMP_PREFIX: &str = ".feedpub-";

/// Prefix of the temporary files this process writes outside the lock
/// (the rank cache, saved in the state folder while the feeds are put in
/// place): removing what killed runs left leaves them alone.
pub fn own_temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Whether a planned file differs from what is on disk. A file of
/// another size differs without being read; otherwise it is compared a
/// piece at a time (a feed can be tens of megabytes).
pub fn is_stale(plan: &Planned) -> Result<bool, Error> {
    let read_error = |source| Error::Read {
        path: plan.path.clone(),
        source,
    };
    let mut file = match fs::File::open(&plan.path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(source) => return Err(read_error(source)),
    };
    let metadata = file.metadata().map_err(read_error)?;
    // A folder where a file goes (opened, as folders are on Unix) would
    // fail only when the staged files are put in place, after others
    // were: refused while nothing is.
    if metadata.is_dir() {
        return Err(Error::Write {
            path: plan.path.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "a folder stands where feedpub writes this file; nothing was published",
            ),
        });
    }
    let size = metadata.len();
    if size != plan.bytes.len() as u64 {
        return Ok(true);
    }
    // No bigger than the file: a feed set's hundreds of small files each
    // zeroed a whole MiB (660 M instructions for 633 files).
    let mut buffer = vec![0; plan.bytes.len().clamp(1, 1 << 20)];
    let mut rest = &plan.bytes[..];
    loop {
        let read = match file.read(&mut buffer) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => return Err(read_error(source)),
        };
        if read == 0 {
            return Ok(!rest.is_empty());
        }
        match rest.strip_prefix(&buffer[..read]) {
            Some(after) => rest = after,
            // Different bytes, or the file grew since its size was read.
            None => return Ok(true),
        }
    }
}

/// The lock file in the output folder's state folder: one run publishes
/// to an output folder at a time.
pub const LOCK_FILE: &str = "lock";

/// Writes every changed file of `out` atomically, in one go ([`stage`],
/// then [`Staged::commit`]), with its state in `state`; builds call the
/// two steps apart, to validate in between.
#[cfg(test)]
pub fn publish(out: &Path, state: &Path, plans: &[Planned]) -> Result<Vec<Written>, Error> {
    let lock = lock(out, state)?;
    Ok(stage(lock, out, state, plans)?
        .commit(plans, &[], || {})?
        .written)
}

/// What [`Staged::commit`] did.
#[derive(Debug)]
pub struct Committed {
    /// What happened to each planned file, in order.
    pub written: Vec<Written>,
    /// The state files of an older feedpub (see
    /// [`crate::state::LEGACY_FILES`]) removed from the output folder.
    pub cleaned: Vec<PathBuf>,
}

/// Changed files written in full beside their places and flushed to disk,
/// under the output folder's lock, not yet in place: [`Staged::commit`]
/// puts them there; dropped instead, they are removed and the old files
/// stay as they were.
#[derive(Debug)]
pub struct Staged {
    out: PathBuf,
    /// A temporary file for each changed plan (dropped, so removed, before
    /// the lock is released), closed: a set of 30,000 files must not hold
    /// 30,000 descriptors open until the commit.
    temps: Vec<Option<tempfile::TempPath>>,
    /// Held until the files are in place.
    lock: Lock,
}

/// A run's turn at an output folder (see [`lock`]): released when
/// dropped.
#[derive(Debug)]
pub struct Lock {
    /// The lock file in the state folder, locked: held, never read.
    _state: fs::File,
    /// The output folder, open and locked; none while it does not exist
    /// (a first build) or on a system that cannot lock a folder.
    out: Option<fs::File>,
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + use<> {
    let path = path.to_path_buf();
    move |source| Error::Write { path, source }
}

/// Makes `folder` and the folders above it when missing. A symbolic
/// link on the way whose target does not exist is named as such (the
/// system says only "File exists").
fn make_folder(folder: &Path) -> Result<(), Error> {
    fs::create_dir_all(folder).map_err(|source| {
        let dangling = (source.kind() == std::io::ErrorKind::AlreadyExists)
            .then(|| {
                folder.ancestors().find_map(|at| {
                    let target = fs::read_link(at).ok()?;
                    fs::metadata(at).is_err().then_some((at, target))
                })
            })
            .flatten();
        let source = match dangling {
            Some((at, target)) => std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "`{}` is a symbolic link to `{}`, which does not exist",
                    at.display(),
                    target.display()
                ),
            ),
            None => source,
        };
        Error::Write {
            path: folder.to_path_buf(),
            source,
        }
    })
}

/// Waits for this run's turn at the output folder `out`, whose state
/// folder is `state`: a build takes it before it reads anything (the rank
/// cache, the articles, the record of the last build), so two runs at
/// once do not read the same articles and then publish in the other
/// order, the older content last. Makes the state folder when missing
/// (not the output folder: a build that publishes nothing leaves none).
///
/// The locks are taken in one order, the state folder's [`LOCK_FILE`]
/// first, then the output folder itself, by every run, so that none waits
/// for a lock while holding one the other needs. The output folder's lock
/// is what makes runs with different state folders (another
/// `--state-dir`, two configs, two working folders) take turns; while the
/// folder does not exist yet it is taken by [`stage`], which makes it.
pub fn lock(out: &Path, state: &Path) -> Result<Lock, Error> {
    make_folder(state)?;
    let lock_path = state.join(LOCK_FILE);
    let file = fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(write_error(&lock_path))?;
    file.lock().map_err(write_error(&lock_path))?;
    let out = lock_folder(out)?;
    Ok(Lock { _state: file, out })
}

/// The folder `out`, open and locked; none when it does not exist or the
/// system cannot lock a folder (the state folder's lock stays).
fn lock_folder(out: &Path) -> Result<Option<fs::File>, Error> {
    let Ok(folder) = fs::File::open(out) else {
        return Ok(None);
    };
    match folder.lock() {
        Ok(()) => Ok(Some(folder)),
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(None),
        Err(source) => Err(write_error(out)(source)),
    }
}

/// Writes every changed file of `out` atomically, first step; see the
/// module documentation. `lock` is the run's turn at `out` (see [`lock`]),
/// held from here until [`Staged::commit`] or the drop. Makes the output
/// folder when missing (and locks it then), removes what killed runs left
/// in it and in `state`, and writes and flushes every changed file to a
/// temporary file, one thread per file so that the flushes overlap
/// (threads of their own, not the core pool's: a flush waits on the disk,
/// and a build validates its feeds on the pool meanwhile). `plans` are
/// the files or references to them (a build stages its files while the
/// last are still validated).
pub fn stage<P: std::borrow::Borrow<Planned> + Sync>(
    mut lock: Lock,
    out: &Path,
    state: &Path,
    plans: &[P],
) -> Result<Staged, Error> {
    make_folder(out)?;
    if lock.out.is_none() {
        lock.out = lock_folder(out)?;
    }
    remove_stale_temporaries(out);
    remove_stale_temporaries(state);
    let threads = plans.len().clamp(1, STAGING_THREADS);
    let temps = std::thread::scope(|scope| {
        // Thread `t` stages plans `t`, `t + threads`, ...
        let share = |t: usize| {
            plans
                .iter()
                .enumerate()
                .skip(t)
                .step_by(threads)
                .map(|(i, plan)| stage_one(out, plan.borrow()).map(|temp| (i, temp)))
                .collect::<Result<Vec<_>, Error>>()
        };
        let spawned: Vec<_> = (0..threads)
            .map(|t| {
                std::thread::Builder::new()
                    .name("feedpub-stage".to_owned())
                    .spawn_scoped(scope, move || share(t))
                    .map_err(|_| t)
            })
            .collect();
        let mut temps: Vec<Option<tempfile::TempPath>> =
            std::iter::repeat_with(|| None).take(plans.len()).collect();
        for handle in spawned {
            let staged = match handle {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: staged here.
                Err(t) => share(t),
            }?;
            for (i, temp) in staged {
                temps[i] = temp;
            }
        }
        Ok::<_, Error>(temps)
    })?;
    Ok(Staged {
        out: out.to_path_buf(),
        temps,
        lock,
    })
}

/// Whether a stop has begun (see [`stop`]): held for reading while a
/// temporary file is written, taken for writing by the stop.
static STOPPING: std::sync::RwLock<bool> = std::sync::RwLock::new(false);

/// Stops publishing for good, for a build told to end (SIGINT, SIGTERM):
/// waits for the temporary files being written, lets no other begin, and
/// removes this process's own from `out` and `state` and the folders
/// below, so that no full-size leftover sits among the published files
/// until the next build. Files already put in place stay: each is whole.
pub fn stop(out: &Path, state: &Path) {
    let mut stopping = STOPPING
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *stopping = true;
    let own = own_temp_prefix();
    remove_temporaries_below(out, 0, &|name: &str| name.starts_with(&own));
    remove_temporaries_below(state, 0, &|name: &str| name.starts_with(&own));
    // Held until the process ends: nothing is staged any more.
    std::mem::forget(stopping);
}

/// The most threads staging files at once: enough to overlap the flushes
/// of a feed set's hundreds of files, few enough not to crowd the machine.
pub const STAGING_THREADS: usize = 8;

/// A temporary file holding `plan`'s bytes, flushed, when they differ
/// from the file's. Its folder is made when missing.
fn stage_one(out: &Path, plan: &Planned) -> Result<Option<tempfile::TempPath>, Error> {
    if !is_stale(plan)? {
        return Ok(None);
    }
    if let Some(folder) = plan.path.parent()
        && folder != out
    {
        make_folder(folder)?;
    }
    // Staged beside its place: a rename within one folder is atomic and
    // never crosses file systems (a folder of the output may be a mount
    // or a symlink to another disk), and a folder the build may not write
    // fails here, before any file is put in place.
    let folder = plan.path.parent().unwrap_or(out);
    // No temporary file is begun once a stop has begun (see [`stop`]),
    // and a stop waits for those being written. Named for this process,
    // so that a stop finds its own.
    let stopping = STOPPING
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if *stopping {
        return Err(Error::Write {
            path: plan.path.clone(),
            source: std::io::ErrorKind::Interrupted.into(),
        });
    }
    let mut temp = tempfile::Builder::new()
        .prefix(&own_temp_prefix())
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(write_error(&plan.path))?;
    temp.write_all(&plan.bytes)
        .map_err(write_error(&plan.path))?;
    // Keep the old file's permissions; a new file gets the usual ones.
    let permissions = fs::metadata(&plan.path)
        .map(|m| m.permissions())
        .ok()
        .or_else(default_permissions);
    if let Some(permissions) = permissions {
        fs::set_permissions(temp.path(), permissions).map_err(write_error(&plan.path))?;
    }
    temp.as_file().sync_all().map_err(write_error(&plan.path))?;
    // Closed now, kept (and removed when dropped) by its path.
    Ok(Some(temp.into_temp_path()))
}

impl Staged {
    /// Puts the staged files in place (`plans` as given to [`stage`]),
    /// removes the stale feed files `prune` names (see `stale::prune`) and
    /// the state files an older feedpub kept in the output folder, runs
    /// `then` (what must follow the files under the same lock) and releases
    /// the lock.
    pub fn commit(
        self,
        plans: &[Planned],
        prune: &[PathBuf],
        then: impl FnOnce(),
    ) -> Result<Committed, Error> {
        let written = self
            .temps
            .iter()
            .map(|temp| match temp {
                Some(_) => Written::Replaced,
                None => Written::Unchanged,
            })
            .collect();
        let mut folders: Vec<&Path> = self
            .temps
            .iter()
            .zip(plans)
            .filter(|(temp, _)| temp.is_some())
            .filter_map(|(_, p)| p.path.parent())
            .collect();
        // Every new file is complete on disk; now swap them in.
        for (temp, plan) in self.temps.into_iter().zip(plans) {
            if let Some(temp) = temp {
                temp.persist(&plan.path).map_err(|e| Error::Write {
                    path: plan.path.clone(),
                    source: e.error,
                })?;
            }
        }
        // Make the renames durable; not every platform can open a folder,
        // so this is best effort.
        folders.push(&self.out);
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            if let Ok(handle) = fs::File::open(folder) {
                let _ = handle.sync_all();
            }
        }
        stale::prune(&self.out, prune)?;
        let cleaned = remove_legacy_state(&self.out);
        then();
        drop(self.lock);
        Ok(Committed { written, cleaned })
    }
}

/// Removes the state files an older feedpub kept in the output folder
/// (its rank cache, lock and pages' fingerprints: the state folder holds
/// them now), so that they are no longer published with the feeds;
/// returns those removed. Nothing is moved: the cache and the pages are
/// only made again. Best effort: a file that stays is removed next time.
fn remove_legacy_state(out: &Path) -> Vec<PathBuf> {
    crate::state::LEGACY_FILES
        .iter()
        .map(|name| out.join(name))
        .filter(|path| fs::remove_file(path).is_ok())
        .collect()
}

/// Removes `.feedpub-*.tmp` files from `folder` (the output folder or its
/// state folder): only a killed run leaves them, and the caller holds the
/// lock, so no live run is writing one, but for this process's own (see
/// [`own_temp_prefix`]).
fn remove_stale_temporaries(folder: &Path) {
    let own = own_temp_prefix();
    remove_temporaries_below(folder, 0, &|name: &str| !name.starts_with(&own));
}

/// Removes the temporary files (`TEMP_PREFIX...tmp`) whose names `which`
/// picks in `folder` and the folders below it, as deep as feedpub writes
/// (files are staged beside their places); hidden folders and symlinks
/// to folders are not looked into.
fn remove_temporaries_below(folder: &Path, depth: usize, which: &dyn Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth < STALE_DEPTH && !name.starts_with('.') {
                remove_temporaries_below(&entry.path(), depth + 1, which);
            }
        } else if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") && which(&name) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A new feed gets the permissions of a file the user creates: `0666`
/// less the process's umask (`0644` under the usual `022`, `0640` under
/// `027`); temporary files start private.
#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o666 & !umask()))
}

/// The process's umask, read once from `/proc/self/status` (Linux 4.7 and
/// later), which reads it without changing it: setting it to learn it
/// would race with the threads creating files. `022` where it cannot be
/// read.
#[cfg(unix)]
fn umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let mask = status.lines().find_map(|l| l.strip_prefix("Umask:"))?;
                u32::from_str_radix(mask.trim(), 8).ok()
            })
            .map_or(0o022, |mask| mask & 0o777)
    })
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(test)]
mod tests;
