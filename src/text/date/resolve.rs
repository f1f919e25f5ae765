//! Checking the fields together and placing them on the time line.

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone,
};
use chrono_tz::Tz;

use super::calendar::Meridiem;
use super::reader::{Fields, Said, SaidZone};
use super::zones::{self, ZoneRule};
use super::{DateError, DateErrorKind, LocalTimeNote, Timestamp};

fn err(at: usize, kind: DateErrorKind) -> DateError {
    DateError { at, kind }
}

/// Checks the fields read from `text` and places them in time; a
/// timestamp that names no zone is read in `timezone`.
pub(super) fn resolve(f: Fields, text: &str, timezone: Tz) -> Result<Timestamp, DateError> {
    let year = f.year.ok_or(err(0, DateErrorKind::Missing("year")))?;
    let month = f.month.ok_or(err(0, DateErrorKind::Missing("month")))?;
    let day = f.day.ok_or(err(0, DateErrorKind::Missing("day")))?;
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or(err(0, DateErrorKind::NoSuchDay { year, month, day }))?;
    if let Some((weekday, at)) = f.weekday
        && weekday != date.weekday()
    {
        return Err(err(
            at,
            DateErrorKind::WrongWeekday {
                written: weekday,
                date,
            },
        ));
    }
    let mut hour = f.hour.unwrap_or(0);
    if let Some((m, at)) = f.meridiem {
        if !(1..=12).contains(&hour) {
            return Err(err(at, DateErrorKind::BadMeridiem(hour)));
        }
        hour = match m {
            Meridiem::Am => hour % 12,
            Meridiem::Pm => hour % 12 + 12,
        };
    }
    let (minute, second) = (f.minute, f.second);
    let bad_time = || {
        err(
            f.time_at,
            DateErrorKind::NoSuchTime(format!("{hour:02}:{minute:02}:{second:02}")),
        )
    };
    if second == 60 {
        return Err(err(f.time_at, DateErrorKind::LeapSecond));
    }
    let naive = if hour == 24 && minute == 0 && second == 0 {
        // ISO 8601's 24:00 is the end of the day, the next day's midnight.
        date.succ_opt()
            .ok_or_else(bad_time)?
            .and_time(NaiveTime::MIN)
    } else {
        date.and_time(NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(bad_time)?)
    };
    let (instant, note) = match f.zones {
        [None, _] => in_zone(naive, timezone).ok_or_else(bad_time)?,
        [Some(first), second] => in_said_zones(
            naive,
            text,
            settled(first, timezone),
            second.map(|z| settled(z, timezone)),
            bad_time,
        )?,
    };
    // Zones' local mean times before standardisation (New York's was
    // -04:56:02) have offsets in seconds, which neither RFC 822 nor RFC
    // 3339 can write: keep the instant, shown at the nearest minute.
    let seconds = instant.offset().local_minus_utc();
    let instant = if seconds % 60 == 0 {
        instant
    } else {
        let minutes = (f64::from(seconds) / 60.0).round() as i32;
        let offset = FixedOffset::east_opt(minutes * 60).ok_or_else(bad_time)?;
        instant.with_timezone(&offset)
    };
    let utc_year = instant.naive_utc().year();
    if !(1000..=9999).contains(&utc_year) || !(1000..=9999).contains(&instant.year()) {
        // `December 31, 9999 23:59 -05:00` is in 9999 where it was
        // written, and in 10000 in UTC: the year out of range is UTC's.
        let year = if (1000..=9999).contains(&instant.year()) {
            utc_year
        } else {
            instant.year()
        };
        return Err(err(0, DateErrorKind::YearOutOfRange(year)));
    }
    Ok(Timestamp { instant, note })
}

type Placed = (DateTime<FixedOffset>, Option<LocalTimeNote>);

/// An ambiguous abbreviation is the site's own zone (`timezone`: the
/// configured one, or an IANA name the timestamp ends with) when that is
/// one of its meanings: `IST` on a site in `Asia/Kolkata` is India's.
fn settled(said: SaidZone, timezone: Tz) -> SaidZone {
    match said.zone {
        Said::Ambiguous(entry) if entry.meanings.iter().any(|&(_, tz)| tz == timezone) => {
            SaidZone {
                zone: Said::Rule(ZoneRule::Region(timezone)),
                ..said
            }
        }
        _ => said,
    }
}

/// Places a wall-clock time by the zone the text names; a zone said twice
/// must name the same offset both times, and an ambiguous abbreviation is
/// read only when the other zone settles it.
fn in_said_zones(
    naive: NaiveDateTime,
    text: &str,
    first: SaidZone,
    second: Option<SaidZone>,
    bad_time: impl Fn() -> DateError,
) -> Result<Placed, DateError> {
    let (main, rule, other) = match (first.zone, second) {
        (Said::Rule(rule), other) => (first, rule, other),
        (
            Said::Ambiguous(_),
            Some(
                other @ SaidZone {
                    zone: Said::Rule(rule),
                    ..
                },
            ),
        ) => (other, rule, Some(first)),
        (Said::Ambiguous(entry), _) => {
            return Err(err(
                first.start,
                DateErrorKind::AmbiguousZone(entry.name.to_owned()),
            ));
        }
    };
    let placed = match rule {
        ZoneRule::Offset(minutes) => {
            let offset = FixedOffset::east_opt(minutes * 60)
                .ok_or_else(|| err(main.start, DateErrorKind::BadOffset(minutes.to_string())))?;
            let instant = offset
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(&bad_time)?;
            (instant, None)
        }
        ZoneRule::Region(tz) => in_zone(naive, tz).ok_or_else(&bad_time)?,
    };
    if let Some(other) = other {
        let utc = placed.0.naive_utc();
        let wanted = placed.0.offset().local_minus_utc();
        let offset_of = |tz: Tz| tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();
        let agrees = match other.zone {
            Said::Rule(ZoneRule::Offset(minutes)) => {
                minutes * 60 == wanted
                    || zones::region_of(text[other.start..other.end].trim_end_matches('.'))
                        .is_some_and(|tz| offset_of(tz) == wanted)
            }
            Said::Rule(ZoneRule::Region(tz)) => offset_of(tz) == wanted,
            Said::Ambiguous(entry) => entry
                .meanings
                .iter()
                .any(|&(_, tz)| offset_of(tz) == wanted),
        };
        if !agrees {
            let (a, b) = if main.start < other.start {
                (main, other)
            } else {
                (other, main)
            };
            return Err(err(
                b.start,
                DateErrorKind::ZoneConflict {
                    first: text[a.start..a.end].to_owned(),
                    second: text[b.start..b.end].to_owned(),
                },
            ));
        }
    }
    Ok(placed)
}

/// Places a wall-clock time in an IANA zone by the rule in the module docs.
fn in_zone(naive: NaiveDateTime, zone: Tz) -> Option<Placed> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some((t.fixed_offset(), None)),
        LocalResult::Ambiguous(first, _) => Some((
            first.fixed_offset(),
            Some(LocalTimeNote::Overlap {
                written: naive,
                zone,
            }),
        )),
        LocalResult::None => {
            // No gap in the tz database is longer than a day: the offset a
            // day before is the one in force before the gap.
            let before = zone
                .from_local_datetime(&(naive - TimeDelta::days(1)))
                .earliest()?
                .offset()
                .fix();
            let utc = naive - TimeDelta::seconds(i64::from(before.local_minus_utc()));
            let moved = zone.from_utc_datetime(&utc);
            Some((
                moved.fixed_offset(),
                Some(LocalTimeNote::Gap {
                    written: naive,
                    zone,
                }),
            ))
        }
    }
}
