//! The order of a feed's entries, defined once: newest `updated` first,
//! ties broken by id. Ranking, assembling and the ranking cut all use it.

use std::cmp::{Ordering, Reverse};

use chrono::{DateTime, FixedOffset};

/// The feed's order on (updated, id) keys: newest first, ties by id.
pub fn order(a: (DateTime<FixedOffset>, &str), b: (DateTime<FixedOffset>, &str)) -> Ordering {
    instant_key(&a.0)
        .cmp(&instant_key(&b.0))
        .then_with(|| a.1.cmp(b.1))
}

/// The instant's part of [`order`] as a key that sorts on two integers:
/// `(instant_key(a), id_a)` against `(instant_key(b), id_b)` is [`order`].
pub fn instant_key(updated: &DateTime<FixedOffset>) -> Reverse<(i64, u32)> {
    Reverse((updated.timestamp(), updated.timestamp_subsec_nanos()))
}

/// Where ranking stands while the articles are read: an entry that sorts
/// after the cut cannot make the feed, and need not be normalised in full.
/// Either bound may be absent; with both absent every entry is wanted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cut<'a> {
    /// Entries updated before this second (Unix time) are out.
    pub before_second: Option<i64>,
    /// Entries that sort after this key are out.
    pub after: Option<(DateTime<FixedOffset>, &'a str)>,
}

impl Cut<'_> {
    /// Every entry is wanted.
    pub const NONE: Cut<'static> = Cut {
        before_second: None,
        after: None,
    };

    /// Whether the entry with this key is past the cut.
    pub fn excludes(&self, updated: &DateTime<FixedOffset>, id: &str) -> bool {
        self.before_second
            .is_some_and(|second| updated.timestamp() < second)
            || self
                .after
                .is_some_and(|cut| order((*updated, id), cut) == Ordering::Greater)
    }
}

/// Whether an entry can still make any feed of a build: one that cannot
/// is only ranked, not normalised in full.
pub trait Ranking {
    /// Whether the entry with this key, in these groups, cannot make any
    /// feed.
    fn excludes(
        &self,
        updated: &DateTime<FixedOffset>,
        id: &str,
        member: &crate::feed::set::Membership<'_>,
    ) -> bool;

    /// Whether some entry could be turned away now; when none can (every
    /// entry is kept, or too few are known yet), work put off for entries
    /// that never make a feed is better done at once.
    fn excludes_any(&self) -> bool;
}

/// A build of the main feed alone ranks by its cut.
impl Ranking for Cut<'_> {
    fn excludes(
        &self,
        updated: &DateTime<FixedOffset>,
        id: &str,
        _: &crate::feed::set::Membership<'_>,
    ) -> bool {
        Cut::excludes(self, updated, id)
    }

    fn excludes_any(&self) -> bool {
        self.before_second.is_some_and(|second| second > i64::MIN) || self.after.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("test instant")
    }

    #[test]
    fn newest_first_then_by_id() {
        let rows = [
            // Newer first, whatever the ids.
            (
                ("2024-01-02T00:00:00Z", "a"),
                ("2024-01-01T00:00:00Z", "b"),
                Ordering::Less,
            ),
            // The same instant in two offsets is a tie, broken by id.
            (
                ("2024-01-01T04:00:00+04:00", "a"),
                ("2024-01-01T00:00:00Z", "b"),
                Ordering::Less,
            ),
            (
                ("2024-01-01T00:00:00Z", "b"),
                ("2024-01-01T04:00:00+04:00", "a"),
                Ordering::Greater,
            ),
            // Fractions of a second count.
            (
                ("2024-01-01T00:00:00.5Z", "z"),
                ("2024-01-01T00:00:00Z", "a"),
                Ordering::Less,
            ),
            // Equal keys are equal.
            (
                ("2024-01-01T00:00:00Z", "a"),
                ("2024-01-01T00:00:00Z", "a"),
                Ordering::Equal,
            ),
        ];
        for ((ta, ia), (tb, ib), expected) in rows {
            let (a, b) = ((at(ta), ia), (at(tb), ib));
            assert_eq!(order(a, b), expected, "{a:?} {b:?}");
            // The integer key agrees with the order.
            assert_eq!(
                (instant_key(&a.0), a.1).cmp(&(instant_key(&b.0), b.1)),
                expected,
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn cut() {
        let cut = Cut {
            before_second: Some(at("2024-01-01T00:00:00Z").timestamp()),
            after: Some((at("2024-01-03T00:00:00Z"), "m")),
        };
        let rows = [
            // Before the second: out.
            ("2023-12-31T23:59:59Z", "a", true),
            // After the key by instant: out.
            ("2024-01-02T00:00:00Z", "a", true),
            // At the key's instant, a later id: out; an earlier id or the
            // key itself: in.
            ("2024-01-03T00:00:00Z", "z", true),
            ("2024-01-03T00:00:00Z", "a", false),
            ("2024-01-03T00:00:00Z", "m", false),
            // Newer than the key: in.
            ("2024-01-04T00:00:00Z", "a", false),
        ];
        for (updated, id, out) in rows {
            assert_eq!(cut.excludes(&at(updated), id), out, "{updated} {id}");
            assert!(!Cut::NONE.excludes(&at(updated), id));
        }
    }
}
