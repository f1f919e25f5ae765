//! Choosing the entries that make the feed, in one parallel pass that keeps
//! only the best `limit` of them: memory does not grow with the archive.
//!
//! Each worker folds the articles it reads into an [`Accumulator`]; the
//! accumulators are merged in file order, so the result never depends on
//! thread timing.

use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset};

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

/// The feed's order (see [`crate::feed::order`]) on candidates.
fn order(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    crate::feed::order(a.key(), b.key())
}

/// A stable 64-bit hash of an id, for finding duplicates in little memory.
pub fn id_hash(id: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
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
        self.valid += 1;
        self.ids.push((id_hash(candidate.key().1), file));
        self.best.push(candidate);
        if self.limit > 0 && self.best.len() >= 2 * self.limit.max(16) {
            self.trim();
        }
    }

    /// Keeps only the best `limit` candidates.
    pub fn trim(&mut self) {
        self.best.sort_by(order);
        if self.limit > 0 {
            self.best.truncate(self.limit);
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
        self.ids.sort_unstable();
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

    /// Merging partial results in any grouping keeps the same best entries.
    #[test]
    fn selection_is_independent_of_grouping() {
        let all: Vec<(u32, u32, String)> = (0..200)
            .map(|i| (i, 1 + (i * 7) % 28, format!("id-{:03}", i % 150)))
            .collect();
        let keys = |acc: &Accumulator| -> Vec<(DateTime<FixedOffset>, String)> {
            acc.best
                .iter()
                .map(|c| (c.key().0, c.key().1.to_owned()))
                .collect()
        };
        let mut whole = Accumulator::new(10);
        for (f, d, id) in &all {
            whole.add(*f, cached(*f, *d, id));
        }
        whole.trim();
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
}
