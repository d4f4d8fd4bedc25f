//! Reading orders: one order with its lines, parcels, parts and events; lists for the buyer,
//! for each seller and for staff.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub buyer_id: i64,
    pub buyer_email: String,
    pub buyer_name: String,
    pub state: String,
    pub number: Option<String>,
    pub mode: String,
    pub country: String,
    pub quote: String,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub discount_cents: i64,
    pub bulk_discount_cents: i64,
    pub total_cents: i64,
    pub instruments_cents: i64,
    pub card_cents: i64,
    pub commission_bps: i64,
    /// P3: the shop it was placed in.
    pub shop_id: i64,
    pub discount_code_id: Option<i64>,
    pub payment_method: String,
    pub billing_address: String,
    pub delivery_address: String,
    pub needed_before: Option<String>,
    pub hold_until: i64,
    pub failure_code: Option<String>,
    pub created_at: i64,
    pub paid_at: Option<i64>,
    /// O11: the invoice's legal identity as in force at payment (JSON), None before 2026-12-03.
    pub issuer: Option<String>,
    /// F5: when the first parcel left (no cancellation after it), when the buyer cancelled.
    pub dispatched_at: Option<i64>,
    pub cancelled_at: Option<i64>,
    /// Item 12: how many parcels the order has, how many left with a carrier (F1, F3) and how
    /// many arrived (F4); its state is derived from these (`order_progress`).
    pub parcel_count: i64,
    pub shipped_count: i64,
    pub delivered_count: i64,
    /// R1/R5: its pieces asked back and not received, received and awaiting their refund,
    /// and refunded (`OrderProgress::with_returns`).
    pub returning_count: i64,
    pub returned_count: i64,
    pub refunded_count: i64,
}

impl OrderRow {
    /// Item 12: the order's state as everyone reads it, derived from its parcels.
    pub fn progress(&self) -> pepite_domain::commerce::OrderProgress {
        pepite_domain::commerce::order_progress(
            &self.state,
            self.cancelled_at.is_some(),
            self.parcel_count,
            self.shipped_count,
            self.delivered_count,
        )
        .with_returns(pepite_domain::commerce::ReturnCounts {
            asked: self.returning_count,
            returned: self.returned_count,
            refunded: self.refunded_count,
        })
    }
}

const ORDER_COLUMNS: &str = "o.id, o.buyer_id, u.email AS buyer_email, u.display_name AS buyer_name,
    o.state, o.number, o.mode, o.country, o.quote, o.goods_cents, o.shipping_cents,
    o.qc_fee_cents, o.discount_cents, o.bulk_discount_cents, o.total_cents, o.instruments_cents,
    o.card_cents, o.commission_bps, o.shop_id, o.discount_code_id, o.payment_method, o.billing_address, o.delivery_address,
    o.needed_before, o.hold_until, o.failure_code, o.created_at, o.paid_at, o.issuer,
    o.dispatched_at, o.cancelled_at,
    (SELECT COUNT(*) FROM order_parcels op WHERE op.order_id = o.id) AS parcel_count,
    (SELECT COUNT(*) FROM order_parcels op WHERE op.order_id = o.id AND op.shipped_at IS NOT NULL) AS shipped_count,
    (SELECT COUNT(*) FROM order_parcels op WHERE op.order_id = o.id AND op.delivered_at IS NOT NULL) AS delivered_count,
    (SELECT COUNT(*) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
     WHERE rl.order_id = o.id AND r.state IN ('claimed', 'accepted') AND rl.received_at IS NULL) AS returning_count,
    (SELECT COUNT(*) FROM return_lines rl JOIN order_lines ol ON ol.order_id = rl.order_id AND ol.piece_id = rl.piece_id
     WHERE rl.order_id = o.id AND rl.outcome = 'passed' AND ol.refunded_at IS NULL) AS returned_count,
    (SELECT COUNT(*) FROM order_lines ol WHERE ol.order_id = o.id AND ol.refunded_at IS NOT NULL) AS refunded_count";

#[derive(Debug, Clone, FromRow)]
pub struct LineRow {
    pub order_id: i64,
    pub piece_id: i64,
    pub seller_id: i64,
    pub shop_name: String,
    pub parcel: i64,
    pub title: String,
    pub brand: String,
    pub size_label: String,
    pub price_cents: i64,
    pub commission_cents: i64,
    pub ship_to: String,
    pub cover_key: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct ParcelRow {
    pub parcel: i64,
    pub seller_id: Option<i64>,
    pub weight_g: i64,
    pub shipping_cents: i64,
    /// F1: the carrier's code and name, its tracking page and the number, once shipped.
    pub carrier: Option<String>,
    pub carrier_name: Option<String>,
    pub tracking_url: Option<String>,
    pub tracking: Option<String>,
    pub shipped_at: Option<i64>,
    /// F4: when it arrived, which starts the return window (R1).
    pub delivered_at: Option<i64>,
}

impl ParcelRow {
    /// F3: the carrier's page for this parcel, once it is shipped.
    pub fn tracking_link(&self) -> Option<String> {
        match (&self.tracking_url, &self.tracking) {
            (Some(url), Some(number)) => Some(pepite_domain::commerce::tracking_link(url, number)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub kind: String,
    pub user_id: Option<i64>,
    pub seller_id: Option<i64>,
    pub detail: String,
    pub created_at: i64,
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<OrderRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} FROM orders o JOIN users u ON u.id = o.buyer_id WHERE o.id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, OrderRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// The same inside a write transaction (the payment's outcome reads what it settles).
pub async fn by_id_in(tx: &mut Tx, id: i64) -> Result<Option<OrderRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} FROM orders o JOIN users u ON u.id = o.buyer_id WHERE o.id = $1"
    ));
    Ok(on_tx!(tx, c => sqlx::query_as::<_, OrderRow>(sql).bind(id).fetch_optional(c).await)?)
}

pub async fn by_number(db: &Db, number: &str) -> Result<Option<OrderRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} FROM orders o JOIN users u ON u.id = o.buyer_id WHERE o.number = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, OrderRow>(sql).bind(number).fetch_optional(p).await)?)
}

pub async fn lines(db: &Db, order_id: i64) -> Result<Vec<LineRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, LineRow>(
        "SELECT l.order_id, l.piece_id, l.seller_id, s.shop_name, l.parcel, l.title, l.brand,
                l.size_label, l.price_cents, l.commission_cents, l.ship_to, p.cover_key
         FROM order_lines l JOIN sellers s ON s.id = l.seller_id JOIN pieces p ON p.id = l.piece_id
         WHERE l.order_id = $1 ORDER BY l.parcel, l.piece_id")
        .bind(order_id).fetch_all(p).await)?)
}

pub async fn parcels(db: &Db, order_id: i64) -> Result<Vec<ParcelRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ParcelRow>(
        "SELECT p.parcel, p.seller_id, p.weight_g, p.shipping_cents, p.carrier, c.name AS carrier_name,
                c.tracking_url, p.tracking, p.shipped_at, p.delivered_at
         FROM order_parcels p LEFT JOIN carriers c ON c.code = p.carrier
         WHERE p.order_id = $1 ORDER BY p.parcel")
        .bind(order_id).fetch_all(p).await)?)
}

pub async fn events(db: &Db, order_id: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, EventRow>(
        "SELECT kind, user_id, seller_id, detail, created_at FROM order_events
         WHERE order_id = $1 ORDER BY id")
        .bind(order_id).fetch_all(p).await)?)
}

/// O10: (instrument id, code, amount) of the instruments paying part of an order.
pub async fn instruments(db: &Db, order_id: i64) -> Result<Vec<(i64, String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT i.id, i.code, oi.amount_cents FROM order_instruments oi
         JOIN instruments i ON i.id = oi.instrument_id WHERE oi.order_id = $1 ORDER BY i.id")
        .bind(order_id).fetch_all(p).await)?)
}

/// Same, inside the transaction that settles the order.
pub async fn instruments_in(tx: &mut Tx, order_id: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, (i64, i64)>(
        "SELECT instrument_id, amount_cents FROM order_instruments WHERE order_id = $1
         ORDER BY instrument_id")
        .bind(order_id).fetch_all(c).await)?)
}

/// A line of an order as the sale needs it.
#[derive(Debug, Clone, FromRow)]
pub struct SaleLine {
    pub piece_id: i64,
    pub seller_id: i64,
    pub price_cents: i64,
    pub title: String,
}

/// Lines of an order inside a transaction, by piece.
pub async fn lines_in(tx: &mut Tx, order_id: i64) -> Result<Vec<SaleLine>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, SaleLine>(
        "SELECT piece_id, seller_id, price_cents, title FROM order_lines
         WHERE order_id = $1 ORDER BY piece_id")
        .bind(order_id).fetch_all(c).await)?)
}

/// What staff search orders by (all optional, combined with AND).
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub buyer_id: Option<i64>,
    pub seller_id: Option<i64>,
    pub state: Option<String>,
    pub number: Option<String>,
    pub buyer_email: Option<String>,
    pub piece_id: Option<i64>,
}

/// Orders newest first, filtered, before `before_id` (cursor pagination).
pub async fn list(
    db: &Db,
    f: &OrderFilter,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} FROM orders o JOIN users u ON u.id = o.buyer_id
         WHERE ($1 IS NULL OR o.buyer_id = $1)
           AND ($2 IS NULL OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.seller_id = $2))
           AND ($3 IS NULL OR o.state = $3)
           AND ($4 IS NULL OR o.number = $4)
           AND ($5 IS NULL OR LOWER(u.email) = LOWER($5))
           AND ($6 IS NULL OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.piece_id = $6))
           AND o.id < $7
         ORDER BY o.id DESC LIMIT $8"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, OrderRow>(sql)
        .bind(f.buyer_id).bind(f.seller_id).bind(&f.state).bind(&f.number).bind(&f.buyer_email)
        .bind(f.piece_id).bind(before_id.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await)?)
}

/// Orders still awaiting payment whose holds have lapsed (the sweeper settles them).
pub async fn lapsed(db: &Db, now: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM orders WHERE state = 'awaiting_payment' AND hold_until <= $1
         ORDER BY id LIMIT $2")
        .bind(now).bind(limit).fetch_all(p).await)?)
}

/// Pieces among `ids` that cannot be held now, with their titles (the message names them)
/// and whether each is only held by another order's running payment (still listed, so it
/// comes back if that payment fails) rather than sold or withdrawn.
pub async fn unavailable(
    db: &Db,
    ids: &[i64],
    now: i64,
) -> Result<Vec<(i64, String, bool)>, StoreError> {
    let mut out = Vec::new();
    for id in ids {
        let row = on_db!(db, p => sqlx::query_as::<_, (i64, String, bool)>(
            "SELECT id, title, state = 'listed' FROM pieces WHERE id = $1 AND NOT (state = 'listed'
               AND (held_until IS NULL OR held_until <= $2))")
            .bind(id).bind(now).fetch_optional(p).await)?;
        out.extend(row);
    }
    Ok(out)
}
