//! A running `feedpub serve` for the tests that talk to it over HTTP:
//! the real binary on a port of its choosing, killed when dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the server may take to build and start listening (a debug
/// build on a busy machine).
pub const START: Duration = Duration::from_secs(60);
/// How long a rebuild may take to be seen over HTTP.
pub const REBUILD: Duration = Duration::from_secs(20);

/// A running `feedpub serve`, killed when dropped (also when a test
/// fails).
pub struct Served {
    /// The server's process.
    pub child: Child,
    /// The URL the server printed.
    pub url: String,
    lines: Arc<Mutex<Vec<String>>>,
    _site: tempfile::TempDir,
    /// The site's folder (the server's current folder).
    pub dir: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// What the server has printed to stderr so far.
    pub fn stderr(&self) -> String {
        self.lines.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// Waits until stderr has a line containing `text`.
    pub fn wait_for_line(&self, text: &str, within: Duration) -> bool {
        let until = Instant::now() + within;
        while Instant::now() < until {
            if self.stderr().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// A file of the output folder.
    pub fn out(&self, file: &str) -> PathBuf {
        self.dir.join("feeds").join(file)
    }
}

/// Starts `feedpub serve --port 0` (and `args`) in `site` and waits for
/// the URL it prints.
pub fn serve_in(site: tempfile::TempDir, args: &[&str]) -> Served {
    let dir = site.path().to_path_buf();
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedpub"))
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take().expect("piped stderr");
    let lines = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let keep = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line
                .strip_prefix("feedpub: serving `feeds` at ")
                .map(str::to_owned)
            {
                let _ = tx.send(url);
            }
            if let Ok(mut all) = keep.lock() {
                all.push(line);
            }
        }
    });
    let mut served = Served {
        child,
        url: String::new(),
        lines,
        _site: site,
        dir,
    };
    served.url = wait_url(&rx).unwrap_or_else(|| {
        panic!("no URL printed; stderr:\n{}", served.stderr());
    });
    served
}

fn wait_url(rx: &Receiver<String>) -> Option<String> {
    rx.recv_timeout(START).ok()
}
