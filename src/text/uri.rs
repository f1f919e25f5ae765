//! URI and address checks, defined once: what counts as an absolute URI
//! (an entry id), a web URL (the site, entry links) and an email address
//! (authors). Configuration and normalisation use them; the validator has
//! its own (`validate::email`, `validate::values`), so that a bug here
//! cannot pass its own check.

use url::Url;

/// Whether a front-matter id is an absolute URI: a scheme, a colon, and no
/// blanks or characters that need escaping.
pub fn is_absolute_uri(id: &str) -> bool {
    let Some((scheme, rest)) = id.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !id.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

/// A web URL as a URI can hold it: the characters RFC 3986 does not
/// allow but a parsed URL keeps as written (`|`, `^`, `` ` ``, `{`, `}`,
/// `"`, `<`, `>`, `\`) percent-encoded. A link in a feed must be a URI,
/// and validators (and feedpub's own) reject the rest.
pub fn as_uri(url: &Url) -> String {
    let text = url.as_str();
    if !text.bytes().any(|b| NOT_IN_URI.contains(&b)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match u8::try_from(c) {
            Ok(b) if NOT_IN_URI.contains(&b) => out.push_str(&format!("%{b:02X}")),
            _ => out.push(c),
        }
    }
    out
}

/// Printable ASCII that RFC 3986 allows nowhere in a URI.
const NOT_IN_URI: &[u8] = b"<>\"{}|\\^`";

/// Whether a value is an email address as feeds need one: `local@domain`,
/// the local part atoms of RFC 5322 `atext` (RFC 6531's non-ASCII
/// letters too) joined by single dots, which also keeps out everything
/// that would break `email (Name)`; the domain two or more labels of 1 to
/// 63 bytes of letters, digits and `-`, none starting or ending with `-`,
/// 253 bytes at most. The validator holds feeds to the same.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atext = |c: char| {
        c.is_ascii_alphanumeric()
            || "!#$%&'*+-/=?^_`{|}~".contains(c)
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace() && c != '\u{FFFD}')
    };
    let label = |l: &str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    !local.is_empty()
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext))
        && domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(label)
}

/// Whether a URL is one a feed reader can open as a page: http or https,
/// with a host.
pub fn is_web_url(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
}

/// An id scheme whose own syntax an id breaks (see [`id_syntax_fault`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSyntaxFault {
    /// A `tag:` URI without `AUTHORITY,DATE:` (RFC 4151).
    Tag,
    /// A `urn:uuid:` URN without a UUID (RFC 9562).
    Uuid,
}

/// Which scheme-specific syntax an id breaks, for the schemes ids are
/// written in beside URLs: a `tag:` URI names an authority and a date; a
/// `urn:uuid:` URN holds a UUID. Other schemes pass.
pub fn id_syntax_fault(value: &str) -> Option<IdSyntaxFault> {
    let after = |p: &str| {
        value
            .get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(|_| &value[p.len()..])
    };
    if let Some(rest) = after("tag:") {
        return (!is_tag_body(rest)).then_some(IdSyntaxFault::Tag);
    }
    if let Some(rest) = after("urn:uuid:") {
        return (!is_uuid(rest)).then_some(IdSyntaxFault::Uuid);
    }
    None
}

/// Whether `tag:` is followed by `AUTHORITY,DATE:`: a domain name or an
/// email address, then `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date.
fn is_tag_body(rest: &str) -> bool {
    let Some((entity, _specific)) = rest.split_once(':') else {
        return false;
    };
    let Some((authority, date)) = entity.rsplit_once(',') else {
        return false;
    };
    let domain = |name: &str| {
        !name.is_empty()
            && name.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
    };
    let authority_ok = match authority.rsplit_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && user
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
                && domain(host)
        }
        None => domain(authority),
    };
    let full = match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        10 => date.to_owned(),
        _ => return false,
    };
    authority_ok
        && date.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d").is_ok()
}

/// Whether the text is a UUID: 8-4-4-4-12 hexadecimal digits.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_as_uris() {
        let cases: &[(&str, &str)] = &[
            // Nothing to encode: the URL as parsed.
            (
                "https://example.com/a/b.jpg?x=1#y",
                "https://example.com/a/b.jpg?x=1#y",
            ),
            // A `|` in the path, which a parsed URL keeps.
            (
                "https://example.com/a|b.pdf",
                "https://example.com/a%7Cb.pdf",
            ),
            // `^` and a backtick in the path.
            ("https://example.com/a^b`c", "https://example.com/a%5Eb%60c"),
            // Braces and `|` in the query, which a parsed URL keeps.
            (
                "https://example.com/?q={a|b}",
                "https://example.com/?q=%7Ba%7Cb%7D",
            ),
            // Already encoded: left alone, not encoded twice.
            ("https://example.com/a%7Cb", "https://example.com/a%7Cb"),
            // An IPv6 host keeps its brackets.
            ("http://[::1]:8080/a|b", "http://[::1]:8080/a%7Cb"),
        ];
        for (input, want) in cases {
            let url = Url::parse(input).expect("test URL");
            assert_eq!(as_uri(&url), *want, "{input}");
            assert!(is_absolute_uri(want), "{want}");
        }
    }

    #[test]
    fn absolute_uris() {
        let cases: &[(&str, bool)] = &[
            // A tag URI.
            ("tag:example.com,2023:x", true),
            // A URN.
            ("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", true),
            // An http URL.
            ("https://example.com/a", true),
            // No scheme.
            ("example.com/a", false),
            // Relative path.
            ("/a/b", false),
            // Blank inside.
            ("tag:a b", false),
            // Scheme must start with a letter.
            ("1x:abc", false),
            // Nothing after the colon.
            ("urn:", false),
        ];
        for (id, want) in cases {
            assert_eq!(is_absolute_uri(id), *want, "{id:?}");
        }
    }

    #[test]
    fn emails() {
        let cases: &[(&str, bool)] = &[
            // The plain form.
            ("desk@example.com", true),
            // Dots and plus in the local part.
            ("news.desk+feeds@example.co.uk", true),
            // No at sign.
            ("desk.example.com", false),
            // Nothing before the at sign.
            ("@example.com", false),
            // A domain without a dot.
            ("desk@localhost", false),
            // Doubled or edge dots in the domain.
            ("desk@example..com", false),
            ("desk@.example.com", false),
            // A blank or a parenthesis would break `email (Name)`.
            ("news desk@example.com", false),
            ("desk(a)@example.com", false),
            // A domain label over 63 bytes (found by fuzzing).
            (&format!("desk@example.com{}", "d".repeat(61)), false),
            // A label of exactly 63 bytes is fine.
            (&format!("desk@{}.com", "d".repeat(63)), true),
            // A label starting or ending with `-`.
            ("desk@-example.com", false),
            ("desk@example-.com", false),
            // A domain over 253 bytes.
            (&format!("desk@{}com", "abcdefghi.".repeat(26)), false),
            // Edge or doubled dots in the local part.
            (".desk@example.com", false),
            ("news..desk@example.com", false),
            // A character outside `atext`: `[` and `;`.
            ("desk[1]@example.com", false),
            ("desk;x@example.com", false),
            // `atext` punctuation and a non-ASCII letter are fine.
            ("o'brien{x}|y@example.com", true),
            ("josé@example.com", true),
        ];
        for (value, want) in cases {
            assert_eq!(is_email(value), *want, "{value:?}");
        }
    }

    #[test]
    fn web_urls() {
        let cases: &[(&str, bool)] = &[
            // http and https with a host.
            ("https://example.com/", true),
            ("http://example.com/a", true),
            // Other schemes are no page to open.
            ("ftp://example.com/", false),
            ("mailto:desk@example.com", false),
            ("file:///tmp/x", false),
        ];
        for (text, want) in cases {
            let url = Url::parse(text).expect("test URL");
            assert_eq!(is_web_url(&url), *want, "{text:?}");
        }
    }

    /// Tag URIs and UUID URNs as ids hold them, and as they break.
    #[test]
    fn id_syntax() {
        let rows: &[(&str, bool)] = &[
            ("tag:news.example.com,2023:/story-1", true),
            ("tag:example.com,2023-08:x", true),
            ("tag:example.com,2024-02-29:x", true),
            ("tag:ana@example.com,2023:x", true),
            ("TAG:Example.COM,2023:x", true),
            ("tag:example.com:x", false),
            ("tag:example.com,23:x", false),
            ("tag:example.com,2023-02-30:x", false),
            ("tag:example.com,2023-13:x", false),
            ("tag:-bad.example.com,2023:x", false),
            ("tag:example..com,2023:x", false),
            ("tag:,2023:x", false),
            ("tag:example.com,2023", false),
            ("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", true),
            ("URN:UUID:6E8BC430-9C3A-11D9-9669-0800200C9A66", true),
            ("urn:uuid:1234", false),
            ("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a6g", false),
            ("urn:isbn:0451450523", true),
            ("https://example.com/a", true),
        ];
        for (id, holds) in rows {
            assert_eq!(id_syntax_fault(id).is_none(), *holds, "{id}");
        }
    }
}
