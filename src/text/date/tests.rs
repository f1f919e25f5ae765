use super::*;

fn utc() -> DateOptions {
    DateOptions::default()
}

fn zoned(name: &str) -> DateOptions {
    DateOptions {
        timezone: name.parse().expect("test zone names are valid"),
        ..DateOptions::default()
    }
}

fn read(text: &str, options: &DateOptions) -> Result<String, String> {
    parse(text, options)
        .map(|t| to_rfc3339(&t.instant))
        .map_err(|e| e.to_string())
}

/// Every accepted style, with the instant (and offset) it must give.
#[test]
fn accepted_timestamps() {
    let cases: &[(&str, &str)] = &[
        // The users' own style: 12-hour clock, no zone, read in UTC.
        ("August 08, 2023, 10:37 PM", "2023-08-08T22:37:00Z"),
        // Same without the comma before the time.
        ("August 08, 2023 10:37 PM", "2023-08-08T22:37:00Z"),
        // Lower-case meridiem glued to the minutes.
        ("August 8, 2023, 10:37pm", "2023-08-08T22:37:00Z"),
        // Dotted meridiem.
        ("Aug 8, 2023, 10:37 p.m.", "2023-08-08T22:37:00Z"),
        // Abbreviated month with a dot, AP style.
        ("Aug. 8, 2023, 10:37 a.m.", "2023-08-08T10:37:00Z"),
        // `Sept.` is AP's September.
        ("Sept. 8, 2023", "2023-09-08T00:00:00Z"),
        // Three-letter September too.
        ("Sep 8 2023", "2023-09-08T00:00:00Z"),
        // Ordinal day.
        ("August 8th, 2023", "2023-08-08T00:00:00Z"),
        // Ordinals st, nd, rd.
        ("March 1st 2024", "2024-03-01T00:00:00Z"),
        // Ordinal nd.
        ("June 22nd, 2024 at 9:05 AM", "2024-06-22T09:05:00Z"),
        // Ordinal rd.
        ("May 3rd 2022", "2022-05-03T00:00:00Z"),
        // Leading weekday that matches.
        ("Tuesday, August 8, 2023, 10:37 PM", "2023-08-08T22:37:00Z"),
        // Abbreviated weekday with a dot.
        ("Tue. Aug. 8, 2023", "2023-08-08T00:00:00Z"),
        // `Tues` and `Thurs` are common too.
        ("Thurs, Aug 10, 2023", "2023-08-10T00:00:00Z"),
        // `at` between date and time.
        ("August 8, 2023 at 10:37 PM", "2023-08-08T22:37:00Z"),
        // Hour only with meridiem.
        ("August 8, 2023, 10 PM", "2023-08-08T22:00:00Z"),
        // 12 AM is midnight.
        ("August 8, 2023 12:15 AM", "2023-08-08T00:15:00Z"),
        // 12 PM is noon.
        ("August 8, 2023 12:15 PM", "2023-08-08T12:15:00Z"),
        // `noon` alone.
        ("August 8, 2023, noon", "2023-08-08T12:00:00Z"),
        // `12 noon`.
        ("August 8, 2023 12 noon", "2023-08-08T12:00:00Z"),
        // `midnight`.
        ("August 8, 2023, midnight", "2023-08-08T00:00:00Z"),
        // 24-hour clock.
        ("August 8, 2023 22:37", "2023-08-08T22:37:00Z"),
        // 24-hour clock with seconds.
        ("August 8, 2023 22:37:05", "2023-08-08T22:37:05Z"),
        // British dotted 24-hour clock.
        ("8 August 2023, 22.37", "2023-08-08T22:37:00Z"),
        // Dotted 12-hour clock.
        ("10.37 p.m., August 8, 2023", "2023-08-08T22:37:00Z"),
        // Day first.
        ("8 August 2023", "2023-08-08T00:00:00Z"),
        // Day first with weekday, ordinal, zone abbreviation.
        (
            "Tuesday 8th August 2023, 22.37 WEST",
            "2023-08-08T22:37:00+01:00",
        ),
        // Day-month-year with dashes.
        ("08-Aug-2023", "2023-08-08T00:00:00Z"),
        // Dashed with a time.
        ("08-Aug-2023 22:37", "2023-08-08T22:37:00Z"),
        // Month-day-year with dashes.
        ("Aug-08-2023", "2023-08-08T00:00:00Z"),
        // Year first with slashes.
        ("2023/08/08 22:37", "2023-08-08T22:37:00Z"),
        // Year first with dots.
        ("2023.08.08", "2023-08-08T00:00:00Z"),
        // Year, then month name.
        ("2023 August 8", "2023-08-08T00:00:00Z"),
        // ISO date only.
        ("2023-08-08", "2023-08-08T00:00:00Z"),
        // RFC 3339 in UTC.
        ("2023-08-08T22:37:00Z", "2023-08-08T22:37:00Z"),
        // Lower-case t and z are allowed by RFC 3339.
        ("2023-08-08t22:37:00z", "2023-08-08T22:37:00Z"),
        // Fraction dropped.
        ("2023-08-08T22:37:00.123456Z", "2023-08-08T22:37:00Z"),
        // Fraction with comma (ISO 8601).
        ("2023-08-08T22:37:00,5Z", "2023-08-08T22:37:00Z"),
        // Positive offset.
        ("2023-08-08T22:37:00+04:00", "2023-08-08T22:37:00+04:00"),
        // Negative offset.
        ("2023-08-08T22:37:00-04:00", "2023-08-08T22:37:00-04:00"),
        // Half-hour offset.
        ("2023-08-08T22:37:00+05:30", "2023-08-08T22:37:00+05:30"),
        // Offset without colon.
        ("2023-08-08T22:37:00+0400", "2023-08-08T22:37:00+04:00"),
        // Hour-only offset.
        ("2023-08-08T22:37+04", "2023-08-08T22:37:00+04:00"),
        // Space instead of T, no seconds.
        ("2023-08-08 22:37", "2023-08-08T22:37:00Z"),
        // Space instead of T with offset.
        ("2023-08-08 22:37:00 +04:00", "2023-08-08T22:37:00+04:00"),
        // Basic format.
        ("20230808T223700Z", "2023-08-08T22:37:00Z"),
        // Basic format with minutes only and offset.
        ("20230808T2237+0400", "2023-08-08T22:37:00+04:00"),
        // Basic date only.
        ("20230808", "2023-08-08T00:00:00Z"),
        // ISO 24:00 is the next midnight.
        ("2023-08-08T24:00:00Z", "2023-08-09T00:00:00Z"),
        // RFC 2822.
        (
            "Tue, 08 Aug 2023 22:37:00 +0400",
            "2023-08-08T22:37:00+04:00",
        ),
        // RFC 2822 without weekday or seconds.
        ("8 Aug 2023 22:37 -0000", "2023-08-08T22:37:00Z"),
        // RFC 822 with GMT.
        ("Tue, 08 Aug 2023 22:37:00 GMT", "2023-08-08T22:37:00Z"),
        // RFC 822 two-digit year below 50 is 20xx.
        ("Tue, 08 Aug 23 22:37:00 GMT", "2023-08-08T22:37:00Z"),
        // RFC 822 two-digit year from 50 is 19xx.
        ("Sun, 06 Nov 94 08:49:37 GMT", "1994-11-06T08:49:37Z"),
        // RFC 822 US zone.
        ("Tue, 08 Aug 2023 18:37:00 EDT", "2023-08-08T18:37:00-04:00"),
        // UT.
        ("08 Aug 2023 22:37 UT", "2023-08-08T22:37:00Z"),
        // Trailing UTC.
        ("August 8, 2023, 10:37 PM UTC", "2023-08-08T22:37:00Z"),
        // Central European Summer Time.
        ("8 August 2023 22:37 CEST", "2023-08-08T22:37:00+02:00"),
        // Central European Time.
        ("8 January 2024 22:37 CET", "2024-01-08T22:37:00+01:00"),
        // US Eastern Standard.
        ("Jan 8, 2024 5:00 PM EST", "2024-01-08T17:00:00-05:00"),
        // US Central daylight.
        ("Jul 8, 2024 5:00 PM CDT", "2024-07-08T17:00:00-05:00"),
        // US Mountain.
        ("Jan 8, 2024 5:00 PM MST", "2024-01-08T17:00:00-07:00"),
        // US Mountain daylight.
        ("Jul 8, 2024 5:00 PM MDT", "2024-07-08T17:00:00-06:00"),
        // US Pacific.
        ("Jan 8, 2024 5:00 PM PST", "2024-01-08T17:00:00-08:00"),
        // US Pacific daylight.
        ("Jul 8, 2024 5:00 PM PDT", "2024-07-08T17:00:00-07:00"),
        // Zone name with offset.
        ("August 8, 2023 10:37 PM GMT+4", "2023-08-08T22:37:00+04:00"),
        // UTC with half-hour offset.
        (
            "August 8, 2023 10:37 PM UTC+05:30",
            "2023-08-08T22:37:00+05:30",
        ),
        // Parenthesised zone.
        ("August 8, 2023 10:37 PM (UTC)", "2023-08-08T22:37:00Z"),
        // Numeric offset after a 12-hour clock.
        (
            "August 8, 2023 10:37 PM +04:00",
            "2023-08-08T22:37:00+04:00",
        ),
        // IANA zone at the end.
        (
            "August 8, 2023 10:37 PM Asia/Dubai",
            "2023-08-08T22:37:00+04:00",
        ),
        // An IANA zone after a zone that agrees with it.
        (
            "August 8, 2023 10:37 PM +02:00 Europe/Paris",
            "2023-08-08T22:37:00+02:00",
        ),
        (
            "January 8, 2024 10:37 PM CET Europe/Paris",
            "2024-01-08T22:37:00+01:00",
        ),
        // RFC 9557: an offset and the zone it agrees with, in brackets,
        // critical or not, with elective suffix tags passed over.
        (
            "2023-08-08T22:37:00+04:00[Asia/Dubai]",
            "2023-08-08T22:37:00+04:00",
        ),
        (
            "2023-08-08T22:37:00+04:00[!Asia/Dubai]",
            "2023-08-08T22:37:00+04:00",
        ),
        (
            "2023-08-08T22:37:00+04:00[Asia/Dubai][u-ca=gregory]",
            "2023-08-08T22:37:00+04:00",
        ),
        ("2023-08-08T22:37:00Z[u-ca=iso8601]", "2023-08-08T22:37:00Z"),
        // A bracketed zone alone is where the wall-clock time is.
        (
            "2023-08-08T22:37:00[Europe/London]",
            "2023-08-08T22:37:00+01:00",
        ),
        // `Z` before a zone gives the instant in UTC; the zone's offset
        // is the local one.
        (
            "2023-08-08T21:37:00Z[Europe/London]",
            "2023-08-08T22:37:00+01:00",
        ),
        // Typeset text's minus sign (U+2212) in an offset.
        (
            "2023-08-08T22:37:00\u{2212}04:00",
            "2023-08-08T22:37:00-04:00",
        ),
        (
            "August 8, 2023 10:37 PM UTC\u{2212}4",
            "2023-08-08T22:37:00-04:00",
        ),
        // Year, month name, day.
        ("2023-Aug-08", "2023-08-08T00:00:00Z"),
        ("2023-Aug-08 22:37", "2023-08-08T22:37:00Z"),
        // Dotted seconds, as the minutes are.
        ("2023-08-08 22.37.05", "2023-08-08T22:37:05Z"),
        ("8 August 2023, 22.37.05", "2023-08-08T22:37:05Z"),
        // Noon and midnight are 12 PM and 12 AM.
        ("August 8, 2023 12 noon", "2023-08-08T12:00:00Z"),
        ("August 8, 2023 12 midnight", "2023-08-08T00:00:00Z"),
        ("August 8, 2023, noon", "2023-08-08T12:00:00Z"),
        ("midnight, August 8, 2023", "2023-08-08T00:00:00Z"),
        // A time without its colon before a zone's name, the year given.
        ("Aug 8, 2023, 1530 GMT", "2023-08-08T15:30:00Z"),
        ("1530 GMT on August 8, 2023", "2023-08-08T15:30:00Z"),
        // An offset after a date with no time: that zone's midnight.
        ("2023-08-08 -04:00", "2023-08-08T00:00:00-04:00"),
        ("2023-08-08 +0530", "2023-08-08T00:00:00+05:30"),
        ("August 8, 2023 +04:00", "2023-08-08T00:00:00+04:00"),
        // Unambiguous day-first numeric date.
        ("13/08/2023", "2023-08-13T00:00:00Z"),
        // Unambiguous month-first numeric date.
        ("08/13/2023 10:37 PM", "2023-08-13T22:37:00Z"),
        // Both orders agree.
        ("08/08/2023", "2023-08-08T00:00:00Z"),
        // Dotted day-first numeric date with time.
        ("24.12.2023 18:00", "2023-12-24T18:00:00Z"),
        // Upper-case names.
        ("AUGUST 8, 2023, 10:37 PM", "2023-08-08T22:37:00Z"),
        // Narrow no-break space before PM, as ICU prints it.
        ("Aug 8, 2023, 10:37\u{202F}PM", "2023-08-08T22:37:00Z"),
        // No-break space between words.
        ("August\u{A0}8, 2023", "2023-08-08T00:00:00Z"),
        // En dash between date and time.
        ("August 8, 2023 \u{2013} 10:37 PM", "2023-08-08T22:37:00Z"),
        // Surrounding blanks.
        ("  August 8, 2023  ", "2023-08-08T00:00:00Z"),
        // Leap day.
        ("February 29, 2024", "2024-02-29T00:00:00Z"),
        // The last second of a year.
        ("2023-12-31T23:59:59Z", "2023-12-31T23:59:59Z"),
        // Time first reads as date first, dotted clock.
        ("22.37, 8 August 2023", "2023-08-08T22:37:00Z"),
        // Time first without the comma.
        ("22.37 8 August 2023", "2023-08-08T22:37:00Z"),
        // Time first, colon clock.
        ("22:37, 8 August 2023", "2023-08-08T22:37:00Z"),
        // Time first with a zone before the date.
        ("22.37 CEST, 8 August 2023", "2023-08-08T22:37:00+02:00"),
        // Time first, 12-hour clock, then a weekday.
        ("10:37 PM, Tuesday, August 8, 2023", "2023-08-08T22:37:00Z"),
        // A spaced dash between time and date is a separator, not an offset.
        ("22:37 - 8 August 2023", "2023-08-08T22:37:00Z"),
        // A bar between date and time.
        ("November 8, 2023 | 6:03 pm", "2023-11-08T18:03:00Z"),
        // An at sign between date and time.
        ("November 8, 2023 @ 6:03 pm", "2023-11-08T18:03:00Z"),
        // A bullet between date and time.
        ("November 8, 2023 \u{2022} 6:03 pm", "2023-11-08T18:03:00Z"),
        // A middle dot between date and time.
        ("November 8, 2023 \u{B7} 6:03 pm", "2023-11-08T18:03:00Z"),
        // An em dash, as before.
        ("November 8, 2023 \u{2014} 6:03 pm", "2023-11-08T18:03:00Z"),
        // An apostrophe year after a month name.
        ("14 Feb \u{2019}20", "2020-02-14T00:00:00Z"),
        // The ASCII apostrophe, month first.
        ("Feb 14 '20", "2020-02-14T00:00:00Z"),
        // The opening quote that autocorrect types; from 50 it is 19xx.
        ("14 Feb \u{2018}99", "1999-02-14T00:00:00Z"),
        // An apostrophe year with a time.
        ("Feb. 14, \u{2019}20 at 10:37 PM", "2020-02-14T22:37:00Z"),
        // A month prefix of more than three letters.
        ("Febr. 3, 2024", "2024-02-03T00:00:00Z"),
    ];
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (input, want) in cases {
        match read(input, &utc()) {
            Ok(got) if got == *want => {}
            got => failures.push(format!("{input:?}: got {got:?}, want {want:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Wall-clock times in a configured IANA zone, across DST changes.
#[test]
fn configured_zone() {
    let cases: &[(&str, &str, &str, bool)] = &[
        // The users' style in Dubai, which has no DST.
        (
            "Asia/Dubai",
            "August 08, 2023, 10:37 PM",
            "2023-08-08T22:37:00+04:00",
            false,
        ),
        // London in summer is +01:00.
        (
            "Europe/London",
            "8 August 2023 22:37",
            "2023-08-08T22:37:00+01:00",
            false,
        ),
        // London in winter is UTC.
        (
            "Europe/London",
            "8 January 2024 22:37",
            "2024-01-08T22:37:00Z",
            false,
        ),
        // Date only is local midnight.
        (
            "America/New_York",
            "2024-01-08",
            "2024-01-08T00:00:00-05:00",
            false,
        ),
        // An explicit zone beats the configured one.
        (
            "America/New_York",
            "2024-01-08T10:00:00Z",
            "2024-01-08T10:00:00Z",
            false,
        ),
        // An ambiguous abbreviation is the site's zone when that is one of
        // its meanings: IST in Kolkata is India's, GST in Dubai the Gulf's.
        (
            "Asia/Kolkata",
            "August 8, 2023 10:37 PM IST",
            "2023-08-08T22:37:00+05:30",
            false,
        ),
        (
            "Asia/Dubai",
            "August 8, 2023 10:37 PM GST",
            "2023-08-08T22:37:00+04:00",
            false,
        ),
        // An IANA name after it settles it as the site's zone would.
        (
            "UTC",
            "August 8, 2023 10:37 PM IST Asia/Jerusalem",
            "2023-08-08T22:37:00+03:00",
            false,
        ),
        // Spring-forward gap: 02:30 does not exist and becomes 03:30 EDT.
        (
            "America/New_York",
            "March 10, 2024 2:30 AM",
            "2024-03-10T03:30:00-04:00",
            true,
        ),
        // Autumn overlap: 01:30 happens twice; the first (EDT) is taken.
        (
            "America/New_York",
            "November 3, 2024 1:30 AM",
            "2024-11-03T01:30:00-04:00",
            true,
        ),
        // Local mean time (-04:56:02) is shown at the nearest minute, same instant.
        (
            "America/New_York",
            "August 8, 1011 at 10:37 PM",
            "1011-08-08T22:37:02-04:56",
            false,
        ),
        // Europe's gap at 02:00 local.
        (
            "Europe/Berlin",
            "2024-03-31 02:15",
            "2024-03-31T03:15:00+02:00",
            true,
        ),
    ];
    for (zone, input, want, noted) in cases {
        let t = parse(input, &zoned(zone)).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(to_rfc3339(&t.instant), *want, "{input:?} in {zone}");
        assert_eq!(
            t.note.is_some(),
            *noted,
            "{input:?} in {zone}: note {:?}",
            t.note
        );
    }
}

/// A configured order settles all-numeric dates.
#[test]
fn configured_order() {
    let dmy = DateOptions {
        order: Some(DateOrder::DayFirst),
        ..utc()
    };
    let mdy = DateOptions {
        order: Some(DateOrder::MonthFirst),
        ..utc()
    };
    assert_eq!(
        read("03/04/2023", &dmy).as_deref(),
        Ok("2023-04-03T00:00:00Z")
    );
    assert_eq!(
        read("03/04/2023", &mdy).as_deref(),
        Ok("2023-03-04T00:00:00Z")
    );
    // Under a configured order, 13 cannot be the month.
    assert!(read("03/13/2023", &dmy).is_err());
}

/// Every rejected style, with a piece of the message it must give.
#[test]
fn rejected_timestamps() {
    let cases: &[(&str, &str)] = &[
        // February has no 30th.
        ("February 30, 2023, 10:37 PM", "no such day: 2023-02-30"),
        // 2023 is no leap year.
        ("2023-02-29", "no such day"),
        // April has 30 days.
        ("April 31, 2024", "no such day"),
        // Hour 25.
        ("August 8, 2023 25:00", "no such time"),
        // Minute 60.
        ("2023-08-08T22:60:00Z", "no such time"),
        // 13 PM.
        ("August 8, 2023 13:00 PM", "cannot go with AM/PM"),
        // Month 13.
        ("2023-13-01", "no such month"),
        // The order of 03/04 is not settled.
        ("03/04/2023", "could be day/month or month/day"),
        // Two-digit year in a numeric date.
        ("08/13/23", "two-digit year"),
        // The weekday does not match.
        (
            "Wednesday, August 8, 2023",
            "does not match 2023-08-08, a Tuesday",
        ),
        // French month.
        ("8 août 2023", "unknown word `août`"),
        // Not a month.
        ("Augusta 8, 2023", "unknown word `Augusta`"),
        // A clock needs a date.
        ("10:37 PM", "no year"),
        // Year, month name and a day of three digits.
        ("2023-Aug-123", "unexpected number `123`"),
        // In range where written, not in UTC: the UTC year is named.
        (
            "December 31, 9999 23:59 -05:00",
            "year `10000` is out of range",
        ),
        // An IANA zone that disagrees with the zone before it.
        (
            "August 8, 2023 10:37 PM +04:00 Europe/Paris",
            "`+04:00` and `Europe/Paris`",
        ),
        (
            "August 8, 2023 10:37 PM UTC Asia/Tokyo",
            "`UTC` and `Asia/Tokyo`",
        ),
        // RFC 9557: a bracketed zone that disagrees with the offset, an
        // unknown zone, and a critical tag feedpub does not understand.
        (
            "2023-08-08T22:37:00+04:00[Europe/Paris]",
            "`+04:00` and `Europe/Paris`",
        ),
        (
            "2023-08-08T22:37:00+04:00[Mars/Olympus]",
            "unexpected character `[`",
        ),
        (
            "2023-08-08T22:37:00+04:00[Asia/Dubai][!u-ca=hebrew]",
            "unexpected character `[`",
        ),
        // Noon or midnight with an AM/PM, or with minutes.
        ("August 8, 2023 12 noon AM", "AM/PM"),
        ("August 8, 2023 midnight PM", "AM/PM"),
        ("August 8, 2023 12:30 noon", "time"),
        ("August 8, 2023 12:45 midnight", "time"),
        // Four digits before a zone's name and no other year: a time
        // without its colon, or a year?
        ("Aug 8, 1530 GMT", "`1530` could be a year or a time"),
        ("Aug 8 2237 GMT", "`2237` could be a year or a time"),
        ("August 8, 2023 GMT", "`2023` could be a year or a time"),
        // No day.
        ("August 2023", "no day"),
        // Relative dates need a clock.
        ("2 hours ago", "relative date"),
        // Relative words.
        ("yesterday at 10:37 PM", "relative date `yesterday`"),
        // Empty.
        ("", "empty"),
        // Blank.
        ("   ", "empty"),
        // IST is India, Ireland or Israel.
        ("August 8, 2023 10:37 PM IST", "names more than one zone"),
        // A word that starts like a month is no month.
        ("8 market 2023", "unknown word `market`"),
        // Nor is `mayor`.
        ("mayor 8, 2023", "unknown word `mayor`"),
        // Nor is `Marching`.
        ("Marching 8, 2023", "unknown word `Marching`"),
        // Two letters are too few for a month.
        ("Ju 8, 2023", "unknown word `Ju`"),
        // A one-digit second is named as such.
        (
            "2006-01-17T12:35:9+01:00",
            "the second `9` should have two digits",
        ),
        // A one-digit minute too.
        ("2023-08-08T12:5Z", "the minute `5` should have two digits"),
        // A four-digit time after a two-digit year.
        ("03 Apr 02 1500 GMT", "a time without its colon"),
        // A month and a year have no day.
        ("04/2021", "no day"),
        // Year and month, ISO style, have no day either.
        ("2021-04", "no day"),
        // Month 13 in a month and year.
        ("13/2021", "no such month: `13`"),
        // An apostrophe year needs a month name.
        ("14 \u{2019}20", "unexpected character"),
        // Not in an all-numeric date.
        ("14.02.\u{2019}20", "unexpected"),
        // Dotted time first, month name in French.
        ("22.37, 8 ao\u{fb}t 2023", "unknown word"),
        // CJK dates stay rejected.
        ("2023\u{5e74}8\u{6708}8\u{65e5}", "unknown word"),
        // A two-digit year stays rejected in all-numeric dates, time first too.
        ("22:37 08/13/23", "two-digit year"),
        // Unknown abbreviation.
        ("August 8, 2023 10:37 PM XYZ", "unknown word `XYZ`"),
        // Offset out of range.
        ("2023-08-08T22:37:00+25:00", "out of range"),
        // Leap seconds cannot be written in a feed.
        ("2023-12-31T23:59:60Z", "leap second"),
        // Five-digit year.
        ("12023-08-08", "unexpected number"),
        // Year before 1000.
        ("0999-01-01", "year `999` is out of range"),
        // Two years.
        ("August 8, 2023 2024", "year is given twice"),
        // Two months.
        ("August September 8, 2023", "month is given twice"),
        // Garbage after the date.
        ("August 8, 2023; 10:37", "unexpected character `;`"),
        // A number too long to be anything.
        ("August 8, 2023 1234567890123456789012", "unexpected number"),
        // Emoji.
        ("August 8, 2023 \u{1F600}", "unexpected character"),
        // Day zero.
        ("August 0, 2023", "unexpected number `0`"),
    ];
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for (input, want) in cases {
        match read(input, &utc()) {
            Err(msg) if msg.contains(want) => {}
            got => failures.push(format!(
                "{input:?}: got {got:?}, want an error with {want:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The error's position points at the offending part.
#[test]
fn error_position() {
    let e = parse("August 8, 2023 10:37 PM XYZ", &utc()).expect_err("unknown zone");
    assert_eq!(e.at, 24);
}

/// A text of more parts than any timestamp is read only to the limit,
/// not into a token per character, and refused for its first fault or,
/// when the parts read hold none, its length; 64 parts are still read.
#[test]
fn too_many_parts() {
    // Refused for its first fault, among the parts read.
    let long = format!("2023-08-08T22:37:00+04:00{}", "[u-ca=x]".repeat(500_000));
    let error = parse(&long, &utc()).map(drop).expect_err("no timestamp");
    assert_eq!(error.kind, DateErrorKind::UnexpectedChar('['));
    assert_eq!(error.at, 25);
    assert!(!is_timestamp(&long));
    // `August 8, 2023` and 60 commas: 64 parts, read as the date.
    let at_limit = format!("August 8, 2023{}", ",".repeat(60));
    assert_eq!(
        read(&at_limit, &utc()).as_deref(),
        Ok("2023-08-08T00:00:00Z")
    );
    let past = format!("August 8, 2023{}", ",".repeat(61));
    assert_eq!(
        parse(&past, &utc()).map(drop).expect_err("too long").kind,
        DateErrorKind::TooLong
    );
}
