//! Single-use secrets sent by e-mail: e-mail verification and password reset. Only their
//! SHA-256 is stored; using one is a compare-and-set, so a link works once.

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// Stores a token's hash for `purpose`, valid until `expires_at`.
pub async fn insert(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    purpose: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash).bind(user_id).bind(purpose).bind(now).bind(expires_at)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Uses a token: the account it belongs to, if it is unused, unexpired and for `purpose`.
pub async fn take(
    tx: &mut Tx,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "UPDATE account_tokens SET used_at = $3
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING user_id")
        .bind(token_hash).bind(purpose).bind(now).fetch_optional(c).await)?)
}

/// Whether a token could still be used (the reset page checks before asking for a password).
pub async fn is_usable(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<bool, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM account_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
        .bind(token_hash).bind(purpose).bind(now).fetch_one(p).await)?
        > 0)
}

/// Ends every unused token of an account for `purpose` (a new reset link voids older ones).
pub async fn void(tx: &mut Tx, user_id: i64, purpose: &str, now: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
        .bind(user_id).bind(purpose).bind(now).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Marks the account's address as verified (once; later calls keep the first instant).
pub async fn set_email_verified(tx: &mut Tx, user_id: i64, now: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1")
        .bind(user_id).bind(now).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Sets a new password hash inside a transaction (password reset).
pub async fn set_password_hash_in(tx: &mut Tx, user_id: i64, hash: &str) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(user_id).bind(hash).execute(c).await.map(|_| ()))?;
    Ok(())
}
