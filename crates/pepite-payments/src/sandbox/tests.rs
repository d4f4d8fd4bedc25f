//! The sandbox's test cards, idempotency and refunds, as the checkout relies on them (rule O7).
//! Its books are in the database; these run on SQLite, `tests/sandbox_books.rs` on both.

use super::*;
use pepite_app::payments::Method;

fn request(method: Method, token: &str, key: &str) -> ChargeRequest {
    ChargeRequest {
        amount_cents: 12_500,
        currency: "EUR".into(),
        method,
        token: token.into(),
        idempotency_key: key.into(),
        reference: format!("order-{key}"),
        description: "Pépite order".into(),
        return_url: "/checkout/return".into(),
    }
}

/// A sandbox over a fresh database (kept alive by the first value).
async fn books() -> (pepite_testkit::TestDb, Sandbox) {
    let t = pepite_testkit::sqlite().await;
    let sandbox = Sandbox::new(t.db.clone());
    (t, sandbox)
}

async fn card(sandbox: &Sandbox, number: &str) -> Result<Charge, ProviderError> {
    sandbox.charge(&request(Method::Card, number, number)).await
}

fn declined(code: &str) -> ChargeStatus {
    ChargeStatus::Declined { code: code.into() }
}

#[tokio::test]
async fn o7_visa_mastercard_and_amex_test_cards_succeed() {
    let (_db, sandbox) = books().await;
    for number in [
        "4242 4242 4242 4242",
        "5555555555554444",
        "3782 822463 10005",
    ] {
        let charge = card(&sandbox, number).await.unwrap();
        assert_eq!(charge.status, ChargeStatus::Succeeded, "{number}");
        assert_eq!(charge.amount_cents, 12_500);
    }
    assert_eq!(sandbox.captured_cents().await, 3 * 12_500);
    let refs: Vec<String> = sandbox
        .charges()
        .await
        .into_iter()
        .map(|c| c.provider_ref)
        .collect();
    assert_eq!(refs, ["sbx_pi_1", "sbx_pi_2", "sbx_pi_3"]);
}

#[tokio::test]
async fn declining_test_cards_give_their_decline_codes_and_capture_nothing() {
    let (_db, sandbox) = books().await;
    for (number, code) in [
        ("4000000000000002", "card_declined"),
        ("4000000000009995", "insufficient_funds"),
        ("4000000000000069", "expired_card"),
        ("4242424242424241", "invalid_number"),
        ("4242-4242", "invalid_number"),
        ("4111111111111111", "card_not_supported"),
    ] {
        let charge = card(&sandbox, number).await.unwrap();
        assert_eq!(charge.status, declined(code), "{number}");
    }
    assert_eq!(sandbox.charges().await.len(), 6);
    assert_eq!(sandbox.captured_cents().await, 0);
}

#[tokio::test]
async fn three_d_secure_card_waits_for_the_buyer_who_approves() {
    let (_db, sandbox) = books().await;
    let charge = card(&sandbox, "4000002500003155").await.unwrap();
    let url = format!("/payments/sandbox/{}", charge.provider_ref);
    assert_eq!(
        charge.status,
        ChargeStatus::RequiresAction { redirect_url: url }
    );
    assert_eq!(
        sandbox.pending(&charge.provider_ref).await,
        Some(charge.clone())
    );
    assert_eq!(sandbox.captured_cents().await, 0);

    let decided = sandbox.decide(&charge.provider_ref, true).await.unwrap();
    assert_eq!(decided.status, ChargeStatus::Succeeded);
    assert_eq!(sandbox.status(&charge.provider_ref).await.unwrap(), decided);
    assert_eq!(sandbox.pending(&charge.provider_ref).await, None);
    assert_eq!(sandbox.captured_cents().await, 12_500);
    assert!(sandbox.decide(&charge.provider_ref, false).await.is_err());
}

#[tokio::test]
async fn three_d_secure_refused_by_the_buyer_is_declined_authentication_failed() {
    let (_db, sandbox) = books().await;
    let charge = card(&sandbox, "4000002500003155").await.unwrap();
    sandbox.decide(&charge.provider_ref, false).await.unwrap();
    let now = sandbox.status(&charge.provider_ref).await.unwrap();
    assert_eq!(now.status, declined("authentication_failed"));
    assert_eq!(sandbox.captured_cents().await, 0);
}

#[tokio::test]
async fn provider_down_card_is_unavailable_and_charges_nothing() {
    let (_db, sandbox) = books().await;
    let err = card(&sandbox, "4000000000000119").await.unwrap_err();
    assert!(matches!(err, ProviderError::Unavailable(_)), "{err:?}");
    assert!(sandbox.charges().await.is_empty());
}

#[tokio::test]
async fn timeout_card_charges_and_status_or_reference_tell_the_truth() {
    let (_db, sandbox) = books().await;
    let req = request(Method::Card, "4000000000000259", "k1");
    let err = sandbox.charge(&req).await.unwrap_err();
    assert!(matches!(err, ProviderError::Timeout), "{err:?}");
    let found = sandbox.find("order-k1").await.unwrap().unwrap();
    assert_eq!(found.status, ChargeStatus::Succeeded);
    assert_eq!(sandbox.status(&found.provider_ref).await.unwrap(), found);
    // O7: the answer is lost however often it is asked again, and nothing is charged twice.
    let again = sandbox.charge(&req).await.unwrap_err();
    assert!(matches!(again, ProviderError::Timeout), "{again:?}");
    assert_eq!(sandbox.charges().await.len(), 1);
    assert_eq!(sandbox.captured_cents().await, 12_500);
    assert_eq!(sandbox.find("order-nothing").await.unwrap(), None);
}

#[tokio::test]
async fn paypal_tokens_succeed_decline_or_ask_for_approval() {
    let (_db, sandbox) = books().await;
    let pay = async |token: &str| {
        let req = request(Method::Paypal, token, token);
        sandbox.charge(&req).await
    };
    assert_eq!(pay("paypal").await.unwrap().status, ChargeStatus::Succeeded);
    let decline = pay("paypal-decline").await.unwrap();
    assert_eq!(decline.status, declined("paypal_declined"));
    let unknown = pay("paypal-nope").await.unwrap();
    assert_eq!(unknown.status, declined("invalid_paypal_token"));
    let auth = pay("paypal-auth").await.unwrap();
    assert!(matches!(auth.status, ChargeStatus::RequiresAction { .. }));
    assert_eq!(
        sandbox
            .decide(&auth.provider_ref, true)
            .await
            .unwrap()
            .status,
        ChargeStatus::Succeeded
    );
}

#[tokio::test]
async fn o7_same_idempotency_key_returns_the_same_charge_and_captures_once() {
    let (_db, sandbox) = books().await;
    let req = request(Method::Card, "4242424242424242", "checkout-1");
    let first = sandbox.charge(&req).await.unwrap();
    let second = sandbox.charge(&req).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(sandbox.charges().await.len(), 1);
    assert_eq!(sandbox.captured_cents().await, 12_500);

    let other = ChargeRequest {
        amount_cents: 1,
        ..req
    };
    assert!(matches!(
        sandbox.charge(&other).await,
        Err(ProviderError::Rejected(_))
    ));
}

#[tokio::test]
async fn refunds_never_exceed_the_payment_and_a_repeated_key_refunds_once() {
    let (_db, sandbox) = books().await;
    let charge = card(&sandbox, "4242424242424242").await.unwrap();
    let pi = &charge.provider_ref;
    let first = sandbox.refund(pi, 2_500, "r1").await.unwrap();
    assert_eq!(first.amount_cents, 2_500);
    assert!(first.provider_ref.starts_with("sbx_re_"));
    assert_eq!(sandbox.refund(pi, 2_500, "r1").await.unwrap(), first);
    assert_eq!(sandbox.captured_cents().await, 10_000);

    let too_much = sandbox.refund(pi, 10_001, "r2").await;
    assert!(matches!(too_much, Err(ProviderError::Rejected(_))));
    sandbox.refund(pi, 10_000, "r3").await.unwrap();
    assert_eq!(sandbox.captured_cents().await, 0);
}

#[tokio::test]
async fn cancel_releases_an_unfinished_payment_but_not_a_succeeded_one() {
    let (_db, sandbox) = books().await;
    let waiting = card(&sandbox, "4000002500003155").await.unwrap();
    sandbox.cancel(&waiting.provider_ref, "c1").await.unwrap();
    sandbox.cancel(&waiting.provider_ref, "c1").await.unwrap();
    let now = sandbox.status(&waiting.provider_ref).await.unwrap();
    assert_eq!(now.status, ChargeStatus::Canceled);

    let paid = card(&sandbox, "4242424242424242").await.unwrap();
    let refused = sandbox.cancel(&paid.provider_ref, "c2").await;
    assert!(matches!(refused, Err(ProviderError::Rejected(_))));
}

#[tokio::test]
async fn sandbox_has_no_webhooks() {
    let (_db, sandbox) = books().await;
    assert_eq!(
        sandbox.parse_webhook(Some("t=1,v1=00"), b"{}", 1),
        Err(WebhookError::NotSupported)
    );
    assert_eq!(sandbox.name(), "sandbox");
    assert!(sandbox.sandbox().is_some());
}
