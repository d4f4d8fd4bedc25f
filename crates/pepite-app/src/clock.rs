//! The `Clock` port: every rule that depends on time asks it, never the system directly.
//! The manual clock lives in the database so that every instance reads the same instant.

use jiff::Timestamp;
use pepite_store::{Db, StoreError};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The machine's clock.
    System,
    /// A clock that stands still until an admin sets or advances it (tests, demos).
    Manual,
}

impl Clock {
    /// Now, in microseconds since the epoch.
    pub async fn now_us(&self, db: &Db) -> Result<i64, StoreError> {
        match self {
            Clock::System => Ok(Timestamp::now().as_microsecond()),
            Clock::Manual => match pepite_store::clock::get(db).await? {
                Some(us) => Ok(us),
                None => {
                    // First read: the manual clock starts where the system clock is.
                    pepite_store::clock::init(db, Timestamp::now().as_microsecond()).await?;
                    Ok(pepite_store::clock::get(db).await?.unwrap_or_default())
                }
            },
        }
    }

    pub fn is_manual(&self) -> bool {
        matches!(self, Clock::Manual)
    }
}
