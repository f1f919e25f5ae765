//! Reading tokens into date and time fields, left to right. The fields are
//! checked together afterwards, in `resolve`.

use chrono::Weekday;

use super::calendar::{self, Meridiem, Word};
use super::tokens::{Tok, Token};
use super::zones::{self, Ambiguous, Lookup, ZoneAbbreviations, ZoneRule};
use super::{DateError, DateErrorKind, DateOrder};

mod numbers;

use numbers::two_digit_year;

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
    /// The zone as said, and as said again (`+0000 (UTC)`); the two must agree.
    pub zones: [Option<SaidZone>; 2],
    pub time_at: usize,
}

/// A zone as the timestamp gives it, with where it stands.
#[derive(Debug, Clone, Copy)]
pub(super) struct SaidZone {
    pub zone: Said,
    pub start: usize,
    pub end: usize,
}

/// What a zone in the text stands for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Said {
    /// One meaning.
    Rule(ZoneRule),
    /// Several meanings: only another zone beside it can settle it.
    Ambiguous(&'static Ambiguous),
}

pub(super) struct Reader<'a> {
    text: &'a str,
    toks: &'a [Token],
    pos: usize,
    order: Option<DateOrder>,
    zones: &'a ZoneAbbreviations,
    /// Whether the month was given by name (apostrophe years need one).
    month_named: bool,
    /// Whether the year was written with two digits (`8 Aug 23`).
    short_year: bool,
    /// Where four digits before a zone's name were read as a time
    /// without its colon (`1530 GMT`).
    colonless: Option<(usize, usize)>,
    f: Fields,
}

fn err(at: usize, kind: DateErrorKind) -> DateError {
    DateError { at, kind }
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        text: &'a str,
        toks: &'a [Token],
        order: Option<DateOrder>,
        zones: &'a ZoneAbbreviations,
    ) -> Self {
        Self {
            text,
            toks,
            pos: 0,
            order,
            zones,
            month_named: false,
            short_year: false,
            colonless: None,
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

    /// A number right after the current token, with no blank between.
    fn glued_num_at(&self, ahead: usize) -> Option<(u64, usize)> {
        self.num_at(ahead)
            .filter(|_| self.peek(ahead).is_some_and(|t| !t.spaced))
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
        if let Some((start, end)) = self.colonless
            && self.f.year.is_none()
        {
            return Err(err(
                start,
                DateErrorKind::YearOrTime(self.text[start..end].to_owned()),
            ));
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

    /// Nothing of the date or time read yet: a clock may come first.
    fn at_start(&self) -> bool {
        self.f.year.is_none()
            && self.f.month.is_none()
            && self.f.day.is_none()
            && self.f.hour.is_none()
    }

    fn word(&mut self, token: Token) -> Result<(), DateError> {
        let at = token.start;
        let Tok::Word(buf, len) = token.tok else {
            return Err(err(at, DateErrorKind::UnknownWord(String::new())));
        };
        let lower = std::str::from_utf8(&buf[..len]).unwrap_or_default();
        let Some(word) = calendar::word(lower) else {
            return self.zone(token);
        };
        self.pos += 1;
        match word {
            Word::Month(month) => {
                self.month_named = true;
                self.set_month(month, at)
            }
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
                // Noon is 12 PM and midnight 12 AM: an AM or PM after
                // either is said twice (`12 noon AM`).
                let meridiem = if word == Word::Noon {
                    Meridiem::Pm
                } else {
                    Meridiem::Am
                };
                match self.f.hour {
                    // `12 noon`, `12 midnight`; not `12:30 noon`.
                    Some(12)
                        if self.f.meridiem.is_none()
                            && self.f.minute == 0
                            && self.f.second == 0 => {}
                    Some(_) => return Err(err(at, DateErrorKind::Repeated("time"))),
                    None => self.set_time(12, 0, 0, at)?,
                }
                self.f.meridiem = Some((meridiem, at));
                Ok(())
            }
            Word::Relative => Err(err(
                at,
                DateErrorKind::Relative(self.text[at..token.end].to_owned()),
            )),
        }
    }

    /// Reads a zone abbreviation, with the offset after `GMT`/`UTC` if any.
    fn zone(&mut self, token: Token) -> Result<(), DateError> {
        let written = self.text[token.start..token.end].trim_end_matches('.');
        let zone = match zones::lookup(written, self.zones) {
            Lookup::Zone(rule) => {
                self.pos += 1;
                // GMT+4, UTC-03:30
                if zones::takes_offset(written)
                    && matches!(self.sym_at(0), Some('+' | '-'))
                    && self.glued_num_at(1).is_some()
                {
                    Said::Rule(ZoneRule::Offset(self.offset()?))
                } else {
                    Said::Rule(rule)
                }
            }
            Lookup::Ambiguous(entry) => {
                self.pos += 1;
                Said::Ambiguous(entry)
            }
            Lookup::Unknown => {
                return Err(err(
                    token.start,
                    DateErrorKind::UnknownWord(self.text[token.start..token.end].to_owned()),
                ));
            }
        };
        let end = self.toks[self.pos - 1].end;
        self.set_zone(SaidZone {
            zone,
            start: token.start,
            end,
        })
    }

    /// Whether the tokens after a sign read as a whole offset: `04:00`
    /// or `0400`, glued to the sign.
    fn offset_follows(&self) -> bool {
        match self.glued_num_at(1) {
            Some((_, 4)) => true,
            Some((_, 1 | 2)) => {
                self.sym_at(2) == Some(':')
                    && matches!(self.num_at(3), Some((_, 2)))
                    && self.toks.get(self.pos + 2).is_some_and(|t| !t.spaced)
            }
            _ => false,
        }
    }

    /// Whether a zone's name follows the current token: an abbreviation
    /// the reader knows, whatever its meanings (`GMT`, `EDT`, `IST`).
    pub(super) fn zone_name_follows(&self) -> bool {
        let Some(next) = self.peek(1) else {
            return false;
        };
        let written = self.text[next.start..next.end].trim_end_matches('.');
        matches!(next.tok, Tok::Word(..))
            && calendar::word(&written.to_ascii_lowercase()).is_none()
            && !matches!(zones::lookup(written, self.zones), Lookup::Unknown)
    }

    fn set_zone(&mut self, said: SaidZone) -> Result<(), DateError> {
        match &mut self.f.zones {
            [first @ None, _] => *first = Some(said),
            [Some(_), second @ None] => *second = Some(said),
            [Some(_), Some(_)] => return Err(err(said.start, DateErrorKind::Repeated("zone"))),
        }
        Ok(())
    }

    /// A numeric offset standing alone (`+04:00`, `-0400`).
    fn offset_zone(&mut self) -> Result<(), DateError> {
        let start = self.toks[self.pos].start;
        let minutes = self.offset()?;
        let end = self.toks[self.pos - 1].end;
        self.set_zone(SaidZone {
            zone: Said::Rule(ZoneRule::Offset(minutes)),
            start,
            end,
        })
    }

    /// An RFC 5322 comment after the zone, holding the zone again: `(UTC)`.
    fn comment(&mut self, open: Token) -> Result<(), DateError> {
        let bad = || err(open.start, DateErrorKind::BadComment);
        self.pos += 1;
        match self.peek(0).copied() {
            Some(
                token @ Token {
                    tok: Tok::Word(..), ..
                },
            ) => self.zone(token).map_err(|e| match e.kind {
                DateErrorKind::UnknownWord(_) => bad(),
                _ => e,
            })?,
            Some(Token {
                tok: Tok::Sym('+' | '-'),
                ..
            }) if self.glued_num_at(1).is_some() => self.offset_zone()?,
            _ => return Err(bad()),
        }
        if self.sym_at(0) != Some(')') {
            return Err(bad());
        }
        self.pos += 1;
        Ok(())
    }

    fn symbol(&mut self, token: Token, c: char) -> Result<(), DateError> {
        match c {
            '+' | '-' if self.f.hour.is_some() && self.glued_num_at(1).is_some() => {
                self.offset_zone()
            }
            // An offset after a date with no time (`2023-08-08 -04:00`,
            // XML Schema's dated offset): that zone's midnight. A `-`
            // right after the date's digits stays a separator
            // (`2023-08-08-10:37`), and a `+` is never one.
            '+' | '-' if self.has_date() && (c == '+' || token.spaced) && self.offset_follows() => {
                self.offset_zone()
            }
            '(' => self.comment(token),
            // Separators between date and time, as a comma is.
            ',' | '.' | '|' | '@' => {
                self.pos += 1;
                Ok(())
            }
            // `14 Feb ’20`: a two-digit year after a month name.
            '\'' | '\u{2018}' | '\u{2019}'
                if self.month_named
                    && self.f.year.is_none()
                    && matches!(self.glued_num_at(1), Some((_, 2))) =>
            {
                let (value, _) = self.num_at(1).unwrap_or_default();
                self.pos += 2;
                self.short_year = true;
                self.set_year(two_digit_year(value), token.start)
            }
            // The `-` of `Aug-08-2023` and `08-Aug-2023` between name and
            // number, and a dash or slash between date and time.
            '-' | '/' if self.pos > 0 && self.peek(1).is_some() => {
                self.pos += 1;
                Ok(())
            }
            _ => Err(err(token.start, DateErrorKind::UnexpectedChar(c))),
        }
    }
}
