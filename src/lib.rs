//! feedpub turns a folder of articles into a feed set: RSS 2.0, Atom 1.0
//! and JSON Feed 1.1 feeds, and an OPML list of them.
//!
//! Data flows one way, and the folders name the stages: [`build`] lists
//! and reads the files, [`article`] reads each into an
//! [`article::Article`], [`normalize`] turns it into a
//! [`normalize::NormalizedEntry`], the newest entries of each feed of the
//! set make a [`feed::Feed`], [`write`](mod@write) writes it as RSS, Atom
//! and JSON Feed (and the set as OPML), [`validate`] checks the result, and
//! [`publish`] puts it in place atomically; [`websub`] then tells the
//! hubs which feeds changed; [`state`] says where a build keeps what it
//! remembers between runs, outside the output folder. [`text`] holds
//! what several stages read text with (timestamps, markup, cleaning);
//! [`scaffold`] writes a new site's starting files (`feedpub init`);
//! [`serve`] serves the output folder for a live preview;
//! [`cli`] is the command line, the only part that prints.
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod article;
pub mod build;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod feed;
pub mod normalize;
pub mod publish;
pub mod scaffold;
pub mod serve;
pub mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod validate;
pub mod websub;
pub mod write;
