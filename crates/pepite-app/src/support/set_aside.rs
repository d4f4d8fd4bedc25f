//! Mails set aside (S1): what the inbound listener took but did not thread (an auto-reply, a
//! bounce, a mailing, a flood, something unreadable or empty), listed for customer service
//! with why. A person's real message can look automatic (an out-of-office line left in a
//! reply) or come in a burst: staff thread such a mail anyway, by compare-and-set on the
//! reason they read, and it lands in its conversation like any other.

use mail_parser::MessageParser;
use pepite_domain::account::Role;
use pepite_store::support::inbound::{self as store, InboundRow};

use super::inbound::{self, Outcome, sender};
use crate::accounts::Principal;
use crate::{App, AppError};

/// The reasons staff may overrule: the others leave nothing to thread.
pub const RELEASABLE: &[&str] = &["bounce", "auto_reply", "bulk", "rate_limited"];
/// The most mails the list shows.
const LISTED: i64 = 100;
/// The longest subject shown, in characters.
const SUBJECT_SHOWN: usize = 120;

/// A mail set aside, as the list shows it.
#[derive(Debug, Clone)]
pub struct SetAside {
    pub id: i64,
    /// The From address, or the envelope sender when the mail has none.
    pub from: String,
    pub subject: String,
    /// `bounce`, `auto_reply`, `bulk`, `rate_limited`, `unreadable`, `no_sender` or `empty`.
    pub reason: String,
    pub received_at: i64,
}

impl SetAside {
    fn of(row: InboundRow) -> SetAside {
        // Only the headers are read (the list holds the start of each mail).
        let mail = MessageParser::default().parse_headers(&row.raw);
        let from = mail.as_ref().and_then(sender).unwrap_or(row.mail_from);
        let subject = mail
            .as_ref()
            .and_then(|m| m.subject())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(SUBJECT_SHOWN)
            .collect();
        SetAside {
            id: row.id,
            from,
            subject,
            reason: row.reason.unwrap_or_default(),
            received_at: row.received_at,
        }
    }

    /// Whether staff may thread it anyway.
    pub fn releasable(&self) -> bool {
        RELEASABLE.contains(&self.reason.as_str())
    }
}

/// The mails set aside, newest first (customer service).
pub async fn list(app: &App, who: &Principal) -> Result<Vec<SetAside>, AppError> {
    who.require(Role::CustomerService)?;
    let rows = store::ignored(&app.db, LISTED).await?;
    Ok(rows.into_iter().map(SetAside::of).collect())
}

/// S1: threads a mail set aside for `reason` as it is; the conversation it landed in.
/// Refused (`mail_not_set_aside`) when it is not set aside for that reason any more, or
/// for one staff may not overrule.
pub async fn release(app: &App, who: &Principal, id: i64, reason: &str) -> Result<i64, AppError> {
    who.require(Role::CustomerService)?;
    store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    if !RELEASABLE.contains(&reason) || !store::release(&app.db, id, reason, now).await? {
        return Err(AppError::Conflict("mail_not_set_aside"));
    }
    match inbound::thread(app, id).await? {
        Outcome::Threaded(conversation) => Ok(conversation),
        // Released, it can only end up empty now; it is back on the list, saying so.
        Outcome::Ignored(_) => Err(AppError::Conflict("mail_not_set_aside")),
        // Another process took it first: it is threading it.
        Outcome::Elsewhere => Err(AppError::Conflict("mail_threading")),
    }
}
