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
        // 2026-12-03T10:00:20Z: 31 s later a new 30 s slot starts, but no new minute or hour.
        pepite_store::clock::set(&app.db, 1_796_292_020_000_000).await.unwrap();
        for _ in 0..5 {
            jobs::schedule_ticks(&app).await.unwrap();
        }
        let queued = count(&app, "queued").await;
        assert_eq!(queued, 10, "one job per periodic kind for this slot, not one per instance");
        // Two workers (two instances) share the due jobs: each job runs once.
        let (a, b) = tokio::join!(jobs::run_due(&app, "worker-a"), jobs::run_due(&app, "worker-b"));
        assert_eq!(a.unwrap() + b.unwrap(), 10);
        assert_eq!(count(&app, "done").await, 10);
        app.now_us().await.unwrap();
        pepite_store::clock::advance(&app.db, 31_000_000).await.unwrap();
        for _ in 0..5 {
            jobs::schedule_ticks(&app).await.unwrap();
        }
        let again = count(&app, "queued").await;
        assert_eq!(again, 2, "a new 30 s slot queues the two 30 s payment jobs, not the minute's or the hour's");
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

both_backends!(
    async fn item6_the_hourly_purge_forgets_expired_sessions_old_counts_and_old_keys(db) {
        use pepite_store::commerce::idempotency::{self, Claim};
        use pepite_store::{sessions, throttle};
        const DAY_US: i64 = 24 * 60 * MINUTE_US;
        let app = app(db);
        let who = person(&app, "p@x.fr").await;
        let now = app.now_us().await.unwrap();
        for (hash, expires_at) in [("expired", now - 1), ("live", now + DAY_US)] {
            let s = sessions::NewSession { token_hash: hash, user_id: who.user_id, kind: "browser", label: "", now: now - DAY_US, expires_at };
            sessions::insert(&app.db, &s).await.unwrap();
        }
        let (old_window, current_window) = (now - 3 * DAY_US, now - 60 * MINUTE_US);
        throttle::hit(&app.db, "old", old_window).await.unwrap();
        throttle::hit(&app.db, "current", current_window).await.unwrap();
        for (key, at) in [("old-key", now - 8 * DAY_US), ("new-key", now - DAY_US)] {
            assert_eq!(idempotency::claim(&app.db, who.user_id, "checkout", key, "h", at, at + 1).await.unwrap(), Claim::New(1));
            idempotency::finish(&app.db, who.user_id, "checkout", key, 1, "{}").await.unwrap();
        }

        jobs::schedule_ticks(&app).await.unwrap();
        jobs::run_due(&app, "w").await.unwrap();

        assert_eq!(sessions::purge_expired(&app.db, now).await.unwrap(), 0, "the expired session is gone");
        assert!(sessions::lookup(&app.db, "live", now).await.unwrap().is_some(), "a live session stays");
        assert_eq!(throttle::hit(&app.db, "old", old_window).await.unwrap(), 1, "an old count is gone");
        assert_eq!(throttle::hit(&app.db, "current", current_window).await.unwrap(), 2, "a current count stays");
        let claim = |key| idempotency::claim(&app.db, who.user_id, "checkout", key, "h", now, now + 1);
        assert_eq!(claim("old-key").await.unwrap(), Claim::New(1), "an old key is forgotten");
        assert_eq!(claim("new-key").await.unwrap(), Claim::Replay("{}".into()), "a recent key is kept");
    }
);
