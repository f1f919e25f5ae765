//! `feedpub completions` and `feedpub man` through the real binary: the
//! bash script completes in a real bash, and the man page renders with
//! `man`.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::feedpub;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = feedpub(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(script.contains("build"), "{shell}: {script}");
        assert!(script.contains("base-url"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = feedpub(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// What bash completes for `words` (the cursor at the end of the last),
/// with the script `feedpub completions bash` printed sourced, its
/// completion function called as bash's programmable completion calls it.
fn bash_complete(script: &str, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        r#"source /dev/stdin
function=$(complete -p feedpub | sed -n 's/.*-F \([^ ]*\).*/\1/p')
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
cur="${{COMP_WORDS[COMP_CWORD]}}"
prev="${{COMP_WORDS[COMP_CWORD-1]}}"
"$function" feedpub "$cur" "$prev"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        words = quoted.join(" ")
    );
    let mut child = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(script.as_bytes())
        .expect("script written");
    let out = child.wait_with_output().expect("bash ends");
    assert!(
        out.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_and_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = feedpub(dir.path(), &["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = stdout(&out);
    let cases: &[(&[&str], &[&str])] = &[
        // A subcommand by its start: `feedpub bu<TAB>`.
        (&["feedpub", "bu"], &["build"]),
        // Two subcommands share the start.
        (&["feedpub", "in"], &["init", "inspect"]),
        // A flag of the subcommand named.
        (&["feedpub", "init", "--ti"], &["--timezone", "--title"]),
        // A flag of another subcommand.
        (&["feedpub", "build", "--pr"], &["--prune"]),
        // The shells `completions` takes.
        (&["feedpub", "completions", "b"], &["bash"]),
    ];
    for (words, want) in cases {
        let mut got = bash_complete(&script, words);
        got.sort();
        assert_eq!(got, *want, "{words:?}");
    }
}

#[test]
fn the_man_page_renders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = feedpub(dir.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    let roff = stdout(&out);
    assert!(roff.contains("\n.TH feedpub 1"), "{roff}");
    assert_eq!(roff.matches(".ds Aq").count(), 2, "one preamble: {roff}");
    if Command::new("man").arg("--version").output().is_err() {
        // CI installs man-db (.ci/run); a machine without it cannot render.
        eprintln!("`man` is not installed, so the man page was not rendered; install man-db");
        return;
    }
    let page = dir.path().join("feedpub.1");
    std::fs::write(&page, &roff).expect("page written");
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man runs");
    assert!(
        rendered.status.success(),
        "man: {}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let text = stdout(&rendered);
    // Each subcommand has its section, and the key flags are there.
    for want in [
        "FEEDPUB BUILD",
        "FEEDPUB INSPECT",
        "FEEDPUB VALIDATE",
        "FEEDPUB LINKS",
        "FEEDPUB INIT",
        "FEEDPUB COMPLETIONS",
        "FEEDPUB MAN",
        "--base-url",
        "--timezone",
        "--check",
        "--strict",
        "--prune",
        "EXIT CODES",
    ] {
        assert!(text.contains(want), "no `{want}` in\n{text}");
    }
    // Rendered, not raw roff.
    assert!(!text.contains(".SH"), "{text}");
}
