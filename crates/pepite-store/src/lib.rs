//! The database of Pépite: one `Db` over SQLite (embedded) or PostgreSQL (production),
//! migrations per backend, and one repository module per capability.

mod db;
mod error;

pub mod account_tokens;
pub mod accounts;
pub mod alerts;
pub mod catalog;
pub mod clock;
pub mod commerce;
pub mod dashboard;
pub mod jobs;
pub mod notifications;
pub mod offers;
pub mod privacy;
pub mod sandbox;
pub mod sellers;
pub mod sessions;
pub mod shops;
pub mod support;
pub mod throttle;
pub mod tradein;

pub use db::{Backend, Db, Tx, postgres_schema_fingerprint, redact};
pub use error::StoreError;
