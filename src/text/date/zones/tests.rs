//! The zone tables against the IANA data, and configured abbreviations.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::{OffsetName, TZ_VARIANTS};

use super::super::{DateOptions, parse, to_rfc3339};
use super::*;

/// Abbreviations in [`ZONES`] that the IANA data does not use, and why
/// they are read all the same.
const NEWS_ONLY: &[&str] = &[
    // RFC 5322's universal time.
    "UT",  // RFC 3339's zone designator.
    "Z",   // Singapore: the data has written `+08` since 2017.
    "SGT", // Malaysia: likewise `+08`.
    "MYT", // US newsroom Eastern time: America/New_York's EST and EDT.
    "ET",  // US newsroom Central time.
    "CT",  // US newsroom Mountain time.
    "MT",  // US newsroom Pacific time.
    "PT",
];

/// Other offsets the IANA data gives an abbreviation of [`ZONES`] since
/// 1970, judged too rare in news to make it ambiguous.
const OTHER_USES: &[(&str, i32)] = &[
    // Cuba's daylight time; Cuban sites can configure `CDT`.
    ("CDT", -240),
    // China's daylight time of 1986-1991.
    ("CDT", 540),
    // Pyongyang's time of 2015-2018.
    ("KST", 510),
    // Philippine Standard Time; sites there can configure `PST`.
    ("PST", 480),
    // Philippine daylight time of 1978.
    ("PDT", 540),
];

/// Offsets the IANA data gives a refused abbreviation since 1970 that no
/// longer need naming among its meanings.
const HISTORIC_USES: &[(&str, i32)] = &[
    // Bering Standard Time in western Alaska, until 1983.
    ("BST", -660),
];

/// Every offset each abbreviation of interest stood for in any zone since
/// 1970, sampled weekly (no daylight-saving period is shorter).
fn tzdata_offsets() -> BTreeMap<&'static str, BTreeSet<i32>> {
    let names: Vec<&'static str> = ZONES
        .iter()
        .map(|&(name, _)| name)
        .chain(AMBIGUOUS_ZONES.iter().map(|a| a.name))
        .collect();
    let mut found: BTreeMap<&'static str, BTreeSet<i32>> = BTreeMap::new();
    let start = DateTime::from_timestamp(0, 0).expect("epoch").naive_utc();
    let end = DateTime::from_timestamp(1_924_992_000, 0)
        .expect("2031")
        .naive_utc();
    for tz in TZ_VARIANTS {
        let mut t: NaiveDateTime = start;
        while t < end {
            let offset = tz.offset_from_utc_datetime(&t);
            if let Some(abbr) = offset.abbreviation()
                && let Some(&name) = names.iter().find(|&&n| n == abbr)
            {
                found
                    .entry(name)
                    .or_default()
                    .insert(offset.fix().local_minus_utc() / 60);
            }
            t += TimeDelta::days(7);
        }
    }
    found
}

/// The offset of `tz` at a UTC instant, in minutes.
fn offset_at(tz: Tz, utc: &str) -> i32 {
    let t: NaiveDateTime = utc.parse().expect("test instants are valid");
    tz.offset_from_utc_datetime(&t).fix().local_minus_utc() / 60
}

#[test]
fn table_agrees_with_tzdata() {
    let data = tzdata_offsets();
    let mut failures = Vec::new();
    for &(name, rule) in ZONES {
        let used = data.get(name);
        if NEWS_ONLY.contains(&name) {
            if used.is_some() {
                failures.push(format!("{name} is in the data after all: {used:?}"));
            }
            continue;
        }
        let Some(used) = used else {
            failures.push(format!("{name} is used by no zone"));
            continue;
        };
        match rule {
            ZoneRule::Offset(minutes) => {
                if !used.contains(&minutes) {
                    failures.push(format!("{name} is never {minutes} min, only {used:?}"));
                }
                for other in used.iter().filter(|&&m| m != minutes) {
                    if !OTHER_USES.contains(&(name, *other)) {
                        failures.push(format!("{name} also means {other} min"));
                    }
                }
            }
            ZoneRule::Region(tz) => {
                // The region itself must use the name at some time.
                let summer = offset_at(tz, "2024-07-15T12:00:00");
                let winter = offset_at(tz, "2024-01-15T12:00:00");
                if !used.contains(&summer) || !used.contains(&winter) {
                    failures.push(format!("{name} does not match {}", tz.name()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn newsroom_zones_follow_their_abbreviations() {
    let cases: &[(&str, &str, &str)] = &[
        // Eastern: EST in winter, EDT in summer.
        ("ET", "EST", "EDT"),
        // Central.
        ("CT", "CST", "CDT"),
        // Mountain.
        ("MT", "MST", "MDT"),
        // Pacific.
        ("PT", "PST", "PDT"),
    ];
    let table = |name: &str| {
        ZONES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, rule)| rule)
    };
    for &(name, standard, daylight) in cases {
        let Some(ZoneRule::Region(tz)) = table(name) else {
            panic!("{name} is no region");
        };
        for (when, abbr) in [
            ("2024-01-15T12:00:00", standard),
            ("2024-07-15T12:00:00", daylight),
        ] {
            let t: NaiveDateTime = when.parse().expect("valid");
            let offset = tz.offset_from_utc_datetime(&t);
            let Some(ZoneRule::Offset(minutes)) = table(abbr) else {
                // CST is ambiguous: check the region's own name and offset.
                assert_eq!(offset.abbreviation(), Some("CST"), "{name} {when}");
                assert_eq!(offset.fix().local_minus_utc(), -6 * 3600, "{name} {when}");
                continue;
            };
            assert_eq!(offset.abbreviation(), Some(abbr), "{name} {when}");
            assert_eq!(
                offset.fix().local_minus_utc(),
                minutes * 60,
                "{name} {when}"
            );
        }
    }
}

#[test]
fn ambiguous_ones_are_ambiguous() {
    let data = tzdata_offsets();
    for entry in AMBIGUOUS_ZONES {
        assert!(
            ZONES.iter().all(|(name, _)| *name != entry.name),
            "{} is both read and refused",
            entry.name
        );
        // Every two meanings differ in winter or in summer.
        for (i, &(a, tz_a)) in entry.meanings.iter().enumerate() {
            for &(b, tz_b) in &entry.meanings[i + 1..] {
                let differ = ["2024-01-15T12:00:00", "2024-07-15T12:00:00"]
                    .iter()
                    .any(|t| offset_at(tz_a, t) != offset_at(tz_b, t));
                assert!(differ, "{}: {a} and {b} are one zone", entry.name);
            }
        }
        // Where the data uses the name, each of its offsets is one of the meanings.
        if let Some(used) = data.get(entry.name) {
            for minutes in used {
                let named = entry.meanings.iter().any(|&(_, tz)| {
                    ["2024-01-15T12:00:00", "2024-07-15T12:00:00"]
                        .iter()
                        .any(|t| offset_at(tz, t) == *minutes)
                });
                let historic = HISTORIC_USES.contains(&(entry.name, *minutes));
                assert!(
                    named || historic,
                    "{} means {minutes} min in the data",
                    entry.name
                );
            }
        }
    }
}

fn configured(pairs: &[(&str, &str)]) -> DateOptions {
    DateOptions {
        abbreviations: ZoneAbbreviations::new(pairs.iter().copied()).expect("valid pairs"),
        ..DateOptions::default()
    }
}

#[test]
fn configured_abbreviations() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // China Standard Time, as a Chinese site means it.
        (
            "CST",
            "Asia/Shanghai",
            "Jan 8, 2024 5:00 PM CST",
            "2024-01-08T17:00:00+08:00",
        ),
        // US Central, by its region: daylight saving follows the date.
        (
            "CST",
            "America/Chicago",
            "Jan 8, 2024 5:00 PM CST",
            "2024-01-08T17:00:00-06:00",
        ),
        // Bangladesh by a fixed offset.
        (
            "BST",
            "+06:00",
            "8 August 2023 22:37 BST",
            "2023-08-08T22:37:00+06:00",
        ),
        // British Summer Time by its region.
        (
            "BST",
            "Europe/London",
            "Tuesday 8th August 2023, 22.37 BST",
            "2023-08-08T22:37:00+01:00",
        ),
        // Gulf Standard Time.
        (
            "GST",
            "Asia/Dubai",
            "August 8, 2023, 10:37 PM GST",
            "2023-08-08T22:37:00+04:00",
        ),
        // A configured meaning beats the built-in table.
        (
            "PST",
            "Asia/Manila",
            "August 8, 2023, 10:37 PM PST",
            "2023-08-08T22:37:00+08:00",
        ),
        // An abbreviation the tables lack, in mixed case as Guam prints it.
        (
            "ChST",
            "Pacific/Guam",
            "August 8, 2023, 10:37 PM ChST",
            "2023-08-08T22:37:00+10:00",
        ),
        // An offset without a colon.
        (
            "IST",
            "+0530",
            "August 8, 2023, 10:37 PM IST",
            "2023-08-08T22:37:00+05:30",
        ),
        // A configured zone said twice must agree with itself.
        (
            "CST",
            "Asia/Shanghai",
            "Thu Nov 09 2023 12:59:25 GMT+0800 (CST)",
            "2023-11-09T12:59:25+08:00",
        ),
    ];
    for &(name, meaning, input, want) in cases {
        let options = configured(&[(name, meaning)]);
        let got = parse(input, &options).map(|t| to_rfc3339(&t.instant));
        assert_eq!(got.as_deref(), Ok(want), "{name} = {meaning}: {input:?}");
    }
    // The configured name is matched as written: lower case is still no zone.
    let options = configured(&[("CST", "Asia/Shanghai")]);
    assert!(parse("Jan 8, 2024 5:00 PM cst", &options).is_err());
}

#[test]
fn bad_configuration() {
    let cases: &[(&str, &str, &str)] = &[
        // Written as timestamps print it, in capitals.
        ("cst", "Asia/Shanghai", "starting with a capital"),
        // A month name would never be read as a zone.
        ("MAR", "+01:00", "a word timestamps already use"),
        // So would `AM`.
        ("AM", "+01:00", "a word timestamps already use"),
        // Letters only.
        ("C-T", "America/Chicago", "not an abbreviation"),
        // Longer than any word the reader keeps.
        ("ABCDEFGHIJK", "+01:00", "not an abbreviation"),
        // An empty key.
        ("", "+01:00", "not an abbreviation"),
        // No such IANA zone.
        ("CST", "Mars/Olympus", "is no time zone"),
        // An offset beyond 23:59.
        ("CST", "+25:00", "is no time zone"),
        // A one-digit hour.
        ("CST", "+8", "is no time zone"),
        // Two colons.
        ("CST", "+08:00:00", "is no time zone"),
    ];
    for &(name, meaning, want) in cases {
        match ZoneAbbreviations::new([(name, meaning)]) {
            Err(message) if message.contains(want) && message.contains("zone_abbreviations") => {}
            other => panic!("{name} = {meaning}: got {other:?}, want an error with {want:?}"),
        }
    }
}

fn read(text: &str) -> Result<String, String> {
    parse(text, &DateOptions::default())
        .map(|t| to_rfc3339(&t.instant))
        .map_err(|e| e.to_string())
}

/// Zones as timestamps give them, with the instant they must give.
#[test]
fn zones_read() {
    let cases: &[(&str, &str)] = &[
        // A zone name in an RFC 5322 comment after the offset.
        (
            "Mon, 04 Mar 2024 09:15:00 +0000 (UTC)",
            "2024-03-04T09:15:00Z",
        ),
        // The comment agrees with a negative offset.
        (
            "Mon, 04 Mar 2024 09:15:00 -0500 (EST)",
            "2024-03-04T09:15:00-05:00",
        ),
        // An ambiguous abbreviation is read when the offset beside it settles it.
        (
            "Mon, 04 Mar 2024 09:15:00 +0530 (IST)",
            "2024-03-04T09:15:00+05:30",
        ),
        // JavaScript's Date.toString: GMT offset, then the zone again.
        (
            "Thu Nov 09 2023 04:59:25 GMT+0000 (UTC)",
            "2023-11-09T04:59:25Z",
        ),
        // The same with a zone east of Greenwich.
        (
            "Thu Nov 09 2023 05:59:25 GMT+0100 (CET)",
            "2023-11-09T05:59:25+01:00",
        ),
        // An offset with the abbreviation glued after it.
        ("2023-08-08T22:37:00+02:00CEST", "2023-08-08T22:37:00+02:00"),
        // Central Europe's standard name beside its summer offset: the
        // region said twice, as software that prints CET all year writes it.
        ("2023-08-08T22:37:00+02:00CET", "2023-08-08T22:37:00+02:00"),
        // The same in JavaScript's form, and Eastern in summer.
        (
            "Tue Aug 08 2023 22:37:00 GMT+0200 (CET)",
            "2023-08-08T22:37:00+02:00",
        ),
        ("Aug 8, 2023 10:37 PM ET (EST)", "2023-08-08T22:37:00-04:00"),
        // UTC and GMT are no words: any case is the zone.
        ("August 8, 2023 10:37 pm gmt", "2023-08-08T22:37:00Z"),
        ("August 8, 2023 10:37 PM utc+4", "2023-08-08T22:37:00+04:00"),
        // JavaScript's long zone names after the offset are passed over.
        (
            "Thu Nov 09 2023 04:59:25 GMT+0000 (Coordinated Universal Time)",
            "2023-11-09T04:59:25Z",
        ),
        (
            "Tue Aug 08 2023 22:37:00 GMT+0200 (Central European Summer Time)",
            "2023-08-08T22:37:00+02:00",
        ),
        // A newsroom zone and its daylight abbreviation agree in summer.
        ("Aug 8, 2023 10:37 PM ET (EDT)", "2023-08-08T22:37:00-04:00"),
        // US newsroom Eastern time, daylight saving by the date.
        ("Sep 30, 2014 10:34 AM ET", "2014-09-30T10:34:00-04:00"),
        // Eastern time in winter.
        ("Jan 30, 2014 10:34 AM ET", "2014-01-30T10:34:00-05:00"),
        // Pacific time in summer.
        ("July 4, 2024, 9:00 AM PT", "2024-07-04T09:00:00-07:00"),
        // Pacific time in winter.
        ("Dec 4, 2024, 9:00 AM PT", "2024-12-04T09:00:00-08:00"),
        // Central time in summer.
        ("July 4, 2024, 9:00 AM CT", "2024-07-04T09:00:00-05:00"),
        // Mountain time in winter.
        ("Dec 4, 2024, 9:00 AM MT", "2024-12-04T09:00:00-07:00"),
        // South African Standard Time.
        ("8 August 2023 22:37 SAST", "2023-08-08T22:37:00+02:00"),
        // Malaysia Time.
        ("8 August 2023 22:37 MYT", "2023-08-08T22:37:00+08:00"),
        // Western Indonesia Time.
        ("8 August 2023 22:37 WIB", "2023-08-08T22:37:00+07:00"),
        // East Africa Time.
        ("8 August 2023 22:37 EAT", "2023-08-08T22:37:00+03:00"),
        // West Africa Time.
        ("8 August 2023 22:37 WAT", "2023-08-08T22:37:00+01:00"),
        // Central Africa Time: the IANA data knows no other meaning.
        ("8 August 2023 22:37 CAT", "2023-08-08T22:37:00+02:00"),
        // Israel Daylight Time.
        ("8 August 2023 22:37 IDT", "2023-08-08T22:37:00+03:00"),
        // Moscow time is +03:00 today.
        ("8 August 2023 22:37 MSK", "2023-08-08T22:37:00+03:00"),
        // Moscow time was +04:00 from 2011 to 2014.
        ("8 August 2012 22:37 MSK", "2012-08-08T22:37:00+04:00"),
        // A final dot after the abbreviation.
        ("Jan 8, 2024 5:00 PM EST.", "2024-01-08T17:00:00-05:00"),
    ];
    let mut failures = Vec::new();
    for (input, want) in cases {
        match read(input) {
            Ok(got) if got == *want => {}
            got => failures.push(format!("{input:?}: got {got:?}, want {want:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Zones refused, with a piece of the message each must give.
#[test]
fn zones_refused() {
    let cases: &[(&str, &str)] = &[
        // CST is US Central, China or Cuba; the message names the fix.
        ("Jan 8, 2024 5:00 PM CST", "`zone_abbreviations`"),
        // BST is British Summer Time or Bangladesh.
        ("Tuesday 8th August 2023, 22.37 BST", "Asia/Dhaka"),
        // GST is Gulf or South Georgia.
        ("August 8, 2023, 10:37 PM GST", "names more than one zone"),
        // Two ambiguous abbreviations settle nothing.
        (
            "August 8, 2023, 10:37 PM IST (BST)",
            "names more than one zone",
        ),
        // An ordinary word is no zone.
        ("August 8, 2023 10:37 PM West", "unknown word `West`"),
        // Abbreviations are printed in capitals.
        ("August 8, 2023 10:37 PM est", "unknown word `est`"),
        // The comment disagrees with the offset.
        (
            "Mon, 04 Mar 2024 09:15:00 +0000 (PST)",
            "zones `+0000` and `PST` disagree",
        ),
        // JavaScript style, disagreeing.
        (
            "Thu Nov 09 2023 04:59:25 GMT+0000 (CET)",
            "zones `GMT+0000` and `CET` disagree",
        ),
        // Central Europe keeps +01:00 in January, whatever the offset says.
        ("2023-01-08T22:37:00+02:00CET", "disagree"),
        // Central Europe is never +03:00.
        ("2023-08-08T22:37:00+03:00CET", "disagree"),
        // A long name with no offset before it to check it against.
        (
            "Thu Nov 09 2023 04:59:25 (Coordinated Universal Time)",
            "Coordinated",
        ),
        // None of IST's meanings is +01:00 in March.
        ("Mon, 04 Mar 2024 09:15:00 +0100 (IST)", "disagree"),
        // Eastern time is -04:00 in summer: a Pacific name disagrees.
        ("Aug 8, 2023 10:37 PM ET (PST)", "disagree"),
        // A third zone is one too many.
        (
            "Mon, 04 Mar 2024 09:15:00 +0000 (UTC) (GMT)",
            "zone is given twice",
        ),
        // Parentheses hold only a zone.
        ("August 8, 2023 (updated)", "parentheses may only hold"),
        // A long zone name with no offset to check it against.
        (
            "August 8, 2023 10:37 PM (Eastern Daylight Time)",
            "parentheses may only hold",
        ),
        // Not a year either.
        ("August 8 (2023)", "parentheses may only hold"),
        // An unclosed comment.
        ("August 8, 2023 10:37 PM (UTC", "parentheses may only hold"),
        // A closing parenthesis alone.
        ("August 8, 2023 10:37 PM UTC)", "unexpected character `)`"),
    ];
    let mut failures = Vec::new();
    for (input, want) in cases {
        match read(input) {
            Err(msg) if msg.contains(want) => {}
            got => failures.push(format!(
                "{input:?}: got {got:?}, want an error with {want:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
