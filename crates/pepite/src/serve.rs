//! `pepite serve`: bind, serve until SIGINT/SIGTERM, then finish in-flight requests.

use std::net::SocketAddr;

use anyhow::Context;
use pepite_web::WebConfig;
use tokio::net::TcpListener;

use crate::cli::{Global, ServeArgs};
use crate::{demo, setup, workers};

pub async fn run(g: &Global, args: &ServeArgs) -> anyhow::Result<()> {
    let db = setup::open_database(g).await?;
    let app = setup::build_app(g, db.clone()).await?;
    let mut config = WebConfig {
        public_url: g
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.listen)),
        trusted_proxies: args.trust_proxy.then(|| args.trusted_proxies.clone()),
        demo_accounts: vec![],
        metrics_token: args.metrics_token.clone(),
    };
    if args.demo {
        config.demo_accounts = demo::ensure_demo_shop(&app).await?;
        print_demo_accounts(&config.demo_accounts);
    }
    let warm = db.clone();
    tokio::spawn(async move {
        if let Err(e) = pepite_store::catalog::warm_index(&warm).await {
            tracing::warn!(error = %e, "could not load the catalogue index at start-up");
        }
    });
    let workers = if args.no_workers {
        None
    } else {
        Some(workers::spawn(g, &app, &config.public_url, args.demo)?)
    };
    let _inbound = match args.inbound_smtp {
        Some(address) => {
            let config = pepite_mail::inbound::InboundConfig::new(g.support_address.clone());
            let inbound = pepite_mail::inbound::Inbound::start(address, app.clone(), config)
                .await
                .with_context(|| format!("cannot take e-mail on {address}"))?;
            println!(
                "Customer service takes e-mail for {} on {}.",
                g.support_address.address(),
                inbound.address
            );
            Some(inbound)
        }
        None => None,
    };
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    if let Some(address) = args.metrics_listen {
        serve_metrics(address, args.metrics_token.clone()).await?;
    }
    // S1: chats open here hear messages written on any instance.
    pepite_app::support::live::listen(&app).await?;
    let chats = app.support_live.clone();
    let public = config.public_url.clone();
    let router = pepite_web::router(app, config);
    tracing::info!(address = %args.listen, backend = ?db.backend(), "Pépite is serving");
    println!("Pépite is open at {public} (API docs at {public}/api/docs). Press Ctrl+C to stop.");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Open chats end, or the server would wait on them forever.
        chats.close();
    })
    .await?;
    if let Some(w) = workers {
        w.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `/metrics` on a listener of its own, until the process ends.
async fn serve_metrics(address: SocketAddr, token: Option<String>) -> anyhow::Result<()> {
    let listener = TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen for metrics on {address}"))?;
    tracing::info!(%address, "metrics are served on their own address");
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, pepite_web::ops::metrics_router(token)).await {
            tracing::warn!(error = %e, "the metrics listener stopped");
        }
    });
    Ok(())
}

fn print_demo_accounts(accounts: &[(String, String)]) {
    println!("\nDemo accounts (e-mail / password):");
    for (email, password) in accounts {
        println!("  {email:<32} {password}");
    }
    println!();
}

/// Resolves on Ctrl+C or SIGTERM (what `docker stop` and systemd send).
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
