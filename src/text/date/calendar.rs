//! The calendar's names and written forms: English month and weekday
//! names as timestamps print them, the clock's AM and PM, and the two
//! forms feeds carry (RFC 822 for RSS, RFC 3339 for Atom). Reading and
//! writing share one table of names.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Weekday};

/// Month names, January first, in lower case.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first (chrono's order), capitalised as written.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The shortest abbreviation read as a name: `Sep` and `Sept` are
/// September, but `Ma` is nothing and `market` is not March.
const SHORTEST: usize = 3;

/// The month a lower-case word names: the whole name or a prefix of it of
/// at least three letters (`sep`, `sept`, `septem`).
pub(super) fn month_number(word: &str) -> Option<u32> {
    if word.len() < SHORTEST {
        return None;
    }
    // The first letter, compared inline, settles most names: a call to
    // compare the rest is dearer than the whole scan otherwise.
    let first = word.as_bytes()[0];
    let index = MONTHS
        .iter()
        .position(|name| name.as_bytes()[0] == first && name.starts_with(word))?;
    u32::try_from(index + 1).ok()
}

/// The weekday a lower-case word names: the whole name, a prefix of at
/// least three letters (`tue`, `tues`, `thurs`), or `weds`.
pub(super) fn weekday_number(word: &str) -> Option<Weekday> {
    if word.len() < SHORTEST {
        return None;
    }
    let index = if word == "weds" {
        2
    } else {
        WEEKDAYS.iter().position(|name| {
            name.len() >= word.len()
                && name.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        })?
    };
    Weekday::try_from(u8::try_from(index).ok()?).ok()
}

/// The weekday's full English name.
pub(super) fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize]
}

/// Before or after noon on a 12-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meridiem {
    Am,
    Pm,
}

/// `am` or `pm` (the reader has already dropped the dots of `p.m.`).
pub(super) fn meridiem(word: &str) -> Option<Meridiem> {
    match word {
        "am" => Some(Meridiem::Am),
        "pm" => Some(Meridiem::Pm),
        _ => None,
    }
}

/// RSS's date: RFC 822 as RFC 2822 writes it, four-digit year, numeric offset.
pub fn to_rfc822(instant: &DateTime<FixedOffset>) -> String {
    let mut out = String::with_capacity(31);
    push_rfc822(instant, &mut out);
    out
}

/// [`to_rfc822`], appended to `out`. Written out by hand: a feed of
/// 100,000 items needs 100,000 of these, and a format string is parsed
/// again for each.
pub fn push_rfc822(instant: &DateTime<FixedOffset>, out: &mut String) {
    let offset = instant.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    out.push_str(&weekday_name(instant.weekday())[..3]);
    out.push_str(", ");
    push_digits(out, instant.day(), 2);
    out.push(' ');
    push_short_month(out, instant.month0() as usize);
    out.push(' ');
    push_year(out, instant.year());
    out.push(' ');
    push_clock(out, instant);
    out.push(' ');
    out.push(sign);
    push_digits(out, offset.unsigned_abs() / 3600, 2);
    push_digits(out, offset.unsigned_abs() % 3600 / 60, 2);
}

/// `Jan` for month 0: the name's first three letters, the first capitalised.
fn push_short_month(out: &mut String, month0: usize) {
    let name = MONTHS[month0 % 12].as_bytes();
    out.push(char::from(name[0].to_ascii_uppercase()));
    out.push(char::from(name[1]));
    out.push(char::from(name[2]));
}

/// RFC 3339 as chrono's `to_rfc3339` writes it (the form the Atom feed
/// has always carried): `+00:00` for UTC, a fraction only when there is
/// one. Appended to `out`; by hand for the common case, as
/// [`push_rfc822`].
pub fn push_rfc3339_offset(instant: &DateTime<FixedOffset>, out: &mut String) {
    let offset = instant.offset().local_minus_utc();
    if instant.nanosecond() != 0 || !(0..=9999).contains(&instant.year()) || offset % 60 != 0 {
        out.push_str(&instant.to_rfc3339());
        return;
    }
    push_year(out, instant.year());
    out.push('-');
    push_digits(out, instant.month(), 2);
    out.push('-');
    push_digits(out, instant.day(), 2);
    out.push('T');
    push_clock(out, instant);
    out.push(if offset < 0 { '-' } else { '+' });
    push_digits(out, offset.unsigned_abs() / 3600, 2);
    out.push(':');
    push_digits(out, offset.unsigned_abs() % 3600 / 60, 2);
}

/// Atom's date: RFC 3339, whole seconds, `Z` for UTC.
pub fn to_rfc3339(instant: &DateTime<FixedOffset>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `HH:MM:SS`.
fn push_clock(out: &mut String, instant: &DateTime<FixedOffset>) {
    push_digits(out, instant.hour(), 2);
    out.push(':');
    push_digits(out, instant.minute(), 2);
    out.push(':');
    push_digits(out, instant.second(), 2);
}

/// A year in at least four digits, as `{:04}` writes it.
fn push_year(out: &mut String, year: i32) {
    if (0..=9999).contains(&year) {
        push_digits(out, year.unsigned_abs(), 4);
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{year:04}");
    }
}

/// The last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u32, width: u32) {
    let mut divisor = 10u32.pow(width - 1);
    while divisor > 0 {
        out.push(char::from(b'0' + (value / divisor % 10) as u8));
        divisor /= 10;
    }
}

/// What a word other than a zone means in a timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    Month(u32),
    Weekday(Weekday),
    Meridiem(Meridiem),
    /// `at`, `on`, `of`, `the` and the ISO `T`: they stand between parts.
    Filler,
    Noon,
    Midnight,
    /// `yesterday`, `ago` and the like, which need a clock.
    Relative,
}

/// Reads a lower-case word (dots dropped) that is not a zone.
pub(super) fn word(word: &str) -> Option<Word> {
    if let Some(month) = month_number(word) {
        return Some(Word::Month(month));
    }
    if let Some(day) = weekday_number(word) {
        return Some(Word::Weekday(day));
    }
    if let Some(m) = meridiem(word) {
        return Some(Word::Meridiem(m));
    }
    Some(match word {
        "at" | "on" | "of" | "the" | "t" => Word::Filler,
        "noon" => Word::Noon,
        "midnight" => Word::Midnight,
        "ago" | "yesterday" | "today" | "tomorrow" | "now" | "last" | "next" | "hours" | "hour"
        | "minutes" | "days" | "weeks" => Word::Relative,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both output forms name the same instant with the same offset.
    #[test]
    fn output_forms() {
        let t = super::super::parse(
            "August 08, 2023, 10:37 PM GMT+4",
            &super::super::DateOptions::default(),
        )
        .expect("valid");
        assert_eq!(to_rfc822(&t.instant), "Tue, 08 Aug 2023 22:37:00 +0400");
        assert_eq!(to_rfc3339(&t.instant), "2023-08-08T22:37:00+04:00");
        let back = DateTime::parse_from_rfc2822(&to_rfc822(&t.instant)).expect("round trip");
        assert_eq!(back, t.instant);
        let t = super::super::parse(
            "2023-01-02T03:04:05Z",
            &super::super::DateOptions::default(),
        )
        .expect("valid");
        assert_eq!(to_rfc822(&t.instant), "Mon, 02 Jan 2023 03:04:05 +0000");
    }

    /// The hand-written RFC 822 form is chrono's `%a, %d %b %Y %H:%M:%S %z`.
    #[test]
    fn rfc822_matches_the_format_string() {
        let mut seconds: i64 = -2_000_000_000;
        while seconds < 8_000_000_000 {
            for offset in [
                -12 * 3600,
                -9 * 3600 - 1800,
                -60,
                0,
                60,
                5 * 3600 + 2700,
                14 * 3600,
            ] {
                let zone = FixedOffset::east_opt(offset).expect("valid offset");
                let instant = DateTime::from_timestamp(seconds, 0)
                    .expect("in range")
                    .with_timezone(&zone);
                assert_eq!(
                    to_rfc822(&instant),
                    instant.format("%a, %d %b %Y %H:%M:%S %z").to_string()
                );
            }
            seconds += 7_654_321;
        }
    }

    /// The hand-written RFC 3339 form is chrono's `to_rfc3339`, fractions,
    /// odd offsets and far years included.
    #[test]
    fn rfc3339_offset_matches_chrono() {
        let mut seconds: i64 = -70_000_000_000;
        let mut checked = 0;
        while seconds < 300_000_000_000 {
            for offset in [
                -12 * 3600,
                -9 * 3600 - 1800,
                -61,
                -60,
                0,
                60,
                5 * 3600 + 2700,
                14 * 3600,
            ] {
                for nanos in [0, 1, 500_000_000] {
                    let zone = FixedOffset::east_opt(offset).expect("valid offset");
                    let instant = DateTime::from_timestamp(seconds, nanos)
                        .expect("in range")
                        .with_timezone(&zone);
                    let mut ours = String::new();
                    push_rfc3339_offset(&instant, &mut ours);
                    assert_eq!(ours, instant.to_rfc3339());
                    checked += 1;
                }
            }
            seconds += 123_456_789;
        }
        assert!(checked > 50_000, "{checked}");
    }
}
