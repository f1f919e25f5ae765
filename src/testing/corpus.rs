//! A deterministic synthetic corpus, for benchmarks and tests: articles in
//! the plain-text news format (title, dek, caption and boilerplate, 3 to 12
//! body paragraphs of 60 to 120 words, an `Updated` line in one of several
//! accepted styles, dates spread over ten years), or the same articles as
//! Markdown with front matter.

use std::fs;
use std::io;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, TimeZone};

use crate::article::Format;

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }
}

const WORDS: &[&str] = &[
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

const CREDITS: &[&str] = &["EPA", "AFP", "Reuters", "AP", "Getty Images", "WAM"];

fn words(rng: &mut Rng, count: u64) -> String {
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

/// The instant of article `index`: spread over ten years from 2015.
fn instant(rng: &mut Rng) -> DateTime<FixedOffset> {
    let start = FixedOffset::east_opt(4 * 3600)
        .and_then(|z| z.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).single())
        .unwrap_or_default();
    start + Duration::minutes(rng.below(10 * 365 * 24 * 60) as i64)
}

/// The `Updated` value in one of several accepted styles.
fn updated_line(at: &DateTime<FixedOffset>, style: u64) -> String {
    match style % 6 {
        0 => at.format("%B %d, %Y, %I:%M %p").to_string(),
        1 => at
            .format("%b. %-d, %Y at %-I:%M %P")
            .to_string()
            .replace("am", "a.m.")
            .replace("pm", "p.m."),
        2 => at.format("%-d %B %Y %H:%M").to_string(),
        3 => at.to_rfc3339(),
        4 => at.format("%a, %d %b %Y %H:%M:%S %z").to_string(),
        _ => at.format("%Y/%m/%d %H:%M").to_string(),
    }
}

/// Article `index` of the corpus: its file name and text.
pub fn article(index: u64, format: Format) -> (String, String) {
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

/// Writes articles `0..count` into `dir`.
pub fn write(dir: &Path, count: u64, format: Format) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for index in 0..count {
        let (name, text) = article(index, format);
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_readable() {
        assert_eq!(article(7, Format::News), article(7, Format::News));
        assert_ne!(article(7, Format::News), article(8, Format::News));
        for index in 0..60 {
            for format in [Format::News, Format::Markdown] {
                let (_, text) = article(index, format);
                let config = crate::config::Config::load(crate::config::Overrides {
                    base_url: Some("https://example.com/".to_owned()),
                    config: Some(
                        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions.toml"),
                    ),
                    ..Default::default()
                })
                .expect("config");
                let written = crate::testing::properties::article(text.as_bytes(), format, &config)
                    .unwrap_or_else(|e| panic!("{index}: {e}"));
                assert!(
                    written.is_some(),
                    "article {index} ({format:?}) is accepted"
                );
            }
        }
    }
}
