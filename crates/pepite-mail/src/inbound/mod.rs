//! The inbound SMTP listener of customer service (S1): `pepite serve --inbound-smtp ADDR`
//! takes mail for the support address and its `+token` variants from the shop's mail relay
//! and hands each one, raw, with its envelope, to `pepite_app::support::inbound`, which stores
//! it before the listener answers 250. No authentication and no TLS: it listens where only
//! the relay reaches it (loopback or a private network), as a relay's next hop does.

mod session;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use pepite_app::App;
use pepite_app::support::inbound::{MAIL_MAX_BYTES, SupportAddress};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Connections served at once; more wait to be accepted, as a busy server makes them.
const CONNECTIONS: usize = 256;

/// What the listener answers for.
#[derive(Debug, Clone)]
pub struct InboundConfig {
    pub support: SupportAddress,
    /// Mail larger than this gets 552.
    pub max_bytes: usize,
    /// A client silent this long is dropped (421).
    pub idle: Duration,
    /// The name in the greeting.
    pub hostname: String,
}

impl InboundConfig {
    pub fn new(support: SupportAddress) -> Self {
        InboundConfig {
            hostname: support
                .address()
                .rsplit('@')
                .next()
                .unwrap_or("")
                .to_owned(),
            support,
            max_bytes: MAIL_MAX_BYTES,
            idle: Duration::from_secs(300),
        }
    }
}

/// A running listener; dropping it stops accepting (sessions under way finish).
pub struct Inbound {
    pub address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Inbound {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Inbound {
    /// Binds `address` (port 0 picks a free one) and serves until dropped.
    pub async fn start(
        address: SocketAddr,
        app: App,
        config: InboundConfig,
    ) -> std::io::Result<Inbound> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let config = Arc::new(config);
        let slots = Arc::new(Semaphore::new(CONNECTIONS));
        let task = tokio::spawn(async move {
            loop {
                let Ok(permit) = slots.clone().acquire_owned().await else {
                    return;
                };
                let (stream, peer) = match listener.accept().await {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        tracing::warn!(error = %e, "inbound SMTP accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let (app, config) = (app.clone(), config.clone());
                tokio::spawn(async move {
                    if let Err(e) = session::run(stream, &app, &config).await {
                        tracing::debug!(%peer, error = %e, "inbound SMTP session ended");
                    }
                    drop(permit);
                });
            }
        });
        tracing::info!(%address, "inbound SMTP is listening");
        Ok(Inbound { address, task })
    }
}
