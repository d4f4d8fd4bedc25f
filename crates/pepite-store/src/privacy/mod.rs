//! People's own data (issue 11, item 8; A4): what Pépite holds about one person, and the
//! closing of their account.

pub mod close;
pub mod export;
