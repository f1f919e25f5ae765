//! The front matter most Markdown articles have, read without the YAML
//! parser: one `key: value` per line, each value a plain scalar, a
//! quoted one on one line, or a one-line list of such (`tags: ["a", b]`).
//! The YAML parser spends about 1,500 instructions on each token (some
//! 44,000 on a five-key block); this reads such a block in a few hundred.
//!
//! It makes the very events, at the very places, the YAML parser makes
//! for the same block (a test holds the two together), so everything after
//! it (limits, duplicate keys, typing scalars) is shared. Anything else
//! (comments, block lists, nested tables, anchors, tags, escapes other
//! than `\"` and `\\`, text YAML does not allow) gives `None`, and the YAML
//! parser reads the block, with its messages for what is wrong.

use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

use super::Place;

/// The events of a block in the simple shape, up to the end of its table;
/// `None` for any other block.
pub(super) fn events(block: &str) -> Option<Vec<(Event, Place)>> {
    let mut out = Vec::with_capacity(16);
    let start = Place { line: 1, col: 0 };
    out.push((Event::StreamStart, start));
    let mut first = true;
    for (index, line) in block.split('\n').enumerate() {
        let number = index + 1;
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        if !printable(line) {
            return None;
        }
        let (key, rest) = key(line)?;
        let at = |col: usize| Place { line: number, col };
        if first {
            // The parser places the document and its table at the first
            // key's colon.
            out.push((Event::DocumentStart, at(key.len())));
            out.push((Event::MappingStart(0, None), at(key.len())));
            first = false;
        }
        out.push((plain(key), at(0)));
        // Keys are ASCII, so bytes are columns up to the value.
        let col = line.len() - rest.len();
        value(rest, number, col, &mut out)?;
    }
    if first {
        // An empty block: the YAML parser says what it is.
        return None;
    }
    out.push((Event::MappingEnd, Place { line: 1, col: 0 }));
    Some(out)
}

/// A line's key and what follows `key:` and its spaces: the key is ASCII
/// letters, digits, `_` and `-`, starting with a letter or `_`, at the
/// start of the line, and followed by `:` and at least one space.
fn key(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let after = line.get(end..)?.strip_prefix(": ")?;
    Some((line.get(..end)?, after.trim_start_matches(' ')))
}

/// A plain scalar's event.
fn plain(text: &str) -> Event {
    Event::Scalar(text.to_owned(), TScalarStyle::Plain, 0, None)
}

/// The events of the value `rest`, which starts at column `col` of line
/// `line`.
fn value(rest: &str, line: usize, col: usize, out: &mut Vec<(Event, Place)>) -> Option<()> {
    let at = Place { line, col };
    match rest.as_bytes().first()? {
        b'"' | b'\'' => {
            let (text, style, after) = quoted(rest)?;
            blank(after)?;
            out.push((Event::Scalar(text, style, 0, None), at));
        }
        b'[' => list(rest, line, col, out)?,
        _ => {
            let text = plain_text(rest, false)?;
            blank(rest.get(text.len()..)?)?;
            out.push((plain(text), at));
        }
    }
    Some(())
}

/// Nothing but spaces.
fn blank(rest: &str) -> Option<()> {
    rest.bytes().all(|b| b == b' ').then_some(())
}

/// A one-line flow list: `[` items separated by `,` `]`, each item quoted
/// or plain, with spaces around them.
fn list(rest: &str, line: usize, col: usize, out: &mut Vec<(Event, Place)>) -> Option<()> {
    out.push((Event::SequenceStart(0, None), Place { line, col }));
    // Columns count characters; items may hold any.
    let mut col = col + 1;
    let mut rest = rest.get(1..)?;
    let skip_spaces = |rest: &mut &str, col: &mut usize| {
        let trimmed = rest.trim_start_matches(' ');
        *col += rest.len() - trimmed.len();
        *rest = trimmed;
    };
    skip_spaces(&mut rest, &mut col);
    if let Some(after) = rest.strip_prefix(']') {
        out.push((Event::SequenceEnd, Place { line, col }));
        return blank(after);
    }
    loop {
        let at = Place { line, col };
        let (event, used) = match rest.as_bytes().first()? {
            b'"' | b'\'' => {
                let (text, style, after) = quoted(rest)?;
                (
                    Event::Scalar(text, style, 0, None),
                    rest.len() - after.len(),
                )
            }
            _ => {
                let text = plain_text(rest, true)?;
                (plain(text), text.len())
            }
        };
        out.push((event, at));
        col += rest.get(..used)?.chars().count();
        rest = rest.get(used..)?;
        skip_spaces(&mut rest, &mut col);
        match rest.as_bytes().first()? {
            b',' => {
                col += 1;
                rest = rest.get(1..)?;
                skip_spaces(&mut rest, &mut col);
            }
            b']' => {
                out.push((Event::SequenceEnd, Place { line, col }));
                return blank(rest.get(1..)?);
            }
            _ => return None,
        }
    }
}

/// A plain scalar at the start of `rest`, without trailing spaces: it may
/// not start with a YAML indicator, hold `: `, ` #` or a tab, or end with
/// `:`; in a flow list it ends at `,` or `]` and may hold no `[`, `{` or
/// `}`.
fn plain_text(rest: &str, in_list: bool) -> Option<&str> {
    let first = *rest.as_bytes().first()?;
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) {
        return None;
    }
    let end = if in_list {
        rest.find([',', ']']).unwrap_or(rest.len())
    } else {
        rest.len()
    };
    let text = rest.get(..end)?.trim_end_matches(' ');
    let flow_indicator = in_list && text.contains(['[', '{', '}']);
    let unusual = text.contains(": ") || text.contains(" #") || text.ends_with(':');
    (!text.is_empty() && !flow_indicator && !unusual).then_some(text)
}

/// A quoted scalar at the start of `rest`: its text, style and what follows
/// its closing quote. Double quotes allow only the escapes `\"` and `\\`.
fn quoted(rest: &str) -> Option<(String, TScalarStyle, &str)> {
    let quote = *rest.as_bytes().first()?;
    let style = if quote == b'"' {
        TScalarStyle::DoubleQuoted
    } else {
        TScalarStyle::SingleQuoted
    };
    // In single quotes a backslash is a character like any other.
    let special = |bytes: &[u8]| {
        if quote == b'"' {
            memchr::memchr2(b'"', b'\\', bytes)
        } else {
            memchr::memchr(b'\'', bytes)
        }
    };
    let mut body = rest.get(1..)?;
    let mut text = String::with_capacity(body.len());
    loop {
        let at = special(body.as_bytes())?;
        text.push_str(body.get(..at)?);
        let found = *body.as_bytes().get(at)?;
        let after = body.get(at + 1..)?;
        match (found, after.as_bytes().first()) {
            (b'\\', Some(&escaped @ (b'"' | b'\\'))) => text.push(char::from(escaped)),
            (b'\\', _) => return None,
            (b'\'', Some(b'\'')) => text.push('\''),
            _ => return Some((text, style, after)),
        }
        body = after.get(1..)?;
    }
}

/// Whether a line holds only characters YAML calls printable, less the
/// tab, carriage return, next line (U+0085) and byte-order mark, which
/// this reader leaves to the YAML parser: XML's characters (which leave
/// out the C0 and C1 controls and U+FFFE/U+FFFF) without those. The
/// byte-order mark is `EF BB BF`.
fn printable(line: &str) -> bool {
    crate::text::xml::all_xml_chars(line)
        && memchr::memchr2(b'\t', b'\r', line.as_bytes()).is_none()
        && !memchr::memchr_iter(0xEF, line.as_bytes())
            .any(|at| line.as_bytes().get(at + 1..at + 3) == Some(&[0xBB, 0xBF][..]))
}

#[cfg(test)]
mod tests;
