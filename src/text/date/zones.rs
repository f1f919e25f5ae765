//! Zone abbreviations: the ones read, the ones refused, and the ones a
//! site configures.
//!
//! An abbreviation is read only when it has one meaning in common use.
//! Each entry of [`ZONES`] is checked against the IANA time-zone data (a
//! test walks every zone chrono-tz knows and confirms that some zone uses
//! the abbreviation with that offset), except the few that only news
//! use gives: `UT` and `Z` (RFC 5322 and RFC 3339), `SGT` and `MYT` (the
//! data has written `+08` since 2017), and the US newsroom zones `ET`,
//! `CT`, `MT` and `PT`. Those four, and `MSK`, stand for a region's local
//! time, so daylight saving (or Moscow's +04:00 of 2011-2014) follows the
//! date; all others are fixed offsets, so `EST` is -05:00 even in July.
//!
//! An abbreviation with more than one common meaning is in
//! [`AMBIGUOUS_ZONES`] and is an error, whose message lists the meanings
//! and names the `zone_abbreviations` setting, where a site says which
//! one it means ([`ZoneAbbreviations`]). A configured abbreviation beats
//! the built-in tables.
//!
//! Abbreviations are matched as whole words in capitals, as they are
//! printed (`EST`, not `Est`), so that ordinary words (`West`, `Cat`) are
//! never read as zones. RFC 3339's `z`, and `UTC` and `GMT`, which are no
//! words, may be written in any case.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use super::calendar;
use super::tokens::WORD_MAX;

/// What a zone abbreviation stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneRule {
    /// A fixed offset, in minutes east of UTC.
    Offset(i32),
    /// A region's local time at the timestamp's date (daylight saving applies).
    Region(Tz),
}

/// The abbreviations read without configuration, with what each stands for.
pub const ZONES: &[(&str, ZoneRule)] = &[
    ("UT", ZoneRule::Offset(0)),
    ("UTC", ZoneRule::Offset(0)),
    ("GMT", ZoneRule::Offset(0)),
    ("Z", ZoneRule::Offset(0)),
    ("WET", ZoneRule::Offset(0)),
    ("WEST", ZoneRule::Offset(60)),
    ("CET", ZoneRule::Offset(60)),
    ("CEST", ZoneRule::Offset(120)),
    ("EET", ZoneRule::Offset(120)),
    ("EEST", ZoneRule::Offset(180)),
    ("MSK", ZoneRule::Region(Tz::Europe__Moscow)),
    ("WAT", ZoneRule::Offset(60)),
    ("CAT", ZoneRule::Offset(120)),
    ("SAST", ZoneRule::Offset(120)),
    ("EAT", ZoneRule::Offset(180)),
    ("IDT", ZoneRule::Offset(180)),
    ("PKT", ZoneRule::Offset(300)),
    ("WIB", ZoneRule::Offset(420)),
    ("WITA", ZoneRule::Offset(480)),
    ("SGT", ZoneRule::Offset(480)),
    ("MYT", ZoneRule::Offset(480)),
    ("HKT", ZoneRule::Offset(480)),
    ("AWST", ZoneRule::Offset(480)),
    ("WIT", ZoneRule::Offset(540)),
    ("JST", ZoneRule::Offset(540)),
    ("KST", ZoneRule::Offset(540)),
    ("ACST", ZoneRule::Offset(570)),
    ("ACDT", ZoneRule::Offset(630)),
    ("AEST", ZoneRule::Offset(600)),
    ("AEDT", ZoneRule::Offset(660)),
    ("NZST", ZoneRule::Offset(720)),
    ("NZDT", ZoneRule::Offset(780)),
    ("NST", ZoneRule::Offset(-210)),
    ("NDT", ZoneRule::Offset(-150)),
    ("ADT", ZoneRule::Offset(-180)),
    ("EST", ZoneRule::Offset(-300)),
    ("EDT", ZoneRule::Offset(-240)),
    ("CDT", ZoneRule::Offset(-300)),
    ("MST", ZoneRule::Offset(-420)),
    ("MDT", ZoneRule::Offset(-360)),
    ("PST", ZoneRule::Offset(-480)),
    ("PDT", ZoneRule::Offset(-420)),
    ("AKST", ZoneRule::Offset(-540)),
    ("AKDT", ZoneRule::Offset(-480)),
    ("HST", ZoneRule::Offset(-600)),
    ("HDT", ZoneRule::Offset(-540)),
    ("ET", ZoneRule::Region(Tz::America__New_York)),
    ("CT", ZoneRule::Region(Tz::America__Chicago)),
    ("MT", ZoneRule::Region(Tz::America__Denver)),
    ("PT", ZoneRule::Region(Tz::America__Los_Angeles)),
];

/// The region whose local time a fixed abbreviation is a season of, for
/// a zone said twice: beside an offset, `CET` agrees with the offset
/// Central Europe keeps at that instant, so `+02:00CET` in July is the
/// same zone said twice (software that prints the region's standard
/// name all year writes it so), while `+02:00CET` in January is a
/// conflict. Alone, an abbreviation stays its fixed offset.
pub(super) fn region_of(written: &str) -> Option<Tz> {
    Some(match written {
        "WET" | "WEST" => Tz::Europe__Lisbon,
        "CET" | "CEST" => Tz::Europe__Berlin,
        "EET" | "EEST" => Tz::Europe__Athens,
        "EST" | "EDT" => Tz::America__New_York,
        "CDT" => Tz::America__Chicago,
        "MST" | "MDT" => Tz::America__Denver,
        "PST" | "PDT" => Tz::America__Los_Angeles,
        "AKST" | "AKDT" => Tz::America__Anchorage,
        "NST" | "NDT" => Tz::America__St_Johns,
        "ADT" => Tz::America__Halifax,
        "ACST" | "ACDT" => Tz::Australia__Adelaide,
        "AEST" | "AEDT" => Tz::Australia__Sydney,
        "NZST" | "NZDT" => Tz::Pacific__Auckland,
        _ => return None,
    })
}

/// An abbreviation refused because it has several meanings in common use.
#[derive(Debug)]
pub struct Ambiguous {
    /// The abbreviation, in capitals.
    pub name: &'static str,
    /// Each meaning: a name for people and the IANA zone it stands for.
    pub meanings: &'static [(&'static str, Tz)],
}

/// Abbreviations refused unless configured, with their meanings.
pub const AMBIGUOUS_ZONES: &[Ambiguous] = &[
    Ambiguous {
        name: "IST",
        meanings: &[
            ("India", Tz::Asia__Kolkata),
            ("Ireland", Tz::Europe__Dublin),
            ("Israel", Tz::Asia__Jerusalem),
        ],
    },
    Ambiguous {
        name: "AST",
        meanings: &[
            ("Atlantic", Tz::America__Halifax),
            ("Arabia", Tz::Asia__Riyadh),
        ],
    },
    Ambiguous {
        name: "SST",
        meanings: &[
            ("Samoa", Tz::Pacific__Pago_Pago),
            ("Singapore", Tz::Asia__Singapore),
        ],
    },
    Ambiguous {
        name: "CST",
        meanings: &[
            ("US Central", Tz::America__Chicago),
            ("China", Tz::Asia__Shanghai),
            ("Cuba", Tz::America__Havana),
        ],
    },
    Ambiguous {
        name: "BST",
        meanings: &[
            ("British Summer", Tz::Europe__London),
            ("Bangladesh", Tz::Asia__Dhaka),
        ],
    },
    Ambiguous {
        name: "GST",
        meanings: &[
            ("Gulf", Tz::Asia__Dubai),
            ("South Georgia", Tz::Atlantic__South_Georgia),
            ("Guam (before 2000)", Tz::Pacific__Guam),
        ],
    },
];

/// The abbreviations a site has given a meaning (`zone_abbreviations`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneAbbreviations {
    /// By name: every zone word of every timestamp is looked up here first.
    entries: BTreeMap<String, ZoneRule>,
}

impl ZoneAbbreviations {
    /// Checks configured pairs of abbreviation and meaning; a meaning is an
    /// IANA zone (`Asia/Shanghai`) or a fixed offset (`+08:00`).
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, String> {
        let mut entries = BTreeMap::new();
        for (name, meaning) in pairs {
            check_name(name)?;
            let rule = match parse_offset(meaning) {
                Some(minutes) => ZoneRule::Offset(minutes),
                None => ZoneRule::Region(meaning.parse::<Tz>().map_err(|_| {
                    format!(
                        "`zone_abbreviations` value `{meaning}` for `{name}` is no time zone; expected an IANA name such as `Asia/Shanghai` or an offset such as `+08:00`"
                    )
                })?),
            };
            entries.insert(name.to_owned(), rule);
        }
        Ok(Self { entries })
    }

    /// What a configured abbreviation stands for.
    fn get(&self, written: &str) -> Option<ZoneRule> {
        self.entries.get(written).copied()
    }
}

/// A configured abbreviation must be a word the reader sees whole and reads
/// as nothing else.
fn check_name(name: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("`zone_abbreviations` key `{name}` {why}"));
    if name.is_empty() || name.len() > WORD_MAX || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return bad(&format!(
            "is not an abbreviation; expected 1 to {WORD_MAX} letters, such as `CST`"
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return bad(
            "must be written as timestamps print it, starting with a capital, such as `CST`",
        );
    }
    if calendar::word(&name.to_ascii_lowercase()).is_some() {
        return bad("is a word timestamps already use (a month, a weekday or a word like `at`)");
    }
    Ok(())
}

/// `+08:00`, `+0800`, `+08` or `-03:30`: minutes east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || text[1..].matches(':').count() > 1 {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

/// What the reader makes of a word that may be a zone.
pub(super) enum Lookup {
    /// A zone it can read.
    Zone(ZoneRule),
    /// An abbreviation with several meanings, not configured.
    Ambiguous(&'static Ambiguous),
    /// No zone.
    Unknown,
}

/// Looks a word up as written (case counts): configured abbreviations
/// first, then [`ZONES`], then [`AMBIGUOUS_ZONES`].
pub(super) fn lookup(written: &str, configured: &ZoneAbbreviations) -> Lookup {
    if let Some(rule) = configured.get(written) {
        return Lookup::Zone(rule);
    }
    // RFC 3339 allows a lower-case `z` after the time; `utc` and `gmt` are
    // no English words, so any case of them is the zone (`10:37 pm gmt`).
    if written == "z" || written.eq_ignore_ascii_case("utc") || written.eq_ignore_ascii_case("gmt")
    {
        return Lookup::Zone(ZoneRule::Offset(0));
    }
    // Zone names are capitals: any other word is no entry of the tables,
    // and most words a timestamp holds (`at`, `PM` aside) are not.
    if !written.bytes().all(|b| b.is_ascii_uppercase()) {
        return Lookup::Unknown;
    }
    // The first letter is compared inline before the whole name: most
    // entries differ there, and a call to compare the rest is dearer.
    let first = written.as_bytes().first();
    if let Some(&(_, rule)) = ZONES
        .iter()
        .find(|(name, _)| name.as_bytes().first() == first && *name == written)
    {
        return Lookup::Zone(rule);
    }
    if let Some(entry) = ambiguous(written) {
        return Lookup::Ambiguous(entry);
    }
    Lookup::Unknown
}

/// The entry of [`AMBIGUOUS_ZONES`] for an abbreviation.
pub(super) fn ambiguous(written: &str) -> Option<&'static Ambiguous> {
    AMBIGUOUS_ZONES.iter().find(|a| a.name == written)
}

/// Whether a zone word may carry an offset after it (`GMT+4`, `UTC-03:30`).
pub(super) fn takes_offset(written: &str) -> bool {
    matches!(written, "UT")
        || written.eq_ignore_ascii_case("utc")
        || written.eq_ignore_ascii_case("gmt")
}

#[cfg(test)]
mod tests;
