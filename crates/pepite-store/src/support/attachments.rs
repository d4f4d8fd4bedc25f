//! Files in a conversation (S1, A4): the row naming a stored file is written with the message
//! that carries it; reads say whose message it hangs on, so the person gets only those of
//! public messages.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub conversation_id: i64,
    pub message_id: i64,
    pub storage_key: String,
    pub file_name: String,
    /// `image/jpeg` (a photo, re-encoded) or `application/pdf`.
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: i64,
}

const ATTACHMENT: &str = "SELECT a.id, a.conversation_id, a.message_id, a.storage_key,
    a.file_name, a.content_type, a.size_bytes, a.created_at
    FROM support_attachments a JOIN support_messages m ON m.id = a.message_id";

/// What a new attachment records.
pub struct NewAttachment<'a> {
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
}

/// Names a stored file as carried by message `message_id`.
pub async fn add(
    tx: &mut Tx,
    conversation_id: i64,
    message_id: i64,
    a: &NewAttachment<'_>,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, t => sqlx::query_scalar::<_, i64>(
        "INSERT INTO support_attachments (conversation_id, message_id, storage_key, file_name,
             content_type, size_bytes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(conversation_id).bind(message_id).bind(a.storage_key).bind(a.file_name)
        .bind(a.content_type).bind(a.size_bytes).bind(now)
        .fetch_one(t).await)?)
}

/// A conversation's attachments in order, of the messages after `after_message` (0: all);
/// those of notes and the seller's messages only when `internal` (A3: the person never reads
/// them).
pub async fn of_conversation(
    db: &Db,
    conversation_id: i64,
    after_message: i64,
    internal: bool,
) -> Result<Vec<AttachmentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{ATTACHMENT} WHERE a.conversation_id = $1 AND a.message_id > $2
           AND ($3 OR m.author IN ('person', 'staff'))
         ORDER BY a.id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, AttachmentRow>(sql)
        .bind(conversation_id).bind(after_message).bind(internal).fetch_all(p).await)?)
}

/// One attachment of a conversation, under the same rule as [`of_conversation`].
pub async fn one(
    db: &Db,
    conversation_id: i64,
    id: i64,
    internal: bool,
) -> Result<Option<AttachmentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{ATTACHMENT} WHERE a.conversation_id = $1 AND a.id = $2
           AND ($3 OR m.author IN ('person', 'staff'))"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, AttachmentRow>(sql)
        .bind(conversation_id).bind(id).bind(internal).fetch_optional(p).await)?)
}

/// The attachments of one message, in order (an answer's e-mail carries them).
pub async fn of_message(db: &Db, message_id: i64) -> Result<Vec<AttachmentRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "{ATTACHMENT} WHERE a.message_id = $1 ORDER BY a.id"
    ));
    Ok(on_db!(db, p => sqlx::query_as::<_, AttachmentRow>(sql)
        .bind(message_id).fetch_all(p).await)?)
}
