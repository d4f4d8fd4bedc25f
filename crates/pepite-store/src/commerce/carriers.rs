//! Carriers as data (F1, F3): the list staff edit and sellers choose from.

use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct CarrierRow {
    pub code: String,
    pub name: String,
    /// F3: the tracking page, `{tracking}` standing for the number.
    pub tracking_url: String,
    /// ISO codes separated by commas.
    pub countries: String,
    /// F1: a regular expression a whole tracking number matches, when known.
    pub tracking_format: Option<String>,
    pub active: bool,
    pub updated_at: i64,
}

const COLUMNS: &str = "code, name, tracking_url, countries, tracking_format, active, updated_at";

/// Every carrier, by name.
pub async fn list(db: &Db) -> Result<Vec<CarrierRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM carriers ORDER BY name, code"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, CarrierRow>(sql).fetch_all(p).await)?)
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<CarrierRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM carriers WHERE code = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, CarrierRow>(sql).bind(code).fetch_optional(p).await)?)
}

/// Creates the carrier `row.code` or rewrites it, in one statement.
pub async fn save(db: &Db, row: &CarrierRow) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO carriers (code, name, tracking_url, countries, tracking_format, active, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, tracking_url = excluded.tracking_url,
             countries = excluded.countries, tracking_format = excluded.tracking_format,
             active = excluded.active, updated_at = excluded.updated_at")
        .bind(&row.code).bind(&row.name).bind(&row.tracking_url).bind(&row.countries)
        .bind(&row.tracking_format).bind(row.active).bind(row.updated_at)
        .execute(p).await.map(|_| ()))?;
    Ok(())
}
