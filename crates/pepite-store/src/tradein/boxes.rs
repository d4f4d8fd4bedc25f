//! T3–T6, T8: a quote and the box it becomes. Each step is a compare-and-set on the box's or
//! the piece's state, so a double click, a retry or a second instance does it once.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct BoxRow {
    pub id: i64,
    pub programme_id: i64,
    pub user_id: i64,
    pub state: String,
    pub birth_date: String,
    pub full_name: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub quoted_cents: i64,
    pub quoted_at: i64,
    pub accepted_at: Option<i64>,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub arrived_at: Option<i64>,
    pub due_on: Option<String>,
    pub handled_at: Option<i64>,
}

const BOX: &str = "SELECT id, programme_id, user_id, state, birth_date, full_name, address,
    postal_code, city, country, quoted_cents, quoted_at, accepted_at, carrier, tracking,
    arrived_at, due_on, handled_at FROM tradein_boxes";

/// A piece with what its style says of it.
#[derive(Debug, Clone, FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub box_id: i64,
    pub style_id: i64,
    pub style_ref: String,
    pub name: String,
    pub brand: String,
    pub category: String,
    pub season: String,
    pub reference_cents: i64,
    pub declared_grade: String,
    pub quoted_cents: i64,
    pub grid_line: String,
    pub outcome: Option<String>,
    pub final_grade: Option<String>,
    pub credited_cents: Option<i64>,
    pub refusal_reason: Option<String>,
    pub inspected_at: Option<i64>,
    pub return_carrier: Option<String>,
    pub return_tracking: Option<String>,
    pub refurb_steps: i64,
    pub piece_id: Option<i64>,
}

const ITEM: &str = "SELECT i.id, i.box_id, i.style_id, s.style_ref, s.name, s.brand, s.category,
    s.season, s.reference_cents, i.declared_grade, i.quoted_cents, i.grid_line, i.outcome,
    i.final_grade, i.credited_cents, i.refusal_reason, i.inspected_at, i.return_carrier,
    i.return_tracking, i.refurb_steps, i.piece_id
    FROM tradein_items i JOIN tradein_styles s ON s.id = i.style_id";

/// What the person gives for the transfer form and the label.
#[derive(Debug, Clone)]
pub struct NewBox {
    pub programme_id: i64,
    pub user_id: i64,
    pub birth_date: String,
    pub full_name: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub quoted_cents: i64,
    pub quoted_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewItem {
    pub style_id: i64,
    pub declared_grade: String,
    pub quoted_cents: i64,
    pub grid_line: String,
}

/// T3: writes a quote and its pieces; the box's id.
pub async fn insert_quote(tx: &mut Tx, b: &NewBox, items: &[NewItem]) -> Result<i64, StoreError> {
    let id = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO tradein_boxes (programme_id, user_id, state, birth_date, full_name, address,
             postal_code, city, country, quoted_cents, quoted_at)
         VALUES ($1, $2, 'quoted', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(b.programme_id).bind(b.user_id).bind(&b.birth_date).bind(&b.full_name)
        .bind(&b.address).bind(&b.postal_code).bind(&b.city).bind(&b.country)
        .bind(b.quoted_cents).bind(b.quoted_at).fetch_one(c).await)?;
    for i in items {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO tradein_items (box_id, style_id, declared_grade, quoted_cents, grid_line)
             VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(i.style_id).bind(&i.declared_grade).bind(i.quoted_cents)
            .bind(&i.grid_line).execute(c).await.map(|_| ()))?;
    }
    Ok(id)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<BoxRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{BOX} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, BoxRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// A person's boxes and quotes, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<BoxRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{BOX} WHERE user_id = $1 ORDER BY id DESC"));
    Ok(on_db!(db, p => sqlx::query_as::<_, BoxRow>(sql).bind(user_id).fetch_all(p).await)?)
}

/// T6: the boxes staff work on: arrived ones by the date they are due (late first), then
/// those on their way, then the handled ones of the last days; at most `limit`.
pub async fn queue(db: &Db, limit: i64) -> Result<Vec<BoxRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{BOX} WHERE state IN ('accepted', 'arrived')
         ORDER BY CASE state WHEN 'arrived' THEN 0 ELSE 1 END, due_on, id LIMIT $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, BoxRow>(sql).bind(limit).fetch_all(p).await)?)
}

pub async fn items(db: &Db, box_id: i64) -> Result<Vec<ItemRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{ITEM} WHERE i.box_id = $1 ORDER BY i.id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ItemRow>(sql).bind(box_id).fetch_all(p).await)?)
}

pub async fn item(db: &Db, item_id: i64) -> Result<Option<ItemRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{ITEM} WHERE i.id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ItemRow>(sql).bind(item_id).fetch_optional(p).await)?)
}

/// T4: the person accepts their own quote, once.
pub async fn accept_in(tx: &mut Tx, id: i64, user_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tradein_boxes SET state = 'accepted', accepted_at = $3
         WHERE id = $1 AND user_id = $2 AND state = 'quoted'")
        .bind(id).bind(user_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The box travelling under a tracking number.
pub async fn by_tracking(db: &Db, tracking: &str) -> Result<Option<BoxRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{BOX} WHERE tracking = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, BoxRow>(sql).bind(tracking).fetch_optional(p).await)?)
}

/// T4: the box's prepaid label, kept once.
pub async fn set_label(
    db: &Db,
    id: i64,
    carrier: &str,
    tracking: &str,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE tradein_boxes SET carrier = $2, tracking = $3 WHERE id = $1 AND tracking IS NULL")
        .bind(id).bind(carrier).bind(tracking).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T6: the box reached the warehouse; `due_on` is the last day to handle it.
pub async fn arrive_in(tx: &mut Tx, id: i64, now: i64, due_on: &str) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tradein_boxes SET state = 'arrived', arrived_at = $2, due_on = $3
         WHERE id = $1 AND state = 'accepted'")
        .bind(id).bind(now).bind(due_on).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T5: what inspection decided for one piece.
#[derive(Debug, Clone)]
pub struct Verdict<'a> {
    pub outcome: &'a str,
    pub final_grade: Option<&'a str>,
    pub credited_cents: Option<i64>,
    pub refusal_reason: Option<&'a str>,
    pub inspector: i64,
    pub at: i64,
}

/// T5: records a verdict on a piece of an arrived box, once: two inspectors recording the same
/// piece at once get one true between them.
pub async fn inspect(tx: &mut Tx, item_id: i64, v: &Verdict<'_>) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tradein_items SET outcome = $2, final_grade = $3, credited_cents = $4,
             refusal_reason = $5, inspected_by = $6, inspected_at = $7
         WHERE id = $1 AND outcome IS NULL
           AND box_id IN (SELECT id FROM tradein_boxes WHERE state = 'arrived')")
        .bind(item_id).bind(v.outcome).bind(v.final_grade).bind(v.credited_cents)
        .bind(v.refusal_reason).bind(v.inspector).bind(v.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T6: the box is handled once no piece of it waits for a verdict.
pub async fn close_if_done(tx: &mut Tx, box_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tradein_boxes SET state = 'handled', handled_at = $2
         WHERE id = $1 AND state = 'arrived'
           AND NOT EXISTS (SELECT 1 FROM tradein_items WHERE box_id = $1 AND outcome IS NULL)")
        .bind(box_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T5: a refused piece's free return label, kept once.
pub async fn set_return_label(
    db: &Db,
    item_id: i64,
    carrier: &str,
    tracking: &str,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE tradein_items SET return_carrier = $2, return_tracking = $3
         WHERE id = $1 AND outcome = 'refused' AND return_tracking IS NULL")
        .bind(item_id).bind(carrier).bind(tracking).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T8: records refurbishment step `bit` on an accepted piece, once and in order: only when
/// every earlier step (`done`, exactly) is recorded and this one is not.
pub async fn refurb_step(db: &Db, item_id: i64, done: i64, bit: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE tradein_items SET refurb_steps = refurb_steps + $3
         WHERE id = $1 AND outcome = 'accepted' AND refurb_steps = $2")
        .bind(item_id).bind(done).bind(bit).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// T8: the piece a refurbished item became in the resale shop, once.
pub async fn set_piece(db: &Db, item_id: i64, piece_id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE tradein_items SET piece_id = $2 WHERE id = $1 AND piece_id IS NULL")
        .bind(item_id).bind(piece_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
