//! `feedpub validate` on hostile XML, through the real binary: clear
//! errors, in bounded time and memory.
#![cfg(unix)]

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs `feedpub validate FILE` and returns its exit code, stdout, time
/// and peak resident memory (KiB).
fn validate(path: &std::path::Path) -> (Option<i32>, String, Duration, i64) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_feedpub"))
        .arg("validate")
        .arg(path)
        .output()
        .expect("runs");
    let elapsed = started.elapsed();
    // SAFETY: getrusage fills the struct it is given.
    let peak = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    };
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        elapsed,
        peak,
    )
}

#[test]
fn hostile_documents_fail_fast_and_small() {
    let dir = tempfile::tempdir().expect("temp dir");
    let laughs = {
        let mut doc =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n");
        for i in 1..10 {
            let prev = format!("&l{};", i - 1).repeat(10);
            doc.push_str(&format!("<!ENTITY l{i} \"{prev}\">\n"));
        }
        doc.push_str("]>\n<rss version=\"2.0\"><channel><title>&l9;</title></channel></rss>\n");
        doc
    };
    let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>\n<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>\n".to_owned();
    let deep = format!(
        "<rss version=\"2.0\"><channel>{}{}</channel></rss>",
        "<x:a xmlns:x=\"urn:x\">".repeat(10_000),
        "</x:a>".repeat(10_000)
    );
    let cases = [
        ("laughs.xml", laughs, "EntityNotAllowed"),
        ("external.xml", external, "EntityNotAllowed"),
        ("deep.xml", deep, "TooDeep"),
    ];
    for (name, text, class) in cases {
        let path = dir.path().join(name);
        fs::write(&path, text).expect("writable");
        let (code, stdout, elapsed, _) = validate(&path);
        assert_eq!(code, Some(1), "{name}: {stdout}");
        assert!(
            stdout.contains(&format!("error[{class}]")),
            "{name}: {stdout}"
        );
        assert!(elapsed < Duration::from_secs(10), "{name} took {elapsed:?}");
    }
    // Past the limit (1 GiB): refused before a byte is read.
    let huge = dir.path().join("huge.xml");
    fs::File::create(&huge)
        .expect("create")
        .set_len(feedpub::validate::MAX_BYTES + 1)
        .expect("sparse");
    let (code, stdout, elapsed, peak_kib) = validate(&huge);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("error[TooLarge]"), "{stdout}");
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert!(
        peak_kib < 100 * 1024,
        "peak memory of the runs was {peak_kib} KiB"
    );
}
