//! Writing a feed model as XML: RSS 2.0 and Atom 1.0, both through one
//! XML writer, and the site's feeds as an OPML subscription list.

pub mod atom;
pub mod opml;
pub mod rss;
pub mod xml;
