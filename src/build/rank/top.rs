//! The candidates of one feed: an entry competing for a place
//! ([`Candidate`]), what the reading pass knows of it ([`Seen`], [`Paged`]),
//! and the best `limit` of them kept so far ([`Top`]).

use std::cmp::Reverse;
use std::num::NonZeroU64;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::build::source::FileStamp;
use crate::config::feeds::FeedOptions;
use crate::feed::order::order;
use crate::normalize::NormalizedEntry;

/// An entry competing for a place in the feeds; cheap to clone, so that
/// every feed it may make holds it.
#[derive(Debug, Clone)]
pub enum Candidate {
    /// Read and normalised in this run.
    Fresh {
        /// Index of its file in the listing.
        file: u32,
        /// The entry (without its body when the ranking lets bodies go;
        /// see `FeedSet::keeps_bodies`).
        entry: Arc<NormalizedEntry>,
        /// The digest of its file's stamp, when it was read cleanly.
        stamp: Option<NonZeroU64>,
    },
    /// Known from the cache; read again only if it makes a feed.
    Cached {
        /// Index of its file in the listing.
        file: u32,
        /// Its updated instant.
        updated: DateTime<FixedOffset>,
        /// Its id.
        id: Arc<str>,
        /// The digest of its file's stamp, as the cache recorded it.
        stamp: Option<NonZeroU64>,
    },
}

impl Candidate {
    /// Index of its file in the listing.
    pub fn file(&self) -> u32 {
        match self {
            Self::Fresh { file, .. } | Self::Cached { file, .. } => *file,
        }
    }

    /// The digest of its file's stamp, when known (see the variants and
    /// [`FileStamp::digest`]).
    pub fn stamp(&self) -> Option<NonZeroU64> {
        match self {
            Self::Fresh { stamp, .. } | Self::Cached { stamp, .. } => *stamp,
        }
    }

    /// Whether the cache stood for it: its file unchanged since the last
    /// build that recorded it.
    pub fn cached(&self) -> bool {
        matches!(self, Self::Cached { .. })
    }

    /// Updated time and id: what ranks it.
    pub fn key(&self) -> (DateTime<FixedOffset>, &str) {
        match self {
            Self::Fresh { entry, .. } => (entry.updated, &entry.id),
            Self::Cached { updated, id, .. } => (*updated, id),
        }
    }
}

/// What an archived feed keeps of each of its entries, whether or not it
/// makes the feed: where it goes in the feed's history (by its first
/// publication), and what says its page is as written before.
#[derive(Debug, Clone)]
pub struct Paged {
    /// Its published instant, in whole seconds: what orders the history
    /// (the cache keeps no more).
    pub published: i64,
    /// Its id, the tie-break.
    pub id: Arc<str>,
    /// Its updated instant.
    pub updated: DateTime<FixedOffset>,
    /// Index of its file in the listing.
    pub file: u32,
    /// The file's stamp, when it was read cleanly.
    pub stamp: Option<FileStamp>,
    /// Whether the cache stood for it (its file unchanged since the last
    /// build that recorded it).
    pub cached: bool,
}

/// What the reading pass knows of a valid entry besides its ranking key.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    /// Its updated instant.
    pub updated: DateTime<FixedOffset>,
    /// Its published instant.
    pub published: DateTime<FixedOffset>,
    /// Its file's stamp, when it was read cleanly.
    pub stamp: Option<FileStamp>,
    /// Whether the cache stood for it.
    pub cached: bool,
}

/// The best candidates of one feed.
#[derive(Debug, Default)]
pub struct Top {
    /// How many candidates to keep; 0 keeps all.
    pub limit: usize,
    /// The best candidates so far (up to twice `limit` between trims).
    pub best: Vec<Candidate>,
    /// Every entry of the feed, for its archive pages, when it keeps them.
    pub paged: Option<Vec<Paged>>,
    /// The key of the last of the best `limit` at the last trim.
    cut: Option<(DateTime<FixedOffset>, Arc<str>)>,
}

impl Top {
    /// An empty list keeping `limit` candidates.
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    /// An empty list of a feed with these options: keeping `limit`
    /// candidates, and every entry when the feed has archive pages.
    pub fn of(options: &FeedOptions) -> Self {
        Self {
            limit: options.limit,
            paged: options.archive.map(|_| Vec::new()),
            ..Self::default()
        }
    }

    /// Adds an entry to the history of a feed that keeps one.
    pub(super) fn page(&mut self, file: u32, id: &str, seen: &Seen) {
        if let Some(paged) = &mut self.paged {
            paged.push(Paged {
                published: seen.published.timestamp(),
                id: Arc::from(id),
                updated: seen.updated,
                file,
                stamp: seen.stamp,
                cached: seen.cached,
            });
        }
    }

    /// Adds a candidate.
    pub fn add(&mut self, candidate: Candidate) {
        self.best.push(candidate);
        if self.limit > 0 && self.best.len() >= 2 * self.limit.max(16) {
            self.trim();
        }
    }

    /// The key of the last of the best `limit` candidates kept at the last
    /// trim: an entry ranked below it cannot make the feed, whatever other
    /// workers find. `None` until there are `limit` candidates (and always
    /// when every entry is kept).
    pub fn threshold(&self) -> Option<(DateTime<FixedOffset>, &str)> {
        self.cut.as_ref().map(|(t, id)| (*t, &**id))
    }

    /// Whether an entry with this key cannot make the feed.
    pub fn excludes(&self, updated: &DateTime<FixedOffset>, id: &str) -> bool {
        self.threshold()
            .is_some_and(|cut| order((*updated, id), cut) == std::cmp::Ordering::Greater)
    }

    /// Keeps only the best `limit` candidates, in the feed's order.
    pub fn trim(&mut self) {
        // With every entry kept (`limit` 0) this sorts the whole archive:
        // on the instant, kept beside each candidate, so that a comparison
        // looks into a candidate only on a tie (see `order::instant_key`).
        let mut keyed: Vec<(Reverse<(i64, u32)>, Candidate)> = std::mem::take(&mut self.best)
            .into_iter()
            .map(|c| (crate::feed::order::instant_key(&c.key().0), c))
            .collect();
        keyed.par_sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.key().1.cmp(b.key().1)));
        self.best = keyed.into_iter().map(|(_, c)| c).collect();
        if self.limit > 0 {
            self.best.truncate(self.limit);
            if let Some(last) = self.best.get(self.limit - 1) {
                let (updated, id) = last.key();
                self.cut = Some((updated, Arc::from(id)));
            }
        }
    }

    /// Merges the list of the files after this one's.
    pub fn merge(&mut self, later: Self) {
        self.best.extend(later.best);
        if let (Some(mine), Some(theirs)) = (&mut self.paged, later.paged) {
            mine.extend(theirs);
        }
        if self.limit > 0 && self.best.len() >= 2 * self.limit.max(16) {
            self.trim();
        }
    }
}
