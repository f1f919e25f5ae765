//! Checking the fields together and placing them on the time line.

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Weekday,
};
use chrono_tz::Tz;

use super::reader::err;
use super::words::Meridiem;
use super::{DateError, DateErrorKind, LocalTimeNote, Timestamp};

/// The fields read from a timestamp, not yet checked together.
#[derive(Debug, Default)]
pub(super) struct Fields {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub weekday: Option<(Weekday, usize)>,
    pub hour: Option<u32>,
    pub minute: u32,
    pub second: u32,
    pub meridiem: Option<(Meridiem, usize)>,
    /// Offset east of UTC in minutes.
    pub zone: Option<i32>,
    pub time_at: usize,
}

impl Fields {
    pub(super) fn resolve(self, timezone: Tz) -> Result<Timestamp, DateError> {
        let year = self.year.ok_or(err(0, DateErrorKind::Missing("year")))?;
        let month = self.month.ok_or(err(0, DateErrorKind::Missing("month")))?;
        let day = self.day.ok_or(err(0, DateErrorKind::Missing("day")))?;
        let date = NaiveDate::from_ymd_opt(year, month, day)
            .ok_or(err(0, DateErrorKind::NoSuchDay { year, month, day }))?;
        if let Some((weekday, at)) = self.weekday
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
        let mut hour = self.hour.unwrap_or(0);
        if let Some((m, at)) = self.meridiem {
            if !(1..=12).contains(&hour) {
                return Err(err(at, DateErrorKind::BadMeridiem(hour)));
            }
            hour = match m {
                Meridiem::Am => hour % 12,
                Meridiem::Pm => hour % 12 + 12,
            };
        }
        let (minute, second) = (self.minute, self.second);
        let bad_time = || {
            err(
                self.time_at,
                DateErrorKind::NoSuchTime(format!("{hour:02}:{minute:02}:{second:02}")),
            )
        };
        if second == 60 {
            return Err(err(self.time_at, DateErrorKind::LeapSecond));
        }
        let naive = if hour == 24 && minute == 0 && second == 0 {
            // ISO 8601's 24:00 is the end of the day, the next day's midnight.
            date.succ_opt()
                .ok_or_else(bad_time)?
                .and_time(NaiveTime::MIN)
        } else {
            date.and_time(NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(bad_time)?)
        };
        let (instant, note) = match self.zone {
            Some(minutes) => {
                let offset = FixedOffset::east_opt(minutes * 60)
                    .ok_or_else(|| err(0, DateErrorKind::BadOffset(minutes.to_string())))?;
                let instant = offset
                    .from_local_datetime(&naive)
                    .single()
                    .ok_or_else(bad_time)?;
                (instant, None)
            }
            None => in_zone(naive, timezone).ok_or_else(bad_time)?,
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
            return Err(err(0, DateErrorKind::YearOutOfRange(instant.year())));
        }
        Ok(Timestamp { instant, note })
    }
}

/// Places a wall-clock time in an IANA zone by the rule in the module docs.
fn in_zone(
    naive: NaiveDateTime,
    zone: Tz,
) -> Option<(DateTime<FixedOffset>, Option<LocalTimeNote>)> {
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
