//! Reading a YAML front-matter block into entries: its events (from the
//! plain-shape reader or the YAML parser) folded into values with an
//! explicit stack, within limits of nesting and of aliases' expansion.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use yaml_rust2::Yaml;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{ScanError, TScalarStyle};

use super::{Entry, Place, Value, limit, simple};
use crate::diagnostic::Diagnostic;

/// The most values a YAML front matter may make, aliases expanded: a
/// value for every byte of the block, or this many when more. Aliases that
/// would expand beyond it (a "billion laughs" block) are refused.
const MIN_YAML_VALUES: usize = 10_000;

/// The deepest nesting of lists and tables in front matter; no key needs
/// more than two levels.
const MAX_NESTING: usize = 64;

pub(super) fn yaml(path: &Path, block: &str) -> Result<Vec<Entry>, Diagnostic> {
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
