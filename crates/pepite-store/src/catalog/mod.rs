//! The catalogue of unique pieces (C1–C6): pieces, their photos, and search.

mod buckets;
mod bulk;
mod counts;
mod evaluate;
mod facets;
mod photos;
mod pieces;
mod postings;
#[cfg(test)]
mod reference;
mod search;
mod tally;

pub use bulk::*;
pub use facets::FacetIndex;
pub use photos::*;
pub use pieces::*;
pub use search::*;
