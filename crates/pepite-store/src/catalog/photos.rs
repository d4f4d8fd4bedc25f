//! Ordered photos of a piece; the first one is the cover shown in lists.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct PhotoRow {
    pub id: i64,
    pub piece_id: i64,
    pub position: i64,
    pub storage_key: String,
    pub width: i64,
    pub height: i64,
}

/// A stored photo's file key and size in pixels.
pub struct NewPhoto<'a> {
    pub storage_key: &'a str,
    pub width: i64,
    pub height: i64,
}

/// Appends a photo to a piece of `seller_id` that is still editable and has fewer than `max`
/// photos. A full piece or someone else's piece gets `None`.
pub async fn append(
    db: &Db,
    piece_id: i64,
    seller_id: i64,
    max: i64,
    photo: &NewPhoto<'_>,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    let mut tx = db.begin().await?;
    // C1: the piece's row lock queues concurrent uploads (SQLite's write transaction already
    // does), so each counts the photos committed before it: without it two uploads read the
    // same count and position, and the loser met the unique key instead of the limit.
    let editable = on_tx!(&mut tx, c => sqlx::query(LOCK_EDITABLE)
        .bind(piece_id).bind(seller_id).execute(c).await.map(|r| r.rows_affected()))?;
    if editable == 0 {
        return Ok(None);
    }
    let id = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO photos (piece_id, position, storage_key, width, height, created_at)
         SELECT $1, COALESCE((SELECT MAX(position) FROM photos WHERE piece_id = $1), 0) + 1, $2, $3, $4, $5
         WHERE (SELECT COUNT(*) FROM photos WHERE piece_id = $1) < $6
         RETURNING id")
        .bind(piece_id).bind(photo.storage_key).bind(photo.width).bind(photo.height).bind(now).bind(max)
        .fetch_optional(c).await)?;
    if id.is_some() {
        on_tx!(&mut tx, c => sqlx::query(REFRESH_COVER).bind(piece_id).execute(c).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Removes a photo of a piece of `seller_id`; a listed piece keeps at least one photo.
pub async fn remove(
    db: &Db,
    piece_id: i64,
    seller_id: i64,
    photo_id: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "DELETE FROM photos WHERE id = $1 AND piece_id = $2
           AND EXISTS (SELECT 1 FROM pieces p WHERE p.id = $2 AND p.seller_id = $3
                       AND p.state IN ('draft', 'listed', 'withdrawn')
                       AND (p.state <> 'listed' OR (SELECT COUNT(*) FROM photos WHERE piece_id = $2) > 1))")
        .bind(photo_id).bind(piece_id).bind(seller_id).execute(p).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        refresh_cover(db, piece_id).await?;
    }
    Ok(n == 1)
}

/// What became of a reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reordered {
    Done,
    /// Not the seller's piece, or no longer editable (sold, hidden).
    NotEditable,
    /// The order does not name exactly the piece's photos: one was added or removed since
    /// the seller saw them.
    Changed,
}

/// C1: puts a piece's photos in the order given; the first is the cover. The piece's row lock
/// queues this with uploads and removals, and under it the order must name exactly the
/// photos there are (a compare-and-set on the set), so a photo added meanwhile is never lost
/// or duplicated.
pub async fn reorder(
    db: &Db,
    piece_id: i64,
    seller_id: i64,
    order: &[i64],
) -> Result<Reordered, StoreError> {
    let mut tx = db.begin().await?;
    let editable = on_tx!(&mut tx, c => sqlx::query(LOCK_EDITABLE)
        .bind(piece_id).bind(seller_id).execute(c).await.map(|r| r.rows_affected()))?;
    if editable == 0 {
        return Ok(Reordered::NotEditable);
    }
    let mut there = on_tx!(&mut tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM photos WHERE piece_id = $1")
        .bind(piece_id).fetch_all(c).await)?;
    let mut asked = order.to_vec();
    there.sort_unstable();
    asked.sort_unstable();
    if there != asked {
        return Ok(Reordered::Changed);
    }
    // (piece_id, position) is unique and PostgreSQL checks it row by row: every photo first
    // moves out of the way, to positions no photo holds, then takes its place.
    on_tx!(&mut tx, c => sqlx::query(
        "UPDATE photos SET position = -1000000 - position WHERE piece_id = $1")
        .bind(piece_id).execute(c).await.map(|_| ()))?;
    for (position, id) in (1_i64..).zip(order) {
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE photos SET position = $1 WHERE id = $2 AND piece_id = $3")
            .bind(position).bind(id).bind(piece_id).execute(c).await.map(|_| ()))?;
    }
    on_tx!(&mut tx, c => sqlx::query(REFRESH_COVER).bind(piece_id).execute(c).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(Reordered::Done)
}

pub async fn of_piece(db: &Db, piece_id: i64) -> Result<Vec<PhotoRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, PhotoRow>(
        "SELECT id, piece_id, position, storage_key, width, height FROM photos
         WHERE piece_id = $1 ORDER BY position")
        .bind(piece_id).fetch_all(p).await)?)
}

/// Locks a piece of the seller while it can still be edited; no row means "not yours" or "not
/// editable".
const LOCK_EDITABLE: &str = "UPDATE pieces SET updated_at = updated_at
    WHERE id = $1 AND seller_id = $2 AND state IN ('draft', 'listed', 'withdrawn')";

/// Keeps the piece's denormalised cover (lists show it without a join) equal to its first photo.
const REFRESH_COVER: &str = "UPDATE pieces SET cover_key = (SELECT storage_key FROM photos
    WHERE piece_id = $1 ORDER BY position LIMIT 1) WHERE id = $1";

async fn refresh_cover(db: &Db, piece_id: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(REFRESH_COVER).bind(piece_id).execute(p).await.map(|_| ()))?;
    Ok(())
}
