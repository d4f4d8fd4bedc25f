//! Seller payouts (P1): payout accounts, the release of earnings when the return window
//! closes, payout runs taking released lines by compare-and-set, and the statements sellers
//! and finance read.

mod accounts;
mod release;
mod runs;
mod statement;

pub use accounts::*;
pub use release::*;
pub use runs::*;
pub use statement::*;
