//! RSS dates: RFC 822 as RFC 1123 and RFC 2822 update it, comments,
//! folding and obsolete forms included.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Class, Finding, comments};

/// The first `N` items of `items` and how many there are (`N + 1` when
/// there are more).
fn pieces<'a, const N: usize>(items: impl Iterator<Item = &'a str>) -> ([&'a str; N], usize) {
    let mut out = [""; N];
    let mut count = 0;
    for item in items {
        if count == N {
            return (out, N + 1);
        }
        out[count] = item;
        count += 1;
    }
    (out, count)
}

/// Checks an RSS date: RFC 822 as updated by RFC 1123 and RFC 2822, with
/// an optional weekday, a 4-digit year (2 digits warn) and a numeric offset
/// or `GMT`/`UT` (US zone names and military letters warn).
pub fn rfc822(value: &str) -> Vec<Finding> {
    if plainly_valid_rfc822(value.as_bytes()) {
        return Vec::new();
    }
    full_rfc822(value)
}

/// [`rfc822`], the long way, for any value. Comments and folded lines are
/// valid RFC 2822 (CFWS) but some readers trip on them: a warning, as the
/// W3C validator gives.
pub(super) fn full_rfc822(value: &str) -> Vec<Finding> {
    let Some(bare) = comments::strip(value) else {
        return vec![(
            Class::InvalidRFC822Date,
            format!("`{value}` is not an RFC 822 date (a comment's parentheses do not match)"),
        )];
    };
    let mut findings = bare_rfc822(value, &bare);
    let folded = bare != value || value.contains(['\r', '\n']);
    if folded && findings.iter().all(|(c, _)| *c != Class::InvalidRFC822Date) {
        findings.insert(
            0,
            (
                Class::ProblematicalRFC822Date,
                format!(
                    "`{}` holds a comment or a line break; valid, but some readers fail on it",
                    value.replace('\r', "\\r").replace('\n', "\\n")
                ),
            ),
        );
    }
    findings
}

/// [`full_rfc822`] of a value without comments (`bare`); `value` is the
/// value as written, for messages.
fn bare_rfc822(value: &str, bare: &str) -> Vec<Finding> {
    let invalid = |why: &str| {
        vec![(
            Class::InvalidRFC822Date,
            format!(
                "`{value}` is not an RFC 822 date ({why}); expected something like `Tue, 08 Aug 2023 22:37:00 +0400`"
            ),
        )]
    };
    // Read into an array, not a vector: a feed has a date per item.
    let (words, count) = pieces::<6>(bare.split_whitespace());
    if count > 6 {
        return invalid("expected day, month, year, time and zone");
    }
    let mut parts = &words[..count];
    let mut weekday = None;
    // Names as RFC 2822 writes them (`Tue`, `Aug`), which all readers read.
    let mut cased = true;
    if let Some(first) = parts.first()
        && first
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
    {
        let Some(name) = first.strip_suffix(',') else {
            return invalid("the weekday must be followed by a comma");
        };
        // Names are case-insensitive in RFC 2822's grammar.
        weekday = match name.to_ascii_lowercase().as_str() {
            "mon" => Some(Weekday::Mon),
            "tue" => Some(Weekday::Tue),
            "wed" => Some(Weekday::Wed),
            "thu" => Some(Weekday::Thu),
            "fri" => Some(Weekday::Fri),
            "sat" => Some(Weekday::Sat),
            "sun" => Some(Weekday::Sun),
            _ => return invalid("the weekday must be a three-letter English name"),
        };
        cased &= weekday.is_some_and(|w| w.to_string() == name);
        parts = &parts[1..];
    }
    let [day, month, year, time, zone] = parts[..] else {
        return invalid("expected day, month, year, time and zone");
    };
    let Some(day) = number(day, 1, 2) else {
        return invalid("the day must be one or two digits");
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some(month_index) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month)) else {
        return invalid("the month must be a three-letter English name such as `Aug`");
    };
    cased &= MONTHS.get(month_index) == Some(&month);
    let month = month_index;
    let mut findings = Vec::new();
    if !cased {
        findings.push((
            Class::ProblematicalRFC822Date,
            format!("`{value}` writes a day or month name in another case; write `Tue`, `Aug`"),
        ));
    }
    let year = match year.len() {
        4 => number(year, 4, 4),
        2 => {
            findings.push((
                Class::ProblematicalRFC822Date,
                format!("`{value}` has a two-digit year; write all four digits"),
            ));
            number(year, 2, 2).map(|y| if y < 50 { 2000 + y } else { 1900 + y })
        }
        _ => None,
    };
    let Some(year) = year else {
        return invalid("the year must have four digits");
    };
    let (clock, count) = pieces::<3>(time.split(':'));
    let (hour, minute, second) = match clock.get(..count) {
        Some([h, m]) => (number(h, 2, 2), number(m, 2, 2), Some(0)),
        Some([h, m, s]) => (number(h, 2, 2), number(m, 2, 2), number(s, 2, 2)),
        _ => (None, None, None),
    };
    let (Some(hour), Some(minute), Some(second)) = (hour, minute, second) else {
        return invalid("the time must be `hh:mm` or `hh:mm:ss`");
    };
    if hour > 23 || minute > 59 || second > 60 {
        return invalid("the time of day does not exist");
    }
    let month_number = u32::try_from(month + 1).unwrap_or(1);
    let Some(date) = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month_number, day))
    else {
        return invalid("the day does not exist");
    };
    match zone {
        "GMT" | "UT" | "Z" => {}
        "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT" => findings.push((
            Class::ProblematicalRFC822Date,
            format!("`{value}` names its zone `{zone}`; a numeric offset such as `-0500` is read by every reader"),
        )),
        z if z.len() == 5
            && z.starts_with(['+', '-'])
            && z[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            if number(&z[3..5], 2, 2).is_none_or(|m| m > 59) {
                return invalid("the offset's minutes are out of range");
            }
        }
        z if z.len() == 1 && z.chars().all(|c| c.is_ascii_alphabetic() && c != 'J') => findings.push((
            Class::ProblematicalRFC822Date,
            format!("`{value}` uses a military zone letter; RFC 2822 says to read it as -0000"),
        )),
        _ => return invalid("the zone must be a numeric offset such as `+0400`, or `GMT`"),
    }
    if let Some(w) = weekday
        && w != date.weekday()
    {
        findings.push((
            Class::IncorrectDOW,
            format!("`{value}` says `{w}`, but {date} is a {}", date.weekday()),
        ));
    }
    findings
}

/// Whether a date is in the form RSS writers use (`Tue, 08 Aug 2023
/// 22:37:00 +0400`: weekday, two-digit day, four-digit year, seconds and a
/// numeric offset) and valid in every part, the weekday right: then
/// [`rfc822`] has nothing to say, and is spared splitting it into words
/// (each item of a feed has a date). Anything else goes the long way.
pub(super) fn plainly_valid_rfc822(b: &[u8]) -> bool {
    plain_rfc822(b).is_some()
}

/// The instant (seconds since 1970 UTC) of an RSS date in the usual form
/// (see [`plainly_valid_rfc822`]); none for any other.
pub(super) fn plain_rfc822(b: &[u8]) -> Option<i64> {
    const WEEKDAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let b = <&[u8; 31]>::try_from(b).ok()?;
    let two = |at: usize| {
        (b[at].is_ascii_digit() && b[at + 1].is_ascii_digit())
            .then(|| u32::from(b[at] - b'0') * 10 + u32::from(b[at + 1] - b'0'))
    };
    let punctuated = b[3] == b','
        && b[4] == b' '
        && b[7] == b' '
        && b[11] == b' '
        && b[16] == b' '
        && b[19] == b':'
        && b[22] == b':'
        && b[25] == b' '
        && matches!(b[26], b'+' | b'-');
    let (day, century, years) = (two(5)?, two(12)?, two(14)?);
    let (hour, minute, second) = (two(17)?, two(20)?, two(23)?);
    let (offset_hours, offset_minutes) = (two(27)?, two(29)?);
    let weekday = WEEKDAYS.iter().position(|w| w[..] == b[0..3])?;
    let month = MONTHS.iter().position(|m| m[..] == b[8..11])?;
    if !(punctuated && hour <= 23 && minute <= 59 && second <= 60 && offset_minutes <= 59) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(century * 100 + years).ok()?,
        u32::try_from(month).ok()? + 1,
        day,
    )?;
    if date.weekday().num_days_from_monday() as usize != weekday {
        return None;
    }
    // A leap second counts as the second before it.
    let local = date.and_hms_opt(hour, minute, second.min(59))?;
    let east = i64::from(offset_hours * 3600 + offset_minutes * 60);
    let east = if b[26] == b'-' { -east } else { east };
    Some(local.and_utc().timestamp() - east)
}

fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    (s.len() >= min && s.len() <= max && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}
