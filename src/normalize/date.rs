//! Reading the timestamps that news sites print.
//!
//! [`parse`] turns one timestamp string into an instant with its UTC offset.
//! It reads the string once, left to right, into fields (year, month, day,
//! time, zone) and then checks the fields together.
//!
//! # Accepted
//!
//! | style | examples |
//! |---|---|
//! | month name first | `August 08, 2023, 10:37 PM`, `Aug. 8, 2023 at 10:37 p.m.`, `Sept. 8th 2023`, `Tuesday, August 8, 2023` |
//! | day first | `8 August 2023`, `08-Aug-2023 22:37`, `Tuesday 8th August 2023, 22.37 BST` |
//! | RFC 2822 / 822 | `Tue, 08 Aug 2023 22:37:00 +0400`, `8 Aug 23 22:37 GMT` (two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999, as RFC 2822 §4.3 says) |
//! | ISO 8601 / RFC 3339 | `2023-08-08`, `2023-08-08T22:37:00.5Z`, `2023-08-08 22:37+04:00`, `20230808T223700Z` |
//! | year first, other separators | `2023/08/08 22:37`, `2023.08.08` |
//! | all-numeric, day and month | `13/08/2023` (a part over 12 can only be the day), `08/08/2023` (both orders agree); others need `date_order` |
//!
//! Names of months and weekdays are English, any case, full or abbreviated
//! (`Sep`, `Sept`, `Tues`, `Thurs`), with or without a final dot. Clocks are
//! 12-hour (`10 PM`, `10:37pm`, `10.37 p.m.`, `12 noon`, `midnight`) or
//! 24-hour (`22:37`, `22:37:05`, `22.37`, `24:00`); seconds may have a
//! fraction, which is dropped (feeds carry whole seconds). The words `at`,
//! `on`, `of` and `the` and the ISO `T` may stand between the parts.
//!
//! A zone is a numeric offset (`+0400`, `+04:00`, `-04`, `GMT+4`, `UTC-03:30`),
//! `Z`, an IANA name at the end (`Asia/Dubai`), or one of the abbreviations in
//! [`ZONES`]. A timestamp with no zone is a wall-clock time in the configured
//! time zone; a date with no time is that zone's midnight.
//!
//! # Local times that do not exist once
//!
//! A wall-clock time inside a daylight-saving gap (02:30 on a spring-forward
//! night) is read with the offset in force before the gap, so it lands as far
//! after the gap's start as it claims to be (03:30). A time that occurs twice
//! (an autumn overlap) is the first of the two. Both give a [`LocalTimeNote`]
//! for the caller to warn about.
//!
//! # Rejected
//!
//! Impossible dates (February 30, hour 25), a weekday that does not match the
//! date, all-numeric dates whose order is ambiguous (`03/04/2023`) unless an
//! order is configured, all-numeric dates with a two-digit year, a missing
//! day, month or year, relative dates (`yesterday`, `2 hours ago`), names in
//! other languages, ambiguous zone abbreviations (`IST`, `AST`), leap seconds,
//! years outside 1000-9999, and anything left over that is not understood.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Weekday,
};
use chrono_tz::Tz;

/// How to read an all-numeric date such as `03/04/2023` whose order the
/// numbers alone do not settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Month first, as in the United States: `03/04/2023` is March 4.
    MonthFirst,
    /// Day first, as in most of the world: `03/04/2023` is April 3.
    DayFirst,
}

impl FromStr for DateOrder {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "mdy" | "month-first" => Ok(Self::MonthFirst),
            "dmy" | "day-first" => Ok(Self::DayFirst),
            _ => Err(format!("unknown date order `{s}`; expected `mdy` or `dmy`")),
        }
    }
}

/// What the parser needs besides the string.
#[derive(Debug, Clone, Copy)]
pub struct DateOptions {
    /// The zone of timestamps that name none.
    pub timezone: Tz,
    /// How to read ambiguous all-numeric dates; `None` rejects them.
    pub order: Option<DateOrder>,
}

impl Default for DateOptions {
    fn default() -> Self {
        Self {
            timezone: Tz::UTC,
            order: None,
        }
    }
}

/// A wall-clock time that the time zone did not show exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTimeNote {
    /// The time fell in a daylight-saving gap and was moved forward.
    Gap {
        /// The time as written.
        written: NaiveDateTime,
        /// The zone it was read in.
        zone: Tz,
    },
    /// The time occurred twice; the earlier one was taken.
    Overlap {
        /// The time as written.
        written: NaiveDateTime,
        /// The zone it was read in.
        zone: Tz,
    },
}

impl fmt::Display for LocalTimeNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Gap { written, zone } => write!(
                f,
                "`{written}` does not exist in {zone} (a daylight-saving gap); read it with the offset before the gap"
            ),
            Self::Overlap { written, zone } => write!(
                f,
                "`{written}` occurs twice in {zone} (a daylight-saving overlap); took the earlier one"
            ),
        }
    }
}

/// A timestamp read from text: the instant, in whole seconds, with the
/// offset it was written in (or the configured zone's offset at that instant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The instant and its offset.
    pub instant: DateTime<FixedOffset>,
    /// Set when the local time was in a gap or an overlap.
    pub note: Option<LocalTimeNote>,
}

/// Why a timestamp could not be read. `at` is the byte offset in the input
/// where the problem starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// Byte offset of the problem within the string.
    pub at: usize,
    /// What is wrong.
    pub kind: DateErrorKind,
}

/// The kinds of [`DateError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateErrorKind {
    /// Nothing but blanks.
    Empty,
    /// A word that is no month, weekday, zone or known filler.
    UnknownWord(String),
    /// A number that fits no slot.
    UnexpectedNumber(String),
    /// A character that has no place in a timestamp.
    UnexpectedChar(char),
    /// `yesterday`, `ago` and the like: they need a clock.
    Relative(String),
    /// A field given twice, such as two years.
    Repeated(&'static str),
    /// A field that is needed and missing.
    Missing(&'static str),
    /// Year, month and day that name no day.
    NoSuchDay {
        /// The year as read.
        year: i32,
        /// The month as read.
        month: u32,
        /// The day as read.
        day: u32,
    },
    /// A month number over 12 or zero.
    NoSuchMonth(u32),
    /// A time of day that does not exist.
    NoSuchTime(String),
    /// Second 60.
    LeapSecond,
    /// A year that cannot be written with four digits.
    YearOutOfRange(i32),
    /// An all-numeric date whose order is not settled.
    AmbiguousOrder(String),
    /// An all-numeric date with a two-digit year.
    TwoDigitNumericYear(String),
    /// A zone abbreviation that names more than one zone.
    AmbiguousZone(String),
    /// An offset beyond ±23:59.
    BadOffset(String),
    /// The weekday disagrees with the date.
    WrongWeekday {
        /// The weekday as written.
        written: Weekday,
        /// The date it was written with.
        date: NaiveDate,
    },
    /// `AM`/`PM` with an hour it cannot go with.
    BadMeridiem(u32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DateErrorKind as K;
        match &self.kind {
            K::Empty => f.write_str("the date is empty"),
            K::UnknownWord(w) => write!(
                f,
                "unknown word `{w}`; expected an English month or weekday, `at`, `AM`/`PM` or a zone"
            ),
            K::UnexpectedNumber(n) => write!(f, "unexpected number `{n}`"),
            K::UnexpectedChar(c) => write!(f, "unexpected character `{c}`"),
            K::Relative(w) => write!(
                f,
                "relative date `{w}` cannot be resolved without a clock; write the date"
            ),
            K::Repeated(what) => write!(f, "the {what} is given twice"),
            K::Missing(what) => write!(f, "no {what}"),
            K::NoSuchDay { year, month, day } => {
                write!(f, "no such day: {year:04}-{month:02}-{day:02}")
            }
            K::NoSuchMonth(m) => write!(f, "no such month: `{m}`"),
            K::NoSuchTime(t) => write!(f, "no such time of day: `{t}`"),
            K::LeapSecond => f.write_str("leap second `60` is not supported"),
            K::YearOutOfRange(y) => {
                write!(f, "year `{y}` is out of range; expected 1000 to 9999")
            }
            K::AmbiguousOrder(s) => write!(
                f,
                "`{s}` could be day/month or month/day; set `date_order` or write the month's name"
            ),
            K::TwoDigitNumericYear(s) => write!(
                f,
                "`{s}` has a two-digit year in an all-numeric date; write the year in full"
            ),
            K::AmbiguousZone(z) => write!(
                f,
                "zone `{z}` names more than one zone; use a numeric offset such as `+05:30`"
            ),
            K::BadOffset(o) => write!(f, "offset `{o}` is out of range; expected -23:59 to +23:59"),
            K::WrongWeekday { written, date } => write!(
                f,
                "`{written}` does not match {date}, a {}",
                weekday_name(date.weekday())
            ),
            K::BadMeridiem(h) => write!(f, "hour `{h}` cannot go with AM/PM; expected 1 to 12"),
        }
    }
}

impl std::error::Error for DateError {}

/// Zone abbreviations that news sites print, with the offset each stands for.
/// Where an abbreviation has several meanings in use, it is rejected instead
/// (see [`AMBIGUOUS_ZONES`]); `CST` is US Central, `GST` Gulf Standard Time and
/// `BST` British Summer Time.
pub const ZONES: &[(&str, i32)] = &[
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("gst", 240),
    ("pkt", 300),
    ("sgt", 480),
    ("hkt", 480),
    ("awst", 480),
    ("jst", 540),
    ("kst", 540),
    ("acst", 570),
    ("acdt", 630),
    ("aest", 600),
    ("aedt", 660),
    ("nzst", 720),
    ("nzdt", 780),
    ("nst", -210),
    ("ndt", -150),
    ("adt", -180),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("akst", -540),
    ("akdt", -480),
    ("hst", -600),
];

/// Abbreviations with several meanings in common use: India, Ireland and
/// Israel share `IST`; Atlantic and Arabia share `AST`.
pub const AMBIGUOUS_ZONES: &[&str] = &["ist", "ast", "sst", "cat"];

/// Parses one timestamp; see the module documentation for what it accepts.
pub fn parse(text: &str, options: &DateOptions) -> Result<Timestamp, DateError> {
    let (text, iana) = split_iana_zone(text);
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err(DateError {
            at: 0,
            kind: DateErrorKind::Empty,
        });
    }
    let fields = Reader::new(text, &tokens, options.order).read()?;
    fields.resolve(iana.unwrap_or(options.timezone))
}

/// Splits a trailing IANA zone name (`Europe/London`) off the text.
fn split_iana_zone(text: &str) -> (&str, Option<Tz>) {
    let trimmed = text.trim_end();
    if let Some((head, last)) = trimmed.rsplit_once(char::is_whitespace)
        && last.contains('/')
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && let Ok(tz) = last.parse::<Tz>()
    {
        return (head, Some(tz));
    }
    (text, None)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// Digits: value, digit count.
    Num(u64, usize),
    /// Letters (ASCII, lower-cased, dots removed) in a small buffer.
    Word([u8; WORD_MAX], usize),
    Sym(char),
}

const WORD_MAX: usize = 10;

#[derive(Debug, Clone, Copy)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
    /// Whether blank space separates it from the token before.
    spaced: bool,
}

fn tokenize(text: &str) -> Result<Vec<Token>, DateError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(16);
    let mut i = 0;
    let mut spaced = false;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let tok = if b.is_ascii_digit() {
            let mut value: u64 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                if i - start >= 18 {
                    return Err(DateError {
                        at: start,
                        kind: DateErrorKind::UnexpectedNumber(digits_run(text, start)),
                    });
                }
                value = value * 10 + u64::from(bytes[i] - b'0');
                i += 1;
            }
            Tok::Num(value, i - start)
        } else if b.is_ascii_alphabetic() {
            let mut buf = [0u8; WORD_MAX];
            let mut len = 0;
            let mut too_long = false;
            // A dot inside or after letters belongs to the word (`Aug.`, `p.m.`).
            while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'.') {
                if bytes[i] != b'.' {
                    if len < WORD_MAX {
                        buf[len] = bytes[i].to_ascii_lowercase();
                        len += 1;
                    } else {
                        too_long = true;
                    }
                }
                i += 1;
            }
            if text[i..].chars().next().is_some_and(char::is_alphabetic) {
                too_long = true;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
            if too_long {
                return Err(DateError {
                    at: start,
                    kind: DateErrorKind::UnknownWord(text[start..i].to_owned()),
                });
            }
            Tok::Word(buf, len)
        } else if b.is_ascii() {
            i += 1;
            Tok::Sym(char::from(b))
        } else if let Some(c) = text[i..].chars().next()
            && (c.is_whitespace() || matches!(c, '\u{2013}' | '\u{2014}'))
        {
            // No-break spaces (`10:37\u{202F}PM`) are blanks; en and em dashes
            // between date and time are separators like a comma.
            i += c.len_utf8();
            if c.is_whitespace() {
                spaced = true;
                continue;
            }
            Tok::Sym(',')
        } else {
            // A non-ASCII letter starts a word in another language or script.
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b',' {
                i += 1;
            }
            let word = &text[start..i];
            let kind = if word.chars().next().is_some_and(char::is_alphabetic) {
                DateErrorKind::UnknownWord(word.to_owned())
            } else {
                DateErrorKind::UnexpectedChar(word.chars().next().unwrap_or('\u{FFFD}'))
            };
            return Err(DateError { at: start, kind });
        };
        tokens.push(Token {
            tok,
            start,
            end: i,
            spaced,
        });
        spaced = false;
    }
    Ok(tokens)
}

fn digits_run(text: &str, start: usize) -> String {
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .take(24)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// The fields read from a timestamp, not yet checked together.
#[derive(Debug, Default)]
struct Fields {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<(Weekday, usize)>,
    hour: Option<u32>,
    minute: u32,
    second: u32,
    meridiem: Option<(Meridiem, usize)>,
    /// Offset east of UTC in minutes.
    zone: Option<i32>,
    time_at: usize,
}

struct Reader<'a> {
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
    fn new(text: &'a str, toks: &'a [Token], order: Option<DateOrder>) -> Self {
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

    fn read(mut self) -> Result<Fields, DateError> {
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

    fn number(&mut self, token: Token, value: u64, len: usize) -> Result<(), DateError> {
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
        // dd-Mon-yyyy
        if self.sym_at(1) == Some('-')
            && self.word_at(2).and_then(month_number).is_some()
            && self.sym_at(3) == Some('-')
            && self.num_at(4).is_some()
        {
            self.set_day(small(value), at)?;
            self.pos += 2;
            self.word(self.toks[self.pos])?;
            self.pos += 1; // the second '-'
            return Ok(());
        }
        // 22.37 or 10.37 p.m., once the date is known or when AM/PM follows.
        if self.sym_at(1) == Some('.')
            && len <= 2
            && matches!(self.num_at(2), Some((_, 2)))
            && (self.has_date() || self.word_at(3).and_then(meridiem).is_some())
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
                .is_some_and(|w| meridiem(w).is_some() || w == "noon" || w == "midnight")
        {
            self.set_time(small(value), 0, 0, at)?;
            self.pos += 1;
            return Ok(());
        }
        // A bare number: a year, a day, or a two-digit year after day and month.
        self.pos += 1;
        if len == 4 {
            return self.set_year(year_in_range(value, at)?, at);
        }
        if len <= 2 && self.f.day.is_none() && value >= 1 {
            return self.set_day(small(value), at);
        }
        if len == 2 && self.f.year.is_none() && self.f.day.is_some() && self.f.month.is_some() {
            let y = small(value) as i32;
            return self.set_year(if y < 50 { 2000 + y } else { 1900 + y }, at);
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
        self.pos += 3;
        if mlen != 2 {
            return Err(err(at, DateErrorKind::NoSuchTime(self.src_from(at))));
        }
        if sep == ':' && self.sym_at(0) == Some(':') {
            match self.num_at(1) {
                Some((s, 2)) => {
                    second = s;
                    self.pos += 2;
                }
                _ => return Err(err(at, DateErrorKind::NoSuchTime(self.src_from(at)))),
            }
        }
        self.set_time(small(hour), small(minute), small(second), at)?;
        self.fraction()
    }

    fn src_from(&self, at: usize) -> String {
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

    fn word(&mut self, token: Token) -> Result<(), DateError> {
        let at = token.start;
        let Tok::Word(buf, len) = token.tok else {
            return Err(err(at, DateErrorKind::UnknownWord(String::new())));
        };
        let word = std::str::from_utf8(&buf[..len]).unwrap_or_default();
        if let Some(month) = month_number(word) {
            self.pos += 1;
            return self.set_month(month, at);
        }
        if let Some(weekday) = weekday_number(word) {
            self.pos += 1;
            if self.f.weekday.replace((weekday, at)).is_some() {
                return Err(err(at, DateErrorKind::Repeated("weekday")));
            }
            return Ok(());
        }
        if let Some(m) = meridiem(word) {
            self.pos += 1;
            if self.f.hour.is_none() {
                return Err(err(
                    at,
                    DateErrorKind::UnknownWord(self.text[at..token.end].to_owned()),
                ));
            }
            if self.f.meridiem.replace((m, at)).is_some() {
                return Err(err(at, DateErrorKind::Repeated("AM/PM")));
            }
            return Ok(());
        }
        match word {
            "at" | "on" | "of" | "the" | "t" => {
                self.pos += 1;
                return Ok(());
            }
            "noon" | "midnight" => {
                self.pos += 1;
                let hour = if word == "noon" { 12 } else { 0 };
                return match self.f.hour {
                    // `12 noon`, `12 midnight`
                    Some(12) if self.f.meridiem.is_none() => {
                        self.f.hour = Some(hour);
                        Ok(())
                    }
                    Some(_) => Err(err(at, DateErrorKind::Repeated("time"))),
                    None => self.set_time(hour, 0, 0, at),
                };
            }
            "ago" | "yesterday" | "today" | "tomorrow" | "now" | "last" | "next" | "hours"
            | "hour" | "minutes" | "days" | "weeks" => {
                return Err(err(
                    at,
                    DateErrorKind::Relative(self.text[at..token.end].to_owned()),
                ));
            }
            _ => {}
        }
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

    /// Reads `+hhmm`, `+hh:mm`, `+hh` or `+h` at the current token.
    fn offset(&mut self) -> Result<i32, DateError> {
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

fn small(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn year_in_range(v: u64, at: usize) -> Result<i32, DateError> {
    let y = i32::try_from(v).unwrap_or(i32::MAX);
    if (1000..=9999).contains(&y) {
        Ok(y)
    } else {
        Err(err(at, DateErrorKind::YearOutOfRange(y)))
    }
}

fn month_number(word: &str) -> Option<u32> {
    Some(match word {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

fn weekday_number(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn meridiem(word: &str) -> Option<Meridiem> {
    match word {
        "am" => Some(Meridiem::Am),
        "pm" => Some(Meridiem::Pm),
        _ => None,
    }
}

impl Fields {
    fn resolve(self, timezone: Tz) -> Result<Timestamp, DateError> {
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

/// RSS's date: RFC 822 as RFC 2822 writes it, four-digit year, numeric offset.
pub fn to_rfc822(instant: &DateTime<FixedOffset>) -> String {
    instant.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// Atom's date: RFC 3339, whole seconds, `Z` for UTC.
pub fn to_rfc3339(instant: &DateTime<FixedOffset>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
