//! Writing a feed model: RSS 2.0 and Atom 1.0 through one XML writer,
//! JSON Feed 1.1, the site's feeds as an OPML subscription list, and
//! the page people read beside them (`index.html`).

pub mod atom;
pub mod json;
pub mod media;
pub mod opml;
pub mod page;
pub mod rss;
pub mod xml;
