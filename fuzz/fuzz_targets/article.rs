//! Any bytes as an article, in both formats: reading and normalising never
//! panic, and an article that is accepted always makes feeds that pass
//! feedpub's own validator with no error.
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
        if let Err(problem) = feedpub::properties::article(data, format, config()) {
            panic!("{problem}");
        }
    }
});
