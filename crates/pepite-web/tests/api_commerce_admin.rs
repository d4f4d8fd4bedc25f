//! The API's policy editing (P3) and the payment provider's webhooks (O7) through the real
//! Stripe adapter against the local fake, on SQLite and PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::json;
use support::api::Api;
use support::commerce::{WHSEC, bearer, stripe_harness, webhook};

both_backends!(
    async fn p3_policy_edit_is_refused_on_a_stale_version(db) {
        let api = Api::new(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let cs = api.staff("cs@x.fr", &[Role::CustomerService]).await;
        api.get("/api/v1/policy", Some(&cs)).await.problem(403, "forbidden");
        let read = api.get("/api/v1/policy", Some(&admin)).await.expect(200).json();
        assert_eq!(read["version"], 0);
        assert_eq!(read["policy"]["qc_fee_bps"], 1_000);

        let mut policy = read["policy"].clone();
        policy["qc_fee_bps"] = json!(-5);
        api.put("/api/v1/policy", Some(&admin), json!({"expected_version": 0, "policy": policy}))
            .await
            .field_error("qc_fee_bps", "out_of_range");
        api.put("/api/v1/policy", Some(&admin), json!({"expected_version": 0, "policy": {"qc_fee_bps": 1}}))
            .await
            .problem(400, "malformed_body");

        policy["qc_fee_bps"] = json!(500);
        let saved = api.put("/api/v1/policy", Some(&admin), json!({"expected_version": 0, "policy": policy.clone()}))
            .await
            .expect(200)
            .json();
        assert_eq!((saved["version"].as_i64(), saved["policy"]["qc_fee_bps"].as_i64()), (Some(1), Some(500)));
        let stale = api.put("/api/v1/policy", Some(&admin), json!({"expected_version": 0, "policy": policy}))
            .await
            .problem(409, "policy_changed");
        assert_eq!(stale["status"], 409);
        let now = api.get("/api/v1/policy", Some(&admin)).await.json();
        assert_eq!((now["version"].as_i64(), now["policy"]["qc_fee_bps"].as_i64()), (Some(1), Some(500)));
    }
);

both_backends!(
    async fn o7_webhooks_need_a_valid_signature_and_settle_the_payment(db) {
        let (fake, h) = stripe_harness(db).await;
        let buyer = bearer(&h, "b@x.fr").await;

        // A gift card paid by a card that asks the buyer to authenticate first.
        let body = json!({"amount_cents": 5_000, "recipient_name": "Inès",
                          "method": "card", "token": "pm_card_authenticationRequired"});
        let r = h
            .oneshot(
                Request::builder()
                    .method(Method::POST)
                    .uri("/api/v1/gift-cards")
                    .header(header::AUTHORIZATION, format!("Bearer {buyer}"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("idempotency-key", "gift-1")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await
            .expect(201)
            .json();
        assert_eq!(r["status"], "action_required", "{r}");
        assert!(r["redirect_url"].as_str().unwrap().starts_with(&fake.base_url));
        assert!(r["gift_card"]["code"].is_null(), "no code before payment");
        let intent = fake.intents()[0].id.clone();
        fake.complete_action(&intent, true);

        let now_s = h.app.now_us().await.unwrap() / 1_000_000;
        let (signature, event) = fake.webhook(WHSEC, "payment_intent.succeeded", &intent, now_s);
        // Refused: another secret, no signature, a tampered body, a stale one.
        let (forged, _) = fake.webhook("whsec_other", "payment_intent.succeeded", &intent, now_s);
        webhook(&h, Some(&forged), event.clone()).await.problem(400, "invalid_signature");
        webhook(&h, None, event.clone()).await.problem(400, "invalid_signature");
        let tampered = String::from_utf8(event.clone()).unwrap().replace("5000", "9000");
        webhook(&h, Some(&signature), tampered.into_bytes()).await.problem(400, "invalid_signature");
        let (old, old_event) = fake.webhook(WHSEC, "payment_intent.succeeded", &intent, now_s - 3_600);
        webhook(&h, Some(&old), old_event).await.problem(400, "invalid_signature");

        // No session, no CSRF token: the signature is enough.
        let handled = webhook(&h, Some(&signature), event.clone()).await.expect(200).json();
        assert_eq!(handled["result"], "handled");
        let again = webhook(&h, Some(&signature), event).await.expect(200).json();
        assert_eq!(again["result"], "duplicate");
        let (sig, other) = fake.webhook(WHSEC, "charge.refunded", &intent, now_s);
        assert_eq!(webhook(&h, Some(&sig), other).await.expect(200).json()["result"], "ignored");

        let mine = h
            .oneshot(
                Request::builder()
                    .uri("/api/v1/gift-cards")
                    .header(header::AUTHORIZATION, format!("Bearer {buyer}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .expect(200)
            .json();
        assert_eq!(mine[0]["state"], "active");
        assert_eq!(mine[0]["balance_cents"], 5_000);
        assert!(mine[0]["code"].is_string());
    }
);

both_backends!(
    async fn o7_sandbox_has_no_webhooks(db) {
        let api = Api::new(db).await;
        let r = support::commerce::webhook(&api, Some("t=1,v1=00"), b"{}".to_vec()).await;
        r.problem(404, "not_found");
    }
);
