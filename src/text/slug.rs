//! The folder name of a tag or section feed (`tags/<slug>/`): readable and
//! stable for tags in any script.
//!
//! The text is lower-cased (Unicode) and decomposed (NFD). Latin letters
//! lose their diacritics: a combining mark is dropped when its base is an
//! ASCII letter (`é` is `e`, Vietnamese `ệ` is `e`, Turkish `İ` lower-cases
//! to `i` and a dot, which goes), and the Latin letters that do not
//! decompose are spelled in ASCII (`ß` `ss`, `æ` `ae`, `œ` `oe`, `ø` `o`,
//! `ł` `l`, `đ` and `ð` `d`, `þ` `th`, `ħ` `h`, `ŧ` `t`, dotless `ı` `i`).
//! Marks on any other base stay (Devanagari vowel signs and virama,
//! Arabic vowels, the breve of Cyrillic `й`, Greek accents, kana voicing),
//! and the text is recomposed (NFC), so `й`, `デ` and Hangul syllables come
//! back whole.
//!
//! Letters and digits of every script are kept, with the marks that follow
//! them. Invisible format characters (soft hyphen, zero-width space and
//! joiners, direction marks, byte order mark) and variation selectors are
//! dropped, so they split no word. Every other run (spaces, punctuation,
//! symbols, emoji, controls, `/`, `\`, `.`) becomes one `-`, with none at
//! either end. A Greek sigma is `σ` inside a word and `ς` at its end,
//! whatever the text wrote, so every casing of a tag has one slug.
//!
//! The slug is at most [`MAX_BYTES`] bytes, cut before a whole letter with
//! its marks, never after a `-`. So it never holds `/`, `\`, `.` or a
//! control character, is never `.` or `..`, and is empty only when the
//! text has no letter or digit: the caller decides what such a tag's
//! folder is. One pass, stopping once the slug is full, so the time is
//! linear in the text and bounded for long texts.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest slug, in bytes: well under any file system's name limit.
pub const MAX_BYTES: usize = 80;

/// The folder name for a tag or section: see the module documentation.
pub fn slug(text: &str) -> String {
    let mut ascii_base = false;
    let folded = text
        .chars()
        .flat_map(char::to_lowercase)
        .nfd()
        .flat_map(move |c| {
            // Invisible characters go before marks are looked at, so that
            // one between a letter and its mark changes nothing.
            if is_invisible(c) {
                return [None, None].into_iter();
            }
            let (first, second) = match fold(c) {
                Some(ascii) => {
                    ascii_base = true;
                    ascii
                }
                None if is_combining_mark(c) && ascii_base => return [None, None].into_iter(),
                None => {
                    ascii_base = c.is_ascii_alphabetic();
                    (c, None)
                }
            };
            [Some(first), second].into_iter()
        })
        .flatten()
        .nfc();
    let mut slug = String::new();
    // Where the last letter kept starts: a mark that does not fit takes
    // its letter with it.
    let mut cluster = 0;
    let mut in_word = false;
    let mut dash = false;
    for c in folded {
        let mark = is_combining_mark(c);
        let keep = if mark {
            in_word && !is_enclosing(c)
        } else {
            c.is_alphanumeric()
        };
        if !keep {
            if in_word {
                end_word(&mut slug);
            }
            in_word = false;
            dash = !slug.is_empty();
            continue;
        }
        let need = c.len_utf8() + usize::from(dash);
        if slug.len() + need > MAX_BYTES {
            // A lone letter with more marks than fit keeps what fits:
            // the slug is empty only for text with no letter.
            if mark && cluster > 0 {
                slug.truncate(cluster);
                while slug.ends_with('-') {
                    slug.pop();
                }
            }
            break;
        }
        if dash {
            slug.push('-');
            dash = false;
        }
        if !mark {
            cluster = slug.len();
        }
        slug.push(if c == 'ς' { 'σ' } else { c });
        in_word = true;
    }
    end_word(&mut slug);
    slug
}

/// The ASCII spelling of a Latin letter that has no decomposition, and
/// the dotless `i`; `None` for every other character.
fn fold(c: char) -> Option<(char, Option<char>)> {
    Some(match c {
        'ß' => ('s', Some('s')),
        'æ' => ('a', Some('e')),
        'œ' => ('o', Some('e')),
        'ø' => ('o', None),
        'ł' => ('l', None),
        'đ' | 'ð' => ('d', None),
        'þ' => ('t', Some('h')),
        'ħ' => ('h', None),
        'ŧ' => ('t', None),
        'ı' => ('i', None),
        _ => return None,
    })
}

/// Writes the end of a word: a final Greek sigma after a letter takes its
/// final form.
fn end_word(slug: &mut String) {
    if let Some(before) = slug.strip_suffix('σ')
        && before.chars().next_back().is_some_and(char::is_alphabetic)
    {
        slug.truncate(before.len());
        slug.push('ς');
    }
}

/// Invisible characters that join or split nothing visible: dropped
/// without a `-` (soft hyphen, zero-width space, joiners and direction
/// marks, word joiner and invisible operators, byte order mark, Arabic
/// letter mark, Mongolian vowel separator, variation selectors).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Enclosing marks (a keycap, a circle around a letter): symbols, not
/// part of a word.
fn is_enclosing(c: char) -> bool {
    matches!(
        c,
        '\u{488}'
            | '\u{489}'
            | '\u{1ABE}'
            | '\u{20DD}'..='\u{20E0}'
            | '\u{20E2}'..='\u{20E4}'
            | '\u{A670}'..='\u{A672}'
    )
}

#[cfg(test)]
mod tests;
