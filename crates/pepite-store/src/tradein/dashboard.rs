//! The partner console's dashboard (issue 12, item 9): a programme's boxes by state, its open
//! boxes' arrival dates, its pieces, credit, vouchers and redemptions per Paris day (days
//! bounded by the caller, as in the back office's dashboard), its refusal reasons, and what
//! each sales channel redeemed.

use sqlx::FromRow;

use crate::dashboard::Day;
use crate::db::on_db;
use crate::{Db, StoreError};

/// One daily series of a programme.
#[derive(Debug, Clone, Copy)]
pub enum Series {
    /// Pieces accepted at inspection (count, amount credited).
    Accepted,
    Refused,
    /// Vouchers issued (count, amount).
    Vouchers,
    /// Redemptions by the programme's channels, not reversed (count, amount).
    Redeemed,
}

impl Series {
    /// (rows aliased `t` with the programme as `pid`, time column, amount, filter).
    fn parts(self) -> (&'static str, &'static str, &'static str, &'static str) {
        const ITEMS: &str =
            "(SELECT i.inspected_at, i.outcome, i.credited_cents, b.programme_id AS pid
             FROM tradein_items i JOIN tradein_boxes b ON b.id = i.box_id)";
        match self {
            Series::Accepted => (
                ITEMS,
                "inspected_at",
                "t.credited_cents",
                "t.outcome = 'accepted'",
            ),
            Series::Refused => (ITEMS, "inspected_at", "0", "t.outcome = 'refused'"),
            Series::Vouchers => (
                "(SELECT created_at, initial_cents, programme_id AS pid FROM instruments
                  WHERE kind = 'voucher')",
                "created_at",
                "t.initial_cents",
                "1 = 1",
            ),
            Series::Redeemed => (
                "(SELECT r.created_at, r.amount_cents, c.programme_id AS pid
                  FROM voucher_redemptions r JOIN sales_channels c ON c.id = r.channel_id
                  WHERE r.reversed_at IS NULL)",
                "created_at",
                "t.amount_cents",
                "1 = 1",
            ),
        }
    }
}

/// `series` of `programme_id` per day between consecutive `bounds`, every day listed.
pub async fn daily(
    db: &Db,
    programme_id: i64,
    series: Series,
    bounds: &[i64],
) -> Result<Vec<Day>, StoreError> {
    let (rows, at, amount, filter) = series.parts();
    let filter = format!("t.pid = $param AND {filter}");
    crate::dashboard::daily_of(db, rows, at, amount, &filter, bounds, Some(programme_id)).await
}

/// A label and how many rows carry it (a box state, a refusal reason).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

/// The programme's boxes by state (quotes not accepted included).
pub async fn boxes_by_state(db: &Db, programme_id: i64) -> Result<Vec<Count>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Count>(
        "SELECT state AS label, COUNT(*) AS count FROM tradein_boxes WHERE programme_id = $1
         GROUP BY state ORDER BY state")
        .bind(programme_id).fetch_all(p).await)?)
}

/// When each box now at the warehouse (arrived, not handled) arrived.
pub async fn open_arrivals(db: &Db, programme_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT arrived_at FROM tradein_boxes
         WHERE programme_id = $1 AND state = 'arrived' AND arrived_at IS NOT NULL")
        .bind(programme_id).fetch_all(p).await)?)
}

/// The reasons pieces were refused since `since`, commonest first, at most `limit`.
pub async fn refusal_reasons(
    db: &Db,
    programme_id: i64,
    since: i64,
    limit: i64,
) -> Result<Vec<Count>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Count>(
        "SELECT i.refusal_reason AS label, COUNT(*) AS count
         FROM tradein_items i JOIN tradein_boxes b ON b.id = i.box_id
         WHERE b.programme_id = $1 AND i.outcome = 'refused' AND i.inspected_at >= $2
           AND i.refusal_reason IS NOT NULL
         GROUP BY i.refusal_reason ORDER BY COUNT(*) DESC, i.refusal_reason LIMIT $3")
        .bind(programme_id).bind(since).bind(limit).fetch_all(p).await)?)
}

/// What one channel redeemed since a date (reversed redemptions left out).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ChannelTotal {
    pub channel_id: i64,
    pub name: String,
    pub kind: String,
    pub count: i64,
    pub amount_cents: i64,
}

pub async fn by_channel(
    db: &Db,
    programme_id: i64,
    since: i64,
) -> Result<Vec<ChannelTotal>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ChannelTotal>(
        "SELECT c.id AS channel_id, c.name, c.kind, COUNT(r.id) AS count,
                CAST(COALESCE(SUM(r.amount_cents), 0) AS BIGINT) AS amount_cents
         FROM sales_channels c LEFT JOIN voucher_redemptions r ON r.channel_id = c.id
              AND r.created_at >= $2 AND r.reversed_at IS NULL
         WHERE c.programme_id = $1
         GROUP BY c.id, c.name, c.kind ORDER BY c.name, c.id")
        .bind(programme_id).bind(since).fetch_all(p).await)?)
}
