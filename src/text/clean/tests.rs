//! Cleaning lines of text.

use super::*;

#[test]
fn cleaning() {
    use Markup::{Html, Text};
    let cases: &[(&str, Markup, &str, usize)] = &[
        // Plain text is left alone.
        ("US and Iraq talk", Text, "US and Iraq talk", 0),
        // In HTML, tags go; text between them stays.
        ("<b>Bold</b> move", Html, "Bold move", 0),
        // In plain text, a tag is text: kept, and flagged.
        ("<b>Bold</b> move", Text, "<b>Bold</b> move", 0),
        // A quoted attribute value may hold `>`.
        (
            "<abbr title=\"a>b\">NATO</abbr> summit opens",
            Html,
            "NATO summit opens",
            0,
        ),
        // Block tags separate words.
        ("one<br>two<p>three</p>", Html, "one two three", 0),
        // Comments vanish whole.
        ("a<!-- hidden <b> -->b", Html, "ab", 0),
        // A lone `<` is text in either.
        ("a < b and c > d", Html, "a < b and c > d", 0),
        ("a < b and c > d", Text, "a < b and c > d", 0),
        // Entities are decoded once, in either.
        ("Fish &amp; chips", Html, "Fish & chips", 0),
        ("Fish &amp; chips", Text, "Fish & chips", 0),
        // Escaped markup becomes literal text, as readers show it.
        ("&lt;b&gt; is bold", Html, "<b> is bold", 0),
        ("&lt;b&gt; is bold", Text, "<b> is bold", 0),
        // Numeric references.
        ("caf&#233; &#x2014; bar", Html, "caf\u{e9} \u{2014} bar", 0),
        ("caf&#233; &#x2014; bar", Text, "caf\u{e9} \u{2014} bar", 0),
        // Non-breaking space from an entity is kept, not folded.
        ("10&nbsp;km", Html, "10\u{a0}km", 0),
        // ...but not at either end, where readers trim it.
        ("&nbsp;x\u{2007} ", Text, "x", 0),
        // Controls forbidden by XML are removed and counted.
        ("bad\u{1}\u{b}text", Text, "badtext", 2),
        // A NUL is counted whichever reads it.
        ("nul\u{0}here", Html, "nulhere", 1),
        ("nul\u{0}here", Text, "nulhere", 1),
        // U+FFFE and U+FFFF are not XML characters.
        ("x\u{fffe}y\u{ffff}", Text, "xy", 2),
        // C1 controls from mis-decoded text.
        ("it\u{92}s", Html, "its", 1),
        // Decomposed accents are composed (NFC).
        ("Cafe\u{301}", Text, "Caf\u{e9}", 0),
        // Runs of blanks and newlines fold to one space.
        ("  a \t b\n\nc  ", Text, "a b c", 0),
        ("  a \t b\r\n\rc  ", Html, "a b c", 0),
        // Arabic and emoji survive.
        (
            "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1F600}",
            Html,
            "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1F600}",
            0,
        ),
    ];
    for (raw, markup, want, removed) in cases {
        let got = clean(raw, *markup);
        assert_eq!(got.bidi_removed, 0, "{raw:?}");
        assert_eq!(
            (got.text.as_str(), got.removed),
            (*want, *removed),
            "{raw:?} as {markup:?}"
        );
    }
}

/// Plain text that a reader may take for markup is flagged; HTML never
/// is, since its markup is removed.
#[test]
fn markup_like_text() {
    use Markup::{Html, Text};
    let cases: &[(&str, Markup, bool)] = &[
        // A headline about a tag.
        ("Why the <div> tag still matters", Text, true),
        // A dek mentioning angle brackets.
        ("a dek mentioning <angle brackets>", Text, true),
        // An escaped tag is a tag once the feed's XML is read.
        ("the &lt;b&gt; tag", Text, true),
        // A comparison is no markup.
        ("a < b and c > d", Text, false),
        // No `<` at all.
        ("Fish &amp; chips", Text, false),
        // HTML has its tags removed, so nothing is left to flag.
        ("Why the <div> tag still matters", Html, false),
        // ...even escaped ones, which readers show as text.
        ("the &lt;b&gt; tag", Html, false),
    ];
    for (raw, markup, want) in cases {
        assert_eq!(
            clean(raw, *markup).markup_like,
            *want,
            "{raw:?} as {markup:?}"
        );
    }
}

#[test]
fn bidi_overrides_are_removed() {
    // An override that would show `txt.exe` as `exe.txt`, and Arabic
    // with a right-to-left mark and a zero-width joiner that must stay.
    let got = clean(
        "photo\u{202E}gpj.exe \u{645}\u{631}\u{200F}\u{200D}",
        Markup::Text,
    );
    assert_eq!(got.text, "photogpj.exe \u{645}\u{631}\u{200F}\u{200D}");
    assert_eq!(got.bidi_removed, 1);
}

/// The byte scan agrees with the character test on every character
/// near the suspect bytes.
/// Plain text is cleaned by folding its blanks alone.
#[test]
fn plain_text_needs_only_folding() {
    for raw in [
        "Harbour bridge to close",
        "  two  spaces   and ends  ",
        "5 > 4; \"quoted\" (x) ~ #1",
        " ",
        "",
    ] {
        assert!(is_plain(raw), "{raw:?}");
        for markup in [Markup::Text, Markup::Html] {
            assert_eq!(clean(raw, markup).text, collapse_blanks(raw), "{raw:?}");
        }
    }
    for raw in [
        "a < b",
        "Fish &amp; chips",
        "tab\there",
        "caf\u{e9}",
        "bell\u{7}",
    ] {
        assert!(!is_plain(raw), "{raw:?}");
    }
}

/// Text called quiet is text whose cleaning reports nothing and leaves
/// something, in either markup; each text that is not quiet has a reason.
#[test]
fn quiet_text_reports_nothing() {
    let quiet = [
        // Typographic quotes, dashes and an accented name.
        "\u{201c}Caf\u{e9} society\u{201d} \u{2014} Zo\u{eb}\u{2019}s return",
        // Decomposed: NFC composes it later, silently.
        "Cafe\u{301} reopens",
        // Arabic, CJK and Cyrillic text.
        "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645} \u{6771}\u{4eac} \u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}",
        // No-break and ideographic spaces, tabs, blanks at both ends.
        "\u{a0} one\u{3000}two\tthree ",
        // Directional marks and isolates are kept, not reported.
        "a\u{200e}b\u{2066}c\u{2069}",
        // Plain ASCII is quiet too.
        "Harbour bridge to close",
        // An `&` that starts no reference is text, in either markup.
        "Fish & chips &",
        "Caf\u{e9} &\u{a0}bar &-&; &&",
    ];
    for raw in quiet {
        assert!(is_quiet(raw), "{raw:?}");
        assert_cleans_quietly(raw);
    }
    let loud = [
        // A tag: markup in HTML, flagged in text.
        "Why the <div> tag matters",
        // An entity to decode.
        "Fish &amp; chips",
        // A numeric reference, and one without its semicolon.
        "&#60;b&#62; tag",
        "&copy 2024",
        // A letter after `&` may start a reference: not looked up here,
        // so the text is cleaned at once.
        "AT&T",
        // A character XML forbids.
        "bell\u{7} rings",
        // A C1 control.
        "next\u{85}line",
        // U+FFFE.
        "odd\u{fffe}one",
        // A bidirectional override.
        "abc\u{202e}def",
        // Nothing but blanks: cleaning leaves nothing.
        " \u{a0}\u{3000} ",
        "",
    ];
    for raw in loud {
        assert!(!is_quiet(raw), "{raw:?}");
    }
}

/// Over every text of up to four pieces that may start, end or break a
/// reference or a tag, in both markups: the text called quiet is cleaned
/// with nothing to report, and keeps some text.
#[test]
fn every_quiet_text_of_reference_pieces_reports_nothing() {
    const PIECES: [&str; 10] = ["&", "#", "amp;", "lt;", "60;", "x", " ", ";", "<", "\u{a0}"];
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| PIECES.iter().map(move |p| format!("{t}{p}")))
            .collect();
        texts.extend(longer);
    }
    texts.sort();
    texts.dedup();
    let quiet: Vec<&String> = texts.iter().filter(|raw| is_quiet(raw)).collect();
    for raw in &quiet {
        assert_cleans_quietly(raw);
    }
    // The test would pass on a rule that called no text with an `&`
    // quiet, so it counts them.
    let with_ampersand = quiet.iter().filter(|raw| raw.contains('&')).count();
    assert!(with_ampersand > 500, "{with_ampersand} of {}", quiet.len());
}

/// Cleaning `raw`, in either markup, reports nothing and leaves text.
fn assert_cleans_quietly(raw: &str) {
    for markup in [Markup::Text, Markup::Html] {
        let cleaned = clean(raw, markup);
        assert!(!cleaned.text.is_empty(), "{raw:?} {markup:?}");
        assert_eq!(
            (cleaned.removed, cleaned.bidi_removed, cleaned.markup_like),
            (0, 0, false),
            "{raw:?} {markup:?}"
        );
    }
}

/// The ASCII fast path folds exactly the blanks the general one does.
#[test]
fn ascii_blanks_match_unicode_blanks() {
    for b in 0u8..0x80 {
        let c = char::from(b);
        let text = format!(" a{c}{c}b{c} ");
        let general: String = {
            let mut out = String::new();
            for word in text.split(is_foldable_blank).filter(|w| !w.is_empty()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
            out
        };
        assert_eq!(collapse_ascii_blanks(&text), general, "byte {b:#04x}");
    }
}

/// The words of `text` between foldable blanks, joined by single spaces:
/// what [`collapse_blanks`] must give, found the slow way.
fn folded_slowly(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(is_foldable_blank).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text outside ASCII that needs no folding is taken whole; the check
/// agrees with folding for every character of the first three planes'
/// blocks that share the blanks' lead bytes, at the ends and inside.
#[test]
fn folded_text_is_kept_whole() {
    let samples = (0x80..0x800)
        .chain(0x1600..0x1700)
        .chain(0x2000..0x2100)
        .chain(0x3000..0x3100)
        .chain([0xFEFF, 0x1F600])
        .filter_map(char::from_u32);
    for c in samples {
        for text in [
            format!("é {c} b"),
            format!("é{c}b"),
            format!("{c}é b"),
            format!("é b{c}"),
            format!("é  {c}"),
            format!("“a”{c}\tb"),
        ] {
            assert_eq!(
                collapse_blanks(&text),
                folded_slowly(&text),
                "U+{:04X} in {text:?}",
                u32::from(c)
            );
        }
    }
}

#[test]
fn truncation() {
    let cases: &[(&str, usize, &str)] = &[
        // Short enough: unchanged.
        ("short text", 20, "short text"),
        // Exactly the limit: unchanged.
        ("0123456789", 10, "0123456789"),
        // Cut at the last space that fits, with the ellipsis counted.
        ("the quick brown fox", 12, "the quick\u{2026}"),
        // Trailing comma before the cut is dropped.
        ("alpha, beta gamma", 10, "alpha\u{2026}"),
        // One long word is cut inside, at a grapheme boundary.
        ("abcdefghij", 5, "abcd\u{2026}"),
        // A family emoji (one grapheme of 7 chars) is never split.
        (
            "ab \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466} cd",
            8,
            "ab\u{2026}",
        ),
        // Combining marks stay with their base letter.
        ("e\u{301}e\u{301}e\u{301}", 3, "e\u{301}\u{2026}"),
        // CJK without spaces is cut between characters.
        (
            "\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{6587}",
            3,
            "\u{65e5}\u{672c}\u{2026}",
        ),
        // Limit zero gives nothing.
        ("abc", 0, ""),
    ];
    for (text, max, want) in cases {
        let got = truncate(text, *max);
        assert_eq!(got, *want, "{text:?} at {max}");
        assert!(got.chars().count() <= *max);
    }
}
