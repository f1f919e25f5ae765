//! What a person at a terminal sees, through a real pseudo-terminal
//! (`script` from util-linux): diagnostics with the offending line and a
//! caret, in colour, and a progress bar on long builds; and what a pipe
//! gets instead (the plain first lines only, no bar). Without `script`
//! these tests say so and pass.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use feedpub::article::Format;

const BAD: &str = "Ferry returns\n\nThe night ferry\truns again from Monday.\n\nUpdated: February 30, 2023, 10:37 PM\n";

/// The first line of the bad article's diagnostic, as every stream gets it.
const FIRST_LINE: &str = "articles/bad.txt:5:10: error[invalid-date]: cannot read date `February 30, 2023, 10:37 PM`: no such day: 2023-02-30";

/// A site with one good article and one with an impossible date.
fn site(dir: &Path) {
    fs::create_dir_all(dir.join("articles")).expect("mkdir");
    fs::write(
        dir.join("feedpub.toml"),
        "base_url = \"https://example.com/\"\n",
    )
    .expect("config");
    fs::write(dir.join("articles/bad.txt"), BAD).expect("article");
    fs::write(
        dir.join("articles/good.md"),
        "---\ntitle: Good one\ndate: 2024-03-01T10:00:00Z\n---\nBody text here.\n",
    )
    .expect("article");
}

/// Extra environment variables.
type Env<'a> = &'a [(&'a str, &'a str)];

fn has_script() -> bool {
    let found = Command::new("script").arg("--version").output().is_ok();
    if !found {
        println!("skipped: no `script` (util-linux) to run feedpub in a pseudo-terminal");
    }
    found
}

/// Runs feedpub in `dir` on a pseudo-terminal, with a clean environment
/// plus `env`; returns the terminal's transcript (stdout and stderr).
fn in_terminal(dir: &Path, args: &str, env: &[(&str, &str)]) -> String {
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_feedpub"));
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .envs(env.iter().copied())
        .output()
        .expect("script runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs feedpub in `dir` with stderr a pipe; returns stderr.
fn in_pipe(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_feedpub"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The transcript without its CSI escape sequences and carriage returns.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The caret block under the bad article's diagnostic: the tab of line 3
/// is no part of it, line 5's column 10 has nine cells before it.
const SNIPPET: &str = "  |\n5 | Updated: February 30, 2023, 10:37 PM\n  |          ^\n";

#[test]
fn a_terminal_gets_the_line_a_caret_and_colour() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    site(dir.path());
    // Arguments, extra environment, and whether colour is expected.
    let cases: &[(&str, Env<'_>, bool)] = &[
        // The default on a terminal: carets and colour.
        ("build", &[], true),
        // NO_COLOR: carets (layout), no colour.
        ("build", &[("NO_COLOR", "1")], false),
        // An empty NO_COLOR is no request (no-color.org).
        ("build", &[("NO_COLOR", "")], true),
        // --color never: carets, no colour.
        ("build --color never", &[], false),
        // --color after the subcommand or before it: the same flag.
        ("--color never build", &[], false),
        // inspect prints its diagnostics the same way.
        ("inspect articles", &[], true),
    ];
    for (args, env, colour) in cases {
        let transcript = in_terminal(dir.path(), args, env);
        let text = plain(&transcript);
        assert!(
            text.contains(&format!("{FIRST_LINE}\n{SNIPPET}")),
            "{args} {env:?}: {transcript:?}"
        );
        assert_eq!(
            transcript.contains("\u{1b}[31merror"),
            *colour,
            "{args} {env:?}: {transcript:?}"
        );
        assert_eq!(transcript.contains('\u{1b}'), *colour, "{args} {env:?}");
    }
}

#[test]
fn a_pipe_gets_the_first_line_only_unless_colour_is_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    site(dir.path());
    let tail = "feedpub: error: 1 problem in the articles\n";
    // Arguments, extra environment, and whether colour is forced.
    let cases: &[(&[&str], Env<'_>, bool)] = &[
        // A pipe: exactly the grep-able line.
        (&["build"], &[], false),
        // --color never: the same.
        (&["build", "--color", "never"], &[], false),
        // --color always: colour and carets into the pipe.
        (&["build", "--color", "always"], &[], true),
        // CLICOLOR_FORCE under auto: the same as always.
        (&["build"], &[("CLICOLOR_FORCE", "1")], true),
        // NO_COLOR wins over CLICOLOR_FORCE.
        (
            &["build"],
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
            false,
        ),
    ];
    for (args, env, forced) in cases {
        let stderr = in_pipe(dir.path(), args, env);
        if *forced {
            assert!(stderr.contains("\u{1b}[31merror"), "{args:?}: {stderr:?}");
            assert_eq!(plain(&stderr), format!("{FIRST_LINE}\n{SNIPPET}{tail}"));
        } else {
            assert_eq!(stderr, format!("{FIRST_LINE}\n{tail}"), "{args:?} {env:?}");
        }
    }
}

/// A site big enough for the bar to be drawn a few times (it is shown at
/// once: see [`NO_DELAY`]), with one bad article.
fn big_site(dir: &Path) {
    site(dir);
    feedpub::testing::corpus::write(&dir.join("articles/corpus"), 1500, Format::News)
        .expect("corpus");
}

/// The bar with no delay, so that whether it shows never depends on how
/// fast this machine builds (a quiet machine builds the big site within
/// the usual half second).
const NO_DELAY: &[(&str, &str)] = &[("FEEDPUB_PROGRESS_DELAY_MS", "0")];

#[test]
fn long_builds_show_a_bar_on_a_terminal_and_clear_it_first() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    big_site(dir.path());
    let transcript = in_terminal(dir.path(), "build --no-cache", NO_DELAY);
    let bar = transcript
        .rfind("reading articles")
        .max(transcript.rfind("writing feeds"));
    let Some(bar) = bar else {
        panic!("no progress bar: {transcript:?}");
    };
    assert!(
        transcript.contains("/1502"),
        "files of total: {transcript:?}"
    );
    assert!(transcript.contains("files/s"), "rate: {transcript:?}");
    // No count before the folder is listed, and no rate of nothing.
    assert!(
        !transcript.contains("0/0") && !transcript.contains("NaN"),
        "counts before there were any: {transcript:?}"
    );
    // The last drawing of the bar is cleared (carriage return, erase the
    // line) before the first diagnostic starts.
    let diagnostic = transcript
        .find("articles/bad.txt:5:10")
        .expect("diagnostic");
    assert!(bar < diagnostic, "bar after the diagnostic: {transcript:?}");
    let between = &transcript[bar..diagnostic];
    assert!(between.contains("\r\u{1b}[2K"), "not cleared: {between:?}");
    let after = &between[between.rfind("\u{1b}[2K").unwrap_or_default()..];
    assert!(
        !after.contains("articles") && !after.contains("files/s"),
        "residue: {after:?}"
    );
    assert!(plain(&transcript).contains(&format!("{FIRST_LINE}\n{SNIPPET}")));

    // Never with -q, and never into a pipe.
    let quiet = in_terminal(dir.path(), "build --no-cache -q", NO_DELAY);
    assert!(!quiet.contains("reading articles"), "{quiet:?}");
    assert!(!quiet.contains("writing feeds"), "{quiet:?}");
    let piped = in_pipe(dir.path(), &["build", "--no-cache"], NO_DELAY);
    assert_eq!(
        piped,
        format!("{FIRST_LINE}\nfeedpub: error: 1 problem in the articles\n")
    );
}

#[test]
fn short_runs_show_no_bar() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    site(dir.path());
    let transcript = in_terminal(dir.path(), "build", &[]);
    assert!(!transcript.contains("reading articles"), "{transcript:?}");
    assert!(!transcript.contains("\u{1b}[2K"), "{transcript:?}");
}
