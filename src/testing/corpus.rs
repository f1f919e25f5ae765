//! A deterministic synthetic corpus, for benchmarks and tests: the same
//! bytes on every run and machine.
//!
//! The usual shape ([`Shape::SITE`], what `bench/run.py` measures) is a news
//! site's archive: real-shaped text (English with accented names and
//! places, typographic quotes and dashes, `&`, ellipses, now and then a
//! no-break space; about one title or paragraph in eight in Arabic,
//! Chinese or Japanese, or Cyrillic script), 85% plain-text news articles
//! (title, dek, caption ending in a credit, the automated translation line,
//! 3 to 12 body paragraphs, sometimes a `By` byline or an `Author:` line, a
//! `Tags:` line, and an `Updated` line in one of six styles with no final
//! newline) and 15% Markdown with YAML front matter and entities; every
//! article has 1 to 5 of 200 tags (Zipf-distributed; some accented or not
//! in Latin script) and stands in one of ten section folders
//! (`<section>/story-NNNNNNN.txt`). Dates spread over ten years.
//!
//! [`article`] and [`write`] keep their first meaning for tests that place
//! files themselves: one format, one folder, real-shaped text.
//! [`Text::Ascii`] is the first corpus, byte for byte (ASCII words only).

mod ascii;
mod real;
mod vocabulary;

use std::fs;
use std::io;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, TimeZone};

use crate::article::Format;
use real::Script;

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

/// The text the articles are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Real-shaped news text (see the module's documentation).
    Real,
    /// The first corpus: ASCII words only, one tag per Markdown article,
    /// no tags in news articles.
    Ascii,
}

/// Which formats the articles are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formats {
    /// Every article in this format.
    Only(Format),
    /// A news site's mix: 85% plain-text news, 15% Markdown.
    Mixed,
}

/// How a corpus is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The text.
    pub text: Text,
    /// The formats.
    pub formats: Formats,
    /// Each article in one of ten section folders (`world/`, `business/`,
    /// ...) rather than all in one.
    pub sections: bool,
}

impl Shape {
    /// A news site's archive: real-shaped text, mixed formats, sections.
    pub const SITE: Shape = Shape {
        text: Text::Real,
        formats: Formats::Mixed,
        sections: true,
    };

    /// Real-shaped text, every article in `format`, all in one folder.
    pub const fn flat(format: Format) -> Shape {
        Shape {
            text: Text::Real,
            formats: Formats::Only(format),
            sections: false,
        }
    }

    /// The first corpus: ASCII only, every article in `format`, one folder.
    pub const fn ascii(format: Format) -> Shape {
        Shape {
            text: Text::Ascii,
            formats: Formats::Only(format),
            sections: false,
        }
    }
}

/// The instant of an article: spread over ten years from 2015.
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

/// Article `index` in `format`, real-shaped text: its file name and text.
pub fn article(index: u64, format: Format) -> (String, String) {
    shaped(index, Shape::flat(format))
}

/// Article `index` of a corpus of `shape`: its path below the articles
/// folder (`/`-separated) and its text.
pub fn shaped(index: u64, shape: Shape) -> (String, String) {
    // Layout and format come from a stream of their own, so that the text
    // of article `index` is the same whatever folder it stands in.
    let mut place = Rng(index.wrapping_mul(0x9E6C_63D0_676A_9A99) ^ 0x5EC7);
    let section = vocabulary::SECTIONS[place.below(vocabulary::SECTIONS.len() as u64) as usize];
    let format = match shape.formats {
        Formats::Only(format) => format,
        Formats::Mixed if place.below(100) < 15 => Format::Markdown,
        Formats::Mixed => Format::News,
    };
    let (name, text) = match shape.text {
        Text::Ascii => ascii::article(index, format),
        Text::Real => real_article(index, format),
    };
    if shape.sections {
        (format!("{section}/{name}"), text)
    } else {
        (name, text)
    }
}

/// A real-shaped article: its file name and text.
fn real_article(index: u64, format: Format) -> (String, String) {
    let mut rng = Rng(index.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xFEED);
    let lead = real::script(&mut rng);
    let n = rng.between(5, 10);
    let title = real::headline(&mut rng, lead, n);
    let n = rng.between(10, 20);
    let dek = real::headline(&mut rng, lead, n);
    let caption = real::caption(&mut rng);
    let mut paragraphs = Vec::new();
    for i in 0..rng.between(3, 12) {
        // An article led in another script mostly keeps to it.
        let script = if i == 0 || (lead != Script::Latin && rng.below(4) != 0) {
            lead
        } else {
            real::script(&mut rng)
        };
        let n = rng.between(60, 120);
        paragraphs.push(real::paragraph(&mut rng, script, n));
    }
    let tags = real::tags(&mut rng);
    let byline = match rng.below(10) {
        0..2 => Some((true, real::author(&mut rng))),
        2..5 => Some((false, real::author(&mut rng))),
        _ => None,
    };
    let at = instant(&mut rng);
    let style = rng.below(6);
    let slug = format!("story-{index:07}");
    match format {
        Format::News => {
            let mut text =
                format!("{title}\n\n{dek}\n\n{caption}\nPowered by automated translation\n\n");
            if let Some((true, name)) = byline {
                text.push_str("By ");
                text.push_str(name);
                text.push_str("\n\n");
            }
            for p in &paragraphs {
                text.push_str(p);
                text.push_str("\n\n");
            }
            if let Some((false, name)) = byline {
                text.push_str("Author: ");
                text.push_str(name);
                text.push('\n');
            }
            text.push_str("Tags: ");
            text.push_str(&tags.join(", "));
            text.push_str("\nUpdated: ");
            text.push_str(&updated_line(&at, style));
            (format!("{slug}.txt"), text)
        }
        Format::Markdown => {
            let quoted: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
            let mut text = format!(
                "---\ntitle: \"{title}\"\ndate: {}\nsummary: \"{dek}\"\ntags: [{}]\n",
                at.to_rfc3339(),
                quoted.join(", ")
            );
            if let Some((_, name)) = byline {
                text.push_str(&format!("author: \"{name}\"\n"));
            }
            text.push_str("---\n\n");
            for p in &paragraphs {
                text.push_str(&real::markdown(&mut rng, p));
                text.push_str("\n\n");
            }
            (format!("{slug}.md"), text)
        }
    }
}

/// Writes articles `0..count` in `format` into `dir`, all in that folder,
/// real-shaped text.
pub fn write(dir: &Path, count: u64, format: Format) -> io::Result<()> {
    write_shaped(dir, count, Shape::flat(format))
}

/// Writes articles `0..count` of a corpus of `shape` into `dir`.
pub fn write_shaped(dir: &Path, count: u64, shape: Shape) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    if shape.sections {
        for section in vocabulary::SECTIONS {
            fs::create_dir_all(dir.join(section))?;
        }
    }
    for index in 0..count {
        let (name, text) = shaped(index, shape);
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
