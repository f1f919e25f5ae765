//! What the server answers to one request, without sockets: the file (or
//! a refusal), its type, its validators (`ETag`, `Last-Modified`), the
//! conditional request (`304 Not Modified`) and the encoding (gzip when
//! the client takes it). Feed readers poll with `If-None-Match` or
//! `If-Modified-Since`; every answer says `Cache-Control: no-cache` so
//! that they always ask again, and the validators keep that cheap.

use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::files::{self, Found, Refusal};
use super::kind;

/// The methods served.
pub const ALLOW: &str = "GET, HEAD";

/// A request, as far as the answer depends on it. Each header holds every
/// field line of that name joined with `, `.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// The request target, as sent (`/atom.xml?x=1`).
    pub target: String,
    /// `If-None-Match`.
    pub if_none_match: Option<String>,
    /// `If-Modified-Since`.
    pub if_modified_since: Option<String>,
    /// `Accept-Encoding`.
    pub accept_encoding: Option<String>,
}

/// An answer: status, header fields (in order) and body. A `HEAD` answer
/// has the fields a `GET` would have, `Content-Length` included, and no
/// body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header fields, names as sent.
    pub headers: Vec<(&'static str, String)>,
    /// The body (empty for `HEAD` and `304`).
    pub body: Vec<u8>,
}

impl Response {
    /// The value of the first header field named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn plain(status: u16, text: &str, head: bool) -> Self {
        let body = format!("{text}\n").into_bytes();
        let headers = vec![
            ("Content-Type", "text/plain; charset=utf-8".to_owned()),
            ("Content-Length", body.len().to_string()),
            ("Cache-Control", "no-cache".to_owned()),
        ];
        Self {
            status,
            headers,
            body: if head { Vec::new() } else { body },
        }
    }

    /// `400 Bad Request`, for a request that could not be read.
    pub fn bad_request() -> Self {
        Self::plain(400, "bad request", false)
    }
}

/// The reason phrase of a status code this server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The answer to `request` from the output folder `root`.
pub fn respond(root: &Path, request: &Request) -> Response {
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        let mut response = Response::plain(405, "method not allowed", false);
        response.headers.push(("Allow", ALLOW.to_owned()));
        return response;
    }
    let path = match files::resolve(root, &request.target) {
        Ok(Found::File(path)) => path,
        Ok(Found::Folder(location)) => {
            let mut response = Response::plain(301, "moved permanently", head);
            response.headers.push(("Location", location));
            return response;
        }
        Err(Refusal::Malformed) => return Response::plain(400, "bad request", head),
        Err(Refusal::NotFound) => return Response::plain(404, "not found", head),
    };
    // Read once: the bytes, and the time they were last changed, belong
    // to one version as the publisher renames whole files into place.
    let (Ok(bytes), Ok(meta)) = (std::fs::read(&path), std::fs::metadata(&path)) else {
        return Response::plain(404, "not found", head);
    };
    let modified = meta.modified().ok();
    let content_type = kind::content_type(&path, bytes.get(..kind::SNIFF_BYTES).unwrap_or(&bytes));
    let tag = etag(&bytes);
    let gzip = kind::compressible(content_type)
        && request.accept_encoding.as_deref().is_some_and(accepts_gzip);
    let tag = if gzip {
        format!("\"{tag}-gzip\"")
    } else {
        format!("\"{tag}\"")
    };
    let mut headers = vec![
        ("Content-Type", content_type.to_owned()),
        ("ETag", tag.clone()),
        ("Cache-Control", "no-cache".to_owned()),
        ("Vary", "Accept-Encoding".to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
    ];
    if let Some(modified) = modified {
        headers.push(("Last-Modified", httpdate::fmt_http_date(modified)));
    }
    if not_modified(request, &tag, modified) {
        headers.retain(|(name, _)| *name != "Content-Type");
        return Response {
            status: 304,
            headers,
            body: Vec::new(),
        };
    }
    let body = if gzip {
        headers.push(("Content-Encoding", "gzip".to_owned()));
        match compress(&bytes) {
            Ok(body) => body,
            Err(_) => return Response::plain(500, "internal server error", head),
        }
    } else {
        bytes
    };
    headers.push(("Content-Length", body.len().to_string()));
    Response {
        status: 200,
        headers,
        body: if head { Vec::new() } else { body },
    }
}

/// The opaque part of the strong entity tag of these bytes: a 64-bit
/// FNV-1a hash and the length, both in hex. It tells versions of one
/// file apart, which is all a validator needs.
pub fn etag(bytes: &[u8]) -> String {
    format!(
        "{:016x}-{:x}",
        crate::build::cache::fnv1a(bytes),
        bytes.len()
    )
}

/// Gzip of `bytes`, with no file name and no time in its header, so that
/// the same bytes always compress the same.
fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Whether the conditional request is answered `304`: `If-None-Match`
/// when sent (`If-Modified-Since` is then ignored, RFC 9110 13.2.2), else
/// `If-Modified-Since` against the file's time.
fn not_modified(request: &Request, tag: &str, modified: Option<SystemTime>) -> bool {
    if let Some(list) = &request.if_none_match {
        return none_match_hits(list, tag);
    }
    match (&request.if_modified_since, modified) {
        (Some(since), Some(modified)) => unmodified_since(since, modified),
        _ => false,
    }
}

/// Whether an `If-None-Match` list holds `tag` by the weak comparison
/// (`W/` ignored on both sides), or is `*`. A list that cannot be read
/// matches up to where it goes wrong.
pub fn none_match_hits(list: &str, tag: &str) -> bool {
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    if list.trim() == "*" {
        return true;
    }
    let mut rest = list;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if rest.is_empty() {
            return false;
        }
        let candidate = rest.strip_prefix("W/").unwrap_or(rest);
        let Some(inner) = candidate.strip_prefix('"') else {
            return false;
        };
        let Some(end) = inner.find('"') else {
            return false;
        };
        // `candidate` is `"opaque"...`: the quoted tag is its first
        // `end + 2` bytes.
        if candidate.get(..end + 2) == Some(tag) {
            return true;
        }
        rest = inner.get(end + 1..).unwrap_or_default();
    }
}

/// Whether a file last changed at `modified` is unchanged since the
/// `If-Modified-Since` date; an unreadable date is ignored (false).
/// HTTP dates have whole seconds, so the file's time is cut to them.
pub fn unmodified_since(since: &str, modified: SystemTime) -> bool {
    let Ok(since) = httpdate::parse_http_date(since.trim()) else {
        return false;
    };
    let seconds = |t: SystemTime| t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).ok();
    match (seconds(modified), seconds(since)) {
        (Some(modified), Some(since)) => modified <= since,
        _ => false,
    }
}

/// Whether an `Accept-Encoding` value takes gzip: `gzip` (or `x-gzip`)
/// with a quality above 0, or else `*` with one.
pub fn accepts_gzip(header: &str) -> bool {
    let mut star = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim();
        let quality = parts
            .filter_map(|p| p.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
            .map_or(Some(1.0), |(_, value)| value.trim().parse::<f32>().ok());
        let Some(quality) = quality else {
            continue;
        };
        if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            return quality > 0.0;
        }
        if coding == "*" {
            star = Some(quality > 0.0);
        }
    }
    star.unwrap_or(false)
}

#[cfg(test)]
mod tests;
