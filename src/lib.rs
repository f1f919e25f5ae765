//! feedpub turns a folder of articles into RSS 2.0 and Atom 1.0 feeds.
//!
//! Data flows one way: files are read into [`article::Article`]s, each is
//! normalised into a [`normalize::NormalizedEntry`], the newest entries make
//! a [`feed::Feed`], and the feed is written as RSS ([`rss_writer`]) and
//! Atom ([`atom_writer`], both through [`xml_writer`]) and put in place
//! atomically ([`output`]).
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod article;
pub mod atom_writer;
pub mod cache;
pub mod cli;
pub mod config;
pub mod content;
pub mod corpus;
pub mod diagnostic;
pub mod error;
pub mod feed;
pub mod inspect;
pub mod normalize;
pub mod order;
pub mod output;
pub mod pipeline;
pub mod properties;
pub mod rank;
pub mod rss_writer;
pub mod source;
pub mod validate;
pub mod xml_writer;
