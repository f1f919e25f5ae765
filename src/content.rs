//! An entry's full content as HTML, with every link and image absolute.
//!
//! Many readers ignore `xml:base` and some drop relative links, so every
//! URL is resolved against the entry's own link. Plain-text paragraphs are
//! cleaned like titles and escaped; Markdown is rendered with CommonMark
//! plus tables, strikethrough and footnotes, then sanitised.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Options, Parser};
use url::Url;

use crate::article::Body;
use crate::normalize::text;

/// Renders a body to HTML; relative URLs resolve against `base` (an
/// absolute URL; were it not, relative URLs would be dropped).
pub fn render(body: &Body, base: &str) -> String {
    match body {
        Body::Paragraphs(paragraphs) => {
            let mut html = String::new();
            for paragraph in paragraphs.iter() {
                let cleaned = text::clean(&paragraph);
                if cleaned.text.is_empty() {
                    continue;
                }
                html.push_str("<p>");
                html.push_str(&quick_xml::escape::partial_escape(cleaned.text.as_str()));
                html.push_str("</p>\n");
            }
            html
        }
        Body::Markdown(source) => markdown(source, base),
    }
}

fn markdown(source: &str, base: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Text(t) => Event::Text(allowed(t)),
        Event::Code(t) => Event::Code(allowed(t)),
        Event::Html(t) => Event::Html(allowed(t)),
        Event::InlineHtml(t) => Event::InlineHtml(allowed(t)),
        other => other,
    });
    let mut html = String::with_capacity(source.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html, base)
}

/// Makes HTML safe and well-formed for every reader: html5ever parses it
/// as a browser would, ammonia keeps only harmless elements and attributes
/// (no scripts, frames, plug-ins, styles or event handlers), resolves every
/// relative URL against the entry's link, and writes balanced markup.
fn sanitize(html: &str, base: &str) -> String {
    let relative = match Url::parse(base) {
        Ok(base) => ammonia::UrlRelative::RewriteWithBase(base),
        Err(_) => ammonia::UrlRelative::Deny,
    };
    let clean = ammonia::Builder::default()
        .url_relative(relative)
        .link_rel(None)
        .clean(html)
        .to_string();
    // html5ever decodes references such as `&#1;` and ammonia writes the
    // character back raw: drop what XML cannot carry once more.
    match text::remove_forbidden(&clean) {
        (Cow::Borrowed(_), _) => clean,
        (Cow::Owned(kept), _) => kept,
    }
}

/// Drops characters XML cannot carry.
fn allowed(text: CowStr<'_>) -> CowStr<'_> {
    match text::remove_forbidden(&text) {
        (Cow::Borrowed(_), _) => text,
        (Cow::Owned(s), _) => CowStr::from(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Paragraphs;

    fn base() -> String {
        "https://example.com/news/story/".to_owned()
    }

    #[test]
    fn paragraphs_are_escaped() {
        let body = Body::Paragraphs(Paragraphs::from_texts([
            "Fish & chips <b>now</b>",
            "5 < 6 ]]> end",
        ]));
        assert_eq!(
            render(&body, &base()),
            "<p>Fish &amp; chips now</p>\n<p>5 &lt; 6 ]]&gt; end</p>\n"
        );
    }

    #[test]
    fn markdown_links_become_absolute() {
        let body = Body::Markdown(
            "See [the map](../maps/iraq.html) and ![photo](img/a.jpg \"A\").\n\n[abs](https://other.org/x) [frag](#notes)\n".into(),
        );
        let html = render(&body, &base());
        assert!(
            html.contains("href=\"https://example.com/news/maps/iraq.html\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://example.com/news/story/img/a.jpg\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://other.org/x\""), "{html}");
        assert!(
            html.contains("href=\"https://example.com/news/story/#notes\""),
            "{html}"
        );
    }

    #[test]
    fn raw_html_urls_become_absolute() {
        let body = Body::Markdown(
            "<figure><img src=\"/pics/a.jpg\" alt=\"x\"><figcaption><a href='b.html'>b</a></figcaption></figure>\n\nText <a href=c.html>c</a>.\n".into(),
        );
        let html = render(&body, &base());
        assert!(
            html.contains("src=\"https://example.com/pics/a.jpg\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://example.com/news/story/b.html\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://example.com/news/story/c.html\""),
            "{html}"
        );
        assert!(html.contains("alt=\"x\""), "{html}");
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let body = Body::Markdown("a\u{1}b\n".into());
        assert_eq!(render(&body, &base()), "<p>ab</p>\n");
        // A reference in raw HTML, which html5ever decodes (found by proptest).
        let body = Body::Markdown("</title>&#1;\n".into());
        assert!(crate::normalize::text::all_xml_chars(&render(
            &body,
            &base()
        )));
    }

    #[test]
    fn unsafe_and_broken_html_is_made_safe_and_balanced() {
        let body = Body::Markdown(
            "<script>alert(1)</script>\n\nText <b>never closed <img src=x onerror=\"alert(1)\"> <a href=\"javascript:alert(1)\">j</a>\n\n<iframe src=\"https://example.com/\"></iframe>\n".into(),
        );
        let html = render(&body, &base());
        for bad in ["<script", "alert(1)</", "onerror", "javascript:", "<iframe"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<b>never closed"), "{html}");
        assert!(html.contains("</b>"), "the bold is closed: {html}");
        assert!(crate::validate::html_is_clean(&html), "{html}");
    }
}
