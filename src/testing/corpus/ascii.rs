//! The first synthetic corpus, kept byte for byte: ASCII words only, every
//! article in one folder and one format. Earlier benchmark figures were
//! measured on it.

use super::{Rng, instant, updated_line};
use crate::article::Format;

pub(super) const WORDS: &[&str] = &[
    "city",
    "council",
    "port",
    "minister",
    "water",
    "power",
    "school",
    "market",
    "road",
    "tunnel",
    "bridge",
    "budget",
    "report",
    "plan",
    "project",
    "station",
    "airport",
    "museum",
    "hospital",
    "district",
    "coast",
    "desert",
    "harbour",
    "ferry",
    "tram",
    "metro",
    "park",
    "tower",
    "energy",
    "solar",
    "grid",
    "trade",
    "ship",
    "container",
    "festival",
    "visitors",
    "residents",
    "workers",
    "officials",
    "engineers",
    "students",
    "teachers",
    "doctors",
    "farmers",
    "drivers",
    "families",
    "opened",
    "approved",
    "announced",
    "expanded",
    "delayed",
    "rebuilt",
    "reported",
    "reduced",
    "increased",
    "planned",
    "signed",
    "launched",
    "tested",
    "restored",
    "the",
    "a",
    "new",
    "old",
    "first",
    "second",
    "largest",
    "northern",
    "southern",
    "eastern",
    "western",
    "public",
    "private",
    "local",
    "national",
    "regional",
    "annual",
    "monthly",
    "early",
    "late",
    "after",
    "before",
    "during",
    "with",
    "without",
    "for",
    "from",
    "into",
    "over",
    "under",
    "near",
    "across",
    "and",
    "but",
    "while",
    "since",
    "because",
    "although",
    "which",
    "where",
    "when",
    "that",
    "this",
    "year",
    "month",
    "week",
    "day",
    "morning",
    "evening",
    "night",
    "summer",
    "winter",
    "spring",
];

pub(super) const CREDITS: &[&str] = &["EPA", "AFP", "Reuters", "AP", "Getty Images", "WAM"];

pub(super) fn words(rng: &mut Rng, count: u64) -> String {
    let mut out = String::new();
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        let word = WORDS[rng.below(WORDS.len() as u64) as usize];
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Article `index` of the ASCII corpus: its file name and text.
pub(super) fn article(index: u64, format: Format) -> (String, String) {
    let mut rng = Rng(index.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xFEED);
    let n = rng.between(5, 10);
    let title = words(&mut rng, n);
    let n = rng.between(10, 20);
    let dek = words(&mut rng, n);
    let n = rng.between(8, 14);
    let caption_words = words(&mut rng, n);
    let credit = CREDITS[rng.below(CREDITS.len() as u64) as usize];
    let caption = format!("{caption_words}. {credit}");
    let mut paragraphs = Vec::new();
    for _ in 0..rng.between(3, 12) {
        let n = rng.between(60, 120);
        paragraphs.push(format!("{}.", words(&mut rng, n)));
    }
    let at = instant(&mut rng);
    let style = rng.below(6);
    let slug = format!("story-{index:07}");
    match format {
        Format::News => {
            let mut text =
                format!("{title}\n\n{dek}\n\n{caption}\nPowered by automated translation\n\n");
            for p in &paragraphs {
                text.push_str(p);
                text.push_str("\n\n");
            }
            text.push_str("Updated: ");
            text.push_str(&updated_line(&at, style));
            (format!("{slug}.txt"), text)
        }
        Format::Markdown => {
            let mut text = format!(
                "---\ntitle: \"{title}\"\ndate: {}\nsummary: \"{dek}\"\ntags: [{}]\n---\n\n",
                at.to_rfc3339(),
                WORDS[(index % WORDS.len() as u64) as usize]
            );
            for p in &paragraphs {
                text.push_str(p);
                text.push_str("\n\n");
            }
            (format!("{slug}.md"), text)
        }
    }
}
