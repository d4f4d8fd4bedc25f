//! O7 (issue 9 item 1): the sandbox keeps its books in the database, on SQLite and PostgreSQL.
//! A restart forgets nothing and never reuses a reference; two instances on one PostgreSQL
//! database share every payment (3-D Secure started on one is decided on the other).

use pepite_app::payments::{ChargeRequest, ChargeStatus, Method, PaymentProvider, SandboxControls};
use pepite_payments::Sandbox;
use pepite_testkit::both_backends;

fn request(token: &str, key: &str) -> ChargeRequest {
    ChargeRequest {
        amount_cents: 9_900,
        currency: "EUR".into(),
        method: Method::Card,
        token: token.into(),
        idempotency_key: key.into(),
        reference: format!("order-{key}"),
        description: "Pépite order".into(),
        return_url: "/return".into(),
    }
}

both_backends!(
    async fn o7_a_restarted_sandbox_continues_its_references_and_remembers_its_payments(db) {
        let before = Sandbox::new(db.clone());
        let first = before.charge(&request("4242424242424242", "a")).await.unwrap();
        let waiting = before.charge(&request("4000002500003155", "b")).await.unwrap();
        drop(before);

        let after = Sandbox::new(db);
        let next = after.charge(&request("4242424242424242", "c")).await.unwrap();
        assert!(![&first.provider_ref, &waiting.provider_ref].contains(&&next.provider_ref), "a reference is never reused");
        assert_eq!(after.charge(&request("4242424242424242", "a")).await.unwrap(), first, "a retried key replays");
        assert_eq!(after.status(&first.provider_ref).await.unwrap(), first);
        assert!(after.pending(&waiting.provider_ref).await.is_some(), "the authentication still waits");
        let decided = after.decide(&waiting.provider_ref, true).await.unwrap();
        assert_eq!(decided.status, ChargeStatus::Succeeded);
        assert_eq!(after.captured_cents().await, 3 * 9_900);
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o7_two_instances_on_one_postgres_share_the_sandbox() {
    let Some(t) = pepite_testkit::postgres().await else {
        return;
    };
    let a = Sandbox::new(t.db.clone());
    let b = Sandbox::new(t.another_instance().await.unwrap());
    // Both make payments at once: every reference is distinct.
    let mut refs = Vec::new();
    for i in 0..10 {
        let (ra, rb) = (
            request("4242424242424242", &format!("a{i}")),
            request("4242424242424242", &format!("b{i}")),
        );
        let (x, y) = tokio::join!(a.charge(&ra), b.charge(&rb));
        refs.push(x.unwrap().provider_ref);
        refs.push(y.unwrap().provider_ref);
    }
    let mut unique = refs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), refs.len(), "{refs:?}");
    // 3-D Secure begun on A is decided on B, once.
    let waiting = a.charge(&request("4000002500003155", "3ds")).await.unwrap();
    assert!(b.pending(&waiting.provider_ref).await.is_some());
    b.decide(&waiting.provider_ref, true).await.unwrap();
    assert!(
        a.decide(&waiting.provider_ref, false).await.is_err(),
        "decided once"
    );
    assert_eq!(
        a.status(&waiting.provider_ref).await.unwrap().status,
        ChargeStatus::Succeeded
    );
    // The same key sent to both makes one payment.
    let same = request("4242424242424242", "same");
    let (x, y) = tokio::join!(a.charge(&same), b.charge(&same));
    assert_eq!(x.unwrap(), y.unwrap());
    assert_eq!(a.charges().await.len(), 22);
}
