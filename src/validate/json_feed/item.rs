//! The checks of a JSON Feed item: its id (unique in the feed), content,
//! dates, authors, tags and attachments.

use std::borrow::Cow;

use super::members::{ATTACHMENT_SHAPE, ITEM};
use super::path::Path;
use super::tree::{Member, Node, Value};
use super::{Checker, get};
use crate::validate::{Class, Pos, html_scan, values};

impl<'a> Checker<'a, '_> {
    pub(super) fn item(&mut self, index: usize, node: &Node<'a>, path: &Path<'_>) {
        let Some(members) = self.object(node, path, &ITEM) else {
            return;
        };
        let members = members.as_slice();
        self.id(index, members, node, path);
        if let Some(html) = get(members, "content_html") {
            self.html(html, &Path::Member(path, "content_html"));
        }
        if get(members, "content_html").is_none() && get(members, "content_text").is_none() {
            self.push(
                Class::MissingItemContent,
                node.at,
                format!("`{path}` has neither `content_html` nor `content_text`; expected one of them (`\"content_text\": \"\"` if there is no text)"),
            );
        }
        if get(members, "date_published").is_none() {
            // Optional by the spec, but readers need it (READERS.md): one
            // shows an item with only `date_modified` with no date at all.
            self.push(
                Class::MissingItemDate,
                node.at,
                format!("`{path}` has no `date_published`; some readers then show no date, or show the item as new at every fetch"),
            );
        }
        for name in ["date_published", "date_modified"] {
            if let Some(date) = get(members, name) {
                self.date(date, &Path::Member(path, name));
            }
        }
        self.authors(members, path);
        if let Some(node) = get(members, "language") {
            self.language(node, &Path::Member(path, "language"));
        }
        if let Some(tags) = get(members, "tags") {
            self.each(tags, &Path::Member(path, "tags"), |this, _, tag, here| {
                this.string(tag, here);
            });
        }
        if let Some(attachments) = get(members, "attachments") {
            self.each(
                attachments,
                &Path::Member(path, "attachments"),
                Self::attachment,
            );
        }
    }

    /// The checks of Atom's and RSS's escaped HTML: well-formed, absolute
    /// links (JSON Feed has no base to resolve others against), nothing
    /// readers refuse to run.
    fn html(&mut self, node: &Node<'a>, path: &Path<'_>) {
        let Value::String(html) = &node.value else {
            return;
        };
        let scan = html_scan::scan(html);
        if let Some(why) = scan.not_html {
            self.push(Class::NotHtml, node.at, format!("`{path}`: {why}"));
        }
        if let Some((name, value)) = scan.relative {
            self.push(
                Class::ContainsRelativeURI,
                node.at,
                format!("`{path}` has `{name}=\"{value}\"`, which is relative; make it absolute"),
            );
        }
        if let Some(why) = scan.risk {
            self.push(Class::SecurityRisk, node.at, format!("`{path}`: {why}"));
        }
    }

    fn id(&mut self, index: usize, members: &[Member<'a>], node: &Node<'a>, path: &Path<'_>) {
        let Some(id) = get(members, "id") else {
            self.push(
                Class::MissingMember,
                node.at,
                format!("`{path}` has no `id`; expected a string that stays the item's for good"),
            );
            return;
        };
        let here = Path::Member(path, "id");
        let key = match &id.value {
            Value::String(s) if s.trim().is_empty() => {
                self.push(
                    Class::MissingMember,
                    id.at,
                    format!("`{here}` is blank; expected a string that stays the item's for good"),
                );
                return;
            }
            Value::String(s) => s.clone(),
            Value::Number(n) => {
                self.push(
                    Class::NumericItemId,
                    id.at,
                    format!(
                        "`{here}` is the number `{n}`; ids are strings (`\"{n}\"`), and some readers reject the whole feed"
                    ),
                );
                Cow::Borrowed(*n)
            }
            _ => {
                self.wrong_type(id, &here, "a string");
                return;
            }
        };
        if let Some((other, at)) = self.ids.insert(&key, (index, id.at)) {
            let message =
                format!("`{here}` `{key}` is also the id of `$.items[{other}]`, on line ");
            self.messages.push_naming_line(
                Class::DuplicateEntryId,
                Pos::at(id.at),
                message,
                Pos::at(at),
            );
        }
    }

    fn attachment(&mut self, _: usize, node: &Node<'a>, path: &Path<'_>) {
        let Some(members) = self.object(node, path, &ATTACHMENT_SHAPE) else {
            return;
        };
        let members = members.as_slice();
        self.required(members, node, path, &["url", "mime_type"]);
        if let Some(mime) = get(members, "mime_type") {
            let here = Path::Member(path, "mime_type");
            if let Some(value) = self.string(mime, &here)
                && !values::is_mime_type(value)
            {
                self.push(
                    Class::InvalidMIMEType,
                    mime.at,
                    format!("`{here}` is `{value}`; expected a MIME type such as `audio/mpeg`"),
                );
            }
        }
        if let Some(size) = get(members, "size_in_bytes") {
            let here = Path::Member(path, "size_in_bytes");
            match size.value {
                Value::Number(n) if values::is_integer(n) => {}
                Value::Number(n) => self.push(
                    Class::InvalidInteger,
                    size.at,
                    format!("`{here}` is `{n}`; expected a whole number of bytes such as `1234`"),
                ),
                _ => self.wrong_type(size, &here, "a number"),
            }
        }
        if let Some(duration) = get(members, "duration_in_seconds")
            && !matches!(duration.value, Value::Number(_))
        {
            self.wrong_type(
                duration,
                &Path::Member(path, "duration_in_seconds"),
                "a number",
            );
        }
    }
}
