//! Text vocabulary shared by the stages: timestamps, markup, cleaning,
//! folder names.

pub mod clean;
pub mod date;
pub(crate) mod escape;
pub(crate) mod markup;
pub mod slug;
pub mod uri;
pub mod xml;
