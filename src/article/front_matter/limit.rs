//! How much front matter may hold below its top-level keys, checked while
//! it is read, before the values are all held.
//!
//! A value costs about 60 bytes once held (the value, its text, its
//! allocation), but may be written in two (`a,` in a flow list): a list of
//! a million one-letter tags, 3 MB, takes 160 MB. No key needs many: an
//! article keeps 32 tags, and a list of authors is a byline. So a list or
//! a table below the top level holds at most [`MAX_ITEMS`] items, and all
//! of them together at most [`MAX_NESTED`]; the top level itself may have
//! any number of keys (each costs a line, and unknown ones are counted in
//! one warning).

/// The most items one list (`tags`, `authors`, ...) or one table below the
/// top level may hold.
pub(in crate::article) const MAX_ITEMS: usize = 1_000;

/// The most values all the lists and tables below the top level may hold
/// together, so that lists of lists stay as small as one long list.
pub(super) const MAX_NESTED: usize = 10_000;

/// Counts the values put in lists and tables below the top level.
#[derive(Default)]
pub(super) struct Nested {
    held: usize,
}

impl Nested {
    /// Counts one more value put in a list (`list`) or a table below the
    /// top level that holds `len` items before it; the message when that
    /// passes a limit.
    pub(super) fn add(&mut self, len: usize, list: bool) -> Result<(), String> {
        let what = if list { "list" } else { "table" };
        if len >= MAX_ITEMS {
            return Err(format!(
                "a {what} in the front matter has more than {MAX_ITEMS} items; expected at most {MAX_ITEMS}"
            ));
        }
        self.held += 1;
        if self.held > MAX_NESTED {
            return Err(format!(
                "the front matter's lists and tables hold more than {MAX_NESTED} values in all; expected at most {MAX_NESTED}"
            ));
        }
        Ok(())
    }
}

/// Checks a TOML block against the same limits before it is parsed (the
/// TOML parser builds the whole table at once): it reads the block's
/// tokens one at a time, holding only a count for each open bracket, and
/// gives the byte offset of the item that passes a limit, with the
/// message. A `[table]` header counts as a list with nothing in it.
pub(super) fn toml(block: &str) -> Option<(usize, String)> {
    use toml_parser::lexer::TokenKind;
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut nested = Nested::default();
    // Whether the last token that was not blank opened a bracket or was a
    // comma: an item starts at the next one.
    let mut expecting = false;
    for token in toml_parser::Source::new(block).lex() {
        let kind = token.kind();
        match kind {
            TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment => continue,
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                if let Some(err) = item(&mut open, &mut nested, expecting) {
                    return Some((token.span().start(), err));
                }
                open.push((0, kind == TokenKind::LeftSquareBracket));
                expecting = true;
                continue;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                open.pop();
            }
            TokenKind::Comma => {
                expecting = true;
                continue;
            }
            // In an inline table an item is a key, its `=` and its value;
            // the key counts.
            TokenKind::Equals | TokenKind::Dot => {}
            _ => {
                if let Some(err) = item(&mut open, &mut nested, expecting) {
                    return Some((token.span().start(), err));
                }
            }
        }
        expecting = false;
    }
    None
}

/// Counts an item in the innermost open bracket when one starts here.
fn item(open: &mut [(usize, bool)], nested: &mut Nested, expecting: bool) -> Option<String> {
    let (len, list) = open.last_mut().filter(|_| expecting)?;
    let counted = nested.add(*len, *list);
    *len += 1;
    counted.err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(items: usize) -> String {
        format!("tags = [{}]\n", vec!["\"t\""; items].join(", "))
    }

    /// A TOML list of exactly the most items is read; one more is refused
    /// at that item.
    #[test]
    fn toml_lists_up_to_the_limit() {
        assert_eq!(toml(&flow(MAX_ITEMS)), None);
        let past = flow(MAX_ITEMS + 1);
        let (at, message) = toml(&past).expect("refused");
        assert_eq!(at, "tags = [".len() + MAX_ITEMS * "\"t\", ".len());
        assert!(message.contains("more than 1000 items"), "{message}");
    }

    /// Commas and brackets inside strings and comments are not items;
    /// headers and top-level keys are not counted.
    #[test]
    fn toml_counts_only_real_items() {
        let cases: &[(String, bool)] = &[
            // commas in a string are text
            (format!("s = \"{}\"\n", ",".repeat(5_000)), false),
            // and in a comment
            (format!("# {}\ns = 1\n", "[,".repeat(5_000)), false),
            // a table header is no list
            ("[a]\nb = 1\n[c.d]\ne = [1, 2]\n".to_owned(), false),
            // many top-level keys are not nested values
            ((0..5_000).map(|i| format!("k{i} = 1\n")).collect(), false),
            // an inline table of many keys is a table below the top level
            (
                format!(
                    "t = {{{}}}\n",
                    (0..1_001)
                        .map(|i| format!("k{i} = 1"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                true,
            ),
            // lists of lists: each short, together too many
            (
                format!(
                    "x = [{}]\n",
                    vec![format!("[{}]", vec!["1"; 100].join(",")); 100].join(",")
                ),
                true,
            ),
        ];
        for (block, refused) in cases {
            assert_eq!(toml(block).is_some(), *refused, "{:.60}", block);
        }
    }

    /// The YAML counter: the last item allowed in a list, one past it, and
    /// the total over many lists.
    #[test]
    fn nested_counts() {
        let mut nested = Nested::default();
        assert_eq!(nested.add(MAX_ITEMS - 1, true), Ok(()));
        assert!(nested.add(MAX_ITEMS, true).is_err());
        let mut nested = Nested::default();
        for _ in 0..MAX_NESTED {
            assert_eq!(nested.add(0, false), Ok(()));
        }
        assert!(nested.add(0, false).is_err());
    }
}
