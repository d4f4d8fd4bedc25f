//! Price offers (N1–N7) and the agreed price they put on a piece (C6). Every answer is a
//! compare-and-set on the offer's state and deadline, so a seller answering at the instant an
//! offer expires gets exactly one outcome. Timers work in bulk: expiring 100,000 offers is a
//! few set-based statements that also queue their notices.

use sqlx::FromRow;

use crate::db::{Pool, json_object, on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct OfferRow {
    pub id: i64,
    pub piece_id: i64,
    pub buyer_id: i64,
    pub seller_id: i64,
    pub list_cents: i64,
    pub amount_cents: i64,
    pub counter_cents: Option<i64>,
    pub state: String,
    pub created_at: i64,
    pub answer_by: i64,
    pub decided_at: Option<i64>,
    pub agreed_until: Option<i64>,
    pub closed_at: Option<i64>,
    pub title: String,
    pub piece_state: String,
    pub buyer_name: String,
    pub shop_name: String,
}

const COLUMNS: &str = "o.id, o.piece_id, o.buyer_id, o.seller_id, o.list_cents, o.amount_cents,
    o.counter_cents, o.state, o.created_at, o.answer_by, o.decided_at, o.agreed_until,
    o.closed_at, p.title, p.state AS piece_state, u.display_name AS buyer_name, s.shop_name
    FROM offers o JOIN pieces p ON p.id = o.piece_id JOIN users u ON u.id = o.buyer_id
    JOIN sellers s ON s.id = o.seller_id";

pub struct NewOffer {
    pub piece_id: i64,
    pub buyer_id: i64,
    pub seller_id: i64,
    pub list_cents: i64,
    pub amount_cents: i64,
    pub now: i64,
    pub answer_by: i64,
}

/// N2: the offer, or None when this buyer already made one on this piece (ever).
pub async fn insert(tx: &mut Tx, o: &NewOffer) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO offers (piece_id, buyer_id, seller_id, list_cents, amount_cents, state,
             created_at, answer_by)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)
         ON CONFLICT (piece_id, buyer_id) DO NOTHING RETURNING id")
        .bind(o.piece_id).bind(o.buyer_id).bind(o.seller_id).bind(o.list_cents)
        .bind(o.amount_cents).bind(o.now).bind(o.answer_by)
        .fetch_optional(c).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<OfferRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} WHERE o.id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, OfferRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// This buyer's offer on this piece, if they made one (N2: at most one).
pub async fn of_buyer_on_piece(
    db: &Db,
    buyer_id: i64,
    piece_id: i64,
) -> Result<Option<OfferRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE o.buyer_id = $1 AND o.piece_id = $2"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, OfferRow>(sql)
        .bind(buyer_id).bind(piece_id).fetch_optional(p).await)?)
}

/// Offers made by a buyer (`buyer`) or received by a shop (`seller`), newest first.
pub async fn list(
    db: &Db,
    buyer_id: Option<i64>,
    seller_id: Option<i64>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<OfferRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE ($1 IS NULL OR o.buyer_id = $1) AND ($2 IS NULL OR o.seller_id = $2)
           AND o.id < $3 ORDER BY o.id DESC LIMIT $4"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, OfferRow>(sql)
        .bind(buyer_id).bind(seller_id).bind(before_id.unwrap_or(i64::MAX)).bind(limit)
        .fetch_all(p).await)?)
}

/// A shop's offers still awaiting its answer, soonest deadline first.
pub async fn awaiting(
    db: &Db,
    seller_id: i64,
    now: i64,
    limit: i64,
) -> Result<Vec<OfferRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE o.seller_id = $1 AND o.state = 'open' AND o.answer_by > $2
         ORDER BY o.answer_by, o.id LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, OfferRow>(sql)
        .bind(seller_id).bind(now).bind(limit).fetch_all(p).await)?)
}

/// N4/N6: the seller accepts (`counter` None) or counters. Only an open offer of this shop,
/// still within its answer deadline, moves; false otherwise.
pub async fn agree(
    tx: &mut Tx,
    id: i64,
    seller_id: i64,
    counter: Option<i64>,
    now: i64,
    until: i64,
) -> Result<bool, StoreError> {
    let state = if counter.is_some() {
        "countered"
    } else {
        "accepted"
    };
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE offers SET state = $3, counter_cents = $4, decided_at = $5, agreed_until = $6
         WHERE id = $1 AND seller_id = $2 AND state = 'open' AND answer_by > $5")
        .bind(id).bind(seller_id).bind(state).bind(counter).bind(now).bind(until)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// C6: the piece's current price becomes `cents` until `until`, if it is listed and no other
/// agreed price is running on it. The catalogue's change number moves with it, so every
/// instance's search index prices the piece at the agreed amount (its lapse needs no change:
/// the index compares `agreed_until` with now, as the piece page does).
pub async fn set_piece_agreement(
    tx: &mut Tx,
    piece_id: i64,
    offer_id: i64,
    cents: i64,
    now: i64,
    until: i64,
) -> Result<bool, StoreError> {
    // Taken first, like every piece write, so writers lock the counter then the piece.
    let seq = crate::catalog::next_change(tx).await?;
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET agreed_cents = $3, agreed_until = $4, agreed_offer_id = $2,
             change_seq = $6
         WHERE id = $1 AND state = 'listed' AND (agreed_until IS NULL OR agreed_until <= $5)")
        .bind(piece_id).bind(offer_id).bind(cents).bind(until).bind(now).bind(seq)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// N5: the buyer declines the seller's counter-offer, only while it is running: countered,
/// not yet lapsed (N6), bought or ended (N7). Returns the declined counter, None otherwise,
/// so a second click, a decline at the instant of the lapse or one racing the purchase has
/// exactly one outcome.
pub async fn decline(
    tx: &mut Tx,
    id: i64,
    buyer_id: i64,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "UPDATE offers SET state = 'declined', closed_at = $3
         WHERE id = $1 AND buyer_id = $2 AND state = 'countered' AND agreed_until > $3
         RETURNING counter_cents")
        .bind(id).bind(buyer_id).bind(now).fetch_optional(c).await)?)
}

/// C6: the agreed price this offer put on its piece ends now, if it is still the running
/// one; the catalogue's change number moves so every search index prices the piece at its
/// list price again.
pub async fn end_piece_agreement(
    tx: &mut Tx,
    piece_id: i64,
    offer_id: i64,
    now: i64,
) -> Result<(), StoreError> {
    let seq = crate::catalog::next_change(tx).await?;
    on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET agreed_cents = NULL, agreed_until = NULL, agreed_offer_id = NULL,
             change_seq = $4
         WHERE id = $1 AND agreed_offer_id = $2 AND agreed_until > $3")
        .bind(piece_id).bind(offer_id).bind(now).bind(seq)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// N4: the seller refuses an open offer of their shop within its deadline.
pub async fn refuse(tx: &mut Tx, id: i64, seller_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE offers SET state = 'refused', decided_at = $3, closed_at = $3
         WHERE id = $1 AND seller_id = $2 AND state = 'open' AND answer_by > $3")
        .bind(id).bind(seller_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// N7: in the sale's transaction, every live offer on the order's pieces ends; the buyer's
/// own agreed offer is marked bought. Returns the ended ones (id, buyer, piece), whose buyers
/// are told.
pub async fn end_for_sale(
    tx: &mut Tx,
    order_id: i64,
    buyer_id: i64,
    now: i64,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let rows = on_tx!(tx, c => sqlx::query_as::<_, (i64, i64, i64, String)>(
        "UPDATE offers SET closed_at = $3,
             state = CASE WHEN buyer_id = $2 AND state IN ('accepted', 'countered')
                          THEN 'bought' ELSE 'ended' END
         WHERE piece_id IN (SELECT piece_id FROM order_lines WHERE order_id = $1)
           AND state IN ('open', 'accepted', 'countered')
         RETURNING id, buyer_id, piece_id, state")
        .bind(order_id).bind(buyer_id).bind(now).fetch_all(c).await)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.3 == "ended")
        .map(|(id, buyer, piece, _)| (id, buyer, piece))
        .collect())
}

/// The notifications for the buyers of the offers chosen by `chosen` (a `SELECT id …`).
/// `pairs` are the JSON object's key/value expressions: the fields of the `Notice` variant
/// `kind`, in serde's tagged form.
fn notices_sql(db: &Db, kind: &str, pairs: &str, chosen: &str) -> String {
    let json = json_object(db.backend(), &format!("'kind', '{kind}', {pairs}"));
    format!(
        "INSERT INTO notifications (dedupe, kind, user_id, to_address, language, params, state,
             next_at, created_at)
         SELECT 'offer:' || o.id || ':{kind}:user:' || u.id, '{kind}', u.id, u.email, u.language,
                {json}, 'pending', $1, $1
         FROM offers o JOIN users u ON u.id = o.buyer_id JOIN pieces p ON p.id = o.piece_id
         WHERE o.id IN ({chosen})
         ON CONFLICT (dedupe) DO NOTHING"
    )
}

/// Runs `notices` then `change` in one transaction (both select the same offers: on SQLite
/// the write lock is held throughout, on PostgreSQL `FOR UPDATE` rows in `chosen` are locked
/// by the first statement). Returns how many offers changed.
async fn notify_then_change(
    db: &Db,
    notices: &str,
    change: &str,
    now: i64,
    limit: i64,
) -> Result<u64, StoreError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(notices.to_owned()))
        .bind(now).bind(limit).execute(c).await.map(|_| ()))?;
    let n = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(change.to_owned()))
        .bind(now).bind(limit).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n)
}

/// N4: open offers past their answer deadline become expired, up to `limit`, and their
/// buyers are told. Returns how many expired.
pub async fn expire_due(db: &Db, now: i64, limit: i64) -> Result<u64, StoreError> {
    let lock = if matches!(db.pool, Pool::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let chosen = format!(
        "SELECT id FROM offers WHERE state = 'open' AND answer_by <= $1 ORDER BY answer_by, id
         LIMIT $2{lock}"
    );
    let pairs = "'offer_id', o.id, 'piece_id', o.piece_id, 'title', p.title,
                 'amount_cents', o.amount_cents";
    let notices = notices_sql(db, "offer_expired", pairs, &chosen);
    let change =
        format!("UPDATE offers SET state = 'expired', closed_at = $1 WHERE id IN ({chosen})");
    notify_then_change(db, &notices, &change, now, limit).await
}

/// E1: agreed prices ending within `notice_us` get their "ends soon" reminder, once.
pub async fn remind_due(db: &Db, now: i64, notice_us: i64, limit: i64) -> Result<u64, StoreError> {
    let lock = if matches!(db.pool, Pool::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let chosen = format!(
        "SELECT id FROM offers WHERE state IN ('accepted', 'countered') AND NOT reminded
           AND agreed_until > $1 AND agreed_until <= $1 + {notice_us}
         ORDER BY agreed_until, id LIMIT $2{lock}"
    );
    let pairs = "'offer_id', o.id, 'piece_id', o.piece_id, 'title', p.title,
                 'agreed_cents', COALESCE(o.counter_cents, o.amount_cents),
                 'agreed_until', o.agreed_until";
    let notices = notices_sql(db, "agreed_price_ending", pairs, &chosen);
    let change = format!("UPDATE offers SET reminded = TRUE WHERE id IN ({chosen})");
    notify_then_change(db, &notices, &change, now, limit).await
}

/// N6: agreements past their 24 h lapse; their pieces go back to the list price.
pub async fn lapse_due(db: &Db, now: i64) -> Result<u64, StoreError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(
        "UPDATE pieces SET agreed_cents = NULL, agreed_until = NULL, agreed_offer_id = NULL
         WHERE agreed_until <= $1")
        .bind(now).execute(c).await.map(|_| ()))?;
    let n = on_tx!(&mut tx, c => sqlx::query(
        "UPDATE offers SET state = 'lapsed', closed_at = $1
         WHERE state IN ('accepted', 'countered') AND agreed_until <= $1")
        .bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(n)
}

/// Open offers awaiting a shop's answer, for the seller's inbox badge.
pub async fn open_count(db: &Db, seller_id: i64, now: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM offers WHERE seller_id = $1 AND state = 'open' AND answer_by > $2")
        .bind(seller_id).bind(now).fetch_one(p).await)?)
}
