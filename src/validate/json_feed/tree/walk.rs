//! Reading an array or object again, one value at a time, in a text
//! [`parse`](super::parse) has read without error.

use super::{Member, Node, Reader, SyntaxError};

/// The elements of the array at `at` in `text`, a text `parse` has read
/// without error, in order.
pub fn elements(text: &str, at: usize) -> Elements<'_> {
    Elements(Inside::new(text, at))
}

/// The members of the object at `at` in `text`, a text `parse` has read
/// without error, in document order (repeated names included).
pub fn members(text: &str, at: usize) -> Members<'_> {
    Members(Inside::new(text, at))
}

/// The iterator of [`elements`].
pub struct Elements<'a>(Inside<'a>);

impl<'a> Iterator for Elements<'a> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        self.0.next(b']', Reader::element)
    }
}

/// The iterator of [`members`].
pub struct Members<'a>(Inside<'a>);

impl<'a> Iterator for Members<'a> {
    type Item = Member<'a>;

    fn next(&mut self) -> Option<Member<'a>> {
        self.0.next(b'}', Reader::member)
    }
}

/// A reader inside an array or object, between its values.
struct Inside<'a> {
    reader: Reader<'a>,
    /// Whether no value has been read yet.
    first: bool,
    /// Whether the closing bracket (or, in a text that is no JSON, a
    /// fault) has been reached.
    done: bool,
}

impl<'a> Inside<'a> {
    fn new(text: &'a str, at: usize) -> Self {
        Self {
            reader: Reader {
                text,
                at: at + 1,
                checked: true,
            },
            first: true,
            done: false,
        }
    }

    /// The next value, read with `read`, before `close`. The text has
    /// been read once without error, so a fault cannot happen here; were
    /// one to, the values would just end.
    fn next<T>(
        &mut self,
        close: u8,
        read: impl FnOnce(&mut Reader<'a>, usize) -> Result<T, SyntaxError>,
    ) -> Option<T> {
        if self.done {
            return None;
        }
        self.reader.skip_blanks();
        let more = if self.first {
            self.first = false;
            self.reader.peek().is_some_and(|b| b != close)
        } else if self.reader.peek() == Some(b',') {
            self.reader.at += 1;
            true
        } else {
            false
        };
        // Depths count from this array or object: never more than they
        // were when the text was read whole.
        let value = more.then(|| read(&mut self.reader, 1).ok()).flatten();
        self.done = value.is_none();
        value
    }
}
