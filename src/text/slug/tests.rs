use proptest::prelude::*;

use super::*;

/// Every rule, and tags in the scripts a news site meets.
#[test]
fn slugs() {
    let long_ascii = "word ".repeat(30);
    let long_cjk = "漢".repeat(40);
    let long_ascii_want = ["word"; 16].join("-");
    let long_cjk_want = "漢".repeat(26);
    let long_devanagari = format!("abc{}", "कि".repeat(20));
    let long_devanagari_want = format!("abc{}", "कि".repeat(12));
    let rows: &[(&str, &str)] = &[
        ("Climate", "climate"),                           // ASCII lower-cased
        ("Climate Change", "climate-change"),             // a space is one dash
        ("  Climate -- Change!  ", "climate-change"), // a run of anything else is one dash, none at the ends
        ("COVID-19", "covid-19"),                     // digits kept
        ("a/b\\c.d", "a-b-c-d"),                      // path characters never survive
        ("..", ""),                                   // dots alone: no letter, empty
        ("tab\there\nnew\u{7}bell", "tab-here-new-bell"), // controls are separators
        ("Café Olé", "cafe-ole"),                     // precomposed acute accents dropped
        ("Cafe\u{301}", "cafe"),                      // a decomposed accent dropped too
        ("España Niño", "espana-nino"),               // tilde dropped
        ("Français Garçon", "francais-garcon"),       // cedilla dropped
        ("Straße", "strasse"),                        // German sharp s spelled ss
        ("GROẞE Übung", "grosse-ubung"), // capital sharp s lower-cases to ß; umlaut dropped
        ("Æsir Œuvre", "aesir-oeuvre"),  // ligatures spelled out
        ("Øresund Łódź", "oresund-lodz"), // stroke letters spelled in ASCII, accents dropped
        ("Þingvellir Đà Nẵng", "thingvellir-da-nang"), // thorn, Vietnamese d with stroke
        ("Việt Nam Tiếng Việt", "viet-nam-tieng-viet"), // Vietnamese stacked marks all dropped
        ("İstanbul", "istanbul"),        // Turkish dotted capital I: the dot goes
        ("Işık ılık", "isik-ilik"),      // Turkish dotless i spelled i
        ("Zucker\u{AD}watte", "zuckerwatte"), // a soft hyphen splits no word
        ("a\u{200B}b\u{200D}c", "abc"),  // zero-width characters are dropped
        ("Новости", "новости"),          // Cyrillic lower-cased
        ("Йошкар-Ола", "йошкар-ола"),    // Cyrillic й keeps its breve, recomposed
        ("Ελληνικά Νέα", "ελληνικά-νέα"), // Greek keeps its accents
        ("ΟΔΟΣ Οδός", "οδος-οδός"),      // Greek final sigma, whatever the case
        ("ΣΣΣ", "σσς"),                  // only the last sigma of a word is final
        ("Σ", "σ"),                      // a lone sigma is no word end
        ("أخبار العالم", "أخبار-العالم"), // Arabic letters kept, hamza recomposed
        ("مُحَمَّد", "مُحَمَّد"),                // Arabic vowel marks kept
        ("٢٠٢٤ عام", "٢٠٢٤-عام"),        // Arabic-Indic digits kept
        ("新闻 中国", "新闻-中国"),      // Chinese ideographs kept
        ("東京・オリンピック", "東京-オリンピック"), // Japanese middle dot is a separator
        ("データ", "データ"),            // kana voicing mark recomposed
        ("ひらがな", "ひらがな"),        // hiragana kept
        ("한국 뉴스", "한국-뉴스"),      // Hangul syllables recomposed
        ("हिन्दी समाचार", "हिन्दी-समाचार"), // Devanagari vowel signs and virama kept
        ("😀", ""),                      // emoji only: no letter
        ("🇺🇦 Україна", "україна"),       // a flag is a separator, dropped at the start
        ("I ❤️ NY", "i-ny"),             // emoji and variation selector make one dash
        ("1️⃣ news", "1-news"),           // a keycap is a symbol, not a mark of the digit
        ("C++ & C#", "c-c"),             // symbols are separators
        ("Tokyo 東京 Токио", "tokyo-東京-токио"), // mixed scripts
        ("x\u{301}\u{301}y", "xy"),      // several marks on an ASCII letter all dropped
        ("", ""),                        // nothing in, nothing out
        ("!!!", ""),
        ("snake_case", "snake-case"), // an underscore is punctuation, a separator like any other                     // punctuation only
        (long_ascii.as_str(), long_ascii_want.as_str()), // 16 words and 15 dashes: 79 bytes, never a dash at the cut
        (long_cjk.as_str(), long_cjk_want.as_str()), // cut at a character boundary: 26 of 3 bytes
        (long_devanagari.as_str(), long_devanagari_want.as_str()), // the 13th क fits at 78 bytes but not its vowel sign: both go
    ];
    for (text, want) in rows {
        assert_eq!(slug(text), *want, "{text:?}");
    }
}

/// A letter with more marks than fit keeps the marks that fit, so the
/// slug of text with a letter is never empty.
#[test]
fn one_letter_with_many_marks() {
    let text = format!("я{}", "\u{301}".repeat(100));
    let got = slug(&text);
    assert!(got.starts_with('я'), "{got:?}");
    assert!(got.len() <= MAX_BYTES && got.len() > 70, "{}", got.len());
}

/// Text of many kinds: scripts, marks, separators, invisible and
/// special characters, and anything at all.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(vec![
            "a",
            "Z",
            "é",
            "e\u{301}",
            "ß",
            "ẞ",
            "İ",
            "ı",
            "Σ",
            "ς",
            "σ",
            "й",
            "И\u{306}",
            "ệ",
            "ø",
            "þ",
            "デ",
            "テ\u{3099}",
            "한",
            "\u{1100}\u{1161}",
            "कि",
            "\u{94D}",
            "مُ",
            "٢",
            "東",
            "😀",
            "❤️",
            "1️⃣",
            " ",
            "-",
            ".",
            "/",
            "\\",
            "\u{0}",
            "\u{AD}",
            "\u{200D}",
            "\u{301}",
            "\u{20E3}",
            "ǿ",
            "Ǿ",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

proptest! {
    // Failures are reported, not written into the source tree.
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A slug is its own slug, within the size, of letters, digits, marks
    /// and single inner dashes only, and empty only for text with no letter
    /// or digit.
    #[test]
    fn slug_properties(text in text()) {
        let once = slug(&text);
        prop_assert_eq!(slug(&once), once.clone());
        prop_assert!(once.len() <= MAX_BYTES);
        prop_assert!(!once.starts_with('-') && !once.ends_with('-'));
        prop_assert!(!once.contains("--"));
        prop_assert!(once != "." && once != "..");
        prop_assert!(once
            .chars()
            .all(|c| c == '-' || c.is_alphanumeric() || is_combining_mark(c)));
        prop_assert!(!once.chars().any(|c| c.is_control() || matches!(c, '/' | '\\' | '.')));
        if once.is_empty() {
            prop_assert!(!text
                .chars()
                .any(|c| c.is_alphanumeric() && !is_combining_mark(c)));
        }
    }
}
