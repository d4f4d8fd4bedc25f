//! The embedded mode, for running Pépite without a mail server: nothing leaves the machine.

use crate::model::{Email, MailError};
use crate::port::Mailer;

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
