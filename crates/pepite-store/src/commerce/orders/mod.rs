//! Orders: their creation with the holds on their pieces, the sale, failure, shipping and
//! delivery of their parcels, cancellation, and reads for buyers, sellers and staff. Every state move is one compare-and-set.

mod cancel;
mod read;
mod shipping;
mod write;

pub use cancel::*;
pub use read::*;
pub use shipping::*;
pub use write::*;
