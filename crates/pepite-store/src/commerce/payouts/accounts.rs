//! P1: a shop's payout account, replaced whole, each change recorded.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct PayoutAccountRow {
    pub seller_id: i64,
    pub iban: String,
    pub bic: Option<String>,
    pub holder: String,
    pub updated_at: i64,
}

/// A change of a payout account, as its history shows it.
#[derive(Debug, Clone, FromRow)]
pub struct AccountChangeRow {
    pub id: i64,
    pub user_id: i64,
    pub iban_last4: String,
    pub holder: String,
    pub changed_at: i64,
}

/// Stores the shop's account (validated by the caller) and records the change, by `user_id`.
pub async fn set_account(
    tx: &mut Tx,
    a: &PayoutAccountRow,
    user_id: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO payout_accounts (seller_id, iban, bic, holder, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (seller_id) DO UPDATE
           SET iban = excluded.iban, bic = excluded.bic, holder = excluded.holder,
               updated_at = excluded.updated_at")
        .bind(a.seller_id).bind(&a.iban).bind(&a.bic).bind(&a.holder).bind(a.updated_at)
        .execute(c).await.map(|_| ()))?;
    let last4: String = a
        .iban
        .chars()
        .skip(a.iban.chars().count().saturating_sub(4))
        .collect();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO payout_account_changes (seller_id, user_id, iban_last4, holder, changed_at)
         VALUES ($1, $2, $3, $4, $5)")
        .bind(a.seller_id).bind(user_id).bind(&last4).bind(&a.holder).bind(a.updated_at)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

pub async fn account(db: &Db, seller_id: i64) -> Result<Option<PayoutAccountRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, PayoutAccountRow>(
        "SELECT seller_id, iban, bic, holder, updated_at FROM payout_accounts WHERE seller_id = $1")
        .bind(seller_id).fetch_optional(p).await)?)
}

/// The shop's account changes, newest first.
pub async fn account_changes(
    db: &Db,
    seller_id: i64,
    limit: i64,
) -> Result<Vec<AccountChangeRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, AccountChangeRow>(
        "SELECT id, user_id, iban_last4, holder, changed_at FROM payout_account_changes
         WHERE seller_id = $1 ORDER BY id DESC LIMIT $2")
        .bind(seller_id).bind(limit).fetch_all(p).await)?)
}
