//! Writes the deterministic synthetic corpus: `gen_corpus DIR N [SHAPE]`.
//!
//! SHAPE is `site` (the default and what `bench/run.py` measures: real-shaped
//! text, 15% Markdown, ten section folders), `news` or `markdown` (real-shaped
//! text, one format, one folder), or `ascii` / `ascii-markdown` (the first,
//! ASCII-only corpus, one folder).

use std::path::PathBuf;
use std::process::ExitCode;

use feedpub::article::Format;
use feedpub::testing::corpus::{self, Shape};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: gen_corpus DIR N [site|news|markdown|ascii|ascii-markdown]");
        return ExitCode::from(2);
    };
    let shape = match args.get(2).map(String::as_str) {
        None | Some("site") => Shape::SITE,
        Some("news") => Shape::flat(Format::News),
        Some("markdown") => Shape::flat(Format::Markdown),
        Some("ascii") => Shape::ascii(Format::News),
        Some("ascii-markdown") => Shape::ascii(Format::Markdown),
        Some(other) => {
            eprintln!(
                "unknown shape `{other}`; expected `site`, `news`, `markdown`, `ascii` or `ascii-markdown`"
            );
            return ExitCode::from(2);
        }
    };
    match corpus::write_shaped(&PathBuf::from(dir), count, shape) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(1)
        }
    }
}
