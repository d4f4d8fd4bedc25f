//! Staff's internal notes on an order (issue 11, item 6): written by staff, read newest first
//! on the back office's order page, never by the buyer or a seller (A4).

use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

/// A note with its author's name as it reads now.
#[derive(Debug, Clone, FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

/// Writes a note on `order_id` by `author_id`; its id.
pub async fn add(
    db: &Db,
    order_id: i64,
    author_id: i64,
    body: &str,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO order_notes (order_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id")
        .bind(order_id).bind(author_id).bind(body).bind(now).fetch_one(p).await)?)
}

/// An order's notes, newest first (ids break a tie within one instant of the clock).
pub async fn of_order(db: &Db, order_id: i64) -> Result<Vec<NoteRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, NoteRow>(
        "SELECT n.id, n.author_id, u.display_name AS author_name, n.body, n.created_at
         FROM order_notes n JOIN users u ON u.id = n.author_id
         WHERE n.order_id = $1 ORDER BY n.created_at DESC, n.id DESC")
        .bind(order_id).fetch_all(p).await)?)
}
