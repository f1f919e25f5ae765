//! JSON paths (`$.items[3].id`) naming where a finding is.

use std::fmt;

/// A place in the document as a JSON path, built on the stack as the
/// checks go down and written out only for a finding.
#[derive(Clone, Copy)]
pub enum Path<'p> {
    /// `$`.
    Root,
    /// `.name`, or `["name"]` for a name that is no identifier.
    Member(&'p Path<'p>, &'p str),
    /// `[index]`.
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => f.write_str("$"),
            Path::Member(parent, name) => {
                let plain = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if plain {
                    write!(f, "{parent}.{name}")
                } else {
                    let quoted = serde_json::to_string(name).map_err(|_| fmt::Error)?;
                    write!(f, "{parent}[{quoted}]")
                }
            }
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that are identifiers follow a dot; others are quoted.
    #[test]
    fn paths() {
        let root = Path::Root;
        let items = Path::Member(&root, "items");
        let item = Path::Index(&items, 3);
        assert_eq!(Path::Member(&item, "_ext1").to_string(), "$.items[3]._ext1");
        let odd = Path::Member(&item, "a b\"");
        assert_eq!(odd.to_string(), r#"$.items[3]["a b\""]"#);
    }
}
