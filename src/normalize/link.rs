//! Slugs, entry links and stable ids.
//!
//! # Ids
//!
//! Every id is an RFC 4151 tag URI built from the site's host, a date the
//! site owner chose once (`tag_date`), the base URL's path and the slug:
//!
//! ```text
//! tag:news.example.com,2023:/us-iraq-talks        an entry
//! tag:news.example.com,2023:/                      the feed
//! ```
//!
//! Nothing in an id comes from a timestamp or a file time, so editing an
//! article (or touching its file) never changes its id. Since a slug never
//! contains `/` and is never empty, no entry id equals the feed id. An
//! article can set its own id in front matter; it must be an absolute URI.

use chrono::{DateTime, Datelike, FixedOffset};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;
use url::Url;

use crate::text::uri;

/// Characters escaped in an id's path part: everything outside RFC 3986's
/// unreserved set and `/`.
const ID_ESCAPE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Makes a slug: Unicode NFC, lower case, letters, digits, `_` and `-`,
/// every other run of characters one `-`, no `-` at either end.
pub fn slugify(text: &str) -> String {
    if text.is_ascii() {
        slugify_ascii(text)
    } else {
        slugify_unicode(text)
    }
}

fn slugify_unicode(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    slug
}

/// [`slugify`] for ASCII text, which is already NFC and whose letters
/// lower-case to ASCII letters.
fn slugify_ascii(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(char::from(b.to_ascii_lowercase()));
        } else {
            dash = true;
        }
    }
    slug
}

/// How ids are made: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagScheme {
    prefix: String,
}

impl TagScheme {
    /// The tag date used when none is configured.
    pub const DEFAULT_DATE: &'static str = "2000";

    /// A scheme for a site; `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn new(base_url: &Url, date: &str) -> Result<Self, String> {
        let valid_date = match date.len() {
            4 => chrono::NaiveDate::parse_from_str(&format!("{date}-01-01"), "%Y-%m-%d").is_ok(),
            7 => chrono::NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d").is_ok(),
            10 => chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            _ => false,
        };
        if !valid_date {
            return Err(format!(
                "`tag_date` `{date}` is not a date; expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"
            ));
        }
        let host = base_url.host_str().unwrap_or_default().to_ascii_lowercase();
        Ok(Self {
            prefix: format!("tag:{host},{date}:{}", base_url.path()),
        })
    }

    /// The feed's id.
    pub fn feed_id(&self) -> &str {
        &self.prefix
    }

    /// An entry's id from its slug.
    pub fn entry_id(&self, slug: &str) -> String {
        // Built by hand, not with `format!`: every article of the archive
        // needs its id to be ranked.
        let mut id = String::with_capacity(self.prefix.len() + slug.len());
        id.push_str(&self.prefix);
        id.extend(utf8_percent_encode(slug, ID_ESCAPE));
        id
    }
}

/// How an entry's link is made: a pattern with `{slug}`, `{year}`,
/// `{month}` and `{day}` (of the published date), resolved against the
/// base URL.
#[derive(Debug, Clone)]
pub struct LinkPattern {
    pattern: String,
    base: Url,
    /// The pattern already resolved against the base, in pieces, when the
    /// placeholders stand after the host: a link is then the pieces put
    /// together, with no resolving per entry.
    template: Option<Vec<Piece>>,
}

/// A part of a resolved link pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slug,
    Year,
    Month,
    Day,
}

/// Stand-ins for the placeholders while the pattern is resolved: letters
/// and digits, which resolving keeps as they are.
const MARKERS: &[(&str, &str, Piece)] = &[
    ("{slug}", "feedpubslotslug", Piece::Slug),
    ("{year}", "feedpubslotyear", Piece::Year),
    ("{month}", "feedpubslotmonth", Piece::Month),
    ("{day}", "feedpubslotday", Piece::Day),
];

/// Resolves `pattern` against `base` once, with stand-ins for the
/// placeholders, and cuts the result at them. `None` when that could
/// differ from resolving each link: a placeholder in the scheme or host,
/// or a pattern that holds the stand-in text itself.
fn template(pattern: &str, base: &Url) -> Option<Vec<Piece>> {
    if pattern.contains("feedpubslot") {
        return None;
    }
    let mut marked = pattern.to_owned();
    for (placeholder, marker, _) in MARKERS {
        marked = marked.replace(placeholder, marker);
    }
    let resolved = base.join(&marked).ok()?;
    let text = resolved.as_str();
    let path_start = text.len() - text[resolved[..url::Position::BeforePath].len()..].len();
    let mut pieces = Vec::new();
    let mut rest = text;
    let mut at = 0;
    while let Some(found) = rest.find("feedpubslot") {
        if at + found < path_start {
            return None;
        }
        let (_, marker, piece) = MARKERS
            .iter()
            .find(|(_, marker, _)| rest[found..].starts_with(marker))?;
        pieces.push(Piece::Text(rest[..found].to_owned()));
        pieces.push(piece.clone());
        at += found + marker.len();
        rest = &rest[found + marker.len()..];
    }
    pieces.push(Piece::Text(rest.to_owned()));
    Some(pieces)
}

const PLACEHOLDERS: &[&str] = &["slug", "year", "month", "day"];

impl LinkPattern {
    /// Checks a pattern: it must name `{slug}` and no unknown placeholder,
    /// and resolve to an http(s) URL.
    pub fn new(pattern: &str, base: &Url) -> Result<Self, String> {
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(format!("`link_pattern` `{pattern}` has an unclosed `{{`"));
            };
            let name = &rest[open + 1..open + close];
            if !PLACEHOLDERS.contains(&name) {
                return Err(format!(
                    "`link_pattern` has an unknown placeholder `{{{name}}}`; expected `{{slug}}`, `{{year}}`, `{{month}}` or `{{day}}`"
                ));
            }
            rest = &rest[open + close + 1..];
        }
        if !pattern.contains("{slug}") {
            return Err(format!(
                "`link_pattern` `{pattern}` has no `{{slug}}`; every entry needs its own link"
            ));
        }
        let this = Self {
            pattern: pattern.to_owned(),
            base: base.clone(),
            template: template(pattern, base),
        };
        let sample = this.base.join(&pattern.replace(['{', '}'], ""));
        match sample {
            Ok(u) if uri::is_web_url(&u) => Ok(this),
            _ => Err(format!(
                "`link_pattern` `{pattern}` does not give an http(s) URL"
            )),
        }
    }

    /// The link of an entry.
    pub fn link(&self, slug: &str, published: &DateTime<FixedOffset>) -> String {
        let Some(template) = &self.template else {
            return self.resolve(slug, published).into();
        };
        let mut link = String::with_capacity(64 + slug.len());
        for piece in template {
            match piece {
                Piece::Text(text) => link.push_str(text),
                Piece::Slug => link.push_str(slug),
                Piece::Year => push_number(&mut link, published.year(), 4),
                Piece::Month => push_number(&mut link, published.month() as i32, 2),
                Piece::Day => push_number(&mut link, published.day() as i32, 2),
            }
        }
        // The template is a resolved URL cut after its host, so the text
        // with ASCII letters, digits, `_` and `-` (and numbers) put in is
        // already a URL as the parser would write it (nothing to encode,
        // no dot segment made). Other slugs are percent-encoded by parsing
        // the text, as resolving would. (Parsing every link was a tenth of
        // normalising an article.)
        if slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return link;
        }
        Url::parse(&link).map_or_else(|_| self.resolve(slug, published).into(), String::from)
    }

    /// The link of an entry, by resolving the filled-in pattern.
    fn resolve(&self, slug: &str, published: &DateTime<FixedOffset>) -> Url {
        let path = self
            .pattern
            .replace("{slug}", slug)
            .replace("{year}", &format!("{:04}", published.year()))
            .replace("{month}", &format!("{:02}", published.month()))
            .replace("{day}", &format!("{:02}", published.day()));
        // The pattern was checked to resolve, and a slug holds only letters,
        // digits, `_` and `-`, which cannot make a URL invalid.
        self.base.join(&path).unwrap_or_else(|_| self.base.clone())
    }
}

/// Writes `n` with at least `width` digits.
fn push_number(out: &mut String, n: i32, width: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n:0width$}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases: &[(&str, &str)] = &[
            // A file stem stays as it is when already clean.
            ("us-iraq-talks", "us-iraq-talks"),
            // Case folds, blanks become dashes.
            ("US Iraq Talks", "us-iraq-talks"),
            // Underscores are kept.
            ("000_cc98e108", "000_cc98e108"),
            // Path tricks cannot survive.
            ("../../etc/passwd", "etc-passwd"),
            // Runs of punctuation are one dash; ends trimmed.
            ("--Hello,   World!--", "hello-world"),
            // Letters of other scripts stay.
            (
                "\u{645}\u{631}\u{62d}\u{628}\u{627} 2023",
                "\u{645}\u{631}\u{62d}\u{628}\u{627}-2023",
            ),
            // Accents are composed first.
            ("Cafe\u{301}", "caf\u{e9}"),
            // Nothing usable gives an empty slug.
            ("!!!", ""),
        ];
        for b in 0u8..0x80 {
            let c = char::from(b);
            let text = format!("{c}Ab{c}{c}9_{c}");
            assert_eq!(slugify_ascii(&text), slugify_unicode(&text), "{text:?}");
        }
        for (text, want) in cases {
            assert_eq!(slugify(text), *want, "{text:?}");
        }
    }

    #[test]
    fn ids() {
        let base = Url::parse("https://News.Example.com/blog/").expect("valid");
        let scheme = TagScheme::new(&base, "2023").expect("valid");
        assert_eq!(scheme.feed_id(), "tag:news.example.com,2023:/blog/");
        assert_eq!(
            scheme.entry_id("us-iraq"),
            "tag:news.example.com,2023:/blog/us-iraq"
        );
        assert_eq!(
            scheme.entry_id("caf\u{e9}"),
            "tag:news.example.com,2023:/blog/caf%C3%A9"
        );
        // Dates must be real and in one of the three forms.
        assert!(TagScheme::new(&base, "2023-02-30").is_err());
        assert!(TagScheme::new(&base, "23").is_err());
        assert!(TagScheme::new(&base, "2023-08").is_ok());
    }

    #[test]
    fn links() {
        let base = Url::parse("https://example.com/news/").expect("valid");
        let published = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
        let plain = LinkPattern::new("{slug}/", &base).expect("valid");
        assert_eq!(
            plain.link("a-b", &published).as_str(),
            "https://example.com/news/a-b/"
        );
        let dated = LinkPattern::new("{year}/{month}/{day}/{slug}.html", &base).expect("valid");
        assert_eq!(
            dated.link("a", &published).as_str(),
            "https://example.com/news/2023/08/08/a.html"
        );
        // Non-ASCII slugs are percent-encoded by the URL.
        assert_eq!(
            plain.link("caf\u{e9}", &published).as_str(),
            "https://example.com/news/caf%C3%A9/"
        );
        // Built from the resolved template or by resolving each link, a
        // link is the same, wherever the placeholders stand.
        for pattern in [
            "{slug}/",
            "/{year}/{month}/{day}/{slug}.html",
            "https://other.example.org/a/{slug}?y={year}#{day}",
            "{slug}?from=feed&m={month}",
            "../{slug}",
            "{year}-{slug}-{year}",
            "https://{slug}.example.com/",
            "feedpubslotslug/{slug}",
        ] {
            let pattern = LinkPattern::new(pattern, &base).expect("valid");
            for slug in [
                "a",
                "a-b_c",
                "ABC-9_z",
                "0",
                "-",
                "_",
                "caf\u{e9}",
                "\u{645}\u{631}\u{62d}\u{628}\u{627}",
                "x1",
            ] {
                let link = pattern.link(slug, &published);
                assert_eq!(
                    link,
                    pattern.resolve(slug, &published).as_str(),
                    "{pattern:?} {slug}"
                );
                // What the parser makes of it is the same text.
                assert_eq!(
                    Url::parse(&link).expect("a URL").as_str(),
                    link,
                    "{pattern:?} {slug}"
                );
            }
        }
        // Patterns are checked.
        assert!(LinkPattern::new("{year}/", &base).is_err());
        assert!(LinkPattern::new("{slug}/{hour}", &base).is_err());
        assert!(LinkPattern::new("{slug", &base).is_err());
    }
}
