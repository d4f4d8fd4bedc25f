//! Idempotency keys (O7): a money-moving request is answered once per (person, scope, key);
//! the same key with the same request gets the first answer back, another request is refused.

use crate::db::on_db;
use crate::{Db, StoreError};

/// What a key says about a request arriving with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: the caller runs the request and then calls [`finish`] (or [`release`]).
    New,
    /// Already answered: here is the stored answer.
    Replay(String),
    /// The same key is running right now (a double click): the caller must wait or retry.
    InFlight,
    /// The key was used for a different request.
    Mismatch,
}

pub async fn claim(
    db: &Db,
    user_id: i64,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: i64,
) -> Result<Claim, StoreError> {
    let inserted = on_db!(db, p => sqlx::query(
        "INSERT INTO idempotency_keys (user_id, scope, key, request_hash, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, scope, key) DO NOTHING")
        .bind(user_id).bind(scope).bind(key).bind(request_hash).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let row = on_db!(db, p => sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT request_hash, response FROM idempotency_keys
         WHERE user_id = $1 AND scope = $2 AND key = $3")
        .bind(user_id).bind(scope).bind(key).fetch_optional(p).await)?;
    Ok(match row {
        None => Claim::InFlight,
        Some((hash, _)) if hash != request_hash => Claim::Mismatch,
        Some((_, Some(response))) => Claim::Replay(response),
        Some((_, None)) => Claim::InFlight,
    })
}

/// Stores the answer given to the key's first request.
pub async fn finish(
    db: &Db,
    user_id: i64,
    scope: &str,
    key: &str,
    response: &str,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE idempotency_keys SET response = $4 WHERE user_id = $1 AND scope = $2 AND key = $3")
        .bind(user_id).bind(scope).bind(key).bind(response).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Forgets a key whose request changed nothing (refused input), so it may be sent again.
pub async fn release(db: &Db, user_id: i64, scope: &str, key: &str) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND scope = $2 AND key = $3 AND response IS NULL")
        .bind(user_id).bind(scope).bind(key).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Forgets keys created before `cutoff`: a client retries within minutes, not weeks.
pub async fn purge_before(db: &Db, cutoff: i64) -> Result<u64, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(cutoff).execute(p).await.map(|r| r.rows_affected()))?,
    )
}
