//! Webhook deliveries already handled: a repeated delivery is recognised and changes nothing.

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// The primary key (provider, event id) decides whether a delivery is new.
const RECORD: &str = "INSERT INTO webhook_events (provider, event_id, kind, received_at)
    VALUES ($1, $2, $3, $4) ON CONFLICT (provider, event_id) DO NOTHING";

/// Records a delivery; false if this event was already recorded.
pub async fn record(
    db: &Db,
    provider: &str,
    event_id: &str,
    kind: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(RECORD)
        .bind(provider).bind(event_id).bind(kind).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The same inside the transaction that handles the event: the event is recorded if and only
/// if its effect is (F4: a carrier's delivery event).
pub async fn record_in(
    tx: &mut Tx,
    provider: &str,
    event_id: &str,
    kind: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(RECORD)
        .bind(provider).bind(event_id).bind(kind).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Forgets a delivery whose handling failed, so the provider's retry is handled again.
pub async fn forget(db: &Db, provider: &str, event_id: &str) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("DELETE FROM webhook_events WHERE provider = $1 AND event_id = $2")
        .bind(provider).bind(event_id).execute(p).await.map(|_| ()))?;
    Ok(())
}
