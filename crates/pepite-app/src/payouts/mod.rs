//! Seller payouts (P1): a piece's earning becomes payable when its return window closes with
//! no return (the `payouts.release` timer, here), or when another rule releases it
//! (`payables::release_line`); sellers give a payout account and read their statement;
//! finance runs payouts as SEPA credit transfer files and confirms them paid.

mod accounts;
mod release;
mod runs;
mod statement;

pub use accounts::*;
pub use release::*;
pub use runs::*;
pub use statement::*;
