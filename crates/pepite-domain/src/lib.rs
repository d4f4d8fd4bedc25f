//! Pure business rules of Pépite: values that parse instead of validate, state machines,
//! search normalisation and policies. No I/O, no async, no clock reads.

pub mod account;
pub mod commerce;
pub mod country;
pub mod fields;
pub mod legal_texts;
pub mod money;
pub mod offers;
pub mod piece;
pub mod policy;
pub mod search;
pub mod shop;
pub mod support;
pub mod time;
pub mod tradein;

pub use fields::{FieldError, FieldErrors};
pub use money::Money;
