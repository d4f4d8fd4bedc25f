//! Closing an account: the compare-and-set on the account row, what still blocks it, and the
//! erasure of personal data, all inside the caller's one transaction.

use sqlx::FromRow;

use crate::db::on_tx;
use crate::{StoreError, Tx};

/// The password hash of a closed account: not a PHC string, so no password ever matches it.
pub const UNUSABLE_HASH: &str = "!closed";

/// Claims the account for closing: one compare-and-set on `closed_at IS NULL` that also
/// replaces the e-mail by a unique tombstone (`closed-<id>@invalid`, the e-mail is free for a
/// new account at once), blanks the name and birth date and makes the password unusable.
/// False when the account is already closed (or missing). On PostgreSQL the row stays locked
/// until the transaction ends, so an order being placed for this person waits for it.
pub async fn claim(tx: &mut Tx, user_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET closed_at = $2, disabled = TRUE, display_name = '', birth_date = NULL,
             email = 'closed-' || CAST(id AS TEXT) || '@invalid', password_hash = $3
         WHERE id = $1 AND closed_at IS NULL")
        .bind(user_id).bind(now).bind(UNUSABLE_HASH).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Placing an order takes the buyer's row with the same condition as closing, in the order's
/// transaction: whichever commits first decides, and a closed account places nothing.
pub async fn hold_open(tx: &mut Tx, user_id: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE users SET closed_at = closed_at WHERE id = $1 AND closed_at IS NULL")
        .bind(user_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// What is not yet settled between the person and others, counted after `claim` in the same
/// transaction (so it sees every order committed before the claim took the row).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct Unsettled {
    /// Orders whose payment is still being made.
    pub payments: i64,
    /// Paid orders with a parcel not yet delivered (and a piece still in it).
    pub purchases: i64,
    /// Returns asked and not yet closed or withdrawn.
    pub returns: i64,
    /// Pieces sold by their shop and not yet sent (to the buyer or to the workshop).
    pub sales: i64,
    /// Pieces sold whose money has not yet been paid out to them.
    pub payouts: i64,
}

/// A line still in a live order: paid, not cancelled, neither refunded nor dropped.
const LIVE_LINE: &str = "l.refunded_at IS NULL AND l.withdrawn_at IS NULL
    AND o.state = 'paid' AND o.cancelled_at IS NULL";

pub async fn unsettled(
    tx: &mut Tx,
    user_id: i64,
    seller_id: Option<i64>,
) -> Result<Unsettled, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT
           (SELECT COUNT(*) FROM orders o WHERE o.buyer_id = $1 AND o.state = 'awaiting_payment'
              AND o.closed_at IS NULL) AS payments,
           (SELECT COUNT(DISTINCT o.id) FROM orders o
              JOIN order_lines l ON l.order_id = o.id
              JOIN order_parcels p ON p.order_id = l.order_id AND p.parcel = l.parcel
              WHERE o.buyer_id = $1 AND p.delivered_at IS NULL AND {LIVE_LINE}) AS purchases,
           (SELECT COUNT(*) FROM returns r WHERE r.buyer_id = $1
              AND r.state IN ('claimed', 'accepted')) AS returns,
           (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
              JOIN order_parcels p ON p.order_id = l.order_id AND p.parcel = l.parcel
              WHERE l.seller_id = $2 AND {LIVE_LINE}
                AND ((l.ship_to = 'workshop' AND l.sent_at IS NULL)
                  OR (l.ship_to = 'buyer' AND p.shipped_at IS NULL))) AS sales,
           (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
              LEFT JOIN payouts y ON y.id = l.payout_id
              WHERE l.seller_id = $2 AND {LIVE_LINE}
                AND (y.id IS NULL OR y.state <> 'paid')) AS payouts"
    ));
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Unsettled>(sql)
        .bind(user_id).bind(seller_id).fetch_one(c).await)?)
}

/// Erases what the person gave us and ends everything they had running, once `claim` and
/// `unsettled` allowed it. Orders, invoices, refunds, returns and journals stay: they carry
/// their own copies of names and addresses (`orders.billing_address`), which the law keeps.
pub async fn erase(
    tx: &mut Tx,
    user_id: i64,
    seller_id: Option<i64>,
    now: i64,
) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM account_tokens WHERE user_id = $1",
        "DELETE FROM addresses WHERE user_id = $1",
        "DELETE FROM alerts WHERE user_id = $1",
        "DELETE FROM user_roles WHERE user_id = $1",
        "DELETE FROM carts WHERE user_id = $1",
    ] {
        on_tx!(tx, c => sqlx::query(sql).bind(user_id).execute(c).await.map(|_| ()))?;
    }
    let seq = crate::catalog::next_change(tx).await?;
    // N6: a price agreed with this person, or on their pieces, ends with their offers.
    on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET agreed_cents = NULL, agreed_until = NULL, agreed_offer_id = NULL,
             change_seq = $3, version = version + 1
         WHERE agreed_offer_id IN (SELECT id FROM offers
                                   WHERE (buyer_id = $1 OR seller_id = $2)
                                     AND state IN ('open', 'accepted', 'countered'))")
        .bind(user_id).bind(seller_id).bind(seq).execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "UPDATE offers SET state = 'ended', closed_at = $3
         WHERE (buyer_id = $1 OR seller_id = $2) AND state IN ('open', 'accepted', 'countered')")
        .bind(user_id).bind(seller_id).bind(now).execute(c).await.map(|_| ()))?;
    let Some(seller_id) = seller_id else {
        return Ok(());
    };
    // C3: nothing of a closed shop stays on sale; sold pieces stay as the orders' records.
    on_tx!(tx, c => sqlx::query(
        "UPDATE pieces SET state = 'withdrawn', updated_at = $2, version = version + 1,
             change_seq = $3
         WHERE seller_id = $1 AND state IN ('draft', 'listed')")
        .bind(seller_id).bind(now).bind(seq).execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "UPDATE sellers SET closed_at = $2, bio = '', open_to_offers = FALSE WHERE id = $1")
        .bind(seller_id).bind(now).execute(c).await.map(|_| ()))?;
    // Every payout is paid (or `unsettled` refused): the bank details have no use left. The
    // payout files keep their own copies (`payout_items`), as the ledger needs.
    on_tx!(tx, c => sqlx::query("DELETE FROM payout_accounts WHERE seller_id = $1")
        .bind(seller_id).execute(c).await.map(|_| ()))?;
    Ok(())
}
