//! One pass of html5ever's tokenizer (the one ammonia builds on: no tree,
//! no DOM, one token at a time) over escaped HTML, gathering what every
//! HTML check of the validator needs.
//!
//! The tokenizer stays in its data state throughout: with no tree builder
//! to switch it into raw text after `<script>` or `<style>`, a `<` in a
//! script's code reads as markup, which can only add findings to content
//! that already holds a script.

use std::cell::RefCell;

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::attribute_budget::{self, MAX_ATTRIBUTES};
use super::values::has_scheme;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// Elements readers refuse to run.
const RISKY: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "base",
];

/// The most bytes handed to the tokenizer at once.
const PIECE: usize = 16 * 1024;

/// What the HTML checks need to know of some HTML, each the first of its
/// kind in document order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Why the HTML is not well-formed.
    pub not_html: Option<String>,
    /// A relative `href`, `src` or `poster`: its name and value.
    pub relative: Option<(String, String)>,
    /// What readers refuse to run: an element if there is one, else an
    /// event handler or a `javascript:` URL.
    pub risk: Option<String>,
}

/// Scans HTML. When a tag or comment is cut off by the end of the text,
/// only `not_html` is given: nothing about the tags can be trusted.
pub fn scan(html: &str) -> Scan {
    if memchr::memchr(b'<', html.as_bytes()).is_none() {
        return Scan::default();
    }
    if attribute_budget::too_many_attributes(html, MAX_ATTRIBUTES) {
        return Scan {
            not_html: Some(format!(
                "a tag has more than {MAX_ATTRIBUTES} attributes; the HTML is not read further"
            )),
            ..Scan::default()
        };
    }
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    // In pieces, so that a large content is never copied whole; the
    // sink never asks the tokenizer to pause, so each call reads its
    // piece.
    let mut rest = html;
    while !rest.is_empty() {
        let mut end = rest.len().min(PIECE);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (piece, after) = rest.split_at(end);
        input.push_back(StrTendril::from_slice(piece));
        let _ = tokenizer.feed(&input);
        rest = after;
    }
    tokenizer.sink.state.borrow_mut().ending = true;
    tokenizer.end();
    tokenizer.sink.state.into_inner().finish()
}

/// The tokens' consumer.
#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.state.borrow_mut().token(token);
        TokenSinkResult::Continue
    }
}

/// What the sink has seen so far.
#[derive(Default)]
struct State {
    /// Elements open, innermost last.
    open: Vec<LocalName>,
    scan: Scan,
    risky_element: Option<String>,
    risky_attribute: Option<String>,
    /// The tokenizer is flushing what the end of the text cut off.
    ending: bool,
    /// While ending: an error not yet explained by the token after it.
    eof_error: bool,
    /// What the end of the text cut off.
    cut: Option<&'static str>,
}

impl State {
    fn token(&mut self, token: Token) {
        match token {
            Token::TagToken(tag) => self.tag(&tag),
            // Past the end of the text, an error followed by a comment (or
            // a declaration) is one cut off; followed by characters, a
            // lone `<` or `</`, which is text; followed by nothing, a tag
            // cut off before its `>`.
            Token::ParseError(_) if self.ending => self.eof_error = true,
            Token::CommentToken(_) | Token::DoctypeToken(_) if self.eof_error => {
                self.cut = Some("a comment or declaration `<!` is never closed");
                self.eof_error = false;
            }
            Token::CharacterTokens(_) => self.eof_error = false,
            Token::EOFToken if self.eof_error => {
                self.cut = Some("the last tag is never closed with `>`");
            }
            _ => {}
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if start {
            if self.risky_element.is_none() && RISKY.contains(&name) {
                self.risky_element = Some(format!("the content holds a `<{name}>` element"));
            }
            for attribute in &tag.attrs {
                self.attribute(&attribute.name.local, &attribute.value);
            }
        }
        if self.scan.not_html.is_none() {
            self.structure(tag);
        }
    }

    fn attribute(&mut self, name: &str, value: &str) {
        if self.scan.relative.is_none() && matches!(name, "href" | "src" | "poster") {
            let v = value.trim();
            if !v.is_empty() && !v.starts_with('#') && !v.starts_with("//") && !has_scheme(v) {
                self.scan.relative = Some((name.to_owned(), value.to_owned()));
            }
        }
        if self.risky_attribute.is_some() {
            return;
        }
        // An empty handler runs nothing.
        if name.len() > 2 && name.starts_with("on") && !value.trim().is_empty() {
            self.risky_attribute = Some(format!("the content holds an event handler `{name}`"));
        } else if value
            .trim_start()
            .get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("javascript:"))
        {
            self.risky_attribute = Some(format!("the content's `{name}` is a `javascript:` URL"));
        }
    }

    /// Follows which elements are open; notes the first misnesting.
    fn structure(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if VOID.contains(&name) || tag.self_closing {
            return;
        }
        if tag.kind == TagKind::StartTag {
            self.open.push(tag.name.clone());
            return;
        }
        match self.open.iter().rposition(|n| *n == tag.name) {
            Some(at) => {
                if let Some(skipped) = self.open[at + 1..]
                    .iter()
                    .find(|n| !OPTIONAL_END.contains(&&***n))
                {
                    self.scan.not_html = Some(format!(
                        "`</{name}>` closes `<{name}>` before `<{skipped}>` is closed"
                    ));
                }
                self.open.truncate(at);
            }
            None => {
                self.scan.not_html =
                    Some(format!("`</{name}>` closes an element that is not open"));
            }
        }
    }

    fn finish(mut self) -> Scan {
        if let Some(cut) = self.cut {
            return Scan {
                not_html: Some(self.scan.not_html.unwrap_or_else(|| cut.to_owned())),
                ..Scan::default()
            };
        }
        if self.scan.not_html.is_none() {
            self.scan.not_html = self
                .open
                .iter()
                .find(|n| !OPTIONAL_END.contains(&&***n))
                .map(|n| format!("`<{n}>` is never closed"));
        }
        self.scan.risk = self.risky_element.or(self.risky_attribute);
        self.scan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formedness() {
        let cases: &[(&str, bool)] = &[
            // Plain paragraphs.
            ("<p>a</p><p>b</p>", true),
            // Optional end tags left out.
            ("<ul><li>a<li>b</ul><p>c", true),
            // Void and self-closed elements.
            ("<p>a<br>b<img src=\"x\" /></p>", true),
            // Text with a lone `<`.
            ("<p>a < b</p>", true),
            // A `>` inside a quoted attribute.
            ("<a title=\"x > y\" href=\"h\">t</a>", true),
            // Names in any case.
            ("<P>a</p><B>b</B>", true),
            // A comment, and one closed at once.
            ("<p>a<!-- <b> --></p><!-->", true),
            // A DOCTYPE is no element.
            ("<!DOCTYPE html><p>x</p>", true),
            // A `<` or `</` at the very end is text.
            ("x <", true),
            // The same, as an end tag's start.
            ("x </", true),
            // Misnested inline elements.
            ("<b><i>x</b></i>", false),
            // An unclosed bold.
            ("<b>x", false),
            // A stray end tag.
            ("x</div>", false),
            // A tag never closed with `>`.
            ("<a href=\"x\"", false),
            // A tag cut off in its name.
            ("<p>x</p><spa", false),
            // A quoted value never closed.
            ("<a title=\"x>y</a>", false),
            // A comment never closed.
            ("<!-- x", false),
            // The old scanner skipped `<!` at the end; the tokenizer reads
            // it as a declaration cut off.
            ("x <!", false),
            // The old scanner ended a tag at a `>` in `a"b>`, thinking the
            // quote opened a value; a quote inside a name opens nothing,
            // and the tag is whole.
            ("<p a\"b>x</p>", true),
        ];
        for (html, ok) in cases {
            assert_eq!(
                scan(html).not_html.is_none(),
                *ok,
                "{html}: {:?}",
                scan(html)
            );
        }
    }

    #[test]
    fn risks() {
        let cases: &[(&str, bool)] = &[
            // A script element.
            ("<p>x</p><script>alert(1)</script>", true),
            // An event handler, unquoted elsewhere.
            ("<img src=x onerror=\"alert(1)\">", true),
            // A `javascript:` URL in any case.
            ("<a href=\"JavaScript:alert(1)\">x</a>", true),
            // The same with an entity the tokenizer decodes.
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", true),
            // An element in upper case.
            ("<IFRAME src=\"https://x/\"></IFRAME>", true),
            // A handler with no value runs nothing.
            ("<p onclick>plain</p><a href=\"https://x/\">x</a>", false),
            // The old scanner flagged `onclick=""` too; an empty handler
            // runs nothing either.
            ("<p onclick=\"\">plain</p>", false),
            // An end tag's attributes are never read.
            ("<p>x</p onclick=\"alert(1)\">", false),
            // A tag cut off at the end: nothing about the tags counts.
            ("<script>x</script><a href=\"x\"", false),
        ];
        for (html, risky) in cases {
            assert_eq!(scan(html).risk.is_some(), *risky, "{html}");
        }
    }

    #[test]
    fn references() {
        let cases: &[(&str, Option<&str>)] = &[
            // A path.
            ("<a href=\"/x\">x</a>", Some("/x")),
            // A file name, single-quoted.
            ("<img src='img.png'>", Some("img.png")),
            // A video's poster, unquoted.
            ("<video poster=still.jpg></video>", Some("still.jpg")),
            // A fragment and a URL with a scheme.
            ("<a href=\"#top\">x</a><a href=\"mailto:a@b.c\">m</a>", None),
            // Scheme-relative.
            ("<img src=\"//cdn.example.com/x.png\">", None),
            // Entities in a value are decoded first.
            ("<a href=\"/a?b=1&amp;c=2\">x</a>", Some("/a?b=1&c=2")),
            // Other attributes are not links.
            ("<a title=\"/x\" href=\"https://x/\">x</a>", None),
        ];
        for (html, want) in cases {
            let got = scan(html).relative.map(|(_, v)| v);
            assert_eq!(got.as_deref(), *want, "{html}");
        }
    }

    /// Tags, values and characters cut by the pieces the tokenizer is
    /// given read as if given whole.
    #[test]
    fn pieces_join_seamlessly() {
        let tail = "<a href=\"/x\" onclick=\"go()\">\u{e9}</a><b>";
        let whole = scan(tail);
        assert!(whole.not_html.is_some() && whole.relative.is_some() && whole.risk.is_some());
        for filler in ["x", "\u{e9}", "\u{1F600}"] {
            for shift in 0..40 {
                let lead = filler.repeat((PIECE - shift) / filler.len());
                assert_eq!(scan(&format!("{lead}{tail}")), whole, "{filler} {shift}");
            }
        }
    }
}
