//! The values of the Media RSS elements beside `media:content`
//! (<https://www.rssboard.org/media-rss>): `media:hash` is the hex digest
//! its `algo` names, `media:restriction` says `allow` or `deny` to a list
//! of its `type`, and a `media:thumbnail` `time` is a Normal Play Time
//! (RFC 2326, section 3.6). `media:player` has the `url` and sizes of
//! `media:content`, checked with it.

use super::values;
use super::xml::Node;
use super::{Class, Messages};

/// Checks a `media:hash`: `md5` (the default, 32 hexadecimal digits) or
/// `sha-1` (40).
pub fn hash(node: &Node, messages: &mut Messages) {
    let algo = node.attr("algo").unwrap_or("md5");
    let digits = match algo {
        "md5" => 32,
        "sha-1" => 40,
        _ => {
            messages.push(
                Class::InvalidMediaHash,
                node.pos,
                format!(
                    "`<{} algo=\"{algo}\">`; expected `md5` (the default) or `sha-1`",
                    node.qname
                ),
            );
            return;
        }
    };
    let value = node.value();
    if value.len() != digits || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        messages.push(
            Class::InvalidMediaHash,
            node.pos,
            format!(
                "`<{}>` is `{value}`; an {algo} digest is {digits} hexadecimal digits",
                node.qname
            ),
        );
    }
}

/// Checks a `media:restriction`: its `relationship` (`allow`, `deny`;
/// `disallow`, an older spelling of `deny`, is read as it), its `type`
/// (`country`, `uri`, `sharing`) and its list: two-letter country codes,
/// URIs, or without a `type` only `all` or `none`.
pub fn restriction(node: &Node, messages: &mut Messages) {
    match node.attr("relationship") {
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            format!(
                "`<{}>` has no `relationship`; expected `allow` or `deny`",
                node.qname
            ),
        ),
        Some("allow" | "deny" | "disallow") => {}
        Some(other) => messages.push(
            Class::InvalidMediaRestrictionRel,
            node.pos,
            format!(
                "`<{} relationship=\"{other}\">`; expected `allow` or `deny`",
                node.qname
            ),
        ),
    }
    let value = node.value();
    let kind = node.attr("type");
    if let Some(other) = kind.filter(|k| !matches!(*k, "country" | "uri" | "sharing")) {
        messages.push(
            Class::InvalidMediaRestrictionType,
            node.pos,
            format!(
                "`<{} type=\"{other}\">`; expected `country`, `uri` or `sharing`",
                node.qname
            ),
        );
        return;
    }
    if matches!(value, "" | "all" | "none") {
        return;
    }
    let bad = match kind {
        Some("country") => value
            .split_ascii_whitespace()
            .find(|code| code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic())),
        Some("uri") => value
            .split_ascii_whitespace()
            .find(|uri| !values::absolute_uri(uri, node.base.as_deref(), "uri").is_empty()),
        Some(_) => None,
        None => Some(value),
    };
    if let Some(bad) = bad {
        let expected = match kind {
            Some("country") => "two-letter country codes (ISO 3166) separated by spaces",
            Some(_) => "absolute URIs separated by spaces",
            None => "`all` or `none`, or a `type` saying what the list holds",
        };
        messages.push(
            Class::InvalidMediaRestriction,
            node.pos,
            format!("`<{}>` lists `{bad}`; expected {expected}", node.qname),
        );
    }
}

/// Checks the `time` of a `media:thumbnail`.
pub fn thumbnail_time(node: &Node, messages: &mut Messages) {
    if let Some(time) = node.attr("time")
        && !is_npt(time)
    {
        messages.push(
            Class::InvalidNPTTime,
            node.pos,
            format!(
                "`<{} time=\"{time}\">`; expected a Normal Play Time such as `12.5`, `0:01:30` or `now`",
                node.qname
            ),
        );
    }
}

/// Whether a value is an RFC 2326 Normal Play Time: `now`, seconds
/// (`1*DIGIT [ "." *DIGIT ]`), or hours, minutes and seconds
/// (`1*DIGIT ":" 1*2DIGIT ":" 1*2DIGIT [ "." *DIGIT ]`, minutes and
/// seconds below 60).
fn is_npt(value: &str) -> bool {
    if value == "now" {
        return true;
    }
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let sixty = |s: &str| digits(s) && s.len() <= 2 && s.parse::<u8>().is_ok_and(|n| n < 60);
    match whole.split(':').collect::<Vec<_>>().as_slice() {
        [seconds] => digits(seconds),
        [hours, minutes, seconds] => digits(hours) && sixty(minutes) && sixty(seconds),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npt_times() {
        let cases: &[(&str, bool)] = &[
            ("now", true),         // the live point
            ("42", true),          // seconds
            ("42.", true),         // a point with no digits after it
            ("12.25", true),       // fractional seconds
            ("0:01:30", true),     // hours, minutes, seconds
            ("100:59:59.5", true), // hours are unbounded
            ("-3", false),         // negative
            ("1:30", false),       // minutes and seconds without hours
            ("0:60:00", false),    // sixty minutes
            ("0:1:123", false),    // three digits of seconds
            ("", false),           // empty
            ("1.2.3", false),      // two points
            ("NOW", false),        // the keyword is lowercase
        ];
        for (value, want) in cases {
            assert_eq!(is_npt(value), *want, "{value}");
        }
    }
}
