//! Jobs and timers (DESIGN): periodic ticks queued once per slot whatever the number of
//! instances, due jobs run by whichever worker claims them, failures retried with backoff and
//! parked as dead for staff, who can send them round again.

pub mod workers;

use pepite_domain::account::Role;
use pepite_store::jobs::{self as store, JobRow, NewJob};

use crate::accounts::Principal;
use crate::{App, AppError};

const SECOND_US: i64 = 1_000_000;
/// A claimed job is this worker's for this long; a handler that takes longer is retried.
const LEASE_US: i64 = 5 * 60 * SECOND_US;
const FIRST_RETRY_US: i64 = 10 * SECOND_US;
const MAX_RETRY_US: i64 = 3_600 * SECOND_US;
const DAY_US: i64 = 86_400 * SECOND_US;
/// Finished jobs are forgotten after a week; their effects are recorded elsewhere.
const KEEP_DONE_US: i64 = 7 * DAY_US;
/// Attempt counts outlive the longest window (a day, for sign-in) by a day.
const KEEP_THROTTLE_US: i64 = 2 * DAY_US;
/// Idempotency keys are kept a week: far longer than any client retries a request.
const KEEP_KEYS_US: i64 = 7 * DAY_US;

/// What runs on its own, and how often. Each handler does everything due by "now", so a tick
/// that runs late, or once for several missed slots, loses nothing.
const TICKS: &[(&str, i64)] = &[
    // O7: orders whose payment hold lapsed are closed and their payment cancelled.
    ("payments.sweep_lapsed", 30 * SECOND_US),
    // O7: payments whose answer never came are asked for by reference and settled.
    ("payments.settle_pending", 30 * SECOND_US),
    // O7/P2: refunds of unsold charges the provider did not make when first asked.
    ("payments.refund_owed", 60 * SECOND_US),
    // R5: card parts of refunds the provider did not make when first asked.
    ("refunds.owed", 60 * SECOND_US),
    // N4/N6/E1: offers past their answer deadline, agreements ending soon or ended.
    ("offers.timers", 60 * SECOND_US),
    // P1: earnings whose return window closed with no return become payable.
    ("payouts.release", 60 * SECOND_US),
    // F6: failed pieces whose buyer did not choose in time are dropped; owed refunds made.
    ("workshop.timers", 60 * SECOND_US),
    ("tradein.vouchers", 60 * SECOND_US),
    // S1: received mails left pending by a crash or a failure are threaded.
    ("support.inbound", 60 * SECOND_US),
    // What no rule needs any more: finished jobs, expired sessions, old attempt counts and
    // idempotency keys.
    ("jobs.purge", 3_600 * SECOND_US),
];

/// Queues this slot's tick of every periodic job; the dedupe key makes it once per slot
/// across instances.
pub async fn schedule_ticks(app: &App) -> Result<(), AppError> {
    let now = app.now_us().await?;
    for (kind, period) in TICKS {
        let slot = now.div_euclid(*period);
        let dedupe = format!("tick:{kind}:{slot}");
        let job = NewJob {
            kind,
            payload: "{}",
            dedupe: Some(&dedupe),
            run_at: now,
            max_attempts: 3,
        };
        store::enqueue(&app.db, &job, now).await?;
    }
    Ok(())
}

/// Claims and runs one batch of due jobs; returns how many were claimed.
pub async fn run_due(app: &App, worker: &str) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let jobs = store::claim(&app.db, worker, now, now + LEASE_US, 20).await?;
    for job in &jobs {
        let outcome = dispatch(app, job).await;
        let now = app.now_us().await?;
        match outcome {
            Ok(()) => {
                store::complete(&app.db, job, worker, now).await?;
            }
            Err(e) => {
                tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, error = %e, "job failed");
                let retry_at = now + backoff(FIRST_RETRY_US, MAX_RETRY_US, job.attempts);
                store::fail(&app.db, job, worker, &e.to_string(), retry_at, now).await?;
            }
        }
    }
    Ok(jobs.len())
}

async fn dispatch(app: &App, job: &JobRow) -> Result<(), AppError> {
    match job.kind.as_str() {
        "payments.sweep_lapsed" => crate::payments::sweep_lapsed(app).await.map(|_| ()),
        "payments.settle_pending" => crate::payments::settle_pending(app).await.map(|_| ()),
        "payments.refund_owed" => crate::payments::refund_owed(app).await.map(|_| ()),
        "refunds.owed" => crate::refunds::refund_owed(app).await.map(|_| ()),
        "offers.timers" => crate::offers::run_timers(app).await.map(|_| ()),
        "payouts.release" => crate::payouts::release_due(app).await.map(|_| ()),
        "tradein.vouchers" => crate::tradein::credit::run_timers(app).await.map(|_| ()),
        "workshop.timers" => crate::workshop::run_timers(app).await.map(|_| ()),
        "support.inbound" => crate::support::inbound::thread_pending(app)
            .await
            .map(|_| ()),
        "jobs.purge" => purge(app).await,
        other => Err(AppError::Internal(format!(
            "no handler for job kind {other}"
        ))),
    }
}

/// Deletes by age, each in one statement: a slot's tick runs once, and a second run (or a
/// missed one) would change nothing that matters. Expired sessions are refused when read
/// anyway; this only keeps the tables small.
async fn purge(app: &App) -> Result<(), AppError> {
    let now = app.now_us().await?;
    let done = store::purge_done(&app.db, now - KEEP_DONE_US).await?;
    let sessions = pepite_store::sessions::purge_expired(&app.db, now).await?;
    let counts = pepite_store::throttle::purge_before(&app.db, now - KEEP_THROTTLE_US).await?;
    let keys =
        pepite_store::commerce::idempotency::purge_before(&app.db, now - KEEP_KEYS_US).await?;
    tracing::info!(
        done,
        sessions,
        counts,
        keys,
        "purged what is no longer needed"
    );
    Ok(())
}

/// The wait before attempt `attempts + 1`: `first`, doubled each time, capped at `max`.
pub(crate) fn backoff(first: i64, max: i64, attempts: i64) -> i64 {
    let doublings = (attempts - 1).clamp(0, 20) as u32;
    first.saturating_mul(1 << doublings).min(max)
}

/// Back office: jobs in a state (`dead` by default), newest first (admins).
pub async fn list(
    app: &App,
    who: &Principal,
    state: &str,
    before: Option<i64>,
) -> Result<Vec<JobRow>, AppError> {
    who.require(Role::Admin)?;
    Ok(store::list(&app.db, state, before, 50).await?)
}

/// How many jobs are in each state (admins).
pub async fn counts(app: &App, who: &Principal) -> Result<Vec<(String, i64)>, AppError> {
    who.require(Role::Admin)?;
    Ok(store::counts(&app.db).await?)
}

/// The retry button: a dead job runs again with fresh attempts (admins).
pub async fn retry(app: &App, who: &Principal, id: i64) -> Result<(), AppError> {
    who.require(Role::Admin)?;
    let now = app.now_us().await?;
    if !store::retry(&app.db, id, now).await? {
        // The update decided; this read only says why it refused: a missing id is a 404.
        return Err(if store::exists(&app.db, id).await? {
            AppError::Conflict("not_dead")
        } else {
            AppError::NotFound
        });
    }
    app.ring();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_jobs_wait_longer_each_time_up_to_an_hour() {
        let wait = |attempts| backoff(FIRST_RETRY_US, MAX_RETRY_US, attempts);
        assert_eq!(wait(1), 10 * SECOND_US);
        assert_eq!(wait(2), 20 * SECOND_US);
        assert_eq!(wait(3), 40 * SECOND_US);
        assert_eq!(wait(20), MAX_RETRY_US);
    }
}
