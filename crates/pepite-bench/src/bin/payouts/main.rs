//! `pepite-bench-payouts`: the payout benchmarks of issue 10 (P1), run against a database
//! prepared by `pepite demo` (see `scripts/bench-payouts.sh`):
//! - `release`: N delivered order lines whose return window closes at one instant, released
//!   by the window timer (target: 100,000 in under 10 s);
//! - then a payout run paying every shop (one per 10 lines, so 10,000 shops for 100,000
//!   lines), timed to its `pain.001` file (target: under 5 s).
//!
//! Prints one JSON line per scenario.

mod seed;

use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::account::Role;
use pepite_domain::policy::Policy;
use pepite_store::Db;

#[derive(Parser)]
#[command(about = "Payout benchmarks for Pépite: the window timer and a payout run")]
struct Cli {
    #[arg(long)]
    database_url: String,
    /// Delivered order lines whose window closes at once (10 per shop).
    #[arg(long, default_value_t = 100_000)]
    lines: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let db = Db::connect(&cli.database_url).await?;
    db.migrate().await?;
    let files = Arc::new(LocalFiles::new(
        std::env::temp_dir().join("pepite-bench-files"),
    ));
    let sandbox = Arc::new(pepite_payments::Sandbox::new(db.clone()));
    let app = App::new(db, Clock::Manual, files, Policy::marketplace(), sandbox);
    let shops = cli.lines.div_ceil(seed::LINES_PER_SHOP);
    let sellers = seed::delivered_lines(&app, shops).await?;
    // The window closes for every line at this instant.
    let window = app.policy_now().await?.return_window_days;
    pepite_store::clock::advance(&app.db, window * 86_400_000_000).await?;
    let start = Instant::now();
    let released = pepite_app::payouts::release_due(&app).await?;
    let seconds = start.elapsed().as_secs_f64();
    let (total, unbalanced) = pepite_store::commerce::ledger::audit(&app.db).await?;
    println!(
        "{{\"scenario\":\"payable_release\",\"lines\":{},\"released\":{released},\"seconds\":{seconds:.2},\"ledger_unbalanced\":{unbalanced},\"ledger_total\":{total}}}",
        shops * seed::LINES_PER_SHOP
    );
    seed::payout_accounts(&app, &sellers).await?;
    let finance = seed::finance(&app).await?;
    anyhow::ensure!(finance.has(Role::Finance));
    let start = Instant::now();
    let run = pepite_app::payouts::run_payout(&app, &finance).await?;
    let seconds = start.elapsed().as_secs_f64();
    let (_, xml) = pepite_app::payouts::file(&app, &finance, run.run.id).await?;
    println!(
        "{{\"scenario\":\"payout_run\",\"shops\":{},\"transfers\":{},\"total_cents\":{},\"file_bytes\":{},\"seconds\":{seconds:.2}}}",
        sellers.len(),
        run.run.transfers,
        run.run.total_cents,
        xml.len()
    );
    Ok(())
}
