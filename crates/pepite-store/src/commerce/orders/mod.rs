//! Orders: their creation with the holds on their pieces, the sale, failure, and reads for
//! buyers, sellers and staff. Every state move is one compare-and-set.

mod read;
mod write;

pub use read::*;
pub use write::*;
