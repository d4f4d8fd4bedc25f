//! Customer service's conversations and messages (S1, A3). A conversation and its first
//! message are written in one transaction; a message and the conversation's new state in
//! another; assignment and state change by compare-and-set on `version`.

pub mod attachments;
pub mod desk;
pub mod inbound;
pub mod live;
pub mod relay;
pub mod saved;

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct ConversationRow {
    pub id: i64,
    pub shop_id: i64,
    pub user_id: Option<i64>,
    pub email: String,
    pub language: String,
    pub subject: String,
    pub order_id: Option<i64>,
    pub piece_id: Option<i64>,
    /// `open` (staff to answer), `waiting_person`, `waiting_seller`, `closed`.
    pub state: String,
    pub assignee_id: Option<i64>,
    pub reply_token: String,
    pub version: i64,
    pub due_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const CONVERSATION: &str = "SELECT id, shop_id, user_id, email, language, subject, order_id,
    piece_id, state, assignee_id, reply_token, version, due_at, created_at, updated_at
    FROM support_conversations";

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub conversation_id: i64,
    /// `person`, `staff` (a public answer), `note` (staff only), `seller` (staff only).
    pub author: String,
    pub author_id: Option<i64>,
    pub body: String,
    pub created_at: i64,
}

/// What a new conversation records.
pub struct NewConversation<'a> {
    pub shop_id: i64,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub language: &'a str,
    pub subject: &'a str,
    pub order_id: Option<i64>,
    pub piece_id: Option<i64>,
    pub reply_token: &'a str,
    pub due_at: Option<i64>,
}

/// A conversation with its first message, from its person; the ids of both.
pub async fn open(
    tx: &mut Tx,
    c: &NewConversation<'_>,
    body: &str,
    now: i64,
) -> Result<(i64, i64), StoreError> {
    let id = on_tx!(tx, t => sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_conversations (shop_id, user_id, email, language, subject, order_id,
             piece_id, state, reply_token, version, due_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, 1, $9, $10, $10) RETURNING id")
        .bind(c.shop_id).bind(c.user_id).bind(c.email).bind(c.language).bind(c.subject)
        .bind(c.order_id).bind(c.piece_id).bind(c.reply_token).bind(c.due_at).bind(now)
        .fetch_one(t).await)?;
    let message = add_message(tx, id, "person", c.user_id, body, now).await?;
    Ok((id, message))
}

/// A message in a conversation; its id.
pub async fn add_message(
    tx: &mut Tx,
    conversation_id: i64,
    author: &str,
    author_id: Option<i64>,
    body: &str,
    now: i64,
) -> Result<i64, StoreError> {
    let id = on_tx!(tx, t => sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_messages (conversation_id, author, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(conversation_id).bind(author).bind(author_id).bind(body).bind(now)
        .fetch_one(t).await)?;
    live::announce(tx, conversation_id).await?;
    Ok(id)
}

/// Marks a new conversation as readable by the browser holding the key whose hash this is.
pub async fn keep_for_visitor(tx: &mut Tx, id: i64, key_hash: &str) -> Result<(), StoreError> {
    on_tx!(tx, t => sqlx::query("UPDATE support_conversations SET visitor_key = $2 WHERE id = $1")
        .bind(id).bind(key_hash).execute(t).await.map(|_| ()))?;
    Ok(())
}

/// The conversations a visitor's browser opened (by the hash of its key), latest first.
pub async fn of_visitor(db: &Db, key_hash: &str) -> Result<Vec<ConversationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{CONVERSATION} WHERE visitor_key = $1 ORDER BY updated_at DESC, id DESC LIMIT 100"
    ));
    Ok(
        on_db!(db, p => sqlx::query_as::<_, ConversationRow>(sql).bind(key_hash).fetch_all(p).await)?,
    )
}

/// The conversation, if the visitor key with this hash opened it.
pub async fn kept_for(
    db: &Db,
    id: i64,
    key_hash: &str,
) -> Result<Option<ConversationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{CONVERSATION} WHERE id = $1 AND visitor_key = $2"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ConversationRow>(sql)
        .bind(id).bind(key_hash).fetch_optional(p).await)?)
}

/// After a message: the conversation's new state and due time, whatever its version (a
/// message always lands; it is assignment and state changes that must not cross).
pub async fn moved(
    tx: &mut Tx,
    id: i64,
    state: &str,
    due_at: Option<i64>,
    now: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, t => sqlx::query(
        "UPDATE support_conversations SET state = $2, due_at = $3, version = version + 1,
             updated_at = $4 WHERE id = $1")
        .bind(id).bind(state).bind(due_at).bind(now).execute(t).await.map(|_| ()))?;
    Ok(())
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<ConversationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{CONVERSATION} WHERE id = $1"));
    Ok(on_db!(db, p => sqlx::query_as::<_, ConversationRow>(sql).bind(id).fetch_optional(p).await)?)
}

/// A person's conversations, latest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<ConversationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{CONVERSATION} WHERE user_id = $1 ORDER BY updated_at DESC, id DESC LIMIT 100"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, ConversationRow>(sql).bind(user_id).fetch_all(p).await)?)
}

/// A conversation's messages in order; staff's notes and the seller's words only when
/// `internal` (A3: the person never reads them).
pub async fn messages(
    db: &Db,
    conversation_id: i64,
    internal: bool,
) -> Result<Vec<MessageRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MessageRow>(
        "SELECT id, conversation_id, author, author_id, body, created_at FROM support_messages
         WHERE conversation_id = $1 AND ($2 OR author IN ('person', 'staff')) ORDER BY id")
        .bind(conversation_id).bind(internal).fetch_all(p).await)?)
}

/// The messages after `after_id` that the person may read, for a live chat catching up.
pub async fn public_after(
    db: &Db,
    conversation_id: i64,
    after_id: i64,
) -> Result<Vec<MessageRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, MessageRow>(
        "SELECT id, conversation_id, author, author_id, body, created_at FROM support_messages
         WHERE conversation_id = $1 AND id > $2 AND author IN ('person', 'staff') ORDER BY id")
        .bind(conversation_id).bind(after_id).fetch_all(p).await)?)
}

/// Which conversations the shared inbox lists.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    pub state: Option<String>,
    /// `Some(Some(id))`: assigned to that agent; `Some(None)`: unassigned.
    pub assignee: Option<Option<i64>>,
    pub order_id: Option<i64>,
    pub piece_id: Option<i64>,
}

/// The inbox: the filter's conversations, those due soonest first (none due last), then the
/// oldest.
pub async fn inbox(
    db: &Db,
    f: &InboxFilter,
    limit: i64,
) -> Result<Vec<ConversationRow>, StoreError> {
    let (assigned, assignee) = match f.assignee {
        None => (None, None),
        Some(a) => (Some(a.is_some()), a),
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "{CONVERSATION}
         WHERE ($1 IS NULL OR state = $1)
           AND ($2 IS NULL OR ($2 AND assignee_id = $3) OR (NOT $2 AND assignee_id IS NULL))
           AND ($4 IS NULL OR order_id = $4)
           AND ($5 IS NULL OR piece_id = $5)
         ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, created_at, id
         LIMIT $6"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, ConversationRow>(sql)
        .bind(f.state.as_deref()).bind(assigned).bind(assignee).bind(f.order_id)
        .bind(f.piece_id).bind(limit).fetch_all(p).await)?)
}

/// Gives the conversation to an agent (or to nobody) if it is still at `expected_version`.
pub async fn assign(
    db: &Db,
    id: i64,
    assignee_id: Option<i64>,
    expected_version: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE support_conversations SET assignee_id = $2, version = version + 1, updated_at = $4
         WHERE id = $1 AND version = $3")
        .bind(id).bind(assignee_id).bind(expected_version).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Sets the conversation's state if it is still at `expected_version`.
pub async fn set_state(
    db: &Db,
    id: i64,
    state: &str,
    due_at: Option<i64>,
    expected_version: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE support_conversations SET state = $2, due_at = $3, version = version + 1,
             updated_at = $5
         WHERE id = $1 AND version = $4")
        .bind(id).bind(state).bind(due_at).bind(expected_version).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
