use super::*;

/// Which `[[feeds]]` paths are taken, and as what.
#[test]
fn feed_paths() {
    let rows: &[(&str, Option<&str>)] = &[
        // A plain folder gets its final slash.
        ("climate", Some("climate/")),
        // Given with one, it keeps it.
        ("climate/", Some("climate/")),
        // Nested folders are fine.
        ("authors/ana-ruiz", Some("authors/ana-ruiz/")),
        // Letters of any script.
        ("اقتصاد", Some("اقتصاد/")),
        // A dot inside a name is fine.
        ("v1.2", Some("v1.2/")),
        // The main feed's place.
        ("", None),
        // Only a slash is the same.
        ("/", None),
        // Absolute.
        ("/etc", None),
        // Up and out of the output folder.
        ("../x", None),
        // A dotfile folder is hidden by servers.
        (".hidden", None),
        // An empty part.
        ("a//b", None),
        // A space.
        ("a b", None),
        // A backslash.
        ("a\\b", None),
        // Named as a file feedpub writes, at the top or below.
        ("index.html", None),
        ("index.opml", None),
        ("rss.xml", None),
        ("climate/atom.xml", None),
        ("climate/feed.json/more", None),
        // Near misses are folders like any.
        ("rss.xml2", Some("rss.xml2/")),
        ("index", Some("index/")),
        // Eight folders at most: a feed's files lie three below its own,
        // and stale files are looked for sixteen deep.
        ("a/b/c/d/e/f/g/h", Some("a/b/c/d/e/f/g/h/")),
        ("a/b/c/d/e/f/g/h/i", None),
    ];
    for (text, want) in rows {
        assert_eq!(feed_path(text).ok().as_deref(), *want, "{text:?}");
    }
}

/// Formats are checked, deduplicated and never empty.
#[test]
fn archive_keys() {
    let xml = vec![FeedFormat::Rss, FeedFormat::Atom];
    let json = vec![FeedFormat::Json];
    // `archive`, `archive_page_size`, `formats`; the page size, or
    // part of the message.
    type Row<'a> = (
        Option<bool>,
        Option<usize>,
        &'a [FeedFormat],
        Result<Option<usize>, &'a str>,
    );
    #[rustfmt::skip]
    let rows: &[Row<'_>] = &[
        (None, None, &xml, Ok(None)), // not asked for: the main feed's archive is not inherited
        (Some(false), None, &xml, Ok(None)), // turned off
        (Some(true), None, &xml, Ok(Some(DEFAULT_PAGE_SIZE))), // the default page
        (Some(true), Some(1), &xml, Ok(Some(1))), // the smallest page
        (Some(true), Some(MAX_PAGE_SIZE), &xml, Ok(Some(MAX_PAGE_SIZE))), // the largest page
        (Some(true), Some(0), &xml, Err("expected 1 to")), // a page holds something
        (Some(true), Some(MAX_PAGE_SIZE + 1), &xml, Err("expected 1 to")), // one document too big
        (None, Some(10), &xml, Err("is not `true`")), // a size with no archive is a slip
        (Some(false), Some(10), &xml, Err("is not `true`")), // likewise when turned off
        (Some(true), None, &json, Err("neither `rss` nor `atom`")), // pages are XML only
        (None, None, &json, Ok(None)), // JSON alone, no pages: fine
    ];
    for (on, size, formats, want) in rows {
        let got = options(
            Written {
                limit: None,
                content: None,
                formats: Some(formats.iter().map(|f| f.name().to_owned()).collect()),
                archive: *on,
                archive_page_size: *size,
            },
            &FeedOptions {
                limit: 10,
                content: ContentMode::Full,
                formats: FeedFormat::ALL.to_vec(),
                archive: Some(Archive { page_size: 3 }),
            },
            "feeds[0]",
        );
        match (want, got) {
            (Ok(size), Ok(o)) => {
                assert_eq!(o.archive.map(|a| a.page_size), *size, "{on:?} {size:?}");
            }
            (Err(part), Err(m)) => {
                assert!(m.contains(part) && m.contains("feeds[0]."), "{m}");
            }
            (want, got) => panic!("{on:?} {size:?}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn format_lists() {
    let list = |names: &[&str]| {
        formats(
            &names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            "formats",
        )
    };
    assert_eq!(
        list(&["json", "rss"]),
        Ok(vec![FeedFormat::Json, FeedFormat::Rss])
    );
    assert_eq!(list(&["atom", "atom"]), Ok(vec![FeedFormat::Atom]));
    assert!(list(&[]).is_err_and(|m| m.contains("is empty")));
    assert!(list(&["xml"]).is_err_and(|m| m.contains("unknown format `xml`")));
}

/// A faulty `names` entry is blamed on its family's own key.
#[test]
fn names_faults_name_the_family() {
    let main = FeedOptions {
        limit: 10,
        content: ContentMode::Full,
        formats: FeedFormat::ALL.to_vec(),
        archive: None,
    };
    for key in ["tag_feeds", "section_feeds"] {
        for names in ["{ business = \"\" }", "{ \" \" = \"Business\" }"] {
            let value: toml::Value = toml::from_str(&format!("v = {{ names = {names} }}"))
                .map(|t: toml::Table| t["v"].clone())
                .expect("toml");
            let error = family(Some(value), key, &main).expect_err("refused");
            assert!(
                error.starts_with(&format!("`{key}.names` has an empty name or value")),
                "{error}"
            );
        }
    }
}

/// A control character in a configured text feeds carry is a fault of
/// the configuration, named by its key.
#[test]
fn control_characters_in_titles_are_configuration_faults() {
    let main = FeedOptions {
        limit: 10,
        content: ContentMode::Full,
        formats: FeedFormat::ALL.to_vec(),
        archive: None,
    };
    for (table, key) in [
        ("{ title = \"{name} \\u0007 {site}\" }", "tag_feeds.title"),
        ("{ description = \"A\\u0001\" }", "tag_feeds.description"),
        ("{ names = { business = \"B\\u001F\" } }", "tag_feeds.names"),
    ] {
        let value: toml::Value = toml::from_str(&format!("v = {table}"))
            .map(|t: toml::Table| t["v"].clone())
            .expect("toml");
        let error = family(Some(value), "tag_feeds", &main).expect_err("refused");
        assert!(
            error.starts_with(&format!("`{key}` has the character U+")),
            "{error}"
        );
    }
}
