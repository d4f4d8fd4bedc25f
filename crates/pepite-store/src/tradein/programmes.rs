//! T1: programmes (their rules a JSON document saved by compare-and-set) and the brand's
//! reference catalogue of styles, imported line by line and searched by name or style id.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct ProgrammeRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub partner_id: Option<i64>,
    pub rules: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const PROGRAMME: &str = "SELECT id, code, name, partner_id, rules, version, created_at, updated_at FROM tradein_programmes";

/// A new programme; None if its code is taken.
pub async fn insert(
    db: &Db,
    code: &str,
    name: &str,
    partner_id: Option<i64>,
    rules: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO tradein_programmes (code, name, partner_id, rules, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $5) ON CONFLICT (code) DO NOTHING RETURNING id")
        .bind(code).bind(name).bind(partner_id).bind(rules).bind(now).fetch_optional(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<ProgrammeRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{PROGRAMME} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ProgrammeRow>(sql).bind(id).fetch_optional(p).await)?)
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<ProgrammeRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{PROGRAMME} WHERE code = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ProgrammeRow>(sql).bind(code).fetch_optional(p).await)?)
}

/// Every programme, oldest first.
pub async fn all(db: &Db) -> Result<Vec<ProgrammeRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{PROGRAMME} ORDER BY id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ProgrammeRow>(sql).fetch_all(p).await)?)
}

/// Saves new rules if they are still at `expected_version`: two partners editing at once
/// cannot overwrite each other unseen.
pub async fn save_rules(
    db: &Db,
    id: i64,
    name: &str,
    rules: &str,
    expected_version: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE tradein_programmes SET name = $2, rules = $3, version = version + 1, updated_at = $5
         WHERE id = $1 AND version = $4")
        .bind(id).bind(name).bind(rules).bind(expected_version).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct StyleRow {
    pub id: i64,
    pub programme_id: i64,
    pub style_ref: String,
    pub name: String,
    pub brand: String,
    pub category: String,
    pub season: String,
    pub reference_cents: i64,
    pub photo_url: String,
}

const STYLE: &str = "SELECT id, programme_id, style_ref, name, brand, category, season,
    reference_cents, photo_url FROM tradein_styles";

/// A style of the reference catalogue, as one CSV line gives it.
#[derive(Debug, Clone)]
pub struct StyleInput {
    pub style_ref: String,
    pub name: String,
    pub brand: String,
    pub category: String,
    pub season: String,
    pub reference_cents: i64,
    pub photo_url: String,
    pub search_text: String,
}

/// Adds a style or replaces the one with its style id (a catalogue imported again updates
/// it); true when it was new.
pub async fn upsert_style(
    tx: &mut Tx,
    programme_id: i64,
    s: &StyleInput,
) -> Result<bool, StoreError> {
    let existed = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM tradein_styles WHERE programme_id = $1 AND style_ref = $2")
        .bind(programme_id).bind(&s.style_ref).fetch_optional(&mut *c).await)?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO tradein_styles (programme_id, style_ref, name, brand, category, season,
             reference_cents, photo_url, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (programme_id, style_ref) DO UPDATE SET name = excluded.name,
             brand = excluded.brand, category = excluded.category, season = excluded.season,
             reference_cents = excluded.reference_cents, photo_url = excluded.photo_url,
             search_text = excluded.search_text")
        .bind(programme_id).bind(&s.style_ref).bind(&s.name).bind(&s.brand).bind(&s.category)
        .bind(&s.season).bind(s.reference_cents).bind(&s.photo_url).bind(&s.search_text)
        .execute(c).await.map(|_| ()))?;
    Ok(existed.is_none())
}

/// The styles of `programme_id` among `ids` (others are ignored).
pub async fn styles_by_ids(
    db: &Db,
    programme_id: i64,
    ids: &[i64],
) -> Result<Vec<StyleRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "{STYLE} WHERE programme_id = $1 AND id IN ({})",
        (2..ids.len() + 2)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, StyleRow>(sql).bind(programme_id);
        for id in ids {
            q = q.bind(id);
        }
        q.fetch_all(p).await
    })?)
}

/// Styles whose folded name or style id contains every word, by name, at most `limit`.
pub async fn search_styles(
    db: &Db,
    programme_id: i64,
    words: &[String],
    limit: i64,
) -> Result<Vec<StyleRow>, StoreError> {
    let mut sql = format!("{STYLE} WHERE programme_id = $1");
    for i in 0..words.len() {
        sql.push_str(&format!(" AND search_text LIKE ${}", i + 2));
    }
    sql.push_str(&format!(" ORDER BY name, id LIMIT ${}", words.len() + 2));
    let sql = sqlx::AssertSqlSafe(sql);
    Ok(on_db!(db, p => {
        let mut q = sqlx::query_as::<_, StyleRow>(sql).bind(programme_id);
        for w in words {
            q = q.bind(format!("%{w}%"));
        }
        q.bind(limit).fetch_all(p).await
    })?)
}

pub async fn count_styles(db: &Db, programme_id: i64) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM tradein_styles WHERE programme_id = $1")
        .bind(programme_id).fetch_one(p).await)?)
}

/// The programmes a brand partner runs, oldest first.
pub async fn of_partner(db: &Db, partner_id: i64) -> Result<Vec<ProgrammeRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{PROGRAMME} WHERE partner_id = $1 ORDER BY id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ProgrammeRow>(sql).bind(partner_id).fetch_all(p).await)?)
}
