//! Reading tokens into date and time fields, left to right. The fields are
//! checked together afterwards, in `resolve`.

use chrono::Weekday;

use super::calendar::{self, Meridiem, Word};
use super::tokens::{Tok, Token};
use super::zones::{AMBIGUOUS_ZONES, ZONES};
use super::{DateError, DateErrorKind, DateOrder};

mod numbers;

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

pub(super) struct Reader<'a> {
    text: &'a str,
    toks: &'a [Token],
    pos: usize,
    order: Option<DateOrder>,
    f: Fields,
}

fn err(at: usize, kind: DateErrorKind) -> DateError {
    DateError { at, kind }
}

impl<'a> Reader<'a> {
    pub(super) fn new(text: &'a str, toks: &'a [Token], order: Option<DateOrder>) -> Self {
        Self {
            text,
            toks,
            pos: 0,
            order,
            f: Fields::default(),
        }
    }

    fn peek(&self, ahead: usize) -> Option<&Token> {
        self.toks.get(self.pos + ahead)
    }

    fn sym_at(&self, ahead: usize) -> Option<char> {
        match self.peek(ahead)?.tok {
            Tok::Sym(c) => Some(c),
            _ => None,
        }
    }

    fn num_at(&self, ahead: usize) -> Option<(u64, usize)> {
        match self.peek(ahead)?.tok {
            Tok::Num(v, n) => Some((v, n)),
            _ => None,
        }
    }

    fn word_at(&self, ahead: usize) -> Option<&str> {
        match &self.peek(ahead)?.tok {
            Tok::Word(buf, len) => std::str::from_utf8(&buf[..*len]).ok(),
            _ => None,
        }
    }

    fn src(&self, from: usize, count: usize) -> &'a str {
        let first = self.toks[from].start;
        let last = self.toks[(from + count).min(self.toks.len()) - 1].end;
        &self.text[first..last]
    }

    pub(super) fn read(mut self) -> Result<Fields, DateError> {
        while let Some(token) = self.peek(0).copied() {
            match token.tok {
                Tok::Num(value, len) => self.number(token, value, len)?,
                Tok::Word(..) => self.word(token)?,
                Tok::Sym(c) => self.symbol(token, c)?,
            }
        }
        Ok(self.f)
    }

    fn set_year(&mut self, year: i32, at: usize) -> Result<(), DateError> {
        if self.f.year.replace(year).is_some() {
            return Err(err(at, DateErrorKind::Repeated("year")));
        }
        Ok(())
    }

    fn set_month(&mut self, month: u32, at: usize) -> Result<(), DateError> {
        if !(1..=12).contains(&month) {
            return Err(err(at, DateErrorKind::NoSuchMonth(month)));
        }
        if self.f.month.replace(month).is_some() {
            return Err(err(at, DateErrorKind::Repeated("month")));
        }
        Ok(())
    }

    fn set_day(&mut self, day: u32, at: usize) -> Result<(), DateError> {
        if self.f.day.replace(day).is_some() {
            return Err(err(at, DateErrorKind::Repeated("day")));
        }
        Ok(())
    }

    fn set_time(
        &mut self,
        hour: u32,
        minute: u32,
        second: u32,
        at: usize,
    ) -> Result<(), DateError> {
        if self.f.hour.replace(hour).is_some() {
            return Err(err(at, DateErrorKind::Repeated("time")));
        }
        self.f.minute = minute;
        self.f.second = second;
        self.f.time_at = at;
        Ok(())
    }

    fn has_date(&self) -> bool {
        self.f.year.is_some() && self.f.month.is_some() && self.f.day.is_some()
    }

    fn word(&mut self, token: Token) -> Result<(), DateError> {
        let at = token.start;
        let Tok::Word(buf, len) = token.tok else {
            return Err(err(at, DateErrorKind::UnknownWord(String::new())));
        };
        let lower = std::str::from_utf8(&buf[..len]).unwrap_or_default();
        let Some(word) = calendar::word(lower) else {
            return self.zone(token, lower);
        };
        self.pos += 1;
        match word {
            Word::Month(month) => self.set_month(month, at),
            Word::Weekday(weekday) => {
                if self.f.weekday.replace((weekday, at)).is_some() {
                    return Err(err(at, DateErrorKind::Repeated("weekday")));
                }
                Ok(())
            }
            Word::Meridiem(m) => {
                if self.f.hour.is_none() {
                    return Err(err(
                        at,
                        DateErrorKind::UnknownWord(self.text[at..token.end].to_owned()),
                    ));
                }
                if self.f.meridiem.replace((m, at)).is_some() {
                    return Err(err(at, DateErrorKind::Repeated("AM/PM")));
                }
                Ok(())
            }
            Word::Filler => Ok(()),
            Word::Noon | Word::Midnight => {
                let hour = if word == Word::Noon { 12 } else { 0 };
                match self.f.hour {
                    // `12 noon`, `12 midnight`
                    Some(12) if self.f.meridiem.is_none() => {
                        self.f.hour = Some(hour);
                        Ok(())
                    }
                    Some(_) => Err(err(at, DateErrorKind::Repeated("time"))),
                    None => self.set_time(hour, 0, 0, at),
                }
            }
            Word::Relative => Err(err(
                at,
                DateErrorKind::Relative(self.text[at..token.end].to_owned()),
            )),
        }
    }

    /// Reads a zone abbreviation, with the offset after it if any.
    fn zone(&mut self, token: Token, word: &str) -> Result<(), DateError> {
        let at = token.start;
        if let Some(&(_, minutes)) = ZONES.iter().find(|(name, _)| *name == word) {
            self.pos += 1;
            // GMT+4, UTC-03:30
            let offset = if matches!(self.sym_at(0), Some('+' | '-')) && self.num_at(1).is_some() {
                self.offset()?
            } else {
                minutes
            };
            return self.set_zone(offset, at);
        }
        if AMBIGUOUS_ZONES.contains(&word) {
            return Err(err(
                at,
                DateErrorKind::AmbiguousZone(self.text[at..token.end].to_owned()),
            ));
        }
        Err(err(
            at,
            DateErrorKind::UnknownWord(self.text[at..token.end].to_owned()),
        ))
    }

    fn set_zone(&mut self, minutes: i32, at: usize) -> Result<(), DateError> {
        if self.f.zone.replace(minutes).is_some() {
            return Err(err(at, DateErrorKind::Repeated("zone")));
        }
        Ok(())
    }

    fn symbol(&mut self, token: Token, c: char) -> Result<(), DateError> {
        match c {
            '+' | '-' if self.f.hour.is_some() && self.num_at(1).is_some() => {
                let offset = self.offset()?;
                self.set_zone(offset, token.start)
            }
            ',' | '.' | '(' | ')' => {
                self.pos += 1;
                Ok(())
            }
            // The `-` of `Aug-08-2023` and `08-Aug-2023` between name and number.
            '-' | '/' if self.f.hour.is_none() && self.pos > 0 && self.peek(1).is_some() => {
                self.pos += 1;
                Ok(())
            }
            _ => Err(err(token.start, DateErrorKind::UnexpectedChar(c))),
        }
    }
}
