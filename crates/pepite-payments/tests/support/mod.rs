//! Shared by the Stripe test files: the fake started with the adapter pointed at it.

use std::time::Duration;

use pepite_app::payments::{ChargeRequest, Method};
use pepite_payments::{Stripe, StripeConfig};
use pepite_testkit::stripe_fake::{FakeStripe, SECRET_KEY};

/// The webhook signing secret the adapter is configured with.
pub const WHSEC: &str = "whsec_test";

/// The fake, and the adapter pointed at it with a 1 s timeout (the fake's slow card takes 3 s).
pub async fn setup() -> (FakeStripe, Stripe) {
    let fake = FakeStripe::start().await;
    let stripe = Stripe::new(StripeConfig {
        api_base: fake.base_url.clone(),
        secret_key: SECRET_KEY.into(),
        webhook_secret: WHSEC.into(),
        timeout: Duration::from_secs(1),
    })
    .unwrap();
    (fake, stripe)
}

/// A 42 € payment for "order-42" with the fake's magic PaymentMethod `token`.
pub fn request(token: &str, key: &str) -> ChargeRequest {
    ChargeRequest {
        amount_cents: 4_200,
        currency: "EUR".into(),
        method: if token == "pm_paypal" {
            Method::Paypal
        } else {
            Method::Card
        },
        token: token.into(),
        idempotency_key: key.into(),
        reference: "order-42".into(),
        description: "Pépite order 42".into(),
        return_url: "https://pepite.example/checkout/return".into(),
    }
}
