//! Pépite's use cases, one module per capability, over the store and the ports (Clock,
//! FileStore). Transactions and access rules (A4) live here; HTTP and HTML do not.

pub mod accounts;
pub mod catalog;
pub mod clock;
pub mod error;
pub mod files;
pub mod import;
pub mod photos;
pub mod sellers;

use std::sync::Arc;

pub use clock::Clock;
pub use error::AppError;
pub use files::{FileStore, LocalFiles};
use pepite_domain::policy::Policy;
use pepite_store::Db;

/// Everything a use case needs, built once at start-up and shared by every request.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Clock,
    pub files: Arc<dyn FileStore>,
    pub policy: Arc<Policy>,
}

impl App {
    pub fn new(db: Db, clock: Clock, files: Arc<dyn FileStore>, policy: Policy) -> Self {
        App {
            db,
            clock,
            files,
            policy: Arc::new(policy),
        }
    }

    /// The current instant in microseconds, from the configured clock.
    pub async fn now_us(&self) -> Result<i64, AppError> {
        Ok(self.clock.now_us(&self.db).await?)
    }
}
