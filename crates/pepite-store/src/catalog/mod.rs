//! The catalogue of unique pieces (C1–C5): pieces, their photos, and search.

mod bulk;
mod facets;
mod photos;
mod pieces;
mod search;

pub use bulk::*;
pub use facets::FacetIndex;
pub use photos::*;
pub use pieces::*;
pub use search::*;
