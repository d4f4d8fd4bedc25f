//! E-mail adapters of `pepite-app`'s `Mailer` port: `Smtp` (lettre over rustls, pooled), the
//! embedded `Mailbox`, which sends nothing because the outbox rows are what staff read, and
//! the demo's `LoggedMailbox`. `inbound` is the other direction: the SMTP listener that takes
//! customer service's mail.

pub mod inbound;
mod mailbox;
mod smtp;

use std::sync::Arc;

pub use mailbox::{LoggedMailbox, Mailbox};
use pepite_app::mail::{MailError, Mailer};
pub use smtp::Smtp;

/// The mailer named by configuration: SMTP when a URL is given, the embedded mailbox otherwise.
/// `from` is checked in both modes, so a bad sender shows at start-up, not on the day SMTP is
/// switched on.
pub fn from_config(smtp_url: Option<&str>, from: &str) -> Result<Arc<dyn Mailer>, MailError> {
    match smtp_url {
        Some(url) => Ok(Arc::new(Smtp::from_url(url, from)?)),
        None => {
            smtp::sender(from)?;
            Ok(Arc::new(Mailbox))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = "Pépite <no-reply@pepite.localhost>";

    #[test]
    fn config_picks_the_mailer() {
        assert_eq!(from_config(None, FROM).unwrap().name(), "mailbox");
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://shop:s3cret@mail.example.com:587?tls=required",
            "smtps://shop:s3cret@mail.example.com:465",
        ] {
            assert_eq!(
                from_config(Some(url), FROM).unwrap().name(),
                "smtp",
                "{url}"
            );
        }
    }

    #[test]
    fn bad_senders_are_rejected_in_both_modes() {
        for from in ["", "no-reply", "Pépite <no-reply@>"] {
            for url in [None, Some("smtp://127.0.0.1:2525")] {
                assert!(
                    matches!(from_config(url, from), Err(MailError::Rejected(_))),
                    "{from:?} was accepted with {url:?}"
                );
            }
        }
    }
}
