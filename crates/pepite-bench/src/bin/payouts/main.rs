//! `pepite-bench-payouts`: the payout benchmarks of issue 10 (P1), run against a database
//! prepared by `pepite demo` (see `scripts/bench-payouts.sh`):
//! - `release`: N delivered order lines whose return window closes at one instant, released
//!   by the window timer (target: 100,000 in under 10 s);
//! - then a payout run paying every shop (one per 10 lines, so 10,000 shops for 100,000
//!   lines), timed to its `pain.001` file (target: under 5 s);
//! - `refunds`: one line refunded in each of M other delivered orders paid by card, through
//!   R5's use case and the sandbox provider (credit note, ledger, notice, provider refund),
//!   by 1 and by 8 concurrent callers: refunds per second.
//!
//! Prints one JSON line per scenario.

mod seed;

use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use pepite_app::refunds::{RefundAsk, refund_lines};
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
    /// Orders paid by card with one line refunded each, per concurrency level.
    #[arg(long, default_value_t = 1_000)]
    refunds: usize,
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
    let sellers = seed::delivered_lines(&app, shops).await?.shops;
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
    for callers in [1, 8] {
        refunds(&app, cli.refunds, callers).await?;
    }
    Ok(())
}

/// R5: `n` orders paid by card, one line of each refunded by `callers` concurrent callers.
async fn refunds(app: &App, n: usize, callers: usize) -> anyhow::Result<()> {
    // A new instant: the seeded shops' names and the order numbers are made from it.
    pepite_store::clock::advance(&app.db, 1_000_000).await?;
    let orders = seed::delivered_lines(app, n).await?.orders;
    seed::card_payments(app, &orders).await?;
    let mut firsts = Vec::with_capacity(orders.len());
    for &order_id in &orders {
        let line = pepite_store::commerce::orders::lines(&app.db, order_id).await?;
        firsts.push((order_id, line[0].piece_id));
    }
    let queue = Arc::new(std::sync::Mutex::new(firsts));
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..callers {
        let (app, queue) = (app.clone(), queue.clone());
        workers.spawn(async move {
            let mut made = 0usize;
            loop {
                let next = queue.lock().expect("queue").pop();
                let Some((order_id, piece)) = next else {
                    return Ok::<usize, anyhow::Error>(made);
                };
                let pieces = [piece];
                let dedupe = format!("bench-return:{order_id}");
                let ask = RefundAsk {
                    order_id,
                    pieces: &pieces,
                    with_fees: false,
                    deduct_cents: 0,
                    reason: "return",
                    dedupe: &dedupe,
                };
                let done = refund_lines(&app, &ask).await?;
                anyhow::ensure!(done.refunded, "the sandbox refunded order {order_id}");
                made += 1;
            }
        });
    }
    let mut made = 0;
    while let Some(worker) = workers.join_next().await {
        made += worker??;
    }
    let seconds = start.elapsed().as_secs_f64();
    let (_, unbalanced) = pepite_store::commerce::ledger::audit(&app.db).await?;
    println!(
        "{{\"scenario\":\"refunds\",\"callers\":{callers},\"refunds\":{made},\"seconds\":{seconds:.2},\"per_second\":{:.0},\"ledger_unbalanced\":{unbalanced}}}",
        made as f64 / seconds
    );
    Ok(())
}
