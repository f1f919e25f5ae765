//! Writes the deterministic synthetic corpus: `gen_corpus DIR N [news|markdown]`.

use std::path::PathBuf;
use std::process::ExitCode;

use feedpub::article::Format;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: gen_corpus DIR N [news|markdown]");
        return ExitCode::from(2);
    };
    let format = match args.get(2).map(String::as_str) {
        None | Some("news") => Format::News,
        Some("markdown") => Format::Markdown,
        Some(other) => {
            eprintln!("unknown format `{other}`; expected `news` or `markdown`");
            return ExitCode::from(2);
        }
    };
    match feedpub::testing::corpus::write(&PathBuf::from(dir), count, format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(1)
        }
    }
}
