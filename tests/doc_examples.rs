//! The examples users copy cannot rot: `docs/examples/github-actions.yml`
//! is YAML of the shape GitHub Actions reads, `docs/operations.md` shows it
//! as it is, and every `feedpub` command in it, in the README and in
//! `docs/operations.md` names a subcommand and flags the binary has (each
//! checked against `feedpub SUBCOMMAND --help`).

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn key(name: &str) -> Yaml {
    Yaml::String(name.to_owned())
}

/// The workflow's jobs, by name.
fn jobs(workflow: &Yaml) -> Vec<(String, &Yaml)> {
    let jobs = workflow["jobs"].as_hash().expect("`jobs`");
    jobs.iter()
        .map(|(name, job)| (name.as_str().expect("a job name").to_owned(), job))
        .collect()
}

/// Every `run:` script of the workflow.
fn run_scripts(workflow: &Yaml) -> Vec<String> {
    let mut out = Vec::new();
    for (name, job) in jobs(workflow) {
        let steps = job["steps"]
            .as_vec()
            .unwrap_or_else(|| panic!("job `{name}` has steps"));
        for step in steps {
            let step = step
                .as_hash()
                .unwrap_or_else(|| panic!("job `{name}`: a step is a map"));
            assert!(
                step.contains_key(&key("run")) != step.contains_key(&key("uses")),
                "job `{name}`: each step has `run` or `uses`: {step:?}"
            );
            if let Some(run) = step.get(&key("run")) {
                out.push(run.as_str().expect("`run` is a string").to_owned());
            }
        }
    }
    out
}

/// The arguments of every `feedpub` command in a shell `script`: its lines
/// (with `\` continuations joined, `#` comments dropped) cut at `&&`, `||`,
/// `;` and `|`, each piece that runs `feedpub` (as its command, or under
/// `flock [OPTIONS] FILE` or `time`): its words after `feedpub` up to a
/// redirection.
fn invocations(script: &str) -> Vec<Vec<String>> {
    let joined = script.replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines() {
        let line = line.split_once(" #").map_or(line, |(code, _)| code);
        if line.trim_start().starts_with('#') {
            continue;
        }
        for piece in line.split(['&', ';', '|']) {
            let words: Vec<String> = piece
                .split_whitespace()
                .map(|w| w.trim_matches(['"', '\'']).to_owned())
                .collect();
            let mut words = words.iter().peekable();
            match words.peek().map(|w| w.as_str()) {
                Some("flock") => {
                    words.next();
                    while words.next_if(|w| w.starts_with('-')).is_some() {}
                    words.next();
                }
                Some("time") => {
                    words.next();
                }
                _ => {}
            }
            if words.next().is_some_and(|w| w == "feedpub") {
                let redirection = |w: &&String| {
                    w.trim_start_matches(|c: char| c.is_ascii_digit())
                        .starts_with(['>', '<'])
                };
                out.push(words.take_while(|w| !redirection(w)).cloned().collect());
            }
        }
    }
    out
}

/// The flags `feedpub ARGS --help` lists.
fn flags(args: &[&str]) -> Result<BTreeSet<String>, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_feedpub"))
        .args(args)
        .arg("--help")
        .output()
        .expect("the binary runs");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .split(|c: char| c.is_whitespace() || ",[]<>=".contains(c))
        .filter(|w| {
            let name = w.trim_start_matches('-');
            w.starts_with('-')
                && (1..=2).contains(&(w.len() - name.len()))
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
        })
        .map(str::to_owned)
        .collect())
}

/// Each invocation's problems: an unknown subcommand or flag.
fn check(source: &str, invocations: &[Vec<String>]) -> Vec<String> {
    let mut known: HashMap<String, Result<BTreeSet<String>, String>> = HashMap::new();
    let mut problems = Vec::new();
    for args in invocations {
        // Without a subcommand, the flags are the top level's (`--version`).
        let sub = args
            .iter()
            .find(|a| !a.starts_with('-'))
            .map_or("", |s| s.as_str());
        let flags = known.entry(sub.to_owned()).or_insert_with(|| {
            let path: &[&str] = if sub.is_empty() { &[] } else { &[sub] };
            flags(path)
        });
        let flags = match flags {
            Ok(flags) => flags,
            Err(e) => {
                problems.push(format!(
                    "{source}: `feedpub {}`: {}",
                    args.join(" "),
                    e.trim()
                ));
                continue;
            }
        };
        for arg in args.iter().filter(|a| a.starts_with('-')) {
            let name = arg.split_once('=').map_or(arg.as_str(), |(n, _)| n);
            if !flags.contains(name) {
                let command = format!("feedpub {sub}");
                problems.push(format!(
                    "{source}: `feedpub {}`: `{}` has no flag `{name}`",
                    args.join(" "),
                    command.trim_end()
                ));
            }
        }
    }
    problems
}

/// The code blocks of a Markdown `text`, with their info strings.
fn code_blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                current = Some((info, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn the_workflow_is_a_github_actions_workflow() {
    let text = read("docs/examples/github-actions.yml");
    let docs = YamlLoader::load_from_str(&text).expect("the workflow is YAML");
    let [workflow] = docs.as_slice() else {
        panic!("one YAML document, not {}", docs.len());
    };
    for top in ["name", "on", "jobs"] {
        assert!(!workflow[top].is_badvalue(), "the workflow has `{top}`");
    }
    let names: Vec<String> = jobs(workflow).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["build", "deploy"]);
    for (name, job) in jobs(workflow) {
        assert!(
            job["runs-on"].as_str().is_some(),
            "job `{name}` says where it runs"
        );
    }
    let uses: Vec<&str> = jobs(workflow)
        .into_iter()
        .flat_map(|(_, job)| job["steps"].as_vec().into_iter().flatten())
        .filter_map(|step| step["uses"].as_str())
        .collect();
    for action in ["actions/upload-pages-artifact@", "actions/deploy-pages@"] {
        assert!(
            uses.iter().any(|u| u.starts_with(action)),
            "it uses {action}: {uses:?}"
        );
    }
}

#[test]
fn the_workflow_runs_only_flags_feedpub_has() {
    let text = read("docs/examples/github-actions.yml");
    let docs = YamlLoader::load_from_str(&text).expect("the workflow is YAML");
    let workflow = docs.first().expect("a document");
    let calls: Vec<Vec<String>> = run_scripts(workflow)
        .iter()
        .flat_map(|s| invocations(s))
        .collect();
    let shown: Vec<String> = calls.iter().map(|c| c.join(" ")).collect();
    assert!(shown.contains(&"build --check".to_owned()), "{shown:?}");
    assert!(shown.contains(&"build".to_owned()), "{shown:?}");
    let problems = check("docs/examples/github-actions.yml", &calls);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_docs_run_only_flags_feedpub_has() {
    let mut problems = Vec::new();
    let mut count = 0;
    for doc in ["README.md", "docs/operations.md"] {
        for (info, body) in code_blocks(&read(doc)) {
            // The YAML blocks are the workflow, checked as the file, and a
            // pre-commit configuration, which runs no command.
            if ["sh", "cron"].contains(&info.as_str()) {
                let calls = invocations(&body);
                count += calls.len();
                problems.extend(check(doc, &calls));
            }
        }
    }
    assert!(count >= 10, "the docs show feedpub commands: {count}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_docs_show_the_workflow_file_as_it_is() {
    let file = read("docs/examples/github-actions.yml");
    let shown = code_blocks(&read("docs/operations.md"))
        .into_iter()
        .any(|(info, body)| info == "yaml" && body == file);
    assert!(
        shown,
        "docs/operations.md shows docs/examples/github-actions.yml unchanged"
    );
}

#[test]
fn invocations_are_found_in_shell_lines() {
    let cases: &[(&str, &[&[&str]])] = &[
        // A plain command.
        ("feedpub build --check", &[&["build", "--check"]]),
        // A comment is not a command.
        ("# feedpub build --nope", &[]),
        // Several commands on a line, after `cd` and `flock`.
        (
            "cd /srv && flock -n /tmp/x.lock feedpub build -q >> log 2>&1",
            &[&["build", "-q"]],
        ),
        // The crate's name after `cargo install` runs nothing.
        ("cargo install --locked --git URL feedpub", &[]),
        // Nor does the word in a message.
        ("echo \"feedpub build --nope\"", &[]),
        // A flag of the top level.
        ("feedpub --version", &[&["--version"]]),
        // A continued line is one command; its trailing comment goes.
        (
            "feedpub build \\\n  --strict # strictly",
            &[&["build", "--strict"]],
        ),
    ];
    for (script, want) in cases {
        let got = invocations(script);
        let want: Vec<Vec<String>> = want
            .iter()
            .map(|w| w.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        assert_eq!(got, want, "{script}");
    }
}
