use super::*;
use std::sync::Arc;

use crate::config::ContentMode;
use crate::config::feeds::{FamilyOptions, FeedFormat, FeedOptions};
use crate::feed::order::order;
use crate::feed::set::term_key;

fn options(limit: usize) -> FeedOptions {
    FeedOptions {
        limit,
        content: ContentMode::Summary,
        formats: vec![FeedFormat::Atom],
        archive: None,
    }
}

/// What the reading pass knows of an entry updated and published at
/// `updated`.
fn seen(updated: DateTime<FixedOffset>) -> Seen {
    Seen {
        updated,
        published: updated,
        stamp: None,
        cached: true,
    }
}

/// A set of the main feed alone, of `limit` entries.
fn main_only(limit: usize) -> FeedSet {
    FeedSet {
        main: options(limit),
        sections: None,
        tags: None,
        explicit: Vec::new(),
        max_feeds: 10,
    }
}

fn cached(file: u32, day: u32, id: &str) -> Candidate {
    let updated =
        DateTime::parse_from_rfc3339(&format!("2023-08-{day:02}T00:00:00Z")).expect("valid");
    Candidate::Cached {
        file,
        updated,
        id: Arc::from(id),
        stamp: None,
    }
}

/// Adds a candidate with no groups, published when updated.
fn add(acc: &mut Accumulator, set: &FeedSet, file: u32, candidate: Candidate) {
    let published = candidate.key().0;
    acc.add(
        set,
        file,
        candidate,
        &published,
        &Membership::NONE,
        &seen(published),
    );
}

/// The best candidates' keys, in order.
fn keys(top: &Top) -> Vec<(DateTime<FixedOffset>, String)> {
    top.best
        .iter()
        .map(|c| (c.key().0, c.key().1.to_owned()))
        .collect()
}

/// Every (file, day, id) added to one accumulator, trimmed.
fn all_added(all: &[(u32, u32, String)], limit: usize) -> Accumulator {
    let set = main_only(limit);
    let mut whole = Accumulator::new(&set);
    for (f, d, id) in all {
        add(&mut whole, &set, *f, cached(*f, *d, id));
    }
    whole.trim();
    whole
}

/// Trimming sorts in the feed's order: instants across offsets, ties
/// by id, fractions of seconds.
#[test]
fn trim_sorts_in_the_feed_order() {
    let zones = [-9 * 3600 - 1800, 0, 4 * 3600, 14 * 3600];
    let mut top = Top::new(0);
    for i in 0..500u32 {
        let zone = FixedOffset::east_opt(zones[(i % 4) as usize]).expect("valid");
        let seconds = 1_690_000_000 + i64::from(i * 7919 % 13) * 1800;
        let updated = DateTime::from_timestamp(seconds, (i % 3) * 333_333_333)
            .expect("in range")
            .with_timezone(&zone);
        top.add(Candidate::Cached {
            file: i,
            updated,
            id: Arc::from(format!("id-{:03}", i * 31 % 97)),
            stamp: None,
        });
    }
    let mut expected = keys(&top);
    expected.sort_by(|a, b| order((a.0, &a.1), (b.0, &b.1)));
    top.trim();
    assert_eq!(keys(&top), expected);
}

/// Merging partial results in any grouping keeps the same best entries.
#[test]
fn selection_is_independent_of_grouping() {
    let all: Vec<(u32, u32, String)> = (0..200)
        .map(|i| (i, 1 + (i * 7) % 28, format!("id-{:03}", i % 150)))
        .collect();
    let whole = all_added(&all, 10);
    let set = main_only(10);
    for chunk in [1, 7, 33, 200] {
        let mut merged = Accumulator::new(&set);
        for part in all.chunks(chunk) {
            let mut acc = Accumulator::new(&set);
            for (f, d, id) in part {
                add(&mut acc, &set, *f, cached(*f, *d, id));
            }
            merged = merged.merge(acc);
        }
        merged.trim();
        assert_eq!(keys(&merged.main), keys(&whole.main), "chunks of {chunk}");
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
    let set = main_only(20);
    for chunk in [50, 333, 3000] {
        let mut merged = Accumulator::new(&set);
        let mut turned_away = 0;
        for part in all.chunks(chunk) {
            let mut acc = Accumulator::new(&set);
            for (f, d, id) in part {
                let candidate = cached(*f, *d, id);
                let (updated, _) = candidate.key();
                if acc.main.excludes(&updated, id) {
                    turned_away += 1;
                    acc.count(&set, *f, id, &updated, &Membership::NONE, &seen(updated));
                } else {
                    add(&mut acc, &set, *f, candidate);
                }
            }
            merged = merged.merge(acc);
        }
        merged.trim();
        assert_eq!(keys(&merged.main), keys(&whole.main), "chunks of {chunk}");
        assert_eq!(merged.valid, 3000);
        // With pieces this big, most entries are turned away.
        if chunk >= 333 {
            assert!(turned_away > 2000, "chunks of {chunk}: only {turned_away}");
        }
    }
}

/// With tag and section feeds, each feed holds the newest `limit` of
/// its own entries, whatever the grouping of the pass and whichever
/// entries the ranking turns away, and each term keeps its first use.
#[test]
fn every_feed_of_the_set_gets_its_own_best() {
    let family = |limit| FamilyOptions {
        options: options(limit),
        title: "{name}".to_owned(),
        description: "{name}".to_owned(),
        names: std::collections::BTreeMap::new(),
    };
    let set = FeedSet {
        main: options(5),
        sections: Some(family(3)),
        tags: Some(family(4)),
        explicit: Vec::new(),
        max_feeds: 100,
    };
    let tag_names = ["Rare", "common", "Common", "mid", "other"];
    let sections = ["world", "sport"];
    let mut state: u64 = 11;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    // (file, day, id, section, tags)
    let all: Vec<(u32, u32, String, &str, Vec<String>)> = (0..400u32)
        .map(|i| {
            let tags = (0..1 + next(3))
                .map(|_| tag_names[next(5) as usize].to_owned())
                .collect();
            (
                i,
                1 + next(28) as u32,
                format!("id-{i:04}"),
                sections[next(2) as usize],
                tags,
            )
        })
        .collect();
    // What each feed must hold, by brute force.
    let expect = |keep: &dyn Fn(&str, &[String]) -> bool, limit: usize| {
        let mut keys: Vec<(DateTime<FixedOffset>, String)> = all
            .iter()
            .filter(|(_, _, _, s, t)| keep(s, t))
            .map(|(f, d, id, _, _)| (cached(*f, *d, id).key().0, id.clone()))
            .collect();
        keys.sort_by(|a, b| order((a.0, &a.1), (b.0, &b.1)));
        keys.truncate(limit);
        keys
    };
    for chunk in [1, 37, 400] {
        let mut merged = Accumulator::new(&set);
        for part in all.chunks(chunk) {
            let mut acc = Accumulator::new(&set);
            for (f, d, id, section, tags) in part {
                let candidate = cached(*f, *d, id);
                let (updated, _) = candidate.key();
                let member = Membership {
                    section: Some(section),
                    tags,
                    authors: crate::feed::set::Authors::Names(&[]),
                };
                if acc.main.excludes(&updated, id)
                    && acc.excluded_from_groups(&set, &updated, id, &acc.keys(&member))
                {
                    acc.count(&set, *f, id, &updated, &member, &seen(updated));
                } else {
                    acc.add(&set, *f, candidate, &updated, &member, &seen(updated));
                }
            }
            merged = merged.merge(acc);
        }
        merged.trim();
        assert_eq!(
            keys(&merged.main),
            expect(&|_, _| true, 5),
            "chunks of {chunk}"
        );
        for section in sections {
            assert_eq!(
                keys(&merged.sections[section].top),
                expect(&|s, _| s == section, 3),
                "section {section}, chunks of {chunk}"
            );
        }
        // `common` and `Common` are one tag.
        assert_eq!(merged.tags.len(), 4);
        for tag in ["rare", "common", "mid", "other"] {
            let group = &merged.tags[tag];
            assert_eq!(
                keys(&group.top),
                expect(&|_, t| t.iter().any(|x| term_key(x) == tag), 4),
                "tag {tag}, chunks of {chunk}"
            );
            // The first use is the earliest published, then the first file.
            let first = all
                .iter()
                .filter(|(_, _, _, _, t)| t.iter().any(|x| term_key(x) == tag))
                .map(|(f, d, _, _, _)| (cached(*f, *d, "").key().0.timestamp(), *f))
                .min()
                .expect("used");
            assert_eq!((group.first.published.0, group.first.file), first);
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

/// Past `max_feeds` a worker only counts new sections and tags; merged
/// in any pieces, the count is the number of distinct feeds all the same,
/// a section and a tag of one name counting twice.
#[test]
fn feeds_past_the_limit_are_counted_not_gathered() {
    let family = |limit| FamilyOptions {
        options: options(limit),
        title: "{name}".to_owned(),
        description: "{name}".to_owned(),
        names: std::collections::BTreeMap::new(),
    };
    let set = FeedSet {
        main: options(5),
        sections: Some(family(3)),
        tags: Some(family(3)),
        explicit: Vec::new(),
        max_feeds: 8,
    };
    // 60 articles, each of one of 6 sections and of 3 tags out of 40;
    // the section names are tag names too.
    let all: Vec<(u32, String, Vec<String>)> = (0..60u32)
        .map(|i| {
            let tags = (0..3).map(|t| format!("t{}", (i * 3 + t) % 40)).collect();
            (i, format!("t{}", i % 6), tags)
        })
        .collect();
    let distinct = 1 + 6 + 40;
    for chunk in [1, 7, 60] {
        let mut merged = Accumulator::new(&set);
        for part in all.chunks(chunk) {
            let mut acc = Accumulator::new(&set);
            for (f, section, tags) in part {
                let candidate = cached(*f, 1 + f % 28, &format!("id-{f}"));
                let published = candidate.key().0;
                let member = Membership {
                    section: Some(section),
                    tags,
                    authors: crate::feed::set::Authors::Names(&[]),
                };
                acc.add(&set, *f, candidate, &published, &member, &seen(published));
            }
            merged = merged.merge(acc);
        }
        assert_eq!(merged.feed_count(), distinct, "pieces of {chunk}");
        // What was gathered stays near the limit, not the count.
        assert!(
            merged.sections.len() + merged.tags.len() <= 2 * (set.max_feeds + 3),
            "pieces of {chunk}"
        );
    }
}
