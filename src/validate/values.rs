//! Checks of single values: dates, URIs, email addresses, language tags,
//! MIME types and numbers. Each returns what is wrong, or `Ok`.

use chrono::{Datelike, NaiveDate, Weekday};
use url::Url;

use super::Class;

mod comments;

/// What a value check found: a class and a message.
pub type Finding = (Class, String);

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
fn full_rfc822(value: &str) -> Vec<Finding> {
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
fn plainly_valid_rfc822(b: &[u8]) -> bool {
    const WEEKDAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let Ok(b) = <&[u8; 31]>::try_from(b) else {
        return false;
    };
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
    let (Some(day), Some(century), Some(years), Some(hour), Some(minute), Some(second)) =
        (two(5), two(12), two(14), two(17), two(20), two(23))
    else {
        return false;
    };
    let (Some(_), Some(offset_minutes)) = (two(27), two(29)) else {
        return false;
    };
    let weekday = WEEKDAYS.iter().position(|w| w[..] == b[0..3]);
    let month = MONTHS.iter().position(|m| m[..] == b[8..11]);
    let (Some(weekday), Some(month)) = (weekday, month) else {
        return false;
    };
    punctuated
        && hour <= 23
        && minute <= 59
        && second <= 60
        && offset_minutes <= 59
        && i32::try_from(century * 100 + years)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()? + 1, day))
            .is_some_and(|date| date.weekday().num_days_from_monday() as usize == weekday)
}

fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    (s.len() >= min && s.len() <= max && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Checks an Atom date: RFC 3339 `date-time`, seconds required, `T` and
/// `Z` in either case; fractional seconds warn.
pub fn rfc3339(value: &str) -> Vec<Finding> {
    if plainly_valid_rfc3339(value.as_bytes()) {
        return Vec::new();
    }
    full_rfc3339(value)
}

/// Whether an Atom date is in the usual form (`2023-08-08T22:37:00+04:00`
/// or `...Z`: no fraction, an offset of at most 23:59) and valid in every
/// part, from year 1: then [`rfc3339`] has nothing to say, and is spared
/// a parse by chrono (each entry of a feed has two dates).
fn plainly_valid_rfc3339(b: &[u8]) -> bool {
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let zone = match b.len() {
        20 => matches!(b[19], b'Z' | b'z'),
        25 => {
            matches!(b[19], b'+' | b'-')
                && b[22] == b':'
                && digits(20..22).is_some_and(|h| h <= 23)
                && digits(23..25).is_some_and(|m| m <= 59)
        }
        _ => return false,
    };
    let shape = b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't')
        && b[13] == b':'
        && b[16] == b':';
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) = (digits(11..13), digits(14..16), digits(17..19))
    else {
        return false;
    };
    zone && shape
        && year >= 1
        && hour <= 23
        && minute <= 59
        && second <= 59
        && i32::try_from(year)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
            .is_some()
}

/// [`rfc3339`], the long way, for any value.
fn full_rfc3339(value: &str) -> Vec<Finding> {
    let invalid = |why: &str| {
        vec![(
            Class::InvalidRFC3339Date,
            format!(
                "`{value}` is not an RFC 3339 date-time ({why}); expected something like `2023-08-08T22:37:00+04:00`"
            ),
        )]
    };
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let shape = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !shape {
        return invalid("expected `YYYY-MM-DDThh:mm:ss` then a zone");
    }
    let mut rest = &value[19..];
    let mut findings = Vec::new();
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.chars().take_while(char::is_ascii_digit).count();
        if len == 0 {
            return invalid("a `.` must be followed by digits");
        }
        findings.push((
            Class::FractionalSeconds,
            format!("`{value}` has fractional seconds; write whole seconds"),
        ));
        rest = &fraction[len..];
    }
    // Bytes, not string slices: the zone is the writer's text and may hold
    // multi-byte characters (`+1é12` is six bytes too).
    let zone_ok = matches!(rest, "Z" | "z")
        || matches!(rest.as_bytes(), [b'+' | b'-', h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()));
    if !zone_ok {
        return invalid("the zone must be `Z` or an offset such as `+04:00`");
    }
    if chrono::DateTime::parse_from_rfc3339(value).is_err() {
        return invalid("the date or time does not exist");
    }
    findings
}

/// Whether a value has a URI scheme (`http:`, `tag:`, `urn:` ...).
pub fn has_scheme(value: &str) -> bool {
    // One pass up to the first `:`: a letter, then letters, digits, `+`,
    // `-` and `.`.
    let bytes = value.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    for &b in &bytes[1..] {
        match b {
            b':' => return true,
            b'+' | b'-' | b'.' => {}
            _ if b.is_ascii_alphanumeric() => {}
            _ => return false,
        }
    }
    false
}

/// ASCII a URI cannot hold, besides spaces and controls.
const EXCLUDED: &[u8] = b"<>\"{}|\\^`";

/// Whether each byte is printable ASCII that a URI can hold: a table, as
/// every link of a feed is looked at byte by byte.
const URI_PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b < 0x7f {
        table[b] = true;
        b += 1;
    }
    let mut i = 0;
    while i < EXCLUDED.len() {
        table[EXCLUDED[i] as usize] = false;
        i += 1;
    }
    table
};

/// Checks a URI (an IRI: non-ASCII letters are fine) that must end up
/// absolute; `base` is the `xml:base` in force.
pub fn absolute_uri(value: &str, base: Option<&Url>, what: &str) -> Vec<Finding> {
    if value.is_empty() {
        return vec![(Class::InvalidURI, format!("the {what} is empty"))];
    }
    // Printable ASCII a URI can hold needs no closer look (nearly every
    // URI).
    let plain = value.bytes().all(|b| URI_PLAIN[usize::from(b)]);
    if !plain
        && let Some(bad) = value.chars().find(|&c| {
            c.is_whitespace()
                || c.is_control()
                || u8::try_from(c).is_ok_and(|b| EXCLUDED.contains(&b))
        })
    {
        return vec![(
            Class::InvalidURI,
            format!(
                "the {what} `{value}` holds `{}`, which a URI cannot",
                bad.escape_default()
            ),
        )];
    }
    if has_scheme(value) {
        let web = value.starts_with("http:") || value.starts_with("https:");
        if web && !plainly_valid_web_url(value) && Url::parse(value).is_err() {
            return vec![(
                Class::InvalidURI,
                format!("the {what} `{value}` is not a valid URL"),
            )];
        }
        return Vec::new();
    }
    match base {
        Some(base) if base.join(value).is_ok() => Vec::new(),
        _ => vec![(
            Class::RelativeURI,
            format!(
                "the {what} `{value}` is relative; write an absolute URI such as `https://example.com/...`"
            ),
        )],
    }
}

/// Whether an `http` or `https` URL is certainly one `Url::parse` accepts,
/// at a glance: a host name of ASCII letters, digits, dots and hyphens
/// (no empty, over-long, hyphen-edged or punycode label, not ending in a
/// number, which would make it an IPv4 address) and a port in range.
/// Past the authority nothing makes the parser fail: it percent-encodes.
/// Anything else is left to the parser (each link of a 100,000-item feed
/// comes here, and the parser is a tenth of validating one).
fn plainly_valid_web_url(value: &str) -> bool {
    let Some(rest) = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if let Some(port) = port
        && !((1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| p <= 65_535))
    {
        return false;
    }
    let plain_label = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
    };
    host.len() <= 253
        && host.split('.').all(plain_label)
        && host
            .rsplit('.')
            .next()
            .is_some_and(|last| last.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Whether a value is an email address (the validator's own rule).
pub use super::email::is_email;

/// Whether a value is an RSS contact: one RFC 822 address, as the W3C
/// validator reads it: `email`, `email (Name)` (the RSS 2.0 form) or
/// `Name <email>`.
pub fn is_rss_contact(value: &str) -> bool {
    let value = value.trim();
    if let Some(inner) = value.strip_suffix('>')
        && let Some((name, email)) = inner.split_once('<')
    {
        return !name.contains(['<', '>', '@']) && is_email(email.trim());
    }
    match value.split_once('(') {
        Some((email, comment)) => {
            comment.ends_with(')') && !comment.contains('(') && is_email(email.trim())
        }
        None => is_email(value),
    }
}

/// A loose BCP 47 check: 2-3 letters, then dash-separated parts of 1-8
/// letters or digits.
pub fn is_language(value: &str) -> bool {
    let mut parts = value.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Whether a value is a MIME type: `type/subtype`, optional parameters.
pub fn is_mime_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let token = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c))
    };
    matches!(essence.split_once('/'), Some((t, s)) if token(t) && token(s))
}

/// Whether a value is a non-negative whole number.
pub fn is_integer(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests;
