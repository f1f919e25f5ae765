//! Any string as a timestamp: parsing never panics, and what it accepts
//! is written in forms that read back as the same instant.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Zones picked by the input's first byte, so that DST and local mean time
/// rules get fuzzed too.
const ZONES: [chrono_tz::Tz; 4] = [
    chrono_tz::Tz::UTC,
    chrono_tz::Tz::America__New_York,
    chrono_tz::Tz::Europe__London,
    chrono_tz::Tz::Australia__Lord_Howe,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let zone = ZONES[data.first().map_or(0, |b| usize::from(*b) % ZONES.len())];
    if let Err(problem) = feedpub::testing::properties::timestamp(text, zone) {
        panic!("{problem}");
    }
});
