//! The source line under a diagnostic, with a caret under its column, as
//! rustc and ripgrep show it on a terminal:
//!
//! ```text
//!    |
//! 10 | Updated: February 30, 2023
//!    |          ^
//! ```
//!
//! The column of a diagnostic counts characters; the caret is placed by
//! display width (a CJK character takes two cells, a combining mark none),
//! with tabs expanded to the next multiple of [`TAB`] and control
//! characters shown as U+FFFD, so that a file can never send the terminal
//! an escape sequence. A line wider than [`WIDTH`] cells is cut to a window
//! around the column, with `...` where text was left out.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use unicode_width::UnicodeWidthChar;

/// Tab stops, in cells.
pub const TAB: usize = 4;

/// The most cells of source text shown.
pub const WIDTH: usize = 120;

/// The longest line read back from a file, in bytes: a longer one is cut
/// (the window of [`WIDTH`] cells needs far less, unless the column is
/// beyond this, when the line is not shown).
const MAX_LINE_BYTES: u64 = 1 << 20;

/// A source line laid out for the terminal: the text to show and how many
/// cells precede the caret (`None`: no caret, as when the diagnostic has a
/// line but no column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// What to print after the gutter.
    pub text: String,
    /// Cells before the caret.
    pub caret: Option<usize>,
}

/// One cell-measured piece of the line.
struct Cell {
    shown: String,
    width: usize,
}

/// Lays out `line` (without its line break; a final `\r` is dropped) for
/// a caret under the 1-based character `column`. A column past the end of
/// the line puts the caret just after it.
pub fn layout(line: &str, column: Option<usize>) -> Layout {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut cells = Vec::new();
    let mut at = 0;
    for c in line.chars() {
        let (shown, width) = if c == '\t' {
            let width = TAB - at % TAB;
            (" ".repeat(width), width)
        } else if c.is_control() {
            ('\u{FFFD}'.to_string(), 1)
        } else {
            (c.to_string(), c.width().unwrap_or(0))
        };
        at += width;
        cells.push(Cell { shown, width });
    }
    // Cells before the column's character; a zero-width character (a
    // combining mark) is pointed at through the character it sits on.
    let caret = column.map(|column| {
        let index = column.saturating_sub(1);
        let before: usize = cells.iter().take(index).map(|c| c.width).sum();
        match cells.get(index) {
            Some(cell) if cell.width == 0 => before.saturating_sub(1),
            _ => before,
        }
    });
    let total: usize = cells.iter().map(|c| c.width).sum();
    if total <= WIDTH {
        return Layout {
            text: cells.into_iter().map(|c| c.shown).collect(),
            caret,
        };
    }
    window(&cells, caret.unwrap_or(0), caret)
}

/// The cells of a line too wide to show, cut to at most [`WIDTH`] cells
/// (and the `...` marks) with `focus` about a third of the way in.
fn window(cells: &[Cell], focus: usize, caret: Option<usize>) -> Layout {
    const MARK: &str = "...";
    let start = focus.saturating_sub(WIDTH / 3);
    let end = start + WIDTH;
    let mut text = String::new();
    let mut at = 0;
    let mut shown_from = None;
    let mut cut_end = false;
    for cell in cells {
        let next = at + cell.width;
        if at >= start && next <= end {
            shown_from.get_or_insert(at);
            text.push_str(&cell.shown);
        } else if next > end {
            cut_end = true;
            break;
        }
        at = next;
    }
    let from = shown_from.unwrap_or(start);
    let mut out = String::new();
    let mut offset = 0;
    if from > 0 {
        out.push_str(MARK);
        offset = MARK.len();
    }
    out.push_str(&text);
    if cut_end {
        out.push_str(MARK);
    }
    Layout {
        text: out,
        caret: caret.map(|c| c.saturating_sub(from) + offset),
    }
}

/// Reads line `number` (1-based) of the file back, for showing: `None`
/// when the file cannot be read or is shorter. Bytes that are not UTF-8
/// become U+FFFD; a byte order mark at the start is dropped.
pub fn read_line(path: &Path, number: usize) -> Option<String> {
    if number == 0 {
        return None;
    }
    let file = File::open(path).ok()?;
    let mut reader = BufReader::new(file);
    let mut buffer = Vec::new();
    for index in 1..=number {
        buffer.clear();
        let read = reader
            .by_ref()
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut buffer)
            .ok()?;
        if read == 0 {
            return None;
        }
        if index < number && buffer.last() != Some(&b'\n') {
            // A line longer than the limit: skip the rest of it.
            reader.skip_until(b'\n').ok()?;
        }
    }
    if buffer.last() == Some(&b'\n') {
        buffer.pop();
    }
    let text = String::from_utf8_lossy(&buffer);
    let text = if number == 1 {
        text.strip_prefix('\u{FEFF}').unwrap_or(&text)
    } else {
        &text
    };
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_sit_under_the_column_by_display_width() {
        let cases: &[(&str, Option<usize>, &str, Option<usize>)] = &[
            // Plain ASCII: the column's character has column-1 cells before it.
            ("Updated: soon", Some(10), "Updated: soon", Some(9)),
            // Column 1 is the first cell.
            ("abc", Some(1), "abc", Some(0)),
            // A tab at the start takes a full stop of four cells.
            ("\tx", Some(2), "    x", Some(4)),
            // A tab after two characters reaches the next stop (two cells).
            ("ab\tx", Some(4), "ab  x", Some(4)),
            // Wide CJK characters take two cells each.
            ("日本語x", Some(4), "日本語x", Some(6)),
            // A combining acute accent takes no cell.
            ("e\u{301}x", Some(3), "e\u{301}x", Some(1)),
            // Pointing at the combining mark points at the letter it sits on.
            ("e\u{301}x", Some(2), "e\u{301}x", Some(0)),
            // An emoji takes two cells.
            ("🙂x", Some(2), "🙂x", Some(2)),
            // A column past the end of the line: the caret just after it.
            ("abc", Some(9), "abc", Some(3)),
            // A line but no column: the line without a caret.
            ("abc", None, "abc", None),
            // CRLF: the carriage return is not shown.
            ("abc\r", Some(3), "abc", Some(2)),
            // An escape character cannot reach the terminal.
            ("a\u{1b}[31mb", Some(2), "a\u{FFFD}[31mb", Some(1)),
            // An empty line, column 1.
            ("", Some(1), "", Some(0)),
        ];
        for (line, column, text, caret) in cases {
            let got = layout(line, *column);
            assert_eq!(
                got,
                Layout {
                    text: (*text).to_owned(),
                    caret: *caret
                },
                "{line:?} at {column:?}"
            );
        }
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line: String = (0..5000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let cases: &[(Option<usize>, bool, bool)] = &[
            // Near the start: no leading mark, cut at the end.
            (Some(3), false, true),
            // In the middle: cut on both sides.
            (Some(2500), true, true),
            // At the very end: cut before only.
            (Some(5000), true, false),
            // No column: the start of the line.
            (None, false, true),
        ];
        for (column, before, after) in cases {
            let got = layout(&line, *column);
            let width = got.text.chars().count();
            assert!(width <= WIDTH + 6, "{column:?}: {width} cells");
            assert_eq!(got.text.starts_with("..."), *before, "{column:?}");
            assert_eq!(got.text.ends_with("..."), *after, "{column:?}");
            if let (Some(column), Some(caret)) = (column, got.caret) {
                let under = got.text.chars().nth(caret);
                assert_eq!(under, line.chars().nth(column - 1), "{column}");
            }
        }
        // Wide characters are never split by the window.
        let wide = "字".repeat(1000);
        let got = layout(&wide, Some(500));
        assert!(got.text.starts_with("...") && got.text.ends_with("..."));
        let caret = got.caret.unwrap_or_default();
        let before: String = got.text.chars().take_while(|c| *c == '.').collect();
        assert_eq!((caret - before.len()) % 2, 0, "caret on a cell boundary");
    }

    #[test]
    fn lines_are_read_back_from_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"\xEF\xBB\xBFone\r\ntwo\n\xFFthree").expect("write");
        let cases: &[(usize, Option<&str>)] = &[
            // The byte order mark is no part of line 1; the \r is kept for layout.
            (1, Some("one\r")),
            // A middle line.
            (2, Some("two")),
            // A last line without a line break, with a byte that is not UTF-8.
            (3, Some("\u{FFFD}three")),
            // Past the end of the file.
            (4, None),
            // Line 0 does not exist.
            (0, None),
        ];
        for (number, want) in cases {
            let got = read_line(&path, *number);
            assert_eq!(got.as_deref(), *want, "line {number}");
        }
        // A file that cannot be read: nothing to show.
        assert_eq!(read_line(&dir.path().join("missing"), 1), None);
    }
}
