//! `pepite-bench`: drives a running Pépite over its JSON API from a separate process, as
//! buyers would: checkouts on distinct pieces (throughput, latency) and last-piece races
//! (many buyers paying for one piece at once; counts oversells); the chat's delivery across
//! two instances; and customer service's inbound e-mail over SMTP.

mod buyers;
mod chat;
mod checkout;
mod race;
mod support_mail;
mod tradein;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Checkout load generator for Pépite")]
struct Cli {
    /// The server under test.
    #[arg(long, default_value = "http://127.0.0.1:18080")]
    base: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Concurrent buyers each paying for their own pieces, one after another.
    Checkout {
        #[arg(long, default_value_t = 32)]
        buyers: usize,
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// First piece id to buy; ids go up from there (pieces not for sale are skipped).
        #[arg(long, default_value_t = 1)]
        first_piece: i64,
    },
    /// For each piece, every buyer puts it in their cart, then all pay at the same instant.
    Race {
        #[arg(long, default_value_t = 500)]
        buyers: usize,
        #[arg(long, default_value_t = 1000)]
        pieces: usize,
        #[arg(long, default_value_t = 50_001)]
        first_piece: i64,
    },
    /// Trade-in on the demo shop: 20-piece quotes over a large reference catalogue, then
    /// voucher redemptions from many tills at once (issue 12).
    Tradein {
        #[arg(long, default_value_t = 8)]
        quoters: usize,
        #[arg(long, default_value_t = 32)]
        tills: usize,
        #[arg(long, default_value_t = 50_000)]
        styles: usize,
        #[arg(long, default_value_t = 20)]
        seconds: u64,
    },
    /// Chats open on a second instance (`--other`) receiving messages written through the
    /// first (`--base`): delivery latency and memory per open chat (issue 13).
    Chat {
        /// The instance whose chats are open.
        #[arg(long)]
        other: String,
        #[arg(long, default_value_t = 1000)]
        chats: usize,
        /// Messages written per second.
        #[arg(long, default_value_t = 100)]
        rate: u64,
        /// The other instance's process id, to read its memory.
        #[arg(long)]
        other_pid: Option<u32>,
    },
    /// Customer service's inbound e-mail: mails sent over SMTP to `serve --inbound-smtp`
    /// from many connections; each is parsed and threaded before the listener answers 250.
    SupportMail {
        /// The inbound listener.
        #[arg(long, default_value = "127.0.0.1:2526")]
        smtp: String,
        #[arg(long, default_value = "support@pepite.localhost")]
        to: String,
        #[arg(long, default_value_t = 5_000)]
        mails: usize,
        #[arg(long, default_value_t = 16)]
        connections: usize,
        /// Every question carries a 1,600 × 1,200 JPEG photo.
        #[arg(long)]
        photo: bool,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()?;
    match cli.command {
        Command::Checkout {
            buyers,
            seconds,
            first_piece,
        } => {
            let people = buyers::sign_up(&client, &cli.base, buyers, "tp").await?;
            checkout::run(&client, &cli.base, &people, seconds, first_piece).await
        }
        Command::Race {
            buyers,
            pieces,
            first_piece,
        } => {
            let people = buyers::sign_up(&client, &cli.base, buyers, "race").await?;
            race::run(&client, &cli.base, &people, pieces, first_piece).await
        }
        Command::Tradein {
            quoters,
            tills,
            styles,
            seconds,
        } => tradein::run(&client, &cli.base, quoters, tills, styles, seconds).await,
        Command::Chat {
            other,
            chats,
            rate,
            other_pid,
        } => chat::run(&client, &cli.base, &other, chats, rate, other_pid).await,
        Command::SupportMail {
            smtp,
            to,
            mails,
            connections,
            photo,
        } => support_mail::run(&smtp, &to, mails, connections, photo).await,
    }
}
