//! Idempotency keys (O7): a money-moving request is answered once per (person, scope, key);
//! the same key with the same request gets the first answer back, another request is refused.

use crate::db::on_db;
use crate::{Db, StoreError};

/// What a key says about a request arriving with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This caller holds the key (its `attempt`, 1 the first time, more after taking over a
    /// lapsed lease): it runs the request and then calls [`finish`] (or [`release`]).
    New(i64),
    /// Already answered: here is the stored answer.
    Replay(String),
    /// The same key is running right now (a double click), its lease not yet over: the caller
    /// must wait or retry.
    InFlight,
    /// The key was used for a different request.
    Mismatch,
}

/// Claims the key until `lease_until`. A claim whose lease has lapsed with no answer stored
/// belonged to a request that died (a crash, a dropped connection): the same request takes the
/// key over by compare-and-set on its attempt number, so of two retries only one wins.
pub async fn claim(
    db: &Db,
    user_id: i64,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: i64,
    lease_until: i64,
) -> Result<Claim, StoreError> {
    let inserted = on_db!(db, p => sqlx::query(
        "INSERT INTO idempotency_keys (user_id, scope, key, request_hash, created_at, lease_until,
             attempt)
         VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (user_id, scope, key) DO NOTHING")
        .bind(user_id).bind(scope).bind(key).bind(request_hash).bind(now).bind(lease_until)
        .execute(p).await.map(|r| r.rows_affected()))?;
    if inserted == 1 {
        return Ok(Claim::New(1));
    }
    let row = on_db!(db, p => sqlx::query_as::<_, (String, Option<String>, i64, i64)>(
        "SELECT request_hash, response, lease_until, attempt FROM idempotency_keys
         WHERE user_id = $1 AND scope = $2 AND key = $3")
        .bind(user_id).bind(scope).bind(key).fetch_optional(p).await)?;
    let attempt = match row {
        None => return Ok(Claim::InFlight),
        Some((hash, ..)) if hash != request_hash => return Ok(Claim::Mismatch),
        Some((_, Some(response), ..)) => return Ok(Claim::Replay(response)),
        Some((_, None, lease, _)) if lease > now => return Ok(Claim::InFlight),
        Some((.., attempt)) => attempt,
    };
    let taken = on_db!(db, p => sqlx::query(
        "UPDATE idempotency_keys SET attempt = attempt + 1, lease_until = $5
         WHERE user_id = $1 AND scope = $2 AND key = $3 AND attempt = $4 AND response IS NULL
           AND lease_until <= $6")
        .bind(user_id).bind(scope).bind(key).bind(attempt).bind(lease_until).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(if taken == 1 {
        Claim::New(attempt + 1)
    } else {
        Claim::InFlight
    })
}

/// Stores the answer given to the key's request by `attempt`; false if another attempt took
/// the key over meanwhile (its answer is the one that counts).
pub async fn finish(
    db: &Db,
    user_id: i64,
    scope: &str,
    key: &str,
    attempt: i64,
    response: &str,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE idempotency_keys SET response = $5
         WHERE user_id = $1 AND scope = $2 AND key = $3 AND attempt = $4 AND response IS NULL")
        .bind(user_id).bind(scope).bind(key).bind(attempt).bind(response)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Forgets a key whose request changed nothing (refused input), so it may be sent again;
/// only the attempt that holds it may.
pub async fn release(
    db: &Db,
    user_id: i64,
    scope: &str,
    key: &str,
    attempt: i64,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "DELETE FROM idempotency_keys
         WHERE user_id = $1 AND scope = $2 AND key = $3 AND attempt = $4 AND response IS NULL")
        .bind(user_id).bind(scope).bind(key).bind(attempt).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Forgets keys created before `cutoff`: a client retries within minutes, not weeks.
pub async fn purge_before(db: &Db, cutoff: i64) -> Result<u64, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(cutoff).execute(p).await.map(|r| r.rows_affected()))?,
    )
}
