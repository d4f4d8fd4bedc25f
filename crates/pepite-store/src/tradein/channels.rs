//! T7: the sales channels (boutiques, the brand's e-shop) that check and redeem vouchers
//! with a token, and their redemptions: one per (channel, idempotency key), reversed once.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct ChannelRow {
    pub id: i64,
    pub programme_id: i64,
    pub name: String,
    pub kind: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

const CHANNEL: &str =
    "SELECT id, programme_id, name, kind, created_at, revoked_at FROM sales_channels";

pub async fn insert(
    db: &Db,
    programme_id: i64,
    name: &str,
    kind: &str,
    token_hash: &str,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO sales_channels (programme_id, name, kind, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(programme_id).bind(name).bind(kind).bind(token_hash).bind(now).fetch_one(p).await)?)
}

/// The live channel holding this token, if any.
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<ChannelRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{CHANNEL} WHERE token_hash = $1 AND revoked_at IS NULL"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ChannelRow>(sql).bind(token_hash).fetch_optional(p).await)?,
    )
}

pub async fn of_programme(db: &Db, programme_id: i64) -> Result<Vec<ChannelRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{CHANNEL} WHERE programme_id = $1 ORDER BY id"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ChannelRow>(sql).bind(programme_id).fetch_all(p).await)?)
}

/// Revokes a channel's token for good.
pub async fn revoke(db: &Db, id: i64, programme_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE sales_channels SET revoked_at = $3
         WHERE id = $1 AND programme_id = $2 AND revoked_at IS NULL")
        .bind(id).bind(programme_id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct RedemptionRow {
    pub id: i64,
    pub instrument_id: i64,
    pub code: String,
    pub channel_id: i64,
    pub idempotency_key: String,
    pub amount_cents: i64,
    pub reference: String,
    pub state: String,
    pub created_at: i64,
    pub reversed_at: Option<i64>,
}

const REDEMPTION: &str = "SELECT r.id, r.instrument_id, i.code, r.channel_id, r.idempotency_key,
    r.amount_cents, r.reference, r.state, r.created_at, r.reversed_at
    FROM voucher_redemptions r JOIN instruments i ON i.id = r.instrument_id";

/// Claims the channel's idempotency key for a redemption; None when the key was used before
/// (the caller then answers with that redemption).
pub async fn claim(
    tx: &mut Tx,
    instrument_id: i64,
    channel_id: i64,
    key: &str,
    amount: i64,
    reference: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO voucher_redemptions (instrument_id, channel_id, idempotency_key, amount_cents,
             reference, state, created_at)
         VALUES ($1, $2, $3, $4, $5, 'redeemed', $6)
         ON CONFLICT (channel_id, idempotency_key) DO NOTHING RETURNING id")
        .bind(instrument_id).bind(channel_id).bind(key).bind(amount).bind(reference).bind(now)
        .fetch_optional(c).await)?)
}

pub async fn by_key(
    db: &Db,
    channel_id: i64,
    key: &str,
) -> Result<Option<RedemptionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{REDEMPTION} WHERE r.channel_id = $1 AND r.idempotency_key = $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RedemptionRow>(sql).bind(channel_id).bind(key).fetch_optional(p).await)?,
    )
}

pub async fn by_id(db: &Db, channel_id: i64, id: i64) -> Result<Option<RedemptionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{REDEMPTION} WHERE r.channel_id = $1 AND r.id = $2"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RedemptionRow>(sql).bind(channel_id).bind(id).fetch_optional(p).await)?,
    )
}

/// Reverses a redemption of this channel, once.
pub async fn reverse(tx: &mut Tx, id: i64, channel_id: i64, now: i64) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE voucher_redemptions SET state = 'reversed', reversed_at = $3
         WHERE id = $1 AND channel_id = $2 AND state = 'redeemed'")
        .bind(id).bind(channel_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A voucher's redemptions in every channel, oldest first.
pub async fn of_instrument(db: &Db, instrument_id: i64) -> Result<Vec<RedemptionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{REDEMPTION} WHERE r.instrument_id = $1 ORDER BY r.id"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, RedemptionRow>(sql).bind(instrument_id).fetch_all(p).await)?,
    )
}
