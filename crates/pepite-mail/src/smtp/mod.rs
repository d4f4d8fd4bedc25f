//! SMTP through lettre: asynchronous on Tokio, TLS by rustls, pooled connections.

mod errors;
mod message;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub(crate) use message::sender;

use pepite_app::mail::{Email, IN_FLIGHT, MailError, Mailer};

/// How long opening a connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one whole send may take. lettre bounds only the connect on Tokio: a server that
/// accepts and then stops answering would otherwise hold the outbox forever.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Sends e-mail to an SMTP server, reusing its connections.
pub struct Smtp {
    builder: AsyncSmtpTransportBuilder,
    from: lettre::message::Mailbox,
    /// Built on first use, because lettre's pool starts a Tokio task and `from_url` may run
    /// before the runtime does. Dropped after a timeout: lettre would put the cancelled
    /// connection back in the pool mid-conversation, and the next send would wait on it.
    transport: Mutex<Option<Arc<Transport>>>,
    send_timeout: Duration,
    /// The URL without its password, for `Debug`.
    shown_url: String,
}

/// Connections kept open to the server: one per message the outbox keeps in flight.
const POOL_SIZE: u32 = IN_FLIGHT as u32;

impl Smtp {
    /// `url` is "smtp://host:port" (plain, for a local server),
    /// "smtp://user:pass@host:587?tls=required" (STARTTLS) or "smtps://user:pass@host:465" (TLS
    /// from the start); user and password are percent-encoded. `from` is a mailbox like
    /// "Pépite <no-reply@pepite.localhost>".
    pub fn from_url(url: &str, from: &str) -> Result<Smtp, MailError> {
        let shown_url = without_password(url);
        let builder = Transport::from_url(url)
            .map_err(|e| MailError::Rejected(format!("invalid SMTP URL {shown_url}: {e}")))?
            .timeout(Some(CONNECT_TIMEOUT))
            .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(POOL_SIZE));
        Ok(Smtp {
            builder,
            from: sender(from)?,
            transport: Mutex::new(None),
            send_timeout: SEND_TIMEOUT,
            shown_url,
        })
    }

    fn transport(&self) -> Arc<Transport> {
        let mut slot = self.transport.lock().unwrap_or_else(|e| e.into_inner());
        slot.get_or_insert_with(|| Arc::new(self.builder.clone().build()))
            .clone()
    }

    fn forget(&self, transport: &Arc<Transport>) {
        let mut slot = self.transport.lock().unwrap_or_else(|e| e.into_inner());
        // Another send may already have replaced it; that one is healthy as far as we know.
        if slot.as_ref().is_some_and(|t| Arc::ptr_eq(t, transport)) {
            *slot = None;
        }
    }
}

#[async_trait::async_trait]
impl Mailer for Smtp {
    fn name(&self) -> &'static str {
        "smtp"
    }

    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let message = message::build(&self.from, email)?;
        let transport = self.transport();
        match tokio::time::timeout(self.send_timeout, transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(errors::classify(&e)),
            Err(_) => {
                self.forget(&transport);
                Err(MailError::Unavailable(format!(
                    "{} did not answer within {} s",
                    self.shown_url,
                    self.send_timeout.as_secs_f32()
                )))
            }
        }
    }
}

impl fmt::Debug for Smtp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Smtp")
            .field("url", &self.shown_url)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// The URL with "***" for its password, fit for logs and error messages.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        None => url.to_owned(),
    }
}
