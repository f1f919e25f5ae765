//! The validator's own email rule, written from RFC 5322's `addr-spec`
//! (section 3.4.1) as mail is addressed in practice, so that a flaw in
//! how feedpub checks the addresses it writes cannot pass its own check.
//!
//! Accepted: a `dot-atom` local part (RFC 6531 lets it hold non-ASCII
//! characters) or a quoted one, then `@`, then a domain name of two or
//! more labels. Refused, though RFC 5322 has them: comments and folding
//! white space (no reader shows them), domain literals such as
//! `[192.0.2.1]`, and single-label domains, which mail between sites
//! never uses.

/// Whether `value` is an email address.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    (is_dot_atom(local) || is_quoted_string(local)) && is_domain(domain)
}

/// RFC 5322 `atext`, with RFC 6531's non-ASCII characters.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "!#$%&'*+-/=?^_`{|}~".contains(c)
        || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
}

/// `dot-atom-text`: atoms joined by single dots.
fn is_dot_atom(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

/// `quoted-string` without folding white space: printable ASCII (and
/// spaces) between double quotes, `"` and `\` only as `\"` and `\\`.
fn is_quoted_string(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if !chars
                    .next()
                    .is_some_and(|e| e == ' ' || e.is_ascii_graphic())
                {
                    return false;
                }
            }
            '"' => return false,
            c if c == ' ' || c.is_ascii_graphic() => {}
            _ => return false,
        }
    }
    true
}

/// A domain name: two or more labels of 1 to 63 letters, digits and
/// hyphens (letters may be non-ASCII, as in internationalised names), no
/// label starting or ending with a hyphen, 253 bytes at most.
fn is_domain(s: &str) -> bool {
    let label = |l: &str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    s.len() <= 253 && s.contains('.') && s.split('.').all(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let cases: &[(&str, bool)] = &[
            // The everyday shape.
            ("desk@example.com", true),
            // Dots in the local part and the domain.
            ("a.b@example.co.uk", true),
            // atext beyond letters and digits.
            ("news+tag_1!#$%&'*/=?^`{|}~-@example.com", true),
            // A quoted local part may hold spaces and `@`.
            ("\"the desk@home\"@example.com", true),
            // Escapes in a quoted local part.
            ("\"a\\\"b\"@example.com", true),
            // Non-ASCII local part and domain (RFC 6531, IDN).
            ("rédaction@exemple.fr", true),
            // Digits and hyphens inside labels.
            ("x@mail-1.example.com", true),
            // No `@`.
            ("desk.example.com", false),
            // Nothing before the `@`.
            ("@example.com", false),
            // A single-label domain.
            ("a@b", false),
            // A space outside quotes.
            ("a b@example.com", false),
            // A dot first, last, or twice in the local part.
            (".a@example.com", false),
            // The same, at the end.
            ("a.@example.com", false),
            // The same, twice in a row.
            ("a..b@example.com", false),
            // `;`, `:` and brackets are specials, not atext.
            ("a;b@example.com", false),
            // The same for a colon.
            ("a:b@example.com", false),
            // A comment is not accepted.
            ("a(comment)@example.com", false),
            // A domain literal is not accepted.
            ("a@[192.0.2.1]", false),
            // A label that starts with a hyphen.
            ("a@example.-com", false),
            // An empty label.
            ("a@example..com", false),
            // A label over 63 characters.
            (&*format!("a@{}.com", "x".repeat(64)), false),
            // A quote left open.
            ("\"ab@example.com", false),
            // An unescaped quote inside quotes.
            ("\"a\"b\"@example.com", false),
            // A control character.
            ("a\u{7}b@example.com", false),
        ];
        for (value, ok) in cases {
            assert_eq!(is_email(value), *ok, "{value}");
        }
    }
}
