//! How far a build has got, for a progress display. The library prints
//! nothing: it counts, with one relaxed atomic add per file read, and
//! whoever shows progress (the command line's bar) reads the counts.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Files read of the files listed, updated by a running build.
#[derive(Debug, Default)]
pub struct Progress {
    /// Article files listed.
    total: AtomicUsize,
    /// Article files read (or known unchanged) so far.
    read: AtomicUsize,
}

impl Progress {
    /// Article files listed, 0 until the folder is listed.
    pub fn total(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }

    /// Article files read so far.
    pub fn read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    /// A reading pass over `total` files starts (a second pass, after
    /// duplicate ids, counts again from 0).
    pub(crate) fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.read.store(0, Ordering::Relaxed);
    }

    /// One more file read.
    pub(crate) fn advance(&self) {
        self.read.fetch_add(1, Ordering::Relaxed);
    }
}
