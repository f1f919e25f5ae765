//! Real-shaped news text: English in Latin script with accented names and
//! places, typographic quotes and dashes, `&`, ellipses, now and then a
//! no-break space; a minority of titles and paragraphs in Arabic, Chinese
//! or Japanese, or Cyrillic script. Markdown articles also write entities.

use super::Rng;
use super::ascii::{CREDITS, WORDS};
use super::vocabulary::{
    ARABIC, CJK, CYRILLIC, LATIN_NAMES, LATIN_PLACES, OTHER_NAMES, TAG_WEIGHTS, TAGS, tag,
};

/// The script a title, dek or paragraph is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Arabic,
    Cjk,
    Cyrillic,
}

/// A script for a title or paragraph: about 92% English, 4% Arabic, 2%
/// Chinese or Japanese, 2% Russian.
pub(super) fn script(rng: &mut Rng) -> Script {
    match rng.below(100) {
        0..92 => Script::Latin,
        92..96 => Script::Arabic,
        96..98 => Script::Cjk,
        _ => Script::Cyrillic,
    }
}

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[rng.below(from.len() as u64) as usize]
}

/// A name or place for English copy: mostly Latin script (often with
/// accents), one in eight in another script.
fn proper_noun(rng: &mut Rng) -> &'static str {
    match rng.below(8) {
        0 => pick(rng, OTHER_NAMES),
        1..4 => pick(rng, LATIN_PLACES),
        _ => pick(rng, LATIN_NAMES),
    }
}

/// Appends an English sentence of about `count` words to `out`, with the
/// decorations news copy has.
fn sentence(rng: &mut Rng, count: u64, out: &mut String) {
    let mut quote_open = false;
    for i in 0..count {
        if i > 0 {
            // A dash clause, or an ampersand between two words.
            match rng.below(40) {
                0 => out.push_str(" — "),
                1 => out.push_str(" & "),
                _ => out.push(' '),
            }
        }
        if !quote_open && i + 3 < count && rng.below(30) == 0 {
            out.push('“');
            quote_open = true;
        }
        match rng.below(14) {
            0 => out.push_str(proper_noun(rng)),
            1 if rng.below(3) == 0 => {
                // A figure: a range with an en dash, or a quantity held to
                // its unit by a no-break space.
                let low = 2000 + rng.below(20);
                if rng.below(2) == 0 {
                    out.push_str(&format!("{low}–{}", low + 1 + rng.below(5)));
                } else {
                    out.push_str(&format!("{}\u{a0}km", 1 + rng.below(400)));
                }
            }
            _ => {
                let word = pick(rng, WORDS);
                if i == 0 {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                } else {
                    out.push_str(word);
                }
                // Possessives and contractions take the typographic
                // apostrophe.
                if rng.below(25) == 0 {
                    out.push_str("’s");
                }
            }
        }
        if quote_open && rng.below(4) == 0 {
            out.push('”');
            quote_open = false;
        }
    }
    if quote_open {
        out.push('”');
    }
    match rng.below(20) {
        0 => out.push('…'),
        1 => out.push('?'),
        _ => out.push('.'),
    }
}

/// Appends words of a script that separates words with spaces.
fn spaced(rng: &mut Rng, from: &[&str], count: u64, comma: char, out: &mut String) {
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(pick(rng, from));
        if i + 1 < count && rng.below(9) == 0 {
            out.push(comma);
        }
    }
    out.push('.');
}

/// Appends a run of Chinese or Japanese phrases with no spaces.
fn cjk(rng: &mut Rng, count: u64, out: &mut String) {
    for i in 0..count {
        out.push_str(pick(rng, CJK));
        if i + 1 < count && rng.below(5) == 0 {
            out.push('、');
        }
    }
    out.push('。');
}

/// A paragraph of `words` words (characters count less in Chinese and
/// Japanese) in `script`.
pub(super) fn paragraph(rng: &mut Rng, script: Script, words: u64) -> String {
    let mut out = String::with_capacity(words as usize * 8);
    let mut left = words;
    while left > 0 {
        let n = rng.between(6, 22).min(left);
        left -= n;
        if !out.is_empty() {
            out.push(' ');
        }
        match script {
            Script::Latin => sentence(rng, n, &mut out),
            Script::Arabic => spaced(rng, ARABIC, n, '،', &mut out),
            Script::Cyrillic => spaced(rng, CYRILLIC, n, ',', &mut out),
            Script::Cjk => cjk(rng, n.div_ceil(2), &mut out),
        }
    }
    out
}

/// A headline of `words` words in `script`: no final stop, and in
/// English now and then a quotation in single quotes or a dash.
pub(super) fn headline(rng: &mut Rng, script: Script, words: u64) -> String {
    let mut out = String::new();
    match script {
        Script::Latin => {
            let quoted = rng.below(6) == 0;
            if quoted {
                out.push('‘');
            }
            sentence(rng, words, &mut out);
            out.pop();
            if quoted {
                out.push('’');
            }
            if rng.below(5) == 0 {
                out.push_str(" — ");
                out.push_str(proper_noun(rng));
            }
        }
        Script::Arabic => {
            spaced(rng, ARABIC, words, '،', &mut out);
            out.pop();
        }
        Script::Cyrillic => {
            spaced(rng, CYRILLIC, words, ',', &mut out);
            out.pop();
        }
        Script::Cjk => {
            cjk(rng, words.div_ceil(2), &mut out);
            out.pop();
        }
    }
    out
}

/// A photo caption in English, ending with a credit.
pub(super) fn caption(rng: &mut Rng) -> String {
    let n = rng.between(8, 14);
    let mut out = String::new();
    sentence(rng, n, &mut out);
    out.push(' ');
    out.push_str(pick(rng, CREDITS));
    out
}

/// 1 to 5 distinct tags, drawn with Zipf weights from the 200.
pub(super) fn tags(rng: &mut Rng) -> Vec<String> {
    let count = rng.between(1, 5);
    let total = TAG_WEIGHTS[TAGS - 1];
    let mut ranks: Vec<usize> = Vec::new();
    for _ in 0..count {
        let draw = rng.below(total);
        let rank = TAG_WEIGHTS.partition_point(|&w| w <= draw);
        if !ranks.contains(&rank) {
            ranks.push(rank);
        }
    }
    ranks.into_iter().map(tag).collect()
}

/// A byline name.
pub(super) fn author(rng: &mut Rng) -> &'static str {
    if rng.below(10) == 0 {
        pick(rng, &OTHER_NAMES[9..])
    } else {
        pick(rng, LATIN_NAMES)
    }
}

/// The same paragraph as Markdown writes it: some characters as named or
/// numeric entities, `&` as `&amp;`, now and then emphasis or a link.
pub(super) fn markdown(rng: &mut Rng, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '’' if rng.below(3) == 0 => out.push_str("&rsquo;"),
            '’' if rng.below(3) == 0 => out.push_str("&#8217;"),
            '—' if rng.below(2) == 0 => out.push_str("&mdash;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            'é' if rng.below(4) == 0 => out.push_str("&eacute;"),
            _ => out.push(c),
        }
    }
    match rng.below(6) {
        0 => out.push_str(" *Read more* in our [archive](https://news.example.com/archive/)."),
        1 => out.push_str(" The report is **due next week**."),
        _ => {}
    }
    out
}
