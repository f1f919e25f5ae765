//! A WebSub hub for the tests: a real HTTP/1.1 server on 127.0.0.1, on a
//! thread of its own, that records every request it gets and answers each
//! with one status, or never answers at all.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the hub answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// This status, with an empty body.
    Status(u16),
    /// The first status to the first request (counted from the start or
    /// the last [`Hub::take`]), the second to the second, and the last to
    /// every one after.
    Statuses(&'static [u16]),
    /// Nothing: the request is read and recorded, the connection kept
    /// open and never answered.
    Silence,
}

/// One request the hub got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The request target (`/hub`).
    pub target: String,
    /// The headers, names in lower case, in their order.
    pub headers: Vec<(String, String)>,
    /// The body, as text.
    pub body: String,
}

impl Request {
    /// The value of a header, by its lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The form fields of the body, decoded.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }
}

/// A running hub. Its threads live until the test process ends.
pub struct Hub {
    port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Hub {
    /// Starts a hub on a free port of 127.0.0.1.
    pub fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("bound").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen);
                std::thread::spawn(move || serve(stream, answer, &seen));
            }
        });
        Self { port, requests }
    }

    /// The hub's URL, as a config names it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hub", self.port)
    }

    /// Every request so far, in the order they came.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("not poisoned").clone()
    }

    /// Every request so far, and none after.
    pub fn take(&self) -> Vec<Request> {
        std::mem::take(&mut *self.requests.lock().expect("not poisoned"))
    }
}

/// A URL on which nothing listens: a port bound and let go again.
pub fn refusing_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("bound").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/hub")
}

/// Serves one connection: requests one after another (keep-alive) until
/// the client closes it.
fn serve(stream: TcpStream, answer: Answer, seen: &Mutex<Vec<Request>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let mut writer = stream.try_clone().expect("a second handle");
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let count = {
            let mut seen = seen.lock().expect("not poisoned");
            seen.push(request);
            seen.len()
        };
        let status = match answer {
            Answer::Status(status) => Some(status),
            Answer::Statuses(statuses) => statuses.get(count - 1).or(statuses.last()).copied(),
            Answer::Silence => None,
        };
        match status {
            Some(status) => {
                let reply = format!("HTTP/1.1 {status} Test\r\nContent-Length: 0\r\n\r\n");
                if writer.write_all(reply.as_bytes()).is_err() {
                    return;
                }
            }
            None => {
                // Keep the connection open, unanswered, until the client
                // gives up and closes it.
                let mut rest = Vec::new();
                let _ = reader.read_to_end(&mut rest);
                return;
            }
        }
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}
