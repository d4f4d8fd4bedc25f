//! The trade-in programme (T1–T8): a brand's rules, who and what it takes back, the instant
//! quote from its price grid, what inspection may decide, and the dates that bound a box and
//! a voucher. Pure: the caller passes today's date and instant.

pub mod grid;
pub mod rules;
pub mod season;

pub use grid::{GridLine, Quoted, default_grid};
pub use rules::{
    Defect, PersonFacts, ProgrammeRules, Refusal, StyleFacts, accepted_grades, check_person,
    handling_due, may_accept_at, quote_piece, voucher_expiry,
};
pub use season::{Half, Season};
