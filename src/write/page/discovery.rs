//! Feed autodiscovery: the `<link rel="alternate">` tag that tells a
//! browser or a reader where a page's feed is. `index.html` carries the
//! main feed's, and `feedpub links` prints them for a site's own page
//! templates, both from here, so they always agree.

use crate::config::feeds::FeedFormat;

/// The autodiscovery tag of a feed's file in a format, with its title and
/// URL escaped for a double-quoted attribute (as the XML writers escape
/// them; `&apos;` is an HTML reference too).
pub fn alternate_link(format: FeedFormat, title: &str, href: &str) -> String {
    let mut out = String::with_capacity(64 + title.len() + href.len());
    out.push_str("<link rel=\"alternate\" type=\"");
    out.push_str(format.media_type());
    out.push_str("\" title=\"");
    super::push_escaped(&mut out, title);
    out.push_str("\" href=\"");
    super::push_escaped(&mut out, href);
    out.push_str("\">");
    out
}
