use super::*;

/// Everything `parse` sees of a document read from `events`: the tree,
/// each entry handed over, and the messages, as text.
fn seen<'a>(text: &'a str, events: impl Events<'a>) -> String {
    let mut messages = Messages::default();
    let mut entries = Vec::new();
    let root = parse_from(text, events, &mut messages, &mut |node, stack, _| {
        let entry = is_entry(node, stack);
        if entry {
            entries.push(format!("{node:?}"));
        }
        entry
    });
    format!("{root:?}\n{entries:?}\n{:?}", messages.into_sorted(text))
}

/// Namespace declarations in every place and form, legal and not.
fn namespace_documents() -> Vec<String> {
    let declarations = [
        "",
        " xmlns=\"http://www.w3.org/2005/Atom\"",
        " xmlns=\"\"",
        " xmlns:a=\"http://www.w3.org/2005/Atom\"",
        " xmlns:a=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"",
        " xmlns:xml=\"urn:other\"",
        " xmlns:xmlns=\"urn:other\"",
        " xmlns:p=\"http://www.w3.org/XML/1998/namespace\"",
        " xmlns:p=\"http://www.w3.org/2000/xmlns/\"",
        " title=\"xmlns\"",
        " xmlns:a=\"urn:x\" xmlns:a=\"urn:y\"",
        " xmlnsx=\"urn:z\"",
        " xmlns:a='urn:&amp;'",
        " a:href=\"x\" xml:base=\"http://example.com/\"",
        " xmlns:a=\"urn:x\" a:b=\"1\" b=\"2\"",
        " xmlns:a=\"urn:x\" bad",
        " bad xmlns:a=\"urn:x\"",
        " b=\"1\" b=\"2\" xmlns:xml=\"urn:other\"",
    ];
    let names = [
        "feed",
        "a:feed",
        "dc:creator",
        "entry",
        "a:entry",
        "xml:x",
        "q:entry",
    ];
    let mut documents = Vec::new();
    for (i, outer) in declarations.iter().enumerate() {
        for (j, inner) in declarations.iter().enumerate() {
            let root = names[i % names.len()];
            let child = names[j % names.len()];
            let leaf = names[(i + j) % names.len()];
            documents.push(format!(
                "<{root}{outer}><{child}{inner}><{leaf}{outer}/>t</{child}><{leaf}/><id>x</id></{root}>"
            ));
            documents.push(format!(
                "<{root}{inner}><entry{outer}><title{inner}>t</title></entry><{child}/></{root}>"
            ));
        }
    }
    documents.push(format!("<feed{}/>", " xmlns:a=\"urn:x\"".repeat(300)));
    documents
}

/// The namespaces `parse` reads are those of quick-xml's own reader,
/// with its errors at its positions, on every fixture document and
/// on declarations in every place and form.
#[test]
fn namespaces_read_as_quick_xml_reads_them() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate");
    let mut documents = namespace_documents();
    for folder in std::fs::read_dir(&fixtures).expect("fixtures") {
        for file in std::fs::read_dir(folder.expect("folder").path()).expect("fixtures") {
            let bytes = std::fs::read(file.expect("file").path()).expect("readable");
            documents.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    assert!(documents.len() > 800, "{}", documents.len());
    let mut errors = 0;
    for text in &documents {
        let mut reference = quick_xml::NsReader::from_str(text);
        reference.config_mut().check_end_names = true;
        reference.config_mut().check_comments = true;
        let expected = seen(text, reference);
        assert_eq!(seen(text, NsEvents::new(text)), expected, "{text}");
        errors += usize::from(expected.contains("namespace"));
    }
    assert!(
        errors > 50,
        "the documents exercise namespace errors: {errors}"
    );
}

/// Text in one piece borrows the document; text around references is
/// put together; attribute values borrow unless they need changing.
#[test]
fn text_and_attributes_borrow_the_document() {
    let doc = "<r a=\"plain\" b=\"x &amp; y\"><t>one piece</t><u>a &amp; b</u></r>";
    let mut messages = Messages::default();
    let root = parse(doc, &mut messages, &mut |_, _, _| false).expect("well-formed");
    assert!(matches!(root.attrs[0].value, Cow::Borrowed("plain")));
    assert_eq!(root.attrs[1].value, "x & y");
    assert!(matches!(root.children[0].text, Cow::Borrowed("one piece")));
    assert!(matches!(root.children[0].name, Cow::Borrowed("t")));
    assert_eq!(root.children[1].text, "a & b");
}

/// The names of the elements kept at each depth, as `parse` leaves them
/// when nothing is handed over.
fn kept(node: &Node, depth: usize, out: &mut Vec<(usize, String)>) {
    out.push((depth, node.qname.to_string()));
    for child in &node.children {
        kept(child, depth + 1, out);
    }
}

#[test]
fn only_a_media_group_keeps_a_level_more() {
    let cases: &[(&str, bool)] = &[
        // A credit in content in a group in an item: six levels, kept.
        ("media:group", true),
        // The same under any other element: not kept.
        ("media:other", false),
    ];
    for (wrapper, deep) in cases {
        let text = format!(
            "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item><{wrapper}><media:content><media:credit><b/></media:credit></media:content></{wrapper}></item></channel></rss>"
        );
        let mut messages = Messages::default();
        let root = parse(&text, &mut messages, &mut |_, _, _| false);
        let mut out = Vec::new();
        if let Some(root) = &root {
            kept(root, 0, &mut out);
        }
        let deepest = out.iter().map(|(d, _)| *d).max();
        let want = if *deep {
            GROUP_DEPTH - 1
        } else {
            KEEP_DEPTH - 1
        };
        assert_eq!(deepest, Some(want), "{wrapper}: {out:?}");
    }
}
