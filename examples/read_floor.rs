//! The reader floor for the benchmark: the least work any reader of the
//! articles must do, with feedpub's own listing, character check and
//! date parser, each file read the way feedpub reads it, and nothing
//! else. Where `io_floor` only lists and
//! reads every file, this lists the articles with feedpub's own listing
//! (`list_articles`: the article files under DIR, sorted by path), and
//! then, per file:
//!
//! 1. `read`: opens it as feedpub does (without blocking), takes its
//!    size from the open file, and fills a buffer of that size in one
//!    `read`;
//! 2. `utf8`: validates it as UTF-8;
//! 3. `xml`: checks that XML can carry every character;
//! 4. `lines`: splits it into lines, trimmed;
//! 5. `date` (the default): finds the first line whose key is a date
//!    key (`Updated:`, `Published:`, `Date:` ...; the front matter's
//!    `date:` too) and parses its value.
//!
//! No article is read for its title, summary, body or tags, nothing is
//! ranked, nothing is written: what it takes is what a reader that finds
//! every article's date and every character XML cannot carry costs, at
//! the least. `read_floor DIR [--stage read|utf8|xml|lines|date]`
//! stops after the stage given and prints the counts.

use std::fs;
use std::io::Read;
use std::path::Path;

use feedpub::build::source::list_articles;
use feedpub::text::date::{self, DateOptions};
use rayon::prelude::*;

const STAGES: [&str; 5] = ["read", "utf8", "xml", "lines", "date"];
const DATE_KEYS: [&str; 5] = ["updated", "last updated", "published", "posted", "date"];
/// The longest key and its colon, with a blank or two before the colon.
const KEY_BYTES: usize = 16;

/// What one file counts for: bytes read, valid text, lines, a date found.
#[derive(Default, Clone, Copy)]
struct Counts {
    bytes: usize,
    text: usize,
    lines: usize,
    dated: usize,
}

impl std::ops::Add for Counts {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self {
            bytes: self.bytes + o.bytes,
            text: self.text + o.text,
            lines: self.lines + o.lines,
            dated: self.dated + o.dated,
        }
    }
}

fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = fs::File::options();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let mut file = options.open(path)?;
    let size = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
    let mut bytes = vec![0; size];
    let read = file.read(&mut bytes)?;
    bytes.truncate(read);
    Ok(bytes)
}

/// The value of a line `KEY: value` whose key is a date key, if it is one.
/// Only a line starting with a date key's first letter is looked at, and
/// only its first bytes for the colon: prose lines cost one comparison.
fn date_value(line: &str) -> Option<&str> {
    let first = line.as_bytes().first()?.to_ascii_lowercase();
    if !matches!(first, b'u' | b'l' | b'p' | b'd') {
        return None;
    }
    let head = &line.as_bytes()[..line.len().min(KEY_BYTES)];
    let colon = memchr::memchr(b':', head)?;
    let key = line[..colon].trim_end();
    DATE_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key))
        .then(|| line[colon + 1..].trim())
}

fn one(path: &Path, stage: usize, options: &DateOptions) -> Counts {
    let Ok(bytes) = read(path) else {
        return Counts::default();
    };
    let mut counts = Counts {
        bytes: bytes.len(),
        ..Counts::default()
    };
    if stage < 1 {
        return counts;
    }
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        return counts;
    };
    if stage < 2 {
        return counts;
    }
    counts.text = usize::from(feedpub::text::xml::all_xml_chars(text));
    if stage < 3 {
        return counts;
    }
    for line in text.split('\n').map(str::trim) {
        counts.lines += 1;
        if stage < 4 || counts.dated > 0 {
            continue;
        }
        if let Some(value) = date_value(line)
            && date::parse(value, options).is_ok()
        {
            counts.dated = 1;
        }
    }
    counts
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = "articles".to_owned();
    let mut stage = STAGES.len() - 1;
    while let Some(arg) = args.next() {
        if arg == "--stage" {
            let name = args.next().unwrap_or_default();
            let Some(at) = STAGES.iter().position(|s| *s == name) else {
                eprintln!("read_floor: --stage takes one of {}", STAGES.join(", "));
                std::process::exit(2);
            };
            stage = at;
        } else {
            dir = arg;
        }
    }
    // feedpub's own listing, sorted by path: finding the files and
    // putting them in order is part of any reader's work.
    let files = match list_articles(Path::new(&dir)) {
        Ok(listing) => listing.files,
        Err(e) => {
            eprintln!("read_floor: {e}");
            std::process::exit(1);
        }
    };
    let options = DateOptions::default();
    let counts = files
        .par_iter()
        .map(|path| one(path, stage, &options))
        .reduce(Counts::default, |a, b| a + b);
    println!(
        "{} files, {} bytes, {} XML-clean texts, {} lines, {} dated",
        files.len(),
        counts.bytes,
        counts.text,
        counts.lines,
        counts.dated
    );
}
