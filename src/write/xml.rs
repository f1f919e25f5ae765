//! The one XML writer both feeds are written with: elements appended to a
//! string as they come, indented two spaces a level, text and attribute
//! values escaped.
//!
//! The layout is quick-xml's indenting writer's (the one the `rss` and
//! `atom_syndication` crates drive): each start, end or empty tag goes on a
//! line of its own, except an end tag right after text or CDATA. The
//! feeds' tests hold it to those crates' output byte for byte. Writing
//! straight to the output, not through those crates' models, saves a copy
//! of every value and most of the time: a 100,000-entry feed is tens of
//! megabytes.

use crate::text::xml::escape_into;

/// An XML document being written.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    depth: usize,
    /// Whether the next tag starts a new line (false at the start of the
    /// document and after text).
    new_line: bool,
}

impl XmlWriter {
    /// A writer with room for about `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            ..Self::default()
        }
    }

    /// The XML declaration (`<?xml ...?>`, as given); the root element
    /// starts on the next line.
    pub fn declaration(&mut self, declaration: &str) {
        self.line();
        self.out.push_str(declaration);
        self.new_line = true;
    }

    /// `<name attributes>`; what follows is one level deeper.
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.tag_start(name, attributes);
        self.out.push('>');
        self.depth += 1;
        self.new_line = true;
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self.new_line = true;
    }

    /// `<name attributes/>`.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.tag_start(name, attributes);
        self.out.push_str("/>");
        self.new_line = true;
    }

    /// Escaped text.
    pub fn text(&mut self, value: &str) {
        escape_into(&mut self.out, value);
        self.new_line = false;
    }

    /// Text written by `write` straight into the output: it must need no
    /// escaping (dates, numbers).
    pub fn text_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.out);
        self.new_line = false;
    }

    /// Unescaped text in CDATA sections: a `]]>` in it is split across
    /// two sections, as quick-xml does.
    pub fn cdata(&mut self, value: &str) {
        let mut rest = value;
        loop {
            let cut =
                memchr::memchr_iter(b'>', rest.as_bytes()).find(|&gt| rest[..gt].ends_with("]]"));
            let (section, after) = match cut {
                Some(gt) => rest.split_at(gt),
                None => (rest, ""),
            };
            self.out.push_str("<![CDATA[");
            self.out.push_str(section);
            self.out.push_str("]]>");
            if cut.is_none() {
                break;
            }
            rest = after;
        }
        self.new_line = false;
    }

    /// `<name>text</name>`, the text escaped.
    pub fn text_element(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        self.text(value);
        self.end(name);
    }

    /// `<name>text</name>`, the text written by `write` (see
    /// [`Self::text_with`]).
    pub fn text_element_with(&mut self, name: &str, write: impl FnOnce(&mut String)) {
        self.start(name, &[]);
        self.text_with(write);
        self.end(name);
    }

    /// `<name><![CDATA[text]]></name>`.
    pub fn cdata_element(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        self.cdata(value);
        self.end(name);
    }

    /// The document so far.
    pub fn into_string(self) -> String {
        self.out
    }

    fn tag_start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.line();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    fn line(&mut self) {
        if self.new_line {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Writer;
    use quick_xml::events::{BytesCData, BytesEnd, BytesStart, BytesText, Event};

    /// The same events through quick-xml's indenting writer and ours give
    /// the same bytes: nesting, empty elements, attributes, empty text and
    /// CDATA with `]]>` in it.
    #[test]
    fn layout_matches_quick_xml() {
        let mut theirs = Writer::new_with_indent(Vec::new(), b' ', 2);
        let mut ours = XmlWriter::default();
        let cdata = ["plain", "a]]>b", "]]>", "x]]>]]>y]]", "]]]>>"];
        {
            let w = &mut theirs;
            let mut root = BytesStart::new("root");
            root.push_attribute(("a", "1 & \"2\""));
            w.write_event(Event::Start(root)).expect("vec");
            w.write_event(Event::Start(BytesStart::new("empty-text")))
                .expect("vec");
            w.write_event(Event::Text(BytesText::new(""))).expect("vec");
            w.write_event(Event::End(BytesEnd::new("empty-text")))
                .expect("vec");
            w.write_event(Event::Start(BytesStart::new("outer")))
                .expect("vec");
            let mut link = BytesStart::new("link");
            link.push_attribute(("href", "https://e.com/?a=1&b='x'"));
            w.write_event(Event::Empty(link)).expect("vec");
            w.write_event(Event::Start(BytesStart::new("t")))
                .expect("vec");
            w.write_event(Event::Text(BytesText::new("x < y")))
                .expect("vec");
            w.write_event(Event::End(BytesEnd::new("t"))).expect("vec");
            for c in cdata {
                w.write_event(Event::Start(BytesStart::new("c")))
                    .expect("vec");
                for part in BytesCData::escaped(c) {
                    w.write_event(Event::CData(part)).expect("vec");
                }
                w.write_event(Event::End(BytesEnd::new("c"))).expect("vec");
            }
            w.write_event(Event::End(BytesEnd::new("outer")))
                .expect("vec");
            w.write_event(Event::End(BytesEnd::new("root")))
                .expect("vec");
        }
        ours.start("root", &[("a", "1 & \"2\"")]);
        ours.text_element("empty-text", "");
        ours.start("outer", &[]);
        ours.empty("link", &[("href", "https://e.com/?a=1&b='x'")]);
        ours.text_element("t", "x < y");
        for c in cdata {
            ours.cdata_element("c", c);
        }
        ours.end("outer");
        ours.end("root");
        let theirs = String::from_utf8(theirs.into_inner()).expect("UTF-8");
        assert_eq!(ours.into_string(), theirs);
    }
}
