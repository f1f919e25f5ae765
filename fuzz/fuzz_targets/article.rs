//! Any bytes as an article, in both formats: reading and normalising never
//! panic, and an article that is accepted always makes feeds that pass
//! feedpub's own validator with no error. The input is also spliced, as
//! text, into the date of a plain-text article (`Updated: ...`) and of a
//! Markdown article's front matter, so that multi-byte characters reach
//! every position of the timestamp reader through the whole pipeline.
#![no_main]

use std::sync::OnceLock;

use feedpub::article::Format;
use feedpub::config::{Config, Overrides};
use libfuzzer_sys::fuzz_target;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::load(Overrides {
            base_url: Some("https://news.example.com/".to_owned()),
            ..Overrides::default()
        })
        .expect("a base URL is all a config needs")
    })
}

fuzz_target!(|data: &[u8]| {
    for format in [Format::News, Format::Markdown] {
        if let Err(problem) = feedpub::testing::properties::article(data, format, config()) {
            panic!("{problem}");
        }
    }
    let Ok(date) = std::str::from_utf8(data) else { return };
    if date.contains(['\n', '\r']) {
        return;
    }
    let news = format!("A title\n\nA dek line\n\nBody.\n\nUpdated: {date}");
    let markdown = format!("---\ntitle: A title\ndate: \"{}\"\n---\n\nBody.\n", date.replace(['"', '\\'], ""));
    for (text, format) in [(news, Format::News), (markdown, Format::Markdown)] {
        if let Err(problem) = feedpub::testing::properties::article(text.as_bytes(), format, config()) {
            panic!("{problem}");
        }
    }
});
