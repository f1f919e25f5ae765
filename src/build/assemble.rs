//! The feed of the chosen entries: the ranking pass keeps the best
//! candidates, and this turns them into the [`Feed`], reading again the
//! articles the cache stood for.

use std::path::PathBuf;

use rayon::prelude::*;

use super::rank::Candidate;
use super::{Report, keeps, process};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::feed::{self, Feed};
use crate::normalize::{NormalizedEntry, Outcome};

/// The feed of the chosen candidates: those the cache stood for are read
/// now (in parallel), the only articles a rerun reads unchanged; `None`
/// when there is none. Also the boxes the entries were moved out of, to be
/// freed with the rest at the end (not while the feeds are written and
/// validated on every core).
#[allow(clippy::vec_box)] // The candidates' own boxes, kept only to be freed.
pub(super) fn resolve(
    config: &Config,
    files: &[PathBuf],
    best: Vec<Candidate>,
    report: &mut Report,
    notes: bool,
) -> (Option<Feed>, Vec<Box<NormalizedEntry>>) {
    let fresh = best.iter().all(|c| matches!(c, Candidate::Fresh(_)));
    if fresh && best.is_sorted_by(|a, b| crate::feed::order::order(a.key(), b.key()).is_le()) {
        // Nothing to read again, and in order: each entry moves out of its
        // box straight into the feed, on every core (an archive's worth of
        // entries is 30 MB: gathering them in a list of their own first
        // cost that much fresh memory, and a pass of one core).
        let mut boxes: Vec<Box<NormalizedEntry>> = best
            .into_iter()
            .filter_map(|c| match c {
                Candidate::Fresh(entry) => Some(entry),
                Candidate::Cached { .. } => None,
            })
            .collect();
        let Some(updated) = boxes.first().map(|e| e.updated) else {
            return (None, boxes);
        };
        let feed = feed::from_ordered(
            config,
            updated,
            boxes
                .par_iter_mut()
                .map(|entry| std::mem::take(&mut **entry)),
        );
        return (Some(feed), boxes);
    }
    let resolved: Vec<(Option<NormalizedEntry>, Vec<Diagnostic>)> = best
        .into_par_iter()
        .map(|candidate| match candidate {
            Candidate::Fresh(entry) => (Some(*entry), Vec::new()),
            Candidate::Cached { file, .. } => {
                let processed = process(&files[file as usize], config);
                match processed.outcome {
                    Outcome::Entry(entry) => (Some(*entry), processed.diagnostics),
                    // Changed since it was listed: report it, leave it out.
                    _ => (None, processed.diagnostics),
                }
            }
        })
        .collect();
    let mut entries = Vec::with_capacity(resolved.len());
    for (entry, diagnostics) in resolved {
        report
            .diagnostics
            .extend(diagnostics.into_iter().filter(|d| keeps(notes, d)));
        entries.extend(entry);
    }
    (feed::assemble(config, entries), Vec::new())
}
