//! The first place of each distinct key (an item id, a member name), for
//! findings that name it when the key comes again.
//!
//! What is kept of a key is its hash and its place, not its text: a
//! feed's millions of ids cost a few machine words each. When a hash
//! comes again the key at the first place is read again and compared, so
//! two keys are the same only if their texts are; the rare different key
//! with a hash already taken is kept whole, apart.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::tree;
use crate::build::rank::id_hash;

/// Where a key was first seen: the index of what holds it (an item's in
/// `items`; 0 for a member name) and the byte offset of the key's value.
pub type First = (usize, usize);

/// The keys seen so far in a text that [`tree::parse`] has read.
pub struct FirstSeen<'a> {
    text: &'a str,
    by_hash: HashMap<u64, First>,
    /// Keys whose hash was first seen with another key (none, but for a
    /// feed made to collide).
    apart: HashMap<Box<str>, First>,
}

impl<'a> FirstSeen<'a> {
    /// No keys yet, of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            by_hash: HashMap::new(),
            apart: HashMap::new(),
        }
    }

    /// No keys yet, of `text`, in a map made to hold `expected` (see
    /// [`crate::validate::expected_ids`]).
    pub fn with_capacity(text: &'a str, expected: usize) -> Self {
        Self {
            by_hash: HashMap::with_capacity(expected),
            ..Self::new(text)
        }
    }

    /// Records `key`, which is the string or number at `first.1`; where
    /// the same key was first seen if it was.
    pub fn insert(&mut self, key: &str, first: First) -> Option<First> {
        let earlier = match self.by_hash.entry(id_hash(key)) {
            Entry::Vacant(slot) => {
                slot.insert(first);
                return None;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        if tree::key_at(self.text, earlier.1).as_deref() == Some(key) {
            return Some(earlier);
        }
        match self.apart.entry(key.into()) {
            Entry::Vacant(slot) => {
                slot.insert(first);
                None
            }
            Entry::Occupied(slot) => Some(*slot.get()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal keys are found again, different ones are not, whether a
    /// string or a number was written, escaped or not.
    #[test]
    fn finds_the_first_of_equal_keys() {
        let text = r#"["a", "b", "\u0061", 7, "7", "a"]"#;
        let mut seen = FirstSeen::new(text);
        let keys: Vec<_> = tree::elements(text, 0).collect();
        let mut found = Vec::new();
        for (index, node) in keys.iter().enumerate() {
            let key = tree::key_at(text, node.at).expect("a key");
            found.push(seen.insert(&key, (index, node.at)).map(|f| f.0));
        }
        // The second `a` (escaped) and the string `"7"` repeat earlier
        // keys; the last `a` names the first.
        assert_eq!(found, [None, None, Some(0), None, Some(3), Some(0)]);
    }

    /// A key whose hash is taken by another key is still told apart, and
    /// found again itself.
    #[test]
    fn different_keys_under_one_hash() {
        let text = r#"["a", "b", "b"]"#;
        let mut seen = FirstSeen::new(text);
        // Forge the collision: `b`'s hash already names `a`'s place.
        seen.by_hash.insert(id_hash("b"), (0, 1));
        assert_eq!(seen.insert("b", (1, 6)), None);
        assert_eq!(seen.insert("b", (2, 11)), Some((1, 6)));
    }
}
