//! Webhook deliveries already handled: a repeated delivery is recognised and changes nothing.

use crate::db::on_db;
use crate::{Db, StoreError};

/// Records a delivery; false if this event was already recorded.
pub async fn record(
    db: &Db,
    provider: &str,
    event_id: &str,
    kind: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "INSERT INTO webhook_events (provider, event_id, kind, received_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (provider, event_id) DO NOTHING")
        .bind(provider).bind(event_id).bind(kind).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Forgets a delivery whose handling failed, so the provider's retry is handled again.
pub async fn forget(db: &Db, provider: &str, event_id: &str) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("DELETE FROM webhook_events WHERE provider = $1 AND event_id = $2")
        .bind(provider).bind(event_id).execute(p).await.map(|_| ()))?;
    Ok(())
}
