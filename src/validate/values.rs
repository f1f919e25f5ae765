//! Checks of single values: dates, URIs, email addresses, language tags,
//! MIME types and numbers. Each returns what is wrong, or `Ok`.

use chrono::NaiveDate;
use url::Url;

use super::Class;
use crate::text::date;

mod comments;
mod iso639;
mod rfc822;

use rfc822::full_rfc822;
#[cfg(test)]
use rfc822::plainly_valid_rfc822;
pub use rfc822::rfc822;

/// What a value check found: a class and a message.
pub type Finding = (Class, String);

/// Checks an Atom date: RFC 3339 `date-time`, seconds required, `T` and
/// `Z` in either case; fractional seconds warn.
pub fn rfc3339(value: &str) -> Vec<Finding> {
    if plainly_valid_rfc3339(value.as_bytes()) {
        return Vec::new();
    }
    full_rfc3339(value)
}

/// Checks a feed's date in RFC 3339 (Atom, JSON Feed): [`rfc3339`], and
/// [`implausible`] when it is a date at all.
pub fn feed_rfc3339(value: &str) -> Vec<Finding> {
    if let Some(seconds) = plain_rfc3339(value.as_bytes()) {
        return implausible(value, seconds).into_iter().collect();
    }
    let mut findings = full_rfc3339(value);
    if let Ok(instant) = chrono::DateTime::parse_from_rfc3339(value) {
        findings.extend(implausible(value, instant.timestamp()));
    }
    findings
}

/// Checks an RSS date: [`rfc822`], and [`implausible`] when chrono reads
/// it as a date at all (obsolete forms it does not read are only checked
/// for their form).
pub fn feed_rfc822(value: &str) -> Vec<Finding> {
    if let Some(seconds) = rfc822::plain_rfc822(value.as_bytes()) {
        return implausible(value, seconds).into_iter().collect();
    }
    let mut findings = full_rfc822(value);
    if let Ok(instant) = chrono::DateTime::parse_from_rfc2822(value) {
        findings.extend(implausible(value, instant.timestamp()));
    }
    findings
}

/// `ImplausibleDate`, as the W3C validator gives it, when `seconds` (since
/// 1970 UTC, the instant of the date `value`) is before 1970 or more than
/// a day after now (see [`date::implausible`]).
pub fn implausible(value: &str, seconds: i64) -> Option<Finding> {
    let message = match date::implausible(seconds)? {
        date::Implausible::BeforeEpoch => {
            format!("`{value}` is before 1970; readers may drop it or show it as undated")
        }
        date::Implausible::Ahead => format!(
            "`{value}` is more than a day after now; readers sort it above every newer item (is the year right?)"
        ),
    };
    Some((Class::ImplausibleDate, message))
}

/// Whether an Atom date is in the usual form (`2023-08-08T22:37:00+04:00`
/// or `...Z`: no fraction, an offset of at most 23:59) and valid in every
/// part, from year 1: then [`rfc3339`] has nothing to say, and is spared
/// a parse by chrono (each entry of a feed has two dates).
fn plainly_valid_rfc3339(b: &[u8]) -> bool {
    plain_rfc3339(b).is_some()
}

/// The instant (seconds since 1970 UTC) of an Atom date in the usual form
/// (see [`plainly_valid_rfc3339`]); none for any other.
fn plain_rfc3339(b: &[u8]) -> Option<i64> {
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let east = match b.len() {
        20 if matches!(b[19], b'Z' | b'z') => 0,
        25 if matches!(b[19], b'+' | b'-') && b[22] == b':' => {
            let hours = digits(20..22).filter(|h| *h <= 23)?;
            let minutes = digits(23..25).filter(|m| *m <= 59)?;
            let east = i64::from(hours * 3600 + minutes * 60);
            if b[19] == b'-' { -east } else { east }
        }
        _ => return None,
    };
    let shape = b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't')
        && b[13] == b':'
        && b[16] == b':';
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(shape && year >= 1 && hour <= 23 && minute <= 59 && second <= 59) {
        return None;
    }
    let local = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
        .and_hms_opt(hour, minute, second)?;
    Some(local.and_utc().timestamp() - east)
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

/// Whether each byte is printable ASCII that a URI can hold, other than
/// `%`, which starts an escape to look at: a table, as every link of a
/// feed is looked at byte by byte.
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
    table[b'%' as usize] = false;
    table
};

/// The first malformed percent escape in a value (`%` not followed by two
/// hexadecimal digits, RFC 3986 section 2.1), as written: `%zz`, `%4`.
fn bad_escape(value: &str) -> Option<String> {
    value.split('%').skip(1).find_map(|after| {
        let hex = after
            .as_bytes()
            .get(..2)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        (!hex).then(|| format!("%{}", after.chars().take(2).collect::<String>()))
    })
}

/// Checks a URL as RSS 2.0 asks for one (a URI, ASCII only: a non-ASCII
/// letter must be percent-encoded, where Atom's IRIs may hold it) that
/// must end up absolute.
pub fn absolute_url(value: &str, base: Option<&Url>, what: impl std::fmt::Display) -> Vec<Finding> {
    if !value.is_ascii()
        && let Some(c) = value.chars().find(|c| !c.is_ascii())
    {
        let mut utf8 = [0; 4];
        let escaped: String = c
            .encode_utf8(&mut utf8)
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect();
        return vec![(
            Class::InvalidURI,
            format!(
                "the {what} `{value}` holds `{c}`, which a URL cannot; percent-encode it as `{escaped}` (RSS asks for URLs, not IRIs)"
            ),
        )];
    }
    absolute_uri(value, base, what)
}

/// Checks a URI (an IRI: non-ASCII letters are fine) that must end up
/// absolute; `base` is the `xml:base` in force. Blanks, controls, the
/// ASCII a URI cannot hold (`<`, `>`, `"`, `{`, `}`, `|`, `\`, `^`,
/// `` ` ``) and malformed percent escapes are `InvalidURI`. `what` names
/// the value in a finding, and is written out only for one.
/// The syntax of the URI schemes ids are written in beside URLs: a `tag:`
/// URI (RFC 4151) names an authority and a date, and a `urn:uuid:` URN
/// (RFC 9562) holds a UUID.
fn scheme_syntax(value: &str, what: &impl std::fmt::Display) -> Option<Finding> {
    use crate::text::uri::{IdSyntaxFault, id_syntax_fault};
    Some(match id_syntax_fault(value)? {
        IdSyntaxFault::Tag => (
            Class::InvalidTAG,
            format!(
                "the {what} `{value}` is not a tag URI; expected `tag:AUTHORITY,DATE:SPECIFIC`, such as `tag:example.com,2023:story-1` (RFC 4151)"
            ),
        ),
        IdSyntaxFault::Uuid => (
            Class::InvalidUUID,
            format!(
                "the {what} `{value}` does not hold a UUID; expected `urn:uuid:` and 32 hexadecimal digits in groups of 8-4-4-4-12"
            ),
        ),
    })
}

pub fn absolute_uri(value: &str, base: Option<&Url>, what: impl std::fmt::Display) -> Vec<Finding> {
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
    if !plain && let Some(escape) = bad_escape(value) {
        return vec![(
            Class::InvalidURI,
            format!(
                "the {what} `{value}` holds `{escape}`, which is not a percent escape; expected `%` and two hexadecimal digits, or `%25` for a `%` itself"
            ),
        )];
    }
    if has_scheme(value) {
        if let Some(finding) = scheme_syntax(value, &what) {
            return vec![finding];
        }
        let web = value.starts_with("http:") || value.starts_with("https:");
        // `http:/example.com/a`: a URL parser mends it, a reader may not.
        let after_scheme = &value[value.find(':').map_or(0, |c| c + 1)..];
        if web && !after_scheme.starts_with("//") {
            return vec![(
                Class::InvalidURI,
                format!(
                    "the {what} `{value}` lacks the `//` after its scheme; expected `https://host/...`"
                ),
            )];
        }
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
        Some((email, rest)) => is_comment_rest(rest) && is_email(email.trim()),
        None => is_email(value),
    }
}

/// Whether `rest`, what follows a `(`, closes that RFC 822 comment at its
/// very end and holds something: parentheses inside nest in pairs
/// (`(Lena Park (Reuters))`), and a backslash quotes the character after
/// it (`(Karim\(Mansour)`), as RFC 822 section 3.3 (`comment`, `ctext`,
/// `quoted-pair`) reads it.
fn is_comment_rest(rest: &str) -> bool {
    let mut depth = 1usize;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            // The guard takes the quoted character; a backslash at the
            // end quotes nothing.
            '\\' if chars.next().is_none() => return false,
            '\\' => {}
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    // The comment must end the value, and not be empty.
                    return i + 1 == rest.len() && i > 0;
                }
            }
            '\r' | '\n' => return false,
            _ => {}
        }
    }
    false
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

/// Whether a value is an RSS `language`: a language tag ([`is_language`])
/// whose first subtag, when it has two letters, is an ISO 639-1 code, as
/// the RSS specification and the W3C validator ask (`en-us`, `fr`; not
/// `gb` or `xx`). Three-letter codes are taken as written.
pub fn is_rss_language(value: &str) -> bool {
    is_language(value)
        && value
            .split('-')
            .next()
            .is_some_and(|first| first.len() != 2 || iso639::is_iso639_1(first))
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

/// Whether a value is a whole number from 1 (digits, not all zeros).
pub fn is_positive_integer(value: &str) -> bool {
    is_integer(value) && value.bytes().any(|b| b != b'0')
}

#[cfg(test)]
mod tests;
