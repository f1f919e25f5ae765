//! Photo captions: the paragraph after a news article's dek that ends
//! with a photo credit.

/// Photo agencies and credits that end a caption.
const CREDITS: &[&str] = &[
    "AFP",
    "AP",
    "EPA",
    "Reuters",
    "Getty Images",
    "Getty",
    "PA",
    "Bloomberg",
    "WAM",
    "SPA",
    "Alamy",
    "Shutterstock",
    "Supplied",
    "Handout",
    "Courtesy",
    "EPA-EFE",
    "ANP",
    "dpa",
    "Xinhua",
    "NurPhoto",
    "Sipa",
    "Zuma",
    "UPI",
    "Anadolu",
    "Wikimedia Commons",
    "The National",
];

/// Why a paragraph is taken for a photo caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Caption<'a> {
    /// It ends with this photo credit.
    Credit(&'a str),
    /// A boilerplate line follows it.
    BeforeBoilerplate,
}

/// Whether a paragraph is a photo caption, and why: its last part (after
/// the last sentence, `/` or `|`) is a photo credit (`... in Arlington,
/// Virginia. EPA`), or it stood right before a boilerplate line.
pub(super) fn caption(text: &str, before_boilerplate: bool) -> Option<Caption<'_>> {
    let text = text.trim().trim_end_matches('.');
    // A credit has at most six words, so only a separator near the end can
    // start one: the search is kept to the end of the text.
    let near = credit_region(text);
    SEPARATORS
        .iter()
        .find_map(|sep| {
            // The separators are ASCII, so a match starts and ends on
            // character boundaries.
            let segment = match last_separator(&text.as_bytes()[near..], sep) {
                Some(at) => text[near + at + sep.len()..].trim(),
                // With no separator, the whole text is the credit, which it
                // cannot be if it is longer than the region searched.
                None if near == 0 => text.trim(),
                None => return None,
            };
            is_photo_credit(segment).then_some(Caption::Credit(segment))
        })
        .or(before_boilerplate.then_some(Caption::BeforeBoilerplate))
}

/// Where `sep` (a punctuation mark with blanks around it) last occurs in
/// `bytes`: found by its mark, with a vector search.
fn last_separator(bytes: &[u8], sep: &str) -> Option<usize> {
    let sep = sep.as_bytes();
    let lead = sep.iter().take_while(|&&b| b == b' ').count();
    memchr::memrchr_iter(sep[lead], bytes).find_map(|mark| {
        let start = mark.checked_sub(lead)?;
        bytes
            .get(start..start + sep.len())?
            .eq(sep)
            .then_some(start)
    })
}

/// What may stand between a caption and its credit.
const SEPARATORS: [&str; 4] = [". ", " / ", "| ", "; "];

/// Where to look for the separator before a credit: a separator ends in a
/// blank, so one that leaves at most six words after it ends in the gap
/// before the sixth word from the end, and starts at most two bytes before
/// that gap. (A separator further back leaves too many words, and so does
/// none at all in a text of more than six words.)
fn credit_region(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut chars = text.char_indices().rev();
    while let Some((at, c)) = chars.next() {
        if !c.is_whitespace() {
            in_word = true;
            continue;
        }
        if in_word {
            words += 1;
            in_word = false;
        }
        if words == 6 {
            let mut gap = at;
            for (at, c) in chars.by_ref() {
                if !c.is_whitespace() {
                    break;
                }
                gap = at;
            }
            let mut start = gap.saturating_sub(2);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            return start;
        }
    }
    0
}

/// Whether a short text is a photo credit: a known agency, `X via Getty
/// Images`, `Photo: X`, `Courtesy X`, or a name ending in a known agency.
pub fn is_photo_credit(segment: &str) -> bool {
    let words = segment.split_whitespace().take(7).count();
    if words == 0 || words > 6 {
        return false;
    }
    let ends_with_credit = |credit: &str| {
        let Some(head_len) = segment.len().checked_sub(credit.len()) else {
            return false;
        };
        let (head, tail) = match (segment.get(..head_len), segment.get(head_len..)) {
            (Some(h), Some(t)) => (h, t),
            _ => return false,
        };
        tail.eq_ignore_ascii_case(credit) && (head.is_empty() || head.ends_with([' ', '/']))
    };
    let starts_with_word = |word: &str| {
        segment
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    CREDITS.iter().any(|c| ends_with_credit(c))
        || [
            "photo",
            "photograph",
            "picture",
            "courtesy",
            "credit",
            "image",
        ]
        .iter()
        .any(|w| starts_with_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The caption test searched the whole text for each separator; it now
    /// searches only near the end. Both give the same answer.
    #[test]
    fn caption_search_near_the_end_matches_a_whole_search() {
        fn whole(text: &str) -> bool {
            let text = text.trim().trim_end_matches('.');
            SEPARATORS.iter().any(|sep| {
                let tail = text.rfind(sep).map_or(text, |i| &text[i + sep.len()..]);
                is_photo_credit(tail.trim())
            })
        }
        const TOKENS: &[&str] = &[
            "AP",
            "EPA",
            "Reuters",
            "Getty",
            "Images",
            "via",
            "Photo:",
            "words",
            "caf\u{e9}",
            "\u{a0}",
            ".",
            ". ",
            " ",
            "  ",
            " / ",
            "/",
            "| ",
            "|",
            "; ",
            ";",
            "\u{2003}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0) % n
        };
        for _ in 0..20_000 {
            let len = next(24);
            let text: String = (0..len).map(|_| TOKENS[next(TOKENS.len())]).collect();
            assert_eq!(caption(&text, false).is_some(), whole(&text), "{text:?}");
        }
    }
}
