use pulldown_cmark::Event;

use super::*;
use crate::article::Paragraphs;

fn base() -> String {
    "https://example.com/news/story/".to_owned()
}

#[test]
fn paragraphs_are_escaped() {
    let body = Body::Paragraphs(Paragraphs::from_texts([
        "Fish & chips <b>now</b>",
        "5 < 6 ]]> end",
    ]));
    assert_eq!(
        render(&body, &base()),
        "<p>Fish &amp; chips &lt;b&gt;now&lt;/b&gt;</p>\n<p>5 &lt; 6 ]]&gt; end</p>\n"
    );
}

#[test]
fn markdown_links_become_absolute() {
    let body = Body::Markdown(
        "See [the map](../maps/iraq.html) and ![photo](img/a.jpg \"A\").\n\n[abs](https://other.org/x) [frag](#notes)\n".into(),
    );
    let html = render(&body, &base());
    assert!(
        html.contains("href=\"https://example.com/news/maps/iraq.html\""),
        "{html}"
    );
    assert!(
        html.contains("src=\"https://example.com/news/story/img/a.jpg\""),
        "{html}"
    );
    assert!(html.contains("href=\"https://other.org/x\""), "{html}");
    assert!(
        html.contains("href=\"https://example.com/news/story/#notes\""),
        "{html}"
    );
}

#[test]
fn raw_html_urls_become_absolute() {
    let body = Body::Markdown(
        "<figure><img src=\"/pics/a.jpg\" alt=\"x\"><figcaption><a href='b.html'>b</a></figcaption></figure>\n\nText <a href=c.html>c</a>.\n".into(),
    );
    let html = render(&body, &base());
    assert!(
        html.contains("src=\"https://example.com/pics/a.jpg\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://example.com/news/story/b.html\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://example.com/news/story/c.html\""),
        "{html}"
    );
    assert!(html.contains("alt=\"x\""), "{html}");
}

#[test]
fn forbidden_characters_are_dropped() {
    let body = Body::Markdown("a\u{1}b\n".into());
    assert_eq!(render(&body, &base()), "<p>ab</p>\n");
    // A reference in raw HTML, which html5ever decodes (found by proptest).
    let body = Body::Markdown("</title>&#1;\n".into());
    assert!(crate::text::xml::all_xml_chars(&render(&body, &base())));
}

#[test]
fn unsafe_and_broken_html_is_made_safe_and_balanced() {
    let body = Body::Markdown(
        "<script>alert(1)</script>\n\nText <b>never closed <img src=x onerror=\"alert(1)\"> <a href=\"javascript:alert(1)\">j</a>\n\n<iframe src=\"https://example.com/\"></iframe>\n".into(),
    );
    let html = render(&body, &base());
    for bad in ["<script", "alert(1)</", "onerror", "javascript:", "<iframe"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("<b>never closed"), "{html}");
    assert!(html.contains("</b>"), "the bold is closed: {html}");
    assert!(crate::validate::html_is_clean(&html), "{html}");
}

/// The old way: the whole article through the sanitiser at once.
fn unbounded(source: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Text(t) => Event::Text(allowed(t)),
        Event::Code(t) => Event::Code(allowed(t)),
        Event::Html(t) => Event::Html(allowed(t)),
        Event::InlineHtml(t) => Event::InlineHtml(allowed(t)),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html, &base())
}

/// Within the bounds, bounded rendering writes exactly what one
/// sanitiser call over the whole article writes: long texts put back
/// from placeholders, runs of blocks sanitised apart.
#[test]
fn bounded_rendering_matches_the_whole_article_at_once() {
    let long = "Fish &amp; chips \u{a0}cost \"5 < 6\" > 4 ".repeat(60);
    let cases = [
        // A long paragraph with every character the serialiser escapes.
        format!("{long}\n"),
        // Long text beside markup, in a list, a quote, a table.
        format!(
            "*{long}* and **b** [link](x.html \"t\")\n\n- {long}\n- two\n\n> {long}\n\n| a | b |\n|---|---|\n| {long} | x |\n"
        ),
        // A long image description (an attribute) and a long code span.
        format!("![{long}](a.jpg) `{long}`\n"),
        // Long text inside raw HTML, with references.
        format!("<div class=\"x\">\n{long}&#233;&eacute;\n</div>\n\nafter\n"),
        // Many blocks: sanitised in several runs.
        (0..3000)
            .map(|i| format!("Paragraph {i} with [a link](p{i}.html) &amp; *more*.\n\n"))
            .collect(),
        // Many footnotes.
        (0..2000)
            .map(|i| format!("Note[^{i}].\n\n[^{i}]: The note {i}.\n\n"))
            .collect(),
        // Lines of no-break spaces: one text node with soft breaks.
        "\u{a0}\n".repeat(3000),
        // Many raw HTML paragraphs in one block.
        format!("{}\n", "<p>x".repeat(20_000)),
        // A placeholder look-alike in the text stays as it is.
        format!("\u{E000}0\u{E001} {long}\n"),
    ];
    for source in &cases {
        let body = Body::Markdown(source.clone());
        let (got, want) = (render(&body, &base()), unbounded(source));
        let same = got
            .bytes()
            .zip(want.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        assert!(
            got == want,
            "{:.80}: differs at byte {same}: {:?} against {:?}",
            source,
            got.get(same.saturating_sub(40)..(same + 80).min(got.len())),
            want.get(same.saturating_sub(40)..(same + 80).min(want.len())),
        );
    }
}

/// Nesting past the bound is flattened (Markdown) or shown as text
/// (raw HTML); the text is all kept and the HTML stays balanced.
#[test]
fn deep_nesting_is_bounded() {
    let quotes = format!("{} deep\n", ">".repeat(5_000));
    let html = render(&Body::Markdown(quotes), &base());
    assert_eq!(
        html.matches("<blockquote>").count(),
        MAX_NESTING,
        "{html:.200}"
    );
    assert!(html.contains("deep"));
    let divs = format!("{}x{}\n", "<div>".repeat(5_000), "</div>".repeat(5_000));
    let html = render(&Body::Markdown(divs), &base());
    assert!(html.matches("<div>").count() <= MAX_NESTING, "{html:.200}");
    assert!(html.contains("&lt;div&gt;"), "{html:.400}");
    assert!(crate::validate::html_is_clean(&html));
    let emphasis = format!("{}\n", "*a* ".repeat(3 * MAX_ELEMENTS));
    let html = render(&Body::Markdown(emphasis), &base());
    assert_eq!(
        html.matches("<em>").count(),
        MAX_ELEMENTS - 1,
        "one element is the paragraph"
    );
    assert_eq!(html.matches('a').count(), 3 * MAX_ELEMENTS);
    // Code spans are elements too; past the cap, their text.
    let code = format!("{}\n", "`c` ".repeat(3 * MAX_ELEMENTS));
    let html = render(&Body::Markdown(code), &base());
    assert_eq!(html.matches("<code>").count(), MAX_ELEMENTS - 1);
    assert_eq!(
        html.matches('c').count(),
        3 * MAX_ELEMENTS + 2 * (MAX_ELEMENTS - 1)
    );
}
