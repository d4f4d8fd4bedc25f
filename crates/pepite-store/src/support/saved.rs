//! Customer service's saved answers (S1): a title and a text in each language, so an agent
//! answers in the conversation's language. A title names one answer, whatever its case: the
//! unique index on the lower-cased title decides, and a taken title comes back as a
//! `Conflict` naming `title`.

use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct SavedAnswerRow {
    pub id: i64,
    pub title: String,
    pub body_fr: String,
    pub body_en: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl SavedAnswerRow {
    /// The text in `language` (`fr` or `en`); French for anything else.
    pub fn body_in(&self, language: &str) -> &str {
        if language == "en" {
            &self.body_en
        } else {
            &self.body_fr
        }
    }
}

/// What a saved answer holds.
pub struct SavedAnswer<'a> {
    pub title: &'a str,
    pub body_fr: &'a str,
    pub body_en: &'a str,
}

const COLUMNS: &str = "SELECT id, title, body_fr, body_en, created_at, updated_at
    FROM support_saved_answers";

/// Every saved answer, by title.
pub async fn all(db: &Db) -> Result<Vec<SavedAnswerRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{COLUMNS} ORDER BY title_key, id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, SavedAnswerRow>(sql).fetch_all(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<SavedAnswerRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, SavedAnswerRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// A new saved answer; its id.
pub async fn insert(
    db: &Db,
    a: &SavedAnswer<'_>,
    created_by: i64,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_saved_answers (title, title_key, body_fr, body_en, created_by,
             created_at, updated_at)
         VALUES ($1, $6, $2, $3, $4, $5, $5) RETURNING id")
        .bind(a.title).bind(a.body_fr).bind(a.body_en).bind(created_by).bind(now)
        .bind(a.title.to_lowercase()).fetch_one(p).await)?)
}

/// Rewrites a saved answer; false if there is none.
pub async fn update(db: &Db, id: i64, a: &SavedAnswer<'_>, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE support_saved_answers SET title = $2, title_key = $6, body_fr = $3, body_en = $4,
             updated_at = $5
         WHERE id = $1")
        .bind(id).bind(a.title).bind(a.body_fr).bind(a.body_en).bind(now)
        .bind(a.title.to_lowercase())
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes a saved answer; false if there was none.
pub async fn delete(db: &Db, id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query("DELETE FROM support_saved_answers WHERE id = $1")
        .bind(id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
