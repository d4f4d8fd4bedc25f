//! P1: what sellers are owed, line by line for a seller's statement and shop by shop for
//! finance. A line's status is derived, never stored: pending until released, payable, in a
//! payout run, paid once the run is confirmed. Refunded lines and cancelled orders owe nothing.

use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

/// The status of a line, from its row and its run's (see the module's note).
const STATUS: &str = "CASE WHEN po.state = 'paid' THEN 'paid'
         WHEN l.payout_id IS NOT NULL THEN 'in_payout'
         WHEN l.payable_at IS NOT NULL THEN 'payable'
         ELSE 'pending' END";

/// What a line's status and dates need, joined to `order_lines l`.
const JOINS: &str = "JOIN orders o ON o.id = l.order_id
     LEFT JOIN order_parcels p ON p.order_id = l.order_id AND p.parcel = l.parcel
     LEFT JOIN payouts po ON po.id = l.payout_id";

/// The lines that owe their seller something: sold, not cancelled, not refunded.
const OWED: &str = "o.state = 'paid' AND o.cancelled_at IS NULL AND l.refunded_at IS NULL";

/// One line of a seller's statement.
#[derive(Debug, Clone, FromRow)]
pub struct StatementLine {
    pub order_id: i64,
    pub piece_id: i64,
    pub number: Option<String>,
    pub title: String,
    pub price_cents: i64,
    pub earning_cents: i64,
    pub sold_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub return_asked_at: Option<i64>,
    pub payable_at: Option<i64>,
    pub payout_id: Option<i64>,
    pub paid_at: Option<i64>,
    /// `pending`, `payable`, `in_payout` or `paid`.
    pub status: String,
}

/// The seller's lines, newest order first, before order `before_order`.
pub async fn statement_lines(
    db: &Db,
    seller_id: i64,
    before_order: Option<i64>,
    limit: i64,
) -> Result<Vec<StatementLine>, StoreError> {
    let sql = format!(
        "SELECT l.order_id, l.piece_id, o.number, l.title, l.price_cents,
                l.price_cents - l.commission_cents AS earning_cents, o.paid_at AS sold_at,
                p.delivered_at, l.return_asked_at, l.payable_at, l.payout_id,
                po.paid_at AS paid_at, {STATUS} AS status
         FROM order_lines l {JOINS}
         WHERE {OWED} AND l.seller_id = $1 AND l.order_id < $2
         ORDER BY l.order_id DESC, l.piece_id LIMIT $3"
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, StatementLine>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(seller_id).bind(before_order.unwrap_or(i64::MAX)).bind(limit)
        .fetch_all(p).await)?,
    )
}

/// What one shop is owed, in cents, by status.
#[derive(Debug, Clone, Default, FromRow)]
pub struct Owed {
    pub seller_id: i64,
    pub shop_name: String,
    pub pending_cents: i64,
    pub payable_cents: i64,
    pub in_payout_cents: i64,
    pub paid_cents: i64,
    /// Whether the shop gave a payout account; without one its payable waits.
    pub has_account: bool,
}

fn owed_sql(filter: &str, order: &str) -> String {
    let sum = |status: &str| {
        format!(
            "CAST(COALESCE(SUM(CASE WHEN {STATUS} = '{status}'
                 THEN l.price_cents - l.commission_cents END), 0) AS BIGINT)"
        )
    };
    format!(
        "SELECT s.id AS seller_id, s.shop_name, {} AS pending_cents, {} AS payable_cents,
                {} AS in_payout_cents, {} AS paid_cents,
                EXISTS (SELECT 1 FROM payout_accounts a WHERE a.seller_id = s.id) AS has_account
         FROM sellers s JOIN order_lines l ON l.seller_id = s.id {JOINS}
         WHERE {OWED} {filter}
         GROUP BY s.id, s.shop_name {order}",
        sum("pending"),
        sum("payable"),
        sum("in_payout"),
        sum("paid"),
    )
}

/// One shop's totals (zeros when it sold nothing).
pub async fn owed_to(db: &Db, seller_id: i64) -> Result<Owed, StoreError> {
    let sql = owed_sql("AND s.id = $1", "");
    let row = on_db!(db, p => sqlx::query_as::<_, Owed>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(seller_id).fetch_optional(p).await)?;
    if let Some(owed) = row {
        return Ok(owed);
    }
    // Nothing sold yet: still the shop's name and whether it gave its payout account.
    let empty = on_db!(db, p => sqlx::query_as::<_, Owed>(
        "SELECT s.id AS seller_id, s.shop_name, CAST(0 AS BIGINT) AS pending_cents,
                CAST(0 AS BIGINT) AS payable_cents, CAST(0 AS BIGINT) AS in_payout_cents,
                CAST(0 AS BIGINT) AS paid_cents,
                EXISTS (SELECT 1 FROM payout_accounts a WHERE a.seller_id = s.id) AS has_account
         FROM sellers s WHERE s.id = $1")
        .bind(seller_id).fetch_optional(p).await)?;
    Ok(empty.unwrap_or(Owed {
        seller_id,
        ..Owed::default()
    }))
}

/// Finance: the shops owed most (pending and payable), at most `limit`.
pub async fn owed_by_shop(db: &Db, limit: i64) -> Result<Vec<Owed>, StoreError> {
    let sql = owed_sql(
        "",
        "ORDER BY SUM(CASE WHEN l.payout_id IS NULL THEN l.price_cents - l.commission_cents
                      ELSE 0 END) DESC, s.id LIMIT $1",
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, Owed>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(limit).fetch_all(p).await)?,
    )
}

/// P1: shops with released earnings a run cannot pay for want of a payout account:
/// (seller, shop name, cents, lines), largest first.
pub async fn waiting_for_account(
    db: &Db,
    limit: i64,
) -> Result<Vec<(i64, String, i64, i64)>, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query_as::<_, (i64, String, i64, i64)>(
        "SELECT s.id, s.shop_name, CAST(SUM(l.price_cents - l.commission_cents) AS BIGINT),
                COUNT(*)
         FROM order_lines l JOIN sellers s ON s.id = l.seller_id
         WHERE l.payable_at IS NOT NULL AND l.payout_id IS NULL AND l.refunded_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM payout_accounts a WHERE a.seller_id = l.seller_id)
         GROUP BY s.id, s.shop_name ORDER BY 3 DESC, s.id LIMIT $1")
        .bind(limit).fetch_all(p).await)?,
    )
}
