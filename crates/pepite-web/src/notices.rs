//! Stored notifications as pages and the API show them again: each row composed anew in its
//! recipient's language from its *redacted* notice. A row still waiting to be sent holds a
//! working link (password reset) or a whole gift-card code; neither its recipient's history
//! nor the staff's mailbox (admins included, embedded mode included) may hand it out, or
//! reading a page would be enough to take over an account.

use pepite_app::notify::{Compose, Message, Notice};
use pepite_domain::account::Language;
use pepite_store::notifications::NotificationRow;

use crate::emails::Composer;

/// Composes stored rows with links to the site's public address.
pub struct Reader {
    composer: Composer,
}

impl Reader {
    pub fn new(public_url: &str) -> Self {
        Reader {
            composer: Composer::new(public_url),
        }
    }

    /// The message of `row` without its secrets, or None when its stored parameters cannot
    /// be read any more (logged; lists still show the row by its kind).
    pub fn message(&self, row: &NotificationRow) -> Option<Message> {
        let language = Language::parse(&row.language).unwrap_or_default();
        let composed = Notice::from_json(&row.params)
            .map_err(|e| e.to_string())
            .and_then(|n| self.composer.compose(language, &n.redacted()));
        match composed {
            Ok(message) => Some(message),
            Err(e) => {
                tracing::warn!(id = row.id, error = %e, "a stored notification cannot be shown");
                None
            }
        }
    }

    /// The subject line of `row` in its recipient's language.
    pub fn subject(&self, row: &NotificationRow) -> Option<String> {
        self.message(row).map(|m| m.subject)
    }
}
