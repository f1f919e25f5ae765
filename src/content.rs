//! An entry's full content as HTML, with every link and image absolute.
//!
//! Many readers ignore `xml:base` and some drop relative links, so `href`,
//! `src` and `poster` values are resolved against the entry's own link.
//! Plain-text paragraphs are cleaned like titles and escaped; Markdown is
//! rendered with CommonMark plus tables, strikethrough and footnotes.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use url::Url;

use crate::article::Body;
use crate::normalize::text;

/// Renders a body to HTML; relative URLs resolve against `base`.
pub fn render(body: &Body, base: &Url) -> String {
    match body {
        Body::Paragraphs(paragraphs) => {
            let mut html = String::new();
            for paragraph in paragraphs {
                let cleaned = text::clean(paragraph);
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

fn markdown(source: &str, base: &Url) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: absolute(dest_url, base),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: absolute(dest_url, base),
            title,
            id,
        }),
        Event::Html(html) => Event::Html(raw_html(html, base)),
        Event::InlineHtml(html) => Event::InlineHtml(raw_html(html, base)),
        Event::Text(t) => Event::Text(allowed(t)),
        Event::Code(t) => Event::Code(allowed(t)),
        other => other,
    });
    let mut html = String::with_capacity(source.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Drops characters XML cannot carry.
fn allowed(text: CowStr<'_>) -> CowStr<'_> {
    match text::remove_forbidden(&text) {
        (Cow::Borrowed(_), _) => text,
        (Cow::Owned(s), _) => CowStr::from(s),
    }
}

fn absolute<'a>(url: CowStr<'a>, base: &Url) -> CowStr<'a> {
    match resolve(&url, base) {
        Some(resolved) => CowStr::from(resolved),
        None => url,
    }
}

/// The absolute form of a URL, or `None` when it is already absolute (or
/// cannot be resolved, in which case it is left as written).
pub fn resolve(url: &str, base: &Url) -> Option<String> {
    let trimmed = url.trim();
    if trimmed.is_empty() || Url::parse(trimmed).is_ok() {
        return None;
    }
    base.join(trimmed).ok().map(String::from)
}

/// Attributes whose value is a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite", "action"];

/// Resolves URL attributes inside raw HTML.
fn raw_html<'a>(html: CowStr<'a>, base: &Url) -> CowStr<'a> {
    let (kept, _) = text::remove_forbidden(&html);
    let source = kept.as_ref();
    let lower = source.to_ascii_lowercase();
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = lower[search..].find('=') {
        let eq = search + found;
        search = eq + 1;
        let name_end = lower[..eq].trim_end().len();
        let name_start = lower[..name_end]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        if !URL_ATTRIBUTES.contains(&&lower[name_start..name_end]) {
            continue;
        }
        let after = &source[eq + 1..];
        let value_at = eq + 1 + (after.len() - after.trim_start().len());
        let quote = source[value_at..].chars().next();
        let (start, end) = match quote {
            Some(q @ ('"' | '\'')) => {
                let Some(len) = source[value_at + 1..].find(q) else {
                    break;
                };
                (value_at + 1, value_at + 1 + len)
            }
            Some(_) => {
                let len = source[value_at..]
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(source.len() - value_at);
                (value_at, value_at + len)
            }
            None => break,
        };
        let value = htmlize::unescape_attribute(&source[start..end]);
        if let Some(resolved) = resolve(&value, base) {
            out.push_str(&source[copied..start]);
            out.push_str(&quick_xml::escape::escape(resolved.as_str()));
            copied = end;
        }
        search = end;
    }
    if copied == 0 {
        return match kept {
            Cow::Borrowed(_) => html,
            Cow::Owned(s) => CowStr::from(s),
        };
    }
    out.push_str(&source[copied..]);
    CowStr::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.com/news/story/").expect("valid")
    }

    #[test]
    fn paragraphs_are_escaped() {
        let body = Body::Paragraphs(vec![
            "Fish & chips <b>now</b>".into(),
            "5 < 6 ]]> end".into(),
        ]);
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
            html.contains("href='https://example.com/news/story/b.html'"),
            "{html}"
        );
        assert!(
            html.contains("href=https://example.com/news/story/c.html>"),
            "{html}"
        );
        assert!(html.contains("alt=\"x\""), "{html}");
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let body = Body::Markdown("a\u{1}b\n".into());
        assert_eq!(render(&body, &base()), "<p>ab</p>\n");
    }
}
