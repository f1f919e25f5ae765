use chrono::DateTime;
use url::Url;

use super::*;

fn url(text: &str) -> Url {
    Url::parse(text).expect("valid URL")
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("valid time")
}

fn files(folder: &str, formats: &[FeedFormat]) -> Vec<FeedFile> {
    formats
        .iter()
        .map(|&format| FeedFile {
            format,
            url: url(folder).join(format.file_name()).expect("joins"),
        })
        .collect()
}

/// A page with every part: two groups, entries with and without a
/// summary, one edited after it was published.
fn sample(title: &str, summary: &str) -> Page {
    let all = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];
    Page {
        lang: "ar".to_owned(),
        title: title.to_owned(),
        description: format!("About {title}"),
        home: url("https://example.com/"),
        updated: at("2024-03-01T10:00:00+04:00"),
        discovery: files("https://example.com/feeds/", &all),
        discovery_title: title.to_owned(),
        groups: vec![
            Group {
                kind: GroupKind::Main,
                feeds: vec![PageFeed {
                    title: title.to_owned(),
                    description: format!("About {title}"),
                    files: files("https://example.com/feeds/", &all),
                }],
            },
            Group {
                kind: GroupKind::Tags,
                feeds: vec![PageFeed {
                    title: "Tag: تراث".to_owned(),
                    description: "Tag: تراث".to_owned(),
                    files: files(
                        "https://example.com/feeds/tags/%D8%AA%D8%B1%D8%A7%D8%AB/",
                        &all[..1],
                    ),
                }],
            },
        ],
        entries: vec![
            Entry {
                title: title.to_owned(),
                link: "https://example.com/a/?x=1&y=2".to_owned(),
                published: at("2024-03-01T09:00:00+04:00"),
                updated: at("2024-03-01T10:00:00+04:00"),
                authors: vec!["A & B".to_owned(), "Ü".to_owned()],
                summary: summary.to_owned(),
            },
            Entry {
                title: "Quiet".to_owned(),
                link: "https://example.com/b/".to_owned(),
                published: at("2024-02-01T09:00:00Z"),
                updated: at("2024-02-01T09:00:00Z"),
                authors: Vec::new(),
                summary: String::new(),
            },
        ],
        opml: url("https://example.com/feeds/index.opml"),
    }
}

fn text(page: &Page) -> String {
    String::from_utf8(write(page)).expect("UTF-8")
}

/// The page passes every check of the page validator, with hostile text
/// in every field that takes text: markup, quotes, ampersands, a script,
/// and the non-characters HTML forbids but XML allows.
#[test]
fn hostile_text_is_escaped_and_the_page_validates() {
    let hostile = "<script>alert(\"x\")</script> & 'q' </h1><h1>\u{FDD0}\u{1FFFE}";
    let summary = "</p><img src=x onerror=alert(1)> &amp; <!-- -->";
    let page = text(&sample(hostile, summary));
    let messages = crate::validate::validate_page(page.as_bytes());
    assert_eq!(messages, [], "{page}");
    assert!(!page.contains("<script"));
    assert!(!page.contains("<img"));
    assert!(!page.contains('\u{FDD0}') && !page.contains('\u{1FFFE}'));
    assert!(page.contains(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos; &lt;/h1&gt;&lt;h1&gt;\u{FFFD}\u{FFFD}"
    ));
    assert!(page.contains("&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp; &lt;!-- --&gt;"));
    assert!(page.contains("href=\"https://example.com/a/?x=1&amp;y=2\""));
    // The sniffing validator takes it for a page too.
    assert_eq!(
        crate::validate::validate(page.as_bytes(), &Default::default()),
        []
    );
}

/// The head: language, charset, generator mark, title, description and
/// one autodiscovery link per format of the main feed; no script and no
/// resource from elsewhere.
#[test]
fn the_head_says_what_the_page_is() {
    let page = text(&sample("Night & Day", "s"));
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n")
    );
    assert!(is_ours(page.as_bytes()));
    assert!(page.contains("<title>Night &amp; Day: feeds</title>"));
    assert!(page.contains("<meta name=\"description\" content=\"About Night &amp; Day\">"));
    for (media, file) in [
        ("application/rss+xml", "rss.xml"),
        ("application/atom+xml", "atom.xml"),
        ("application/feed+json", "feed.json"),
    ] {
        let tag = format!(
            "<link rel=\"alternate\" type=\"{media}\" title=\"Night &amp; Day\" href=\"https://example.com/feeds/{file}\">\n"
        );
        assert!(page.contains(&tag), "{tag}");
    }
    assert!(!page.contains("<script") && !page.contains("src=") && !page.contains("stylesheet"));
}

/// Each feed has a link and a labelled read-only field per format; the
/// groups come in order, the main feed's first.
#[test]
fn every_feed_has_a_link_and_an_address_field_per_format() {
    let page = text(&sample("Site", "s"));
    assert!(page.contains(
        "<input id=\"feed-1-atom\" type=\"url\" value=\"https://example.com/feeds/atom.xml\" readonly>"
    ));
    assert!(page.contains("<label for=\"feed-1-atom\">Atom address"));
    assert!(page.contains(
        "<a href=\"https://example.com/feeds/tags/%D8%AA%D8%B1%D8%A7%D8%AB/rss.xml\" type=\"application/rss+xml\">RSS"
    ));
    assert!(!page.contains("feed-2-atom"));
    let main = page.find("id=\"feeds-main\"").expect("main group");
    let tags = page.find("id=\"feeds-tags\"").expect("tag group");
    assert!(main < tags);
    assert!(!page.contains("feeds-sections"));
    assert!(page.contains("href=\"https://example.com/feeds/index.opml\""));
}

/// Entries show their dates in their own offset, machine-readable too,
/// the updated one only when it differs, and their authors.
#[test]
fn entries_show_dates_and_authors() {
    let page = text(&sample("Site", "s"));
    assert!(page.contains(
        "<time datetime=\"2024-03-01T09:00:00+04:00\">1 Mar 2024 09:00 +04:00</time>, updated <time datetime=\"2024-03-01T10:00:00+04:00\">1 Mar 2024 10:00 +04:00</time>, by A &amp; B, Ü</p>"
    ));
    assert!(
        page.contains("<time datetime=\"2024-02-01T09:00:00Z\">1 Feb 2024 09:00 +00:00</time></p>")
    );
    assert!(page.contains("Updated <time datetime=\"2024-03-01T10:00:00+04:00\">"));
}

/// The same page gives the same bytes.
#[test]
fn bytes_are_deterministic() {
    assert_eq!(write(&sample("Site", "s")), write(&sample("Site", "s")));
}

/// Only a page that starts with the generator tag is feedpub's.
#[test]
fn the_generator_tag_marks_the_page() {
    let ours = format!("<!DOCTYPE html><html><head>{GENERATOR_TAG}");
    // The tag in the head.
    assert!(is_ours(ours.as_bytes()));
    // A site's own page.
    assert!(!is_ours(b"<!DOCTYPE html><title>Home</title>"));
    // The tag too far down is not looked for.
    let late = format!("{}{GENERATOR_TAG}", " ".repeat(GENERATOR_WITHIN));
    assert!(!is_ours(late.as_bytes()));
}

#[test]
fn the_autodiscovery_tag_escapes_its_attributes() {
    assert_eq!(
        alternate_link(
            FeedFormat::Json,
            "a \"b\" <c>",
            "https://example.com/f?a=1&b=2"
        ),
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"a &quot;b&quot; &lt;c&gt;\" href=\"https://example.com/f?a=1&amp;b=2\">"
    );
}
