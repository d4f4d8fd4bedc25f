//! The live chat's hub (S1): a chat open in a browser waits here for its conversation to
//! move. Writers in this process ring it after their commit; on PostgreSQL a listener rings it
//! too for messages committed by any instance (see `pepite_store::support::live`), so a
//! message written on one instance reaches a chat open on another at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;

use crate::App;

/// How often entries whose chats have all closed are swept, in subscriptions.
const SWEEP_EVERY: u64 = 1024;

/// Conversations being watched by open chats, and the process's closing signal.
pub struct Live {
    watched: Mutex<Watched>,
    closing: watch::Sender<bool>,
}

#[derive(Default)]
struct Watched {
    by_conversation: HashMap<i64, watch::Sender<u64>>,
    subscriptions: u64,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            watched: Mutex::default(),
            closing: watch::Sender::new(false),
        }
    }
}

impl Live {
    /// A receiver that changes whenever `conversation_id` may have new messages.
    pub fn subscribe(&self, conversation_id: i64) -> watch::Receiver<u64> {
        let mut w = self.watched.lock().unwrap_or_else(|e| e.into_inner());
        w.subscriptions += 1;
        if w.subscriptions.is_multiple_of(SWEEP_EVERY) {
            w.by_conversation.retain(|_, s| s.receiver_count() > 0);
        }
        w.by_conversation
            .entry(conversation_id)
            .or_insert_with(|| watch::Sender::new(0))
            .subscribe()
    }

    /// Wakes the chats open on `conversation_id` in this process.
    pub fn ring(&self, conversation_id: i64) {
        let w = self.watched.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = w.by_conversation.get(&conversation_id) {
            s.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Wakes every open chat: after the listener lost its connection, any of them may have
    /// missed a message.
    fn ring_all(&self) {
        let w = self.watched.lock().unwrap_or_else(|e| e.into_inner());
        for s in w.by_conversation.values() {
            s.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// How many conversations have a chat open in this process.
    pub fn watched(&self) -> usize {
        let w = self.watched.lock().unwrap_or_else(|e| e.into_inner());
        w.by_conversation
            .values()
            .filter(|s| s.receiver_count() > 0)
            .count()
    }

    /// Resolves when the process is shutting down, so open chats end and the server can stop.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Ends every open chat (graceful shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

/// On PostgreSQL, rings this process's hub for every message any instance commits, until the
/// process shuts down; on SQLite there is nothing to listen to. A lost connection is retried,
/// and every chat is woken so none misses what was said meanwhile.
pub async fn listen(app: &App) -> Result<(), crate::AppError> {
    let Some(mut listener) = pepite_store::support::live::listen(&app.db).await? else {
        return Ok(());
    };
    let live = app.support_live.clone();
    let mut closing = live.closing();
    tokio::spawn(async move {
        loop {
            // At shutdown the listener lets go of its connection, so the pool can close.
            let heard = tokio::select! {
                heard = listener.try_recv() => heard,
                _ = closing.wait_for(|c| *c) => return,
            };
            match heard {
                Ok(Some(n)) => match n.payload().parse::<i64>() {
                    Ok(id) => live.ring(id),
                    Err(_) => tracing::warn!(payload = n.payload(), "odd support notification"),
                },
                // The connection was lost and is being re-established.
                Ok(None) => live.ring_all(),
                Err(e) => {
                    tracing::warn!(error = %e, "support listener failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    live.ring_all();
                }
            }
        }
    });
    Ok(())
}
