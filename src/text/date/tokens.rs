//! Splitting a timestamp into numbers, words and symbols.

use super::{DateError, DateErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    /// Digits: value, digit count.
    Num(u64, usize),
    /// Letters (ASCII, lower-cased, dots removed) in a small buffer.
    Word([u8; WORD_MAX], usize),
    Sym(char),
}

pub(super) const WORD_MAX: usize = 10;

/// The most words, numbers and signs a timestamp is read in: the longest
/// written ones (`Tuesday, August 8th, 2023, at 10:37:05 p.m. GMT+04:00
/// (Gulf Standard Time)`) have about 30. A longer text is no timestamp;
/// it is cut there rather than cost a token per character (a 4 MB line
/// of signs took 120 MB), and refused for its first fault or its length.
pub(super) const MAX_TOKENS: usize = 64;

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    /// Whether blank space separates it from the token before.
    pub spaced: bool,
}

/// The tokens of `text`, at most [`MAX_TOKENS`], and where the text goes
/// on past them, if it does.
pub(super) fn tokenize(text: &str) -> Result<(Vec<Token>, Option<usize>), DateError> {
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
            && (c.is_whitespace() || matches!(c, '\u{2013}' | '\u{2014}' | '\u{2022}' | '\u{B7}'))
        {
            // No-break spaces (`10:37\u{202F}PM`) are blanks; en and em
            // dashes, bullets and middle dots between date and time are
            // separators like a comma.
            i += c.len_utf8();
            if c.is_whitespace() {
                spaced = true;
                continue;
            }
            Tok::Sym(',')
        } else if text[i..].starts_with('\u{2212}') {
            // The minus sign of typeset text (`UTC\u{2212}04:00`) is a minus.
            i += '\u{2212}'.len_utf8();
            Tok::Sym('-')
        } else if let Some(c @ ('\u{2018}' | '\u{2019}')) = text[i..].chars().next() {
            // Typographic apostrophes, as in `14 Feb ’20`.
            i += c.len_utf8();
            Tok::Sym(c)
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
        if tokens.len() == MAX_TOKENS {
            return Ok((tokens, Some(start)));
        }
        tokens.push(Token {
            tok,
            start,
            end: i,
            spaced,
        });
        spaced = false;
    }
    Ok((tokens, None))
}

fn digits_run(text: &str, start: usize) -> String {
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .take(24)
        .collect()
}
