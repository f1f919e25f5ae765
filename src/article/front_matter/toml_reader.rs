//! Reading a TOML front-matter block into entries, each placed at the line
//! and column of its value in the file.

use std::collections::HashMap;
use std::path::Path;

use super::{Entry, Value, limit};
use crate::article::{column, lines};
use crate::diagnostic::Diagnostic;

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

pub(super) fn toml_entries(path: &Path, block: &str) -> Result<Vec<Entry>, Diagnostic> {
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
