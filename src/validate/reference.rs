//! References that RFC 4287 lets be relative: Atom's `link/@href`,
//! `content/@src`, `icon`, `logo`, a person's `uri` and `generator/@uri`
//! (an `id` must be absolute, and RSS 2.0's links are URLs).
//!
//! A relative reference resolves against the `xml:base` in force, else
//! against the document's own URL (RFC 3986 section 5.1). With an
//! `xml:base` it is checked here; without one it is a
//! [`Class::RelativeReference`], which [`super::Messages`] drops when the
//! document's URL is known (`--url`), keeps as a warning when it is not,
//! and makes a [`Class::RelativeURI`] error in feedpub's own output.

use url::Url;

use super::Class;
use super::values::{self, Finding};

/// How a relative reference with no `xml:base` to resolve it
/// ([`Class::RelativeReference`]) is judged: it depends on the document,
/// not on the element, so the rules report it the one way and
/// [`super::Messages`] asks this.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// The document's URL is known (`--url`): the reference resolves
    /// against it, as RFC 3986 section 5.1.3 says, and nothing is said.
    pub document_url: bool,
    /// The document is feedpub's own output, which must be absolute: the
    /// reference is a [`Class::RelativeURI`] error.
    pub own_output: bool,
}

impl Policy {
    /// The class a finding is reported as, if it is reported at all.
    pub fn judged(self, class: Class) -> Option<Class> {
        match class {
            Class::RelativeReference if self.own_output => Some(Class::RelativeURI),
            Class::RelativeReference if self.document_url => None,
            other => Some(other),
        }
    }
}

/// Checks a reference that may be relative; `base` is the `xml:base` in
/// force and `what` names it in messages.
pub fn check(value: &str, base: Option<&Url>, what: &str) -> Vec<Finding> {
    // The empty reference is the document itself (RFC 3986 section 4.4).
    if value.is_empty() {
        return match base {
            Some(_) => Vec::new(),
            None => vec![(
                Class::RelativeReference,
                format!(
                    "the {what} is empty, a reference to the document itself, with no `xml:base` or document URL to resolve it; expected a URI"
                ),
            )],
        };
    }
    values::absolute_uri(value, base, what)
        .into_iter()
        .map(|(class, message)| match class {
            Class::RelativeURI => (
                Class::RelativeReference,
                format!(
                    "the {what} `{value}` is relative, with no `xml:base` or document URL to resolve it; readers resolve it against where they fetched the feed, so an absolute URI is safer"
                ),
            ),
            _ => (class, message),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_decides_what_an_unresolved_reference_is() {
        let policy = |document_url, own_output| Policy {
            document_url,
            own_output,
        };
        let cases = [
            // A third party's feed, URL unknown: a warning.
            (policy(false, false), Some(Class::RelativeReference)),
            // URL known: resolved against it, nothing said.
            (policy(true, false), None),
            // feedpub's own output: an error, URL or not.
            (policy(true, true), Some(Class::RelativeURI)),
            // The same without a URL.
            (policy(false, true), Some(Class::RelativeURI)),
        ];
        for (policy, want) in cases {
            assert_eq!(policy.judged(Class::RelativeReference), want, "{policy:?}");
            assert_eq!(policy.judged(Class::MissingGuid), Some(Class::MissingGuid));
        }
    }

    #[test]
    fn relative_references_resolve_against_a_base() {
        let base = Url::parse("https://example.com/blog/").ok();
        let cases: &[(&str, bool, &[Class])] = &[
            // Absolute: fine with or without a base.
            ("https://example.com/a", false, &[]),
            // Relative with no base: the warning class.
            ("a/b.html", false, &[Class::RelativeReference]),
            // Relative with a base: resolved.
            ("a/b.html", true, &[]),
            // Empty with no base: the document itself, unresolved.
            ("", false, &[Class::RelativeReference]),
            // Empty with a base: the base itself.
            ("", true, &[]),
            // Not a URI at all stays an error, base or not.
            ("a b", true, &[Class::InvalidURI]),
        ];
        for &(value, with_base, want) in cases {
            let found: Vec<Class> = check(value, base.as_ref().filter(|_| with_base), "link href")
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            assert_eq!(found, want, "{value:?} with base: {with_base}");
        }
    }
}
