//! A JSON reader (RFC 8259) that keeps where each value starts, for
//! findings placed by line and column: `serde_json::Value` keeps no
//! places. Strings without escapes are borrowed.
//!
//! Nothing is built: [`parse`] reads the whole text once for its syntax
//! and gives back the root, and [`elements`] and [`members`] read an array
//! or object again, one value at a time, each array or object among them
//! read for its syntax and given back as its place only. What the rules
//! hold at once is so one value of each level they walk, whatever the
//! size of the document, and each level they walk reads the text below
//! it once more: a few readings in all, as the rules go five levels down.
//!
//! Arrays and objects nesting deeper than [`MAX_DEPTH`] stop the read with
//! an error, so the reader's recursion is bounded whatever the document.
//!
//! The slicing below is at places the reader has just found with `peek`
//! or `memchr`, or past bytes it has just checked: never past the end,
//! and always at a character boundary, since every delimiter is ASCII.

mod number;
mod string;
mod walk;

use std::borrow::Cow;

pub use walk::{elements, members};

/// The deepest arrays and objects nest before the read stops: a JSON Feed
/// needs five levels, extensions a few more. serde_json, which feed-rs and
/// other Rust readers read feeds with, refuses a document nested deeper
/// than this, so a deeper one is an error, not just a limit of ours.
pub const MAX_DEPTH: usize = 127;

/// A value and the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// Byte offset of the value's first byte (a string's opening quote,
    /// an array's `[`, an object's `{`).
    pub at: usize,
    /// The value.
    pub value: Value<'a>,
}

/// A JSON value; an array or object is only its kind, read with
/// [`elements`] or [`members`] from its node's place.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Value<'_> {
    /// The kind of value, with its article, for messages: `a string`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "`null`",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array => "an array",
            Value::Object => "an object",
        }
    }
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The name, unescaped.
    pub name: Cow<'a, str>,
    /// Byte offset of the name's opening quote.
    pub at: usize,
    /// The value.
    pub value: Node<'a>,
}

/// Why the text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the fault.
    pub at: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// Whether the read stopped at [`MAX_DEPTH`] rather than at a fault.
    pub too_deep: bool,
}

/// Reads a JSON text, all of it: one value, with only whitespace around
/// it. The root comes back; an array or object is read again with
/// [`elements`] or [`members`].
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut reader = Reader {
        text,
        at: 0,
        checked: false,
    };
    let root = reader.value(0)?;
    reader.skip_blanks();
    if reader.at < text.len() {
        return Err(reader.error(format!(
            "{} after the end of the document's value; expected nothing more",
            reader.found()
        )));
    }
    Ok(root)
}

/// The string or number at `at` in `text` (a text [`parse`] has read),
/// as its text: what an item id or a member name is compared by.
pub fn key_at(text: &str, at: usize) -> Option<Cow<'_, str>> {
    let mut reader = Reader {
        text,
        at,
        checked: true,
    };
    match reader.value(0).ok()?.value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(Cow::Borrowed(n)),
        _ => None,
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// Whether the text has been read once without error (a read again,
    /// by [`elements`] or [`members`]): an array or object among the
    /// values is then passed over by its brackets, not read for its
    /// syntax a second time.
    checked: bool,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn error(&self, message: String) -> SyntaxError {
        SyntaxError {
            at: self.at,
            message,
            too_deep: false,
        }
    }

    /// What is at the current place, for messages: `` `x` `` or the end.
    fn found(&self) -> String {
        // Every place an error is raised at follows ASCII, so it is a
        // character boundary; `get` keeps that from being an invariant.
        match self.text.get(self.at..).and_then(|s| s.chars().next()) {
            Some(c) => format!("`{}`", c.escape_debug()),
            None => "the end of the document".to_owned(),
        }
    }

    /// Reads a value at `depth`; an array or object is read through for
    /// its syntax, and comes back as its kind.
    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.skip_blanks();
        let at = self.at;
        let value = match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                return Err(SyntaxError {
                    at,
                    message: format!(
                        "arrays and objects nest more than {MAX_DEPTH} deep; the validator reads no deeper"
                    ),
                    too_deep: true,
                });
            }
            Some(b'{' | b'[') if self.checked => {
                let object = self.peek() == Some(b'{');
                self.pass_over();
                if object { Value::Object } else { Value::Array }
            }
            Some(b'{') => {
                self.object(depth)?;
                Value::Object
            }
            Some(b'[') => {
                self.array(depth)?;
                Value::Array
            }
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => {
                return Err(self.error(format!(
                    "{} where a value is expected; expected a string, number, object, array, `true`, `false` or `null`",
                    self.found()
                )));
            }
        };
        Ok(Node { at, value })
    }

    /// Moves past the array or object that starts here, in a text read
    /// once without error: only strings (for the brackets and quotes in
    /// them) and brackets are looked at, so a value read again costs a
    /// scan, not a parse. Each read of a JSON Feed's items passed over
    /// every item this way, where it used to parse it again whole.
    fn pass_over(&mut self) {
        let bytes = self.text.as_bytes();
        let mut depth = 0_usize;
        let mut at = self.at;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'"' => {
                    at += 1;
                    // To the closing quote, past escaped characters.
                    while let Some(rest) = bytes.get(at..) {
                        match memchr::memchr2(b'"', b'\\', rest) {
                            Some(offset) if rest[offset] == b'\\' => at += offset + 2,
                            Some(offset) => {
                                at += offset + 1;
                                break;
                            }
                            None => {
                                at = bytes.len();
                                break;
                            }
                        }
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        at += 1;
                        break;
                    }
                }
                _ => {}
            }
            at += 1;
        }
        self.at = at.min(bytes.len());
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error(format!(
                "{} starts no JSON value; expected `{word}` or a string in quotes",
                self.found()
            )))
        }
    }

    /// Reads an array element at `depth`.
    fn element(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.value(depth)
    }

    /// Reads an object member (name, `:`, value) whose value is at
    /// `depth`.
    fn member(&mut self, depth: usize) -> Result<Member<'a>, SyntaxError> {
        self.skip_blanks();
        if self.peek() != Some(b'"') {
            return Err(self.error(format!(
                "{} where a member name is expected; expected a name in double quotes",
                self.found()
            )));
        }
        let at = self.at;
        let name = self.string()?;
        self.skip_blanks();
        if self.peek() != Some(b':') {
            return Err(self.error(format!(
                "{} after a member name; expected `:`",
                self.found()
            )));
        }
        self.at += 1;
        let value = self.value(depth)?;
        Ok(Member { name, at, value })
    }

    /// Reads an object from its `{` for its syntax.
    fn object(&mut self, depth: usize) -> Result<(), SyntaxError> {
        self.at += 1;
        self.skip_blanks();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.member(depth + 1)?;
            self.skip_blanks();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => {
                    return Err(self.error(format!(
                        "{} after a member; expected `,` or `}}`",
                        self.found()
                    )));
                }
            }
        }
    }

    /// Reads an array from its `[` for its syntax.
    fn array(&mut self, depth: usize) -> Result<(), SyntaxError> {
        self.at += 1;
        self.skip_blanks();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.value(depth + 1)?;
            self.skip_blanks();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => {
                    return Err(self.error(format!(
                        "{} after an array element; expected `,` or `]`",
                        self.found()
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
