//! The Dublin Core Metadata Element Set 1.1
//! (`http://purl.org/dc/elements/1.1/`): its fifteen elements, anywhere a
//! feed or an entry is described, each as often as needed. `dc:date` is a
//! W3C date-time (W3CDTF, the profile of ISO 8601 the DCMI recommends),
//! `dc:language` a language tag, and the names and titles are plain text.

use super::super::html;
use super::super::values;
use super::super::xml::Node;
use super::{Level, Place, Term, no_children, term};
use crate::validate::{Class, Messages};

/// The Dublin Core elements namespace.
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// The fifteen elements; any may stand anywhere and repeat.
pub const TERMS: &[Term] = &[
    term("contributor", Place::Both, true),
    term("coverage", Place::Both, true),
    term("creator", Place::Both, true),
    term("date", Place::Both, true),
    term("description", Place::Both, true),
    term("format", Place::Both, true),
    term("identifier", Place::Both, true),
    term("language", Place::Both, true),
    term("publisher", Place::Both, true),
    term("relation", Place::Both, true),
    term("rights", Place::Both, true),
    term("source", Place::Both, true),
    term("subject", Place::Both, true),
    term("title", Place::Both, true),
    term("type", Place::Both, true),
];

/// Checks one Dublin Core element's value.
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    let value = node.value();
    match node.name.as_ref() {
        "date" if !is_w3cdtf(value) => messages.push(
            Class::InvalidW3CDTFDate,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected a W3C date-time such as `2023-08-08T22:37:00+04:00` or a date such as `2023-08-08`",
                node.qname
            ),
        ),
        "language" if !values::is_language(value) => messages.push(
            Class::InvalidLanguage,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected a language tag such as `en` or `en-GB`",
                node.qname
            ),
        ),
        "creator" | "contributor" | "publisher" | "title" => {
            html::check_plain_text(node, messages);
        }
        _ => {}
    }
}

/// Whether a value is a W3CDTF date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or
/// a date with a time `Thh:mm`, `Thh:mm:ss` or `Thh:mm:ss.s...` and a zone
/// `Z` or `+hh:mm` / `-hh:mm`; every part must exist on the calendar.
pub fn is_w3cdtf(value: &str) -> bool {
    let b = value.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    let Some(year) = num(0, 4) else {
        return false;
    };
    match b.len() {
        4 => return true,
        7 => return sep(4, b'-') && num(5, 2).is_some_and(|m| (1..=12).contains(&m)),
        _ => {}
    }
    let date_ok = sep(4, b'-')
        && sep(7, b'-')
        && match (num(5, 2), num(8, 2)) {
            (Some(m), Some(d)) => i32::try_from(year)
                .ok()
                .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d))
                .is_some(),
            _ => false,
        };
    if !date_ok {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    let time_ok = sep(10, b'T')
        && sep(13, b':')
        && num(11, 2).is_some_and(|h| h < 24)
        && num(14, 2).is_some_and(|m| m < 60);
    if !time_ok {
        return false;
    }
    let mut at = 16;
    if sep(at, b':') {
        if num(at + 1, 2).is_none_or(|s| s >= 60) {
            return false;
        }
        at += 3;
        if sep(at, b'.') {
            let digits = b
                .get(at + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            if digits == 0 {
                return false;
            }
            at += 1 + digits;
        }
    }
    match b.get(at..) {
        Some(b"Z") => true,
        Some([b'+' | b'-', h1, h2, b':', m1, m2]) => {
            [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit())
                && (*h1 - b'0') * 10 + (*h2 - b'0') < 24
                && (*m1 - b'0') * 10 + (*m2 - b'0') < 60
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3cdtf() {
        let cases: &[(&str, bool)] = &[
            ("2023", true),                             // a year
            ("2023-08", true),                          // a month
            ("2023-08-08", true),                       // a day
            ("2023-08-08T22:37+04:00", true),           // minutes and a zone
            ("2023-08-08T22:37:00Z", true),             // seconds, UTC
            ("2023-08-08T22:37:00.25-05:30", true),     // a fraction of a second
            ("2023-02-30", false),                      // no such day
            ("2023-13", false),                         // no such month
            ("2023-08-08T22:37:00", false),             // a time needs a zone
            ("2023-08-08 22:37:00Z", false),            // a space for the T
            ("2023-08-08T24:00:00Z", false),            // no hour 24
            ("2023-08-08T22:37:00.Z", false),           // a point with no digits
            ("Tue, 08 Aug 2023 22:37:00 +0400", false), // RFC 822 is not W3CDTF
            ("2023-08-08T22:37:00+0400", false),        // the offset needs its colon
            ("", false),                                // empty
            ("２０２３", false),                        // full-width digits
        ];
        for (value, want) in cases {
            assert_eq!(is_w3cdtf(value), *want, "{value}");
        }
    }
}
