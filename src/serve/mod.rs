//! `feedpub serve`: the output folder over HTTP, for previewing the feeds
//! in a real reader while writing. [`files`] turns a request's target
//! into a file inside the folder (or refuses it), [`kind`] names its
//! type, [`http`] makes the answer (validators, `304`, gzip) without
//! sockets, [`connection`] reads requests from a client and writes the
//! answers within limits, and [`watch`] reports changes to what a build
//! reads. This module listens and gives each client a thread.
//!
//! The server is a small HTTP/1.1 one of its own on `std::net`: it serves
//! a handful of small files to a reader or two on the same machine, and
//! owning the reading loop is what bounds each request's size and time.

pub mod connection;
pub mod files;
pub mod http;
pub mod kind;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::error::Error;

/// The address listened on when `--bind` is not given.
pub const DEFAULT_BIND: &str = "127.0.0.1";
/// The port listened on when `--port` is not given.
pub const DEFAULT_PORT: u16 = 8080;
/// The most clients served at once; one more is told `503` and dropped.
pub const MAX_CONNECTIONS: usize = 64;

/// Where the server listens, and whether that is beyond this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    /// The socket address.
    pub socket: SocketAddr,
    /// Whether other machines can reach it (not a loopback address).
    pub exposed: bool,
}

/// The address for `--bind` and `--port`. An IP address is taken as
/// given: one beyond loopback (`0.0.0.0`, a LAN address) is exposed,
/// which the caller warns about. A host name must resolve to loopback
/// addresses only (`localhost`): serving beyond this machine takes an
/// address written out, never a name that happens to resolve to one.
pub fn address(bind: &str, port: u16) -> Result<Address, String> {
    if let Ok(ip) = bind.trim_matches(['[', ']']).parse::<IpAddr>() {
        return Ok(Address {
            socket: SocketAddr::new(ip, port),
            exposed: !ip.is_loopback(),
        });
    }
    let resolved: Vec<SocketAddr> = (bind, port)
        .to_socket_addrs()
        .map_err(|e| format!("`{bind}` is not an IP address and does not resolve: {e}"))?
        .collect();
    match resolved.iter().find(|a| !a.ip().is_loopback()) {
        Some(outside) => Err(format!(
            "`{bind}` resolves to `{}`, which other machines can reach; to serve beyond this machine give the address itself (`--bind {}`), or use `127.0.0.1`",
            outside.ip(),
            outside.ip()
        )),
        None => resolved
            .first()
            .map(|socket| Address {
                socket: *socket,
                exposed: false,
            })
            .ok_or_else(|| format!("`{bind}` resolves to no address")),
    }
}

/// A listening server, not yet answering.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
}

impl Server {
    /// Listens on `address` for files from the output folder `root`.
    pub fn bind(address: SocketAddr, root: PathBuf) -> Result<Self, Error> {
        let listener = TcpListener::bind(address).map_err(|source| Error::Listen {
            address: address.to_string(),
            source,
        })?;
        Ok(Self { listener, root })
    }

    /// The address listened on (with the port chosen, for port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, Error> {
        self.listener.local_addr().map_err(|source| Error::Listen {
            address: "the socket".to_owned(),
            source,
        })
    }

    /// Answers clients on a thread of its own, each client on its own
    /// thread, for as long as the process runs.
    pub fn start(self) -> Result<(), Error> {
        let address = self.local_addr()?;
        std::thread::Builder::new()
            .name("feedpub-accept".to_owned())
            .spawn(move || self.accept())
            .map(drop)
            .map_err(|source| Error::Listen {
                address: address.to_string(),
                source,
            })
    }

    fn accept(self) {
        let root = Arc::new(self.root);
        let active = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else {
                // Out of file descriptors, or a connection reset before
                // it was accepted: wait a moment rather than spin.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            };
            if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                active.fetch_sub(1, Ordering::SeqCst);
                busy(stream);
                continue;
            }
            let (root, done) = (Arc::clone(&root), Arc::clone(&active));
            let spawned = std::thread::Builder::new()
                .name("feedpub-client".to_owned())
                .spawn(move || {
                    connection::serve(stream, &root);
                    done.fetch_sub(1, Ordering::SeqCst);
                });
            if spawned.is_err() {
                active.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
}

/// Tells a client over the limit to come back later.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_addresses() {
        /// The socket address and whether it is exposed, or a refusal.
        type Want<'a> = Result<(&'a str, bool), ()>;
        let cases: &[(&str, Want<'_>)] = &[
            // The default.
            ("127.0.0.1", Ok(("127.0.0.1:8080", false))),
            // Any loopback address.
            ("127.0.0.2", Ok(("127.0.0.2:8080", false))),
            // IPv6 loopback.
            ("::1", Ok(("[::1]:8080", false))),
            // IPv6 loopback in brackets, as in a URL.
            ("[::1]", Ok(("[::1]:8080", false))),
            // Every interface, written out: allowed, and exposed.
            ("0.0.0.0", Ok(("0.0.0.0:8080", true))),
            // Every IPv6 interface.
            ("::", Ok(("[::]:8080", true))),
            // A LAN address written out.
            ("192.168.1.10", Ok(("192.168.1.10:8080", true))),
            // Not an address, and no such host.
            ("no such host", Err(())),
        ];
        for (bind, want) in cases {
            let got = address(bind, DEFAULT_PORT)
                .map(|a| (a.socket.to_string(), a.exposed))
                .map_err(drop);
            let want = want.map(|(s, e)| (s.to_owned(), e));
            assert_eq!(got, want, "{bind}");
        }
    }
}
