//! Turning the command line into running parts: logs, the database, the application.

use std::sync::Arc;

use anyhow::Context;
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::policy::Policy;
use pepite_store::Db;

use crate::cli::{ClockMode, Global, LogFormat, PaymentsMode};

pub fn init_tracing(g: &Global) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PEPITE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match g.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

/// The database URL in force: the flag, or SQLite in the data folder.
pub fn database_url(g: &Global) -> anyhow::Result<String> {
    match &g.database_url {
        Some(url) => Ok(url.clone()),
        None => {
            std::fs::create_dir_all(&g.data_dir).with_context(|| {
                format!("cannot create the data folder {}", g.data_dir.display())
            })?;
            Ok(format!(
                "sqlite://{}",
                g.data_dir.join("pepite.db").display()
            ))
        }
    }
}

/// Opens and migrates the database.
pub async fn open_database(g: &Global) -> anyhow::Result<Db> {
    let url = database_url(g)?;
    let db = Db::connect_with(&url, g.db_connections)
        .await
        .with_context(|| format!("cannot open the database {}", pepite_store::redact(&url)))?;
    db.migrate().await.context("cannot migrate the database")?;
    Ok(db)
}

/// The payment provider the configuration names; Stripe refuses to start without its keys.
pub fn payments(g: &Global) -> anyhow::Result<Arc<dyn pepite_app::PaymentProvider>> {
    let (kind, stripe) = match g.payments {
        PaymentsMode::Sandbox => ("sandbox", None),
        PaymentsMode::Stripe => (
            "stripe",
            Some(pepite_payments::StripeConfig {
                api_base: g.stripe_api_base.clone(),
                secret_key: g.stripe_secret_key.clone().unwrap_or_default(),
                webhook_secret: g.stripe_webhook_secret.clone().unwrap_or_default(),
                ..Default::default()
            }),
        ),
    };
    pepite_payments::from_config(kind, stripe).map_err(anyhow::Error::msg)
}

/// The application over an open database.
pub fn build_app(g: &Global, db: Db) -> anyhow::Result<App> {
    let clock = match g.clock {
        ClockMode::System => Clock::System,
        ClockMode::Manual => Clock::Manual,
    };
    Ok(App::new(
        db,
        clock,
        Arc::new(LocalFiles::new(g.data_dir.join("files"))),
        Policy::marketplace(),
    )
    .with_payments(payments(g)?))
}
