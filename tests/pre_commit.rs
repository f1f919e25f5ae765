//! feedpub's hooks under the real pre-commit framework (PyPI
//! `pre-commit`), in a temporary git repository holding a small site.
//!
//! `.pre-commit-hooks.yaml` offers each hook twice: `language: rust`, which
//! pre-commit builds by cloning this repository and running `cargo install`
//! in its cache (a release build of feedpub from nothing, minutes per test
//! run, on every fresh CI machine), and `language: system`, which runs the
//! `feedpub` on the PATH. The test runs the `-system` hooks, taken from the
//! manifest itself (id, name, entry, files, pass_filenames) into a
//! `repo: local` configuration whose entry names the binary under test; it
//! checks that each rust hook is its system twin but for the language, and
//! has pre-commit validate the manifest. So the hooks users get are the
//! ones tested, with no network and no build inside pre-commit's cache.
//!
//! Without pre-commit (`pip install pre-commit`) or git, the tests say so
//! and pass; CI installs pre-commit.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::feedpub;
use yaml_rust2::{Yaml, YamlLoader};

/// The repository's root, where `.pre-commit-hooks.yaml` is.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `program --version` runs; when not, says the test is skipped.
fn installed(program: &str, install: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        println!("pre_commit: skipped: {program} is not installed ({install})");
    }
    found
}

fn tools_installed() -> bool {
    installed("pre-commit", "pip install pre-commit") && installed("git", "apt-get install git")
}

/// The hooks of `.pre-commit-hooks.yaml`.
fn manifest() -> Vec<Yaml> {
    let text = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("the manifest");
    let docs = YamlLoader::load_from_str(&text).expect("the manifest is YAML");
    let hooks = docs
        .first()
        .and_then(Yaml::as_vec)
        .expect("a list of hooks");
    hooks.clone()
}

fn field<'a>(hook: &'a Yaml, key: &str) -> Option<&'a Yaml> {
    hook.as_hash()?.get(&Yaml::String(key.to_owned()))
}

/// A hook's fields by name, whatever their order.
fn fields(hook: &Yaml) -> BTreeMap<String, Yaml> {
    let hash = hook.as_hash().expect("a hook is a map");
    hash.iter()
        .map(|(k, v)| (k.as_str().expect("a field name").to_owned(), v.clone()))
        .collect()
}

fn text<'a>(hook: &'a Yaml, key: &str) -> Option<&'a str> {
    field(hook, key).and_then(Yaml::as_str)
}

/// `.pre-commit-config.yaml` (as JSON, which YAML reads) running each
/// `-system` hook of the manifest as a local hook whose entry is the
/// binary under test.
fn local_config() -> String {
    let binary = env!("CARGO_BIN_EXE_feedpub");
    assert!(
        !binary.contains('\''),
        "a binary path pre-commit can quote: {binary}"
    );
    let mut hooks = Vec::new();
    for hook in manifest() {
        let id = text(&hook, "id").expect("every hook has an id");
        if !id.ends_with("-system") {
            continue;
        }
        let entry = text(&hook, "entry").expect("an entry");
        let args = entry
            .strip_prefix("feedpub")
            .expect("the entry runs feedpub");
        let mut local = serde_json::json!({
            "id": id,
            "name": text(&hook, "name").expect("a name"),
            "entry": format!("'{binary}'{args}"),
            "language": "system",
        });
        if let Some(files) = text(&hook, "files") {
            local["files"] = files.into();
        }
        if let Some(pass) = field(&hook, "pass_filenames").and_then(Yaml::as_bool) {
            local["pass_filenames"] = pass.into();
        }
        hooks.push(local);
    }
    assert_eq!(hooks.len(), 2, "a system variant of each hook");
    serde_json::json!({ "repos": [{ "repo": "local", "hooks": hooks }] }).to_string()
}

/// A git repository in a temporary folder, with pre-commit's cache in
/// another.
struct Site {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Site {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    fn git(&self, args: &[&str]) {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=feedpub test",
                "-c",
                "user.email=test@example.com",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.hooksPath=/dev/null",
            ])
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", show(&out));
    }

    fn pre_commit(&self, args: &[&str]) -> Output {
        Command::new("pre-commit")
            .args(args)
            .current_dir(self.path())
            .env("PRE_COMMIT_HOME", self.home.path())
            .env("NO_COLOR", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_WORK_TREE")
            .output()
            .expect("pre-commit runs")
    }

    /// `pre-commit run --all-files`, of every hook or of one.
    fn run(&self, hook: Option<&str>) -> Output {
        let mut args = vec!["run", "--all-files", "--color", "never"];
        args.extend(hook);
        self.pre_commit(&args)
    }

    fn build(&self) {
        let out = feedpub(self.path(), &["build"]);
        assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    }
}

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\n{}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A committed site: config, two articles, their feeds, and the hooks.
fn site() -> Site {
    let site = Site {
        dir: tempfile::tempdir().expect("temp dir"),
        home: tempfile::tempdir().expect("temp dir"),
    };
    site.git(&["init", "--quiet", "--initial-branch=main"]);
    fs::write(
        site.file("feedpub.toml"),
        "base_url = \"https://news.example.com/\"\ntitle = \"The Courier\"\ntag_date = \"2024\"\n",
    )
    .expect("writable");
    fs::create_dir(site.file("articles")).expect("writable");
    fs::write(
        site.file("articles/harbour-tunnel.md"),
        "---\ntitle: Harbour tunnel opens\ndate: 2024-03-01T09:00:00Z\n---\n\nThe tunnel opened to traffic this morning.\n",
    )
    .expect("writable");
    fs::write(
        site.file("articles/night-ferry.txt"),
        "Night ferry returns\n\nThe ferry runs again from Monday.\n\nUpdated: March 2, 2024, 10:00 AM\n",
    )
    .expect("writable");
    fs::write(site.file(".pre-commit-config.yaml"), local_config()).expect("writable");
    site.build();
    site.git(&["add", "--all"]);
    site.git(&["commit", "--quiet", "--message", "the site"]);
    site
}

#[test]
fn the_manifest_is_valid_and_each_rust_hook_has_a_system_twin() {
    if !tools_installed() {
        return;
    }
    let out = Command::new("pre-commit")
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .current_dir(root())
        .output()
        .expect("pre-commit runs");
    assert!(out.status.success(), "{}", show(&out));
    let hooks = manifest();
    for hook in &hooks {
        let id = text(hook, "id").expect("an id");
        if id.ends_with("-system") {
            continue;
        }
        assert_eq!(text(hook, "language"), Some("rust"), "{id}");
        let twin = hooks
            .iter()
            .find(|h| text(h, "id") == Some(&format!("{id}-system")))
            .unwrap_or_else(|| panic!("no `{id}-system` hook"));
        let mut want = fields(hook);
        want.insert("id".into(), Yaml::String(format!("{id}-system")));
        want.insert("language".into(), Yaml::String("system".into()));
        assert_eq!(fields(twin), want, "{id}");
    }
}

#[test]
fn a_stale_feed_fails_the_hook_until_rebuilt() {
    if !tools_installed() {
        return;
    }
    let site = site();
    let out = site.run(None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a fresh site passes: {}",
        show(&out)
    );

    // An edit to an article, committed without rebuilding.
    let article = site.file("articles/night-ferry.txt");
    let text = fs::read_to_string(&article).expect("readable");
    fs::write(
        &article,
        text.replace("Night ferry returns", "Night ferry is back"),
    )
    .expect("writable");
    let out = site.run(None);
    let shown = show(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("feedpub build --check"), "{shown}");
    assert!(shown.contains("out of date:"), "{shown}");
    assert!(
        shown.contains("feeds/rss.xml"),
        "the stale feed is named: {shown}"
    );

    site.build();
    let out = site.run(None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "rebuilt, it passes: {}",
        show(&out)
    );
}

#[test]
fn a_broken_feed_fails_validate() {
    if !tools_installed() {
        return;
    }
    let site = site();
    let atom = site.file("feeds/atom.xml");
    let text = fs::read_to_string(&atom).expect("readable");
    let cut = text.find("</feed>").expect("an Atom feed");
    fs::write(&atom, text.get(..cut).expect("a char boundary")).expect("writable");
    let out = site.run(Some("feedpub-validate-system"));
    let shown = show(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("feeds/atom.xml"), "{shown}");
    assert!(shown.contains("error[NotWellFormed]"), "{shown}");

    // Mended, it passes.
    fs::write(&atom, text).expect("writable");
    let out = site.run(Some("feedpub-validate-system"));
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
}
