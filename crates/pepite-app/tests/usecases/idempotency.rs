//! O7 (issue 9 item 6): an idempotency key claimed by a request that died does not block it
//! forever. A claim holds the key for a lease; a retry during it is told the request is in
//! progress, a retry after it takes the key over, once, by compare-and-set.

use std::time::Duration;

use crate::support::*;
use pepite_app::idempotency::{self, LEASE_US};
use pepite_app::{App, AppError};
use pepite_store::commerce::idempotency::{self as store, Claim};
use pepite_testkit::both_backends;

async fn claim(app: &App, user: i64, hash: &str, now: i64) -> Claim {
    store::claim(&app.db, user, "checkout", "k", hash, now, now + LEASE_US)
        .await
        .unwrap()
}

both_backends!(
    async fn o7_a_key_whose_request_died_is_taken_over_once_its_lease_ends(db) {
        let app = app(db);
        let who = person(&app, "p@x.fr").await;
        let now = app.now_us().await.unwrap();
        assert_eq!(claim(&app, who.user_id, "h", now).await, Claim::New(1), "the request that will die");
        assert_eq!(claim(&app, who.user_id, "h", now + LEASE_US - 1).await, Claim::InFlight, "in progress during the lease");
        assert_eq!(claim(&app, who.user_id, "other", now + LEASE_US).await, Claim::Mismatch, "never taken over by another request");

        let later = now + LEASE_US;
        let (a, b) = tokio::join!(claim(&app, who.user_id, "h", later), claim(&app, who.user_id, "h", later));
        let mut won = [a, b];
        won.sort_by_key(|c| format!("{c:?}"));
        assert_eq!(won, [Claim::InFlight, Claim::New(2)], "two retries: one takes the key over");

        assert!(!store::finish(&app.db, who.user_id, "checkout", "k", 1, "\"late\"").await.unwrap(), "the dead attempt's answer no longer counts");
        store::release(&app.db, who.user_id, "checkout", "k", 1).await.unwrap();
        assert!(store::finish(&app.db, who.user_id, "checkout", "k", 2, "\"second\"").await.unwrap());
        assert_eq!(claim(&app, who.user_id, "h", later).await, Claim::Replay("\"second\"".into()));
    }
);

both_backends!(
    async fn o7_a_retry_after_the_lease_runs_the_request_and_its_answer_is_replayed(db) {
        let app = app(db);
        let who = person(&app, "p@x.fr").await;
        let input = "same request";
        // The first request claims the key and is dropped mid-way (a crash, a timeout).
        let never = || std::future::pending::<Result<i32, AppError>>();
        let first = idempotency::once(&app, who.user_id, "checkout", "k", &input, never);
        assert!(tokio::time::timeout(Duration::from_millis(300), first).await.is_err());
        let now = app.now_us().await.unwrap();
        assert_eq!(claim_same(&app, who.user_id, input, now).await, Claim::InFlight, "still leased");

        pepite_store::clock::advance(&app.db, LEASE_US).await.unwrap();
        let answer = idempotency::once(&app, who.user_id, "checkout", "k", &input, || async { Ok::<_, AppError>(42) }).await.unwrap();
        assert_eq!(answer, 42, "the retry ran");
        let again = idempotency::once(&app, who.user_id, "checkout", "k", &input, || async { Ok::<_, AppError>(7) }).await.unwrap();
        assert_eq!(again, 42, "and its answer is the one replayed");
    }
);

/// Claims the key as `once` would for `input` (its hash is of the JSON body).
async fn claim_same(app: &App, user: i64, input: &str, now: i64) -> Claim {
    use sha2::Digest;
    let body = serde_json::to_vec(input).unwrap();
    let hash: String = sha2::Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    claim(app, user, &hash, now).await
}
