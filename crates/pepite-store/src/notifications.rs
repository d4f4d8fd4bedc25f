//! The notification outbox (E1, E2): one row per event and recipient, queued in the
//! transaction of the event, sent under a lease by any instance, retried while the mail server
//! is away, never queued twice for one event (`dedupe`).

use sqlx::FromRow;

use crate::db::{Lease, on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub dedupe: String,
    pub kind: String,
    pub user_id: Option<i64>,
    pub to_address: String,
    pub language: String,
    pub params: String,
    pub state: String,
    pub attempts: i64,
    pub next_at: i64,
    pub leased_by: Option<String>,
    pub last_error: Option<String>,
    pub via: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, dedupe, kind, user_id, to_address, language, params, state, attempts,
    next_at, leased_by, last_error, via, created_at, sent_at";

/// Who a notification goes to: a person (their address and language are read in the same
/// statement), the person behind a seller's shop, or an address with a language (a gift card's
/// recipient).
#[derive(Debug, Clone, Copy)]
pub enum Recipient<'a> {
    User(i64),
    Seller(i64),
    Address { address: &'a str, language: &'a str },
}

#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub kind: &'a str,
    /// Unique per event and recipient: the same event queued twice is one message.
    pub dedupe: &'a str,
    pub to: Recipient<'a>,
    /// What the template needs, as JSON.
    pub params: &'a str,
}

/// Queues a message in the transaction of its event. False if it was already queued.
pub async fn queue(tx: &mut Tx, n: &NewNotification<'_>, now: i64) -> Result<bool, StoreError> {
    let insert = "INSERT INTO notifications (dedupe, kind, user_id, to_address, language, params,
                      state, next_at, created_at)";
    let rows = match n.to {
        Recipient::User(id) => on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{insert} SELECT $1, $2, u.id, u.email, u.language, $3, 'pending', $4, $4
             FROM users u WHERE u.id = $5 ON CONFLICT (dedupe) DO NOTHING")))
            .bind(n.dedupe).bind(n.kind).bind(n.params).bind(now).bind(id)
            .execute(c).await.map(|r| r.rows_affected()))?,
        Recipient::Seller(id) => on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{insert} SELECT $1, $2, u.id, u.email, u.language, $3, 'pending', $4, $4
             FROM sellers s JOIN users u ON u.id = s.user_id WHERE s.id = $5
             ON CONFLICT (dedupe) DO NOTHING")))
            .bind(n.dedupe).bind(n.kind).bind(n.params).bind(now).bind(id)
            .execute(c).await.map(|r| r.rows_affected()))?,
        Recipient::Address { address, language } => on_tx!(tx, c => sqlx::query(
            sqlx::AssertSqlSafe(format!(
            "{insert} VALUES ($1, $2, NULL, $5, $6, $3, 'pending', $4, $4)
             ON CONFLICT (dedupe) DO NOTHING")))
            .bind(n.dedupe).bind(n.kind).bind(n.params).bind(now).bind(address).bind(language)
            .execute(c).await.map(|r| r.rows_affected()))?,
    };
    Ok(rows == 1)
}

/// Claims up to `limit` messages due for sending, for `worker` until `lease_until`. A sender
/// that dies leaves its messages due again when the lease ends.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    let sql = format!(
        "UPDATE notifications SET next_at = $3, attempts = attempts + 1, leased_by = $4
         WHERE id IN (SELECT id FROM notifications WHERE state = 'pending' AND next_at <= $1
                      ORDER BY next_at, id LIMIT $2{{lock}})
         RETURNING {COLUMNS}"
    );
    let lease = Lease {
        now,
        limit,
        lease_until,
        worker,
    };
    crate::db::claim(db, &sql, &lease).await
}

/// The message left through `via`. `params` replaces the stored parameters (secrets such as a
/// reset link are dropped once sent). False if this sender's lease was lost.
pub async fn mark_sent(
    db: &Db,
    n: &NotificationRow,
    worker: &str,
    via: &str,
    params: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let rows = on_db!(db, p => sqlx::query(
        "UPDATE notifications SET state = 'sent', via = $4, params = $5, sent_at = $6,
             last_error = NULL
         WHERE id = $1 AND state = 'pending' AND leased_by = $2 AND attempts = $3")
        .bind(n.id).bind(worker).bind(n.attempts).bind(via).bind(params).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(rows == 1)
}

/// Sending failed: tried again at `retry_at`, or dead (`dead`: refused for good, or too many
/// attempts), then shown to staff.
pub async fn mark_failed(
    db: &Db,
    n: &NotificationRow,
    worker: &str,
    error: &str,
    retry_at: i64,
    dead: bool,
) -> Result<bool, StoreError> {
    let rows = on_db!(db, p => sqlx::query(
        "UPDATE notifications SET last_error = $4, next_at = $5,
             state = CASE WHEN $6 THEN 'dead' ELSE 'pending' END
         WHERE id = $1 AND state = 'pending' AND leased_by = $2 AND attempts = $3")
        .bind(n.id).bind(worker).bind(n.attempts).bind(error).bind(retry_at).bind(dead)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(rows == 1)
}

/// Staff's retry button: a dead message is pending again with fresh attempts.
pub async fn retry(db: &Db, id: i64, now: i64) -> Result<bool, StoreError> {
    let rows = on_db!(db, p => sqlx::query(
        "UPDATE notifications SET state = 'pending', attempts = 0, next_at = $2
         WHERE id = $1 AND state = 'dead'")
        .bind(id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(rows == 1)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<NotificationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM notifications WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, NotificationRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// Messages, newest first, before `before_id`: one person's, or everyone's (`user_id` None),
/// optionally in one state.
pub async fn list(
    db: &Db,
    user_id: Option<i64>,
    state: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM notifications
         WHERE ($1 IS NULL OR user_id = $1) AND ($2 IS NULL OR state = $2) AND id < $3
         ORDER BY id DESC LIMIT $4"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, NotificationRow>(sql)
        .bind(user_id).bind(state).bind(before_id.unwrap_or(i64::MAX)).bind(limit)
        .fetch_all(p).await)?)
}

/// How many messages are in each state.
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT state, COUNT(*) FROM notifications GROUP BY state ORDER BY state")
        .fetch_all(p).await)?)
}
