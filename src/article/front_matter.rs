//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a
//! Markdown file, read into one neutral form with the line of every key.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use super::{column, lines};
use crate::diagnostic::Diagnostic;

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

/// Where a top-level key's value starts: line and column in the file (the
/// block starts on line 2).
fn place(block: &str, key: &str, separator: char) -> (usize, usize) {
    for (index, line) in lines(block).enumerate() {
        let Some(rest) = line.strip_prefix(key).or_else(|| {
            ['"', '\'']
                .iter()
                .find_map(|&q| line.strip_prefix(q)?.strip_prefix(key)?.strip_prefix(q))
        }) else {
            continue;
        };
        if let Some(after) = rest.trim_start().strip_prefix(separator) {
            let value_at = line.len() - after.trim_start().len();
            return (index + 2, column(line, value_at));
        }
    }
    (2, 1)
}

fn yaml(path: &Path, block: &str) -> Result<Vec<Entry>, Diagnostic> {
    let docs = YamlLoader::load_from_str(block).map_err(|e| {
        let mark = e.marker();
        Diagnostic::error(
            "front-matter-syntax",
            path,
            format!("cannot read the YAML front matter: {}", e.info()),
        )
        .at(mark.line() + 1, mark.col() + 1)
    })?;
    let root = match docs.into_iter().next() {
        None | Some(Yaml::Null) => return Ok(Vec::new()),
        Some(Yaml::Hash(hash)) => hash,
        Some(other) => {
            return Err(Diagnostic::error(
                "front-matter-syntax",
                path,
                format!(
                    "the front matter is {}; expected `key: value` lines",
                    from_yaml(other).kind()
                ),
            )
            .at(2, 1));
        }
    };
    Ok(root
        .into_iter()
        .map(|(key, value)| {
            let key = match from_yaml(key) {
                Value::Text(k) | Value::Number(k) | Value::DateTime(k) => k,
                other => format!("{other:?}"),
            };
            let (line, column) = place(block, &key, ':');
            Entry {
                value: from_yaml(value),
                key,
                line,
                column,
            }
        })
        .collect())
}

fn from_yaml(value: Yaml) -> Value {
    match value {
        Yaml::String(s) => Value::Text(s),
        Yaml::Real(s) => Value::Number(s),
        Yaml::Integer(i) => Value::Number(i.to_string()),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Yaml::Hash(hash) => Value::Map(
            hash.into_iter()
                .map(|(k, v)| {
                    let key = match from_yaml(k) {
                        Value::Text(k) => k,
                        other => format!("{other:?}"),
                    };
                    (key, from_yaml(v))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

fn toml_entries(path: &Path, block: &str) -> Result<Vec<Entry>, Diagnostic> {
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let (line, col) = e.span().map_or((2, 1), |span| {
            let head = &block[..span.start.min(block.len())];
            let line = head.matches('\n').count();
            let line_start = head.rfind('\n').map_or(0, |i| i + 1);
            (line + 2, head[line_start..].chars().count() + 1)
        });
        Diagnostic::error(
            "front-matter-syntax",
            path,
            format!(
                "cannot read the TOML front matter: {}",
                e.message().trim_end_matches('\n')
            ),
        )
        .at(line, col)
    })?;
    Ok(table
        .into_iter()
        .map(|(key, value)| {
            let (line, column) = place(block, &key, '=');
            Entry {
                value: from_toml(value),
                key,
                line,
                column,
            }
        })
        .collect())
}

fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::Text(s),
        toml::Value::Integer(i) => Value::Number(i.to_string()),
        toml::Value::Float(f) => Value::Number(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::DateTime(d.to_string()),
        toml::Value::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => {
            Value::Map(t.into_iter().map(|(k, v)| (k, from_toml(v))).collect())
        }
    }
}
