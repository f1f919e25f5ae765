//! Reading the timestamps that news sites print.
//!
//! [`parse`] turns one timestamp string into an instant with its UTC offset.
//! It reads the string once, left to right, into fields (year, month, day,
//! time, zone) and then checks the fields together. The flow is one way:
//! `tokens` splits the text, `reader` fills the fields, `resolve` checks
//! them and places them in time; `calendar` holds the names of months and
//! weekdays and writes the feeds' date forms, `zones` the zone abbreviations.
//!
//! # Accepted
//!
//! | style | examples |
//! |---|---|
//! | month name first | `August 08, 2023, 10:37 PM`, `Aug. 8, 2023 at 10:37 p.m.`, `Sept. 8th 2023`, `Tuesday, August 8, 2023` |
//! | day first | `8 August 2023`, `08-Aug-2023 22:37`, `Tuesday 8th August 2023, 22.37 WEST`, `14 Feb ’20` |
//! | time first | `22.37, 8 August 2023`, `10:37 PM, Tuesday, August 8, 2023`: read as the date-first order |
//! | RFC 2822 / 822 | `Tue, 08 Aug 2023 22:37:00 +0400`, `8 Aug 23 22:37 GMT` (two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999, as RFC 2822 §4.3 says), `Mon, 04 Mar 2024 09:15:00 +0000 (UTC)` |
//! | JavaScript | `Thu Nov 09 2023 04:59:25 GMT+0000 (UTC)` |
//! | ISO 8601 / RFC 3339 | `2023-08-08`, `2023-08-08T22:37:00.5Z`, `2023-08-08 22:37+04:00`, `20230808T223700Z` |
//! | year first, other separators | `2023/08/08 22:37`, `2023.08.08` |
//! | all-numeric, day and month | `13/08/2023` (a part over 12 can only be the day), `08/08/2023` (both orders agree); others need `date_order` |
//!
//! Names of months and weekdays are English, any case, full or abbreviated
//! to at least three letters (`Sep`, `Sept`, `Tues`, `Thurs`, also `Weds`),
//! with or without a final dot; a word that only starts like a name
//! (`market`, `Marching`) is none. A month name may have its year as two
//! digits after an apostrophe (`14 Feb ’20`, `Feb 14 '20`), read as RFC
//! 2822 reads two-digit years. Clocks are
//! 12-hour (`10 PM`, `10:37pm`, `10.37 p.m.`, `12 noon`, `midnight`) or
//! 24-hour (`22:37`, `22:37:05`, `22.37`, `22.37.05`, `24:00`, and
//! `1530 GMT` before a zone's name once the year is known); seconds may have a
//! fraction, which is dropped (feeds carry whole seconds). The words `at`,
//! `on`, `of` and `the`, the ISO `T`, commas and the separators `-`, `/`,
//! `|`, `@`, `–`, `—`, `•` and `·` may stand between the parts; the date
//! may come before or after the time.
//!
//! A zone is a numeric offset (`+0400`, `+04:00`, `-04`, `GMT+4`, `UTC-03:30`),
//! `Z`, an IANA name at the end (`Asia/Dubai`), one of the abbreviations in
//! [`ZONES`], or one the site configured ([`ZoneAbbreviations`]). The
//! module `zones` gives the policy: an abbreviation with more than one
//! meaning in common use ([`AMBIGUOUS_ZONES`]) is refused unless configured;
//! `ET`, `CT`, `MT`, `PT` and `MSK` are a region's local time at the date.
//! The zone may be said twice, as in an RFC 5322 comment (`+0000 (UTC)`) or
//! JavaScript's `GMT+0100 (CET)`, when both name the same offset at that
//! instant; an ambiguous abbreviation is then read if one of its meanings
//! agrees. A timestamp with no zone is a wall-clock time in the configured
//! time zone; a date with no time is that zone's midnight.
//!
//! # Local times that do not exist once
//!
//! A wall-clock time inside a daylight-saving gap (02:30 on a spring-forward
//! night) is read with the offset in force before the gap, so it lands as far
//! after the gap's start as it claims to be (03:30). A time that occurs twice
//! (an autumn overlap) is the first of the two. Both give a [`LocalTimeNote`]
//! for the caller to warn about.
//!
//! # Rejected
//!
//! Impossible dates (February 30, hour 25), a weekday that does not match the
//! date, all-numeric dates whose order is ambiguous (`03/04/2023`) unless an
//! order is configured, all-numeric dates with a two-digit year, a missing
//! day, month or year, relative dates (`yesterday`, `2 hours ago`), names in
//! other languages, CJK dates, ambiguous zone abbreviations (`IST`, `AST`,
//! `SST`, `CST`, `BST`, `GST`) unless configured, two zones that disagree
//! (an IANA name at the end included), noon or midnight with AM/PM or
//! minutes, four digits before a zone's name with no other year (`Aug 8,
//! 1530 GMT`: a year, or a time without its colon),
//! parentheses holding anything but the zone, abbreviations not in capitals
//! (`West`, `est`), leap seconds, years outside 1000-9999, and anything left
//! over that is not understood.

mod calendar;
mod reader;
mod resolve;
mod tokens;
mod zones;

use std::fmt;
use std::str::FromStr;

use chrono::Offset as _;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Weekday};
use chrono_tz::Tz;

pub use calendar::{push_rfc822, push_rfc3339_offset, to_rfc822, to_rfc3339};
pub use zones::{AMBIGUOUS_ZONES, Ambiguous, ZONES, ZoneAbbreviations, ZoneRule};

/// How to read an all-numeric date such as `03/04/2023` whose order the
/// numbers alone do not settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Month first, as in the United States: `03/04/2023` is March 4.
    MonthFirst,
    /// Day first, as in most of the world: `03/04/2023` is April 3.
    DayFirst,
}

impl FromStr for DateOrder {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "mdy" | "month-first" => Ok(Self::MonthFirst),
            "dmy" | "day-first" => Ok(Self::DayFirst),
            _ => Err(format!("unknown date order `{s}`; expected `mdy` or `dmy`")),
        }
    }
}

/// What the parser needs besides the string.
#[derive(Debug, Clone)]
pub struct DateOptions {
    /// The zone of timestamps that name none.
    pub timezone: Tz,
    /// How to read ambiguous all-numeric dates; `None` rejects them.
    pub order: Option<DateOrder>,
    /// Zone abbreviations the site has given a meaning (`zone_abbreviations`).
    pub abbreviations: ZoneAbbreviations,
}

impl Default for DateOptions {
    fn default() -> Self {
        Self {
            timezone: Tz::UTC,
            order: None,
            abbreviations: ZoneAbbreviations::default(),
        }
    }
}

/// A wall-clock time that the time zone did not show exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTimeNote {
    /// The time fell in a daylight-saving gap and was moved forward.
    Gap {
        /// The time as written.
        written: NaiveDateTime,
        /// The zone it was read in.
        zone: Tz,
    },
    /// The time occurred twice; the earlier one was taken.
    Overlap {
        /// The time as written.
        written: NaiveDateTime,
        /// The zone it was read in.
        zone: Tz,
    },
}

impl fmt::Display for LocalTimeNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Gap { written, zone } => write!(
                f,
                "`{written}` does not exist in {zone} (a daylight-saving gap); read it with the offset before the gap"
            ),
            Self::Overlap { written, zone } => write!(
                f,
                "`{written}` occurs twice in {zone} (a daylight-saving overlap); took the earlier one"
            ),
        }
    }
}

/// A timestamp read from text: the instant, in whole seconds, with the
/// offset it was written in (or the configured zone's offset at that instant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The instant and its offset.
    pub instant: DateTime<FixedOffset>,
    /// Set when the local time was in a gap or an overlap.
    pub note: Option<LocalTimeNote>,
}

/// Why a timestamp could not be read. `at` is the byte offset in the input
/// where the problem starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// Byte offset of the problem within the string.
    pub at: usize,
    /// What is wrong.
    pub kind: DateErrorKind,
}

/// The kinds of [`DateError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateErrorKind {
    /// Nothing but blanks.
    Empty,
    /// More parts than any timestamp has (see `tokens::MAX_TOKENS`).
    TooLong,
    /// A word that is no month, weekday, zone or known filler.
    UnknownWord(String),
    /// A number that fits no slot.
    UnexpectedNumber(String),
    /// A four-digit number after a two-digit year: a time without its
    /// colon (`03 Apr 02 1500`) or a second year.
    ColonlessTime(String),
    /// Four digits before a zone's name and no other year (`Aug 8, 1530
    /// GMT`): a year, or a time without its colon.
    YearOrTime(String),
    /// A minute or second written with other than two digits (`12:35:9`).
    FieldDigits {
        /// `minute` or `second`.
        field: &'static str,
        /// The digits as written.
        written: String,
    },
    /// A character that has no place in a timestamp.
    UnexpectedChar(char),
    /// `yesterday`, `ago` and the like: they need a clock.
    Relative(String),
    /// A field given twice, such as two years.
    Repeated(&'static str),
    /// A field that is needed and missing.
    Missing(&'static str),
    /// Year, month and day that name no day.
    NoSuchDay {
        /// The year as read.
        year: i32,
        /// The month as read.
        month: u32,
        /// The day as read.
        day: u32,
    },
    /// A month number over 12 or zero.
    NoSuchMonth(u32),
    /// A time of day that does not exist.
    NoSuchTime(String),
    /// Second 60.
    LeapSecond,
    /// A year that cannot be written with four digits.
    YearOutOfRange(i32),
    /// An all-numeric date whose order is not settled.
    AmbiguousOrder(String),
    /// An all-numeric date with a two-digit year.
    TwoDigitNumericYear(String),
    /// A zone abbreviation that names more than one zone.
    AmbiguousZone(String),
    /// Two zones given for one time that name different offsets.
    ZoneConflict {
        /// The first zone as written.
        first: String,
        /// The second zone as written.
        second: String,
    },
    /// Parentheses that hold something other than a zone.
    BadComment,
    /// An offset beyond ±23:59.
    BadOffset(String),
    /// The weekday disagrees with the date.
    WrongWeekday {
        /// The weekday as written.
        written: Weekday,
        /// The date it was written with.
        date: NaiveDate,
    },
    /// `AM`/`PM` with an hour it cannot go with.
    BadMeridiem(u32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DateErrorKind as K;
        match &self.kind {
            K::Empty => f.write_str("the date is empty"),
            K::TooLong => write!(
                f,
                "it has more than {} words, numbers and signs, more than any date",
                tokens::MAX_TOKENS
            ),
            K::UnknownWord(w) => write!(
                f,
                "unknown word `{w}`; expected an English month or weekday, `at`, `AM`/`PM` or a zone"
            ),
            K::UnexpectedNumber(n) => write!(f, "unexpected number `{n}`"),
            K::ColonlessTime(n) => write!(
                f,
                "`{n}` after a two-digit year is a second year or a time without its colon; write the time as `hh:mm`"
            ),
            K::YearOrTime(n) => write!(
                f,
                "`{n}` could be a year or a time without its colon, and no other year is given; write the time as `hh:mm` and the year in full"
            ),
            K::FieldDigits { field, written } => write!(
                f,
                "the {field} `{written}` should have two digits, such as `{written:0>2}`"
            ),
            K::UnexpectedChar(c) => write!(f, "unexpected character `{c}`"),
            K::Relative(w) => write!(
                f,
                "relative date `{w}` cannot be resolved without a clock; write the date"
            ),
            K::Repeated(what) => write!(f, "the {what} is given twice"),
            K::Missing(what) => write!(f, "no {what}"),
            K::NoSuchDay { year, month, day } => {
                write!(f, "no such day: {year:04}-{month:02}-{day:02}")
            }
            K::NoSuchMonth(m) => write!(f, "no such month: `{m}`"),
            K::NoSuchTime(t) => write!(f, "no such time of day: `{t}`"),
            K::LeapSecond => f.write_str("leap second `60` is not supported"),
            K::YearOutOfRange(y) => {
                write!(f, "year `{y}` is out of range; expected 1000 to 9999")
            }
            K::AmbiguousOrder(s) => write!(
                f,
                "`{s}` could be day/month or month/day; set `date_order` or write the month's name"
            ),
            K::TwoDigitNumericYear(s) => write!(
                f,
                "`{s}` has a two-digit year in an all-numeric date; write the year in full"
            ),
            K::AmbiguousZone(z) => {
                write!(f, "zone `{z}` names more than one zone")?;
                if let Some(entry) = zones::ambiguous(z)
                    && let Some((_, example)) = entry.meanings.first()
                {
                    f.write_str(" (")?;
                    for (i, (name, tz)) in entry.meanings.iter().enumerate() {
                        let sep = if i == 0 { "" } else { ", " };
                        write!(f, "{sep}{name}: `{}`", tz.name())?;
                    }
                    write!(
                        f,
                        "); say which in the config's `zone_abbreviations`, such as `{z} = \"{}\"`, or write a numeric offset",
                        example.name()
                    )
                } else {
                    f.write_str("; say which in the config's `zone_abbreviations` or write a numeric offset")
                }
            }
            K::ZoneConflict { first, second } => write!(
                f,
                "zones `{first}` and `{second}` disagree about the offset; give one zone"
            ),
            K::BadComment => {
                f.write_str("parentheses may only hold the zone again, as in `+0000 (UTC)`")
            }
            K::BadOffset(o) => write!(f, "offset `{o}` is out of range; expected -23:59 to +23:59"),
            K::WrongWeekday { written, date } => write!(
                f,
                "`{written}` does not match {date}, a {}",
                calendar::weekday_name(date.weekday())
            ),
            K::BadMeridiem(h) => write!(f, "hour `{h}` cannot go with AM/PM; expected 1 to 12"),
        }
    }
}

impl std::error::Error for DateError {}
/// Parses one timestamp; see the module documentation for what it accepts.
pub fn parse(text: &str, options: &DateOptions) -> Result<Timestamp, DateError> {
    let written = text;
    let (text, iana) = split_iana_zone(text);
    let text = drop_long_zone_name(text);
    let (tokens, cut) = tokens::tokenize(text)?;
    if tokens.is_empty() {
        return Err(DateError {
            at: 0,
            kind: DateErrorKind::Empty,
        });
    }
    let read = reader::Reader::new(text, &tokens, options.order, &options.abbreviations).read();
    // A text cut for its length is refused for its first fault, when one
    // is among the parts read, else for its length.
    let fields = match (read, cut) {
        (Ok(_), Some(at)) => {
            return Err(DateError {
                at,
                kind: DateErrorKind::TooLong,
            });
        }
        (Err(e), Some(at)) if matches!(e.kind, DateErrorKind::Missing(_)) || e.at >= at => {
            return Err(DateError {
                at,
                kind: DateErrorKind::TooLong,
            });
        }
        (read, _) => read?,
    };
    let said = fields.zones[0].map(|z| (z.start, z.end));
    let mut timestamp =
        resolve::resolve(fields, text, iana.map_or(options.timezone, |(tz, _)| tz))?;
    // A zone said in the text and an IANA name after it must agree
    // (`+04:00 Europe/Paris` in August is two zones); but RFC 9557's `Z`
    // before a zone (`...21:37:00Z[Europe/London]`) says only that the
    // instant is given in UTC, and the named zone's offset is the local one.
    if let (Some((start, end)), Some((tz, at))) = (said, iana) {
        let instant = timestamp.instant;
        let named = chrono::TimeZone::offset_from_utc_datetime(&tz, &instant.naive_utc()).fix();
        if text[start..end].eq_ignore_ascii_case("z") && written[at..].starts_with('[') {
            timestamp.instant = instant.with_timezone(&named);
            return Ok(timestamp);
        }
        let named = named.local_minus_utc();
        if named != instant.offset().local_minus_utc() {
            return Err(DateError {
                at,
                kind: DateErrorKind::ZoneConflict {
                    first: text[start..end].to_owned(),
                    second: tz.name().to_owned(),
                },
            });
        }
    }
    Ok(timestamp)
}

/// Drops a zone's long name in parentheses after a numeric offset, as
/// JavaScript writes it: `GMT+0000 (Coordinated Universal Time)`. The
/// offset already says the instant; the name, in whatever language, is an
/// RFC 5322 comment. Only two or more words of letters after an offset go:
/// a short name (`(UTC)`) is read and checked against the offset, and
/// anything else stays for the reader to refuse.
fn drop_long_zone_name(text: &str) -> &str {
    let trimmed = text.trim_end();
    let Some(inner) = trimmed.strip_suffix(')') else {
        return text;
    };
    let Some(open) = inner.rfind('(') else {
        return text;
    };
    let name = &inner[open + 1..];
    let words = name.split_whitespace().count();
    let letters_only = name
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.');
    let head = inner[..open].trim_end();
    // The offset before it: `+0000`, `-05:00`, `+02`, after its digits.
    let offset = head
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ':')
        .ends_with(['+', '-'])
        && head.ends_with(|c: char| c.is_ascii_digit());
    if words >= 2 && letters_only && offset {
        head
    } else {
        text
    }
}

/// Splits a trailing IANA zone name off the text, with where it starts:
/// a word (`... 22:37 Europe/London`), or RFC 9557's bracketed annotation
/// (`2023-08-08T22:37:00+01:00[Europe/London]`, `[!Europe/London]` when
/// critical), with any suffix tags after it: an elective tag
/// (`[u-ca=gregory]`) says nothing of the instant and is passed over, a
/// critical one (`[!u-ca=hebrew]`) must be understood, and is not, so it
/// stays for the reader to refuse.
fn split_iana_zone(text: &str) -> (&str, Option<(Tz, usize)>) {
    let mut head = text.trim_end();
    // At most a few groups, each looked at once.
    for _ in 0..4 {
        let Some(inner) = head.strip_suffix(']') else {
            break;
        };
        let Some(open) = inner.rfind('[') else {
            break;
        };
        let group = &inner[open + 1..];
        let (critical, group) = match group.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, group),
        };
        if group.contains('=') {
            if critical {
                return (text, None);
            }
            head = inner[..open].trim_end();
            continue;
        }
        return match group.parse::<Tz>() {
            Ok(tz) => (&inner[..open], Some((tz, open))),
            Err(_) => (text, None),
        };
    }
    let trimmed = head;
    if let Some((head, last)) = trimmed.rsplit_once(char::is_whitespace)
        && last.contains('/')
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && let Ok(tz) = last.parse::<Tz>()
    {
        return (head, Some((tz, trimmed.len() - last.len())));
    }
    (head, None)
}
/// Whether `text` reads as a timestamp, valid or not: [`parse`] (with
/// the default [`DateOptions`]) accepts it, or fails on a fault in what is
/// plainly a timestamp (a missing or impossible part, an ambiguous order
/// or zone, a wrong weekday, a relative date, a part out of range) and no
/// word after the fault is foreign to timestamps. An unknown word, an
/// unexpected number or character first, or an empty text, is no
/// timestamp: `Posted 3 guards at every entrance` is prose.
///
/// What follows a fault is read again on its own, for its words only (a
/// number or sign may have lost the context that made sense of it). The
/// text is read at most `FAULTS_READ` + 1 times, so the time stays
/// linear in its length.
pub fn is_timestamp(text: &str) -> bool {
    let options = DateOptions::default();
    let mut rest = text;
    for faults in 0..=FAULTS_READ {
        rest = rest.trim_start();
        let Err(error) = parse(rest, &options) else {
            return true;
        };
        match error.kind {
            DateErrorKind::UnknownWord(_) | DateErrorKind::TooLong => return false,
            DateErrorKind::Empty => return faults > 0,
            DateErrorKind::UnexpectedNumber(_) | DateErrorKind::UnexpectedChar(_)
                if faults == 0 =>
            {
                return false;
            }
            // Found once every part was read: the whole text is a timestamp.
            DateErrorKind::Missing(_)
            | DateErrorKind::NoSuchDay { .. }
            | DateErrorKind::WrongWeekday { .. }
            | DateErrorKind::BadMeridiem(_)
            | DateErrorKind::YearOrTime(_)
            | DateErrorKind::LeapSecond => return true,
            _ => {}
        }
        // Past the blank-separated piece the fault is in.
        let after = rest.get(error.at..).unwrap_or_default();
        match after.find(char::is_whitespace) {
            Some(blank) => rest = &after[blank..],
            None => return true,
        }
    }
    false
}

/// How many faults [`is_timestamp`] reads past before it gives up.
const FAULTS_READ: usize = 8;

/// Why a feed's date is implausible, by the W3C Feed Validation Service's
/// rule: feed readers drop a date before 1970 or show it as undated, and
/// sort one ahead of now above every newer item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implausible {
    /// Before 1970-01-01T00:00:00Z.
    BeforeEpoch,
    /// More than a day after now.
    Ahead,
}

/// Whether the instant `seconds` (since 1970 UTC) is an implausible date
/// for a feed: before 1970, or more than a day after now. Now is read once
/// per process, so that a build or a validation judges all its dates by
/// one clock. Output never depends on it: only warnings do.
pub fn implausible(seconds: i64) -> Option<Implausible> {
    static LAST: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    let last = *LAST.get_or_init(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        now.saturating_add(86_400)
    });
    if seconds < 0 {
        Some(Implausible::BeforeEpoch)
    } else {
        (seconds > last).then_some(Implausible::Ahead)
    }
}

#[cfg(test)]
mod tests;
