//! The `Mailer` port: what notifications need from a way of sending e-mail.

use crate::model::{Email, MailError};

/// Sends e-mail. Delivery is at least once: the outbox calls `send` again after a crash or an
/// `Unavailable` error, and the stable Message-ID lets mail clients fold the duplicates.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// "smtp" or "mailbox".
    fn name(&self) -> &'static str;

    /// Hands one e-mail over; `Ok` means the server accepted it (or, embedded, that nothing
    /// had to be done).
    async fn send(&self, email: &Email) -> Result<(), MailError>;
}
