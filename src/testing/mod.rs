//! Test kits: the synthetic corpus and the property oracles.

pub mod corpus;
pub mod properties;
