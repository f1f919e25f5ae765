//! The two-letter language codes of ISO 639-1, which an RSS `language`
//! starts with when its first subtag has two letters (RSS 2.0 points to
//! the codes of ISO 639 and of RFC 1766, now BCP 47). `in`, `iw` and `ji`,
//! withdrawn in 1989 for `id`, `he` and `yi`, are still what some systems
//! write, and are accepted.

/// The codes, sorted, lowercase.
const CODES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb",
    "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
    "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or",
    "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se",
    "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te",
    "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz",
    "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Whether a two-letter subtag (any case) is an ISO 639-1 code.
pub fn is_iso639_1(subtag: &str) -> bool {
    let lower = subtag.to_ascii_lowercase();
    CODES.binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_and_two_letters() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(CODES.iter().all(|c| c.len() == 2));
    }

    #[test]
    fn codes() {
        let cases: &[(&str, bool)] = &[
            ("en", true),  // English
            ("EN", true),  // any case
            ("zh", true),  // Chinese
            ("iw", true),  // Hebrew's withdrawn code, still written
            ("xx", false), // no such language
            ("uk", true),  // Ukrainian (the country is `gb`)
            ("gb", false), // a country, not a language
        ];
        for (code, want) in cases {
            assert_eq!(is_iso639_1(code), *want, "{code}");
        }
    }
}
