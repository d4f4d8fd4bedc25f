//! The embedded mode, for running Pépite without a mail server: nothing leaves the machine.

use pepite_app::mail::{Email, MailError, Mailer};

/// Sends nothing and always succeeds: the outbox rows themselves are the mailbox that staff
/// read in the back office, so there is nothing else to keep.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mailbox;

#[async_trait::async_trait]
impl Mailer for Mailbox {
    fn name(&self) -> &'static str {
        "mailbox"
    }

    async fn send(&self, _email: &Email) -> Result<(), MailError> {
        Ok(())
    }
}

/// The embedded mailbox of a demo: nothing leaves either, but each message's links are written
/// to the server's log. Staff only ever see messages without their secrets, so without this a
/// demo could not follow a password reset or an e-mail verification; the log is the operator's,
/// and only `pepite serve --demo` uses it.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoggedMailbox;

#[async_trait::async_trait]
impl Mailer for LoggedMailbox {
    fn name(&self) -> &'static str {
        Mailbox.name()
    }

    async fn send(&self, email: &Email) -> Result<(), MailError> {
        for link in links(&email.text) {
            tracing::info!(to = %email.to, subject = %email.subject, %link, "demo mail kept in the mailbox; its link");
        }
        Ok(())
    }
}

/// The web addresses of a plain-text body.
fn links(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_the_web_addresses_of_the_text() {
        let text = "Hello,\nreset it here: http://127.0.0.1:8080/account/reset?token=abc\n\nor https://x.fr/a\n";
        let found: Vec<_> = links(text).collect();
        assert_eq!(
            found,
            [
                "http://127.0.0.1:8080/account/reset?token=abc",
                "https://x.fr/a"
            ]
        );
    }
}
