use super::*;
use chrono::{DateTime, Datelike, FixedOffset};

/// Checks one date both ways: the quick path (`quick`) accepts it only
/// when the long way (`full`) has nothing to say of it, and the check
/// as called (`checked`) finds what the long way finds. Whether the
/// quick path accepted it.
fn agree(
    value: &str,
    quick: fn(&[u8]) -> bool,
    full: fn(&str) -> Vec<Finding>,
    checked: fn(&str) -> Vec<Finding>,
) -> bool {
    let findings = full(value);
    let accepted = quick(value.as_bytes());
    if accepted {
        assert!(findings.is_empty(), "{value}: {findings:?}");
    }
    assert_eq!(checked(value).is_empty(), findings.is_empty(), "{value}");
    accepted
}

/// `written` with one byte changed to each of `replacements`, at every
/// `stride`-th byte.
fn changed(written: &str, stride: usize, replacements: &[u8]) -> Vec<String> {
    let bytes = written.as_bytes();
    (0..bytes.len())
        .step_by(stride)
        .flat_map(|at| {
            replacements.iter().filter_map(move |&b| {
                let mut changed = bytes.to_vec();
                changed[at] = b;
                String::from_utf8(changed).ok()
            })
        })
        .collect()
}

/// An instant and an offset (whole minutes within `most_minutes` of
/// zero) for case `i`, spread over `years` years from `first`.
fn instant(i: i64, first: i64, years: i64, most_minutes: i64) -> (DateTime<FixedOffset>, bool) {
    let seconds = first + (i * 79_193_117_417).rem_euclid(years * 365 * 86_400);
    let instant = DateTime::from_timestamp(seconds, 0).expect("in range");
    let minutes = (i * 3_037).rem_euclid(2 * most_minutes + 1) - most_minutes;
    let offset =
        FixedOffset::east_opt(i32::try_from(minutes * 60).expect("small")).expect("in range");
    let local = instant.with_timezone(&offset);
    (local, (1..10_000).contains(&local.year()))
}

/// The quick check of usual RSS dates never says a date is clean that
/// the full check has something to say of.
#[test]
fn plain_rfc822_dates_agree_with_the_full_check() {
    let check = |value: &str| agree(value, plainly_valid_rfc822, full_rfc822, rfc822);
    // 1900 to 2099, offsets of -14:00 to +14:00.
    for i in 0..4000i64 {
        let (local, _) = instant(i, -2_208_988_800, 200, 840);
        let written = local.format("%a, %d %b %Y %H:%M:%S %z").to_string();
        assert!(check(&written), "{written}");
        for value in changed(&written, 1 + (i as usize % 5), b"01269x ,:+A") {
            check(&value);
        }
    }
    for value in [
        "Tue, 29 Feb 2023 10:00:00 +0000",
        "Wed, 08 Aug 2023 22:37:00 +0400",
        "Tue, 08 Aug 2023 24:00:00 +0400",
        "Tue, 08 Aug 2023 22:37:00 +0460",
        "Tue, 08 Aug 2023 22:37:61 +0400",
        "Tue, 08 Aug 2023 22:60:00 +0400",
        "Tue, 32 Aug 2023 22:37:00 +0400",
        "Tue, 08 Aug 2023 22:37:00 GMT  ",
        "Tue,  8 Aug 2023 22:37:00 +0400",
    ] {
        assert!(!check(value), "{value}");
    }
    assert!(check("Tue, 08 Aug 2023 22:37:60 -1259"));
}

/// The quick check of usual Atom dates never says a date is clean that
/// the full check (chrono's parser) has something to say of.
#[test]
fn plain_rfc3339_dates_agree_with_the_full_check() {
    let check = |value: &str| agree(value, plainly_valid_rfc3339, full_rfc3339, rfc3339);
    let mut quick = 0;
    // Years 1 to 9999, offsets of -23:59 to +23:59.
    for i in 0..4000i64 {
        let (local, in_range) = instant(i, -62_135_596_800, 10_000, 1_439);
        let written = if i % 7 == 0 {
            local.to_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
        } else {
            local.to_rfc3339()
        };
        if in_range {
            assert!(check(&written), "{written}");
            quick += 1;
        }
        for value in changed(&written, 1 + (i as usize % 5), b"012359x-:+Z.T") {
            check(&value);
        }
    }
    assert!(quick > 3500, "{quick}");
    for value in [
        "2023-02-29T10:00:00Z",
        "2023-08-08T24:00:00Z",
        "2023-08-08T22:37:60Z",
        "2023-08-08T22:37:00+24:00",
        "2023-08-08T22:37:00.5Z",
        "0000-01-01T00:00:00Z",
        "2023-08-08 22:37:00Z",
    ] {
        assert!(!check(value), "{value}");
    }
}

/// The quick paths' instants are chrono's: a feed's dates are judged
/// plausible or not by them.
#[test]
fn plain_dates_have_chronos_instants() {
    for i in 0..4000i64 {
        let (local, in_range) = instant(i, -62_135_596_800, 10_000, 1_439);
        if in_range {
            let atom = local.to_rfc3339();
            assert_eq!(
                plain_rfc3339(atom.as_bytes()),
                Some(local.timestamp()),
                "{atom}"
            );
        }
        let (local, _) = instant(i, -2_208_988_800, 200, 840);
        let rss = local.format("%a, %d %b %Y %H:%M:%S %z").to_string();
        assert_eq!(
            rfc822::plain_rfc822(rss.as_bytes()),
            Some(local.timestamp()),
            "{rss}"
        );
    }
}

/// Dates out of the plausible range warn, in either form and either
/// path; those within it do not.
#[test]
fn implausible_dates() {
    let classes = |findings: Vec<Finding>| findings.into_iter().map(|f| f.0).collect::<Vec<_>>();
    let implausible = [Class::ImplausibleDate];
    for value in [
        "3023-08-08T22:37:00+04:00",
        "3023-08-08T22:37:00.5+04:00",
        "1969-12-31T23:59:59Z",
        "1970-01-01T03:59:59+04:00",
    ] {
        let found = classes(feed_rfc3339(value));
        assert!(
            found.contains(&Class::ImplausibleDate),
            "{value}: {found:?}"
        );
    }
    for value in ["1970-01-01T00:00:00Z", "2023-08-08T22:37:00+04:00"] {
        assert_eq!(classes(feed_rfc3339(value)), [], "{value}");
    }
    for value in [
        "Fri, 08 Aug 3023 22:37:00 +0400",
        "08 Aug 3023 22:37 GMT",
        "Wed, 31 Dec 1969 23:59:59 +0000",
    ] {
        let found = classes(feed_rfc822(value));
        assert!(
            found.contains(&Class::ImplausibleDate),
            "{value}: {found:?}"
        );
    }
    assert_eq!(classes(feed_rfc822("Thu, 01 Jan 1970 00:00:00 +0000")), []);
    assert_eq!(
        classes(feed_rfc822("Fri, 08 Aug 3023 22:37:00 +0400")),
        implausible
    );
}

#[test]
fn schemes() {
    // The definition: what precedes the first `:` is a scheme.
    let reference = |value: &str| match value.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    };
    let cases: &[(&str, bool)] = &[
        ("https://example.com/", true),
        ("tag:example.com,2023:/a", true),
        ("urn:uuid:1", true),
        ("svn+ssh://h/", true),
        ("a.b-c+d:x", true),
        ("x:", true),
        (":x", false),
        ("1http://x", false),
        ("ht tp://x", false),
        ("/path:with:colons", false),
        ("path/a:b", false),
        ("no-colon", false),
        ("", false),
        ("é:x", false),
        ("hé:x", false),
        ("h\u{0}:x", false),
    ];
    for (value, scheme) in cases {
        assert_eq!(has_scheme(value), *scheme, "{value:?}");
        assert_eq!(reference(value), *scheme, "{value:?} (reference)");
    }
}

#[test]
fn uri_table_is_printable_ascii_but_the_excluded() {
    for b in 0..=255u8 {
        let plain = (0x21..0x7f).contains(&b) && !EXCLUDED.contains(&b) && b != b'%';
        assert_eq!(URI_PLAIN[usize::from(b)], plain, "byte {b:#x}");
    }
}

fn classes(findings: Vec<Finding>) -> Vec<Class> {
    findings.into_iter().map(|(c, _)| c).collect()
}

#[test]
fn rss_dates() {
    use Class::*;
    let cases: &[(&str, &[Class])] = &[
        // The form feedpub writes.
        ("Tue, 08 Aug 2023 22:37:00 +0400", &[]),
        // No weekday, no seconds.
        ("8 Aug 2023 22:37 GMT", &[]),
        // UT.
        ("Tue, 08 Aug 2023 22:37:00 UT", &[]),
        // Two-digit year.
        ("Tue, 08 Aug 23 22:37:00 GMT", &[ProblematicalRFC822Date]),
        // US zone name.
        ("Tue, 08 Aug 2023 22:37:00 EDT", &[ProblematicalRFC822Date]),
        // Wrong weekday.
        ("Wed, 08 Aug 2023 22:37:00 GMT", &[IncorrectDOW]),
        // ISO date in RSS.
        ("2023-08-08T22:37:00Z", &[InvalidRFC822Date]),
        // Full month name.
        ("Tue, 08 August 2023 22:37:00 GMT", &[InvalidRFC822Date]),
        // No zone.
        ("Tue, 08 Aug 2023 22:37:00", &[InvalidRFC822Date]),
        // February 30.
        ("30 Feb 2023 22:37:00 GMT", &[InvalidRFC822Date]),
        // Hour 24.
        ("08 Aug 2023 24:00:00 GMT", &[InvalidRFC822Date]),
        // Offset with a colon.
        ("08 Aug 2023 22:37:00 +04:00", &[InvalidRFC822Date]),
        // Weekday without comma.
        ("Tue 08 Aug 2023 22:37:00 GMT", &[InvalidRFC822Date]),
        // Three-digit year.
        ("08 Aug 023 22:37:00 GMT", &[InvalidRFC822Date]),
        // A word too many, with and without a weekday.
        (
            "Tue, 08 Aug 2023 22:37:00 +0400 extra",
            &[InvalidRFC822Date],
        ),
        ("08 Aug 2023 22:37:00 +0400 extra", &[InvalidRFC822Date]),
        (
            "Tue, 08 Aug 2023 22:37:00 +0400 a b c",
            &[InvalidRFC822Date],
        ),
        // A word short.
        ("Tue, 08 Aug 2023 +0400", &[InvalidRFC822Date]),
        ("", &[InvalidRFC822Date]),
        // Too many or too few parts in the time.
        ("08 Aug 2023 22:37:00:00 GMT", &[InvalidRFC822Date]),
        ("08 Aug 2023 22 GMT", &[InvalidRFC822Date]),
        ("08 Aug 2023 22:37:00: GMT", &[InvalidRFC822Date]),
        // Multi-byte characters in every position.
        ("Tue, 08 Aug 2023 22:37:00 +0\u{e9}0", &[InvalidRFC822Date]),
        ("Tue, 08 Aug 2023 22:37:00 +\u{e9}00", &[InvalidRFC822Date]),
        ("Tue, 08 Aug 2023 22:\u{e9}:00 GMT", &[InvalidRFC822Date]),
        ("Tue, 08 A\u{e9} 2023 22:37:00 GMT", &[InvalidRFC822Date]),
        ("T\u{e9}, 08 Aug 2023 22:37:00 GMT", &[InvalidRFC822Date]),
        ("\u{e9}8 Aug 2023 22:37:00 GMT", &[InvalidRFC822Date]),
        ("08 Aug 2\u{e9}3 22:37:00 GMT", &[InvalidRFC822Date]),
        ("08 Aug 2023 22:37:00 \u{c9}", &[InvalidRFC822Date]),
    ];
    for (value, want) in cases {
        assert_eq!(classes(rfc822(value)), *want, "{value}");
    }
}

#[test]
fn atom_dates() {
    use Class::*;
    let cases: &[(&str, &[Class])] = &[
        // The form feedpub writes.
        ("2023-08-08T22:37:00+04:00", &[]),
        // UTC.
        ("2023-08-08T22:37:00Z", &[]),
        // Lower case allowed by RFC 3339.
        ("2023-08-08t22:37:00z", &[]),
        // Fractions warn.
        ("2023-08-08T22:37:00.5Z", &[FractionalSeconds]),
        // No seconds.
        ("2023-08-08T22:37Z", &[InvalidRFC3339Date]),
        // No zone.
        ("2023-08-08T22:37:00", &[InvalidRFC3339Date]),
        // Space instead of T.
        ("2023-08-08 22:37:00Z", &[InvalidRFC3339Date]),
        // Offset without colon.
        ("2023-08-08T22:37:00+0400", &[InvalidRFC3339Date]),
        // Date only.
        ("2023-08-08", &[InvalidRFC3339Date]),
        // Impossible day.
        ("2023-02-30T00:00:00Z", &[InvalidRFC3339Date]),
        // RFC 822 in Atom.
        ("Tue, 08 Aug 2023 22:37:00 GMT", &[InvalidRFC3339Date]),
        // Multi-byte characters where the zone's bytes are counted
        // (six bytes, like `+04:00`; or five): rejected, never a panic.
        ("2023-08-08T22:37:00+1\u{e9}12", &[InvalidRFC3339Date]),
        ("2023-08-08T22:37:00+12\u{e9}1", &[InvalidRFC3339Date]),
        ("2023-08-08T22:37:00-0\u{e9}00", &[InvalidRFC3339Date]),
        ("2023-08-08T22:37:00.5\u{e9}\u{e9}", &[InvalidRFC3339Date]),
        ("2023-08-08T22:37:00\u{1F600}:00", &[InvalidRFC3339Date]),
        ("2023-08-0\u{e9}T22:37:00Z", &[InvalidRFC3339Date]),
    ];
    for (value, want) in cases {
        assert_eq!(classes(rfc3339(value)), *want, "{value}");
    }
}

#[test]
fn uris() {
    let base = Url::parse("https://example.com/a/").expect("valid");
    assert!(absolute_uri("https://example.com/x", None, "link").is_empty());
    assert!(absolute_uri("tag:example.com,2023:/x", None, "id").is_empty());
    assert!(absolute_uri("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", None, "id").is_empty());
    assert_eq!(
        classes(absolute_uri("urn:uuid:x", None, "id")),
        [Class::InvalidUUID]
    );
    for one_slash in ["http:/example.com/a", "https:example.com"] {
        assert_eq!(
            classes(absolute_uri(one_slash, None, "link")),
            [Class::InvalidURI],
            "{one_slash}"
        );
    }
    assert_eq!(
        classes(absolute_uri("tag:example.com:x", None, "id")),
        [Class::InvalidTAG]
    );
    assert!(absolute_uri("x.html", Some(&base), "link").is_empty());
    assert_eq!(
        classes(absolute_uri("x.html", None, "link")),
        [Class::RelativeURI]
    );
    assert_eq!(
        classes(absolute_uri("/x", None, "link")),
        [Class::RelativeURI]
    );
    assert_eq!(
        classes(absolute_uri("http://a b/", None, "link")),
        [Class::InvalidURI]
    );
    assert_eq!(classes(absolute_uri("", None, "link")), [Class::InvalidURI]);
    assert_eq!(
        classes(absolute_uri("http://[::1", None, "link")),
        [Class::InvalidURI]
    );
}

#[test]
fn uri_characters() {
    let cases: &[(&str, bool)] = &[
        ("https://example.com/a%20b", true),         // an escape
        ("https://example.com/%C3%A9t%c3%a9", true), // escapes in either case
        ("https://example.com/100%25", true),        // a `%` itself, escaped
        ("https://example.com/é", true),             // an IRI holds letters
        ("https://example.com/a%zz", false),         // not hexadecimal
        ("https://example.com/a%4", false),          // one digit, at the end
        ("https://example.com/a%4/b", false),        // one digit, then more
        ("https://example.com/100%", false),         // a bare `%`
        ("https://example.com/%é1", false),          // a letter where a digit goes
        ("https://example.com/a b", false),          // a space
        ("https://example.com/<a>", false),          // angle brackets
        ("https://example.com/\"a\"", false),        // quotes
        ("https://example.com/{a}", false),          // braces
        ("https://example.com/a|b", false),          // a bar
        ("https://example.com/a\\b", false),         // a backslash
        ("https://example.com/a^b", false),          // a caret
        ("https://example.com/a`b", false),          // a backtick
        ("tag:example.com,2023:%G1", false),         // any scheme
    ];
    for (value, ok) in cases {
        let found = classes(absolute_uri(value, None, "link"));
        let want: &[Class] = if *ok { &[] } else { &[Class::InvalidURI] };
        assert_eq!(found, want, "{value}");
    }
}

#[test]
fn rss_urls_are_ascii() {
    let cases: &[(&str, bool)] = &[
        ("https://example.com/%C3%A9", true),     // escaped
        ("https://example.com/é", false),         // a raw letter
        ("https://bücher.example/", false),       // an IDN host, not in punycode
        ("https://xn--bcher-kva.example/", true), // the same host in punycode
        ("https://example.com/a%zz", false),      // the URI rules still hold
    ];
    for (value, ok) in cases {
        let found = classes(absolute_url(value, None, "link"));
        let want: &[Class] = if *ok { &[] } else { &[Class::InvalidURI] };
        assert_eq!(found, want, "{value}");
    }
}

/// The quick look at web URLs never accepts one the parser refuses,
/// over pseudo-random URLs built from hosts, ports and paths that are
/// fine, odd or broken; and it does accept the usual ones.
#[test]
fn quick_url_check_agrees_with_the_parser() {
    for url in [
        "https://news.example.com/a/b?c=d#e",
        "http://example.com",
        "https://EXAMPLE.com:8443/x",
        "https://a-b.c0.example/",
    ] {
        assert!(plainly_valid_web_url(url), "{url}");
    }
    const HOSTS: [&str; 24] = [
        "example.com",
        "a.b.c",
        "EXAMPLE.COM",
        "a-b.com",
        "-a.com",
        "a-.com",
        "a..b",
        ".a",
        "a.",
        "1.2.3.4",
        "1.2.3.999",
        "example.123",
        "example.0x1f",
        "xn--nxasmq6b.com",
        "xn--a.com",
        "Xn--abc.com",
        "a_b.com",
        "",
        "[::1]",
        "[::1",
        "user@host.com",
        "host.com.",
        "é.com",
        "a%41.com",
    ];
    const PORTS: [&str; 9] = [
        "", ":", ":80", ":65535", ":65536", ":99999", ":123456", ":8a", ":0",
    ];
    const RESTS: [&str; 8] = ["", "/", "/a b", "?q=%zz", "#frag", "/é/ü", "/%", "\\x"];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let mut accepted = 0;
    for _ in 0..20_000 {
        let scheme = ["http://", "https://", "HTTP://", "http:/", "https:"][next(5)];
        let host = HOSTS[next(HOSTS.len())];
        let url = format!(
            "{scheme}{host}{}{}",
            PORTS[next(PORTS.len())],
            RESTS[next(RESTS.len())]
        );
        if plainly_valid_web_url(&url) {
            accepted += 1;
            assert!(Url::parse(&url).is_ok(), "{url}");
        }
    }
    assert!(accepted > 300, "{accepted}");
}

#[test]
fn small_values() {
    assert!(is_rss_contact("desk@example.com"));
    assert!(is_rss_contact("desk@example.com (The Desk)"));
    assert!(!is_rss_contact("The Desk"));
    assert!(!is_rss_contact("desk@example.com The Desk"));
    for (value, valid) in [
        // A name in a comment may hold a nested comment.
        ("desk@example.com (Lena Park (Reuters))", true),
        // A quoted-pair stands for the parenthesis itself.
        ("desk@example.com (Karim\\(Mansour)", true),
        ("desk@example.com (back\\\\slash)", true),
        // An unclosed comment.
        ("desk@example.com (Karim(Mansour)", false),
        // The comment must end the value.
        ("desk@example.com (Desk) more", false),
        // One closing parenthesis too many.
        ("desk@example.com (Desk))", false),
        // An empty comment names no one.
        ("desk@example.com ()", false),
        // A backslash quoting nothing.
        ("desk@example.com (Desk\\", false),
    ] {
        assert_eq!(is_rss_contact(value), valid, "{value}");
    }
    assert!(is_email("a.b@example.co.uk"));
    assert!(!is_email("a@b"));
    assert!(!is_email("a b@example.com"));
    assert!(is_language("en") && is_language("en-GB") && is_language("zh-Hant-TW"));
    assert!(!is_language("english") && !is_language("e") && !is_language("en_GB"));
    assert!(is_mime_type("audio/mpeg") && is_mime_type("text/html; charset=utf-8"));
    assert!(!is_mime_type("mp3") && !is_mime_type("audio/"));
    assert!(is_integer("0") && is_integer("12345"));
    assert!(!is_integer("-1") && !is_integer("1.5") && !is_integer(""));
}
