//! The `Content-Type` of a served file. An `.xml` file is RSS or Atom by
//! its root element, not by its name: archive pages (`archive/rss/1.xml`,
//! `archive/atom/1.xml`) and a `[[feeds]]` feed's files are named for
//! their place, and the document itself says what it is. A `.json` file
//! is a JSON Feed when it names the JSON Feed version.

use std::path::Path;

/// RSS 2.0.
pub const RSS: &str = "application/rss+xml; charset=utf-8";
/// Atom 1.0.
pub const ATOM: &str = "application/atom+xml; charset=utf-8";
/// JSON Feed 1.1 (JSON is UTF-8 by definition, so no charset).
pub const JSON_FEED: &str = "application/feed+json";
/// OPML.
pub const OPML: &str = "text/x-opml; charset=utf-8";
/// HTML pages.
pub const HTML: &str = "text/html; charset=utf-8";

/// How many bytes of a file are looked at to tell what it is: enough for
/// an XML declaration, comments and a stylesheet instruction before the
/// root element, or the first members of a JSON object.
pub const SNIFF_BYTES: usize = 1024;

/// The media type of the file at `path` whose contents begin with `head`.
pub fn content_type(path: &Path, head: &[u8]) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xml") => match root_element(head) {
            Some(b"rss") => RSS,
            Some(b"feed") => ATOM,
            Some(b"opml") => OPML,
            _ => "application/xml; charset=utf-8",
        },
        Some("json") if contains(head, b"jsonfeed.org/version/") => JSON_FEED,
        Some("json") => "application/json",
        Some("opml") => OPML,
        Some("html" | "htm") => HTML,
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Whether a response of this type is worth compressing: text is, images
/// already compressed are not.
pub fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/")
            && (content_type.contains("xml") || content_type.contains("json"))
        || content_type.starts_with("image/svg")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The local name of the first element of an XML document's beginning,
/// past the declaration, processing instructions, comments and a
/// doctype; `None` when `head` does not reach it.
fn root_element(head: &[u8]) -> Option<&[u8]> {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        if let Some(after) = rest.strip_prefix(b"<!--") {
            let end = after.windows(3).position(|w| w == b"-->")?;
            rest = after.get(end + 3..)?;
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            let end = rest.iter().position(|&b| b == b'>')?;
            rest = rest.get(end + 1..)?;
        } else {
            let name = rest.strip_prefix(b"<")?;
            let end = name
                .iter()
                .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))?;
            let qualified = name.get(..end)?;
            // A prefixed root (`<atom:feed ...>`) is still a feed.
            let local = match qualified.iter().position(|&b| b == b':') {
                Some(colon) => qualified.get(colon + 1..)?,
                None => qualified,
            };
            return Some(local);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        let cases: &[(&str, &str, &str)] = &[
            // The main RSS feed.
            (
                "rss.xml",
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">",
                RSS,
            ),
            // The main Atom feed.
            (
                "atom.xml",
                "<?xml version=\"1.0\"?>\n<feed xmlns=\"x\">",
                ATOM,
            ),
            // An RSS archive page: named by number, told by its root.
            ("archive/rss/1.xml", "<?xml version=\"1.0\"?><rss>", RSS),
            // An Atom archive page.
            ("archive/atom/1.xml", "<?xml version=\"1.0\"?><feed>", ATOM),
            // A byte order mark and a comment before the root.
            ("x.xml", "\u{feff}<!-- a > b --><feed>", ATOM),
            // A stylesheet instruction and a doctype before the root.
            (
                "x.xml",
                "<?xml-stylesheet href=\"a\"?><!DOCTYPE rss><rss>",
                RSS,
            ),
            // A prefixed root element.
            ("x.xml", "<atom:feed xmlns:atom=\"x\">", ATOM),
            // An OPML document named .xml.
            ("list.xml", "<opml version=\"2.0\">", OPML),
            // Some other XML.
            ("sitemap.xml", "<urlset>", "application/xml; charset=utf-8"),
            // The root element cut off by the sniffing window.
            ("x.xml", "<!-- long", "application/xml; charset=utf-8"),
            // A JSON Feed.
            (
                "feed.json",
                "{\"version\": \"https://jsonfeed.org/version/1.1\"",
                JSON_FEED,
            ),
            // Other JSON.
            ("data.json", "{\"a\": 1}", "application/json"),
            // The OPML list of the set.
            ("index.opml", "<?xml version=\"1.0\"?><opml>", OPML),
            // The human page.
            ("index.html", "<!DOCTYPE html>", HTML),
            // An extension in capitals.
            ("INDEX.HTML", "", HTML),
            // A stylesheet.
            ("style.css", "", "text/css; charset=utf-8"),
            // No extension at all.
            ("README", "", "application/octet-stream"),
        ];
        for (name, head, want) in cases {
            assert_eq!(
                content_type(Path::new(name), head.as_bytes()),
                *want,
                "{name}"
            );
        }
    }

    #[test]
    fn what_is_compressed() {
        let cases: &[(&str, bool)] = &[
            // Feeds are text.
            (RSS, true),
            // Atom too.
            (ATOM, true),
            // JSON Feed.
            (JSON_FEED, true),
            // OPML is text/.
            (OPML, true),
            // Pages.
            (HTML, true),
            // Images are compressed already.
            ("image/png", false),
            // Unknown bytes are left alone.
            ("application/octet-stream", false),
        ];
        for (content_type, want) in cases {
            assert_eq!(compressible(content_type), *want, "{content_type}");
        }
    }
}
