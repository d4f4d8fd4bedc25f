//! P1: payout runs. A run takes every released, unpaid line of sellers with a payout account
//! by one compare-and-set (`payout_id IS NULL`), sums them per seller into its transfers,
//! then keeps its SEPA file. Two runs at once: the second finds the lines taken and pays
//! only what is left.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct PayoutRow {
    pub id: i64,
    pub state: String,
    pub msg_id: Option<String>,
    pub transfers: i64,
    pub total_cents: i64,
    pub created_by: i64,
    pub created_at: i64,
    pub paid_by: Option<i64>,
    pub paid_at: Option<i64>,
}

/// One transfer of a run, with the shop's name.
#[derive(Debug, Clone, FromRow)]
pub struct PayoutItemRow {
    pub payout_id: i64,
    pub seller_id: i64,
    pub shop_name: String,
    pub lines: i64,
    pub amount_cents: i64,
    pub iban: String,
    pub bic: Option<String>,
    pub holder: String,
    pub end_to_end_id: String,
}

const PAYOUT_COLUMNS: &str =
    "id, state, msg_id, transfers, total_cents, created_by, created_at, paid_by, paid_at";

/// A new run, empty until [`take_lines`] and [`finish_run`].
pub async fn insert_run(tx: &mut Tx, created_by: i64, now: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO payouts (state, transfers, total_cents, created_by, created_at)
         VALUES ('exported', 0, 0, $1, $2) RETURNING id")
        .bind(created_by).bind(now).fetch_one(c).await)?)
}

/// P1: the run takes every released line not yet in a run, of a shop with a payout account
/// (a shop without one waits), then makes one transfer per shop of their sum. Returns how
/// many lines it took. A line being returned or refunded is never released, so a seller with
/// a return in progress is paid for the rest.
pub async fn take_lines(tx: &mut Tx, payout_id: i64) -> Result<u64, StoreError> {
    let taken = on_tx!(tx, c => sqlx::query(
        "UPDATE order_lines SET payout_id = $1
         WHERE payable_at IS NOT NULL AND payout_id IS NULL AND refunded_at IS NULL
           AND seller_id IN (SELECT seller_id FROM payout_accounts)")
        .bind(payout_id).execute(c).await.map(|r| r.rows_affected()))?;
    if taken > 0 {
        // The end-to-end id names the run and the shop: unique, and read back on the
        // bank's statement.
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO payout_items
                 (payout_id, seller_id, lines, amount_cents, iban, bic, holder, end_to_end_id)
             SELECT $1, l.seller_id, COUNT(*), SUM(l.price_cents - l.commission_cents),
                    a.iban, a.bic, a.holder,
                    $2 || CAST(l.seller_id AS TEXT)
             FROM order_lines l JOIN payout_accounts a ON a.seller_id = l.seller_id
             WHERE l.payout_id = $1
             GROUP BY l.seller_id, a.iban, a.bic, a.holder
             HAVING SUM(l.price_cents - l.commission_cents) > 0")
            .bind(payout_id).bind(format!("PEPITE-{payout_id}-"))
            .execute(c).await.map(|_| ()))?;
    }
    Ok(taken)
}

/// A run's transfers, in the transaction that made them, by shop.
pub async fn items_in(tx: &mut Tx, payout_id: i64) -> Result<Vec<PayoutItemRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, PayoutItemRow>(ITEMS)
        .bind(payout_id).fetch_all(c).await)?)
}

/// A run's transfers, by shop.
pub async fn items(db: &Db, payout_id: i64) -> Result<Vec<PayoutItemRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, PayoutItemRow>(ITEMS)
        .bind(payout_id).fetch_all(p).await)?)
}

const ITEMS: &str = "SELECT i.payout_id, i.seller_id, s.shop_name, i.lines, i.amount_cents, i.iban,
        i.bic, i.holder, i.end_to_end_id
     FROM payout_items i JOIN sellers s ON s.id = i.seller_id
     WHERE i.payout_id = $1 ORDER BY i.seller_id";

/// Writes the run's message id, totals and SEPA file.
pub async fn finish_run(
    tx: &mut Tx,
    payout_id: i64,
    msg_id: &str,
    transfers: i64,
    total_cents: i64,
    file: &str,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE payouts SET msg_id = $2, transfers = $3, total_cents = $4, file = $5 WHERE id = $1")
        .bind(payout_id).bind(msg_id).bind(transfers).bind(total_cents).bind(file)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// P1: the bank executed the run: it is paid, once. False when it was already (or is not).
pub async fn mark_paid(tx: &mut Tx, payout_id: i64, by: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE payouts SET state = 'paid', paid_by = $2, paid_at = $3
         WHERE id = $1 AND state = 'exported'")
        .bind(payout_id).bind(by).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn by_id(db: &Db, payout_id: i64) -> Result<Option<PayoutRow>, StoreError> {
    let sql = format!("SELECT {PAYOUT_COLUMNS} FROM payouts WHERE id = $1");
    Ok(
        on_db!(db, p => sqlx::query_as::<_, PayoutRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(payout_id).fetch_optional(p).await)?,
    )
}

/// Runs, newest first, before `before_id`.
pub async fn list(
    db: &Db,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<PayoutRow>, StoreError> {
    let sql = format!(
        "SELECT {PAYOUT_COLUMNS} FROM payouts WHERE id < $1 AND msg_id IS NOT NULL
         ORDER BY id DESC LIMIT $2"
    );
    Ok(
        on_db!(db, p => sqlx::query_as::<_, PayoutRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(before_id.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await)?,
    )
}

/// A run's SEPA file, as made.
pub async fn file(db: &Db, payout_id: i64) -> Result<Option<(String, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, String)>(
        "SELECT msg_id, file FROM payouts WHERE id = $1 AND msg_id IS NOT NULL")
        .bind(payout_id).fetch_optional(p).await)?)
}
