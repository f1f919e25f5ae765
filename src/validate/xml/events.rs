//! Where the parser's events come from: quick-xml's reader with
//! namespaces resolved as its `NsReader` resolves them, and (in tests)
//! `NsReader` itself.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, NamespaceResolver, ResolveResult};

use super::Ns;

/// Where [`parse`](super::parse) gets its events from: each with the namespace of its
/// name, as quick-xml's `NsReader` gives them.
pub(super) trait Events<'a> {
    /// The next event and the namespace of its element name (`Ns::None`
    /// for other events).
    fn read(&mut self) -> quick_xml::Result<(Ns, Event<'a>)>;
    /// Where the next event starts.
    fn buffer_position(&self) -> u64;
    /// Where the last syntax error was found.
    fn error_position(&self) -> u64;
    /// The namespaces in force, for attribute names.
    fn resolver(&self) -> &NamespaceResolver;
}

/// Events with namespaces exactly as quick-xml's `NsReader` reads them
/// (the same scopes, the same errors, from the same `NamespaceResolver`),
/// but a start tag's attributes are walked for namespace declarations
/// only when it holds the bytes `xmlns` at all (`NsReader` walks every
/// start tag's attributes, which cost a tenth of validating a feed whose
/// elements declare nothing), and the namespace of names with no prefix
/// is looked up again only when a declaration may have changed it. It
/// uses only `NamespaceResolver`'s public calls; what could drift in a
/// new quick-xml release is `NsReader`'s order of them, and
/// `namespaces_read_as_quick_xml_reads_them` would see that.
pub(super) struct NsEvents<'a> {
    reader: Reader<&'a [u8]>,
    /// Finds `xmlns` in a start tag.
    declaration: memchr::memmem::Finder<'static>,
    resolver: NamespaceResolver,
    /// The scope of the last empty element or end tag is still open.
    pending_pop: bool,
    /// The levels whose scopes hold declarations, innermost last.
    declaring: Vec<u16>,
    /// The namespace of a name with no prefix, while no declaration came
    /// or went since it was looked up.
    default_ns: Option<Ns>,
}

impl<'a> NsEvents<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        reader.config_mut().check_comments = true;
        Self {
            reader,
            declaration: memchr::memmem::Finder::new(b"xmlns"),
            resolver: NamespaceResolver::default(),
            pending_pop: false,
            declaring: Vec::new(),
            default_ns: None,
        }
    }

    /// Opens the element's scope with its declarations.
    fn push(&mut self, start: &BytesStart<'_>) -> Result<(), NamespaceError> {
        if self.declaration.find(start.attributes_raw()).is_some() {
            self.default_ns = None;
            self.resolver.push(start)?;
            self.declaring.push(self.resolver.level());
            Ok(())
        } else {
            // Nothing to declare: what `push` does with no declaration.
            self.resolver
                .set_level(self.resolver.level().wrapping_add(1));
            Ok(())
        }
    }
}

impl<'a> Events<'a> for NsEvents<'a> {
    fn read(&mut self) -> quick_xml::Result<(Ns, Event<'a>)> {
        if self.pending_pop {
            if self.declaring.last() == Some(&self.resolver.level()) {
                self.declaring.pop();
                self.default_ns = None;
            }
            self.resolver.pop();
            self.pending_pop = false;
        }
        let event = self.reader.read_event()?;
        let name = match &event {
            Event::Start(e) => {
                self.push(e)?;
                e.name()
            }
            Event::Empty(e) => {
                self.push(e)?;
                self.pending_pop = true;
                e.name()
            }
            Event::End(e) => {
                self.pending_pop = true;
                e.name()
            }
            _ => return Ok((Ns::None, event)),
        };
        // A prefixed name has a `:` (`QName::prefix` finds it with a vector
        // search, slower on a name of a few bytes).
        if name.as_ref().contains(&b':') {
            let (resolved, _) = self.resolver.resolve_element(name);
            return Ok((ns_of(&resolved), event));
        }
        let ns = match &self.default_ns {
            Some(ns) => ns.clone(),
            None => {
                let ns = ns_of(&self.resolver.resolve_element(name).0);
                self.default_ns = Some(ns.clone());
                ns
            }
        };
        Ok((ns, event))
    }

    fn buffer_position(&self) -> u64 {
        self.reader.buffer_position()
    }

    fn error_position(&self) -> u64 {
        self.reader.error_position()
    }

    fn resolver(&self) -> &NamespaceResolver {
        &self.resolver
    }
}

/// quick-xml's own namespace-aware reader: what [`NsEvents`] is tested
/// against.
#[cfg(test)]
impl<'a> Events<'a> for quick_xml::NsReader<&'a [u8]> {
    fn read(&mut self) -> quick_xml::Result<(Ns, Event<'a>)> {
        self.read_resolved_event()
            .map(|(resolved, event)| (ns_of(&resolved), event))
    }

    fn buffer_position(&self) -> u64 {
        std::ops::Deref::deref(self).buffer_position()
    }

    fn error_position(&self) -> u64 {
        std::ops::Deref::deref(self).error_position()
    }

    fn resolver(&self) -> &NamespaceResolver {
        quick_xml::NsReader::resolver(self)
    }
}

pub(super) fn ns_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
        _ => Ns::None,
    }
}
