//! The command line. Every flag is also a `PEPITE_*` environment variable, and every default
//! works on a fresh machine with no set-up.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "pepite",
    version,
    about = "Pépite: a marketplace of unique second-hand pieces"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Settings shared by every command.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Folder for the SQLite database and uploaded photos (created if missing).
    #[arg(
        long,
        env = "PEPITE_DATA_DIR",
        default_value = "./pepite-data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; without it, SQLite in the data folder.
    #[arg(
        long,
        env = "PEPITE_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// Where "now" comes from: the system clock, or a manual clock an admin sets and advances.
    #[arg(long, env = "PEPITE_CLOCK", value_enum, default_value_t = ClockMode::System, global = true)]
    pub clock: ClockMode,
    /// Log format: human-readable text or JSON lines.
    #[arg(long, env = "PEPITE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    /// Most database connections this process opens.
    #[arg(
        long,
        env = "PEPITE_DB_CONNECTIONS",
        default_value_t = 8,
        global = true
    )]
    pub db_connections: u32,
    /// Payment provider: the built-in sandbox (test cards, no network) or Stripe.
    #[arg(long, env = "PEPITE_PAYMENTS", value_enum, default_value_t = PaymentsMode::Sandbox, global = true)]
    pub payments: PaymentsMode,
    /// Stripe secret key (`sk_…`), required with `--payments stripe`.
    #[arg(
        long,
        env = "PEPITE_STRIPE_SECRET_KEY",
        hide_env_values = true,
        global = true
    )]
    pub stripe_secret_key: Option<String>,
    /// Stripe webhook signing secret (`whsec_…`), required with `--payments stripe`.
    #[arg(
        long,
        env = "PEPITE_STRIPE_WEBHOOK_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub stripe_webhook_secret: Option<String>,
    /// The secret carriers sign delivery events with (`POST /api/v1/carriers/{carrier}/events`,
    /// F4). Without it every delivery event is refused and staff record deliveries by hand.
    #[arg(
        long,
        env = "PEPITE_CARRIER_WEBHOOK_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub carrier_webhook_secret: Option<String>,
    /// SMTP server for e-mail, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@host:465`.
    /// Without it nothing is sent: messages wait in the back office's mailbox (shown there
    /// without their single-use links and gift-card codes).
    #[arg(long, env = "PEPITE_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,
    /// The sender of Pépite's e-mail.
    #[arg(
        long,
        env = "PEPITE_MAIL_FROM",
        default_value = "Pépite <no-reply@pepite.localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Customer service's e-mail address: answers ask for replies at `local+token@domain`
    /// of it, and the inbound listener (`serve --inbound-smtp`) takes mail for it.
    #[arg(
        long,
        env = "PEPITE_SUPPORT_ADDRESS",
        default_value = "support@pepite.localhost",
        global = true
    )]
    pub support_address: pepite_app::support::inbound::SupportAddress,
    /// The address people use to reach the shop (links in e-mail; `https://…` also turns on
    /// secure cookies). Default: `http://` and the listening address.
    #[arg(long, env = "PEPITE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Where photos are kept: `s3://bucket` or `s3://bucket/prefix` for an S3-compatible object
    /// store that several instances share. Without it, the `files` folder of the data folder.
    #[arg(long, env = "PEPITE_FILES_URL", global = true)]
    pub files_url: Option<String>,
    /// With `--files-url`: the S3 server's address when it is not AWS, e.g.
    /// `http://127.0.0.1:9000` (plain http is allowed). Default: `AWS_ENDPOINT_URL`, or AWS.
    #[arg(long, env = "PEPITE_FILES_ENDPOINT", global = true)]
    pub files_endpoint: Option<String>,
    /// With `--files-url`: the bucket's region. Default: `AWS_REGION`, or `us-east-1`.
    #[arg(long, env = "PEPITE_FILES_REGION", global = true)]
    pub files_region: Option<String>,
    /// With `--files-url`: the access key. Default: `AWS_ACCESS_KEY_ID` (and the other usual
    /// AWS sources: session token, instance metadata).
    #[arg(
        long,
        env = "PEPITE_FILES_ACCESS_KEY_ID",
        hide_env_values = true,
        global = true
    )]
    pub files_access_key_id: Option<String>,
    /// With `--files-url`: the secret key. Default: `AWS_SECRET_ACCESS_KEY`.
    #[arg(
        long,
        env = "PEPITE_FILES_SECRET_ACCESS_KEY",
        hide_env_values = true,
        global = true
    )]
    pub files_secret_access_key: Option<String>,
    /// Stripe API address (tests point it at a local fake).
    #[arg(
        long,
        env = "PEPITE_STRIPE_API_BASE",
        default_value = "https://api.stripe.com",
        global = true
    )]
    pub stripe_api_base: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaymentsMode {
    Sandbox,
    Stripe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClockMode {
    System,
    Manual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the shop: pages, API and operational endpoints.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Run the background workers (jobs, timers, e-mail) without serving pages.
    Worker,
    /// Generate a realistic catalogue of demo pieces.
    Demo(DemoArgs),
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PEPITE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Fill an empty database with a demo shop and print the demo accounts; without a mail
    /// server, each e-mail's links (password reset, verification) are written to the log.
    #[arg(long, env = "PEPITE_DEMO")]
    pub demo: bool,
    /// Take the client's address from `X-Forwarded-For` (only behind a reverse proxy that
    /// sets it): the right-most hop that is not one of `--trusted-proxies`.
    #[arg(long, env = "PEPITE_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// With `--trust-proxy`, the addresses or networks of our reverse proxies, separated by
    /// commas; a connection from elsewhere counts as the client, whatever it forwards.
    #[arg(long, env = "PEPITE_TRUSTED_PROXIES", default_value = pepite_web::forwarded::DEFAULT_TRUSTED_PROXIES)]
    pub trusted_proxies: pepite_web::forwarded::TrustedProxies,
    /// Serve `/metrics` on this router to requests carrying `Authorization: Bearer <token>`.
    /// Without it (and without `--metrics-listen`), metrics are not served at all.
    #[arg(long, env = "PEPITE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Serve `/metrics` on an address of its own (e.g. `10.0.0.5:9100`, reachable by the
    /// monitoring only); the token, if set, is required there too.
    #[arg(long, env = "PEPITE_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
    /// Take customer service's e-mail over SMTP on this address (e.g. `127.0.0.1:2526`),
    /// from the shop's mail relay: mail to `--support-address` and its `+token` variants.
    #[arg(long, env = "PEPITE_INBOUND_SMTP")]
    pub inbound_smtp: Option<SocketAddr>,
    /// Run no background workers (jobs, timers, e-mail) in this process; run `pepite worker`
    /// somewhere instead.
    #[arg(long, env = "PEPITE_NO_WORKERS")]
    pub no_workers: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many listed pieces to generate.
    #[arg(long, env = "PEPITE_DEMO_PIECES", default_value_t = 1_000)]
    pub pieces: u32,
    /// Seed of the generator, so a catalogue can be generated again identically.
    #[arg(long, env = "PEPITE_DEMO_SEED", default_value_t = 2026)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a staff account (or give roles to an existing account).
    CreateStaff(CreateStaffArgs),
}

#[derive(Debug, Args)]
pub struct CreateStaffArgs {
    #[arg(long, env = "PEPITE_STAFF_EMAIL")]
    pub email: String,
    /// At least 12 characters. Read from PEPITE_STAFF_PASSWORD if not given.
    #[arg(long, env = "PEPITE_STAFF_PASSWORD", hide_env_values = true)]
    pub password: String,
    #[arg(long, env = "PEPITE_STAFF_NAME")]
    pub name: String,
    /// Roles: admin, customer_service, workshop, finance, brand_partner (repeatable; in the
    /// variable, separated by commas).
    #[arg(
        long = "role",
        env = "PEPITE_STAFF_ROLES",
        value_delimiter = ',',
        required = true
    )]
    pub roles: Vec<String>,
    /// Language of the account's pages and e-mail: fr or en.
    #[arg(long, env = "PEPITE_STAFF_LANGUAGE", default_value = "fr")]
    pub language: String,
    /// Country of residence (ISO code).
    #[arg(long, env = "PEPITE_STAFF_COUNTRY", default_value = "FR")]
    pub country: String,
}
