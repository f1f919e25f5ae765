//! Reading one start tag into an element: its names, its attributes
//! with their namespaces, and the `xml:base` in force.

use std::borrow::Cow;
use std::rc::Rc;

use quick_xml::events::BytesStart;
use quick_xml::name::{NamespaceResolver, ResolveResult};
use url::Url;

use super::events::ns_of;
use super::text::{borrow, unescape};
use super::tree::XML_NS;
use super::{Attr, Budget, Class, Messages, Node, Ns, Pos};

/// What follows the prefix of a qualified name, as `QName::local_name`
/// reads it (after the first `:`), with a plain search: names are a few
/// bytes.
fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call per start tag, from one place"
)]
pub(super) fn element<'a>(
    text: &'a str,
    resolver: &NamespaceResolver,
    ns: Ns,
    start: &BytesStart<'_>,
    pos: Pos,
    parent: Option<&Node<'a>>,
    budget: &mut Budget,
    messages: &mut Messages,
) -> Option<Node<'a>> {
    let qname = borrow(text, start.name().as_ref());
    // A prefixed name in no namespace: its prefix is declared nowhere
    // (`<dc:creator>` without `xmlns:dc`), which XML's namespaces refuse.
    if ns == Ns::None
        && let Some((prefix, _)) = qname.split_once(':')
    {
        messages.push(
            Class::NotWellFormed,
            pos,
            format!("the prefix `{prefix}` of `<{qname}>` is not declared; add `xmlns:{prefix}=\"...\"` with its namespace"),
        );
        return None;
    }
    let name = borrow(text, local_name(start.name().as_ref()));
    let mut attrs = Vec::new();
    let mut base = parent.and_then(|p| p.base.clone());
    for attr in start.attributes().with_checks(true) {
        let attr = match attr {
            Ok(a) => a,
            Err(e) => {
                messages.push(
                    Class::NotWellFormed,
                    pos,
                    format!("a malformed attribute on `<{qname}>`: {e}"),
                );
                return None;
            }
        };
        // An attribute with no prefix is in no namespace.
        let (attr_ns, local) = if attr.key.as_ref().contains(&b':') {
            let (resolved, local) = resolver.resolve_attribute(attr.key);
            if let ResolveResult::Unknown(prefix) = &resolved {
                messages.push(
                    Class::NotWellFormed,
                    pos,
                    format!(
                        "the prefix `{}` of the attribute `{}` on `<{qname}>` is not declared; add `xmlns:{}=\"...\"` with its namespace",
                        String::from_utf8_lossy(prefix),
                        String::from_utf8_lossy(attr.key.as_ref()),
                        String::from_utf8_lossy(prefix),
                    ),
                );
                return None;
            }
            (ns_of(&resolved), local.into_inner())
        } else {
            (Ns::None, attr.key.into_inner())
        };
        let value = unescape(borrow(text, &attr.value), pos, messages)?;
        let local = borrow(text, local);
        if attr_ns.uri() == XML_NS && local == "base" {
            base = match &base {
                Some(b) => b.join(&value).ok(),
                None => Url::parse(&value).ok(),
            }
            .map(Rc::new);
            budget.base_bytes = budget
                .base_bytes
                .saturating_add(base.as_ref().map_or(0, |b| b.as_str().len()));
            if budget.base_bytes > budget.max_base_bytes {
                messages.push(
                    Class::TooLarge,
                    pos,
                    format!(
                        "`xml:base` values resolve to more than {} bytes in all; the document is not read further",
                        budget.max_base_bytes
                    ),
                );
                return None;
            }
        }
        attrs.push(Attr {
            ns: attr_ns,
            name: local,
            value,
        });
    }
    Some(Node {
        ns,
        name,
        qname,
        attrs,
        text: Cow::Borrowed(""),
        children: Vec::new(),
        pos,
        base,
    })
}
