//! The simple reader against the YAML parser.

use yaml_rust2::parser::{Event, Parser};

use super::super::Place;
use super::events;

/// The YAML parser's events for `block`, up to the end of its top-level
/// table, each with its place.
fn parsed(block: &str) -> Vec<(Event, Place)> {
    let mut parser = Parser::new_from_str(block);
    let mut out = Vec::new();
    let mut depth = 0usize;
    loop {
        let (event, mark) = parser.next_token().expect("a valid block");
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            _ => {}
        }
        let end = matches!(event, Event::MappingEnd) && depth == 0;
        out.push((event, Place::from(mark)));
        if end || matches!(out.last(), Some((Event::StreamEnd, _))) {
            return out;
        }
    }
}

/// Events and places, but not the place of the table's end, which nothing
/// reads.
fn comparable(events: &[(Event, Place)]) -> Vec<(Event, Option<Place>)> {
    events
        .iter()
        .map(|(event, place)| {
            let place = (!matches!(event, Event::MappingEnd)).then_some(*place);
            (event.clone(), place)
        })
        .collect()
}

#[test]
fn simple_blocks_read_as_the_yaml_parser_reads_them() {
    let blocks = [
        // The usual block.
        "title: \"Port reopens \u{2014} at last\"\ndate: 2016-02-09T14:33:00+04:00\nsummary: \"Ships \u{201c}return\u{201d} & trade\"\ntags: [\"Football\", \"Dubai\"]",
        // Plain values of every type the schema knows.
        "title: Harbour works\ncount: 12\nratio: 1.5\ndraft: false\nnothing: null\ntilde: ~",
        // Single quotes, with a doubled quote inside.
        "title: 'It''s done'\nauthor: 'Zo\u{eb} Martin'",
        // Escaped quote and backslash in double quotes.
        "title: \"A \\\"quoted\\\" word and a \\\\ slash\"",
        // A list of plain and quoted items, with spaces and non-ASCII text.
        "tags: [ caf\u{e9},  \"\u{6771}\u{4eac}\", 'a b' , plain text ]\nsection: world",
        // An empty list, blank lines between keys, spaces after values.
        "tags: []\n\nslug: port-reopens   \n   \nauthor: Mar\u{ed}a L\u{f3}pez",
        // Keys with digits, dashes and underscores; a colon without a space.
        "og_image-2: https://example.com/a.jpg\nupdated: 10:30",
        // A value with a `#` not after a space, and wide spaces between.
        "title:    C# for \u{645}\u{62f}\u{64a}\u{646}\u{629}  ",
        // Keys that YAML types: a boolean and a number.
        "true: yes\nno: 3",
        // An item after wide characters: columns count characters.
        "tags: [\"\u{1f600}\u{1f600}\", \u{4e2d}\u{6587}, x]",
    ];
    for block in blocks {
        let simple: Vec<_> = events(block)
            .unwrap_or_else(|| panic!("{block:?} is simple"))
            .collect();
        assert_eq!(comparable(&simple), comparable(&parsed(block)), "{block:?}");
    }
}

#[test]
fn other_blocks_are_left_to_the_yaml_parser() {
    let blocks = [
        // A comment.
        "title: A # note",
        "# heading\ntitle: A",
        // A block list.
        "tags:\n  - a\n  - b",
        // A nested table.
        "author:\n  name: A",
        // An anchor, an alias and a tag.
        "a: &x 1\nb: *x",
        "a: !!str 1",
        // Escapes other than quote and backslash.
        "title: \"line\\nbreak\"",
        // A quoted value that runs on.
        "title: \"open\n  end\"",
        "title: 'open",
        // Text after a closing quote.
        "title: \"a\" b",
        // A mapping value inside a plain one.
        "title: a: b",
        // A trailing colon.
        "title: a:",
        // An empty value.
        "title:",
        "title: ",
        // A tab.
        "title:\ta",
        "title: a\tb",
        // Carriage returns.
        "title: a\r\nslug: b",
        // A list that runs on, nests, or has an empty item.
        "tags: [a, b",
        "tags: [a, [b]]",
        "tags: [a, , b]",
        "tags: [a, b,]",
        "tags: [a] x",
        // A flow table.
        "author: {name: A}",
        // A list too long to queue its events whole.
        &format!("tags: [{}]", vec!["a"; 257].join(", ")),
        // Indented keys, a document marker, directives.
        "  title: A",
        "---\ntitle: A",
        "%YAML 1.2\n---\ntitle: A",
        // A control character and a byte-order mark.
        "title: a\u{7}b",
        "\u{feff}title: A",
        // An indicator first.
        "title: - a",
        "title: @home",
        "title: |",
        // Nothing at all.
        "",
        "   \n ",
    ];
    for block in blocks {
        assert!(events(block).is_none(), "{block:?}");
    }
}

/// Blocks put together from fragments, many of them near misses: whenever
/// the simple reader takes one, the YAML parser reads it the same way.
#[test]
fn generated_blocks_agree_with_the_yaml_parser() {
    let keys = ["title", "tags", "a-b", "_x", "true", "n1", "date"];
    let values = [
        "plain words",
        "\"double \\\" quoted\"",
        "'single ''quoted'''",
        "[a, \"b c\", 'd']",
        "[]",
        "[ x ]",
        "12",
        "-3.5e2",
        "2023-08-08 22:37",
        "caf\u{e9} \u{2014} \u{201c}q\u{201d}",
        "a:b",
        "a #b",
        "a# b",
        "x, y",
        "\"\"",
        "''",
        "[\"\u{627}\u{644}\", \u{4e2d}]",
        "NULL",
        "~",
        "yes",
        "a:",
        "[a,b]",
        "[a , b ]",
        "[a]]",
        "\"a\\tb\"",
        "'it's'",
        "-a",
        "a -",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).expect("small")
    };
    let mut taken = 0;
    for _ in 0..3_000 {
        let mut block = String::new();
        let mut used = std::collections::HashSet::new();
        for _ in 0..=next(4) {
            let key = keys[next(keys.len())];
            if !used.insert(key) {
                continue;
            }
            let gap = [" ", "  ", " "][next(3)];
            block.push_str(&format!("{key}:{gap}{}\n", values[next(values.len())]));
            if next(5) == 0 {
                block.push('\n');
            }
        }
        if let Some(simple) = events(&block) {
            let simple: Vec<_> = simple.collect();
            taken += 1;
            assert_eq!(
                comparable(&simple),
                comparable(&parsed(&block)),
                "{block:?}"
            );
        }
    }
    // The fragments hold enough simple values for most blocks to be taken.
    assert!(taken > 300, "{taken}");
}
