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

use std::collections::VecDeque;

use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

use super::Place;

/// The most items a one-line list may have here; past it the block goes
/// to the YAML parser (a line's events are made at once, so a line of a
/// million items would hold a million events).
const MAX_LIST_ITEMS: usize = 256;

/// Where events go: nowhere while a block is only checked, a queue while
/// it is read.
type Out<'o> = Option<&'o mut VecDeque<(Event, Place)>>;

/// Adds an event, made only when there is somewhere for it to go.
fn emit(out: &mut Out<'_>, event: impl FnOnce() -> Event, place: Place) {
    if let Some(queue) = out {
        queue.push_back((event(), place));
    }
}

/// The events of a block in the simple shape, up to the end of its table,
/// made a line at a time (a block of many keys is never held as events
/// all at once); `None` for any other block. The block is checked whole
/// first, making nothing, so that the YAML parser can still take it.
pub(super) fn events(block: &str) -> Option<Events<'_>> {
    let mut any = false;
    for (index, line) in block.split('\n').enumerate() {
        any |= read_line(line, index + 1, !any, &mut None)?;
    }
    // An empty block: the YAML parser says what it is.
    any.then(|| Events {
        lines: block.split('\n').enumerate(),
        queue: VecDeque::from([(Event::StreamStart, Place { line: 1, col: 0 })]),
        first: true,
        done: false,
    })
}

/// The events of a simple block (see [`events`]).
pub(super) struct Events<'a> {
    lines: std::iter::Enumerate<std::str::Split<'a, char>>,
    queue: VecDeque<(Event, Place)>,
    /// Whether no key has come yet.
    first: bool,
    done: bool,
}

impl Iterator for Events<'_> {
    type Item = (Event, Place);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(event);
            }
            if self.done {
                return None;
            }
            if let Some((index, line)) = self.lines.next() {
                // Every line was checked: each reads.
                let keyed = read_line(line, index + 1, self.first, &mut Some(&mut self.queue));
                self.first &= keyed != Some(true);
            } else {
                self.queue
                    .push_back((Event::MappingEnd, Place { line: 1, col: 0 }));
                self.done = true;
            }
        }
    }
}

/// Reads one line of a block: `Some(true)` for a `key: value` line (its
/// events go to `out`), `Some(false)` for a blank one, `None` for any
/// other. `first` says whether no key came before it.
fn read_line(line: &str, number: usize, first: bool, out: &mut Out<'_>) -> Option<bool> {
    if line.bytes().all(|b| b == b' ') {
        return Some(false);
    }
    if !printable(line) {
        return None;
    }
    let (key, rest) = key(line)?;
    let at = |col: usize| Place { line: number, col };
    if first {
        // The parser places the document and its table at the first key's
        // colon.
        emit(out, || Event::DocumentStart, at(key.len()));
        emit(out, || Event::MappingStart(0, None), at(key.len()));
    }
    emit(out, || plain(key), at(0));
    // Keys are ASCII, so bytes are columns up to the value.
    let col = line.len() - rest.len();
    value(rest, number, col, out)?;
    Some(true)
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
fn value(rest: &str, line: usize, col: usize, out: &mut Out<'_>) -> Option<()> {
    let at = Place { line, col };
    match rest.as_bytes().first()? {
        b'"' | b'\'' => {
            let (inner, after) = quoted(rest)?;
            blank(after)?;
            emit(out, || unquote(rest, inner), at);
        }
        b'[' => list(rest, line, col, out)?,
        _ => {
            let text = plain_text(rest, false)?;
            blank(rest.get(text.len()..)?)?;
            emit(out, || plain(text), at);
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
fn list(rest: &str, line: usize, col: usize, out: &mut Out<'_>) -> Option<()> {
    emit(out, || Event::SequenceStart(0, None), Place { line, col });
    let mut items = 0usize;
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
        emit(out, || Event::SequenceEnd, Place { line, col });
        return blank(after);
    }
    loop {
        // A line's events are queued whole: a list longer than any front
        // matter needs goes to the parser, which streams them.
        items += 1;
        if items > MAX_LIST_ITEMS {
            return None;
        }
        let at = Place { line, col };
        let used = match rest.as_bytes().first()? {
            b'"' | b'\'' => {
                let (inner, after) = quoted(rest)?;
                emit(out, || unquote(rest, inner), at);
                rest.len() - after.len()
            }
            _ => {
                let text = plain_text(rest, true)?;
                emit(out, || plain(text), at);
                text.len()
            }
        };
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
                emit(out, || Event::SequenceEnd, Place { line, col });
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

/// A quoted scalar at the start of `rest`: the text between its quotes, as
/// written, and what follows its closing quote. Double quotes allow only
/// the escapes `\"` and `\\`; in single quotes `''` is a quote.
fn quoted(rest: &str) -> Option<(&str, &str)> {
    let quote = *rest.as_bytes().first()?;
    let body = rest.get(1..)?;
    let bytes = body.as_bytes();
    let mut from = 0;
    loop {
        // In single quotes a backslash is a character like any other.
        let tail = bytes.get(from..)?;
        let at = from
            + if quote == b'"' {
                memchr::memchr2(b'"', b'\\', tail)?
            } else {
                memchr::memchr(b'\'', tail)?
            };
        match (*bytes.get(at)?, bytes.get(at + 1)) {
            (b'\\', Some(b'"' | b'\\')) | (b'\'', Some(b'\'')) => from = at + 2,
            (b'\\', _) => return None,
            _ => return Some((body.get(..at)?, body.get(at + 1..)?)),
        }
    }
}

/// The event of a quoted scalar whose text between the quotes is `inner`,
/// checked by [`quoted`]; `rest` starts with its opening quote. Each
/// escape (`\"`, `\\`, `''`) stands for the character after its first.
fn unquote(rest: &str, inner: &str) -> Event {
    let double = rest.starts_with('"');
    let mark = if double { b'\\' } else { b'\'' };
    let bytes = inner.as_bytes();
    let mut text = String::with_capacity(inner.len());
    let mut from = 0;
    for at in memchr::memchr_iter(mark, bytes) {
        // The second character of an escape.
        if at < from {
            continue;
        }
        text.push_str(inner.get(from..at).unwrap_or_default());
        text.push(char::from(bytes.get(at + 1).copied().unwrap_or(mark)));
        from = at + 2;
    }
    text.push_str(inner.get(from..).unwrap_or_default());
    let style = if double {
        TScalarStyle::DoubleQuoted
    } else {
        TScalarStyle::SingleQuoted
    };
    Event::Scalar(text, style, 0, None)
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
