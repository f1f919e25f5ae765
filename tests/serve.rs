//! `feedpub serve`, end to end: the real binary on a port of its choosing
//! over a copy of a small site, and a real HTTP client (raw sockets for
//! requests no client would send).

mod common;

use common::serve::{REBUILD, Served, serve_in};

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ureq::Agent;

/// A copy of the archive case's site (main feed in every format with
/// archive pages in RSS and Atom, a `[[feeds]]` feed, OPML).
fn site() -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/archive.in");
    common::copy_dir(&from, site.path());
    site
}

/// Starts `feedpub serve --port 0` (and `args`) in a copy of the site and
/// waits for the URL it prints.
fn serve(args: &[&str]) -> Served {
    let site = site();
    serve_in(site, args)
}

/// A client that takes every status as an answer, follows no redirect,
/// and asks for no encoding unless told.
fn agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// What one request got back.
#[derive(Debug)]
struct Got {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn request(method: &str, url: &str, headers: &[(&str, &str)]) -> Got {
    let agent = agent();
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = builder.body(()).expect("a request");
    let mut response = agent.run(request).expect("an answer");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                v.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let body = response.body_mut().read_to_vec().expect("a body");
    Got {
        status,
        headers,
        body,
    }
}

fn get(url: &str, headers: &[(&str, &str)]) -> Got {
    request("GET", url, headers)
}

/// Sends `raw` as it is and returns the whole answer as text.
fn raw(url: &str, raw: &[u8]) -> String {
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = TcpStream::connect(&host).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream.write_all(raw).expect("sends");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn every_format_has_its_content_type() {
    let served = serve(&[]);
    let cases = [
        // The main feed in RSS.
        ("rss.xml", "application/rss+xml; charset=utf-8"),
        // In Atom.
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        // In JSON Feed.
        ("feed.json", "application/feed+json"),
        // The OPML list of the set.
        ("index.opml", "text/x-opml; charset=utf-8"),
        // An RSS archive page: told apart by its root element.
        ("archive/rss/1.xml", "application/rss+xml; charset=utf-8"),
        // An Atom archive page.
        ("archive/atom/1.xml", "application/atom+xml; charset=utf-8"),
        // A `[[feeds]]` feed in a folder of its own.
        ("harbour/atom.xml", "application/atom+xml; charset=utf-8"),
        // Its JSON Feed.
        ("harbour/feed.json", "application/feed+json"),
        // Its Atom archive page, two folders down.
        (
            "harbour/archive/atom/1.xml",
            "application/atom+xml; charset=utf-8",
        ),
    ];
    for (file, content_type) in cases {
        let url = format!("{}{file}", served.url);
        let got = get(&url, &[]);
        assert_eq!(got.status, 200, "{file}");
        assert_eq!(got.header("content-type"), Some(content_type), "{file}");
        assert_eq!(got.header("cache-control"), Some("no-cache"), "{file}");
        let on_disk = fs::read(served.out(file)).expect("the file");
        assert_eq!(got.body, on_disk, "{file}");
        let etag = got.header("etag").expect("an ETag").to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "strong: {etag}"
        );
        assert!(got.header("last-modified").is_some(), "{file}");

        // HEAD: the headers GET gives, no body.
        let head = request("HEAD", &url, &[]);
        assert_eq!(head.status, 200, "{file}");
        assert!(head.body.is_empty(), "{file}");
        for name in ["content-type", "content-length", "etag", "last-modified"] {
            assert_eq!(head.header(name), got.header(name), "{file} {name}");
        }
    }

    // The human page (written by the build once it writes one; by hand
    // here) at `/`, and a folder URL without one.
    fs::write(served.out("index.html"), "<!DOCTYPE html><title>x</title>").expect("page");
    let page = get(&served.url, &[]);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.body, b"<!DOCTYPE html><title>x</title>");
    let folder = get(&format!("{}harbour/", served.url), &[]);
    assert_eq!(folder.status, 404);
    let bare = get(&format!("{}harbour", served.url), &[]);
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("location"), Some("/harbour/"));
    assert_eq!(get(&format!("{}nothing.xml", served.url), &[]).status, 404);
}

#[test]
fn conditional_requests_get_304() {
    let served = serve(&[]);
    let url = format!("{}atom.xml", served.url);
    let first = get(&url, &[]);
    let etag = first.header("etag").expect("ETag").to_owned();
    let modified = first
        .header("last-modified")
        .expect("Last-Modified")
        .to_owned();
    let weak = format!("W/{etag}");
    let listed = format!("\"other\", {etag}");
    let cases: &[(&[(&str, &str)], u16)] = &[
        // The tag the reader kept.
        (&[("If-None-Match", &etag)], 304),
        // Weak comparison.
        (&[("If-None-Match", &weak)], 304),
        // In a list.
        (&[("If-None-Match", &listed)], 304),
        // Any version.
        (&[("If-None-Match", "*")], 304),
        // A tag of another version.
        (&[("If-None-Match", "\"old\"")], 200),
        // The date the reader kept.
        (&[("If-Modified-Since", &modified)], 304),
        // An older date.
        (
            &[("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")],
            200,
        ),
        // If-None-Match decides when both are sent.
        (
            &[
                ("If-None-Match", "\"old\""),
                ("If-Modified-Since", &modified),
            ],
            200,
        ),
    ];
    for (headers, status) in cases {
        let got = get(&url, headers);
        assert_eq!(got.status, *status, "{headers:?}");
        if got.status == 304 {
            assert!(got.body.is_empty(), "{headers:?}");
            assert_eq!(got.header("etag"), Some(etag.as_str()));
        } else {
            assert_eq!(got.body, first.body);
        }
    }
}

#[test]
fn gzip_when_the_client_takes_it() {
    let served = serve(&[]);
    let url = format!("{}rss.xml", served.url);
    let plain = get(&url, &[]);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.header("vary"), Some("Accept-Encoding"));
    let zipped = get(&url, &[("Accept-Encoding", "gzip, deflate")]);
    assert_eq!(zipped.status, 200);
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
    assert_eq!(zipped.header("vary"), Some("Accept-Encoding"));
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(zipped.body.as_slice())
        .read_to_end(&mut decoded)
        .expect("gzip");
    assert_eq!(decoded, plain.body);
    let tag = zipped.header("etag").expect("ETag");
    assert_ne!(
        Some(tag),
        plain.header("etag"),
        "each variant has its own tag"
    );
    // The variant's tag gives 304 for the variant.
    let again = get(&url, &[("Accept-Encoding", "gzip"), ("If-None-Match", tag)]);
    assert_eq!(again.status, 304);
    // HEAD says what GET would send.
    let head = request("HEAD", &url, &[("Accept-Encoding", "gzip")]);
    assert_eq!(head.header("content-encoding"), Some("gzip"));
    assert_eq!(
        head.header("content-length"),
        zipped.header("content-length")
    );
    assert!(head.body.is_empty());
    // q=0 refuses it.
    let refused = get(&url, &[("Accept-Encoding", "gzip;q=0")]);
    assert_eq!(refused.header("content-encoding"), None);
    assert_eq!(refused.body, plain.body);
}

/// Polls `url` until its body contains `text`.
fn poll_for(url: &str, text: &str) -> Option<Got> {
    let until = Instant::now() + REBUILD;
    while Instant::now() < until {
        let got = get(url, &[]);
        if String::from_utf8_lossy(&got.body).contains(text) {
            return Some(got);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// The article whose title (its first line) the feed at `feed` holds.
fn article_in(dir: &Path, feed: &[u8]) -> PathBuf {
    let feed = String::from_utf8_lossy(feed);
    common::walk(&dir.join("articles"))
        .into_iter()
        .find(|path| {
            fs::read_to_string(path)
                .ok()
                .and_then(|t| t.lines().next().map(str::to_owned))
                .is_some_and(|title| feed.contains(&title))
        })
        .expect("an article in the feed")
}

#[test]
fn an_edit_is_seen_with_a_new_etag() {
    let served = serve(&[]);
    let url = format!("{}rss.xml", served.url);
    let before = get(&url, &[]);
    let old_tag = before.header("etag").expect("ETag").to_owned();
    let article = article_in(&served.dir, &before.body);
    let text = fs::read_to_string(&article).expect("article");
    let (_, rest) = text.split_once('\n').expect("a title line");
    fs::write(&article, format!("Harbour lights relit tonight\n{rest}")).expect("edit");

    let after = poll_for(&url, "Harbour lights relit tonight")
        .unwrap_or_else(|| panic!("the edit was never served; stderr:\n{}", served.stderr()));
    let new_tag = after.header("etag").expect("ETag");
    assert_ne!(new_tag, old_tag);
    // The reader's old tag no longer matches: it gets the new bytes.
    let polled = get(&url, &[("If-None-Match", &old_tag)]);
    assert_eq!(polled.status, 200);
    assert_eq!(polled.body, fs::read(served.out("rss.xml")).expect("rss"));
    assert!(
        served.wait_for_line("feedpub: rebuilt: ", REBUILD),
        "{}",
        served.stderr()
    );
}

#[test]
fn a_broken_article_is_reported_and_the_server_goes_on() {
    let served = serve(&[]);
    let url = format!("{}atom.xml", served.url);
    let article = served.dir.join("articles/schools/exam-results.txt");
    let text = fs::read_to_string(&article).expect("article");
    fs::write(
        &article,
        text.replace("Updated: March", "Updated: Marchember"),
    )
    .expect("edit");
    assert!(
        served.wait_for_line("exam-results.txt:", REBUILD),
        "no diagnostic; stderr:\n{}",
        served.stderr()
    );
    let err = served.stderr();
    assert!(err.contains(": error[invalid-date]: "), "{err}");
    assert_eq!(get(&url, &[]).status, 200);
}

#[test]
fn feeds_that_fail_validation_leave_the_old_bytes_served() {
    let served = serve(&[]);
    let url = format!("{}atom.xml", served.url);
    let before = get(&url, &[]);
    let tag = before.header("etag").expect("ETag").to_owned();
    // An article whose id `http://` the article check lets through (an
    // absolute URI by its scheme) and the validator does not (a URL with
    // no host), so the build's own validation refuses the new feeds.
    fs::write(
        served.dir.join("articles/zz-no-host.md"),
        "---\ntitle: No host\ndate: 2023-08-08\nid: \"http://\"\n---\nBody.\n",
    )
    .expect("article");
    assert!(
        served.wait_for_line("InvalidURI", REBUILD),
        "no validation error; stderr:\n{}",
        served.stderr()
    );
    let after = get(&url, &[("If-None-Match", &tag)]);
    assert_eq!(after.status, 304, "the same bytes are served");
    assert_eq!(get(&url, &[]).body, before.body);
}

#[test]
fn paths_out_of_the_folder_are_refused() {
    let site = site();
    // The output folder does not exist before the first build; make it
    // with a dotfile and links in it.
    let feeds = site.path().join("feeds");
    fs::create_dir_all(&feeds).expect("feeds");
    fs::write(feeds.join(".secret"), "secret-in-dotfile").expect("dotfile");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.path().join("feedpub.toml"), feeds.join("leak.toml"))
            .expect("symlink");
        std::os::unix::fs::symlink(site.path(), feeds.join("up")).expect("symlink");
    }
    let served = serve_in(site, &[]);
    let targets = [
        // Up and out.
        "/../feedpub.toml",
        // Up, percent-encoded.
        "/%2e%2e/feedpub.toml",
        // Up with an encoded slash.
        "/%2E%2E%2Ffeedpub.toml",
        // An encoded slash first.
        "/%2F../feedpub.toml",
        // An encoded backslash.
        "/..%5Cfeedpub.toml",
        // Down, then up twice.
        "/feeds/../../feedpub.toml",
        // A dotfile in the folder.
        "/.secret",
        // The dotfile, its dot encoded.
        "/%2esecret",
        // A link in the folder to a file outside it.
        "/leak.toml",
        // A link in the folder to the folder above.
        "/up/feedpub.toml",
        // NUL.
        "/rss.xml%00",
        // An empty first segment.
        "//etc/passwd",
        // A drive.
        "/C:/Windows/win.ini",
    ];
    for target in targets {
        let answer = raw(
            &served.url,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let status = answer.get(9..12).unwrap_or_default();
        assert!(
            status == "404" || status == "400",
            "{target} was answered {answer}"
        );
        assert!(!answer.contains("base_url"), "{target} leaked the config");
        assert!(
            !answer.contains("secret-in-dotfile"),
            "{target} leaked a dotfile"
        );
    }
}

#[test]
fn other_methods_get_405() {
    let served = serve(&[]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let got = request(method, &format!("{}rss.xml", served.url), &[]);
        assert_eq!(got.status, 405, "{method}");
        assert_eq!(got.header("allow"), Some("GET, HEAD"), "{method}");
    }
}

/// A request body is never read; closing the connection with it unread
/// would make the kernel send a reset, which throws away the answer the
/// client has not read yet. The server drains it first, so the client
/// reads its 405 even when it reads late.
#[test]
fn an_unread_body_does_not_cost_the_answer() {
    let served = serve(&[]);
    let host = served
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let mut stream = TcpStream::connect(host).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let body = vec![b'x'; 64 * 1024];
    let head = format!(
        "POST /rss.xml HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    // Head and body in one write, so that most of the body waits unread
    // in the server's socket when it answers.
    let mut request = head.into_bytes();
    request.extend_from_slice(&body);
    let _ = stream.write_all(&request);
    // Read late: the server has answered and closed by now.
    std::thread::sleep(Duration::from_millis(300));
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 405 "),
        "the answer was lost: {answer:?}"
    );
}

#[test]
fn bad_clients_do_not_stop_the_server() {
    let served = serve(&[]);
    // A head larger than the limit.
    let huge = format!(
        "GET /rss.xml HTTP/1.1\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let answer = raw(&served.url, huge.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    // Not HTTP.
    let answer = raw(&served.url, b"\x16\x03\x01 hello\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    // A client that connects and says nothing holds only its own thread.
    let host = served
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let quiet: Vec<TcpStream> = (0..8)
        .map(|_| TcpStream::connect(host).expect("connects"))
        .collect();
    let got = get(&format!("{}rss.xml", served.url), &[]);
    assert_eq!(got.status, 200);
    drop(quiet);
    // Two requests on one connection, the first kept alive.
    let answer = raw(
        &served.url,
        b"HEAD /rss.xml HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("HTTP/1.1 404"), "{answer}");
}

#[test]
fn bind_and_port_problems_exit_2() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("addr").port().to_string();
    let cases: &[(&[&str], &str)] = &[
        // The port is in use.
        (&["serve", "--port", &port], "cannot listen on `127.0.0.1:"),
        // A name that resolves to nothing.
        (
            &["serve", "--port", "0", "--bind", "no-such-host.invalid"],
            "--bind: `no-such-host.invalid`",
        ),
    ];
    for (args, message) in cases {
        let run = common::feedpub(site.path(), args);
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn an_address_beyond_loopback_is_served_with_a_warning() {
    let served = serve(&["--bind", "0.0.0.0"]);
    assert!(served.url.starts_with("http://0.0.0.0:"), "{}", served.url);
    assert!(
        served.stderr().contains("which other machines can reach"),
        "{}",
        served.stderr()
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_0() {
    let mut served = serve(&[]);
    let pid = libc::pid_t::try_from(served.child.id()).expect("a pid");
    // SAFETY: sending a signal to our own child process.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0);
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = served.child.try_wait().expect("waits") {
            break status;
        }
        assert!(Instant::now() < until, "still running after SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", served.stderr());
}
