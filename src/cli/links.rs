//! `feedpub links`: the `<link rel="alternate">` tags a site's page
//! templates need for feed autodiscovery, one per format of a feed.

use crate::build::FeedInfo;
use crate::error::Error;

/// The feeds asked for: the one at `path` (a folder under the output
/// folder; empty or `/` for the main feed), or every feed with `all`.
pub fn select(feeds: Vec<FeedInfo>, path: Option<&str>, all: bool) -> Result<Vec<FeedInfo>, Error> {
    if all {
        return Ok(feeds);
    }
    let wanted = match path.map(|p| p.trim_matches('/')) {
        None | Some("") => String::new(),
        Some(p) => format!("{p}/"),
    };
    match feeds.iter().position(|f| f.path == wanted) {
        Some(at) => Ok(vec![feeds[at].clone()]),
        None => Err(Error::UnknownFeed {
            path: wanted,
            known: feeds
                .into_iter()
                .map(|f| {
                    if f.path.is_empty() {
                        "/".to_owned()
                    } else {
                        f.path
                    }
                })
                .collect(),
        }),
    }
}

/// The link tags of a feed, one line per format, in its formats' order
/// (the same tags `index.html` carries for the main feed).
pub fn tags(feed: &FeedInfo) -> Vec<String> {
    feed.formats
        .iter()
        .map(|&format| {
            let href = feed
                .folder
                .join(format.file_name())
                .map_or_else(|_| feed.folder.to_string(), String::from);
            crate::write::page::alternate_link(format, &feed.title, &href)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::feeds::FeedFormat;

    fn feed(path: &str, title: &str) -> FeedInfo {
        FeedInfo {
            path: path.to_owned(),
            title: title.to_owned(),
            formats: vec![FeedFormat::Rss, FeedFormat::Json],
            folder: url::Url::parse("https://example.com/feeds/")
                .and_then(|u| u.join(path))
                .expect("valid"),
        }
    }

    #[test]
    fn one_tag_per_format_with_the_title_escaped() {
        let lines = tags(&feed("tags/fish/", r#"Fish & "chips" <news>"#));
        assert_eq!(
            lines,
            [
                r#"<link rel="alternate" type="application/rss+xml" title="Fish &amp; &quot;chips&quot; &lt;news&gt;" href="https://example.com/feeds/tags/fish/rss.xml">"#,
                r#"<link rel="alternate" type="application/feed+json" title="Fish &amp; &quot;chips&quot; &lt;news&gt;" href="https://example.com/feeds/tags/fish/feed.json">"#,
            ]
        );
    }

    #[test]
    fn feeds_are_found_by_folder() {
        let set = || vec![feed("", "Main"), feed("tags/fish/", "Fish")];
        let title = |found: Result<Vec<FeedInfo>, Error>| {
            found.map(|f| f.into_iter().map(|f| f.title).collect::<Vec<_>>())
        };
        // No path is the main feed; so is `/`.
        assert_eq!(
            title(select(set(), None, false)).ok(),
            Some(vec!["Main".to_owned()])
        );
        assert_eq!(
            title(select(set(), Some("/"), false)).ok(),
            Some(vec!["Main".to_owned()])
        );
        // With or without slashes around it.
        assert_eq!(
            title(select(set(), Some("tags/fish"), false)).ok(),
            Some(vec!["Fish".to_owned()])
        );
        assert_eq!(
            title(select(set(), Some("/tags/fish/"), false)).ok(),
            Some(vec!["Fish".to_owned()])
        );
        // Every feed.
        assert_eq!(
            title(select(set(), None, true)).map(|t| t.len()).ok(),
            Some(2)
        );
        // An unknown one names the known.
        let error = select(set(), Some("tags/chips"), false).expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "no feed at `tags/chips/`; the feeds are `/`, `tags/fish/`"
        );
    }
}
