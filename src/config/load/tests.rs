//! The configuration's checks, row by row.

use super::*;

/// A row of [`state_dir_is_checked_and_resolved`]: the key, the flag,
/// and where the state folder is (or how the message starts).
type Row<'a> = (Option<&'a str>, Option<&'a str>, Result<&'a str, &'a str>);

/// Where `state_dir` (the key, or the flag) puts the state folder: each
/// row's `{dir}` is the config file's folder; `Err` holds the start
/// of the message.
#[test]
fn state_dir_is_checked_and_resolved() {
    let config_dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let dir = config_dir.path().to_string_lossy().into_owned();
    let absolute = elsewhere
        .path()
        .join("state")
        .to_string_lossy()
        .into_owned();
    let cases: &[Row<'_>] = &[
        // No key: `.feedpub` beside the config file.
        (None, None, Ok("{dir}/.feedpub")),
        // A relative key is relative to the config file's folder.
        (Some("var/state"), None, Ok("{dir}/var/state")),
        // An absolute key is taken as it is.
        (Some(&absolute), None, Ok(&absolute)),
        // An empty key would mean the config's folder without saying so.
        (Some(""), None, Err("`state_dir` is empty")),
        // The flag is relative to the current folder, as `--out` is.
        (None, Some("flagged"), Ok("flagged")),
        // The flag beats the key.
        (Some("var/state"), Some("flagged"), Ok("flagged")),
        // An empty flag is refused too.
        (None, Some(""), Err("`--state-dir` is empty")),
    ];
    for (key, flag, want) in cases {
        let file = config_dir.path().join("feedpub.toml");
        let mut text = "base_url = \"https://example.com/\"\n".to_owned();
        if let Some(key) = key {
            text.push_str(&format!("state_dir = {}\n", toml::Value::from(*key)));
        }
        std::fs::write(&file, text).expect("writable");
        let loaded = Config::load(Overrides {
            config: Some(file),
            state_dir: flag.map(PathBuf::from),
            ..Overrides::default()
        });
        match (loaded, want) {
            (Ok(config), Ok(want)) => {
                let want = PathBuf::from(want.replace("{dir}", &dir));
                assert_eq!(
                    config.state.parent(),
                    Some(want.as_path()),
                    "{key:?} {flag:?}"
                );
                let name = config
                    .state
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                assert!(
                    name.as_deref().is_some_and(|n| n.starts_with("feeds-")),
                    "{key:?} {flag:?}: {name:?}"
                );
            }
            (Err(Error::Config { message, .. }), Err(want)) => {
                assert!(message.starts_with(want), "{key:?} {flag:?}: {message}");
            }
            (got, want) => panic!("{key:?} {flag:?}: got {got:?}, expected {want:?}"),
        }
    }
}

/// Which `credits` values are taken, and as what.
#[test]
fn credits_are_checked() {
    let cases: &[(&str, Option<&str>)] = &[
        // One word, as written.
        ("Bild", Some("Bild")),
        // Blanks around it are trimmed; inner ones kept.
        ("  Times Wire ", Some("Times Wire")),
        // Six words is the most a credit can have.
        ("A B C D E F", Some("A B C D E F")),
        // Empty.
        ("", None),
        // Blank.
        ("   ", None),
        // A line break could never end a caption's line.
        ("Times\nWire", None),
        // Nor could another control character.
        ("Times\u{7}Wire", None),
        // Seven words could never match.
        ("A B C D E F G", None),
    ];
    for (value, want) in cases {
        let got = check_credit(value);
        assert_eq!(got.as_deref().ok(), *want, "{value:?}");
        if let Err(message) = got {
            assert!(message.starts_with("`credits` value `"), "{message}");
        }
    }
}
