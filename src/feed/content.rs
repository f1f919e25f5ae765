//! An entry's full content as HTML, with every link and image absolute.
//!
//! Many readers ignore `xml:base` and some drop relative links, so every
//! URL is resolved against the entry's own link. Plain-text paragraphs are
//! cleaned like titles and escaped; Markdown is rendered with CommonMark
//! plus tables, strikethrough and footnotes, then sanitised.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use pulldown_cmark::{CowStr, Options, Parser};
use url::Url;

use crate::article::Body;
use crate::text::clean;

mod bounded;
mod raw_tag;

use bounded::{Bounded, put_back};
pub use bounded::{MAX_ELEMENTS, MAX_NESTING};

/// Renders a body to HTML; relative URLs resolve against `base` (an
/// absolute URL; were it not, relative URLs would be dropped).
pub fn render(body: &Body, base: &str) -> String {
    match body {
        Body::Paragraphs(paragraphs) => {
            let mut html = String::new();
            for paragraph in paragraphs.iter() {
                let cleaned = clean::clean(&paragraph, clean::Markup::Text);
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
    let sink = Rc::new(RefCell::new(Sink {
        html: String::new(),
        out: String::with_capacity(source.len() * 5 / 4),
        base: base.to_owned(),
    }));
    let mut bounded = Bounded::new(Parser::new_ext(source, options), Rc::clone(&sink));
    // One writer for the whole article (it numbers the footnotes), whose
    // output is sanitised a run of blocks at a time.
    let written =
        pulldown_cmark::html::write_html_fmt(SinkWriter(Rc::clone(&sink)), bounded.by_ref());
    debug_assert!(written.is_ok(), "writing to a string does not fail");
    let mut sink = sink.borrow_mut();
    sink.flush();
    put_back(&sink.out, &bounded.long)
}

/// Where the HTML writer writes: the HTML not yet sanitised, and the
/// sanitised HTML.
struct Sink {
    html: String,
    out: String,
    base: String,
}

impl Sink {
    fn flush(&mut self) {
        if !self.html.is_empty() {
            let clean = sanitize(&self.html, &self.base);
            self.out.push_str(&clean);
            self.html.clear();
        }
    }
}

struct SinkWriter(Rc<RefCell<Sink>>);

impl std::fmt::Write for SinkWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().html.push_str(s);
        Ok(())
    }
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
    match crate::text::xml::remove_forbidden(&clean) {
        (Cow::Borrowed(_), _) => clean,
        (Cow::Owned(kept), _) => kept,
    }
}

/// Drops characters XML cannot carry.
fn allowed(text: CowStr<'_>) -> CowStr<'_> {
    match crate::text::xml::remove_forbidden(&text) {
        (Cow::Borrowed(_), _) => text,
        (Cow::Owned(s), _) => CowStr::from(s),
    }
}

#[cfg(test)]
mod tests;
