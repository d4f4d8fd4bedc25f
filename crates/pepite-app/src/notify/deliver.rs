//! Sending the outbox (E2): due messages are claimed under a lease, rendered, sent a few at a
//! time, then marked sent. A mail server that is away means "try again later", with backoff;
//! a message refused for good, or tried too often, is parked for staff.
//!
//! Exactly once is what the outbox guarantees up to the mail server: one row per event and
//! person, one sender at a time per row. If a sender dies after the server took a message but
//! before it is marked sent, the lease ends and it is sent again, with the same Message-ID.

use std::sync::Arc;

use crate::mail::{Attachment, Email, IN_FLIGHT, MailError, Mailer};
use pepite_domain::account::Language;
use pepite_store::notifications::{self as store, NotificationRow};

use super::{Compose, Notice};
use crate::jobs::backoff;
use crate::support::inbound::{self, SupportAddress};
use crate::{App, AppError};

/// How long a claimed message is this sender's: longer than an SMTP attempt's timeout.
const LEASE_US: i64 = 60_000_000;
/// Messages claimed per round, and sent at once: an SMTP conversation is a handful of round
/// trips with little work, so throughput comes from having many in flight (one per pooled
/// connection).
const BATCH: i64 = 200;
/// While the server is away: 30 s, 1 min, 2 min… capped at 1 h; about a day in all.
const FIRST_RETRY_US: i64 = 30_000_000;
const MAX_RETRY_US: i64 = 3_600_000_000;
const MAX_ATTEMPTS: i64 = 30;

/// The outbox sender of one process.
#[derive(Clone)]
pub struct Sender {
    app: App,
    mailer: Arc<dyn Mailer>,
    composer: Arc<dyn Compose>,
    /// Names this process in leases.
    worker: String,
    /// The domain of Message-IDs (the site's host).
    host: String,
    /// Customer service's address, for the reply address of its answers.
    support: Option<SupportAddress>,
}

impl Sender {
    pub fn new(
        app: App,
        mailer: Arc<dyn Mailer>,
        composer: Arc<dyn Compose>,
        worker: &str,
        host: &str,
    ) -> Self {
        Sender {
            app,
            mailer,
            composer,
            worker: worker.to_owned(),
            host: host.to_owned(),
            support: None,
        }
    }

    /// Sets the address customer service's answers come back to (`support+token@…`).
    pub fn with_support_address(mut self, address: SupportAddress) -> Self {
        self.support = Some(address);
        self
    }

    /// S1: an answer in a conversation names it in its Message-ID and References (so a reply
    /// threads even when sent to the plain support address) and asks for replies at the
    /// conversation's own address.
    fn thread(&self, email: &mut Email, token: &str, id: i64) {
        let conversation = inbound::conversation_message_id(token, &self.host);
        email.message_id = inbound::answer_message_id(token, id, &self.host);
        email.references = vec![conversation];
        email.reply_to = self.support.as_ref().map(|s| s.reply_address(token));
    }

    /// S1/E1: the files of a support answer, sent with its e-mail so that a person who
    /// reads it away from the site has them too. A file store that cannot be read now is
    /// tried again later, like a mail server that is away.
    async fn support_files(&self, message: i64) -> Result<Vec<Attachment>, MailError> {
        let rows = pepite_store::support::attachments::of_message(&self.app.db, message)
            .await
            .map_err(|e| MailError::Unavailable(format!("reading attachments: {e}")))?;
        let mut files = Vec::with_capacity(rows.len());
        for row in rows {
            let bytes = self
                .app
                .files
                .get(&row.storage_key)
                .await
                .map_err(|e| MailError::Unavailable(format!("reading an attachment: {e}")))?
                .ok_or_else(|| MailError::Rejected(format!("attachment {} missing", row.id)))?;
            files.push(Attachment {
                filename: row.file_name,
                content_type: row.content_type,
                bytes,
            });
        }
        Ok(files)
    }

    /// Sends what is due, one batch; returns how many messages were claimed.
    pub async fn send_due(&self) -> Result<usize, AppError> {
        let now = self.app.now_us().await?;
        let claimed = store::claim(&self.app.db, &self.worker, now, now + LEASE_US, BATCH).await?;
        let count = claimed.len();
        let mut rows = claimed.into_iter();
        let mut running = tokio::task::JoinSet::new();
        loop {
            while running.len() < IN_FLIGHT {
                let Some(row) = rows.next() else { break };
                let sender = self.clone();
                running.spawn(async move { sender.send_one(row).await });
            }
            match running.join_next().await {
                Some(done) => {
                    if let Ok(Err(e)) = done {
                        tracing::warn!(error = %e, "recording a notification's outcome failed");
                    }
                }
                None => break,
            }
        }
        Ok(count)
    }

    async fn send_one(&self, row: NotificationRow) -> Result<(), AppError> {
        let notice = Notice::from_json(&row.params);
        let language = Language::parse(&row.language).unwrap_or(Language::Fr);
        let message = notice
            .as_ref()
            .map_err(|e| e.to_string())
            .and_then(|n| self.composer.compose(language, n));
        let outcome = match message {
            Ok(m) => {
                let mut email = Email {
                    message_id: format!("<notification-{}@{}>", row.id, self.host),
                    to: row.to_address.clone(),
                    subject: m.subject,
                    text: m.text,
                    html: m.html,
                    attachments: m.attachments,
                    reply_to: None,
                    references: Vec::new(),
                };
                if let Some(token) = notice.as_ref().ok().and_then(Notice::support_thread) {
                    self.thread(&mut email, token, row.id);
                }
                match notice.as_ref().ok().and_then(Notice::support_files) {
                    Some(message) => match self.support_files(message).await {
                        Ok(files) => {
                            email.attachments.extend(files);
                            self.mailer.send(&email).await
                        }
                        Err(e) => Err(e),
                    },
                    None => self.mailer.send(&email).await,
                }
            }
            Err(e) => Err(MailError::Rejected(format!("cannot render: {e}"))),
        };
        let now = self.app.now_us().await?;
        match outcome {
            Ok(()) => {
                // Secrets are dropped once delivered, the embedded mailbox included: nobody
                // but the addressee may read a live link or code, and staff read these rows.
                let kept = match &notice {
                    Ok(n) => serde_json::to_string(&n.redacted())
                        .map_err(|e| AppError::Internal(e.to_string()))?,
                    Err(_) => row.params.clone(),
                };
                store::mark_sent(
                    &self.app.db,
                    &row,
                    &self.worker,
                    self.mailer.name(),
                    &kept,
                    now,
                )
                .await?;
            }
            Err(MailError::Unavailable(e)) => {
                let dead = row.attempts >= MAX_ATTEMPTS;
                let retry_at = now + backoff(FIRST_RETRY_US, MAX_RETRY_US, row.attempts);
                tracing::info!(id = row.id, attempts = row.attempts, error = %e, "mail server away; will retry");
                store::mark_failed(&self.app.db, &row, &self.worker, &e, retry_at, dead).await?;
            }
            Err(MailError::Rejected(e)) => {
                tracing::warn!(id = row.id, error = %e, "notification refused; parked for staff");
                store::mark_failed(&self.app.db, &row, &self.worker, &e, now, true).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e2_retries_back_off_from_thirty_seconds_to_an_hour() {
        let wait = |attempts| backoff(FIRST_RETRY_US, MAX_RETRY_US, attempts);
        assert_eq!(wait(1), 30_000_000);
        assert_eq!(wait(2), 60_000_000);
        assert_eq!(wait(3), 120_000_000);
        assert_eq!(wait(8), MAX_RETRY_US);
        assert_eq!(wait(30), MAX_RETRY_US);
    }
}
