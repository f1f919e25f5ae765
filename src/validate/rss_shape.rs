//! Where RSS 2.0 holds text and where it holds elements. An element such
//! as `title` or `description` holds text only: HTML in it must be escaped
//! (or in a CDATA section), and a raw `<p>` is an element RSS does not
//! define there. A `channel`, `item` or `image` holds elements only, with
//! nothing but white space between them.

use super::xml::Node;
use super::{Class, Messages};

/// The RSS elements that hold elements, not text.
pub const CONTAINERS: &[&str] = &[
    "channel",
    "item",
    "image",
    "textInput",
    "skipHours",
    "skipDays",
];

/// Reports each element inside `node`, an element that holds only text
/// (or, as `enclosure` and `cloud`, nothing).
pub fn text_only(node: &Node, messages: &mut Messages) {
    for child in &node.children {
        messages.push(
            Class::UndefinedElement,
            child.pos,
            format!(
                "`<{}>` inside `<{}>`, which holds text only; escape the markup (`&lt;{}&gt;`) or put it in a CDATA section",
                child.qname, node.qname, child.qname
            ),
        );
    }
}

/// Reports text (other than white space) directly inside `node`, an
/// element that holds only elements.
pub fn elements_only(node: &Node, messages: &mut Messages) {
    let text = node.text.trim_matches([' ', '\t', '\n', '\r']);
    if !text.is_empty() {
        let shown: String = text.chars().take(40).collect();
        let more = if shown.len() < text.len() { "..." } else { "" };
        messages.push(
            Class::UnexpectedText,
            node.pos,
            format!(
                "`<{}>` holds the text `{shown}{more}`; it holds only elements",
                node.qname
            ),
        );
    }
}
