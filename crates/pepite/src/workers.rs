//! Background workers (jobs, timers, e-mail): inside `pepite serve` unless turned off, or on
//! their own with `pepite worker`. Any number may run against one database.

use std::sync::Arc;
use std::time::Duration;

use pepite_app::App;
use pepite_app::notify::deliver::Sender;
use rand::RngCore;

use crate::cli::Global;
use crate::setup;

/// How often idle workers look for due work; the app's bell wakes them sooner.
const POLL: Duration = Duration::from_secs(1);

/// Starts the workers of this process; abort the handle to stop them. In a `demo` without a
/// mail server, messages' links are written to the log (see `pepite_mail::LoggedMailbox`).
pub fn spawn(
    g: &Global,
    app: &App,
    public_url: &str,
    demo: bool,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let mut mailer = pepite_mail::from_config(g.smtp_url.as_deref(), &g.mail_from)?;
    if demo && g.smtp_url.is_none() {
        mailer = Arc::new(pepite_mail::LoggedMailbox);
    }
    let composer = Arc::new(pepite_web::emails::Composer::new(public_url));
    let worker = format!("{}-{:08x}", std::process::id(), rand::rng().next_u32());
    let host = host_of(public_url);
    tracing::info!(mailer = mailer.name(), %worker, "workers started");
    let sender = Sender::new(app.clone(), mailer, composer, &worker, &host)
        .with_support_address(g.support_address.clone());
    Ok(tokio::spawn(pepite_app::jobs::workers::run(
        app.clone(),
        sender,
        worker,
        POLL,
        std::future::pending(),
    )))
}

/// `pepite worker`: the workers alone, until SIGINT/SIGTERM.
pub async fn run_alone(g: &Global) -> anyhow::Result<()> {
    let db = setup::open_database(g).await?;
    let app = setup::build_app(g, db.clone()).await?;
    let public_url = g
        .public_url
        .clone()
        .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let workers = spawn(g, &app, &public_url, false)?;
    println!("Pépite workers are running. Press Ctrl+C to stop.");
    crate::serve::shutdown_signal().await;
    workers.abort();
    db.close().await;
    Ok(())
}

/// The host part of an address, for Message-IDs (`<notification-1@host>`).
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "pepite.localhost".to_owned()
    } else {
        host.to_owned()
    }
}
