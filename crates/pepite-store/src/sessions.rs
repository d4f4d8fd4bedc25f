//! Server-side sessions (browser cookies) and API bearer tokens, stored hashed (A2, DESIGN auth).

use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

/// A live session joined with its account.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub kind: String,
    pub expires_at: i64,
    pub seller_id: Option<i64>,
    pub language: String,
    pub display_name: String,
    pub email: String,
}

/// An API token as its owner sees it (never the secret).
#[derive(Debug, Clone, FromRow)]
pub struct TokenRow {
    pub token_hash: String,
    pub label: String,
    pub created_at: i64,
    pub expires_at: i64,
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub kind: &'a str,
    pub label: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert(db: &Db, s: &NewSession<'_>) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, kind, label, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(s.token_hash).bind(s.user_id).bind(s.kind).bind(s.label)
        .bind(s.now).bind(s.expires_at).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The session behind a hashed secret, if it is live and its account is not disabled.
/// Expiry is enforced here, on read, so a late sweeper is never visible.
pub async fn lookup(db: &Db, token_hash: &str, now: i64) -> Result<Option<SessionRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, SessionRow>(
        "SELECT s.user_id, s.kind, s.expires_at, (SELECT id FROM sellers WHERE user_id = s.user_id) AS seller_id,
                u.language, u.display_name, u.email
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE")
        .bind(token_hash).bind(now).fetch_optional(p).await)?)
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Deletes one of a person's API tokens, only if it is theirs (A4).
pub async fn delete_token_of(db: &Db, user_id: i64, token_hash: &str) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1 AND user_id = $2 AND kind = 'api'")
        .bind(token_hash).bind(user_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Ends every session and token of an account (password change, account disabled).
pub async fn delete_all_of(db: &Db, user_id: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub async fn api_tokens_of(db: &Db, user_id: i64, now: i64) -> Result<Vec<TokenRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, TokenRow>(
        "SELECT token_hash, label, created_at, expires_at FROM sessions
         WHERE user_id = $1 AND kind = 'api' AND expires_at > $2 ORDER BY created_at DESC")
        .bind(user_id).bind(now).fetch_all(p).await)?)
}

pub async fn purge_expired(db: &Db, now: i64) -> Result<u64, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now).execute(p).await.map(|r| r.rows_affected()))?,
    )
}
