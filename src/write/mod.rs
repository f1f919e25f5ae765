//! Writing a feed model as XML: RSS 2.0 and Atom 1.0, both through one
//! XML writer.

pub mod atom;
pub mod rss;
pub mod xml;
