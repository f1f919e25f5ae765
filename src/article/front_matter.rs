//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a
//! Markdown file, read into one neutral form with the line of every key.

use std::path::Path;

use yaml_rust2::scanner::Marker;

mod limit;
mod simple;
mod toml_reader;
mod yaml_reader;

pub(super) use limit::MAX_ITEMS;

use super::lines;
use crate::diagnostic::Diagnostic;
use toml_reader::toml_entries;
use yaml_reader::yaml;

/// A front-matter value, whichever language it was written in.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Text(String),
    /// Numbers keep their written form; no key takes a number.
    Number(String),
    Bool(bool),
    /// A TOML date-time, in its RFC 3339 form.
    DateTime(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
    Null,
}

impl Value {
    /// What kind of value this is, for messages.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Self::Text(_) => "a string",
            Self::Number(_) => "a number",
            Self::Bool(_) => "a boolean",
            Self::DateTime(_) => "a date-time",
            Self::List(_) => "a list",
            Self::Map(_) => "a table",
            Self::Null => "null",
        }
    }
}

/// One top-level key with its value and the place of the value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    pub key: String,
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

/// A split Markdown file: front matter entries and the body after them.
#[derive(Debug)]
pub(super) struct Split<'a> {
    pub entries: Vec<Entry>,
    pub body: &'a str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    Yaml,
    Toml,
}

/// Splits off and parses the front matter.
pub(super) fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut all = lines(text);
    let first = all.next().unwrap_or_default();
    let language = match first.trim_end() {
        "---" => Language::Yaml,
        "+++" => Language::Toml,
        _ => {
            return Err(Diagnostic::error(
                "missing-front-matter",
                path,
                "no front matter; expected `---` (YAML) or `+++` (TOML) on the first line",
            )
            .at(1, 1));
        }
    };
    // Byte offsets of the block and of the body.
    let start = first.len() + line_break_len(&text[first.len()..]);
    let mut offset = start;
    let mut end = None;
    for line in all {
        let closing = match language {
            Language::Yaml => matches!(line.trim_end(), "---" | "..."),
            Language::Toml => line.trim_end() == "+++",
        };
        let next = offset + line.len() + line_break_len(&text[offset + line.len()..]);
        if closing {
            end = Some((offset, next));
            break;
        }
        offset = next;
    }
    let Some((block_end, body_start)) = end else {
        return Err(Diagnostic::error(
            "unclosed-front-matter",
            path,
            format!(
                "the front matter is not closed; expected a line `{}`",
                if language == Language::Yaml {
                    "---"
                } else {
                    "+++"
                }
            ),
        )
        .at(1, 1));
    };
    let block = &text[start..block_end];
    let entries = match language {
        Language::Yaml => yaml(path, block)?,
        Language::Toml => toml_entries(path, block)?,
    };
    Ok(Split {
        entries,
        body: &text[body_start..],
    })
}

fn line_break_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with(['\n', '\r']))
    }
}

/// Where a YAML token starts, as the YAML parser counts: lines from 1
/// (the block's first line, the one after `---`), columns from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    line: usize,
    col: usize,
}

impl From<Marker> for Place {
    fn from(mark: Marker) -> Self {
        Self {
            line: mark.line(),
            col: mark.col(),
        }
    }
}
