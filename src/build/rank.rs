//! Choosing the entries that make the feeds, in one parallel pass that
//! keeps only the best `limit` of each feed: memory grows with the sum of
//! the feeds' limits, not with the archive.
//!
//! Each worker folds the articles it reads into an [`Accumulator`]: one
//! [`Top`] per feed (the main one, each `[[feeds]]` feed, each section and
//! each tag met so far). The accumulators are merged in file order, so the
//! result never depends on thread timing.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::feeds::{FeedOptions, FeedSet};
use crate::diagnostic::Diagnostic;
use crate::feed::set::{FirstUse, Key, KeyMemo, Keys, Membership};

mod top;

pub use top::{Candidate, Paged, Seen, Top};

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

/// A 64-bit hash of a section's or a tag's key, for counting feeds past
/// `max_feeds` (see [`Accumulator::feed_count`]); a section and a tag of
/// one name are two feeds, so their hashes differ.
fn group_hash(tag: bool, key: &str) -> u64 {
    id_hash(key) ^ if tag { 0x9e37_79b9_7f4a_7c15 } else { 0 }
}

/// The feed of one section or tag, with the term's first use (which names
/// its folder when two terms share a slug).
#[derive(Debug)]
pub struct Group {
    /// Its best candidates.
    pub top: Top,
    /// Where the term was first used.
    pub first: FirstUse,
}

impl Group {
    fn merge(&mut self, later: Self) {
        self.top.merge(later.top);
        if later.first < self.first {
            self.first = later.first;
        }
    }
}

/// What a pass over the articles gathers.
#[derive(Debug, Default)]
pub struct Accumulator {
    /// The main feed's best candidates.
    pub main: Top,
    /// Each `[[feeds]]` feed's, in the config's order.
    pub explicit: Vec<Top>,
    /// Each section's, by key (when section feeds are on).
    pub sections: HashMap<String, Group>,
    /// Each tag's, by key (when tag feeds are on).
    pub tags: HashMap<String, Group>,
    /// Hashes of the section and tag keys met after this worker's groups
    /// alone passed `max_feeds`: such a build is refused, so those feeds
    /// are only counted, in 8 bytes each, not gathered (64,000 distinct
    /// tags of 2,000 articles made 42 MB of groups).
    overflow: HashSet<u64>,
    /// The set's `max_feeds`.
    max_feeds: usize,
    /// Options of a section feed.
    section_options: Option<FeedOptions>,
    /// Options of a tag feed.
    tag_options: Option<FeedOptions>,
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
    /// The term keys this worker has made (see [`KeyMemo`]).
    memo: KeyMemo,
    /// Whether entries' authors' keys are made: only a `[[feeds]]`
    /// filter by authors looks them up.
    author_keys: bool,
}

impl Accumulator {
    /// An empty accumulator for the feeds of `set`.
    pub fn new(set: &FeedSet) -> Self {
        Self {
            main: Top::of(&set.main),
            explicit: set.explicit.iter().map(|f| Top::of(&f.options)).collect(),
            section_options: set.sections.as_ref().map(|f| f.options.clone()),
            tag_options: set.tags.as_ref().map(|f| f.options.clone()),
            max_feeds: set.max_feeds,
            author_keys: set.explicit.iter().any(|f| !f.filter.authors.is_empty()),
            ..Self::default()
        }
    }

    /// Adds a valid entry to the feeds it belongs to; `published` and
    /// `member` place it in the set, `seen` in archived feeds' histories.
    pub fn add(
        &mut self,
        set: &FeedSet,
        file: u32,
        candidate: Candidate,
        published: &DateTime<FixedOffset>,
        member: &Membership<'_>,
        seen: &Seen,
    ) {
        let keys = self.keys(member);
        self.add_keyed(set, file, candidate, published, &keys, seen);
    }

    /// [`Self::add`], with the entry's keys already made.
    pub fn add_keyed(
        &mut self,
        set: &FeedSet,
        file: u32,
        candidate: Candidate,
        published: &DateTime<FixedOffset>,
        keys: &Keys<'_>,
        seen: &Seen,
    ) {
        self.count_keyed(set, file, candidate.key().1, published, keys, seen);
        for (top, feed) in self.explicit.iter_mut().zip(&set.explicit) {
            if feed.filter.admits(keys) {
                top.add(candidate.clone());
            }
        }
        if let Some((key, _)) = &keys.section
            && let Some(group) = self.sections.get_mut(&**key)
        {
            group.top.add(candidate.clone());
        }
        for (key, _) in &keys.tags {
            if let Some(group) = self.tags.get_mut(&**key) {
                group.top.add(candidate.clone());
            }
        }
        self.main.add(candidate);
    }

    /// The keys of what places an entry in the set; none when the set has
    /// only its main feed.
    pub fn keys<'m>(&self, member: &Membership<'m>) -> Keys<'m> {
        if self.section_options.is_none() && self.tag_options.is_none() && self.explicit.is_empty()
        {
            Keys::default()
        } else {
            member.keys_with(Some(&self.memo), self.author_keys)
        }
    }

    /// Counts a valid entry, and makes sure the groups it belongs to exist
    /// with its first use; it is a candidate of none (see [`Self::add`]),
    /// being known to rank below each one's [`Top::threshold`].
    pub fn count(
        &mut self,
        set: &FeedSet,
        file: u32,
        id: &str,
        published: &DateTime<FixedOffset>,
        member: &Membership<'_>,
        seen: &Seen,
    ) {
        let keys = self.keys(member);
        self.count_keyed(set, file, id, published, &keys, seen);
    }

    /// [`Self::count`], with the entry's keys already made.
    pub fn count_keyed(
        &mut self,
        set: &FeedSet,
        file: u32,
        id: &str,
        published: &DateTime<FixedOffset>,
        keys: &Keys<'_>,
        seen: &Seen,
    ) {
        self.valid += 1;
        self.ids.push((id_hash(id), file));
        self.main.page(file, id, seen);
        for (top, feed) in self.explicit.iter_mut().zip(&set.explicit) {
            if top.paged.is_some() && feed.filter.admits(keys) {
                top.page(file, id, seen);
            }
        }
        if keys.section.is_none() && keys.tags.is_empty() {
            return;
        }
        let when = (published.timestamp(), published.timestamp_subsec_nanos());
        let full = self.sections.len() + self.tags.len() >= self.max_feeds;
        let overflow = &mut self.overflow;
        let mut place = |groups: &mut HashMap<String, Group>,
                         tag: bool,
                         options: &FeedOptions,
                         key: &Key<'_>,
                         spelling: &str| {
            let first = || FirstUse {
                published: when,
                file,
                spelling: spelling.to_owned(),
            };
            let group = match groups.get_mut(&**key) {
                // The spelling is copied only when this use is the first.
                Some(group) => {
                    if (when, file) < (group.first.published, group.first.file) {
                        group.first = first();
                    }
                    group
                }
                // Past `max_feeds` the set is refused: a new group is only
                // counted.
                None if full => {
                    overflow.insert(group_hash(tag, key));
                    return;
                }
                None => groups.entry(String::from(&**key)).or_insert(Group {
                    top: Top::of(options),
                    first: first(),
                }),
            };
            group.top.page(file, id, seen);
        };
        if let (Some(options), Some((key, spelling))) = (&self.section_options, &keys.section) {
            place(&mut self.sections, false, options, key, spelling);
        }
        if let Some(options) = &self.tag_options {
            for (key, spelling) in &keys.tags {
                place(&mut self.tags, true, options, key, spelling);
            }
        }
    }

    /// Whether an entry of this key and groups (its `keys`, see
    /// [`Self::keys`]) cannot make any feed but the main one (whose cut
    /// the caller checks).
    pub fn excluded_from_groups(
        &self,
        set: &FeedSet,
        updated: &DateTime<FixedOffset>,
        id: &str,
        keys: &Keys<'_>,
    ) -> bool {
        let wanted_by = |group: Option<&Group>| group.is_none_or(|g| !g.top.excludes(updated, id));
        let explicit = self
            .explicit
            .iter()
            .zip(&set.explicit)
            .any(|(top, feed)| feed.filter.admits(keys) && !top.excludes(updated, id));
        if explicit {
            return false;
        }
        if self.section_options.is_some()
            && let Some((key, _)) = &keys.section
            && wanted_by(self.sections.get(&**key))
        {
            return false;
        }
        if self.tag_options.is_some()
            && keys
                .tags
                .iter()
                .any(|(key, _)| wanted_by(self.tags.get(&**key)))
        {
            return false;
        }
        true
    }

    /// How many feeds the set has (a `[[feeds]]` feed no article matches
    /// counted too).
    pub fn feed_count(&self) -> usize {
        let gathered = 1 + self.explicit.len() + self.sections.len() + self.tags.len();
        if self.overflow.is_empty() {
            return gathered;
        }
        // Groups one worker gathered may be among another's overflow.
        let mut all = self.overflow.clone();
        all.extend(self.sections.keys().map(|k| group_hash(false, k)));
        all.extend(self.tags.keys().map(|k| group_hash(true, k)));
        1 + self.explicit.len() + all.len()
    }

    /// How many archive pages the set's feeds fill.
    pub fn page_count(&self, set: &FeedSet) -> usize {
        let pages = |top: &Top, options: Option<&FeedOptions>| match (
            &top.paged,
            options.and_then(|o| o.archive),
        ) {
            (Some(paged), Some(archive)) => paged.len() / archive.page_size.max(1),
            _ => 0,
        };
        let groups = |map: &HashMap<String, Group>, options: Option<&FeedOptions>| {
            map.values().map(|g| pages(&g.top, options)).sum::<usize>()
        };
        pages(&self.main, Some(&set.main))
            + self
                .explicit
                .iter()
                .zip(&set.explicit)
                .map(|(top, feed)| pages(top, Some(&feed.options)))
                .sum::<usize>()
            + groups(&self.sections, self.section_options.as_ref())
            + groups(&self.tags, self.tag_options.as_ref())
    }

    /// Keeps only the best `limit` candidates of each feed.
    pub fn trim(&mut self) {
        self.main.trim();
        for top in &mut self.explicit {
            top.trim();
        }
        for group in self.sections.values_mut().chain(self.tags.values_mut()) {
            group.top.trim();
        }
    }

    /// Merges the accumulator of the files after this one's.
    pub fn merge(mut self, later: Self) -> Self {
        self.main.merge(later.main);
        for (top, other) in self.explicit.iter_mut().zip(later.explicit) {
            top.merge(other);
        }
        // Past `max_feeds`, new groups are only counted, as in the pass.
        let mut gathered = self.sections.len() + self.tags.len();
        for (tag, theirs) in [(false, later.sections), (true, later.tags)] {
            let mine = if tag {
                &mut self.tags
            } else {
                &mut self.sections
            };
            for (key, group) in theirs {
                match mine.get_mut(&key) {
                    Some(own) => own.merge(group),
                    None if gathered >= self.max_feeds => {
                        self.overflow.insert(group_hash(tag, &key));
                    }
                    None => {
                        mine.insert(key, group);
                        gathered += 1;
                    }
                }
            }
        }
        self.overflow.extend(later.overflow);
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
mod tests;
