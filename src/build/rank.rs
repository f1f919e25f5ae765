//! Choosing the entries that make the feed, in one parallel pass that keeps
//! only the best `limit` of them: memory does not grow with the archive.
//!
//! Each worker folds the articles it reads into an [`Accumulator`]; the
//! accumulators are merged in file order, so the result never depends on
//! thread timing.

use chrono::{DateTime, FixedOffset};
use std::cmp::Reverse;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::normalize::NormalizedEntry;

/// An entry competing for a place in the feed.
#[derive(Debug)]
pub enum Candidate {
    /// Read and normalised in this run.
    Fresh(Box<NormalizedEntry>),
    /// Known from the cache; read again only if it makes the feed.
    Cached {
        /// Index of its file in the listing.
        file: u32,
        /// Its updated instant.
        updated: DateTime<FixedOffset>,
        /// Its id.
        id: String,
    },
}

impl Candidate {
    /// Updated time and id: what ranks it.
    pub fn key(&self) -> (DateTime<FixedOffset>, &str) {
        match self {
            Self::Fresh(e) => (e.updated, &e.id),
            Self::Cached { updated, id, .. } => (*updated, id),
        }
    }
}

/// A 64-bit hash of an id, for finding duplicates in little memory: ids
/// with equal hashes are compared in full, so the hash only has to be
/// fast and spread well (the cache's word-wise FNV-1a, then mixed).
/// Each of 100,000 articles of a rerun is hashed, and SipHash took a
/// tenth of that run.
pub fn id_hash(id: &str) -> u64 {
    let hash = crate::build::cache::word_fnv(id.as_bytes());
    // A final mix (from SplitMix64), so every input bit reaches every
    // output bit.
    let mut z = hash;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// What a pass over the articles gathers.
#[derive(Debug, Default)]
pub struct Accumulator {
    /// How many candidates to keep; 0 keeps all.
    pub limit: usize,
    /// The best candidates so far (up to twice `limit` between trims).
    pub best: Vec<Candidate>,
    /// Every valid entry's id hash and file index.
    pub ids: Vec<(u64, u32)>,
    /// Diagnostics, with the index of the file they are about.
    pub problems: Vec<(u32, Diagnostic)>,
    /// Valid entries seen.
    pub valid: usize,
    /// Drafts seen.
    pub drafts: usize,
    /// Articles rejected for errors.
    pub rejected: usize,
    /// The key of the last of the best `limit` at the last trim.
    cut: Option<(DateTime<FixedOffset>, String)>,
}

impl Accumulator {
    /// An empty accumulator keeping `limit` candidates.
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    /// Adds a valid entry.
    pub fn add(&mut self, file: u32, candidate: Candidate) {
        self.count(file, candidate.key().1);
        self.best.push(candidate);
        if self.limit > 0 && self.best.len() >= 2 * self.limit.max(16) {
            self.trim();
        }
    }

    /// Counts a valid entry that is not a candidate: one already known to
    /// rank below [`Self::threshold`].
    pub fn count(&mut self, file: u32, id: &str) {
        self.valid += 1;
        self.ids.push((id_hash(id), file));
    }

    /// The key of the last of the best `limit` candidates kept at the last
    /// trim: an entry ranked below it cannot make the feed, whatever other
    /// workers find. `None` until there are `limit` candidates (and always
    /// when every entry is kept).
    pub fn threshold(&self) -> Option<(DateTime<FixedOffset>, &str)> {
        self.cut.as_ref().map(|(t, id)| (*t, id.as_str()))
    }

    /// Keeps only the best `limit` candidates.
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
                self.cut = Some((last.key().0, last.key().1.to_owned()));
            }
        }
    }

    /// Merges the accumulator of the files after this one's.
    pub fn merge(mut self, later: Self) -> Self {
        self.best.extend(later.best);
        if self.limit > 0 && self.best.len() >= 2 * self.limit.max(16) {
            self.trim();
        }
        self.ids.extend(later.ids);
        self.problems.extend(later.problems);
        self.valid += later.valid;
        self.drafts += later.drafts;
        self.rejected += later.rejected;
        self
    }

    /// Files whose ids may be shared with another file (equal hashes),
    /// grouped; the caller compares the real ids.
    pub fn possible_duplicates(&mut self) -> Vec<Vec<u32>> {
        self.ids.par_sort_unstable();
        let mut groups = Vec::new();
        let mut i = 0;
        while i < self.ids.len() {
            let mut j = i + 1;
            while j < self.ids.len() && self.ids[j].0 == self.ids[i].0 {
                j += 1;
            }
            if j - i > 1 {
                groups.push(self.ids[i..j].iter().map(|&(_, f)| f).collect());
            }
            i = j;
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(file: u32, day: u32, id: &str) -> Candidate {
        let updated =
            DateTime::parse_from_rfc3339(&format!("2023-08-{day:02}T00:00:00Z")).expect("valid");
        Candidate::Cached {
            file,
            updated,
            id: id.to_owned(),
        }
    }

    /// The best candidates' keys, in order.
    fn keys(acc: &Accumulator) -> Vec<(DateTime<FixedOffset>, String)> {
        acc.best
            .iter()
            .map(|c| (c.key().0, c.key().1.to_owned()))
            .collect()
    }

    /// Every (file, day, id) added to one accumulator, trimmed.
    fn all_added(all: &[(u32, u32, String)], limit: usize) -> Accumulator {
        let mut whole = Accumulator::new(limit);
        for (f, d, id) in all {
            whole.add(*f, cached(*f, *d, id));
        }
        whole.trim();
        whole
    }

    /// Trimming sorts in the feed's order: instants across offsets, ties
    /// by id, fractions of seconds.
    #[test]
    fn trim_sorts_in_the_feed_order() {
        let zones = [-9 * 3600 - 1800, 0, 4 * 3600, 14 * 3600];
        let mut acc = Accumulator::new(0);
        for i in 0..500u32 {
            let zone = FixedOffset::east_opt(zones[(i % 4) as usize]).expect("valid");
            let seconds = 1_690_000_000 + i64::from(i * 7919 % 13) * 1800;
            let updated = DateTime::from_timestamp(seconds, (i % 3) * 333_333_333)
                .expect("in range")
                .with_timezone(&zone);
            acc.add(
                i,
                Candidate::Cached {
                    file: i,
                    updated,
                    id: format!("id-{:03}", i * 31 % 97),
                },
            );
        }
        let mut expected = keys(&acc);
        expected.sort_by(|a, b| crate::feed::order::order((a.0, &a.1), (b.0, &b.1)));
        acc.trim();
        assert_eq!(keys(&acc), expected);
    }

    /// Merging partial results in any grouping keeps the same best entries.
    #[test]
    fn selection_is_independent_of_grouping() {
        let all: Vec<(u32, u32, String)> = (0..200)
            .map(|i| (i, 1 + (i * 7) % 28, format!("id-{:03}", i % 150)))
            .collect();
        let whole = all_added(&all, 10);
        for chunk in [1, 7, 33, 200] {
            let mut merged = Accumulator::new(10);
            for part in all.chunks(chunk) {
                let mut acc = Accumulator::new(10);
                for (f, d, id) in part {
                    acc.add(*f, cached(*f, *d, id));
                }
                merged = merged.merge(acc);
            }
            merged.trim();
            assert_eq!(keys(&merged), keys(&whole), "chunks of {chunk}");
            assert_eq!(merged.valid, 200);
            assert_eq!(
                merged.possible_duplicates().len(),
                50,
                "ids 0-49 appear twice"
            );
        }
    }

    /// Turning away every entry ranked below a worker's threshold keeps
    /// the same best entries as adding them all, in any grouping.
    #[test]
    fn turning_away_below_the_threshold_loses_nothing() {
        let mut state: u64 = 7;
        let mut next = |n: u32| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            u32::try_from(state >> 40).unwrap_or(0) % n
        };
        let all: Vec<(u32, u32, String)> = (0..3000)
            .map(|i| (i, 1 + next(28), format!("id-{:04}", next(5000))))
            .collect();
        let whole = all_added(&all, 20);
        for chunk in [50, 333, 3000] {
            let mut merged = Accumulator::new(20);
            let mut turned_away = 0;
            for part in all.chunks(chunk) {
                let mut acc = Accumulator::new(20);
                for (f, d, id) in part {
                    let candidate = cached(*f, *d, id);
                    let below = acc.threshold().is_some_and(|cut| {
                        crate::feed::order::order(candidate.key(), cut)
                            == std::cmp::Ordering::Greater
                    });
                    if below {
                        turned_away += 1;
                        acc.count(*f, id);
                    } else {
                        acc.add(*f, candidate);
                    }
                }
                merged = merged.merge(acc);
            }
            merged.trim();
            assert_eq!(keys(&merged), keys(&whole), "chunks of {chunk}");
            assert_eq!(merged.valid, 3000);
            // With pieces this big, most entries are turned away.
            if chunk >= 333 {
                assert!(turned_away > 2000, "chunks of {chunk}: only {turned_away}");
            }
        }
    }

    /// Distinct ids of one shape (the ids of an archive differ in a few
    /// characters) get distinct hashes.
    #[test]
    fn id_hashes_spread() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..200_000 {
            assert!(seen.insert(id_hash(&format!("tag:news.example.com,2023:/story-{i:07}"))));
        }
        assert_ne!(id_hash("a"), id_hash("a\0"));
        assert_ne!(id_hash(""), id_hash("\0"));
    }
}
