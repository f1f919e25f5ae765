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
