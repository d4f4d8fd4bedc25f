//! The worker loops of one process (`pepite serve` unless turned off, or `pepite worker`):
//! one runs due jobs and ticks, one sends the outbox. Both wake on the app's bell (rung after
//! a commit that queued work, or when the manual clock moves) and otherwise poll.

use std::future::Future;
use std::time::Duration;

use crate::App;
use crate::notify::deliver::Sender;

/// Runs both loops until `shutdown` completes (or the task running this is aborted).
pub async fn run(
    app: App,
    sender: Sender,
    worker: String,
    poll: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let both = async {
        tokio::join!(
            jobs_loop(app.clone(), worker, poll),
            mail_loop(app, sender, poll)
        );
    };
    tokio::select! {
        () = both => {},
        () = shutdown => {},
    }
}

async fn jobs_loop(app: App, worker: String, poll: Duration) {
    let mut bell = app.bell();
    loop {
        if let Err(e) = crate::jobs::schedule_ticks(&app).await {
            tracing::warn!(error = %e, "scheduling ticks failed");
        }
        loop {
            match crate::jobs::run_due(&app, &worker).await {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "running jobs failed");
                    break;
                }
            }
        }
        let _ = tokio::time::timeout(poll, bell.changed()).await;
    }
}

async fn mail_loop(app: App, sender: Sender, poll: Duration) {
    let mut bell = app.bell();
    loop {
        loop {
            match sender.send_due().await {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "sending notifications failed");
                    break;
                }
            }
        }
        let _ = tokio::time::timeout(poll, bell.changed()).await;
    }
}
