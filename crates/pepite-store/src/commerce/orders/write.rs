//! Writing orders: insert, hold pieces (all or none), sell, fail, number the invoice.

use crate::db::on_tx;
use crate::{StoreError, Tx};

/// Everything an order records when it is created (awaiting payment).
#[derive(Debug, Clone)]
pub struct NewOrder {
    pub buyer_id: i64,
    /// P3: the shop it is placed in; its policy decides the order's return window.
    pub shop_id: i64,
    pub mode: String,
    pub country: String,
    pub quote_json: String,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub discount_cents: i64,
    pub bulk_discount_cents: i64,
    pub total_cents: i64,
    pub instruments_cents: i64,
    pub card_cents: i64,
    /// P1: the commission rate in force when the order was placed.
    pub commission_bps: i64,
    pub discount_code_id: Option<i64>,
    pub payment_method: String,
    pub billing_json: String,
    pub delivery_json: String,
    pub needed_before: Option<String>,
    pub hold_until: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewLine {
    pub piece_id: i64,
    pub seller_id: i64,
    pub parcel: i64,
    pub title: String,
    pub brand: String,
    pub size_label: String,
    pub price_cents: i64,
    pub commission_cents: i64,
    pub ship_to: &'static str,
}

pub async fn insert(tx: &mut Tx, o: &NewOrder) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO orders (buyer_id, state, mode, country, quote, goods_cents, shipping_cents,
             qc_fee_cents, discount_cents, bulk_discount_cents, total_cents, instruments_cents,
             card_cents, discount_code_id, payment_method, billing_address, delivery_address,
             needed_before, hold_until, created_at, commission_bps, shop_id)
         VALUES ($1, 'awaiting_payment', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
             $15, $16, $17, $18, $19, $20, $21)
         RETURNING id")
        .bind(o.buyer_id).bind(&o.mode).bind(&o.country).bind(&o.quote_json).bind(o.goods_cents)
        .bind(o.shipping_cents).bind(o.qc_fee_cents).bind(o.discount_cents)
        .bind(o.bulk_discount_cents).bind(o.total_cents).bind(o.instruments_cents)
        .bind(o.card_cents).bind(o.discount_code_id).bind(&o.payment_method).bind(&o.billing_json)
        .bind(&o.delivery_json).bind(&o.needed_before).bind(o.hold_until).bind(o.created_at)
        .bind(o.commission_bps).bind(o.shop_id)
        .fetch_one(c).await)?)
}

/// An order's lines, in one statement.
pub async fn insert_lines(tx: &mut Tx, order_id: i64, lines: &[NewLine]) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO order_lines (order_id, piece_id, seller_id, parcel, title, brand, size_label,
             price_cents, commission_cents, ship_to) VALUES {}",
        crate::db::values_list(lines.len(), 10)
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        for l in lines {
            q = q.bind(order_id).bind(l.piece_id).bind(l.seller_id).bind(l.parcel).bind(&l.title)
                .bind(&l.brand).bind(&l.size_label).bind(l.price_cents).bind(l.commission_cents)
                .bind(l.ship_to);
        }
        q.execute(c).await.map(|_| ())
    })?;
    Ok(())
}

/// One parcel of an order: its number, the seller shipping it (none when grouped), its weight
/// and shipping price.
#[derive(Debug, Clone)]
pub struct NewParcel {
    pub parcel: i64,
    pub seller_id: Option<i64>,
    pub weight_g: i64,
    pub shipping_cents: i64,
}

/// An order's parcels, in one statement.
pub async fn insert_parcels(
    tx: &mut Tx,
    order_id: i64,
    parcels: &[NewParcel],
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO order_parcels (order_id, parcel, seller_id, weight_g, shipping_cents) VALUES {}",
        crate::db::values_list(parcels.len(), 5)
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        for p in parcels {
            q = q.bind(order_id).bind(p.parcel).bind(p.seller_id).bind(p.weight_g)
                .bind(p.shipping_cents);
        }
        q.execute(c).await.map(|_| ())
    })?;
    Ok(())
}

/// C6: a piece's current price at `$3` (now): a running agreed price, else the list price.
const CURRENT_PRICE: &str = "(CASE WHEN agreed_until > $3 THEN agreed_cents ELSE price_cents END)";

/// Holds every piece of `pieces` (id, price the buyer saw) for `order_id` until `until`, each
/// if it is listed at that price and nobody else holds it now. Returns how many were held;
/// the caller rolls back unless it is all of them (K1: the first order to pay gets the piece,
/// nobody else is charged for it).
pub async fn hold_pieces(
    tx: &mut Tx,
    order_id: i64,
    pieces: &[(i64, i64)],
    now: i64,
    until: i64,
) -> Result<u64, StoreError> {
    let wanted: Vec<String> = (0..pieces.len())
        .map(|i| format!("(id = ${} AND {CURRENT_PRICE} = ${})", 4 + 2 * i, 5 + 2 * i))
        .collect();
    let sql = format!(
        "UPDATE pieces SET held_by_order = $1, held_until = $2
         WHERE ({}) AND state = 'listed' AND (held_until IS NULL OR held_until <= $3)",
        wanted.join(" OR ")
    );
    Ok(on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(order_id).bind(until).bind(now);
        for (id, price) in pieces {
            q = q.bind(id).bind(price);
        }
        q.execute(c).await.map(|r| r.rows_affected())
    })?)
}

/// Gives back the pieces an order still holds (payment failed or abandoned).
pub async fn release_holds(tx: &mut Tx, order_id: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET held_by_order = NULL, held_until = NULL
         WHERE id IN (SELECT piece_id FROM order_lines WHERE order_id = $1) AND held_by_order = $1")
        .bind(order_id).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// C3/C4: the sale. Every piece of the order moves to sold if it is still listed and either
/// held by this order or held by nobody now (a late payment may still win a free piece).
/// Returns how many pieces were sold; the caller rolls back unless it is all of them.
pub async fn sell_pieces(tx: &mut Tx, order_id: i64, now: i64) -> Result<u64, StoreError> {
    // Taken last in the transaction: the counter row is the one every catalogue write queues on.
    let change_seq = crate::catalog::next_change(tx).await?;
    Ok(on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET state = 'sold', sold_at = $2, updated_at = $2, version = version + 1,
             change_seq = $3, held_by_order = NULL, held_until = NULL, agreed_cents = NULL,
             agreed_until = NULL, agreed_offer_id = NULL
         WHERE id IN (SELECT piece_id FROM order_lines WHERE order_id = $1) AND state = 'listed'
           AND (held_by_order = $1 OR held_until IS NULL OR held_until <= $2)")
        .bind(order_id).bind(now).bind(change_seq).execute(c).await.map(|r| r.rows_affected()))?)
}

/// Awaiting payment → paid, with its invoice number and the invoice's issuer (the legal
/// identity in force, JSON). False if it was no longer awaiting.
pub async fn mark_paid(
    tx: &mut Tx,
    order_id: i64,
    number: &str,
    issuer: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE orders SET state = 'paid', number = $2, paid_at = $3, issuer = $4
         WHERE id = $1 AND state = 'awaiting_payment'")
        .bind(order_id).bind(number).bind(now).bind(issuer).execute(c).await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Awaiting payment → failed, with the reason. False if it was no longer awaiting.
pub async fn mark_failed(
    tx: &mut Tx,
    order_id: i64,
    code: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE orders SET state = 'failed', failure_code = $2, closed_at = $3
         WHERE id = $1 AND state = 'awaiting_payment'")
        .bind(order_id).bind(code).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// O11: the next invoice number of `year`. The counter row is written in the payment's own
/// transaction, so a rolled-back payment leaves no gap and two payments never share a number.
pub async fn next_invoice_number(tx: &mut Tx, year: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO invoice_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1 RETURNING last")
        .bind(year).fetch_one(c).await)?)
}

/// O13: something that happened to an order, for the person (buyer) or seller it concerns.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub kind: &'a str,
    pub user_id: Option<i64>,
    pub seller_id: Option<i64>,
    pub detail: &'a str,
}

/// O13: records what happened to an order, every event in one statement.
pub async fn add_events(
    tx: &mut Tx,
    order_id: i64,
    events: &[NewEvent<'_>],
    now: i64,
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO order_events (order_id, kind, user_id, seller_id, detail, created_at) VALUES {}",
        crate::db::values_list(events.len(), 6)
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        for e in events {
            q = q.bind(order_id).bind(e.kind).bind(e.user_id).bind(e.seller_id).bind(e.detail)
                .bind(now);
        }
        q.execute(c).await.map(|_| ())
    })?;
    Ok(())
}

/// O10: an instrument's part of an order.
pub async fn add_instrument(
    tx: &mut Tx,
    order_id: i64,
    instrument_id: i64,
    amount_cents: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO order_instruments (order_id, instrument_id, amount_cents) VALUES ($1, $2, $3)")
        .bind(order_id).bind(instrument_id).bind(amount_cents).execute(c).await.map(|_| ()))?;
    Ok(())
}
