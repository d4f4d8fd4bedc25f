//! Alerts on sold pieces (L1): a person asks to hear when a sold piece is listed again; when
//! it is, every alert on it becomes a notification in the same transaction and is deleted, so
//! each person is told once.

use crate::db::{json_object, on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// Sets an alert; false if this person already had one on this piece.
pub async fn set(db: &Db, piece_id: i64, user_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "INSERT INTO alerts (piece_id, user_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (piece_id, user_id) DO NOTHING")
        .bind(piece_id).bind(user_id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Removes one's alert; false if there was none.
pub async fn remove(db: &Db, piece_id: i64, user_id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query("DELETE FROM alerts WHERE piece_id = $1 AND user_id = $2")
        .bind(piece_id).bind(user_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether this person has an alert on this piece.
pub async fn has(db: &Db, piece_id: i64, user_id: i64) -> Result<bool, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM alerts WHERE piece_id = $1 AND user_id = $2")
        .bind(piece_id).bind(user_id).fetch_one(p).await)?
        > 0)
}

/// L1: whether the person bought the piece (a paid order of theirs holds it, not cancelled nor
/// refunded): they are not offered an alert on it.
pub async fn bought(db: &Db, piece_id: i64, user_id: i64) -> Result<bool, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.piece_id = $1 AND o.buyer_id = $2 AND o.state = 'paid'
           AND o.cancelled_at IS NULL AND l.refunded_at IS NULL")
        .bind(piece_id).bind(user_id).fetch_one(p).await)?
        > 0)
}

/// A person's alerts, newest first: (piece id, title, piece state, set at).
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<(i64, String, String, i64)>, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, (i64, String, String, i64)>(
        "SELECT a.piece_id, p.title, p.state, a.created_at FROM alerts a
         JOIN pieces p ON p.id = a.piece_id WHERE a.user_id = $1 ORDER BY a.created_at DESC")
        .bind(user_id).fetch_all(p).await)?,
    )
}

/// L1: in the relisting's transaction, every alert on the piece becomes an `alert_fired`
/// notification and ends. Returns how many people will be told.
pub async fn fire(tx: &mut Tx, piece_id: i64, now: i64) -> Result<u64, StoreError> {
    let pairs = "'kind', 'alert_fired', 'piece_id', p.id, 'title', p.title,
                 'price_cents', p.price_cents";
    let json = json_object(tx.backend(), pairs);
    let notices = format!(
        "INSERT INTO notifications (dedupe, kind, user_id, to_address, language, params, state,
             next_at, created_at)
         SELECT 'alert:' || a.piece_id || ':' || a.created_at || ':user:' || u.id, 'alert_fired',
                u.id, u.email, u.language, {json}, 'pending', $2, $2
         FROM alerts a JOIN users u ON u.id = a.user_id JOIN pieces p ON p.id = a.piece_id
         WHERE a.piece_id = $1
         ON CONFLICT (dedupe) DO NOTHING"
    );
    let told = on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(notices.clone()))
        .bind(piece_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query("DELETE FROM alerts WHERE piece_id = $1")
        .bind(piece_id).execute(c).await.map(|_| ()))?;
    Ok(told)
}
