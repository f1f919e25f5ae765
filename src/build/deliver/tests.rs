use super::*;
use crate::config::Overrides;
use std::path::Path;

fn config(dir: &Path) -> Config {
    let file = dir.join("feedpub.toml");
    std::fs::write(&file, "base_url = \"https://example.com/\"\n").expect("writable");
    Config::load(Overrides {
        config: Some(file),
        ..Overrides::default()
    })
    .expect("valid config")
}

/// A feed that fails validation is never put in place.
#[test]
fn invalid_output_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = config(dir.path());
    let broken = Planned {
        path: config.rss_path(),
        bytes: b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>".to_vec(),
    };
    let fine_atom = Planned {
        path: config.atom_path(),
        bytes: Vec::new(),
    };
    let mut report = Report::default();
    let plans = [broken, fine_atom];
    let results = plans
        .iter()
        .map(|p| check_one(&config, p, url_of(&config, &p.path)))
        .collect();
    let result = report_checks(&config, &plans, results, &mut report);
    match result {
        Err(Error::InvalidOutput {
            format, message, ..
        }) => {
            assert_eq!(format, "RSS");
            assert!(message.contains("MissingElement"), "{message}");
        }
        other => panic!("expected InvalidOutput, got {other:?}"),
    }
}
