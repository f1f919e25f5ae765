//! End-to-end cases: each `tests/cmd/<case>.toml` runs the real binary in
//! a copy of `<case>.in/` and compares its exit code, its stderr, its stdout
//! and every file it leaves in `feeds/` with `<case>.out/`. No build's
//! output folder may hold a dotfile: feedpub keeps its state (rank cache,
//! lock, archive pages' fingerprints) outside, in `.feedpub/`.
//!
//! `FEEDPUB_BLESS=1 cargo test --test cmd` rewrites the expected files from
//! what the binary does now; review that diff like code.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case checks, for people.
    #[allow(dead_code, reason = "documentation for readers of the case file")]
    about: String,
    /// Arguments after `feedpub`.
    args: Vec<String>,
    /// Expected exit code.
    status: i32,
    /// Expected stderr, exactly.
    #[serde(default)]
    stderr: String,
    /// Expected stdout, exactly, when given.
    stdout: Option<String>,
    /// The output folder to compare with `<case>.out/` (relative to the
    /// case's working folder).
    #[serde(default = "default_out")]
    out: String,
    /// Validator warnings (by class) that the case's feeds keep on
    /// purpose; its `stderr` records them. Every other finding fails.
    #[serde(default)]
    feeds_may_warn: Vec<String>,
}

fn default_out() -> String {
    "feeds".to_owned()
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd")
}

fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.is_dir() {
        for path in common::walk(dir) {
            let rel = path.strip_prefix(dir).expect("under dir").to_path_buf();
            files.insert(rel, fs::read(&path).expect("readable"));
        }
    }
    files
}

#[test]
fn cases() {
    let bless = std::env::var_os("FEEDPUB_BLESS").is_some();
    let mut names: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/cmd exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "only {} cases", names.len());
    let mut failures = Vec::new();
    for case_path in &names {
        let name = case_path
            .file_stem()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(case_path).expect("readable");
        let mut case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let work = tempfile::tempdir().expect("temp dir");
        let input = cases_dir().join(format!("{name}.in"));
        if input.is_dir() {
            common::copy_dir(&input, work.path());
        }
        let output = common::feedpub(work.path(), &case.args);
        let status = output.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let produced = files_under(&work.path().join(&case.out));
        let expected_dir = cases_dir().join(format!("{name}.out"));
        if bless {
            case.status = status;
            let mut doc: toml::Table = toml::from_str(&text).expect("valid");
            doc.insert("status".into(), toml::Value::Integer(status.into()));
            doc.insert("stderr".into(), toml::Value::String(stderr.clone()));
            if case.stdout.is_some() {
                doc.insert("stdout".into(), toml::Value::String(stdout.clone()));
            }
            fs::write(case_path, toml::to_string(&doc).expect("serialisable")).expect("writable");
            let _ = fs::remove_dir_all(&expected_dir);
            for (rel, bytes) in &produced {
                let target = expected_dir.join(rel);
                fs::create_dir_all(target.parent().expect("has parent")).expect("mkdir");
                fs::write(target, bytes).expect("writable");
            }
            continue;
        }
        let mut problems = Vec::new();
        // A build's output folder holds what is published, and nothing
        // else (what `init` makes, its `.gitignore` included, is a site).
        let builds = case.args.first().is_some_and(|a| a == "build");
        for rel in produced.keys().filter(|_| builds) {
            if rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            {
                problems.push(format!("the output folder holds `{}`", rel.display()));
            }
        }
        if status != case.status {
            problems.push(format!("exit code {status}, expected {}", case.status));
        }
        if stderr != case.stderr {
            problems.push(format!("stderr:\n{stderr}\nexpected:\n{}", case.stderr));
        }
        if let Some(want) = &case.stdout
            && &stdout != want
        {
            problems.push(format!("stdout:\n{stdout}\nexpected:\n{want}"));
        }
        let expected = files_under(&expected_dir);
        if produced.keys().collect::<Vec<_>>() != expected.keys().collect::<Vec<_>>() {
            problems.push(format!(
                "files {:?}, expected {:?}",
                produced.keys().collect::<Vec<_>>(),
                expected.keys().collect::<Vec<_>>()
            ));
        }
        for (rel, bytes) in &expected {
            if let Some(got) = produced.get(rel)
                && got != bytes
            {
                problems.push(format!(
                    "{} differs:\n{}",
                    rel.display(),
                    common::first_difference(bytes, got)
                ));
            }
        }
        for (rel, bytes) in &produced {
            // The JSON feeds and the subscription list pass their schema
            // (JSON Feed's) and the validator.
            if rel.extension().is_some_and(|e| e == "json" || e == "opml") {
                problems.extend(common::check_valid(rel, bytes).into_iter().filter(|p| {
                    !case
                        .feeds_may_warn
                        .iter()
                        .any(|class| p.contains(&format!("warning[{class}]")))
                }));
            }
            if rel.extension().is_some_and(|e| e == "xml") {
                problems.extend(common::check_feed_file(rel, bytes));
                // Every generated feed passes the schemas and the validator,
                // but for the warnings the case allows.
                problems.extend(common::check_valid(rel, bytes).into_iter().filter(|p| {
                    !case
                        .feeds_may_warn
                        .iter()
                        .any(|class| p.contains(&format!("warning[{class}]")))
                }));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("== {name}\n{}", problems.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
