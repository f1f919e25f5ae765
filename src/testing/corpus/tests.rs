use std::path::Path;

use super::*;
use crate::config::{Config, Overrides};

fn config() -> Config {
    Config::load(Overrides {
        base_url: Some("https://example.com/".to_owned()),
        config: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions.toml")),
        ..Default::default()
    })
    .expect("config")
}

fn format_of(name: &str) -> Format {
    if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::News
    }
}

#[test]
fn articles_are_deterministic_and_readable() {
    assert_eq!(article(7, Format::News), article(7, Format::News));
    assert_ne!(article(7, Format::News), article(8, Format::News));
    let config = config();
    let shapes = [
        Shape::SITE,
        Shape::flat(Format::News),
        Shape::flat(Format::Markdown),
        Shape::ascii(Format::News),
        Shape::ascii(Format::Markdown),
    ];
    for shape in shapes {
        for index in 0..80 {
            let (name, text) = shaped(index, shape);
            let written =
                crate::testing::properties::article(text.as_bytes(), format_of(&name), &config)
                    .unwrap_or_else(|e| panic!("{index} {shape:?}: {e}"));
            let Some((entry, _, _)) = written else {
                panic!("article {index} ({shape:?}) is refused:\n{text}");
            };
            if shape.text == Text::Real {
                assert!(
                    (1..=5).contains(&entry.tags.len()),
                    "article {index} ({shape:?}): tags {:?}",
                    entry.tags
                );
            }
        }
    }
}

#[test]
fn the_site_is_real_shaped() {
    let articles: Vec<(String, String)> = (0..2000).map(|i| shaped(i, Shape::SITE)).collect();
    let markdown = articles.iter().filter(|(n, _)| n.ends_with(".md")).count();
    // About 15% Markdown.
    assert!(
        (200..400).contains(&markdown),
        "{markdown} Markdown articles"
    );
    let sections: std::collections::BTreeSet<&str> = articles
        .iter()
        .filter_map(|(n, _)| n.split_once('/').map(|(s, _)| s))
        .collect();
    assert_eq!(sections.len(), 10);
    let all: String = articles.iter().map(|(_, t)| t.as_str()).collect();
    for wanted in [
        "‘",
        "’",
        "“",
        "”",
        "—",
        "–",
        "…",
        "\u{a0}",
        " & ",
        "&amp;",
        "&rsquo;",
        "&#8217;",
        "é",
        "ü",
        "دبي",
        "東京",
        "Москва",
        "Tags: ",
        "Author: ",
        "\nBy ",
    ] {
        assert!(all.contains(wanted), "no `{wanted}` in the corpus");
    }
    let news = articles.iter().find(|(n, _)| n.ends_with(".txt"));
    assert!(news.is_some_and(|(_, t)| !t.ends_with('\n')));
    // Mostly ASCII bytes, but not only.
    let ascii = all.bytes().filter(u8::is_ascii).count();
    let share = ascii as f64 / all.len() as f64;
    assert!((0.70..0.95).contains(&share), "ASCII share {share}");
}

#[test]
fn tags_are_skewed() {
    let mut counts = std::collections::BTreeMap::new();
    let mut rng = Rng(1);
    for _ in 0..20_000 {
        for tag in real::tags(&mut rng) {
            *counts.entry(tag).or_insert(0u32) += 1;
        }
    }
    let mut by_use: Vec<u32> = counts.values().copied().collect();
    by_use.sort_unstable_by(|a, b| b.cmp(a));
    // A few very common, most rare.
    assert!(by_use[0] > 20 * by_use[by_use.len() / 2], "{by_use:?}");
    assert!(counts.len() > 190);
}

#[test]
fn the_ascii_corpus_is_the_first_one() {
    // Article 0 of the first corpus, as it always was.
    let (name, text) = shaped(0, Shape::ascii(Format::News));
    assert_eq!(name, "story-0000000.txt");
    assert!(text.is_ascii());
    assert!(text.contains("\nPowered by automated translation\n\n"));
}
