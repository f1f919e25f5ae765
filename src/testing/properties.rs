//! The invariants that the fuzz targets and the property tests check, in
//! one place: whatever the input, feedpub must not panic, and whatever it
//! accepts it must publish as valid feeds.

use std::path::Path;

use chrono_tz::Tz;

use crate::article::{self, Format};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::normalize::{self, NormalizedEntry, Outcome};
use crate::text::date::{self, DateOptions};
use crate::write::{atom as atom_writer, rss as rss_writer};
use crate::{feed, validate};

/// Feeds written from one article: RSS and Atom bytes.
pub type Written = (NormalizedEntry, Vec<u8>, Vec<u8>);

/// Reads `bytes` as an article of `format`; when it is accepted, writes
/// both feeds and checks them with the validator. `Ok(None)` when the
/// article is (rightly) rejected.
pub fn article(bytes: &[u8], format: Format, config: &Config) -> Result<Option<Written>, String> {
    let text = String::from_utf8_lossy(bytes);
    let name = match format {
        Format::News => "article.txt",
        Format::Markdown => "article.md",
    };
    let mut diagnostics = Vec::new();
    let Some(read) = article::read(
        Path::new(name),
        format,
        text.into_owned(),
        &config.news,
        true,
        &mut diagnostics,
    ) else {
        return Ok(None);
    };
    // An entry turned away (it cannot make the feed) is reported the same,
    // and ranks the same: the article read once is normalised both ways.
    let mut ranked_diagnostics = diagnostics.clone();
    let full = normalize::normalize(read.clone(), config, &mut diagnostics);
    // A cut past the end of time turns every entry away.
    let everything = crate::feed::order::Cut {
        before_second: Some(i64::MAX),
        after: None,
    };
    let ranked = normalize::normalize_within(read, config, &everything, &mut ranked_diagnostics);
    if ranked_diagnostics != diagnostics {
        return Err(format!(
            "an entry only ranked was reported differently: {ranked_diagnostics:?} vs {diagnostics:?}"
        ));
    }
    match (&full, &ranked) {
        (Outcome::Entry(e), Outcome::Ranked(r))
            if e.updated == r.updated
                && e.id == r.id
                && e.published == r.published
                && e.section == r.section
                && e.tags == r.tags
                && e.authors.iter().map(|a| &a.name).eq(r.authors.iter()) => {}
        (Outcome::Draft, Outcome::Draft) | (Outcome::Invalid, Outcome::Invalid) => {}
        _ => {
            return Err(format!(
                "an entry only ranked became {ranked:?}, in full {full:?}"
            ));
        }
    }
    let Outcome::Entry(entry) = full else {
        return Ok(None);
    };
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(format!(
            "an entry was accepted with errors: {diagnostics:?}"
        ));
    }
    let feed = feed::assemble(config, vec![(*entry).clone()]).ok_or("one entry made no feed")?;
    let rss = rss_writer::write(&feed);
    let atom = atom_writer::write(&feed);
    for xml in [&rss, &atom] {
        let errors: Vec<String> = validate::validate(
            xml,
            &validate::Options {
                url: None,
                own_output: true,
            },
        )
        .into_iter()
        .filter(|m| m.severity == Severity::Error)
        .map(|m| format!("{}:{} [{}] {}", m.line, m.column, m.class.name(), m.message))
        .collect();
        if !errors.is_empty() {
            return Err(format!(
                "an accepted article made an invalid feed: {}\n{}",
                errors.join("; "),
                String::from_utf8_lossy(xml)
            ));
        }
    }
    Ok(Some((*entry, rss, atom)))
}

/// An RSS date as the test oracles write it, on their own rather than
/// with the writer's formatter: RFC 822 as the RSS profile and RFC 2822
/// section 3.3 have it, a four-digit year and a numeric offset (`+0000`
/// for UTC), in chrono's format strings.
pub fn rss_date(instant: &chrono::DateTime<chrono::FixedOffset>) -> String {
    instant.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// Parses `text` as a timestamp in `zone`; when it is accepted, the RSS
/// form must be what the oracle writes ([`rss_date`]), and both written
/// forms must read back as the same instant.
pub fn timestamp(text: &str, zone: Tz) -> Result<(), String> {
    let options = DateOptions {
        timezone: zone,
        ..DateOptions::default()
    };
    let Ok(stamp) = date::parse(text, &options) else {
        return Ok(());
    };
    let rfc822 = date::to_rfc822(&stamp.instant);
    let rfc3339 = date::to_rfc3339(&stamp.instant);
    let expected = rss_date(&stamp.instant);
    if rfc822 != expected {
        return Err(format!(
            "{text:?} in {zone} -> {rfc822}, but RSS wants {expected}"
        ));
    }
    match chrono::DateTime::parse_from_rfc2822(&rfc822) {
        Ok(back) if back == stamp.instant => {}
        other => {
            return Err(format!(
                "{text:?} in {zone} -> {rfc822} reads back as {other:?}"
            ));
        }
    }
    match chrono::DateTime::parse_from_rfc3339(&rfc3339) {
        Ok(back) if back == stamp.instant => {}
        other => {
            return Err(format!(
                "{text:?} in {zone} -> {rfc3339} reads back as {other:?}"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracles_rss_dates() {
        let cases: &[(&str, &str)] = &[
            // UTC is `+0000`, as feedpub writes it.
            ("2023-01-02T03:04:05Z", "Mon, 02 Jan 2023 03:04:05 +0000"),
            // A positive offset, and the weekday of the local date.
            (
                "2023-08-08T22:37:00+04:00",
                "Tue, 08 Aug 2023 22:37:00 +0400",
            ),
            // A negative offset with minutes.
            (
                "2023-12-31T23:59:59-09:30",
                "Sun, 31 Dec 2023 23:59:59 -0930",
            ),
            // A year before 1000 still has four digits.
            ("0999-06-15T12:00:00Z", "Sat, 15 Jun 0999 12:00:00 +0000"),
            // A leap day.
            (
                "2024-02-29T00:00:00+00:00",
                "Thu, 29 Feb 2024 00:00:00 +0000",
            ),
        ];
        for (rfc3339, want) in cases {
            let instant = chrono::DateTime::parse_from_rfc3339(rfc3339).expect("valid");
            assert_eq!(rss_date(&instant), *want, "{rfc3339}");
            let back = chrono::DateTime::parse_from_rfc2822(want).expect("RFC 2822");
            assert_eq!(back, instant, "{want}");
        }
    }
}
