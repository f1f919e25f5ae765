//! A feed of the whole archive (`--limit 0`, which ranks nothing and
//! reads no cache) has exactly the bytes of the same feed built with a
//! limit above the archive's size, in both content modes, with the
//! problems reported alike.

mod common;

use std::fs;

use feedpub::article::Format;
use feedpub::testing::corpus::Shape;

const CONFIG: &str = "base_url = \"https://news.example.com/\"\ntag_date = \"2023\"\n";

#[test]
fn whole_archive_feeds_match_the_usual_build() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    // A news site's archive (mixed formats, section folders), and a folder
    // of Markdown besides.
    feedpub::testing::corpus::write_shaped(&dir.join("articles"), 250, Shape::SITE)
        .expect("corpus");
    feedpub::testing::corpus::write(&dir.join("articles/md"), 50, Format::Markdown)
        .expect("corpus");
    // A draft, a broken article and two sharing an id are left out alike.
    fs::write(
        dir.join("articles/draft.md"),
        "---\ntitle: Draft\ndate: 2030-01-01\ndraft: true\n---\nBody\n",
    )
    .expect("writable");
    fs::write(dir.join("articles/broken.txt"), "Only a title").expect("writable");
    for name in ["a.md", "b.md"] {
        fs::write(
            dir.join("articles").join(name),
            "---\ntitle: Twin\ndate: 2030-02-01\nslug: twin\n---\nBody\n",
        )
        .expect("writable");
    }
    for content in ["summary", "full"] {
        let whole = common::feedpub(
            dir,
            &[
                "build",
                "--no-cache",
                "--limit",
                "0",
                "--content",
                content,
                "--out",
                "whole",
            ],
        );
        // A limit above the archive's size keeps every entry the usual way.
        let usual = common::feedpub(
            dir,
            &[
                "build",
                "--no-cache",
                "--limit",
                "100000",
                "--content",
                content,
                "--out",
                "usual",
            ],
        );
        assert_eq!(whole.status.code(), usual.status.code(), "{content}");
        assert_eq!(
            String::from_utf8_lossy(&whole.stderr).replace("whole/", "usual/"),
            String::from_utf8_lossy(&usual.stderr),
            "{content}: diagnostics differ"
        );
        for feed in ["rss.xml", "atom.xml"] {
            let whole = fs::read(dir.join("whole").join(feed)).expect("written");
            let usual = fs::read(dir.join("usual").join(feed)).expect("written");
            assert!(
                whole.len() > 50_000,
                "{content} {feed}: {} bytes",
                whole.len()
            );
            assert!(whole == usual, "{content} {feed}: bytes differ");
        }
    }
}
