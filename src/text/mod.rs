//! Text vocabulary shared by the stages: timestamps, markup, cleaning.

pub mod clean;
pub mod date;
pub(crate) mod markup;
pub mod uri;
pub mod xml;
