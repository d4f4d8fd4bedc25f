//! Turning the command line into running parts: logs, the database, the application.

use std::sync::Arc;

use anyhow::Context;
use pepite_app::{App, Clock, FileStore, LocalFiles};
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
pub fn payments(g: &Global, db: &Db) -> anyhow::Result<Arc<dyn pepite_app::PaymentProvider>> {
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
    pepite_payments::from_config(kind, stripe, db.clone()).map_err(anyhow::Error::msg)
}

/// Where photos are kept: the S3 bucket `--files-url` names (checked now, so a wrong address or
/// key stops the program here), or the data folder.
pub async fn file_store(g: &Global) -> anyhow::Result<Arc<dyn FileStore>> {
    let Some(url) = &g.files_url else {
        return Ok(Arc::new(LocalFiles::new(g.data_dir.join("files"))));
    };
    let s3 = pepite_files::S3Files::new(&pepite_files::S3Config {
        url: url.clone(),
        endpoint: g.files_endpoint.clone(),
        region: g.files_region.clone(),
        access_key_id: g.files_access_key_id.clone(),
        secret_access_key: g.files_secret_access_key.clone(),
    })
    .map_err(|e| anyhow::anyhow!("--files-url: {e}"))?;
    s3.check()
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach the photo bucket {url}: {e}"))?;
    Ok(Arc::new(s3))
}

/// The application over an open database.
pub async fn build_app(g: &Global, db: Db) -> anyhow::Result<App> {
    let clock = match g.clock {
        ClockMode::System => Clock::System,
        ClockMode::Manual => Clock::Manual,
    };
    let payments = payments(g, &db)?;
    // F4: the built-in sandbox carrier; real carriers come behind the same port.
    let carrier = pepite_app::carriers::SandboxCarrier::new(g.carrier_webhook_secret.clone());
    Ok(App::new(
        db,
        clock,
        file_store(g).await?,
        Policy::marketplace(),
        payments,
    )
    .with_carrier(Arc::new(carrier)))
}
