//! Returns (R1–R6): a request claims each piece's order line by one compare-and-set that
//! states the window, then records how the pieces travel back; receipt and check are a
//! compare-and-set per returned piece, so two people recording one piece change it once.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// R1: `buyer_id`'s delivered piece of order `order_id` is claimed for a return at `now`, if
/// its parcel was delivered less than `window_us` ago, no return of it is under way and its
/// earning was neither released to the seller (P1) nor refunded. The payout timer releases
/// only lines whose `return_asked_at` is NULL, and both statements write the same row, so at
/// the deadline exactly one of them wins. False when refused.
pub async fn claim_line(
    tx: &mut Tx,
    order_id: i64,
    buyer_id: i64,
    piece_id: i64,
    window_us: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE order_lines SET return_asked_at = $3
         WHERE order_id = $1 AND piece_id = $2 AND return_asked_at IS NULL
           AND payable_at IS NULL AND refunded_at IS NULL
           AND EXISTS (SELECT 1 FROM order_parcels p
                       WHERE p.order_id = order_lines.order_id AND p.parcel = order_lines.parcel
                         AND p.delivered_at IS NOT NULL AND $3 < p.delivered_at + $4)
           AND EXISTS (SELECT 1 FROM orders o
                       WHERE o.id = order_lines.order_id AND o.buyer_id = $5
                         AND o.state = 'paid' AND o.cancelled_at IS NULL)")
        .bind(order_id).bind(piece_id).bind(now).bind(window_us).bind(buyer_id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A return as it is recorded.
pub struct NewReturn<'a> {
    pub order_id: i64,
    pub buyer_id: i64,
    pub reason: &'a str,
    pub note: &'a str,
    /// `claimed` for a defect claim (staff decide), `accepted` otherwise.
    pub state: &'a str,
    pub charge_cents: i64,
    pub buyer_pays: bool,
}

/// Records a return in the claim's transaction; its id.
pub async fn insert(tx: &mut Tx, r: &NewReturn<'_>, now: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO returns (order_id, buyer_id, reason, note, state, charge_cents, buyer_pays,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id")
        .bind(r.order_id).bind(r.buyer_id).bind(r.reason).bind(r.note).bind(r.state)
        .bind(r.charge_cents).bind(r.buyer_pays).bind(now).fetch_one(c).await)?)
}

/// R2: one parcel travelling back, to a seller or to the workshop (`seller_id` None).
pub async fn add_parcel(
    tx: &mut Tx,
    return_id: i64,
    parcel: i64,
    seller_id: Option<i64>,
    weight_g: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO return_parcels (return_id, parcel, seller_id, weight_g) VALUES ($1, $2, $3, $4)")
        .bind(return_id).bind(parcel).bind(seller_id).bind(weight_g).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// One returned piece in its parcel, with its share of the return charge.
pub async fn add_line(
    tx: &mut Tx,
    return_id: i64,
    order_id: i64,
    piece_id: i64,
    parcel: i64,
    deduct_cents: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO return_lines (return_id, order_id, piece_id, parcel, deduct_cents)
         VALUES ($1, $2, $3, $4, $5)")
        .bind(return_id).bind(order_id).bind(piece_id).bind(parcel).bind(deduct_cents)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// R4: a photo of a defect claim (files already stored under `storage_key`).
pub async fn add_photo(
    tx: &mut Tx,
    return_id: i64,
    position: i64,
    storage_key: &str,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO return_photos (return_id, position, storage_key) VALUES ($1, $2, $3)")
        .bind(return_id).bind(position).bind(storage_key).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// R2: the prepaid label bought for a parcel.
pub async fn set_label(
    db: &Db,
    return_id: i64,
    parcel: i64,
    carrier: &str,
    tracking: &str,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE return_parcels SET carrier = $3, tracking = $4 WHERE return_id = $1 AND parcel = $2")
        .bind(return_id).bind(parcel).bind(carrier).bind(tracking).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// R4: staff decide a defect claim once. Upheld: the return is free wherever the buyer lives
/// (no charge, no deduction); rejected: it stands as a change of mind, at the charge shown.
/// False when the return is not (any more) a claim awaiting a decision.
pub async fn decide(
    tx: &mut Tx,
    return_id: i64,
    upheld: bool,
    staff_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let decision = if upheld { "upheld" } else { "rejected" };
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE returns SET state = 'accepted', decision = $2, decided_by = $3, decided_at = $4,
             updated_at = $4,
             reason = CASE WHEN $2 = 'upheld' THEN reason ELSE 'change_of_mind' END,
             buyer_pays = CASE WHEN $2 = 'upheld' THEN $5 ELSE buyer_pays END,
             charge_cents = CASE WHEN $2 = 'upheld' THEN 0 ELSE charge_cents END
         WHERE id = $1 AND state = 'claimed'")
        .bind(return_id).bind(decision).bind(staff_id).bind(now).bind(false)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 1 && upheld {
        on_tx!(tx, c => sqlx::query("UPDATE return_lines SET deduct_cents = 0 WHERE return_id = $1")
            .bind(return_id).execute(c).await.map(|_| ()))?;
    }
    Ok(n == 1)
}

/// The buyer withdraws a return before anything of it was received: its lines are free
/// again (the payout timer may release them). False when it was received in part, closed or
/// withdrawn already.
pub async fn withdraw(
    tx: &mut Tx,
    return_id: i64,
    buyer_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE returns SET state = 'withdrawn', updated_at = $3
         WHERE id = $1 AND buyer_id = $2 AND state IN ('claimed', 'accepted')
           AND NOT EXISTS (SELECT 1 FROM return_lines l
                           WHERE l.return_id = returns.id AND l.received_at IS NOT NULL)")
        .bind(return_id).bind(buyer_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        on_tx!(tx, c => sqlx::query(
            "UPDATE order_lines SET return_asked_at = NULL
             WHERE EXISTS (SELECT 1 FROM return_lines l WHERE l.return_id = $1
                             AND l.order_id = order_lines.order_id
                             AND l.piece_id = order_lines.piece_id)")
            .bind(return_id).execute(c).await.map(|_| ()))?;
    }
    Ok(n == 1)
}

/// R5/R6: a returned piece is received and checked, once: false when it was already, or the
/// return is not accepted (a claim awaiting staff, withdrawn).
pub async fn receive(
    tx: &mut Tx,
    return_id: i64,
    piece_id: i64,
    staff_id: i64,
    passed: bool,
    note: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let outcome = if passed { "passed" } else { "failed" };
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE return_lines SET received_at = $4, received_by = $3, outcome = $5, check_note = $6
         WHERE return_id = $1 AND piece_id = $2 AND received_at IS NULL
           AND EXISTS (SELECT 1 FROM returns r WHERE r.id = $1 AND r.state = 'accepted')")
        .bind(return_id).bind(piece_id).bind(staff_id).bind(now).bind(outcome).bind(note)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        on_tx!(tx, c => sqlx::query(
            "UPDATE returns SET state = 'closed', updated_at = $2
             WHERE id = $1 AND state = 'accepted'
               AND NOT EXISTS (SELECT 1 FROM return_lines l
                               WHERE l.return_id = $1 AND l.received_at IS NULL)")
            .bind(return_id).bind(now).execute(c).await.map(|_| ()))?;
    }
    Ok(n == 1)
}

/// R5: the refund that paid a returned piece back.
pub async fn set_refund(
    db: &Db,
    return_id: i64,
    piece_id: i64,
    refund_id: i64,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE return_lines SET refund_id = $3 WHERE return_id = $1 AND piece_id = $2")
        .bind(return_id).bind(piece_id).bind(refund_id).execute(p).await.map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct ReturnRow {
    pub id: i64,
    pub order_id: i64,
    pub buyer_id: i64,
    pub reason: String,
    pub note: String,
    pub state: String,
    pub charge_cents: i64,
    pub buyer_pays: bool,
    pub decision: Option<String>,
    pub decided_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The order's invoice number, for lists and documents.
    pub number: Option<String>,
}

const RETURN_COLUMNS: &str = "r.id, r.order_id, r.buyer_id, r.reason, r.note, r.state,
    r.charge_cents, r.buyer_pays, r.decision, r.decided_at, r.created_at, r.updated_at, o.number";

#[derive(Debug, Clone, FromRow)]
pub struct ReturnLineRow {
    pub return_id: i64,
    pub piece_id: i64,
    pub parcel: i64,
    pub title: String,
    pub price_cents: i64,
    pub seller_id: i64,
    pub shop_name: String,
    pub deduct_cents: i64,
    pub received_at: Option<i64>,
    pub outcome: Option<String>,
    pub check_note: String,
    pub refund_id: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct ReturnParcelRow {
    pub return_id: i64,
    pub parcel: i64,
    pub seller_id: Option<i64>,
    pub weight_g: i64,
    pub carrier: Option<String>,
    pub carrier_name: Option<String>,
    pub tracking: Option<String>,
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<ReturnRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {RETURN_COLUMNS} FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.id = $1"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, ReturnRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// An order's returns, newest first.
pub async fn of_order(db: &Db, order_id: i64) -> Result<Vec<ReturnRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {RETURN_COLUMNS} FROM returns r JOIN orders o ON o.id = r.order_id
         WHERE r.order_id = $1 ORDER BY r.id DESC"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, ReturnRow>(sql).bind(order_id).fetch_all(p).await)?)
}

/// A buyer's returns, newest first (customer service reads them beside a conversation).
pub async fn of_buyer(db: &Db, buyer_id: i64, limit: i64) -> Result<Vec<ReturnRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {RETURN_COLUMNS} FROM returns r JOIN orders o ON o.id = r.order_id
         WHERE r.buyer_id = $1 ORDER BY r.id DESC LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ReturnRow>(sql).bind(buyer_id).bind(limit).fetch_all(p).await)?,
    )
}

/// Staff's list: returns in `state`, oldest first (a claim waits for a decision, an accepted
/// one for its pieces).
pub async fn in_state(db: &Db, state: &str, limit: i64) -> Result<Vec<ReturnRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {RETURN_COLUMNS} FROM returns r JOIN orders o ON o.id = r.order_id
         WHERE r.state = $1 ORDER BY r.id LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ReturnRow>(sql).bind(state).bind(limit).fetch_all(p).await)?,
    )
}

/// A seller's accepted returns with a parcel coming to them, oldest first.
pub async fn coming_to_seller(
    db: &Db,
    seller_id: i64,
    limit: i64,
) -> Result<Vec<ReturnRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {RETURN_COLUMNS} FROM returns r JOIN orders o ON o.id = r.order_id
         WHERE r.state IN ('accepted', 'closed') AND EXISTS (SELECT 1 FROM return_parcels rp
               WHERE rp.return_id = r.id AND rp.seller_id = $1)
         ORDER BY r.id DESC LIMIT $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ReturnRow>(sql).bind(seller_id).bind(limit).fetch_all(p).await)?,
    )
}

pub async fn lines(db: &Db, return_id: i64) -> Result<Vec<ReturnLineRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ReturnLineRow>(
        "SELECT rl.return_id, rl.piece_id, rl.parcel, l.title, l.price_cents, l.seller_id,
                s.shop_name, rl.deduct_cents, rl.received_at, rl.outcome, rl.check_note,
                rl.refund_id
         FROM return_lines rl
         JOIN order_lines l ON l.order_id = rl.order_id AND l.piece_id = rl.piece_id
         JOIN sellers s ON s.id = l.seller_id
         WHERE rl.return_id = $1 ORDER BY rl.parcel, rl.piece_id")
        .bind(return_id).fetch_all(p).await)?)
}

pub async fn parcels(db: &Db, return_id: i64) -> Result<Vec<ReturnParcelRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, ReturnParcelRow>(
        "SELECT rp.return_id, rp.parcel, rp.seller_id, rp.weight_g, rp.carrier,
                c.name AS carrier_name, rp.tracking
         FROM return_parcels rp LEFT JOIN carriers c ON c.code = rp.carrier
         WHERE rp.return_id = $1 ORDER BY rp.parcel")
        .bind(return_id).fetch_all(p).await)?)
}

/// R4: the storage keys of a claim's photos, in order.
pub async fn photos(db: &Db, return_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT storage_key FROM return_photos WHERE return_id = $1 ORDER BY position")
        .bind(return_id).fetch_all(p).await)?)
}

/// Where each line of an order stands for R1 and P1 (to say why a claim was refused).
#[derive(Debug, Clone, FromRow)]
pub struct LineState {
    pub piece_id: i64,
    pub return_asked_at: Option<i64>,
    pub payable_at: Option<i64>,
    pub refunded_at: Option<i64>,
}

pub async fn line_states(db: &Db, order_id: i64) -> Result<Vec<LineState>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, LineState>(
        "SELECT piece_id, return_asked_at, payable_at, refunded_at FROM order_lines
         WHERE order_id = $1 ORDER BY piece_id")
        .bind(order_id).fetch_all(p).await)?)
}

/// R5/O11: what a credit note prints of a refund (the foundation's `refunds` row).
#[derive(Debug, Clone, FromRow)]
pub struct CreditNoteRow {
    pub id: i64,
    pub order_id: i64,
    pub credit_note_number: String,
    pub reason: String,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub fees_cents: i64,
    pub total_cents: i64,
    pub card_cents: i64,
    pub instruments_cents: i64,
    pub created_at: i64,
}

const CREDIT_NOTE_COLUMNS: &str = "id, order_id, credit_note_number, reason, goods_cents,
    shipping_cents, fees_cents, total_cents, card_cents, instruments_cents, created_at";

/// An order's refunds, oldest first, as their credit notes print them.
pub async fn credit_notes(db: &Db, order_id: i64) -> Result<Vec<CreditNoteRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {CREDIT_NOTE_COLUMNS} FROM refunds WHERE order_id = $1 ORDER BY id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, CreditNoteRow>(sql).bind(order_id).fetch_all(p).await)?)
}
