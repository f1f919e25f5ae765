//! Markdown events kept within the sanitiser's bounds on their way to the
//! HTML writer: nesting and element counts capped, the article cut into
//! runs of whole blocks, and long text runs set aside behind placeholders.

use std::cell::RefCell;
use std::rc::Rc;

use pulldown_cmark::{CowStr, Event, Parser};

use super::raw_tag::{RawTag, raw_tag, tag_len};
use super::{Sink, allowed};

/// `html` with each placeholder replaced by its long text; a look-alike
/// with no such text stays as it is.
pub(super) fn put_back(html: &str, long: &[String]) -> String {
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
pub(super) struct Bounded<'a> {
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
    pub(super) long: Vec<String>,
}

impl<'a> Bounded<'a> {
    pub(super) fn new(parser: Parser<'a>, sink: Rc<RefCell<Sink>>) -> Self {
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
