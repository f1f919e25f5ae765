//! Reading numbers: clocks, numeric dates, ISO forms and offsets.

use super::super::calendar::{self, Word};
use super::super::tokens::{Tok, Token};
use super::super::{DateError, DateErrorKind, DateOrder};
use super::{Reader, err};

impl Reader<'_> {
    pub(super) fn number(&mut self, token: Token, value: u64, len: usize) -> Result<(), DateError> {
        let at = token.start;
        // hh:mm[:ss[.frac]]
        if self.sym_at(1) == Some(':') && self.num_at(2).is_some() {
            return self.clock(':');
        }
        // dd/mm/yyyy, yyyy-mm-dd, dd.mm.yyyy
        if let (Some(sep @ ('/' | '-' | '.')), Some(_), Some(sep2), Some(_)) = (
            self.sym_at(1),
            self.num_at(2),
            self.sym_at(3),
            self.num_at(4),
        ) && sep == sep2
            && !self.has_date()
        {
            return self.numeric_date();
        }
        // mm/yyyy or yyyy-mm: a month and a year, and no day.
        if let (Some('/' | '-' | '.'), Some((second, second_len))) =
            (self.sym_at(1), self.num_at(2))
            && self.f.month.is_none()
            && ((len <= 2 && second_len == 4) || (len == 4 && second_len <= 2))
        {
            let (month, year) = if len == 4 {
                (second, value)
            } else {
                (value, second)
            };
            self.pos += 3;
            self.set_year(year_in_range(year, at)?, at)?;
            return self.set_month(small(month), at);
        }
        // dd-Mon-yyyy, and yyyy-Mon-dd
        if self.sym_at(1) == Some('-')
            && self.word_at(2).and_then(calendar::month_number).is_some()
            && self.sym_at(3) == Some('-')
            && self.num_at(4).is_some()
        {
            if len == 4 {
                self.set_year(year_in_range(value, at)?, at)?;
                self.pos += 2;
                self.word(self.toks[self.pos])?;
                self.pos += 1; // the second '-'
                let (day, day_len) = self.num_at(0).unwrap_or_default();
                let day_token = self.toks[self.pos];
                if day_len > 2 {
                    return Err(err(
                        day_token.start,
                        DateErrorKind::UnexpectedNumber(
                            self.text[day_token.start..day_token.end].to_owned(),
                        ),
                    ));
                }
                self.pos += 1;
                return self.set_day(small(day), day_token.start);
            }
            self.set_day(small(value), at)?;
            self.pos += 2;
            self.word(self.toks[self.pos])?;
            self.pos += 1; // the second '-'
            return Ok(());
        }
        // 22.37 or 10.37 p.m.: once the date is known, when AM/PM follows,
        // or first of all, as in `22.37, 8 August 2023`.
        if self.sym_at(1) == Some('.')
            && len <= 2
            && matches!(self.num_at(2), Some((_, 2)))
            && (self.has_date()
                || self.word_at(3).and_then(calendar::meridiem).is_some()
                || self.at_start())
        {
            return self.clock('.');
        }
        // ISO 8601 basic: 20230808[T223700]
        if len == 8 {
            let (y, md) = (value / 10_000, value % 10_000);
            self.set_year(year_in_range(y, at)?, at)?;
            self.set_month((md / 100) as u32, at)?;
            self.set_day((md % 100) as u32, at)?;
            self.pos += 1;
            return Ok(());
        }
        if self.after_iso_t() && (len == 4 || len == 6) {
            let (hour, minute, second) = if len == 4 {
                (value / 100, value % 100, 0)
            } else {
                (value / 10_000, value / 100 % 100, value % 100)
            };
            self.set_time(small(hour), small(minute), small(second), at)?;
            self.pos += 1;
            return self.fraction();
        }
        // 8th
        if let Some(w) = self.word_at(1)
            && matches!(w, "st" | "nd" | "rd" | "th")
            && !self.toks[self.pos + 1].spaced
            && len <= 2
        {
            self.set_day(small(value), at)?;
            self.pos += 2;
            return Ok(());
        }
        // 10 PM, 12 noon
        if len <= 2
            && self
                .word_at(1)
                .and_then(calendar::word)
                .is_some_and(|w| matches!(w, Word::Meridiem(_) | Word::Noon | Word::Midnight))
        {
            self.set_time(small(value), 0, 0, at)?;
            self.pos += 1;
            return Ok(());
        }
        // `1530 GMT`: a time without its colon, as wire services write
        // it, where a zone follows four digits that make a clock.
        // With no year anywhere else (`Aug 8, 1530 GMT` is a time and no
        // year, or the year 1530 at midnight), it is refused at the end.
        if len == 4
            && self.f.hour.is_none()
            && !self.short_year
            && value % 100 < 60
            && value < 2400
            && self.zone_name_follows()
        {
            self.set_time(small(value / 100), small(value % 100), 0, at)?;
            self.colonless = Some((at, token.end));
            self.pos += 1;
            return Ok(());
        }
        // A bare number: a year, a day, or a two-digit year after day and month.
        self.pos += 1;
        if len == 4 {
            // `03 Apr 02 1500`: after a two-digit year, a time without its colon.
            if self.short_year && self.f.hour.is_none() && value % 100 < 60 && value < 2400 {
                return Err(err(
                    at,
                    DateErrorKind::ColonlessTime(self.text[at..token.end].to_owned()),
                ));
            }
            return self.set_year(year_in_range(value, at)?, at);
        }
        if len <= 2 && self.f.day.is_none() && value >= 1 {
            return self.set_day(small(value), at);
        }
        if len == 2 && self.f.year.is_none() && self.f.day.is_some() && self.f.month.is_some() {
            self.short_year = true;
            return self.set_year(two_digit_year(value), at);
        }
        Err(err(
            at,
            DateErrorKind::UnexpectedNumber(self.text[at..token.end].to_owned()),
        ))
    }

    /// Whether the token before this one is the ISO `T` right after a date.
    fn after_iso_t(&self) -> bool {
        self.pos >= 1
            && matches!(&self.toks[self.pos - 1].tok, Tok::Word(b, 1) if b[0] == b't')
            && self.has_date()
    }

    fn numeric_date(&mut self) -> Result<(), DateError> {
        let at = self.toks[self.pos].start;
        let written = self.src(self.pos, 5).to_owned();
        let (a, alen) = self.num_at(0).unwrap_or_default();
        let (b, blen) = self.num_at(2).unwrap_or_default();
        let (c, clen) = self.num_at(4).unwrap_or_default();
        self.pos += 5;
        let parts_fit = blen <= 2 && if alen == 4 { clen <= 2 } else { alen <= 2 };
        if !parts_fit {
            return Err(err(at, DateErrorKind::UnexpectedNumber(written)));
        }
        if alen == 4 {
            self.set_year(year_in_range(a, at)?, at)?;
            self.set_month(small(b), at)?;
            return self.set_day(small(c), at);
        }
        if clen != 4 {
            return Err(err(at, DateErrorKind::TwoDigitNumericYear(written)));
        }
        let (a, b) = (small(a), small(b));
        let day_first = match self.order {
            Some(order) => order == DateOrder::DayFirst,
            None if a > 12 && b <= 12 => true,
            None if b > 12 && a <= 12 => false,
            None if a == b => true,
            None if a > 12 && b > 12 => return Err(err(at, DateErrorKind::NoSuchMonth(b.min(a)))),
            None => return Err(err(at, DateErrorKind::AmbiguousOrder(written))),
        };
        let (day, month) = if day_first { (a, b) } else { (b, a) };
        self.set_year(year_in_range(c, at)?, at)?;
        self.set_month(month, at)?;
        self.set_day(day, at)
    }

    /// Reads `hh<sep>mm[:ss[.frac]]` starting at the current token.
    fn clock(&mut self, sep: char) -> Result<(), DateError> {
        let at = self.toks[self.pos].start;
        let (hour, _) = self.num_at(0).unwrap_or_default();
        let (minute, mlen) = self.num_at(2).unwrap_or_default();
        let mut second = 0;
        if mlen != 2 {
            return Err(self.short_field("minute", 2));
        }
        self.pos += 3;
        if sep == '.'
            && self.sym_at(0) == Some('.')
            && matches!(self.glued_num_at(1), Some((_, 2)))
            && !self.toks[self.pos].spaced
        {
            // `22.37.05`: the seconds, dotted as the minutes are.
            let (s, _) = self.num_at(1).unwrap_or_default();
            second = s;
            self.pos += 2;
        } else if sep == ':' && self.sym_at(0) == Some(':') {
            match self.num_at(1) {
                Some((s, 2)) => {
                    second = s;
                    self.pos += 2;
                }
                Some(_) => return Err(self.short_field("second", 1)),
                None => return Err(err(at, DateErrorKind::NoSuchTime(self.src_from(at)))),
            }
        }
        self.set_time(small(hour), small(minute), small(second), at)?;
        self.fraction()
    }

    /// A minute or second written with other than two digits.
    fn short_field(&self, field: &'static str, ahead: usize) -> DateError {
        let token = self.toks[(self.pos + ahead).min(self.toks.len() - 1)];
        err(
            token.start,
            DateErrorKind::FieldDigits {
                field,
                written: self.text[token.start..token.end].to_owned(),
            },
        )
    }

    pub(super) fn src_from(&self, at: usize) -> String {
        let end = self.toks[self.pos.min(self.toks.len()) - 1].end;
        self.text[at..end].to_owned()
    }

    /// Skips a fraction of a second (`.123`, `,5`) right after the seconds.
    fn fraction(&mut self) -> Result<(), DateError> {
        if matches!(self.sym_at(0), Some('.' | ','))
            && self.num_at(1).is_some()
            && !self.toks[self.pos].spaced
            && !self.toks[self.pos + 1].spaced
        {
            self.pos += 2;
        }
        Ok(())
    }

    /// Reads `+hhmm`, `+hh:mm`, `+hh` or `+h` at the current token.
    pub(super) fn offset(&mut self) -> Result<i32, DateError> {
        let at = self.toks[self.pos].start;
        let sign = if self.sym_at(0) == Some('-') { -1 } else { 1 };
        let (value, len) = self.num_at(1).unwrap_or_default();
        self.pos += 2;
        let (hours, minutes) = match len {
            1 | 2 if self.sym_at(0) == Some(':') && matches!(self.num_at(1), Some((_, 2))) => {
                let (m, _) = self.num_at(1).unwrap_or_default();
                self.pos += 2;
                (value, m)
            }
            1 | 2 => (value, 0),
            4 => (value / 100, value % 100),
            _ => return Err(err(at, DateErrorKind::BadOffset(self.src_from(at)))),
        };
        if hours > 23 || minutes > 59 {
            return Err(err(at, DateErrorKind::BadOffset(self.src_from(at))));
        }
        Ok(sign * (small(hours) * 60 + small(minutes)) as i32)
    }
}

fn small(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// RFC 2822 §4.3: 00-49 are 2000-2049, 50-99 are 1950-1999.
pub(super) fn two_digit_year(v: u64) -> i32 {
    let y = small(v % 100) as i32;
    if y < 50 { 2000 + y } else { 1900 + y }
}

fn year_in_range(v: u64, at: usize) -> Result<i32, DateError> {
    let y = i32::try_from(v).unwrap_or(i32::MAX);
    if (1000..=9999).contains(&y) {
        Ok(y)
    } else {
        Err(err(at, DateErrorKind::YearOutOfRange(y)))
    }
}
