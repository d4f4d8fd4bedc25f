//! Sorting lettre's errors into "try again later" and "give up on this message".

use lettre::transport::smtp::Error;

use pepite_app::mail::MailError;

/// Replies about authentication (RFC 4954). They are permanent for the server but say nothing
/// about the message: once the credentials are fixed, the same message goes through.
const AUTHENTICATION_CODES: [u16; 4] = [530, 534, 535, 538];

/// Only a permanent (5xx) reply about the message itself is `Rejected`. Everything else is
/// `Unavailable`: refused or reset connections, timeouts, 4xx replies, TLS failures and what
/// lettre calls client errors (no common AUTH mechanism, no STARTTLS), which are about the
/// server or our configuration and heal when that is fixed. Retrying is bounded by the outbox;
/// a wrong `Rejected` would silently drop mail.
pub(super) fn classify(error: &Error) -> MailError {
    let code = error.status().map(u16::from);
    let text = error.to_string();
    match code {
        Some(code) if error.is_permanent() && !AUTHENTICATION_CODES.contains(&code) => {
            MailError::Rejected(text)
        }
        Some(code) if AUTHENTICATION_CODES.contains(&code) => MailError::Unavailable(format!(
            "the SMTP server refused our credentials ({text}); check the SMTP URL"
        )),
        _ => MailError::Unavailable(text),
    }
}
