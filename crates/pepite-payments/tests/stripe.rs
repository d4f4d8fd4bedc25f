//! The real Stripe adapter driven over HTTP against the local fake of Stripe's API: outcomes,
//! failures, idempotency (rule O7: one checkout, one charge), refunds and cancellation.

mod support;

use std::time::Duration;

use pepite_app::payments::{ChargeRequest, ChargeStatus, PaymentProvider, ProviderError};
use pepite_payments::{Stripe, StripeConfig};
use support::{request, setup};

fn declined(code: &str) -> ChargeStatus {
    ChargeStatus::Declined { code: code.into() }
}

#[tokio::test]
async fn o7_card_and_paypal_payments_succeed_and_carry_our_reference() {
    let (fake, stripe) = setup().await;
    let card = stripe.charge(&request("pm_card_visa", "k1")).await.unwrap();
    assert_eq!(card.status, ChargeStatus::Succeeded);
    assert_eq!(card.amount_cents, 4_200);
    let paypal = stripe.charge(&request("pm_paypal", "k2")).await.unwrap();
    assert_eq!(paypal.status, ChargeStatus::Succeeded);

    let intents = fake.intents();
    assert_eq!(intents.len(), 2);
    assert_eq!(intents[0].id, card.provider_ref);
    assert_eq!(
        (intents[0].amount, intents[0].status.as_str()),
        (4_200, "succeeded")
    );
    assert_eq!(intents[0].reference, "order-42");
}

#[tokio::test]
async fn declined_card_is_a_declined_charge_naming_its_intent() {
    let (fake, stripe) = setup().await;
    let charge = stripe
        .charge(&request("pm_card_chargeDeclined", "k1"))
        .await
        .unwrap();
    assert_eq!(charge.status, declined("generic_decline"));
    assert_eq!(charge.provider_ref, fake.intents()[0].id);
    let status = stripe.status(&charge.provider_ref).await.unwrap();
    assert_eq!(status.status, declined("generic_decline"));
}

#[tokio::test]
async fn insufficient_funds_is_declined_with_the_issuer_code() {
    let (_fake, stripe) = setup().await;
    let req = request("pm_card_chargeDeclinedInsufficientFunds", "k1");
    let charge = stripe.charge(&req).await.unwrap();
    assert_eq!(charge.status, declined("insufficient_funds"));
}

#[tokio::test]
async fn three_d_secure_redirects_the_buyer_then_status_tells_the_outcome() {
    let (fake, stripe) = setup().await;
    let approved = stripe
        .charge(&request("pm_card_authenticationRequired", "k1"))
        .await;
    let approved = approved.unwrap();
    let ChargeStatus::RequiresAction { redirect_url } = &approved.status else {
        panic!("expected an authentication step, got {approved:?}");
    };
    assert!(redirect_url.starts_with(&fake.base_url), "{redirect_url}");
    fake.complete_action(&approved.provider_ref, true);
    let now = stripe.status(&approved.provider_ref).await.unwrap();
    assert_eq!(now.status, ChargeStatus::Succeeded);

    let refused = stripe
        .charge(&request("pm_card_authenticationRequired", "k2"))
        .await;
    let refused = refused.unwrap();
    fake.complete_action(&refused.provider_ref, false);
    let now = stripe.status(&refused.provider_ref).await.unwrap();
    assert_eq!(
        now.status,
        declined("payment_intent_authentication_failure")
    );
}

#[tokio::test]
async fn slow_stripe_times_out_and_a_retry_with_the_same_key_learns_the_charge() {
    let (fake, stripe) = setup().await;
    let req = request("pm_slow", "k1");
    let err = stripe.charge(&req).await.unwrap_err();
    assert!(matches!(err, ProviderError::Timeout), "{err:?}");
    assert_eq!(fake.intents()[0].status, "succeeded");

    // Stripe is still working on the first request: come back later, nothing is charged twice.
    let err = stripe.charge(&req).await.unwrap_err();
    assert!(matches!(err, ProviderError::Unavailable(_)), "{err:?}");
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let settled = stripe.charge(&req).await.unwrap();
    assert_eq!(settled.status, ChargeStatus::Succeeded);
    assert_eq!(fake.intents().len(), 1);
}

#[tokio::test]
async fn unreadable_answer_is_a_bad_response() {
    let (_fake, stripe) = setup().await;
    let err = stripe
        .charge(&request("pm_garbage", "k1"))
        .await
        .unwrap_err();
    assert!(matches!(err, ProviderError::BadResponse(_)), "{err:?}");
}

#[tokio::test]
async fn server_error_is_unavailable() {
    let (fake, stripe) = setup().await;
    let err = stripe.charge(&request("pm_down", "k1")).await.unwrap_err();
    assert!(matches!(err, ProviderError::Unavailable(_)), "{err:?}");
    assert!(fake.intents().is_empty());
}

#[tokio::test]
async fn o7_same_idempotency_key_replays_one_intent_and_refuses_another_amount() {
    let (fake, stripe) = setup().await;
    let req = request("pm_card_visa", "checkout-7");
    let first = stripe.charge(&req).await.unwrap();
    let second = stripe.charge(&req).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(fake.post_count(), 2);
    assert_eq!(fake.intents().len(), 1);

    let other = ChargeRequest {
        amount_cents: 1,
        ..req
    };
    let err = stripe.charge(&other).await.unwrap_err();
    assert!(matches!(err, ProviderError::Rejected(_)), "{err:?}");
    assert_eq!(fake.intents().len(), 1);
}

#[tokio::test]
async fn refund_with_a_repeated_key_refunds_once_and_never_beyond_the_payment() {
    let (fake, stripe) = setup().await;
    let charge = stripe.charge(&request("pm_card_visa", "k1")).await.unwrap();
    let pi = &charge.provider_ref;
    let refund = stripe.refund(pi, 1_000, "r1").await.unwrap();
    assert_eq!(refund.amount_cents, 1_000);
    assert_eq!(stripe.refund(pi, 1_000, "r1").await.unwrap(), refund);
    assert_eq!(fake.refunds().len(), 1);
    assert_eq!(fake.refunds()[0].payment_intent, *pi);

    let err = stripe.refund(pi, 3_201, "r2").await.unwrap_err();
    assert!(matches!(err, ProviderError::Rejected(_)), "{err:?}");
    stripe.refund(pi, 3_200, "r3").await.unwrap();
    let refunded: i64 = fake.refunds().iter().map(|r| r.amount).sum();
    assert_eq!(refunded, 4_200);
}

#[tokio::test]
async fn cancel_releases_an_unpaid_intent_twice_over_but_not_a_paid_one() {
    let (_fake, stripe) = setup().await;
    let waiting = stripe
        .charge(&request("pm_card_authenticationRequired", "k1"))
        .await;
    let pi = waiting.unwrap().provider_ref;
    stripe.cancel(&pi, "c1").await.unwrap();
    // A new key reaches Stripe, which refuses to cancel twice: still what we wanted.
    stripe.cancel(&pi, "c2").await.unwrap();
    assert_eq!(
        stripe.status(&pi).await.unwrap().status,
        ChargeStatus::Canceled
    );

    let paid = stripe.charge(&request("pm_card_visa", "k2")).await.unwrap();
    let err = stripe.cancel(&paid.provider_ref, "c3").await.unwrap_err();
    assert!(matches!(err, ProviderError::Rejected(_)), "{err:?}");
}

#[tokio::test]
async fn wrong_key_or_foreign_ref_is_rejected() {
    let (fake, _) = setup().await;
    let config = StripeConfig {
        api_base: fake.base_url.clone(),
        secret_key: "sk_test_wrong".into(),
        ..StripeConfig::default()
    };
    let stripe = Stripe::new(config).unwrap();
    let err = stripe
        .charge(&request("pm_card_visa", "k1"))
        .await
        .unwrap_err();
    assert!(matches!(err, ProviderError::Rejected(_)), "{err:?}");
    // A ref that would walk the URL path is refused before any request.
    let err = stripe.status("pi_1/../../v1/refunds").await.unwrap_err();
    assert!(matches!(err, ProviderError::Rejected(_)), "{err:?}");
    assert!(fake.intents().is_empty());
}

#[tokio::test]
async fn o7_an_unanswered_charge_is_found_by_our_reference_in_its_metadata() {
    let (fake, stripe) = setup().await;
    assert_eq!(
        stripe.find("order-42").await.unwrap(),
        None,
        "nothing made yet"
    );
    let err = stripe.charge(&request("pm_slow", "k1")).await.unwrap_err();
    assert!(matches!(err, ProviderError::Timeout), "{err:?}");
    let found = stripe
        .find("order-42")
        .await
        .unwrap()
        .expect("found by metadata");
    assert_eq!(found.provider_ref, fake.intents()[0].id);
    assert_eq!(found.status, ChargeStatus::Succeeded);
    assert!(matches!(
        stripe.find("order-42' OR status:'succeeded").await,
        Err(ProviderError::Rejected(_))
    ));
}
