//! Commerce through the API: carts, checkouts with an `Idempotency-Key`, the sandbox's test
//! cards, a fixed instant on the manual clock, and an application that pays through the real
//! Stripe adapter pointed at the local fake of Stripe's API.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::policy::Policy;
use pepite_payments::{Stripe, StripeConfig};
use pepite_store::Db;
use pepite_testkit::stripe_fake::{FakeStripe, SECRET_KEY};
use pepite_web::WebConfig;
use serde_json::{Value, json};

use super::api::Api;
use super::{FOLDER, Harness, Reply};

/// The sandbox card that always pays.
pub const CARD_OK: &str = "4242424242424242";
/// The sandbox card that is always declined (`card_declined`).
pub const CARD_DECLINED: &str = "4000000000000002";
/// The webhook signing secret of the Stripe application.
pub const WHSEC: &str = "whsec_web_tests";

/// A valid postal address in `country`.
pub fn address(country: &str) -> Value {
    json!({"full_name": "Camille Martin", "line1": "12 rue des Lilas", "line2": "",
           "postal_code": "75011", "city": "Paris", "country": country, "phone": ""})
}

/// A checkout by card, direct shipping, to France.
pub fn checkout_body(token: &str) -> Value {
    json!({"mode": "direct", "billing": address("FR"), "delivery": address("FR"),
           "method": "card", "token": token})
}

/// A Monday: invoice numbers are of 2026.
pub const NOW: &str = "2026-03-02T10:00:00Z";

/// An app at [`NOW`] with a shop selling a dress (85 €); returns the app, the seller's token,
/// the shop's id and the dress.
pub async fn shop(db: Db) -> (Api, String, i64, i64) {
    let api = Api::new(db).await;
    api.set_clock(NOW).await;
    let (s, shop) = api.seller("s@x.fr", "Chez S").await;
    let dress = api.listed(&s, json!({"title": "Robe"})).await;
    (api, s, shop, dress)
}

/// The amounts the sandbox charged, in order.
pub async fn charges(api: &Api) -> Vec<i64> {
    let sandbox = api.app.payments.sandbox().expect("sandbox");
    sandbox
        .charges()
        .await
        .iter()
        .map(|c| c.amount_cents)
        .collect()
}

/// `body` with `key` set to `value`.
pub fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

impl Api {
    /// Sets the manual clock to an RFC 3339 instant.
    pub async fn set_clock(&self, at: &str) {
        let us = at
            .parse::<jiff::Timestamp>()
            .expect("instant")
            .as_microsecond();
        self.app.now_us().await.expect("clock");
        pepite_store::clock::set(&self.app.db, us)
            .await
            .expect("set clock");
    }

    /// A request with a JSON body, a bearer token and, optionally, an `Idempotency-Key`.
    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Value,
    ) -> Reply {
        let mut r = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "shop.example")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(k) = key {
            r = r.header("idempotency-key", k);
        }
        self.send(r.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.send_json(Method::PUT, path, token, None, body).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::DELETE, path, token, None).await
    }

    /// Puts a piece in the signed-in person's cart.
    pub async fn add_to_cart(&self, token: &str, piece: i64) -> Value {
        self.post(
            "/api/v1/cart/lines",
            Some(token),
            json!({"piece_id": piece}),
        )
        .await
        .expect(200)
        .json()
    }

    /// `POST /api/v1/checkout` with this key and body.
    pub async fn checkout(&self, token: &str, key: &str, body: Value) -> Reply {
        self.send_json(
            Method::POST,
            "/api/v1/checkout",
            Some(token),
            Some(key),
            body,
        )
        .await
    }

    /// The quote of the cart for a destination, by direct shipping.
    pub async fn quote(&self, token: &str, country: &str, gift_cards: &[&str]) -> Reply {
        let body = json!({"mode": "direct", "country": country, "gift_cards": gift_cards});
        self.post("/api/v1/checkout/quote", Some(token), body).await
    }

    /// A piece as anyone sees it.
    pub async fn piece(&self, id: i64) -> Value {
        self.get(&format!("/api/v1/pieces/{id}"), None)
            .await
            .expect(200)
            .json()
    }

    /// Buys a gift card of `amount_cents` with the card that pays; returns its code.
    pub async fn gift_card(&self, token: &str, amount_cents: i64) -> String {
        let body = json!({"amount_cents": amount_cents, "recipient_name": "Inès",
                          "message": "Bon anniversaire", "method": "card", "token": CARD_OK});
        let key = format!("gift-{amount_cents}-{}", rand_key());
        let r = self
            .send_json(
                Method::POST,
                "/api/v1/gift-cards",
                Some(token),
                Some(&key),
                body,
            )
            .await
            .expect(201)
            .json();
        assert_eq!(r["status"], "paid", "{r}");
        r["gift_card"]["code"].as_str().expect("code").to_owned()
    }
}

fn rand_key() -> u64 {
    FOLDER.fetch_add(1, Ordering::Relaxed)
}

/// An application paying through the real Stripe adapter, pointed at a local fake of
/// Stripe's API; webhooks are signed with [`WHSEC`].
pub async fn stripe_harness(db: Db) -> (FakeStripe, Harness) {
    let fake = FakeStripe::start().await;
    let stripe = Stripe::new(StripeConfig {
        api_base: fake.base_url.clone(),
        secret_key: SECRET_KEY.into(),
        webhook_secret: WHSEC.into(),
        timeout: Duration::from_secs(2),
    })
    .expect("stripe adapter");
    let n = FOLDER.fetch_add(1, Ordering::Relaxed);
    let files =
        std::env::temp_dir().join(format!("pepite-tests-stripe-{}-{n}", std::process::id()));
    let app = App::new(
        db,
        Clock::Manual,
        Arc::new(LocalFiles::new(&files)),
        Policy::marketplace(),
        Arc::new(stripe),
    );
    let router = pepite_web::router(app.clone(), WebConfig::default());
    (fake, Harness { app, router, files })
}

/// `POST /api/v1/payments/webhook` as the provider sends it: no session, no `Origin`.
pub async fn webhook(h: &Harness, signature: Option<&str>, body: Vec<u8>) -> Reply {
    let mut r = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/payments/webhook")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(s) = signature {
        r = r.header("stripe-signature", s);
    }
    h.oneshot(r.body(Body::from(body)).expect("request")).await
}

/// A new account on `h` and a bearer token for it.
pub async fn bearer(h: &Harness, email: &str) -> String {
    let input = super::people::sign_up_input(email, "Léa", "fr");
    super::people::register(&h.app, &input, &[]).await;
    let body = json!({"email": email, "password": super::people::PASSWORD, "label": "tests"});
    let r = h
        .oneshot(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/auth/tokens")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("request"),
        )
        .await
        .expect(201);
    r.json()["token"].as_str().expect("token").to_owned()
}
