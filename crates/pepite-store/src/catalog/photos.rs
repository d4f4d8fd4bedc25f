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
    let editable = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET updated_at = updated_at
         WHERE id = $1 AND seller_id = $2 AND state IN ('draft', 'listed', 'withdrawn')")
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

/// Makes a photo the cover by giving it the lowest position.
pub async fn make_cover(
    db: &Db,
    piece_id: i64,
    seller_id: i64,
    photo_id: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE photos SET position = (SELECT MIN(position) FROM photos WHERE piece_id = $2) - 1
         WHERE id = $1 AND piece_id = $2
           AND EXISTS (SELECT 1 FROM pieces p WHERE p.id = $2 AND p.seller_id = $3)")
        .bind(photo_id).bind(piece_id).bind(seller_id).execute(p).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        refresh_cover(db, piece_id).await?;
    }
    Ok(n == 1)
}

pub async fn of_piece(db: &Db, piece_id: i64) -> Result<Vec<PhotoRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, PhotoRow>(
        "SELECT id, piece_id, position, storage_key, width, height FROM photos
         WHERE piece_id = $1 ORDER BY position")
        .bind(piece_id).fetch_all(p).await)?)
}

/// Keeps the piece's denormalised cover (lists show it without a join) equal to its first photo.
const REFRESH_COVER: &str = "UPDATE pieces SET cover_key = (SELECT storage_key FROM photos
    WHERE piece_id = $1 ORDER BY position LIMIT 1) WHERE id = $1";

async fn refresh_cover(db: &Db, piece_id: i64) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(REFRESH_COVER).bind(piece_id).execute(p).await.map(|_| ()))?;
    Ok(())
}
