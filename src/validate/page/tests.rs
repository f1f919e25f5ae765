use super::super::{Class, Messages};
use super::check;

/// A small page that passes every check, with `{head}` and `{body}`
/// spliced in.
fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Feeds</title>\n{head}\n</head>\n<body>\n<h1>Feeds</h1>\n{body}\n</body>\n</html>\n"
    )
}

fn classes(text: &str) -> Vec<(Class, usize)> {
    let mut messages = Messages::default();
    check(text, &mut messages);
    messages
        .into_sorted(text)
        .into_iter()
        .map(|m| (m.class, m.line))
        .collect()
}

#[test]
fn a_good_page_passes() {
    assert_eq!(classes(&page("", "<p>Hello</p>")), []);
}

#[test]
fn each_rule_has_a_failing_case_and_a_near_miss() {
    use Class::*;
    let plain = |body: &str| page("", body);
    let cases: Vec<(String, Vec<Class>)> = vec![
        // A stray end tag is a parse error.
        (plain("<p>a</div>"), vec![HtmlParseError]),
        // An end tag the parser closes on its own (`</p>` after an
        // unclosed `<p>`) is none.
        (plain("<p>a<p>b</p>"), vec![]),
        // No doctype: quirks mode.
        (
            "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![HtmlParseError, MissingDoctype],
        ),
        // The doctype in capitals or not is the same.
        (
            "<!doctype HTML><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![],
        ),
        // No language.
        (
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![MissingLang],
        ),
        // A blank language is none.
        (
            "<!DOCTYPE html><html lang=\" \"><head><meta charset=\"utf-8\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![MissingLang],
        ),
        // A region subtag is a language.
        (
            "<!DOCTYPE html><html lang=\"ar-EG\"><head><meta charset=\"utf-8\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![],
        ),
        // Another charset is not UTF-8.
        (
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"latin1\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![MissingCharset],
        ),
        // UTF-8 in capitals is UTF-8.
        (
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>t</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![],
        ),
        // A blank title.
        (
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title> </title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![MissingTitle],
        ),
        // A title of one character is a title.
        (
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title></head><body><h1>t</h1></body></html>".to_owned(),
            vec![],
        ),
        // No `<h1>` at all (the `<h2>` then skips a level too).
        (
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><h2>t</h2></body></html>".to_owned(),
            vec![WrongH1Count, SkippedHeadingLevel],
        ),
        // Two `<h1>`s.
        (plain("<h1>again</h1>"), vec![WrongH1Count]),
        // An `<h1>` and an `<h2>` written as text are no headings.
        (plain("<p>&lt;h1&gt;</p>"), vec![]),
        // From `<h2>` to `<h4>` skips `<h3>`.
        (plain("<h2>a</h2>\n<h4>b</h4>"), vec![SkippedHeadingLevel]),
        // Going back up any number of levels is fine.
        (plain("<h2>a</h2><h3>b</h3><h4>c</h4><h2>d</h2>"), vec![]),
        // A relative link.
        (plain("<a href=\"about/\">about</a>"), vec![NotAbsoluteLink]),
        // A `javascript:` link.
        (plain("<a href=\"javascript:alert(1)\">x</a>"), vec![NotAbsoluteLink]),
        // A relative `<link>` in the head.
        (
            page("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">", ""),
            vec![NotAbsoluteLink],
        ),
        // An absolute link, a fragment and an anchor without href pass.
        (
            plain("<a href=\"https://example.com/a?b=c#d\">x</a><a href=\"#top\">y</a><a>z</a>"),
            vec![],
        ),
        // A picture without alt.
        (plain("<img src=\"https://example.com/a.png\">"), vec![MissingAlt]),
        // An empty alt says the picture is decoration: fine.
        (plain("<img src=\"https://example.com/a.png\" alt=\"\">"), vec![]),
        // Two elements share an id.
        (plain("<p id=\"a\">x</p><p id=\"a\">y</p>"), vec![DuplicateId]),
        // Ids that differ only in case are two ids.
        (plain("<p id=\"a\">x</p><p id=\"A\">y</p>"), vec![]),
        // A field nothing labels.
        (plain("<input id=\"u\" value=\"x\" readonly>"), vec![UnlabelledInput]),
        // A label for another field does not label this one.
        (
            plain("<label for=\"v\">v</label><input id=\"v\"><input id=\"u\">"),
            vec![UnlabelledInput],
        ),
        // A label naming the field, an enclosing label, an `aria-label`,
        // and a hidden field need nothing more.
        (
            plain("<label for=\"u\">u</label><input id=\"u\"><label>w <input></label><input aria-label=\"x\"><input type=\"hidden\">"),
            vec![],
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in &cases {
        let mut got: Vec<Class> = classes(text).into_iter().map(|(c, _)| c).collect();
        got.dedup();
        let mut want = want.clone();
        want.sort();
        got.sort();
        if got != want {
            failures.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Findings are placed on the line of the element.
#[test]
fn findings_name_their_line() {
    let text = page("", "<p>a</p>\n<h3>b</h3>");
    assert_eq!(classes(&text), [(Class::SkippedHeadingLevel, 11)]);
}

/// Script and style hold raw text: a `<` in them is no markup.
#[test]
fn style_and_script_are_raw_text() {
    let text = page(
        "<style>a>b{color:red}</style>",
        "<script>if (a<b) {}</script>",
    );
    assert_eq!(classes(&text), []);
}

/// Past the nesting limit reading stops, with one finding: the parser
/// looks through the open elements for most tags, so 100,000 nested
/// `<div>`s would take minutes.
#[test]
fn deep_nesting_stops_reading() {
    let deep = page("", &"<div>".repeat(100_000));
    let started = std::time::Instant::now();
    let found = classes(&deep);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(
        found.iter().filter(|(c, _)| *c == Class::TooDeep).count(),
        1
    );
    // As deep as a page needs is fine.
    let nested = "<div>".repeat(200) + &"</div>".repeat(200);
    assert_eq!(classes(&page("", &nested)), []);
}
