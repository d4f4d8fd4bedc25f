//! `pepite-bench-notify`: the timer and outbox benchmarks of offers and notifications, run
//! against a database prepared by `pepite demo` (see `scripts/bench-notify.sh`):
//! - `expiry`: N offers falling due at one instant are expired and their notices queued;
//! - `outbox`: N queued messages rendered and sent to an SMTP server;
//! - `agree`: puts a running agreed price on a piece (for the piece-page comparison).
//!
//! Each prints one JSON line (`agree`: the two piece ids).

mod seed;

use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};
use pepite_app::notify::deliver::Sender;
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::policy::Policy;
use pepite_store::Db;

#[derive(Parser)]
#[command(about = "Timer and outbox benchmarks for Pépite")]
struct Cli {
    #[arg(long)]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Offers all falling due at the same instant, expired by the offers' timer job.
    Expiry {
        #[arg(long, default_value_t = 100_000)]
        offers: usize,
    },
    /// Messages queued, then sent through SMTP until none is left.
    Outbox {
        #[arg(long, default_value_t = 5_000)]
        messages: usize,
        #[arg(long)]
        smtp_url: String,
    },
    /// A running agreed price on the first listed piece (its current price becomes `cents`
    /// for 24 h); prints its id and that of the next listed piece, left at its list price.
    Agree {
        #[arg(long)]
        cents: i64,
    },
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
    let app = App::new(
        db.clone(),
        Clock::Manual,
        files,
        Policy::marketplace(),
        sandbox,
    );
    match cli.command {
        Command::Expiry { offers } => expiry(&app, offers).await,
        Command::Outbox { messages, smtp_url } => outbox(&app, messages, &smtp_url).await,
        Command::Agree { cents } => {
            let (agreed, plain) = seed::agree(&app, cents).await?;
            println!("{agreed} {plain}");
            Ok(())
        }
    }
}

async fn expiry(app: &App, offers: usize) -> anyhow::Result<()> {
    let queued_before = seed::notifications(app).await?;
    seed::offers(app, offers).await?;
    // Everything made now falls due in exactly 24 h.
    pepite_store::clock::advance(&app.db, 24 * 3_600_000_000).await?;
    let start = Instant::now();
    let changed = pepite_app::offers::run_timers(app).await?;
    let seconds = start.elapsed().as_secs_f64();
    let queued = seed::notifications(app).await? - queued_before;
    println!(
        "{{\"scenario\":\"offer_expiry\",\"offers\":{offers},\"expired\":{changed},\"notices_queued\":{queued},\"seconds\":{seconds:.2}}}"
    );
    Ok(())
}

async fn outbox(app: &App, messages: usize, smtp_url: &str) -> anyhow::Result<()> {
    seed::welcomes(app, messages).await?;
    let mailer = pepite_mail::from_config(Some(smtp_url), "Pépite <no-reply@pepite.localhost>")?;
    let composer = Arc::new(pepite_web::emails::Composer::new("http://127.0.0.1:8080"));
    let sender = Sender::new(app.clone(), mailer, composer, "bench", "pepite.localhost");
    let start = Instant::now();
    let mut sent = 0;
    loop {
        let n = sender.send_due().await?;
        if n == 0 {
            break;
        }
        sent += n;
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{{\"scenario\":\"outbox\",\"messages\":{sent},\"seconds\":{seconds:.2},\"per_second\":{:.0}}}",
        sent as f64 / seconds
    );
    Ok(())
}
