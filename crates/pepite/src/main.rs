//! The `pepite` program: one binary that serves the shop, runs its background workers,
//! migrates its database, generates demo catalogues and manages staff.

mod admin;
mod cli;
mod demo;
mod serve;
mod setup;
mod workers;

use clap::Parser;

use crate::cli::{AdminCommand, Cli, Command};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    setup::init_tracing(&cli.global);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve::run(&cli.global, &args).await,
            Command::Migrate => {
                let db = setup::open_database(&cli.global).await?;
                db.migrate().await?;
                println!("Database is up to date.");
                Ok(())
            }
            Command::Worker => workers::run_alone(&cli.global).await,
            Command::Demo(args) => demo::run(&cli.global, &args).await,
            Command::Admin {
                command: AdminCommand::CreateStaff(args),
            } => admin::create_staff(&cli.global, &args).await,
        }
    })
}
