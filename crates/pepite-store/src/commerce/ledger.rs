//! The double-entry ledger (P2): journals of entries that sum to zero, written once per
//! movement (a dedupe key), balances always derived by summing, never stored or edited.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub journal_id: i64,
    pub kind: String,
    pub order_id: Option<i64>,
    pub instrument_id: Option<i64>,
    pub account: String,
    pub amount_cents: i64,
    pub created_at: i64,
}

/// An entry with its journal's kind, order and instrument: the columns of `EntryRow`.
const ENTRY_COLUMNS: &str = "e.id, e.journal_id, j.kind, j.order_id, j.instrument_id, e.account,
    e.amount_cents, e.created_at FROM ledger_entries e JOIN journals j ON j.id = e.journal_id";

/// A journal to write: `entries` are (account key, signed amount: debit > 0, credit < 0).
pub struct Posting<'a> {
    pub kind: &'a str,
    pub dedupe: &'a str,
    pub order_id: Option<i64>,
    pub instrument_id: Option<i64>,
    pub entries: &'a [(String, i64)],
}

/// Writes a journal unless one with the same dedupe key exists (returns false then).
/// Refuses an unbalanced journal outright: nothing is created or destroyed.
pub async fn post(tx: &mut Tx, p: &Posting<'_>, now: i64) -> Result<bool, StoreError> {
    let sum: i64 = p.entries.iter().map(|(_, a)| a).sum();
    if sum != 0 || p.entries.is_empty() {
        return Err(StoreError::Conflict(format!(
            "unbalanced journal {} ({sum})",
            p.kind
        )));
    }
    let id = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "INSERT INTO journals (kind, dedupe, order_id, instrument_id, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe) DO NOTHING RETURNING id")
        .bind(p.kind).bind(p.dedupe).bind(p.order_id).bind(p.instrument_id).bind(now)
        .fetch_optional(c).await)?;
    let Some(id) = id else { return Ok(false) };
    // One statement for every entry: (journal, account, amount, time) per row.
    let sql = format!(
        "INSERT INTO ledger_entries (journal_id, account, amount_cents, created_at) VALUES {}",
        crate::db::values_list(p.entries.len(), 4)
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        for (account, amount) in p.entries {
            q = q.bind(id).bind(account).bind(amount).bind(now);
        }
        q.execute(c).await.map(|_| ())
    })?;
    Ok(true)
}

/// An account's balance: the sum of its entries.
pub async fn balance(db: &Db, account: &str) -> Result<i64, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM ledger_entries WHERE account = $1")
        .bind(account).fetch_one(p).await)?)
}

/// An account's entries, newest first, before `before_id`.
pub async fn entries(
    db: &Db,
    account: &str,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<EntryRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ENTRY_COLUMNS} WHERE e.account = $1 AND e.id < $2 ORDER BY e.id DESC LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, EntryRow>(sql)
        .bind(account).bind(before_id.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await)?)
}

/// Every account with its balance and number of entries, by account key.
pub async fn accounts(db: &Db) -> Result<Vec<(String, i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT account, CAST(SUM(amount_cents) AS BIGINT), COUNT(*) FROM ledger_entries
         GROUP BY account ORDER BY account")
        .fetch_all(p).await)?)
}

/// Audit: the sum of every entry (must be 0) and the number of journals that do not balance
/// (must be 0).
pub async fn audit(db: &Db) -> Result<(i64, i64), StoreError> {
    let total = on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM ledger_entries")
        .fetch_one(p).await)?;
    let unbalanced = on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id
           HAVING SUM(amount_cents) <> 0) t")
        .fetch_one(p).await)?;
    Ok((total, unbalanced))
}

/// O7/P2: charges owed back (an `unsold_charge` journal written before `before`) whose refund
/// journal (`<dedupe>_refunded`) is still missing: (owed account key, amount), oldest first.
pub async fn unsold_unrefunded(
    db: &Db,
    before: i64,
    limit: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, (String, i64)>(
        "SELECT e.account, -e.amount_cents FROM journals j
         JOIN ledger_entries e ON e.journal_id = j.id AND e.amount_cents < 0
         WHERE j.kind = 'unsold_charge' AND j.created_at <= $1
           AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.dedupe = j.dedupe || '_refunded')
         ORDER BY j.id LIMIT $2")
        .bind(before).bind(limit).fetch_all(p).await)?)
}

/// Every entry written in `[from, to)`, journal by journal (finance's CSV export), at most
/// `limit` of them so an export of years stays bounded.
pub async fn entries_between(
    db: &Db,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<EntryRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {ENTRY_COLUMNS} WHERE e.created_at >= $1 AND e.created_at < $2
         ORDER BY e.journal_id, e.id LIMIT $3"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, EntryRow>(sql)
        .bind(from).bind(to).bind(limit).fetch_all(p).await)?)
}
