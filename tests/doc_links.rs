//! The documentation holds together: every relative link in the README,
//! `docs/` and `BENCHMARKS.md` names a file of the repository, every
//! `#fragment` a heading of its file (as GitHub names headings), and the
//! README's set-up stays the two commands it promises.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The repository's root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked.
fn documents() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md"), root().join("BENCHMARKS.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .expect("docs/ is readable")
        .map(|entry| entry.expect("a docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

/// The anchor GitHub gives a heading: lower case, letters, digits, `-` and
/// `_` kept, blanks made `-`, everything else dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of `text`'s headings (a repeated heading gets `-1`, `-2`...,
/// as on GitHub) and its link targets, in order.
fn read(text: &str) -> (HashSet<String>, Vec<String>) {
    let mut anchors = HashSet::new();
    let mut links = Vec::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = anchor(&heading.take().unwrap_or_default());
                let mut name = base.clone();
                let mut n = 0;
                while !anchors.insert(name.clone()) {
                    n += 1;
                    name = format!("{base}-{n}");
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.into_string());
            }
            _ => {}
        }
    }
    (anchors, links)
}

fn is_external(link: &str) -> bool {
    link.contains("://") || link.starts_with("mailto:")
}

#[test]
fn relative_links_resolve() {
    let mut broken = Vec::new();
    for doc in documents() {
        let text = fs::read_to_string(&doc).expect("a readable document");
        let (own, links) = read(&text);
        let name = doc
            .strip_prefix(root())
            .expect("in the repository")
            .display();
        for link in links.iter().filter(|l| !is_external(l)) {
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                doc.clone()
            } else {
                doc.parent().expect("in a folder").join(path)
            };
            if !target.exists() {
                broken.push(format!("{name}: `{link}`: no such file"));
                continue;
            }
            if fragment.is_empty() {
                continue;
            }
            let anchors = if target == doc {
                own.clone()
            } else if target.extension().is_some_and(|e| e == "md") {
                read(&fs::read_to_string(&target).expect("a readable target")).0
            } else {
                broken.push(format!(
                    "{name}: `{link}`: a fragment of a file that is not Markdown"
                ));
                continue;
            };
            if !anchors.contains(fragment) {
                broken.push(format!("{name}: `{link}`: no heading `#{fragment}` there"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_docs_file_is_linked_from_the_readme() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    let (_, links) = read(&readme);
    let missing: Vec<String> = documents()
        .iter()
        .filter_map(|doc| {
            let name = doc.strip_prefix(root()).ok()?.to_str()?.to_owned();
            let listed = !name.starts_with("docs/") || links.contains(&name);
            (!listed).then_some(name)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not linked from the README: {missing:?}"
    );
}

#[test]
fn the_readme_sets_up_with_two_commands() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    // The text of the first code block after the `## Set-up` heading.
    let mut heading: Option<String> = None;
    let mut after_setup = false;
    let mut code: Option<String> = None;
    for event in Parser::new(&readme) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                after_setup = heading.take().as_deref() == Some("Set-up");
            }
            Event::Start(Tag::CodeBlock(_)) if after_setup && code.is_none() => {
                code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) if code.is_some() => break,
            Event::Text(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(c) = code.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    let code = code.expect("a code block under `## Set-up`");
    let commands: Vec<&str> = code
        .lines()
        .map(|line| line.split_once('#').map_or(line, |(c, _)| c).trim())
        .filter(|line| !line.is_empty())
        .collect();
    assert_eq!(commands, ["cargo run --release -- build", "cargo test"]);
}
