//! Apple's podcast tags (`http://www.itunes.com/dtds/podcast-1.0.dtd`), as
//! Apple Podcasts' "RSS feed requirements" describe them: which belong in
//! the channel and which in an episode, and the values each takes.
//!
//! `itunes:explicit` is `true` or `false`: Apple's current documentation
//! names no other value, and the `yes`, `no` and `clean` of its older
//! documentation are errors (the W3C validator's current rules report
//! them so too; only its releases before Apple's change took them).
//! The value stands alone, without white space around it, as the W3C
//! validator reads it too. A summary has at most 4,000 characters, a
//! subtitle, author or keywords 255, as Apple says.
//! `itunes:block`, `itunes:complete` and `itunes:isClosedCaptioned` are
//! `Yes` (or `No`, which Apple reads as absent), in any case.

use super::super::html::report;
use super::super::values;
use super::super::xml::{Node, Ns};
use super::itunes_categories;
use super::{Level, Place, Term, is_positive_integer, no_children, term};
use crate::validate::{Class, Messages};

/// The iTunes podcast namespace.
pub const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";

/// The iTunes elements, where each may stand and whether it repeats.
pub const TERMS: &[Term] = &[
    term("author", Place::Both, false),
    term("block", Place::Both, false),
    term("category", Place::Channel, true),
    term("complete", Place::Channel, false),
    term("duration", Place::Item, false),
    term("episode", Place::Item, false),
    term("episodeType", Place::Item, false),
    term("explicit", Place::Both, false),
    term("image", Place::Both, false),
    term("isClosedCaptioned", Place::Item, false),
    term("keywords", Place::Both, false),
    term("new-feed-url", Place::Channel, false),
    term("order", Place::Item, false),
    term("owner", Place::Channel, false),
    term("season", Place::Item, false),
    term("subtitle", Place::Both, false),
    term("summary", Place::Both, false),
    term("title", Place::Both, false),
    term("type", Place::Channel, false),
];

/// The longest text, in characters, of the iTunes text elements that
/// have a limit: 255 for a name, keywords or a subtitle, 4,000 for a
/// summary, as Apple's podcast specification set them and the W3C
/// validator enforces them (`TooLong`, an error).
fn max_length(name: &str) -> Option<usize> {
    match name {
        "author" | "keywords" | "subtitle" | "name" => Some(255),
        "summary" => Some(4000),
        _ => None,
    }
}

/// Reports a text longer than its element allows, counting characters of
/// the trimmed text as readers show it.
fn too_long(node: &Node, messages: &mut Messages) {
    let Some(max) = max_length(&node.name) else {
        return;
    };
    let length = node.value().chars().count();
    if length > max {
        messages.push(
            Class::TooLong,
            node.pos,
            format!(
                "`<{}>` is {length} characters long; expected at most {max}",
                node.qname
            ),
        );
    }
}

/// Checks one iTunes element's value (its place is already checked).
pub fn check(node: &Node, _level: Level, messages: &mut Messages) {
    let value = node.value();
    too_long(node, messages);
    match node.name.as_ref() {
        "explicit" => explicit(node, messages),
        "block" | "complete" | "isClosedCaptioned"
            if !(value.eq_ignore_ascii_case("yes") || value.eq_ignore_ascii_case("no")) =>
        {
            messages.push(
                Class::InvalidYesNo,
                node.pos,
                format!("`<{}>` is `{value}`; expected `Yes` (or `No`)", node.qname),
            );
        }
        "image" => image(node, messages),
        "category" => category(node, None, messages),
        "duration" if !is_duration(value) => messages.push(
            Class::InvalidDuration,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected seconds such as `1830`, or `H:MM:SS` or `MM:SS`",
                node.qname
            ),
        ),
        "episode" | "season" if !is_positive_integer(value) => messages.push(
            Class::InvalidPositiveInteger,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected a whole number from 1",
                node.qname
            ),
        ),
        "order" if !values::is_integer(value) => messages.push(
            Class::InvalidInteger,
            node.pos,
            format!("`<{}>` is `{value}`; expected a whole number", node.qname),
        ),
        "episodeType" if !matches!(value, "full" | "trailer" | "bonus") => messages.push(
            Class::InvalidItunesEpisodeType,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected `full`, `trailer` or `bonus`",
                node.qname
            ),
        ),
        "type" if !matches!(value, "episodic" | "serial") => messages.push(
            Class::InvalidItunesChannelType,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected `episodic` or `serial`",
                node.qname
            ),
        ),
        "new-feed-url" => report(
            messages,
            node,
            values::absolute_uri(value, node.base.as_deref(), "itunes:new-feed-url"),
        ),
        "owner" => owner(node, messages),
        _ => {}
    }
    if !matches!(node.name.as_ref(), "owner" | "category") {
        no_children(node, messages);
    }
}

fn explicit(node: &Node, messages: &mut Messages) {
    let value = node.value();
    if value.len() != node.text.len() {
        messages.push(
            Class::InvalidTrueFalse,
            node.pos,
            format!(
                "`<{}>` has white space around `{value}`; the value is a bare `true` or `false`",
                node.qname
            ),
        );
        return;
    }
    if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false") {
        return;
    }
    let legacy = ["yes", "no", "clean"]
        .iter()
        .any(|l| value.eq_ignore_ascii_case(l));
    let hint = if legacy {
        "; Apple's older `yes`, `no` and `clean` are no longer documented"
    } else {
        ""
    };
    messages.push(
        Class::InvalidTrueFalse,
        node.pos,
        format!(
            "`<{}>` is `{value}`; expected `true` or `false`{hint}",
            node.qname
        ),
    );
}

fn image(node: &Node, messages: &mut Messages) {
    let Some(href) = node.attr("href") else {
        let hint = if node.value().is_empty() {
            ""
        } else {
            "; the URL goes in `href`, not in the text"
        };
        messages.push(
            Class::MissingAttribute,
            node.pos,
            format!("`<{}>` has no `href`{hint}", node.qname),
        );
        return;
    };
    if !node.value().is_empty() {
        messages.push(
            Class::UnexpectedText,
            node.pos,
            format!(
                "`<{}>` holds text `{}`; it takes only an `href` attribute",
                node.qname,
                node.value()
            ),
        );
    }
    let findings = values::absolute_uri(href, node.base.as_deref(), "itunes:image href");
    if !findings.is_empty() {
        report(messages, node, findings);
        return;
    }
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !matches!(extension.as_deref(), Some("jpg" | "jpeg" | "png")) {
        messages.push(
            Class::ImageUrlFormat,
            node.pos,
            format!(
                "`<{} href=\"{href}\">` does not name a `.jpg` or `.png` file; Apple takes JPEG or PNG artwork",
                node.qname
            ),
        );
    }
}

/// Checks a category, and the subcategories in it; `parent` is the text
/// of the category it is in, for a subcategory.
fn category(node: &Node, parent: Option<&str>, messages: &mut Messages) {
    let text = node.attr("text");
    match text {
        None => messages.push(
            Class::MissingAttribute,
            node.pos,
            format!("`<{}>` has no `text`", node.qname),
        ),
        Some(text) => match itunes_categories::status(parent, text) {
            itunes_categories::Status::Current => {}
            itunes_categories::Status::Obsolete => messages.push(
                Class::ObsoleteItunesCategory,
                node.pos,
                format!(
                    "`{text}` is an iTunes category Apple no longer lists{}",
                    under(parent)
                ),
            ),
            itunes_categories::Status::Unknown => messages.push(
                Class::InvalidItunesCategory,
                node.pos,
                format!(
                    "`{text}` is not one of Apple's podcast categories{}",
                    under(parent)
                ),
            ),
        },
    }
    for child in &node.children {
        if child.ns.uri() == super::itunes::ITUNES_NS && child.name == "category" {
            if parent.is_some() {
                messages.push(
                    Class::UndefinedElement,
                    child.pos,
                    "a subcategory inside a subcategory; Apple's categories are two levels deep",
                );
            } else if let Some(text) = text {
                category(child, Some(text), messages);
            }
        } else {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!("`<{}>` inside `<{}>`", child.qname, node.qname),
            );
        }
    }
}

fn under(parent: Option<&str>) -> String {
    parent.map_or_else(String::new, |p| format!(" under `{p}`"))
}

fn owner(node: &Node, messages: &mut Messages) {
    let itunes = Ns::Other(ITUNES_NS.to_owned());
    match node.child(&itunes, "email") {
        None => messages.push(
            Class::MissingElement,
            node.pos,
            format!("`<{}>` has no `<itunes:email>`", node.qname),
        ),
        Some(email) if !values::is_email(email.value()) => messages.push(
            Class::InvalidEmail,
            email.pos,
            format!("`{}` is not an email address", email.value()),
        ),
        Some(_) => {}
    }
    if let Some(name) = node.child(&itunes, "name") {
        too_long(name, messages);
    }
    for child in &node.children {
        if !(child.ns == itunes && matches!(child.name.as_ref(), "name" | "email")) {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` inside `<{}>`; it holds `<itunes:name>` and `<itunes:email>`",
                    child.qname, node.qname
                ),
            );
        }
    }
}

/// Reports the channel elements Apple requires of a podcast that a
/// channel using iTunes tags lacks.
pub fn required(channel: &Node, messages: &mut Messages) {
    let itunes = Ns::Other(ITUNES_NS.to_owned());
    // An owner without an email is `MissingElement` where the owner is
    // checked; no owner at all is only a recommendation missed.
    if channel.child(&itunes, "owner").is_none() {
        messages.push(
            Class::MissingItunesEmail,
            channel.pos,
            "the podcast has no `<itunes:owner>` with an `<itunes:email>`; Apple then writes to the account that submitted it",
        );
    }
    for name in ["category", "explicit", "image"] {
        if channel.child(&itunes, name).is_none() {
            messages.push(
                Class::MissingItunesElement,
                channel.pos,
                format!("the podcast has no `<itunes:{name}>`, which Apple requires"),
            );
        }
    }
}

/// Whether a value is a duration as Apple reads it: seconds (`1830`), or
/// `H:MM:SS`, `MM:SS` and the like, minutes and seconds below 60 after a
/// colon (the first field may be any number).
fn is_duration(value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let sixty = |s: &str| s.len() == 2 && digits(s) && s < "60";
    let mut fields = value.split(':');
    let first = fields.next().unwrap_or_default();
    let rest: Vec<&str> = fields.collect();
    digits(first) && rest.len() <= 2 && rest.iter().all(|f| sixty(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases: &[(&str, bool)] = &[
            ("1830", true),        // seconds, Apple's preferred form
            ("0", true),           // zero seconds
            ("30:30", true),       // MM:SS
            ("5:07", true),        // M:SS
            ("1:02:03", true),     // H:MM:SS
            ("01:02:03", true),    // HH:MM:SS
            ("90:00", true),       // minutes past an hour, as many feeds write
            ("1:60", false),       // no 60th second
            ("1:75:00", false),    // no 75th minute after the hours
            ("1:2:03", false),     // minutes take two digits after the hours
            ("1:02:03:04", false), // days are not a field
            ("", false),           // empty
            ("12.5", false),       // a fraction of seconds
            ("1h30m", false),      // words
            (":30", false),        // no leading field
        ];
        for (value, want) in cases {
            assert_eq!(is_duration(value), *want, "{value}");
        }
    }
}
