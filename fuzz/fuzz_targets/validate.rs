//! Any bytes as a feed: the validator never panics. The input is also
//! spliced, as text, into every date and zone position of a valid RSS and
//! Atom feed (feed `updated`, entry `published` and `updated`, channel
//! `pubDate` and `lastBuildDate`, item `pubDate`), and after a well-formed
//! date's zone sign, so that multi-byte characters reach the places where
//! the date checks count bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ATOM: &str = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x:f</id><title>T</title><updated>@</updated><author><name>A</name></author><entry><id>urn:x:1</id><title>E</title><published>@</published><updated>@</updated><link href=\"https://example.com/1\"/></entry></feed>";
const RSS: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.com/</link><description>D</description><pubDate>@</pubDate><lastBuildDate>@</lastBuildDate><item><title>I</title><guid isPermaLink=\"false\">urn:x:1</guid><pubDate>@</pubDate></item></channel></rss>";

fuzz_target!(|data: &[u8]| {
    let options = feedpub::validate::Options::default();
    let _ = feedpub::validate::validate(data, &options);
    let text = String::from_utf8_lossy(data);
    // Escaped so that the splice stays text (a `<` would end the element).
    let text = text.replace('&', "&amp;").replace('<', "&lt;");
    for value in [
        text.clone(),
        format!("2023-08-08T22:37:00{text}"),
        format!("2023-08-08T22:37:00+{text}"),
        format!("Tue, 08 Aug 2023 22:37:00 {text}"),
        format!("Tue, 08 Aug 2023 22:37:00 +{text}"),
    ] {
        for template in [ATOM, RSS] {
            let feed = template.replace('@', &value);
            let _ = feedpub::validate::validate(feed.as_bytes(), &options);
        }
    }
});
