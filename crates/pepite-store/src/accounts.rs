//! People: users, their roles, and the back office's lists of them (A1, A4).

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// A stored account. The password hash never leaves the application layer.
#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub language: String,
    pub country: String,
    pub birth_date: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
}

/// What is written for a new account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub language: &'a str,
    pub country: &'a str,
    pub birth_date: Option<String>,
    pub now: i64,
}

const USER_COLUMNS: &str =
    "id, email, password_hash, display_name, language, country, birth_date, disabled, created_at";

/// Inserts an account; a taken e-mail is a `Conflict` naming `email`.
pub async fn insert(tx: &mut Tx, u: &NewUser<'_>) -> Result<i64, StoreError> {
    let id = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (email, password_hash, display_name, language, country, birth_date, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(u.email).bind(u.password_hash).bind(u.display_name).bind(u.language)
        .bind(u.country).bind(&u.birth_date).bind(u.now)
        .fetch_one(c).await)?;
    Ok(id)
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, UserRow>(sql).bind(email).fetch_optional(p).await)?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<UserRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, UserRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// The roles of one account, sorted.
pub async fn roles(db: &Db, user_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id).fetch_all(p).await)?)
}

/// Grants a role; granting it twice changes nothing.
pub async fn grant_role(tx: &mut Tx, user_id: i64, role: &str, now: i64) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, role) DO NOTHING")
        .bind(user_id).bind(role).bind(now).execute(c).await.map(|_| ()))?;
    Ok(())
}

pub async fn revoke_role(db: &Db, user_id: i64, role: &str) -> Result<bool, StoreError> {
    let r = on_db!(db, p => sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
        .bind(user_id).bind(role).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(r > 0)
}

/// Removes a role unless it is the last admin: the check and the delete are one statement, so
/// two admins demoting each other at once cannot leave the platform without one.
pub async fn revoke_admin_keeping_one(db: &Db, user_id: i64) -> Result<bool, StoreError> {
    let r = on_db!(db, p => sqlx::query(
        "DELETE FROM user_roles WHERE user_id = $1 AND role = 'admin'
           AND (SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id
                WHERE r.role = 'admin' AND u.disabled = FALSE) > 1")
        .bind(user_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(r > 0)
}

pub async fn update_profile(
    db: &Db,
    id: i64,
    display_name: &str,
    language: &str,
    country: &str,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "UPDATE users SET display_name = $2, language = $3, country = $4 WHERE id = $1")
        .bind(id).bind(display_name).bind(language).bind(country).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub async fn set_password_hash(db: &Db, id: i64, hash: &str) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(id).bind(hash).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// A closed account stays disabled: it is not found here.
pub async fn set_disabled(db: &Db, id: i64, disabled: bool) -> Result<bool, StoreError> {
    let r = on_db!(db, p => sqlx::query("UPDATE users SET disabled = $2 WHERE id = $1 AND closed_at IS NULL")
        .bind(id).bind(disabled).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(r > 0)
}

/// The back office's list of accounts, newest first, optionally filtered on e-mail or name.
pub async fn list(
    db: &Db,
    filter: &str,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<UserRow>, StoreError> {
    let pattern = format!("%{}%", filter.trim().to_lowercase());
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users
         WHERE (lower(email) LIKE $1 OR lower(display_name) LIKE $1) AND id < $2
         ORDER BY id DESC LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, UserRow>(sql)
        .bind(pattern).bind(before_id.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await)?)
}

/// Every account holding at least one role, with its roles (the staff page).
pub async fn with_roles(db: &Db) -> Result<Vec<(UserRow, Vec<String>)>, StoreError> {
    #[derive(FromRow)]
    struct Grant {
        user_id: i64,
        role: String,
    }
    let grants = on_db!(db, p => sqlx::query_as::<_, Grant>(
        "SELECT user_id, role FROM user_roles ORDER BY user_id, role").fetch_all(p).await)?;
    let mut out: Vec<(UserRow, Vec<String>)> = Vec::new();
    for g in grants {
        match out.last_mut() {
            Some((u, roles)) if u.id == g.user_id => roles.push(g.role),
            _ => {
                if let Some(u) = by_id(db, g.user_id).await? {
                    out.push((u, vec![g.role]));
                }
            }
        }
    }
    Ok(out)
}
