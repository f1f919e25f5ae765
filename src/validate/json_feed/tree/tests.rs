//! The JSON reader against serde_json, and its places and limits.

use super::*;

/// The reader agrees with serde_json on what every case is, and
/// rejects what serde_json rejects, at the place given.
#[test]
fn reads_json() {
    let cases: &[(&str, Option<usize>)] = &[
        // Every kind of value.
        (
            r#"{"a": [1, -2.5e+3, true, false, null, "x", {}, []]}"#,
            None,
        ),
        // Every escape, and a surrogate pair.
        (r#"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]"#, None),
        // Raw non-ASCII, U+2028 and DEL are fine in strings.
        ("[\"é😀\u{2028}\u{7f}\"]", None),
        // Blanks around everything.
        (" \t\r\n{ \"a\" : 1 , \"b\" : [ ] }\n", None),
        // A trailing comma in an object.
        (r#"{"a": 1,}"#, Some(8)),
        // A trailing comma in an array.
        ("[1,]", Some(3)),
        // A leading zero.
        ("[01]", Some(2)),
        // A bare `-`.
        ("[-]", Some(2)),
        // A fraction without digits.
        ("[1.]", Some(3)),
        // An exponent without digits.
        ("[1e+]", Some(4)),
        // Single quotes.
        ("{'a': 1}", Some(1)),
        // A raw tab in a string.
        ("[\"a\tb\"]", Some(3)),
        // An unknown escape.
        (r#"["\x"]"#, Some(3)),
        // A lone high surrogate.
        (r#"["\ud83d"]"#, Some(2)),
        // A lone low surrogate.
        (r#"["\ude00x"]"#, Some(2)),
        // Too few hex digits.
        (r#"["\u12"]"#, Some(2)),
        // An unclosed string.
        (r#"{"a": "b"#, Some(6)),
        // A missing colon.
        (r#"{"a" 1}"#, Some(5)),
        // Two values.
        ("{} {}", Some(3)),
        // A misspelt literal.
        ("[tru]", Some(1)),
        // Nothing after the opening brace.
        ("{", Some(1)),
    ];
    for &(text, error_at) in cases {
        let ours = parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{text}: {ours:?}");
        assert_eq!(ours.as_ref().err().map(|e| e.at), error_at, "{text}");
    }
}

/// Strings come out unescaped, borrowed when they hold no escape, and
/// every value knows where it starts.
#[test]
fn strings_and_places() {
    let text = r#"{"plain": "abc", "esc\"aped": "a\u00e9\ud83d\ude00\n", "n": 12}"#;
    let root = parse(text).expect("JSON");
    assert_eq!(root.value, Value::Object);
    let read: Vec<_> = members(text, root.at).collect();
    assert_eq!(read[0].name, "plain");
    assert!(matches!(
        read[0].value.value,
        Value::String(Cow::Borrowed("abc"))
    ));
    assert_eq!(read[0].value.at, 10);
    assert_eq!(read[1].name, "esc\"aped");
    assert_eq!(read[1].at, 17);
    assert_eq!(
        read[1].value.value,
        Value::String(Cow::Owned("aé😀\n".to_owned()))
    );
    assert_eq!(read[2].value.value, Value::Number("12"));
    assert_eq!(&text[read[2].value.at..], "12}");
    assert_eq!(key_at(text, read[1].at).as_deref(), Some("esc\"aped"));
    assert_eq!(key_at(text, read[2].value.at).as_deref(), Some("12"));
}

/// A document nested far past the limit is an error, not a stack
/// overflow; one at the limit reads.
#[test]
fn deep_nesting_stops_the_read() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let error = parse(&deep).expect_err("too deep");
    assert!(error.too_deep);
    assert_eq!(error.at, MAX_DEPTH);
    let objects = r#"{"a":"#.repeat(100_000);
    assert!(parse(&objects).expect_err("too deep").too_deep);
    // The limit is serde_json's.
    let fits = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&fits).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&fits).is_ok());
    let over = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert!(parse(&over).expect_err("too deep").too_deep);
    assert!(serde_json::from_str::<serde_json::Value>(&over).is_err());
}

/// An array or object comes back as its kind and place, and is read
/// again one value at a time, its own arrays and objects again only as
/// places; every fault is found by the first read, nested or not.
#[test]
fn arrays_and_objects_are_read_again_value_by_value() {
    let text = r#" [ {"a": [1, {"b": 2}], "a": null} , [] , "x" ] "#;
    let root = parse(text).expect("JSON");
    assert_eq!((root.at, &root.value), (1, &Value::Array));
    let values: Vec<_> = elements(text, root.at).collect();
    let kinds: Vec<_> = values.iter().map(|e| (e.at, e.value.kind())).collect();
    assert_eq!(
        kinds,
        [(3, "an object"), (37, "an array"), (42, "a string")]
    );
    let object: Vec<_> = members(text, values[0].at).collect();
    assert_eq!(object.len(), 2);
    assert_eq!((object[0].name.as_ref(), object[0].at), ("a", 4));
    assert_eq!(object[0].value.value, Value::Array);
    let inner: Vec<_> = elements(text, object[0].value.at).collect();
    assert_eq!(inner[1].value, Value::Object);
    assert_eq!(object[1].value.value, Value::Null);
    assert_eq!(elements(text, values[1].at).count(), 0);
    assert!(parse(r#"{"_ext": [1, 2,]}"#).is_err());
    assert!(parse(r#"{"a": [[[[[[1, ]]]]]]}"#).is_err());
}

/// A read again passes over nested arrays and objects by their brackets:
/// brackets, quotes and backslashes inside strings, and deep nesting,
/// leave every value after them at its place, as a full read finds it.
#[test]
fn passing_over_finds_every_place_a_full_read_does() {
    let cases = [
        // Brackets and braces inside strings.
        r#"[{"a": "]}", "b": ["[", "{"]}, 2, "x"]"#,
        // Escaped quotes and backslashes before a closing bracket.
        r#"[["\"]", "\\"], {"k": "\\\""}, [], {}, null]"#,
        // Nesting several levels down, with blanks everywhere.
        " [ [ [ [ 1 ] , { \"a\" : [ { } ] } ] ] , true ] ",
        // Unicode escapes and raw non-ASCII.
        r#"[{"\u005d": "é]"}, "\ud83d\ude00", [0.5e-3]]"#,
    ];
    for text in cases {
        let root = parse(text).expect("JSON");
        let walked: Vec<usize> = elements(text, root.at).map(|n| n.at).collect();
        // The places a full read gives: each element read by the checking
        // reader, one after the other.
        let mut reader = Reader {
            text,
            at: root.at + 1,
            checked: false,
        };
        let mut places = Vec::new();
        loop {
            reader.skip_blanks();
            if reader.peek() == Some(b']') {
                break;
            }
            places.push(reader.value(1).expect("element").at);
            reader.skip_blanks();
            if reader.peek() == Some(b',') {
                reader.at += 1;
            }
        }
        assert_eq!(walked, places, "{text}");
    }
}
