//! The `Mailer` port: what notifications need from a way of sending e-mail, and what they
//! hand it. The adapters (SMTP through lettre, the embedded mailbox) live in `pepite-mail`,
//! which depends on this crate, not the other way round.

/// Messages the outbox hands over at once. Sending is bound by round trips, not by work, so
/// throughput comes from having many in flight; the SMTP adapter keeps as many connections
/// open to its server.
pub const IN_FLIGHT: usize = 32;

/// One e-mail to one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Stable per notification, e.g. "<notification-42@pepite.local>": a resend after a crash
    /// carries the same Message-ID, so mail clients can fold duplicates.
    pub message_id: String,
    /// The recipient's address, e.g. "claire@example.fr" or "Claire <claire@example.fr>".
    pub to: String,
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body, sent with `text` as multipart/alternative.
    pub html: String,
    pub attachments: Vec<Attachment>,
    /// Where answers go when it is not the sender, e.g. a conversation's reply address.
    pub reply_to: Option<String>,
    /// The Message-IDs this e-mail follows, with their angle brackets: the last one as
    /// In-Reply-To, all as References, so mail clients thread it and answers name it.
    pub references: Vec<String>,
}

/// A file sent with an e-mail (an invoice PDF, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    /// A MIME type, e.g. "application/pdf".
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Why an e-mail was not sent. The outbox retries `Unavailable` and gives up on `Rejected`.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// Try again later: connection refused/reset, timeout, SMTP 4xx.
    #[error("mail server unavailable: {0}")]
    Unavailable(String),
    /// Will never succeed as is: SMTP 5xx, invalid address, message that cannot be built.
    #[error("message refused: {0}")]
    Rejected(String),
}

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

#[cfg(test)]
mod tests {
    /// Issue 9, item 11: the ports are the app's, and the adapters' crates depend on the app.
    #[test]
    fn the_app_does_not_depend_on_its_adapters() {
        let manifest = include_str!("../Cargo.toml");
        let dependencies = manifest
            .split("\n[dependencies]\n")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .expect("a [dependencies] table");
        for adapters in ["pepite-mail", "pepite-payments", "pepite-files"] {
            assert!(
                !dependencies.contains(adapters),
                "pepite-app must not depend on {adapters}:\n{dependencies}"
            );
        }
    }
}
