//! From a request's target to a file inside the output folder, or a
//! refusal. Only regular files inside the folder are served: the path is
//! percent-decoded one segment at a time, and a segment that could step
//! out of the folder (`..`), hide a separator (an encoded `/` or `\`), end
//! a C string (NUL), name a drive (`C:`) or a dotfile (the publisher's
//! temporary files, a `.git`) refuses the request; so does a symbolic
//! link that leads outside the folder, once resolved.

use std::path::{Path, PathBuf};

/// The page a folder's URL serves.
pub const INDEX_PAGE: &str = "index.html";

/// Why a target is not served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a path a client could mean: no leading `/`, a bad percent
    /// escape, an encoded separator or NUL, bytes that are not UTF-8
    /// (400).
    Malformed,
    /// A path that may name something but is never served: a dot
    /// segment, a dotfile, a drive, an empty segment, or a file that is
    /// not there (404).
    NotFound,
}

/// What a target resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A regular file inside the folder.
    File(PathBuf),
    /// A folder named without its final `/`: the client is sent to this
    /// path (the target's path with a `/` added) so that the page's
    /// relative links work.
    Folder(String),
}

/// The decoded segments of a target's path: the query is dropped, each
/// segment percent-decoded and checked. A target ending in `/` has an
/// empty last segment (a folder's index page).
pub fn segments(target: &str) -> Result<Vec<String>, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Refusal::Malformed);
    };
    let raw: Vec<&str> = rest.split('/').collect();
    let last = raw.len().saturating_sub(1);
    let mut out = Vec::with_capacity(raw.len());
    for (i, segment) in raw.into_iter().enumerate() {
        let decoded = decode(segment)?;
        if decoded.contains(['/', '\\', '\0']) {
            return Err(Refusal::Malformed);
        }
        // Only the last segment may be empty (`/`, `/tags/x/`); `//` in
        // the middle or at the start is nothing feedpub writes.
        if decoded.is_empty() && i != last {
            return Err(Refusal::NotFound);
        }
        // A dot segment (`.`, `..`) or a dotfile, and a drive or stream
        // name (`C:`, `file:stream`): never anything published.
        if decoded.starts_with('.') || decoded.contains(':') {
            return Err(Refusal::NotFound);
        }
        out.push(decoded);
    }
    Ok(out)
}

/// Percent-decodes one segment; a `%` not followed by two hex digits, or
/// bytes that are not UTF-8, make it malformed.
fn decode(segment: &str) -> Result<String, Refusal> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::Malformed)?;
            let text = std::str::from_utf8(hex).map_err(|_| Refusal::Malformed)?;
            if !text.bytes().all(|h| h.is_ascii_hexdigit()) {
                return Err(Refusal::Malformed);
            }
            out.push(u8::from_str_radix(text, 16).map_err(|_| Refusal::Malformed)?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refusal::Malformed)
}

/// Resolves a target against the output folder `root`: a regular file
/// inside it (a folder's target ending in `/` gives its `index.html`), a
/// folder to redirect to, or a refusal.
pub fn resolve(root: &Path, target: &str) -> Result<Found, Refusal> {
    let segments = segments(target)?;
    let root = std::fs::canonicalize(root).map_err(|_| Refusal::NotFound)?;
    let mut path = root.clone();
    for segment in &segments {
        path.push(segment);
    }
    let folder_url = segments.last().is_none_or(String::is_empty);
    if folder_url {
        path.push(INDEX_PAGE);
    }
    let real = std::fs::canonicalize(&path).map_err(|_| Refusal::NotFound)?;
    // A symbolic link may lead anywhere: what it resolves to must be
    // inside the folder, and no dotfile there either.
    let inside = real.strip_prefix(&root).map_err(|_| Refusal::NotFound)?;
    if inside
        .components()
        .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
    {
        return Err(Refusal::NotFound);
    }
    let meta = std::fs::metadata(&real).map_err(|_| Refusal::NotFound)?;
    if meta.is_file() {
        return Ok(Found::File(real));
    }
    if meta.is_dir() && !folder_url {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        return Ok(Found::Folder(format!("{path}/")));
    }
    Err(Refusal::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_of_targets() {
        let ok = |parts: &[&str]| Ok(parts.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>());
        let cases: &[(&str, Result<Vec<String>, Refusal>)] = &[
            // The folder itself: its index page.
            ("/", ok(&[""])),
            // A plain file.
            ("/atom.xml", ok(&["atom.xml"])),
            // A file in a folder.
            ("/archive/rss/1.xml", ok(&["archive", "rss", "1.xml"])),
            // A folder's URL: its index page.
            ("/tags/x/", ok(&["tags", "x", ""])),
            // The query is no part of the path.
            ("/rss.xml?v=2", ok(&["rss.xml"])),
            // Percent escapes are decoded.
            ("/tags/caf%C3%A9/rss.xml", ok(&["tags", "café", "rss.xml"])),
            // A space, escaped.
            ("/a%20b", ok(&["a b"])),
            // No leading slash: not a path (an absolute URL or `*`).
            ("atom.xml", Err(Refusal::Malformed)),
            // An absolute URL is not served either.
            ("http://x/atom.xml", Err(Refusal::Malformed)),
            // Up and out of the folder.
            ("/../feedpub.toml", Err(Refusal::NotFound)),
            // Up, in the middle.
            ("/tags/../../etc/passwd", Err(Refusal::NotFound)),
            // Up, percent-encoded.
            ("/%2e%2e/feedpub.toml", Err(Refusal::NotFound)),
            // Up, half encoded, upper case.
            ("/.%2E/feedpub.toml", Err(Refusal::NotFound)),
            // The current folder is a dot segment too.
            ("/./atom.xml", Err(Refusal::NotFound)),
            // An encoded slash would hide a separator.
            ("/%2F..", Err(Refusal::Malformed)),
            // An encoded slash, lower case.
            ("/tags%2fx/rss.xml", Err(Refusal::Malformed)),
            // An encoded backslash: a separator on Windows.
            ("/..%5Cfeedpub.toml", Err(Refusal::Malformed)),
            // A raw backslash.
            ("/a\\b", Err(Refusal::Malformed)),
            // NUL would cut the path short.
            ("/atom.xml%00.txt", Err(Refusal::Malformed)),
            // A `%` without two hex digits.
            ("/a%2", Err(Refusal::Malformed)),
            // A `%` followed by non-hex.
            ("/a%zz", Err(Refusal::Malformed)),
            // Decoded bytes that are not UTF-8.
            ("/a%FF", Err(Refusal::Malformed)),
            // A dotfile: the publisher's temporary files, `.git`.
            ("/.feedpub-123-x", Err(Refusal::NotFound)),
            // A dotfolder.
            ("/.feedpub/cache", Err(Refusal::NotFound)),
            // A drive letter.
            ("/C:/Windows/win.ini", Err(Refusal::NotFound)),
            // A drive letter, encoded.
            ("/C%3A/Windows", Err(Refusal::NotFound)),
            // An empty segment at the start: `//host/share` on Windows.
            ("//etc/passwd", Err(Refusal::NotFound)),
            // An empty segment in the middle.
            ("/tags//rss.xml", Err(Refusal::NotFound)),
        ];
        for (target, want) in cases {
            assert_eq!(&segments(target), want, "{target}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn resolving_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("feeds");
        std::fs::create_dir_all(root.join("tags/x")).expect("mkdir");
        std::fs::create_dir_all(root.join("tags/empty")).expect("mkdir");
        std::fs::write(root.join("atom.xml"), "<feed/>").expect("write");
        std::fs::write(root.join("index.html"), "<p>").expect("write");
        std::fs::write(root.join("tags/x/index.html"), "<p>").expect("write");
        std::fs::write(dir.path().join("secret.toml"), "x").expect("write");
        std::os::unix::fs::symlink(dir.path().join("secret.toml"), root.join("out.toml"))
            .expect("symlink");
        std::os::unix::fs::symlink(root.join("atom.xml"), root.join("alias.xml")).expect("symlink");
        std::os::unix::fs::symlink(dir.path(), root.join("up")).expect("symlink");
        let real = std::fs::canonicalize(&root).expect("canonical");
        let file = |p: &str| Ok(Found::File(real.join(p)));
        let cases: &[(&str, Result<Found, Refusal>)] = &[
            // A file.
            ("/atom.xml", file("atom.xml")),
            // The folder: its index page.
            ("/", file("index.html")),
            // A subfolder with an index page.
            ("/tags/x/", file("tags/x/index.html")),
            // A subfolder without one.
            ("/tags/empty/", Err(Refusal::NotFound)),
            // A folder without its slash: redirected.
            ("/tags/x", Ok(Found::Folder("/tags/x/".to_owned()))),
            // Nothing there.
            ("/rss.xml", Err(Refusal::NotFound)),
            // A link to a file outside the folder.
            ("/out.toml", Err(Refusal::NotFound)),
            // A link to a folder outside it.
            ("/up/secret.toml", Err(Refusal::NotFound)),
            // A link that stays inside is followed.
            ("/alias.xml", file("atom.xml")),
            // A file treated as a folder.
            ("/atom.xml/", Err(Refusal::NotFound)),
        ];
        for (target, want) in cases {
            assert_eq!(&resolve(&root, target), want, "{target}");
        }
    }
}
