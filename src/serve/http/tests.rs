use std::io::Read;
use std::time::Duration;

use super::*;

#[test]
fn if_none_match_lists() {
    let tag = "\"abc-1\"";
    let cases: &[(&str, bool)] = &[
        // The tag itself.
        ("\"abc-1\"", true),
        // Any tag at all.
        ("*", true),
        // Weak comparison: a weak tag with the same opaque part matches.
        ("W/\"abc-1\"", true),
        // A list holding it, not first.
        ("\"x\", \"abc-1\"", true),
        // A list without spaces.
        ("\"x\",W/\"abc-1\"", true),
        // Another version.
        ("\"abc-2\"", false),
        // The gzip variant's tag is another representation.
        ("\"abc-1-gzip\"", false),
        // A tag with a comma inside, then ours.
        ("\"a,b\", \"abc-1\"", true),
        // Unquoted: not an entity tag, ignored.
        ("abc-1", false),
        // An unterminated tag.
        ("\"abc-1", false),
        // Empty.
        ("", false),
    ];
    for (list, want) in cases {
        assert_eq!(none_match_hits(list, tag), *want, "{list}");
    }
}

#[test]
fn if_modified_since_dates() {
    // Sun, 06 Nov 1994 08:49:37 GMT, and half a second into it.
    let modified = UNIX_EPOCH + Duration::from_millis(784_111_777_500);
    let cases: &[(&str, bool)] = &[
        // The file's own second: fractions do not count.
        ("Sun, 06 Nov 1994 08:49:37 GMT", true),
        // Later.
        ("Sun, 06 Nov 1994 09:00:00 GMT", true),
        // A second earlier: changed since.
        ("Sun, 06 Nov 1994 08:49:36 GMT", false),
        // The obsolete RFC 850 form is still a date.
        ("Sunday, 06-Nov-94 08:49:37 GMT", true),
        // asctime form.
        ("Sun Nov  6 08:49:37 1994", true),
        // Not a date: ignored.
        ("yesterday", false),
        // Empty.
        ("", false),
    ];
    for (since, want) in cases {
        assert_eq!(unmodified_since(since, modified), *want, "{since}");
    }
}

#[test]
fn accept_encoding_values() {
    let cases: &[(&str, bool)] = &[
        // Plain gzip.
        ("gzip", true),
        // What browsers send.
        ("gzip, deflate, br, zstd", true),
        // Quality 0 refuses it.
        ("gzip;q=0", false),
        // Spelled out with decimals and spaces.
        ("br, gzip ; q=0.000", false),
        // A low quality still takes it.
        ("gzip;q=0.1", true),
        // Capitals.
        ("GZIP", true),
        // The old name.
        ("x-gzip", true),
        // Anything.
        ("*", true),
        // Anything but gzip.
        ("*, gzip;q=0", false),
        // Nothing but anything.
        ("*;q=0", false),
        // Identity only.
        ("identity", false),
        // Another coding only.
        ("br", false),
        // An unreadable quality: that item is skipped.
        ("gzip;q=x", false),
        // Empty.
        ("", false),
    ];
    for (header, want) in cases {
        assert_eq!(accepts_gzip(header), *want, "{header}");
    }
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("rss.xml"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"></rss>",
    )
    .expect("write");
    dir
}

fn get(target: &str) -> Request {
    Request {
        method: "GET".to_owned(),
        target: target.to_owned(),
        ..Request::default()
    }
}

#[test]
fn answers() {
    let dir = site();
    let bytes = std::fs::read(dir.path().join("rss.xml")).expect("read");
    let tag = format!("\"{}\"", etag(&bytes));
    let gzip_tag = format!("\"{}-gzip\"", etag(&bytes));
    let modified = std::fs::metadata(dir.path().join("rss.xml"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let last_modified = httpdate::fmt_http_date(modified);
    let earlier = httpdate::fmt_http_date(modified - Duration::from_secs(3600));
    let with = |f: &dyn Fn(&mut Request)| {
        let mut request = get("/rss.xml");
        f(&mut request);
        request
    };
    let cases: Vec<(Request, u16, Option<&str>)> = vec![
        // A plain GET.
        (get("/rss.xml"), 200, Some(&tag)),
        // HEAD: the same fields.
        (with(&|r| r.method = "HEAD".to_owned()), 200, Some(&tag)),
        // Another method.
        (with(&|r| r.method = "POST".to_owned()), 405, None),
        // The current tag: not modified.
        (
            with(&|r| r.if_none_match = Some(tag.clone())),
            304,
            Some(&tag),
        ),
        // An old tag.
        (
            with(&|r| r.if_none_match = Some("\"old\"".to_owned())),
            200,
            Some(&tag),
        ),
        // The file's own date: not modified.
        (
            with(&|r| r.if_modified_since = Some(last_modified.clone())),
            304,
            Some(&tag),
        ),
        // An earlier date: modified since.
        (
            with(&|r| r.if_modified_since = Some(earlier.clone())),
            200,
            Some(&tag),
        ),
        // If-None-Match wins over If-Modified-Since.
        (
            with(&|r| {
                r.if_none_match = Some("\"old\"".to_owned());
                r.if_modified_since = Some(last_modified.clone());
            }),
            200,
            Some(&tag),
        ),
        // gzip taken: the variant's own tag.
        (
            with(&|r| r.accept_encoding = Some("gzip".to_owned())),
            200,
            Some(&gzip_tag),
        ),
        // gzip taken and its tag known.
        (
            with(&|r| {
                r.accept_encoding = Some("gzip".to_owned());
                r.if_none_match = Some(gzip_tag.clone());
            }),
            304,
            Some(&gzip_tag),
        ),
        // Not there.
        (get("/atom.xml"), 404, None),
        // Traversal.
        (get("/../x"), 404, None),
        // Malformed.
        (get("/%2F"), 400, None),
    ];
    for (request, status, want_tag) in &cases {
        let response = respond(dir.path(), request);
        assert_eq!(response.status, *status, "{request:?}");
        assert_eq!(response.header("ETag"), *want_tag, "{request:?}");
        match response.status {
            200 => {
                assert_eq!(response.header("Content-Type"), Some(kind::RSS));
                assert_eq!(
                    response.header("Last-Modified"),
                    Some(last_modified.as_str())
                );
                assert_eq!(response.header("Cache-Control"), Some("no-cache"));
                assert_eq!(response.header("Vary"), Some("Accept-Encoding"));
                let length: usize = response
                    .header("Content-Length")
                    .and_then(|l| l.parse().ok())
                    .expect("a length");
                if request.method == "HEAD" {
                    assert!(response.body.is_empty());
                    assert_eq!(length, bytes.len());
                } else {
                    assert_eq!(response.body.len(), length);
                }
                if response.header("Content-Encoding") == Some("gzip") {
                    let mut plain = Vec::new();
                    flate2::read::GzDecoder::new(response.body.as_slice())
                        .read_to_end(&mut plain)
                        .expect("gzip");
                    assert_eq!(plain, bytes);
                } else if request.method == "GET" {
                    assert_eq!(response.body, bytes);
                }
            }
            304 => assert!(response.body.is_empty()),
            405 => assert_eq!(response.header("Allow"), Some(ALLOW)),
            _ => {}
        }
    }
}
