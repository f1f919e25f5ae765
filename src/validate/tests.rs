use super::*;

/// Line and column by counting from the start, for comparison: a line
/// ends at LF, or at a CR that no LF follows.
fn counted(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let bytes = text.as_bytes();
    let breaks: Vec<usize> = before
        .char_indices()
        .filter(|&(i, c)| c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i)
        .collect();
    let line_start = breaks.last().map_or(0, |i| i + 1);
    (breaks.len() + 1, before[line_start..].chars().count() + 1)
}

/// Places found in one pass agree with counting from the start, on
/// text with multi-byte characters, empty lines, CR LF and a CR alone,
/// for every character boundary and for every third one.
#[test]
fn places_match_counting_from_the_start() {
    let text = "<a>\né😀 x\r\n\n<b>مرحبا</b>\n\n  <c/>z\r<d/>\r\r\ny";
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for offsets in [
        boundaries.clone(),
        boundaries.iter().copied().step_by(3).collect(),
    ] {
        let want: Vec<_> = offsets.iter().map(|&o| counted(text, o)).collect();
        assert_eq!(places(text, &offsets), want);
    }
    assert_eq!(places(text, &[text.len() + 5]), [counted(text, text.len())]);
}

/// Findings come out sorted by place, same-place ones in the order
/// they were pushed, and a message can name another place's line.
#[test]
fn findings_are_placed_and_sorted() {
    let text = "line one\nline two\nline three";
    let mut messages = Messages::default();
    messages.push(Class::MissingGuid, Pos::at(20), "third line");
    messages.push(Class::MissingItemDate, Pos::at(9), "second line, first");
    messages.push(Class::MissingGuid, Pos::at(9), "second line, second");
    messages.push_naming_line(
        Class::DuplicateEntryId,
        Pos::at(0),
        "also on line ".to_owned(),
        Pos::at(25),
    );
    let placed: Vec<(usize, usize, String)> = messages
        .into_sorted(text)
        .into_iter()
        .map(|m| (m.line, m.column, m.message))
        .collect();
    assert_eq!(
        placed,
        [
            (1, 1, "also on line 3".to_owned()),
            (2, 1, "second line, first".to_owned()),
            (2, 1, "second line, second".to_owned()),
            (3, 3, "third line".to_owned()),
        ]
    );
}
