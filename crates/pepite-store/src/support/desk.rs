//! What the back office's shared inbox reads besides conversations and messages (S1, A4): the
//! inbox's lines with the person's, the shop's and the agent's names; the agents a
//! conversation may be given to; who else has it open; and whether a public message arrived
//! after the one an agent last saw (the collision warning).

use sqlx::FromRow;

use super::InboxFilter;
use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// One line of the inbox.
#[derive(Debug, Clone, FromRow)]
pub struct InboxLine {
    pub id: i64,
    pub subject: String,
    pub email: String,
    /// The account's name; none for a visitor known by an e-mail address.
    pub person_name: Option<String>,
    pub shop_name: Option<String>,
    pub state: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub order_id: Option<i64>,
    pub piece_id: Option<i64>,
    pub due_at: Option<i64>,
    /// The last message's time.
    pub last_at: i64,
}

/// The inbox's lines: those due soonest first (so the overdue lead), those owing nothing
/// last, then the oldest.
pub async fn lines(db: &Db, f: &InboxFilter, limit: i64) -> Result<Vec<InboxLine>, StoreError> {
    let (assigned, assignee) = match f.assignee {
        None => (None, None),
        Some(a) => (Some(a.is_some()), a),
    };
    Ok(on_db!(db, p => sqlx::query_as::<_, InboxLine>(
        "SELECT c.id, c.subject, c.email, u.display_name AS person_name, s.name AS shop_name,
                c.state, c.assignee_id, a.display_name AS assignee_name, c.order_id, c.piece_id,
                c.due_at,
                COALESCE((SELECT MAX(m.created_at) FROM support_messages m
                          WHERE m.conversation_id = c.id), c.created_at) AS last_at
         FROM support_conversations c
         LEFT JOIN users u ON u.id = c.user_id
         LEFT JOIN users a ON a.id = c.assignee_id
         LEFT JOIN shops s ON s.id = c.shop_id
         WHERE ($1 IS NULL OR c.state = $1)
           AND ($2 IS NULL OR ($2 AND c.assignee_id = $3) OR (NOT $2 AND c.assignee_id IS NULL))
           AND ($4 IS NULL OR c.order_id = $4)
           AND ($5 IS NULL OR c.piece_id = $5)
         ORDER BY CASE WHEN c.due_at IS NULL THEN 1 ELSE 0 END, c.due_at, c.created_at, c.id
         LIMIT $6")
        .bind(f.state.as_deref()).bind(assigned).bind(assignee).bind(f.order_id)
        .bind(f.piece_id).bind(limit).fetch_all(p).await)?)
}

/// Someone a conversation may be given to, or who wrote in one.
#[derive(Debug, Clone, FromRow)]
pub struct Agent {
    pub id: i64,
    pub display_name: String,
    pub email: String,
}

/// The enabled accounts holding customer service's role or admin's, by name.
pub async fn agents(db: &Db) -> Result<Vec<Agent>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Agent>(
        "SELECT u.id, u.display_name, u.email FROM users u
         WHERE u.disabled = FALSE AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
               AND r.role IN ('customer_service', 'admin'))
         ORDER BY u.display_name, u.id")
        .fetch_all(p).await)?)
}

/// The accounts that wrote in a conversation (their names beside their messages).
pub async fn authors(db: &Db, conversation_id: i64) -> Result<Vec<Agent>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Agent>(
        "SELECT u.id, u.display_name, u.email FROM users u
         WHERE u.id IN (SELECT m.author_id FROM support_messages m
                        WHERE m.conversation_id = $1)")
        .bind(conversation_id).fetch_all(p).await)?)
}

/// Records that `user_id` has the conversation open at `now`.
pub async fn viewed(
    db: &Db,
    conversation_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query(
        "INSERT INTO support_viewers (conversation_id, user_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET seen_at = excluded.seen_at")
        .bind(conversation_id).bind(user_id).bind(now).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The names of the others who opened the conversation at `since` or later, latest first.
pub async fn viewers(
    db: &Db,
    conversation_id: i64,
    except: i64,
    since: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_scalar::<_, String>(
        "SELECT u.display_name FROM support_viewers v JOIN users u ON u.id = v.user_id
         WHERE v.conversation_id = $1 AND v.user_id <> $2 AND v.seen_at >= $3
         ORDER BY v.seen_at DESC, u.id")
        .bind(conversation_id).bind(except).bind(since).fetch_all(p).await)?)
}

/// Whether a public message (the person's, or an agent's answer) came after message `seen`.
/// Read inside the transaction that has just locked the conversation's row, so two answers
/// from the same `seen` cannot both pass.
pub async fn public_since(
    tx: &mut Tx,
    conversation_id: i64,
    seen: i64,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, t => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM support_messages
         WHERE conversation_id = $1 AND id > $2 AND author IN ('person', 'staff')")
        .bind(conversation_id).bind(seen).fetch_one(t).await)?;
    Ok(n > 0)
}
