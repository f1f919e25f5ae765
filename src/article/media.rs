//! Pictures and enclosures as written: a news article's `Image:` line (with
//! the caption it describes), a Markdown article's `image` and `enclosure`
//! keys. Nothing is judged here: URLs, types and sizes are still the text
//! the author wrote, each with its place, for normalisation to check.

use std::path::Path;

use super::Field;
use super::front_matter::{Entry, Value};
use crate::diagnostic::Diagnostic;

/// The entry's picture, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSource {
    /// Its URL, absolute or relative to the entry's link.
    pub url: Field,
    /// Text for a reader who cannot see it (front matter `alt`).
    pub alt: Option<Field>,
    /// What it shows: a news article's caption, front matter `caption`.
    pub caption: Option<Field>,
    /// Who made it: a caption's credit, front matter `credit`.
    pub credit: Option<Field>,
    /// Its MIME type (front matter `type`).
    pub mime_type: Option<Field>,
    /// Its width in pixels, as written.
    pub width: Option<Field>,
    /// Its height in pixels, as written.
    pub height: Option<Field>,
}

impl ImageSource {
    /// A picture of which only the URL is known.
    pub fn at(url: Field) -> Self {
        Self {
            url,
            alt: None,
            caption: None,
            credit: None,
            mime_type: None,
            width: None,
            height: None,
        }
    }
}

/// A file the entry carries (audio, video, a document), as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnclosureSource {
    /// Its URL, absolute or relative to the entry's link.
    pub url: Field,
    /// Its MIME type (`type`), when given.
    pub mime_type: Option<Field>,
    /// Its size in bytes (`length`), as written, when given.
    pub length: Option<Field>,
}

/// The keys of an `image` table.
const IMAGE_KEYS: &[&str] = &["url", "alt", "caption", "credit", "type", "width", "height"];

/// The keys of an `enclosure` table.
const ENCLOSURE_KEYS: &[&str] = &["url", "type", "length"];

/// Reads front-matter `image`: a URL, or a table of [`IMAGE_KEYS`].
pub(super) fn image(
    entry: &Entry,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ImageSource> {
    let mut table = Table::read(entry, path, IMAGE_KEYS, diagnostics)?;
    let url = table.url(diagnostics)?;
    Some(ImageSource {
        url,
        alt: table.text("alt", diagnostics),
        caption: table.text("caption", diagnostics),
        credit: table.text("credit", diagnostics),
        mime_type: table.text("type", diagnostics),
        width: table.number("width", diagnostics),
        height: table.number("height", diagnostics),
    })
}

/// Reads front-matter `enclosure`: a URL, or a table of
/// [`ENCLOSURE_KEYS`].
pub(super) fn enclosure(
    entry: &Entry,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EnclosureSource> {
    let mut table = Table::read(entry, path, ENCLOSURE_KEYS, diagnostics)?;
    let url = table.url(diagnostics)?;
    Some(EnclosureSource {
        url,
        mime_type: table.text("type", diagnostics),
        length: table.number("length", diagnostics),
    })
}

/// A front-matter `image` or `enclosure` value as a table: a plain URL is
/// a table of `url` alone. Every value is placed at the key's value, the
/// one place front matter gives.
struct Table<'a> {
    entry: &'a Entry,
    path: &'a Path,
    pairs: Vec<(&'a str, &'a Value)>,
}

impl<'a> Table<'a> {
    fn read(
        entry: &'a Entry,
        path: &'a Path,
        keys: &[&str],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let pairs: Vec<(&str, &Value)> = match &entry.value {
            Value::Text(_) => vec![("url", &entry.value)],
            Value::Map(pairs) => pairs.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            other => {
                diagnostics.push(
                    Diagnostic::error(
                        "front-matter-type",
                        path,
                        format!(
                            "`{}` is {}; expected a URL or a table with `{}`",
                            entry.key,
                            other.kind(),
                            keys.join("`, `")
                        ),
                    )
                    .at(entry.line, entry.column),
                );
                return None;
            }
        };
        for (key, _) in &pairs {
            if !keys.contains(key) {
                diagnostics.push(
                    Diagnostic::error(
                        "front-matter-type",
                        path,
                        format!(
                            "unknown key `{key}` in `{}`; expected `{}`",
                            entry.key,
                            keys.join("`, `")
                        ),
                    )
                    .at(entry.line, entry.column),
                );
            }
        }
        Some(Self { entry, path, pairs })
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, value)| value)
    }

    fn field(&self, value: &str) -> Field {
        Field::new(value.trim(), self.entry.line, self.entry.column)
    }

    fn wrong(&self, key: &str, value: &Value, expected: &str) -> Diagnostic {
        let name = if key == "url" && matches!(self.entry.value, Value::Text(_)) {
            self.entry.key.clone()
        } else {
            format!("{}.{key}", self.entry.key)
        };
        Diagnostic::error(
            "front-matter-type",
            self.path,
            format!("`{name}` is {}; expected {expected}", value.kind()),
        )
        .at(self.entry.line, self.entry.column)
    }

    /// The `url`, which must be there.
    fn url(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<Field> {
        match self.get("url") {
            Some(Value::Text(url)) if !url.trim().is_empty() => Some(self.field(url)),
            Some(Value::Text(_)) | None => {
                diagnostics.push(
                    Diagnostic::error(
                        "invalid-media",
                        self.path,
                        format!("`{}` has no `url`; expected a URL", self.entry.key),
                    )
                    .at(self.entry.line, self.entry.column),
                );
                None
            }
            Some(other) => {
                diagnostics.push(self.wrong("url", other, "a URL"));
                None
            }
        }
    }

    /// A text value; blank is none.
    fn text(&mut self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Field> {
        match self.get(key)? {
            Value::Text(text) if text.trim().is_empty() => None,
            Value::Text(text) => Some(self.field(text)),
            other => {
                diagnostics.push(self.wrong(key, other, "a string"));
                None
            }
        }
    }

    /// A number, or a string holding one, as written: normalisation says
    /// whether it is a whole number.
    fn number(&mut self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Field> {
        match self.get(key)? {
            Value::Number(text) | Value::Text(text) => Some(self.field(text)),
            other => {
                diagnostics.push(self.wrong(key, other, "a whole number"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Format, NewsOptions, read};

    fn markdown(front: &str) -> (Option<Article>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let text = format!("---\ntitle: T\ndate: 2023-08-08\n{front}\n---\nBody.\n");
        let article = read(
            Path::new("a.md"),
            Format::Markdown,
            text,
            &NewsOptions::default(),
            false,
            &mut diagnostics,
        );
        (article, diagnostics)
    }

    fn values(image: &ImageSource) -> [Option<String>; 7] {
        let f = |f: &Option<Field>| f.clone().map(|f| f.value);
        [
            Some(image.url.value.clone()),
            f(&image.alt),
            f(&image.caption),
            f(&image.credit),
            f(&image.mime_type),
            f(&image.width),
            f(&image.height),
        ]
    }

    /// Front-matter `image` forms: (front matter, the picture read as
    /// url, alt, caption, credit, type, width, height; or the code of the
    /// error it draws).
    #[test]
    fn image_forms() {
        type Want = Result<[Option<&'static str>; 7], &'static str>;
        let cases: &[(&str, Want)] = &[
            // A URL alone.
            (
                "image: https://example.com/a.jpg",
                Ok([
                    Some("https://example.com/a.jpg"),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ]),
            ),
            // A relative URL is kept as written; normalisation resolves it.
            (
                "image: pictures/a.jpg",
                Ok([Some("pictures/a.jpg"), None, None, None, None, None, None]),
            ),
            // The table, every key, numbers as written.
            (
                "image: { url: a.webp, alt: A quay, caption: The quay at dawn, credit: Ana Ruiz, type: image/webp, width: 1200, height: 800 }",
                Ok([
                    Some("a.webp"),
                    Some("A quay"),
                    Some("The quay at dawn"),
                    Some("Ana Ruiz"),
                    Some("image/webp"),
                    Some("1200"),
                    Some("800"),
                ]),
            ),
            // A block table, a size written as a string.
            (
                "image:\n  url: a.png\n  width: \"640\"",
                Ok([Some("a.png"), None, None, None, None, Some("640"), None]),
            ),
            // A fraction is kept as written: normalisation refuses it.
            (
                "image: { url: a.png, height: 2.5 }",
                Ok([Some("a.png"), None, None, None, None, None, Some("2.5")]),
            ),
            // A table without its URL.
            ("image: { alt: A quay }", Err("invalid-media")),
            // A list is no picture.
            ("image: [a.jpg, b.jpg]", Err("front-matter-type")),
            // A misspelt key is not silently dropped.
            ("image: { url: a.jpg, widht: 3 }", Err("front-matter-type")),
            // A size that is a list.
            (
                "image: { url: a.jpg, width: [1] }",
                Err("front-matter-type"),
            ),
        ];
        for (front, want) in cases {
            let (article, diagnostics) = markdown(front);
            let article = article.expect("readable");
            match want {
                Ok(want) => {
                    assert!(diagnostics.is_empty(), "{front}: {diagnostics:?}");
                    let image = article.image.as_ref().expect("a picture");
                    let want = want.map(|v| v.map(str::to_owned));
                    assert_eq!(values(image), want, "{front}");
                }
                Err(code) => assert!(
                    diagnostics.iter().any(|d| d.code == *code && d.is_error()),
                    "{front}: {diagnostics:?}"
                ),
            }
        }
    }

    /// Front-matter `enclosure` forms: (front matter, url, type, length;
    /// or the code of the error it draws).
    #[test]
    fn enclosure_forms() {
        type Want = Result<[Option<&'static str>; 3], &'static str>;
        let cases: &[(&str, Want)] = &[
            // A URL alone.
            (
                "enclosure: https://example.com/a.mp3",
                Ok([Some("https://example.com/a.mp3"), None, None]),
            ),
            // The table, the length a number.
            (
                "enclosure: { url: a.ogg, type: audio/ogg, length: 12345 }",
                Ok([Some("a.ogg"), Some("audio/ogg"), Some("12345")]),
            ),
            // A negative length is kept as written: normalisation refuses it.
            (
                "enclosure: { url: a.ogg, length: -1 }",
                Ok([Some("a.ogg"), None, Some("-1")]),
            ),
            // No URL.
            ("enclosure: { type: audio/ogg }", Err("invalid-media")),
            // A boolean.
            ("enclosure: true", Err("front-matter-type")),
            // `size` is not the key.
            (
                "enclosure: { url: a.mp3, size: 3 }",
                Err("front-matter-type"),
            ),
        ];
        for (front, want) in cases {
            let (article, diagnostics) = markdown(front);
            let article = article.expect("readable");
            match want {
                Ok(want) => {
                    assert!(diagnostics.is_empty(), "{front}: {diagnostics:?}");
                    let e = article.enclosure.as_ref().expect("an enclosure");
                    let f = |f: &Option<Field>| f.clone().map(|f| f.value);
                    assert_eq!(
                        [Some(e.url.value.clone()), f(&e.mime_type), f(&e.length)],
                        want.map(|v| v.map(str::to_owned)),
                        "{front}"
                    );
                }
                Err(code) => assert!(
                    diagnostics.iter().any(|d| d.code == *code && d.is_error()),
                    "{front}: {diagnostics:?}"
                ),
            }
        }
    }

    /// TOML front matter reads the same.
    #[test]
    fn toml_tables() {
        let mut diagnostics = Vec::new();
        let text = "+++\ntitle = \"T\"\nimage = { url = \"a.jpg\", width = 10 }\nenclosure = \"b.mp3\"\n+++\nBody.\n";
        let article = read(
            Path::new("a.md"),
            Format::Markdown,
            text.to_owned(),
            &NewsOptions::default(),
            false,
            &mut diagnostics,
        )
        .expect("readable");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let image = article.image.expect("a picture");
        assert_eq!(image.url, Field::new("a.jpg", 3, 9));
        assert_eq!(image.width.map(|f| f.value).as_deref(), Some("10"));
        let enclosure = article.enclosure.expect("an enclosure");
        assert_eq!(enclosure.url, Field::new("b.mp3", 4, 13));
    }
}
