//! Stripe webhooks through the real adapter: events signed by the fake of Stripe's API are
//! accepted only with a matching HMAC-SHA256 signature less than 300 s from now.

mod support;

use pepite_app::payments::{PaymentProvider, WebhookError, WebhookKind};
use pepite_payments::sign_webhook;
use support::{WHSEC, request, setup};

#[tokio::test]
async fn webhook_with_a_good_signature_reports_the_payment() {
    let (fake, stripe) = setup().await;
    let paid = stripe.charge(&request("pm_card_visa", "k1")).await.unwrap();
    let (header, body) = fake.webhook(WHSEC, "payment_intent.succeeded", &paid.provider_ref, 1_000);
    let event = stripe.parse_webhook(Some(&header), &body, 1_010).unwrap();
    assert!(event.id.starts_with("evt_"));
    let provider_ref = paid.provider_ref.clone();
    assert_eq!(event.kind, WebhookKind::PaymentSucceeded { provider_ref });

    let failed = stripe
        .charge(&request("pm_card_chargeDeclined", "k2"))
        .await
        .unwrap();
    let (header, body) = fake.webhook(
        WHSEC,
        "payment_intent.payment_failed",
        &failed.provider_ref,
        1_000,
    );
    let event = stripe.parse_webhook(Some(&header), &body, 1_000).unwrap();
    let (provider_ref, code) = (failed.provider_ref, "generic_decline".to_owned());
    assert_eq!(
        event.kind,
        WebhookKind::PaymentFailed { provider_ref, code }
    );

    let (header, body) = fake.webhook(WHSEC, "charge.refunded", &paid.provider_ref, 1_000);
    let event = stripe.parse_webhook(Some(&header), &body, 1_000).unwrap();
    assert_eq!(event.kind, WebhookKind::Other("charge.refunded".into()));
}

#[tokio::test]
async fn webhook_signed_with_another_secret_or_missing_is_refused() {
    let (fake, stripe) = setup().await;
    let (header, body) = fake.webhook("whsec_other", "payment_intent.succeeded", "pi_x", 1_000);
    let refused = stripe.parse_webhook(Some(&header), &body, 1_000);
    assert_eq!(refused, Err(WebhookError::BadSignature));
    let missing = stripe.parse_webhook(None, &body, 1_000);
    assert_eq!(missing, Err(WebhookError::MissingSignature));
}

#[tokio::test]
async fn webhook_older_or_newer_than_five_minutes_is_stale() {
    let (fake, stripe) = setup().await;
    let (header, body) = fake.webhook(WHSEC, "payment_intent.succeeded", "pi_x", 1_000);
    assert!(stripe.parse_webhook(Some(&header), &body, 1_300).is_ok());
    assert_eq!(
        stripe.parse_webhook(Some(&header), &body, 1_301),
        Err(WebhookError::Stale)
    );
    assert_eq!(
        stripe.parse_webhook(Some(&header), &body, 699),
        Err(WebhookError::Stale)
    );
}

#[tokio::test]
async fn webhook_with_a_tampered_body_is_refused() {
    let (fake, stripe) = setup().await;
    let (header, body) = fake.webhook(WHSEC, "payment_intent.succeeded", "pi_x", 1_000);
    let tampered = String::from_utf8(body).unwrap().replace("pi_x", "pi_y");
    let refused = stripe.parse_webhook(Some(&header), tampered.as_bytes(), 1_000);
    assert_eq!(refused, Err(WebhookError::BadSignature));
}

#[tokio::test]
async fn webhook_matching_any_of_several_v1_signatures_is_accepted() {
    // While a secret is rolled, Stripe signs with the old and the new one.
    let (fake, stripe) = setup().await;
    let (header, body) = fake.webhook(WHSEC, "payment_intent.succeeded", "pi_x", 1_000);
    let old = sign_webhook("whsec_old", 1_000, &body);
    let old_v1 = old.split_once(",v1=").unwrap().1;
    let (_, new_v1) = header.split_once(',').unwrap();
    let both = format!("t=1000,v1={old_v1},{new_v1}");
    assert!(stripe.parse_webhook(Some(&both), &body, 1_000).is_ok());
    let only_old = format!("t=1000,v1={old_v1}");
    let refused = stripe.parse_webhook(Some(&only_old), &body, 1_000);
    assert_eq!(refused, Err(WebhookError::BadSignature));
}
