//! The `Clock` port: every rule that depends on time asks it, never the system directly.
//! The manual clock lives in the database so that every instance reads the same instant.

use jiff::Timestamp;
use pepite_domain::account::Role;
use pepite_store::{Db, StoreError};

use crate::accounts::Principal;
use crate::{App, AppError};

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

/// Admin moves the manual clock to `now_us` (demos and acceptance runs; the system clock
/// cannot be moved). Returns the new instant.
pub async fn set_manual(app: &App, who: &Principal, now_us: i64) -> Result<i64, AppError> {
    who.require(Role::Admin)?;
    if !app.clock.is_manual() {
        return Err(AppError::Conflict("clock_not_manual"));
    }
    pepite_store::clock::set(&app.db, now_us).await?;
    app.ring();
    Ok(now_us)
}

/// Admin moves the manual clock forward by `delta_us` (> 0). Returns the new instant.
pub async fn advance_manual(app: &App, who: &Principal, delta_us: i64) -> Result<i64, AppError> {
    who.require(Role::Admin)?;
    if !app.clock.is_manual() {
        return Err(AppError::Conflict("clock_not_manual"));
    }
    if delta_us <= 0 {
        return Err(AppError::field("delta", "must_be_positive"));
    }
    // Reading now first starts the manual clock if it was never read, so there is a row to move.
    app.now_us().await?;
    let now = pepite_store::clock::advance(&app.db, delta_us)
        .await?
        .ok_or_else(|| AppError::Internal("manual clock has no instant".into()))?;
    // What fell due runs now, not at the workers' next poll.
    app.ring();
    Ok(now)
}
