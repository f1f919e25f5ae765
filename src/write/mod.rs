//! Writing a feed model: RSS 2.0 and Atom 1.0 as XML, both through one
//! XML writer, and JSON Feed 1.1.

pub mod atom;
pub mod json;
pub mod rss;
pub mod xml;
