//! The entry's picture as Media RSS (<https://www.rssboard.org/media-rss>),
//! in RSS and Atom alike: what the big readers show as an entry's picture.
//!
//! ```xml
//! <media:content height="800" medium="image" type="image/jpeg" url="..." width="1200">
//!   <media:credit>EPA</media:credit>
//!   <media:description>The tunnel entrance on opening day.</media:description>
//!   <media:thumbnail url="..."/>
//! </media:content>
//! ```
//!
//! Attributes and elements come in alphabetical order, as the `rss` and
//! `atom_syndication` crates write extension elements: the writers' tests
//! hold both to those crates' bytes.

use crate::normalize::Image;
use crate::write::xml::XmlWriter;

/// The Media RSS namespace (with its trailing slash).
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// Writes `<media:content medium="image">` with its description, credit
/// and thumbnail (the picture itself: feedpub makes no smaller copy).
pub fn write(xml: &mut XmlWriter, image: &Image) {
    let width = image.width.map(|w| w.to_string());
    let height = image.height.map(|h| h.to_string());
    let mut attributes: Vec<(&str, &str)> = Vec::with_capacity(5);
    if let Some(height) = &height {
        attributes.push(("height", height));
    }
    attributes.push(("medium", "image"));
    if let Some(mime_type) = &image.mime_type {
        attributes.push(("type", mime_type));
    }
    attributes.push(("url", &image.url));
    if let Some(width) = &width {
        attributes.push(("width", width));
    }
    xml.start("media:content", &attributes);
    if let Some(credit) = &image.credit {
        xml.text_element("media:credit", credit);
    }
    if let Some(description) = &image.description {
        xml.text_element("media:description", description);
    }
    xml.empty("media:thumbnail", &[("url", &image.url)]);
    xml.end("media:content");
}

/// The picture as the `rss` and `atom_syndication` crates' extension
/// elements (the two crates' `Extension` types have the same fields), for
/// the writers' reference output.
#[cfg(test)]
pub(crate) mod reference {
    use std::collections::BTreeMap;

    use crate::normalize::Image;

    /// One element: name, text, attributes and children, in the crates'
    /// own shape.
    pub struct Element {
        /// Its prefixed name (`media:content`).
        pub name: String,
        /// Its text, if any.
        pub value: Option<String>,
        /// Its attributes, which the crates write in this (sorted) order.
        pub attrs: BTreeMap<String, String>,
        /// Its children by local name, written in this (sorted) order.
        pub children: BTreeMap<String, Vec<Element>>,
    }

    fn element(name: &str, value: Option<&str>, attrs: &[(&str, &str)]) -> Element {
        Element {
            name: name.to_owned(),
            value: value.map(str::to_owned),
            attrs: attrs
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            children: BTreeMap::new(),
        }
    }

    /// `<media:content>` and what it holds.
    pub fn content(image: &Image) -> Element {
        let width = image.width.map(|w| w.to_string());
        let height = image.height.map(|h| h.to_string());
        let mut attrs = vec![("medium", "image"), ("url", image.url.as_str())];
        if let Some(t) = &image.mime_type {
            attrs.push(("type", t));
        }
        if let Some(w) = &width {
            attrs.push(("width", w));
        }
        if let Some(h) = &height {
            attrs.push(("height", h));
        }
        let mut content = element("media:content", None, &attrs);
        if let Some(credit) = &image.credit {
            content.children.insert(
                "credit".to_owned(),
                vec![element("media:credit", Some(credit), &[])],
            );
        }
        if let Some(description) = &image.description {
            content.children.insert(
                "description".to_owned(),
                vec![element("media:description", Some(description), &[])],
            );
        }
        content.children.insert(
            "thumbnail".to_owned(),
            vec![element("media:thumbnail", None, &[("url", &image.url)])],
        );
        content
    }

    /// The crates write an element with neither text nor children as a
    /// start and an end tag on lines of their own; the writer writes the
    /// same element self-closed (`<media:thumbnail url="..."/>`). This
    /// rewrites the first form as the second, so that the rest is
    /// compared byte for byte.
    pub fn self_close(xml: &str, name: &str) -> String {
        let end = format!("</{name}>");
        let mut out = String::with_capacity(xml.len());
        let mut rest = xml;
        while let Some(at) = rest.find(&end) {
            let head = &rest[..at];
            let trimmed = head.trim_end_matches([' ', '\n']);
            if trimmed.ends_with('>') && !trimmed.ends_with("/>") {
                out.push_str(&trimmed[..trimmed.len() - 1]);
                out.push_str("/>");
            } else {
                out.push_str(head);
                out.push_str(&end);
            }
            rest = &rest[at + end.len()..];
        }
        out.push_str(rest);
        out
    }
}
