//! What is sent and what can go wrong, independent of how it is sent.

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
