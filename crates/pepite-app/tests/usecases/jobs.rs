//! Jobs and timers on SQLite and PostgreSQL: ticks once per slot whatever the number of
//! workers, leases that pass to another worker when one dies, retries and the dead letter.

use crate::support::*;
use pepite_app::jobs;
use pepite_store::jobs::{self as store, NewJob};
use pepite_testkit::both_backends;

const MINUTE_US: i64 = 60_000_000;

async fn count(app: &pepite_app::App, state: &str) -> i64 {
    store::counts(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|(s, _)| s == state)
        .map_or(0, |(_, n)| n)
}

both_backends!(
    async fn a_tick_is_queued_once_per_slot_whatever_the_number_of_instances(db) {
        let app = app(db);
        for _ in 0..5 {
            jobs::schedule_ticks(&app).await.unwrap();
        }
        let queued = count(&app, "queued").await;
        assert_eq!(queued, 3, "one job per periodic kind for this slot, not one per instance");
        // Two workers (two instances) share the due jobs: each job runs once.
        let (a, b) = tokio::join!(jobs::run_due(&app, "worker-a"), jobs::run_due(&app, "worker-b"));
        assert_eq!(a.unwrap() + b.unwrap(), 3);
        assert_eq!(count(&app, "done").await, 3);
        app.now_us().await.unwrap();
        pepite_store::clock::advance(&app.db, 31_000_000).await.unwrap();
        for _ in 0..5 {
            jobs::schedule_ticks(&app).await.unwrap();
        }
        let again = count(&app, "queued").await;
        assert!((1..=2).contains(&again), "a new 30 s slot queues the sweeper (and maybe the minute's timers), never the hourly purge: {again}");
    }
);

both_backends!(
    async fn a_job_whose_worker_died_is_taken_over_when_its_lease_ends(db) {
        let app = app(db);
        let now = app.now_us().await.unwrap();
        let job = NewJob { kind: "jobs.purge", payload: "{}", dedupe: None, run_at: now, max_attempts: 3 };
        store::enqueue(&app.db, &job, now).await.unwrap();
        let claimed = store::claim(&app.db, "dead-worker", now, now + MINUTE_US, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        assert!(store::claim(&app.db, "other", now, now + MINUTE_US, 10).await.unwrap().is_empty(), "leased to the first worker");
        pepite_store::clock::advance(&app.db, MINUTE_US + 1).await.unwrap();
        assert_eq!(jobs::run_due(&app, "other").await.unwrap(), 1, "the lease ended: another worker runs it");
        let later = app.now_us().await.unwrap();
        assert!(!store::complete(&app.db, &claimed[0], "dead-worker", later).await.unwrap(), "the first worker's late outcome no longer counts");
        assert_eq!(count(&app, "done").await, 1);
    }
);

both_backends!(
    async fn a_failing_job_is_retried_with_backoff_then_dead_until_staff_retry_it(db) {
        let app = app(db);
        let admin = staff(&app, "admin@x.fr", pepite_domain::account::Role::Admin).await;
        let now = app.now_us().await.unwrap();
        let job = NewJob { kind: "no.such.handler", payload: "{}", dedupe: None, run_at: now, max_attempts: 2 };
        store::enqueue(&app.db, &job, now).await.unwrap();
        assert_eq!(jobs::run_due(&app, "w").await.unwrap(), 1);
        assert_eq!(count(&app, "queued").await, 1, "first failure: queued again");
        assert_eq!(jobs::run_due(&app, "w").await.unwrap(), 0, "not before its backoff");
        pepite_store::clock::advance(&app.db, 10_000_001).await.unwrap();
        assert_eq!(jobs::run_due(&app, "w").await.unwrap(), 1);
        assert_eq!(count(&app, "dead").await, 1, "attempts spent: dead, shown to staff");
        let dead = jobs::list(&app, &admin, "dead", None).await.unwrap();
        assert!(dead[0].last_error.as_deref().unwrap().contains("no handler"));
        jobs::retry(&app, &admin, dead[0].id).await.unwrap();
        assert_eq!(count(&app, "queued").await, 1);
        assert!(jobs::retry(&app, &admin, dead[0].id).await.is_err(), "only a dead job can be retried");
    }
);
