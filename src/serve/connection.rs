//! One client connection: read each request's head within a size and a
//! time limit, answer it (see [`super::http`]), and keep the connection
//! for the next request while HTTP/1.1 allows. A client that sends too
//! much, too slowly or nothing at all is answered or dropped; it never
//! holds more than its own thread, and only for a bounded time.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use super::http::{self, Request, Response};

/// The largest request head (request line and header fields) read.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most header fields in one request.
const MAX_FIELDS: usize = 64;
/// How long a request's head may take to arrive, and how long an idle
/// kept-alive connection is kept.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long writing an answer may block.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The most requests answered on one connection.
const MAX_REQUESTS: usize = 1000;

/// How reading a request's head ended.
enum Head {
    /// A complete head of this many bytes is at the start of the buffer.
    Complete(usize),
    /// The client closed the connection (or went quiet) before a request.
    Gone,
    /// The head is larger than [`MAX_HEAD`], or has too many fields.
    TooLarge,
    /// The head is not HTTP.
    Malformed,
    /// Part of a head came, then nothing within the time limit.
    TimedOut,
}

/// How long, at most, a closing connection is drained of what the client
/// still sends.
const LINGER: Duration = Duration::from_millis(500);
/// The most bytes drained from a closing connection.
const MAX_LINGER_BYTES: usize = 256 * 1024;

/// Serves requests on `stream` from the output folder `root` until the
/// client is done, goes quiet, or misbehaves, then closes it gently.
pub fn serve(mut stream: TcpStream, root: &Path) {
    answer_all(&mut stream, root);
    linger_close(&mut stream);
}

/// Ends the connection without losing the last answer. Closing a socket
/// with unread bytes in it (a request body, which is never read, or a
/// pipelined request) makes the kernel send a reset, and a reset can
/// reach the client before it has read the answer: the client then sees
/// "connection reset" instead of the 405 or 431 it was sent. So the
/// sending side is shut first, and what the client still sends is read
/// and dropped until it closes too, for at most [`LINGER`] and
/// [`MAX_LINGER_BYTES`].
fn linger_close(stream: &mut TcpStream) {
    if stream.shutdown(std::net::Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut chunk = [0u8; 4096];
    let mut drained = 0;
    while drained < MAX_LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => drained += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// Answers the requests on `stream`, one after another.
fn answer_all(stream: &mut TcpStream, root: &Path) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::with_capacity(4096);
    for _ in 0..MAX_REQUESTS {
        let used = match read_head(stream, &mut buffer) {
            Head::Complete(used) => used,
            Head::Gone => return,
            Head::TooLarge => {
                let _ = send(stream, &status_only(431), false, true);
                return;
            }
            Head::Malformed => {
                let _ = send(stream, &Response::bad_request(), false, true);
                return;
            }
            Head::TimedOut => {
                let _ = send(stream, &status_only(408), false, true);
                return;
            }
        };
        let Some((request, keep_alive)) = parse(buffer.get(..used).unwrap_or_default()) else {
            let _ = send(stream, &Response::bad_request(), false, true);
            return;
        };
        buffer.drain(..used);
        let response = http::respond(root, &request);
        let head_only = request.method == "HEAD";
        if send(stream, &response, head_only, !keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

/// A short answer with no body, for a request that could not be read.
fn status_only(status: u16) -> Response {
    Response {
        status,
        headers: vec![("Content-Length", "0".to_owned())],
        body: Vec::new(),
    }
}

/// Reads until `buffer` holds a complete request head, within
/// [`MAX_HEAD`] bytes and [`HEAD_TIMEOUT`]. Bytes after the head (a
/// pipelined request) stay in the buffer.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Head {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut chunk = [0u8; 4096];
    loop {
        if !buffer.is_empty() {
            let mut fields = [httparse::EMPTY_HEADER; MAX_FIELDS];
            match httparse::Request::new(&mut fields).parse(buffer) {
                Ok(httparse::Status::Complete(used)) => return Head::Complete(used),
                Ok(httparse::Status::Partial) if buffer.len() >= MAX_HEAD => {
                    return Head::TooLarge;
                }
                Ok(httparse::Status::Partial) => {}
                Err(httparse::Error::TooManyHeaders) => return Head::TooLarge,
                Err(_) => return Head::Malformed,
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return if buffer.is_empty() {
                Head::Gone
            } else {
                Head::TimedOut
            };
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Head::Gone,
            Ok(n) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) && !buffer.is_empty() =>
            {
                return Head::TimedOut;
            }
            Err(_) => return Head::Gone,
        }
    }
}

/// The request in a complete head, and whether the connection may carry
/// another one after it: HTTP/1.1, no `Connection: close`, and no body
/// (a body is never read, so what follows it could not be told apart).
fn parse(head: &[u8]) -> Option<(Request, bool)> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_FIELDS];
    let mut parsed = httparse::Request::new(&mut fields);
    if !matches!(parsed.parse(head), Ok(httparse::Status::Complete(_))) {
        return None;
    }
    let mut request = Request {
        method: parsed.method?.to_owned(),
        target: parsed.path?.to_owned(),
        ..Request::default()
    };
    let mut keep_alive = parsed.version == Some(1);
    for field in parsed.headers.iter() {
        let value = std::str::from_utf8(field.value).ok()?.trim();
        let name = field.name;
        let slot = if name.eq_ignore_ascii_case("if-none-match") {
            &mut request.if_none_match
        } else if name.eq_ignore_ascii_case("if-modified-since") {
            &mut request.if_modified_since
        } else if name.eq_ignore_ascii_case("accept-encoding") {
            &mut request.accept_encoding
        } else {
            if name.eq_ignore_ascii_case("connection") {
                keep_alive &= !value
                    .split(',')
                    .any(|t| t.trim().eq_ignore_ascii_case("close"));
            } else if name.eq_ignore_ascii_case("transfer-encoding")
                || name.eq_ignore_ascii_case("content-length") && value != "0"
            {
                keep_alive = false;
            }
            continue;
        };
        // Repeated fields make one list (RFC 9110 5.3).
        match slot {
            Some(list) => {
                list.push_str(", ");
                list.push_str(value);
            }
            None => *slot = Some(value.to_owned()),
        }
    }
    Some((request, keep_alive))
}

/// Writes `response` (its body unless `head_only`), saying
/// `Connection: close` when the connection ends after it.
fn send(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    close: bool,
) -> io::Result<()> {
    let mut out = Vec::with_capacity(512 + response.body.len());
    write!(
        out,
        "HTTP/1.1 {} {}\r\n",
        response.status,
        http::reason(response.status)
    )?;
    write!(
        out,
        "Date: {}\r\n",
        httpdate::fmt_http_date(SystemTime::now())
    )?;
    write!(out, "Server: feedpub\r\n")?;
    for (name, value) in &response.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    if close {
        write!(out, "Connection: close\r\n")?;
    }
    write!(out, "\r\n")?;
    if !head_only {
        out.extend_from_slice(&response.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_heads() {
        /// Method, target, If-None-Match and whether the connection is kept.
        type Seen<'a> = (&'a str, &'a str, Option<&'a str>, bool);
        let cases: &[(&str, Option<Seen<'_>>)] = &[
            // A plain HTTP/1.1 request keeps the connection.
            (
                "GET /rss.xml HTTP/1.1\r\nHost: x\r\n\r\n",
                Some(("GET", "/rss.xml", None, true)),
            ),
            // HTTP/1.0 closes it.
            ("GET / HTTP/1.0\r\n\r\n", Some(("GET", "/", None, false))),
            // Connection: close closes it.
            (
                "GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n",
                Some(("GET", "/", None, false)),
            ),
            // A body that is never read closes it.
            (
                "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n",
                Some(("POST", "/", None, false)),
            ),
            // Chunked: the same.
            (
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                Some(("POST", "/", None, false)),
            ),
            // Repeated If-None-Match fields make one list.
            (
                "GET / HTTP/1.1\r\nIf-None-Match: \"a\"\r\nif-none-match: \"b\"\r\n\r\n",
                Some(("GET", "/", Some("\"a\", \"b\""), true)),
            ),
        ];
        for (head, want) in cases {
            let got =
                parse(head.as_bytes()).map(|(r, keep)| (r.method, r.target, r.if_none_match, keep));
            let want =
                want.map(|(m, t, i, k)| (m.to_owned(), t.to_owned(), i.map(str::to_owned), k));
            assert_eq!(got, want, "{head:?}");
        }
        // A header value that is not UTF-8 is not a request served.
        assert!(parse(b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n").is_none());
    }
}
