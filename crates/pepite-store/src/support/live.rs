//! Live delivery across instances (S1): on PostgreSQL a new message raises a notification on
//! the `pepite_support` channel inside its own transaction, so it is heard by every instance
//! at commit and never before; SQLite runs in one process, where the app's hub is enough.

use sqlx::postgres::PgListener;

use crate::db::{Pool, on_tx};
use crate::{Db, StoreError, Tx};

/// The channel every instance listens on; the payload is the conversation's id.
pub const CHANNEL: &str = "pepite_support";

/// Tells every instance, at commit, that `conversation_id` has a new message.
pub(crate) async fn announce(tx: &mut Tx, conversation_id: i64) -> Result<(), StoreError> {
    if let Tx::Postgres(_) = tx {
        on_tx!(tx, t => sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL).bind(conversation_id.to_string()).execute(t).await.map(|_| ()))?;
    }
    Ok(())
}

/// A listener on the channel, on PostgreSQL only (`None` on SQLite).
pub async fn listen(db: &Db) -> Result<Option<PgListener>, StoreError> {
    let Pool::Postgres(pool) = &db.pool else {
        return Ok(None);
    };
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(Some(listener))
}
