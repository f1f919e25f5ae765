//! Any bytes as a feed: the validator never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = feedpub::validate::validate(data, &feedpub::validate::Options::default());
});
