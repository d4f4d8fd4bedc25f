//! The address book (O6): addresses a buyer saved, offered again at the next checkout.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

/// A postal address. Orders keep a frozen copy (JSON), never a reference to this row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromRow)]
pub struct Address {
    pub full_name: String,
    pub line1: String,
    pub line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct SavedAddress {
    pub id: i64,
    #[sqlx(flatten)]
    pub address: Address,
}

pub async fn insert(db: &Db, user_id: i64, a: &Address, now: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO addresses (user_id, full_name, line1, line2, postal_code, city, country, phone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(user_id).bind(&a.full_name).bind(&a.line1).bind(&a.line2).bind(&a.postal_code)
        .bind(&a.city).bind(&a.country).bind(&a.phone).bind(now).fetch_one(p).await)?)
}

/// A person's saved addresses, most recent first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<SavedAddress>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, SavedAddress>(
        "SELECT id, full_name, line1, line2, postal_code, city, country, phone FROM addresses
         WHERE user_id = $1 ORDER BY id DESC")
        .bind(user_id).fetch_all(p).await)?)
}

/// One of the person's own addresses (A4: another person's is not found).
pub async fn get(db: &Db, user_id: i64, id: i64) -> Result<Option<Address>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Address>(
        "SELECT full_name, line1, line2, postal_code, city, country, phone FROM addresses
         WHERE id = $1 AND user_id = $2")
        .bind(id).bind(user_id).fetch_optional(p).await)?)
}

pub async fn delete(db: &Db, user_id: i64, id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query("DELETE FROM addresses WHERE id = $1 AND user_id = $2")
        .bind(id).bind(user_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
