//! An entry's full content as HTML, with every link and image absolute.
//!
//! Many readers ignore `xml:base` and some drop relative links, so every
//! URL is resolved against the entry's own link. Plain-text paragraphs are
//! cleaned like titles and escaped; Markdown is rendered with CommonMark
//! plus tables, strikethrough and footnotes, then sanitised.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use pulldown_cmark::{CowStr, Event, Options, Parser};
use url::Url;

use crate::article::Body;
use crate::text::clean;

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

/// `html` with each placeholder replaced by its long text; a look-alike
/// with no such text stays as it is.
fn put_back(html: &str, long: &[String]) -> String {
    if long.is_empty() {
        return html.to_owned();
    }
    let mut done = String::with_capacity(html.len() + long.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(at) = rest.find(PLACEHOLDER_OPEN) {
        done.push_str(&rest[..at]);
        let after = &rest[at + PLACEHOLDER_OPEN.len_utf8()..];
        let text = after.find(PLACEHOLDER_CLOSE).and_then(|end| {
            let number: usize = after[..end].parse().ok()?;
            Some((long.get(number)?, end))
        });
        match text {
            Some((text, end)) => {
                done.push_str(text);
                rest = &after[end + PLACEHOLDER_CLOSE.len_utf8()..];
            }
            None => {
                done.push(PLACEHOLDER_OPEN);
                rest = after;
            }
        }
    }
    done.push_str(rest);
    done
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

/// What [`Bounded`] hands the writer next.
enum Item<'a> {
    Event(Event<'a>),
    /// Everything before is written: sanitise it.
    Flush,
}

/// Most elements nested in one another that reach the sanitiser; deeper
/// Markdown blocks are flattened (their text kept) and deeper raw HTML
/// tags are shown as text. html5ever's tree builder checks element
/// scopes by walking the open elements, so unbounded nesting would make
/// sanitising quadratic; no article nests 64 deep.
pub const MAX_NESTING: usize = 64;

/// Most elements one sanitiser call is given, and its most bytes: an
/// article is sanitised a run of whole top-level blocks at a time, so the
/// DOM html5ever builds (a few hundred bytes per element) stays small
/// whatever the article's size. Past this many elements inside one block,
/// Markdown markup is dropped (its text kept) and raw HTML tags are shown
/// as text.
pub const MAX_ELEMENTS: usize = 20_000;
const MAX_CHUNK_BYTES: usize = 32 * 1024;

/// Text runs at least this long do not pass through the sanitiser: a
/// placeholder does, and the text, escaped here, replaces it afterwards.
/// html5ever's serialiser scans from each escaped character (`&`, no-break
/// space) to the next `<` or `>`, which is quadratic in a long text node.
const LONG_TEXT: usize = 1024;
const PLACEHOLDER_OPEN: char = '\u{E000}';
const PLACEHOLDER_CLOSE: char = '\u{E001}';

/// Markdown events kept within the bounds above, on their way to the
/// HTML writer.
struct Bounded<'a> {
    parser: Parser<'a>,
    sink: Rc<RefCell<Sink>>,
    /// Events (and flush points) for the writer, in order.
    queue: std::collections::VecDeque<Item<'a>>,
    /// The parser is done.
    done: bool,
    chunk_bytes: usize,
    chunk_elements: usize,
    /// Elements in the current top-level block.
    block_elements: usize,
    /// For each open Markdown element, whether it was written, and how
    /// many of them were.
    open: Vec<bool>,
    written: usize,
    /// Open raw HTML elements that count towards the nesting.
    raw_open: Vec<String>,
    /// The text run being gathered, and whether it is inside an image (its
    /// alt attribute).
    text: String,
    in_image: usize,
    /// Long text runs, escaped, by placeholder number.
    long: Vec<String>,
}

impl<'a> Bounded<'a> {
    fn new(parser: Parser<'a>, sink: Rc<RefCell<Sink>>) -> Self {
        Self {
            parser,
            sink,
            queue: std::collections::VecDeque::new(),
            done: false,
            chunk_bytes: 0,
            chunk_elements: 0,
            block_elements: 0,
            open: Vec::new(),
            written: 0,
            raw_open: Vec::new(),
            text: String::new(),
            in_image: 0,
            long: Vec::new(),
        }
    }

    fn depth(&self) -> usize {
        self.written + self.raw_open.len()
    }

    fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Text(t) => {
                self.text.push_str(&allowed(t));
                return;
            }
            // The writer writes a soft break as a line feed: part of the
            // text around it, in one DOM text node.
            Event::SoftBreak => {
                self.text.push('\n');
                return;
            }
            _ => {}
        }
        if is_inline_element(&event) {
            if self.block_elements >= MAX_ELEMENTS {
                // Past the cap an inline element is its text.
                match &event {
                    Event::Code(t) => self.text.push_str(&allowed(t.clone())),
                    Event::HardBreak => self.text.push('\n'),
                    Event::FootnoteReference(label) => {
                        self.text.push_str("[^");
                        self.text.push_str(label);
                        self.text.push(']');
                    }
                    Event::TaskListMarker(done) => {
                        self.text.push_str(if *done { "[x] " } else { "[ ] " });
                    }
                    _ => {}
                }
                return;
            }
            self.block_elements += 1;
        }
        self.end_text();
        match event {
            Event::Start(tag) => {
                let is_block_root = self.open.is_empty();
                if is_block_root {
                    self.block_elements = 0;
                }
                let image = matches!(tag, pulldown_cmark::Tag::Image { .. });
                // An HTML block writes nothing itself; it is passed on but
                // not counted.
                let html_block = matches!(tag, pulldown_cmark::Tag::HtmlBlock);
                let counts =
                    !html_block && self.depth() < MAX_NESTING && self.block_elements < MAX_ELEMENTS;
                self.open.push(counts);
                self.written += usize::from(counts);
                if image && counts {
                    self.in_image += 1;
                }
                if html_block || counts {
                    self.block_elements += 1;
                    self.push(Event::Start(tag));
                }
            }
            Event::End(end) => {
                let written = self.open.pop().unwrap_or(false);
                self.written -= usize::from(written);
                if written && matches!(end, pulldown_cmark::TagEnd::Image) {
                    self.in_image = self.in_image.saturating_sub(1);
                }
                if written || matches!(end, pulldown_cmark::TagEnd::HtmlBlock) {
                    self.push(Event::End(end));
                }
                if self.open.is_empty() {
                    self.raw_open.clear();
                    self.block_done();
                }
            }
            Event::Html(html) => {
                // A raw HTML block is sanitised a run of its own top-level
                // elements at a time.
                let html = allowed(html);
                self.raw(&html, true);
            }
            Event::InlineHtml(html) => {
                let html = allowed(html);
                self.raw(&html, false);
            }
            Event::Code(t) => {
                let t = allowed(t);
                if t.len() >= LONG_TEXT {
                    let placeholder = self.placeholder(&t, false);
                    self.push(Event::Code(CowStr::from(placeholder)));
                } else {
                    self.push(Event::Code(t));
                }
            }
            other => {
                let top = self.open.is_empty();
                self.push(other);
                if top {
                    self.block_done();
                }
            }
        }
    }

    /// Writes raw HTML, counting its elements; at a top-level point of a
    /// raw HTML block, the run so far may be sanitised.
    fn raw(&mut self, html: &str, block: bool) {
        let mut kept = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            self.raw_text(&mut kept, &rest[..lt]);
            let tag = &rest[lt..];
            let len = tag_len(tag);
            let (piece, after) = tag.split_at(len);
            rest = after;
            if block
                && self.raw_open.is_empty()
                && self.open.len() <= 1
                && (self.chunk_bytes + kept.len() >= MAX_CHUNK_BYTES
                    || self.block_elements >= MAX_ELEMENTS)
            {
                // Before a top-level element of a raw HTML block: what
                // came before is sanitised on its own.
                self.push(Event::Html(CowStr::from(std::mem::take(&mut kept))));
                self.flush();
                self.block_elements = 0;
            }
            match raw_tag(piece) {
                RawTag::Start(name) => {
                    if self.depth() >= MAX_NESTING || self.block_elements >= MAX_ELEMENTS {
                        kept.push_str("&lt;");
                        kept.push_str(&piece[1..]);
                        continue;
                    }
                    self.block_elements += 1;
                    self.chunk_elements += 1;
                    if let Some(name) = name {
                        self.raw_open.push(name);
                    }
                }
                RawTag::End(name) => {
                    if let Some(at) = self.raw_open.iter().rposition(|open| *open == name) {
                        self.raw_open.truncate(at);
                    }
                }
                RawTag::Other => {}
            }
            kept.push_str(piece);
        }
        self.raw_text(&mut kept, rest);
        if !kept.is_empty() {
            let kept = CowStr::from(kept);
            self.push(if block {
                Event::Html(kept)
            } else {
                Event::InlineHtml(kept)
            });
        }
    }

    /// Keeps raw HTML text, a long run as a placeholder (its references
    /// decoded as html5ever would, then escaped).
    fn raw_text(&mut self, kept: &mut String, text: &str) {
        if text.len() < LONG_TEXT {
            kept.push_str(text);
        } else {
            let decoded = htmlize::unescape(text);
            let placeholder = self.placeholder(&decoded, false);
            kept.push_str(&placeholder);
        }
    }

    /// Ends the text run gathered so far.
    fn end_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let event = if text.len() >= LONG_TEXT {
            let placeholder = self.placeholder(&text, self.in_image > 0);
            Event::Text(CowStr::from(placeholder))
        } else {
            Event::Text(CowStr::from(text))
        };
        self.push(event);
    }

    /// Keeps `text` escaped as html5ever would write it (in an attribute
    /// value, `"` too) and returns the placeholder that stands for it.
    /// This is HTML serialisation (`&nbsp;`, no `&apos;`), which must match
    /// the serialiser it stands in for byte for byte; XML escaping is
    /// [`crate::text::xml::escape_into`].
    fn placeholder(&mut self, text: &str, attribute: bool) -> String {
        let mut escaped = String::with_capacity(text.len() + text.len() / 8);
        // Decoded references may name what XML cannot carry.
        let (text, _) = crate::text::xml::remove_forbidden(text);
        for c in text.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '\u{A0}' => escaped.push_str("&nbsp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '"' if attribute => escaped.push_str("&quot;"),
                // html5ever reads every line break as a line feed.
                '\r' => {}
                c => escaped.push(c),
            }
        }
        let number = self.long.len();
        self.long.push(escaped);
        format!("{PLACEHOLDER_OPEN}{number}{PLACEHOLDER_CLOSE}")
    }

    fn push(&mut self, event: Event<'a>) {
        self.chunk_bytes += 16
            + match &event {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
                _ => 0,
            };
        if matches!(event, Event::Start(_)) || is_inline_element(&event) {
            self.chunk_elements += 1;
        }
        self.queue.push_back(Item::Event(event));
    }

    /// A top-level block is complete: sanitise the run if it is big.
    fn block_done(&mut self) {
        if self.chunk_bytes >= MAX_CHUNK_BYTES || self.chunk_elements >= MAX_ELEMENTS {
            self.flush();
        }
    }

    fn flush(&mut self) {
        self.queue.push_back(Item::Flush);
        self.chunk_bytes = 0;
        self.chunk_elements = 0;
    }
}

impl<'a> Iterator for Bounded<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            match self.queue.pop_front() {
                Some(Item::Event(event)) => return Some(event),
                Some(Item::Flush) => self.sink.borrow_mut().flush(),
                None if self.done => return None,
                None => match self.parser.next() {
                    Some(event) => self.event(event),
                    None => {
                        self.end_text();
                        self.done = true;
                    }
                },
            }
        }
    }
}

/// Whether an event other than a start tag makes an element: each counts
/// towards [`MAX_ELEMENTS`] (a paragraph of 150,000 code spans is as many
/// elements for the sanitiser as 150,000 emphases).
fn is_inline_element(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Code(_)
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
    )
}

/// A raw HTML tag, as far as nesting goes.
enum RawTag {
    /// A start tag; the element's name when it nests (not void, not
    /// self-closing, not one whose end tag may be left out).
    Start(Option<String>),
    End(String),
    /// A comment, declaration, or a `<` that starts no tag.
    Other,
}

/// The length of the tag at the start of `s` (which starts with `<`):
/// through its `>`, skipping quoted values; a comment through `-->`; one
/// byte for a `<` that starts no tag; all of `s` when nothing closes it.
fn tag_len(s: &str) -> usize {
    if let Some(comment) = s.strip_prefix("<!--") {
        return comment.find("-->").map_or(s.len(), |end| 4 + end + 3);
    }
    let bytes = s.as_bytes();
    let starts_tag = bytes
        .get(1)
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!' || b == b'?');
    if !starts_tag {
        return 1;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn raw_tag(tag: &str) -> RawTag {
    let (closing, body) = match tag.strip_prefix("</") {
        Some(body) => (true, body),
        None => match tag.strip_prefix('<') {
            Some(body) if body.starts_with(|c: char| c.is_ascii_alphabetic()) => (false, body),
            _ => return RawTag::Other,
        },
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    if closing {
        return RawTag::End(name);
    }
    let self_closing = tag.trim_end_matches('>').ends_with('/');
    let nests = !self_closing && !VOID_OR_OPTIONAL_END.contains(&name.as_str());
    RawTag::Start(nests.then_some(name))
}

/// Elements that never hold others (void), or whose end tag may be left
/// out because the next sibling closes them: neither deepens the tree as
/// it is written.
const VOID_OR_OPTIONAL_END: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption",
];

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
