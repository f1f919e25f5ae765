//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a
//! Markdown file, read into one neutral form with the line of every key.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use yaml_rust2::Yaml;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

mod limit;
mod simple;

pub(super) use limit::MAX_ITEMS;

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

/// Where each top-level key of a TOML block has its value, line and column
/// in the file (the block starts on line 2), found in one pass over the
/// block: a line `key = value` or `"key" = value` that does not start with
/// a blank. The first line of a key wins. (YAML keys are placed by the
/// parser.)
fn toml_places(block: &str) -> HashMap<&str, (usize, usize)> {
    let separator = '=';
    let mut found = HashMap::new();
    for (index, line) in lines(block).enumerate() {
        let (key, rest) = match line.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let Some((key, rest)) = line[1..].split_once(q) else {
                    continue;
                };
                let Some(rest) = rest.trim_start().strip_prefix(separator) else {
                    continue;
                };
                (key, rest)
            }
            Some(c) if !c.is_whitespace() => match line.split_once(separator) {
                Some((key, rest)) => (key.trim_end(), rest),
                None => continue,
            },
            _ => continue,
        };
        let value_at = line.len() - rest.trim_start().len();
        found
            .entry(key)
            .or_insert((index + 2, column(line, value_at)));
    }
    found
}

/// The most values a YAML front matter may make, aliases expanded: a
/// value for every byte of the block, or this many when more. Aliases that
/// would expand beyond it (a "billion laughs" block) are refused.
const MIN_YAML_VALUES: usize = 10_000;

/// The deepest nesting of lists and tables in front matter; no key needs
/// more than two levels.
const MAX_NESTING: usize = 64;

fn yaml(path: &Path, block: &str) -> Result<Vec<Entry>, Diagnostic> {
    let syntax = |mark: Place, message: String| {
        Diagnostic::error("front-matter-syntax", path, message).at(mark.line + 1, mark.col + 1)
    };
    let root = match load_yaml(block) {
        Ok(root) => root,
        Err(Refusal::Scan(e)) => {
            return Err(syntax(
                Place::from(*e.marker()),
                format!("cannot read the YAML front matter: {}", e.info()),
            ));
        }
        Err(Refusal::Limit(mark, message)) => {
            return Err(Diagnostic::error("front-matter-limit", path, message)
                .at(mark.line + 1, mark.col + 1));
        }
        Err(Refusal::Duplicate(mark, key)) => {
            return Err(syntax(mark, format!("the key `{key}` is given twice")));
        }
    };
    match root {
        None | Some(Top::Other(Value::Null, _)) => Ok(Vec::new()),
        Some(Top::Map(entries)) => Ok(entries
            .into_iter()
            .map(|(key, value, mark)| Entry {
                key,
                value,
                line: mark.line + 1,
                column: mark.col + 1,
            })
            .collect()),
        Some(Top::Other(other, mark)) => Err(syntax(
            mark,
            format!(
                "the front matter is {}; expected `key: value` lines",
                other.kind()
            ),
        )),
    }
}

/// Why a YAML block was not read.
enum Refusal {
    Scan(ScanError),
    /// A resource limit, where it was passed.
    Limit(Place, String),
    /// A key given twice in one table.
    Duplicate(Place, String),
}

impl From<ScanError> for Refusal {
    fn from(e: ScanError) -> Self {
        Self::Scan(e)
    }
}

/// A YAML document's top level: a table, each value with where it
/// starts, or any other value.
enum Top {
    Map(Vec<(String, Value, Place)>),
    Other(Value, Place),
}

/// A list or table being read: its anchor, where it starts, and how many
/// values it holds so far (itself included), which is what copying it for
/// an alias costs.
struct Open {
    kind: Kind,
    anchor: usize,
    start: Place,
    size: usize,
}

enum Kind {
    List(Vec<Value>),
    Map(Map),
}

/// A table being read: its entries (each with where its value starts, for
/// the top level's diagnostics), the key waiting for its value, and the
/// keys seen (a table of many keys stays linear).
#[derive(Default)]
struct Map {
    entries: Vec<(String, Value, Place)>,
    key: Option<String>,
    seen: HashSet<String>,
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

/// A YAML block's events: from [`simple::events`] when the block is in
/// the plain shape most front matter has, else from the YAML parser.
enum Events<'a> {
    Simple(simple::Events<'a>),
    Full(Box<Parser<std::str::Chars<'a>>>),
}

impl<'a> Events<'a> {
    fn of(block: &'a str) -> Self {
        match simple::events(block) {
            Some(events) => Self::Simple(events),
            None => Self::Full(Box::new(Parser::new_from_str(block))),
        }
    }

    fn next_token(&mut self) -> Result<(Event, Place), ScanError> {
        match self {
            Self::Simple(events) => Ok(events
                .next()
                .unwrap_or((Event::StreamEnd, Place { line: 1, col: 0 }))),
            Self::Full(parser) => {
                let (event, mark) = parser.next_token()?;
                Ok((event, Place::from(mark)))
            }
        }
    }
}

/// Reads one YAML document from the parser's events with an explicit
/// stack (no recursion: nesting is bounded by [`MAX_NESTING`]), expanding
/// each alias by copying its anchor's value against a budget of values
/// made, so a block's cost stays in proportion to its size. The top
/// level's value comes with where it starts.
fn load_yaml(block: &str) -> Result<Option<Top>, Refusal> {
    let mut parser = Events::of(block);
    let budget = block.len().max(MIN_YAML_VALUES);
    let mut made = 0usize;
    let mut anchors: HashMap<usize, (Value, usize)> = HashMap::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut nested = limit::Nested::default();
    loop {
        let (event, mark) = parser.next_token()?;
        // A complete value: its anchor, where it starts, its size, and
        // the values it makes that were not counted yet.
        let (value, anchor, start, size, cost) = match event {
            Event::StreamStart | Event::DocumentStart | Event::Nothing => continue,
            Event::StreamEnd | Event::DocumentEnd => return Ok(None),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_NESTING {
                    return Err(Refusal::Limit(
                        mark,
                        format!(
                            "the front matter nests lists and tables more than {MAX_NESTING} deep"
                        ),
                    ));
                }
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    Kind::List(Vec::new())
                } else {
                    Kind::Map(Map::default())
                };
                stack.push(Open {
                    kind,
                    anchor,
                    start: mark,
                    size: 1,
                });
                made = made.saturating_add(1);
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = stack.pop() else { continue };
                let value = match open.kind {
                    // The top level: an anchor on it could never be used.
                    Kind::Map(map) if stack.is_empty() => {
                        return Ok(Some(Top::Map(map.entries)));
                    }
                    Kind::List(items) => Value::List(items),
                    Kind::Map(map) => {
                        Value::Map(map.entries.into_iter().map(|(k, v, _)| (k, v)).collect())
                    }
                };
                // Its values were counted as they were made.
                (value, open.anchor, open.start, open.size, 0)
            }
            Event::Scalar(text, style, anchor, tag) => {
                (scalar(text, style, tag.as_ref()), anchor, mark, 1, 1)
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some((value, size)) => (value.clone(), 0, mark, *size, *size),
                None => (Value::Null, 0, mark, 1, 1),
            },
        };
        made = made.saturating_add(cost);
        if made > budget {
            return Err(Refusal::Limit(
                mark,
                format!(
                    "the front matter's aliases expand to more than {budget} values; write the values out"
                ),
            ));
        }
        if anchor > 0 {
            anchors.insert(anchor, (value.clone(), size));
        }
        let depth = stack.len();
        let Some(parent) = stack.last_mut() else {
            return Ok(Some(Top::Other(value, start)));
        };
        parent.size = parent.size.saturating_add(size);
        // Below the top level, a value is counted before it is held.
        let held = match &parent.kind {
            Kind::List(items) => Some((items.len(), true)),
            Kind::Map(map) if depth > 1 && map.key.is_some() => Some((map.entries.len(), false)),
            Kind::Map(_) => None,
        };
        if let Some((len, list)) = held {
            nested
                .add(len, list)
                .map_err(|message| Refusal::Limit(start, message))?;
        }
        match &mut parent.kind {
            Kind::List(items) => items.push(value),
            Kind::Map(map) => match map.key.take() {
                None => {
                    let key = match value {
                        Value::Text(k) | Value::Number(k) | Value::DateTime(k) => k,
                        Value::Bool(b) => b.to_string(),
                        other => format!("{other:?}"),
                    };
                    if !map.seen.insert(key.clone()) {
                        return Err(Refusal::Duplicate(start, key));
                    }
                    map.key = Some(key);
                }
                Some(key) => map.entries.push((key, value, start)),
            },
        }
    }
}

/// A scalar's value, typed as YAML's core schema types it: quoted text
/// stays text, plain text may be a number, boolean or null, and a core
/// tag (`!!str`, `!!int` ...) says which.
fn scalar(text: String, style: TScalarStyle, tag: Option<&yaml_rust2::parser::Tag>) -> Value {
    if style != TScalarStyle::Plain {
        return Value::Text(text);
    }
    let typed = match tag {
        Some(tag) if tag.handle == "tag:yaml.org,2002:" => match tag.suffix.as_str() {
            "bool" | "int" | "float" | "null" => Yaml::from_str(&text),
            _ => return Value::Text(text),
        },
        Some(_) => return Value::Text(text),
        None => Yaml::from_str(&text),
    };
    match typed {
        Yaml::Real(s) => Value::Number(s),
        Yaml::Integer(i) => Value::Number(i.to_string()),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Null => Value::Null,
        _ => Value::Text(text),
    }
}

fn toml_entries(path: &Path, block: &str) -> Result<Vec<Entry>, Diagnostic> {
    if let Some((at, message)) = limit::toml(block) {
        let (line, col) = toml_place(block, at);
        return Err(Diagnostic::error("front-matter-limit", path, message).at(line, col));
    }
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let (line, col) = e
            .span()
            .map_or((2, 1), |span| toml_place(block, span.start));
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
    let places = toml_places(block);
    Ok(table
        .into_iter()
        .map(|(key, value)| {
            let (line, column) = places.get(key.as_str()).copied().unwrap_or((2, 1));
            Entry {
                value: from_toml(value),
                key,
                line,
                column,
            }
        })
        .collect())
}

/// The line and column in the file (the block starts on line 2) of byte
/// offset `at` in a TOML block.
fn toml_place(block: &str, at: usize) -> (usize, usize) {
    let head = block.get(..at).unwrap_or(block);
    let line = head.matches('\n').count();
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    (line + 2, head[line_start..].chars().count() + 1)
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
