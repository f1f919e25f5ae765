//! Writing a feed model: RSS 2.0 and Atom 1.0 through one XML writer,
//! JSON Feed 1.1, and the site's feeds as an OPML subscription list.

pub mod atom;
pub mod json;
pub mod media;
pub mod opml;
pub mod rss;
pub mod xml;
