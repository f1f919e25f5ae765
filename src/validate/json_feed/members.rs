//! The members JSON Feed defines, by object and version: any other
//! member whose name does not start with `_` is unknown.

/// Top-level members of JSON Feed 1.0.
pub const FEED_1: &[&str] = &[
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "author",
    "expired",
    "hubs",
    "items",
];

/// Top-level members JSON Feed 1.1 added.
pub const FEED_1_1: &[&str] = &["authors", "language"];

/// Item members of JSON Feed 1.0.
pub const ITEM_1: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "author",
    "tags",
    "attachments",
];

/// Item members JSON Feed 1.1 added.
pub const ITEM_1_1: &[&str] = &["authors", "language"];

/// Members of an author.
pub const AUTHOR: &[&str] = &["name", "url", "avatar"];

/// Members of an attachment.
pub const ATTACHMENT: &[&str] = &[
    "url",
    "mime_type",
    "title",
    "size_in_bytes",
    "duration_in_seconds",
];

/// Members of a hub.
pub const HUB: &[&str] = &["type", "url"];

/// The members of one kind of object the rules read: which are defined
/// (`known`, and `newer` in 1.1 only) and which must be URLs or strings.
pub struct Shape {
    /// Members of JSON Feed 1.0 (and of 1.1).
    pub known: &'static [&'static str],
    /// Members JSON Feed 1.1 added.
    pub newer: &'static [&'static str],
    /// Members whose value must be an absolute URL.
    pub urls: &'static [&'static str],
    /// Members whose value must be a string.
    pub texts: &'static [&'static str],
}

impl Shape {
    /// Whether the rules read a member of this name.
    pub fn defines(&self, name: &str) -> bool {
        self.known.contains(&name) || self.newer.contains(&name)
    }
}

/// The top-level object.
pub const FEED: Shape = Shape {
    known: FEED_1,
    newer: FEED_1_1,
    urls: &["home_page_url", "feed_url", "next_url", "icon", "favicon"],
    texts: &["title", "description", "user_comment"],
};

/// An item.
pub const ITEM: Shape = Shape {
    known: ITEM_1,
    newer: ITEM_1_1,
    urls: &["url", "external_url", "image", "banner_image"],
    texts: &["title", "content_html", "content_text", "summary"],
};

/// An author.
pub const AUTHOR_SHAPE: Shape = Shape {
    known: AUTHOR,
    newer: &[],
    urls: &["url", "avatar"],
    texts: &["name"],
};

/// A hub.
pub const HUB_SHAPE: Shape = Shape {
    known: HUB,
    newer: &[],
    urls: &["url"],
    texts: &["type"],
};

/// An attachment.
pub const ATTACHMENT_SHAPE: Shape = Shape {
    known: ATTACHMENT,
    newer: &[],
    urls: &["url"],
    texts: &["title"],
};
