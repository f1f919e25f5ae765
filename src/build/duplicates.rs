//! Articles that share an id: the ranking pass finds files whose ids
//! hash alike, and this reads them again to compare the real ids.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::process;
use super::rank::Accumulator;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::normalize::Outcome;

/// Finds files that share an id (hash groups checked against the real
/// ids) and reports each, naming the others; gives the files rejected.
pub(super) fn reject(config: &Config, files: &[PathBuf], acc: &mut Accumulator) -> BTreeSet<u32> {
    let mut rejected = BTreeSet::new();
    for group in acc.possible_duplicates() {
        let mut by_id: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &file in &group {
            if let Outcome::Entry(e) = process(&files[file as usize], config).outcome {
                by_id.entry(e.id.clone()).or_default().push(file);
            }
        }
        for (id, shared) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
            for &file in &shared {
                let others: Vec<String> = shared
                    .iter()
                    .filter(|&&o| o != file)
                    .map(|&o| format!("`{}`", crate::diagnostic::show(&files[o as usize])))
                    .collect();
                acc.problems.push((
                    file,
                    Diagnostic::error(
                        "duplicate-id",
                        &files[file as usize],
                        format!(
                            "id `{id}` is also the id of {}; give each article its own slug or id",
                            others.join(", ")
                        ),
                    ),
                ));
                rejected.insert(file);
            }
        }
    }
    rejected
}
