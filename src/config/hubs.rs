//! The WebSub hubs of `hubs`: every feed of the set names them, and
//! `build --ping` tells them about the feeds that changed.

use url::Url;

use crate::text::uri;

/// The most hubs a site may name: a site uses one or two, and every feed
/// file names each and is announced to each.
pub const MAX_HUBS: usize = 16;

/// Checks the `hubs` list: each an absolute http(s) URL with a host, with
/// no blank or control character (a URL parser would drop a tab or a line
/// break without a word, and the feeds would name another hub than the
/// one written), no user name or password (every feed would publish it),
/// and none listed twice (as URLs: `https://HUB.example` and
/// `https://hub.example/` are one hub). The URLs come back parsed, in the
/// order given.
pub fn check(hubs: &[String]) -> Result<Vec<Url>, String> {
    if hubs.len() > MAX_HUBS {
        return Err(format!(
            "`hubs` lists {} hubs; expected at most {MAX_HUBS} (every feed names each, and each changed feed is announced to each)",
            hubs.len()
        ));
    }
    let mut checked: Vec<Url> = Vec::with_capacity(hubs.len());
    for text in hubs {
        let shown = text.escape_debug();
        if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(format!(
                "`hubs` value `{shown}` holds a blank or control character; expected a URL such as `https://hub.example.com/`"
            ));
        }
        let url = Url::parse(text).map_err(|e| {
            format!(
                "`hubs` value `{shown}` is not a URL ({e}); expected an absolute URL such as `https://hub.example.com/`"
            )
        })?;
        if !uri::is_web_url(&url) {
            return Err(format!(
                "`hubs` value `{shown}` is not an http(s) URL with a host; expected something like `https://hub.example.com/`"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "`hubs` value `{shown}` holds a user name or password, which every feed would publish; expected a URL without them"
            ));
        }
        if url.fragment().is_some() {
            return Err(format!(
                "`hubs` value `{shown}` has a fragment, which is never sent to the hub; expected a URL without `#`"
            ));
        }
        if let Some(first) = checked.iter().find(|u| **u == url) {
            return Err(format!(
                "`hubs` lists the hub `{first}` twice (as `{shown}`); expected each hub once"
            ));
        }
        checked.push(url);
    }
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which `hubs` lists are taken, and as what; a rejected row gives a
    /// piece of the message.
    #[test]
    fn hubs_are_checked() {
        /// The hubs taken, or a piece of the message.
        type Want = Result<&'static [&'static str], &'static str>;
        let cases: &[(&[&str], Want)] = &[
            // No hub: nothing to name or ping.
            (&[], Ok(&[])),
            // One https hub, as written.
            (
                &["https://pubsubhubbub.appspot.com/"],
                Ok(&["https://pubsubhubbub.appspot.com/"]),
            ),
            // http is allowed (a hub on the local network), and a bare
            // host gets the root path, as every URL parser gives it.
            (&["http://127.0.0.1:8080"], Ok(&["http://127.0.0.1:8080/"])),
            // Two hubs keep their order; a query is part of a hub's URL.
            (
                &["https://b.example/hub?x=1&y=2", "https://a.example/"],
                Ok(&["https://b.example/hub?x=1&y=2", "https://a.example/"]),
            ),
            // A relative URL names no hub.
            (&["/hub"], Err("is not a URL")),
            // Nor does text that is no URL at all.
            (&["hub.example.com"], Err("is not a URL")),
            // WebSub speaks HTTP: no other scheme.
            (&["ftp://hub.example.com/"], Err("not an http(s) URL")),
            // A mailto: is a URL, but of no hub.
            (&["mailto:hub@example.com"], Err("not an http(s) URL")),
            // A line break would be dropped by the parser, silently.
            (&["https://hub.example.com/\n"], Err("control character")),
            // So would a tab inside.
            (&["https://hub.\texample.com/"], Err("control character")),
            // Blanks around the URL are a typo, not part of it.
            (&[" https://hub.example.com/"], Err("blank")),
            // A password would be published in every feed.
            (&["https://user:secret@hub.example.com/"], Err("password")),
            // A fragment is never sent.
            (&["https://hub.example.com/#x"], Err("fragment")),
            // The same hub twice would be pinged twice.
            (
                &["https://hub.example.com/", "https://hub.example.com/"],
                Err("twice"),
            ),
            // Twice as one URL: case of the host and the root path.
            (
                &["https://HUB.example.com", "https://hub.example.com/"],
                Err("twice"),
            ),
        ];
        for (hubs, want) in cases {
            let hubs: Vec<String> = hubs.iter().map(|h| (*h).to_owned()).collect();
            let got = check(&hubs);
            match (want, got) {
                (Ok(want), Ok(got)) => {
                    let got: Vec<&str> = got.iter().map(Url::as_str).collect();
                    assert_eq!(&got, want, "{hubs:?}");
                }
                (Err(piece), Err(message)) => {
                    assert!(message.starts_with("`hubs` "), "{message}");
                    assert!(message.contains(piece), "{hubs:?}: {message}");
                }
                (want, got) => panic!("{hubs:?}: expected {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn hub_count_is_bounded() {
        let many = |n: usize| -> Vec<String> {
            (0..n).map(|i| format!("https://hub{i}.example/")).collect()
        };
        // As many as allowed: fine.
        assert_eq!(check(&many(MAX_HUBS)).map(|h| h.len()), Ok(MAX_HUBS));
        // One more: refused before any is looked at.
        assert!(check(&many(MAX_HUBS + 1)).is_err_and(|m| m.contains("at most 16")));
    }
}
