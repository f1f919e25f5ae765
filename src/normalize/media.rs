//! An entry's picture and enclosure, checked and typed: absolute http(s)
//! URLs (a relative one resolved against the entry's link, as links in the
//! content are), a MIME type (given, or from the file's extension) and
//! whole-number sizes.

use serde::Serialize;
use url::Url;

use chrono::{DateTime, FixedOffset};

use super::Normalizer;
use crate::article::{Article, EnclosureSource, Field, ImageSource};
use crate::diagnostic::Diagnostic;

/// The entry's picture: Media RSS `<media:content medium="image">` (with
/// `<media:description>`, `<media:credit>` and `<media:thumbnail>`) in RSS
/// and Atom, JSON Feed `image`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Image {
    /// `media:content url`, `media:thumbnail url`, JSON Feed `image`: an
    /// absolute http(s) URL.
    pub url: String,
    /// `media:content type`, when given or known from the extension.
    pub mime_type: Option<String>,
    /// `<media:description>`: the caption, or else the alt text; plain text.
    pub description: Option<String>,
    /// `<media:credit>`: who made the picture; plain text.
    pub credit: Option<String>,
    /// `media:content width`, in pixels.
    pub width: Option<u32>,
    /// `media:content height`, in pixels.
    pub height: Option<u32>,
}

/// A file the entry carries: RSS `<enclosure>`, Atom
/// `<link rel="enclosure">`, a JSON Feed attachment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Enclosure {
    /// `url`, `href`: an absolute http(s) URL.
    pub url: String,
    /// `type`, `mime_type`: given, or from the extension.
    pub mime_type: String,
    /// RSS `length` (`0` when unknown), Atom `length` and JSON Feed
    /// `size_in_bytes` (left out when unknown).
    pub length: Option<u64>,
}

/// MIME types by file extension (lower case), for pictures and enclosures
/// that name none.
const TYPES: &[(&str, &str)] = &[
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
    ("svg", "image/svg+xml"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("aac", "audio/aac"),
    ("ogg", "audio/ogg"),
    ("oga", "audio/ogg"),
    ("opus", "audio/opus"),
    ("wav", "audio/wav"),
    ("flac", "audio/flac"),
    ("mp4", "video/mp4"),
    ("m4v", "video/mp4"),
    ("webm", "video/webm"),
    ("mov", "video/quicktime"),
    ("pdf", "application/pdf"),
    ("epub", "application/epub+zip"),
];

/// The MIME type of a URL's file, by the extension of its path's last
/// segment (query and fragment aside), in any case.
pub fn type_from_extension(url: &Url) -> Option<&'static str> {
    let name = url.path_segments()?.next_back()?;
    let (stem, extension) = name.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    TYPES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(extension))
        .map(|&(_, mime)| mime)
}

/// Whether a value is a MIME type: `type/subtype` of RFC 6838 token
/// characters, no parameters.
pub fn is_mime_type(value: &str) -> bool {
    let token = |t: &str| {
        !t.is_empty()
            && t.bytes().all(|b| {
                b.is_ascii_alphanumeric()
                    || matches!(
                        b,
                        b'!' | b'#' | b'$' | b'&' | b'-' | b'^' | b'_' | b'.' | b'+'
                    )
            })
    };
    value
        .split_once('/')
        .is_some_and(|(kind, sub)| token(kind) && token(sub))
}

/// Reads a whole number of at most `u64`, written plainly (`1200`).
fn whole(text: &str) -> Option<u64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl Normalizer<'_> {
    /// Checks the article's picture and enclosure. A relative URL resolves
    /// against the entry's link, made here only for an article that has
    /// either (a ranked-out article needs no link otherwise) and given
    /// back for reuse; without a slug or date (already an error) the
    /// site's URL stands in, so that the URL is still checked.
    pub(super) fn media(
        &mut self,
        article: &Article,
        slug: Option<&str>,
        dates: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    ) -> (Option<String>, Option<Image>, Option<Enclosure>) {
        if article.image.is_none() && article.enclosure.is_none() {
            return (None, None, None);
        }
        let link = match (slug, dates) {
            (Some(slug), Some((published, _))) => Some(self.config.link.link(slug, &published)),
            _ => None,
        };
        let base = link
            .clone()
            .unwrap_or_else(|| self.config.site.base_url.to_string());
        let image = article.image.as_ref().and_then(|i| self.image(i, &base));
        let enclosure = article
            .enclosure
            .as_ref()
            .and_then(|e| self.enclosure(e, &base));
        (link, image, enclosure)
    }

    /// Checks the picture; `base` is the entry's link (or, when it cannot
    /// be made, the site's), against which a relative URL resolves.
    fn image(&mut self, source: &ImageSource, base: &str) -> Option<Image> {
        let url = self.media_url(&source.url, base, "picture");
        let mime_type = match &source.mime_type {
            Some(field) => self.mime_type(field, "picture"),
            None => url
                .as_ref()
                .and_then(type_from_extension)
                .map(str::to_owned),
        };
        let width = source.width.as_ref().and_then(|f| self.pixels(f, "width"));
        let height = source
            .height
            .as_ref()
            .and_then(|f| self.pixels(f, "height"));
        let description = source
            .caption
            .as_ref()
            .or(source.alt.as_ref())
            .and_then(|f| self.clean(f, "picture description"));
        let credit = source
            .credit
            .as_ref()
            .and_then(|f| self.clean(f, "picture credit"));
        Some(Image {
            url: crate::text::uri::as_uri(&url?),
            mime_type,
            description,
            credit,
            width,
            height,
        })
    }

    /// Checks the enclosure, as [`Self::image`] the picture; its type must
    /// be given or known from its extension.
    fn enclosure(&mut self, source: &EnclosureSource, base: &str) -> Option<Enclosure> {
        // Every fault is reported: a bad URL does not hide a bad length.
        let url = self.media_url(&source.url, base, "enclosure");
        let mime_type = match (&source.mime_type, &url) {
            (Some(field), _) => self.mime_type(field, "enclosure"),
            (None, Some(url)) => match type_from_extension(url) {
                Some(mime) => Some(mime.to_owned()),
                None => {
                    self.media_error(
                        &source.url,
                        format!(
                            "cannot tell the type of the enclosure `{}` from its extension; expected a table with `type`, such as `{{ url = \"...\", type = \"audio/mpeg\" }}`",
                            clip(&source.url.value)
                        ),
                    );
                    None
                }
            },
            (None, None) => None,
        };
        let length = match &source.length {
            Some(field) => match whole(&field.value) {
                Some(length) => Ok(Some(length)),
                None => {
                    let why = if field.value.starts_with('-') {
                        "a negative"
                    } else {
                        "not a whole"
                    };
                    self.media_error(
                        field,
                        format!(
                            "enclosure length `{}` is {why} number; expected its size in bytes, such as `1234567`",
                            field.value
                        ),
                    );
                    Err(())
                }
            },
            None => Ok(None),
        };
        Some(Enclosure {
            url: crate::text::uri::as_uri(&url?),
            mime_type: mime_type?,
            length: length.ok()?,
        })
    }

    fn media_error(&mut self, field: &Field, message: String) {
        self.diagnostics.push(
            Diagnostic::error("invalid-media", self.path, message).at(field.line, field.column),
        );
    }

    /// An absolute http(s) URL, a relative one resolved against `base`.
    fn media_url(&mut self, field: &Field, base: &str, what: &str) -> Option<Url> {
        let value = field.value.as_str();
        if value.chars().any(char::is_control) {
            let shown: String = clip(value).chars().flat_map(char::escape_default).collect();
            self.media_error(
                field,
                format!("the {what} URL `{shown}` holds a control character; expected a URL"),
            );
            return None;
        }
        // Messages quote at most the start of a value: a `data:` URL may
        // be megabytes long.
        let shown = clip(value);
        let url = match Url::parse(value) {
            Ok(url) => Ok(url),
            Err(url::ParseError::RelativeUrlWithoutBase) => Url::parse(base)
                .and_then(|base| base.join(value))
                .map_err(|e| format!("cannot resolve the relative {what} URL `{shown}` against `{base}` ({e}); expected a URL such as `https://example.com/a.jpg`")),
            Err(e) => Err(format!(
                "the {what} URL `{shown}` is not a URL ({e}); expected a URL such as `https://example.com/a.jpg`"
            )),
        };
        match url {
            Ok(url) if crate::text::uri::is_web_url(&url) => Some(url),
            Ok(url) => {
                let scheme = url.scheme();
                self.media_error(
                    field,
                    format!(
                        "the {what} URL `{shown}` has the scheme `{scheme}`; expected an http or https URL"
                    ),
                );
                None
            }
            Err(message) => {
                self.media_error(field, message);
                None
            }
        }
    }

    fn mime_type(&mut self, field: &Field, what: &str) -> Option<String> {
        if is_mime_type(&field.value) {
            return Some(field.value.to_ascii_lowercase());
        }
        let shown: String = clip(&field.value)
            .chars()
            .flat_map(char::escape_default)
            .collect();
        self.media_error(
            field,
            format!("the {what} type `{shown}` is not a MIME type; expected one such as `image/jpeg` or `audio/mpeg`"),
        );
        None
    }

    fn pixels(&mut self, field: &Field, what: &str) -> Option<u32> {
        match whole(&field.value).and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.media_error(
                    field,
                    format!(
                        "the picture {what} `{}` is not a whole number of pixels; expected one such as `1200`",
                        field.value
                    ),
                );
                None
            }
        }
    }
}

/// A URL shortened for a message: a `data:` URL may be megabytes long.
fn clip(value: &str) -> String {
    crate::text::clean::truncate(value, 80).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// MIME types from extensions: (URL, type).
    #[test]
    fn types_from_extensions() {
        let cases: &[(&str, Option<&str>)] = &[
            // A picture.
            ("https://example.com/a.jpg", Some("image/jpeg")),
            // Any case.
            ("https://example.com/A.JPEG", Some("image/jpeg")),
            // The query and fragment are not part of the name.
            ("https://example.com/a.png?w=800#top", Some("image/png")),
            // Audio.
            ("https://example.com/show/ep-1.mp3", Some("audio/mpeg")),
            // Video.
            ("https://example.com/v.webm", Some("video/webm")),
            // A document.
            ("https://example.com/report.pdf", Some("application/pdf")),
            // The last dot decides.
            ("https://example.com/a.tar.mp4", Some("video/mp4")),
            // An extension no table entry has.
            ("https://example.com/a.xyz", None),
            // No extension.
            ("https://example.com/picture", None),
            // A folder's dot is not the file's.
            ("https://example.com/v1.2/picture", None),
            // A hidden file's name is no extension.
            ("https://example.com/.jpg", None),
            // A path ending in `/`: no file name.
            ("https://example.com/a.jpg/", None),
        ];
        for (url, want) in cases {
            let url = Url::parse(url).expect("test URL");
            assert_eq!(type_from_extension(&url), *want, "{url}");
        }
    }

    /// MIME types as given: (value, accepted).
    #[test]
    fn mime_types() {
        let cases: &[(&str, bool)] = &[
            // The common forms.
            ("image/jpeg", true),
            ("audio/mpeg", true),
            // A suffix and a vendor tree.
            ("application/vnd.example+json", true),
            // No subtype.
            ("image", false),
            ("image/", false),
            // Parameters are not a type.
            ("text/html; charset=utf-8", false),
            // A blank inside.
            ("image/ jpeg", false),
            // Two slashes.
            ("image/jpeg/x", false),
        ];
        for (value, want) in cases {
            assert_eq!(is_mime_type(value), *want, "{value}");
        }
    }

    /// Whole numbers for sizes: (text, value).
    #[test]
    fn whole_numbers() {
        let cases: &[(&str, Option<u64>)] = &[
            // Plain digits.
            ("1200", Some(1200)),
            // Zero is a size.
            ("0", Some(0)),
            // Negative.
            ("-1", None),
            // A fraction.
            ("2.5", None),
            // A sign.
            ("+3", None),
            // Blank.
            ("", None),
            // Past u64.
            ("99999999999999999999999", None),
        ];
        for (text, want) in cases {
            assert_eq!(whole(text), *want, "{text}");
        }
    }
}
