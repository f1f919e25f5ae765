//! The checks of the page's elements: each as the parser makes it, and
//! those that need the whole page once it is read.

use html5ever::{Attribute, ns};

use super::tree::{NONE, NodeKind};
use super::{Class, Field, Pos, Sink};

impl Sink<'_> {
    /// The checks of an element as it is made.
    pub(super) fn check_element(&self, name: &str, attrs: &[Attribute], index: u32) {
        let at = self.here();
        let attr = |wanted: &str| {
            attrs
                .iter()
                .find(|a| a.name.ns == ns!() && &*a.name.local == wanted)
                .map(|a| &*a.value)
        };
        if let Some(id) = attr("id") {
            let mut ids = self.ids.borrow_mut();
            if let Some(first) = ids.get(id) {
                self.report(
                    Class::DuplicateId,
                    at,
                    format!("the id `{id}` is also on line {first}; ids must be unique"),
                );
            } else {
                ids.insert(id.to_owned(), self.line.get());
            }
        }
        match name {
            "html" => {
                self.html_at.set(Some(at));
                self.check_lang(attrs);
            }
            "meta" if attr("charset").is_some_and(|c| c.trim().eq_ignore_ascii_case("utf-8")) => {
                self.charset.set(true);
            }
            "a" | "link" => {
                if let Some(href) = attr("href")
                    && !is_allowed_link(href)
                {
                    self.report(
                        Class::NotAbsoluteLink,
                        at,
                        format!(
                            "`<{name} href=\"{href}\">` is not an absolute http(s) URL; expected one, or a fragment such as `#top`"
                        ),
                    );
                }
            }
            "img" if attr("alt").is_none() => self.report(
                Class::MissingAlt,
                at,
                "`<img>` has no `alt`; expected a text for people who cannot see it (`alt=\"\"` for decoration)",
            ),
            "label" => {
                if let Some(target) = attr("for") {
                    self.label_fors.borrow_mut().insert(target.to_owned());
                }
            }
            "input" => {
                let named = |a: &str| attr(a).is_some_and(|v| !v.trim().is_empty());
                let hidden = attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"));
                if !(hidden || named("aria-label") || named("aria-labelledby")) {
                    self.fields.borrow_mut().push(Field {
                        node: index,
                        at,
                        id: attr("id").map(str::to_owned),
                    });
                }
            }
            _ => self.check_heading(name, at),
        }
    }

    pub(super) fn check_lang(&self, attrs: &[Attribute]) {
        if attrs
            .iter()
            .any(|a| a.name.ns == ns!() && &*a.name.local == "lang" && !a.value.trim().is_empty())
        {
            self.lang.set(true);
        }
    }

    /// One `<h1>`, and no heading more than one level below the one before.
    fn check_heading(&self, name: &str, at: Pos) {
        let Some(level) = name
            .strip_prefix('h')
            .and_then(|l| l.parse::<u8>().ok())
            .filter(|l| (1..=6).contains(l))
        else {
            return;
        };
        if level == 1 {
            self.h1s.set(self.h1s.get() + 1);
            if self.h1s.get() > 1 {
                self.report(
                    Class::WrongH1Count,
                    at,
                    "a second `<h1>`; expected exactly one, naming the page",
                );
            }
        }
        let before = self.heading.get();
        if level > before + 1 {
            self.report(
                Class::SkippedHeadingLevel,
                at,
                format!(
                    "`<h{level}>` follows {}; expected at most `<h{}>`",
                    if before == 0 {
                        "no heading".to_owned()
                    } else {
                        format!("`<h{before}>`")
                    },
                    before + 1
                ),
            );
        }
        self.heading.set(level);
    }

    /// The checks that need the whole page.
    pub(super) fn finish_checks(self) {
        if !self.doctype.get() {
            self.report(
                Class::MissingDoctype,
                Pos::at(0),
                "the page does not start with `<!DOCTYPE html>`; browsers would render it in quirks mode",
            );
        }
        if !self.lang.get() {
            self.report(
                Class::MissingLang,
                self.html_at.get().unwrap_or_default(),
                "`<html>` has no `lang`; expected the page's language, such as `lang=\"en\"`",
            );
        }
        if !self.charset.get() {
            self.report(
                Class::MissingCharset,
                Pos::at(0),
                "the page has no `<meta charset=\"utf-8\">`; browsers may read it in another encoding",
            );
        }
        if !self.titled.get() {
            self.report(
                Class::MissingTitle,
                Pos::at(0),
                "the page has no `<title>`, or an empty one; expected the page's name",
            );
        }
        if self.h1s.get() == 0 {
            self.report(
                Class::WrongH1Count,
                Pos::at(0),
                "the page has no `<h1>`; expected one, naming the page",
            );
        }
        let nodes = self.nodes.borrow();
        let fors = self.label_fors.borrow();
        for field in self.fields.borrow().iter() {
            let labelled = field.id.as_ref().is_some_and(|id| fors.contains(id)) || {
                let mut at = nodes.get(field.node as usize).map_or(NONE, |n| n.parent);
                let mut found = false;
                while let Some(node) = nodes.get(at as usize) {
                    if node.kind == NodeKind::Label {
                        found = true;
                        break;
                    }
                    at = node.parent;
                }
                found
            };
            if !labelled {
                self.report(
                    Class::UnlabelledInput,
                    field.at,
                    "`<input>` has no label; expected a `<label for>` naming its id, an enclosing `<label>` or an `aria-label`",
                );
            }
        }
    }
}

/// Whether a link target is an absolute http(s) URL with a host or a
/// fragment of the page itself.
fn is_allowed_link(href: &str) -> bool {
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
    href.starts_with('#')
        || url::Url::parse(href)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}
