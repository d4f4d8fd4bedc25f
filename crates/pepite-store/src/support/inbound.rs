//! E-mail into customer service: the raw mails the inbound listener took, stored before it
//! answers, then claimed by compare-and-set and marked threaded or ignored in the same
//! transaction as the message they make, so no mail is threaded twice.

use sqlx::FromRow;

use super::{CONVERSATION, ConversationRow};
use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// What the listener received.
pub struct NewInbound<'a> {
    pub message_id: &'a str,
    pub mail_from: &'a str,
    /// The envelope recipients, one per line.
    pub rcpt_to: &'a str,
    pub reply_token: Option<&'a str>,
    pub raw: &'a [u8],
    /// The shop a new conversation opens in.
    pub shop_id: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct InboundRow {
    pub id: i64,
    pub message_id: String,
    pub mail_from: String,
    pub rcpt_to: String,
    pub reply_token: Option<String>,
    pub raw: Vec<u8>,
    /// `pending`, `threaded` or `ignored`.
    pub state: String,
    pub reason: Option<String>,
    pub conversation_id: Option<i64>,
    pub shop_id: i64,
    pub received_at: i64,
}

/// Stores a mail as pending; `None` when its Message-ID is already stored (a relay's retry).
pub async fn insert(db: &Db, m: &NewInbound<'_>, now: i64) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_inbound_mails (message_id, mail_from, rcpt_to, reply_token, raw,
             state, shop_id, received_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $7)
         ON CONFLICT (message_id) DO NOTHING RETURNING id")
        .bind(m.message_id).bind(m.mail_from).bind(m.rcpt_to).bind(m.reply_token).bind(m.raw)
        .bind(m.shop_id).bind(now).fetch_optional(p).await)?)
}

/// Takes a pending mail until `until` if nobody holds it; whether this caller got it.
pub async fn claim(db: &Db, id: i64, now: i64, until: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE support_inbound_mails SET claimed_until = $3
         WHERE id = $1 AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < $2)")
        .bind(id).bind(now).bind(until).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Pending mails nobody holds, oldest first.
pub async fn unclaimed(db: &Db, now: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM support_inbound_mails
         WHERE state = 'pending' AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY id LIMIT $2")
        .bind(now).bind(limit).fetch_all(p).await)?)
}

const INBOUND: &str = "SELECT id, message_id, mail_from, rcpt_to, reply_token, raw, state,
    reason, conversation_id, shop_id, received_at FROM support_inbound_mails";

pub async fn by_id(db: &Db, id: i64) -> Result<Option<InboundRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{INBOUND} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, InboundRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// Settles a pending mail (`threaded` into a conversation, or `ignored` with a reason), in
/// the transaction of the message it makes; `false` when someone settled it first.
pub async fn settle(
    tx: &mut Tx,
    id: i64,
    state: &str,
    reason: Option<&str>,
    conversation_id: Option<i64>,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, t => sqlx::query(
        "UPDATE support_inbound_mails SET state = $2, reason = $3, conversation_id = $4,
             claimed_until = NULL, updated_at = $5
         WHERE id = $1 AND state = 'pending'")
        .bind(id).bind(state).bind(reason).bind(conversation_id).bind(now)
        .execute(t).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The conversation a mail with this Message-ID was threaded into, if any.
pub async fn conversation_of(db: &Db, message_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, Option<i64>>(
        "SELECT conversation_id FROM support_inbound_mails
         WHERE message_id = $1 AND state = 'threaded'")
        .bind(message_id).fetch_optional(p).await)?
    .flatten())
}

/// The conversation whose reply address carries `token`.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<ConversationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{CONVERSATION} WHERE reply_token = $1"));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ConversationRow>(sql).bind(token).fetch_optional(p).await)?,
    )
}

/// The mails received and how each was settled, newest first (tests and staff's diagnosis).
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<InboundRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{INBOUND} ORDER BY id DESC LIMIT $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, InboundRow>(sql).bind(limit).fetch_all(p).await)?)
}

/// The largest start of a raw mail the set-aside list reads: its headers (sender, subject),
/// never a 10 MB body per line.
const HEADERS_READ: i64 = 64 * 1024;

/// The mails set aside (ignored), newest first, each with only the start of its raw mail.
pub async fn ignored(db: &Db, limit: i64) -> Result<Vec<InboundRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, InboundRow>(
        "SELECT id, message_id, mail_from, rcpt_to, reply_token, substr(raw, 1, CAST($2 AS INTEGER)) AS raw,
             state, reason, conversation_id, shop_id, received_at
         FROM support_inbound_mails WHERE state = 'ignored' ORDER BY id DESC LIMIT $1")
        .bind(limit).bind(HEADERS_READ).fetch_all(p).await)?)
}

/// Puts a mail set aside for `reason` back to pending, marked `released` so that threading
/// takes it as it is; `false` when it is no longer set aside so (someone released it first).
pub async fn release(db: &Db, id: i64, reason: &str, now: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE support_inbound_mails SET state = 'pending', reason = 'released',
             claimed_until = NULL, updated_at = $3
         WHERE id = $1 AND state = 'ignored' AND reason = $2")
        .bind(id).bind(reason).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
