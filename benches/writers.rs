//! The feed writers' speed on their own: the RSS, Atom and JSON feed of a
//! whole archive (`--limit 0 --content summary`, as W2 in bench/run.py)
//! of 100,000 corpus articles,
//! best of 10 rounds, with the feed already in memory.
//! `cargo bench --bench writers` (`FEEDPUB_BENCH_N` sets the count).
//!
//! A whole `build` of that archive takes seconds, mostly reading; a change
//! to the writers moves it by tens of milliseconds, which the machine's
//! noise hides. This times the writers alone.

use std::hint::black_box;
use std::time::{Duration, Instant};

use feedpub::article::Format;
use feedpub::config::{Config, ContentMode, Overrides};
use feedpub::normalize::Outcome;
use feedpub::testing::corpus;
use feedpub::write::{atom as atom_writer, json as json_writer, rss as rss_writer};
use feedpub::{build, feed};
use rayon::prelude::*;

fn main() {
    let count: u64 = std::env::var("FEEDPUB_BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    corpus::write(&articles, count, Format::News).expect("corpus");
    let config_file = dir.path().join("feedpub.toml");
    std::fs::write(&config_file, "tag_date = \"2023\"\n").expect("config file");
    let config = Config::load(Overrides {
        config: Some(config_file),
        articles: Some(articles.clone()),
        base_url: Some("https://news.example.com/".to_owned()),
        limit: Some(0),
        content: Some(ContentMode::Summary),
        ..Overrides::default()
    })
    .expect("config");
    let entries: Vec<_> = (0..count)
        .into_par_iter()
        .filter_map(|index| {
            let (name, _) = corpus::article(index, Format::News);
            match build::process(&articles.join(name), &config).outcome {
                Outcome::Entry(entry) => Some(*entry),
                _ => None,
            }
        })
        .collect();
    let feed = feed::assemble(&config, entries).expect("entries");
    let mut best = [Duration::MAX; 3];
    let mut bytes = [0; 3];
    for _ in 0..10 {
        for (i, write) in [rss_writer::write, atom_writer::write, json_writer::write]
            .iter()
            .enumerate()
        {
            let start = Instant::now();
            let out = black_box(write(black_box(&feed)));
            best[i] = best[i].min(start.elapsed());
            bytes[i] = out.len();
        }
    }
    for (name, (time, size)) in ["rss", "atom", "json"].iter().zip(best.iter().zip(bytes)) {
        println!(
            "{name:>4}: {:>7.1} ms for {} entries ({:.1} MB)",
            time.as_secs_f64() * 1e3,
            feed.entries.len(),
            size as f64 / 1e6
        );
    }
}
