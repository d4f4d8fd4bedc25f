//! After the sale through the pages and the API (F1, F3, F4, F5, item 12 of issue 10): the seller
//! ships from their order page or the API, with field errors in their language; the buyer's
//! page links to the carrier; the carrier's signed webhook and staff record deliveries; admins
//! edit carriers; the buyer cancels before dispatch; refusals are problem documents, never a
//! 500.

mod support;

use axum::http::{Method, header};
use pepite_app::webhook_signature::sign;
use pepite_domain::account::Role;
use pepite_domain::commerce::ShippingMode;
use serde_json::{Value, json};
use support::orders::{NOW_US, fixed_clock, listed, order};
use support::people::PASSWORD;
use support::sell::{Person, Site, open_shop};
use support::{CARRIER_SECRET, Reply};

const LAPOSTE: &str = "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901";

/// A bearer token for `p` (same password as every test account).
async fn token(site: &Site, email: &str) -> String {
    let body = json!({"email": email, "password": PASSWORD, "label": "tests"});
    let r = api(site, Method::POST, "/api/v1/auth/tokens", None, Some(body))
        .await
        .expect(201);
    r.json()["token"].as_str().unwrap().to_owned()
}

async fn api(
    site: &Site,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut r = axum::http::Request::builder().method(method).uri(path);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let body = match body {
        Some(v) => {
            r = r.header(header::CONTENT_TYPE, "application/json");
            axum::body::Body::from(v.to_string())
        }
        None => axum::body::Body::empty(),
    };
    site.oneshot(r.body(body).unwrap()).await
}

/// The buyer's API cancellation of order `id`, under `Idempotency-Key: key` (O7).
async fn cancel(site: &Site, token: &str, id: i64, key: &str) -> Reply {
    let request = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/orders/{id}/cancel"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header("idempotency-key", key)
        .body(axum::body::Body::empty())
        .unwrap();
    site.oneshot(request).await
}

/// A carrier event as `carrier` posts it, signed with `secret` now.
async fn event(site: &Site, carrier: &str, secret: &str, id: &str, tracking: &str) -> Reply {
    let body = format!(
        r#"{{"id":"{id}","type":"delivered","tracking":"{tracking}","occurred_at":{}}}"#,
        NOW_US / 1_000_000
    );
    let signature = sign(secret, NOW_US / 1_000_000, body.as_bytes());
    let request = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/carriers/{carrier}/events"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("pepite-signature", signature)
        .body(axum::body::Body::from(body))
        .unwrap();
    site.oneshot(request).await
}

/// Léa's shop, Bob the buyer, and a paid direct order of one of Léa's pieces.
async fn sold(site: &Site) -> (Person, Person, i64) {
    fixed_clock(site).await;
    let lea = site.person("lea@example.fr", &[]).await;
    open_shop(site, &lea, "Chez Léa").await;
    let bob = site.person("bob@example.fr", &[]).await;
    let robe = listed(site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
    let out = order(site, &bob, &[robe], ShippingMode::Direct, None).await;
    (lea, bob, out.order_id)
}

pepite_testkit::both_backends!(
    async fn f1_f3_seller_ships_on_the_page_and_the_buyer_follows_the_carriers_link(db) {
        let site = Site::new(db).await;
        let (lea, bob, id) = sold(&site).await;
        let page = format!("/sell/orders/{id}");
        let form = site.get(&lea.cookie, &page).await.expect(200);
        assert!(form.has("/parcels/1/ship") && form.has(">Colissimo<") && form.has(">Mondial Relay<"), "{}", form.body);
        let ship = format!("{page}/parcels/1/ship");
        // F1: a number outside the carrier's format comes back beside its field, as typed.
        let refused = site.post(&lea.cookie, &ship, &[("carrier", "ups"), ("tracking", "6A12345678901ABCDE")]).await.expect(422);
        assert!(refused.has("Ce numéro ne correspond pas au format"), "{}", refused.body);
        assert!(refused.has(r#"value="6A12345678901ABCDE""#));
        let english = site.post(&lea.in_english(), &ship, &[("carrier", "ups"), ("tracking", "6A12345678901ABCDE")]).await.expect(422);
        assert!(english.has("does not match the format"), "{}", english.body);
        let no_carrier = site.post(&lea.cookie, &ship, &[("carrier", ""), ("tracking", "6A12345678901")]).await.expect(422);
        assert!(no_carrier.has("Choisissez une valeur"), "{}", no_carrier.body);

        let done = site.post(&lea.cookie, &ship, &[("carrier", "colissimo"), ("tracking", "6a 1234 5678 901")]).await.expect(303);
        assert_eq!(done.location(), page);
        let seller_view = site.get(&lea.cookie, &page).await.expect(200);
        assert!(seller_view.has(LAPOSTE) && seller_view.has("Expédiée"), "{}", seller_view.body);
        assert!(!seller_view.has("/parcels/1/ship"), "no second form");
        let seller_list = site.get(&lea.cookie, "/sell/orders").await.expect(200);
        assert!(seller_list.has("Expédiée"), "item 12: the seller's list reads the same state");
        // Marking twice is refused and changes nothing.
        site.post(&lea.cookie, &ship, &[("carrier", "dhl"), ("tracking", "1234567890")]).await.expect(409);

        // F3: the buyer's order shows the state and a working link to the carrier's page.
        let buyer_view = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(buyer_view.has(&format!(r#"href="{LAPOSTE}""#)), "{}", buyer_view.body);
        assert!(buyer_view.has("Expédiée") && buyer_view.has("Colissimo"));
        let list = site.get(&bob.cookie, "/orders").await.expect(200);
        assert!(list.has("Expédiée"), "item 12: the list reads the same state");
        // A4: the buyer cannot ship, nor can anyone for an order that does not exist.
        site.post(&bob.cookie, &ship, &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(404);
        site.post(&lea.cookie, "/sell/orders/999999/parcels/1/ship", &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn f1_f4_api_ships_and_staff_deliver_with_problem_documents(db) {
        let site = Site::new(db).await;
        let (_lea, _bob, id) = sold(&site).await;
        let seller = token(&site, "lea@example.fr").await;
        let buyer = token(&site, "bob@example.fr").await;
        let shipment = format!("/api/v1/seller/orders/{id}/parcels/1/shipment");
        let bad = api(&site, Method::POST, &shipment, Some(&seller), Some(json!({"carrier": "ups", "tracking": "6A12345678901ABCDE"}))).await.expect(422);
        assert_eq!(bad.json()["errors"][0]["field"], "tracking");
        assert_eq!(bad.json()["errors"][0]["code"], "tracking_format");
        let nul = api(&site, Method::POST, &shipment, Some(&seller), Some(json!({"carrier": "colissimo", "tracking": "6A\u{0}1"}))).await.expect(422);
        assert_eq!(nul.json()["errors"][0]["field"], "tracking");
        api(&site, Method::POST, &shipment, Some(&buyer), Some(json!({"carrier": "colissimo", "tracking": "6A12345678901"}))).await.expect(404);
        let ok = api(&site, Method::POST, &shipment, Some(&seller), Some(json!({"carrier": "colissimo", "tracking": "6A12345678901"}))).await.expect(200);
        assert_eq!(ok.json()["tracking_link"], LAPOSTE);
        let twice = api(&site, Method::POST, &shipment, Some(&seller), Some(json!({"carrier": "colissimo", "tracking": "6A12345678901"}))).await.expect(409);
        assert_eq!(twice.json()["code"], "already_shipped");
        let view = api(&site, Method::GET, &format!("/api/v1/orders/{id}"), Some(&buyer), None).await.expect(200);
        assert_eq!(view.json()["progress"], "shipped");
        assert_eq!(view.json()["shipments"][0]["tracking"], "6A12345678901");

        // F4: staff record the delivery; the buyer may not; twice is a conflict.
        site.person("service@example.fr", &[Role::CustomerService]).await;
        let staff = token(&site, "service@example.fr").await;
        let delivery = format!("/api/v1/staff/orders/{id}/parcels/1/delivery");
        api(&site, Method::POST, &delivery, Some(&buyer), None).await.expect(403);
        api(&site, Method::POST, &delivery, Some(&staff), None).await.expect(204);
        let again = api(&site, Method::POST, &delivery, Some(&staff), None).await.expect(409);
        assert_eq!(again.json()["code"], "already_delivered");
        let view = api(&site, Method::GET, &format!("/api/v1/orders/{id}"), Some(&buyer), None).await.expect(200);
        assert_eq!(view.json()["progress"], "delivered");
        assert!(view.json()["shipments"][0]["delivered_at"].is_string());
        let mine = api(&site, Method::GET, "/api/v1/orders", Some(&buyer), None).await.expect(200);
        assert_eq!(mine.json()["items"][0]["progress"], "delivered");
    }
);

pepite_testkit::both_backends!(
    async fn f4_carrier_webhook_is_signed_deduplicated_and_refuses_clearly(db) {
        let site = Site::new(db).await;
        let (lea, bob, id) = sold(&site).await;
        site.post(&lea.cookie, &format!("/sell/orders/{id}/parcels/1/ship"), &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(303);

        let forged = event(&site, "colissimo", "guessed", "evt-1", "6A12345678901").await.expect(400);
        assert_eq!(forged.json()["code"], "invalid_signature");
        assert!(forged.content_type().starts_with("application/problem+json"));
        let unknown = event(&site, "colissimo", CARRIER_SECRET, "evt-1", "6A99999999999").await.expect(422);
        assert_eq!(unknown.json()["code"], "unknown_parcel");
        event(&site, "nobody", CARRIER_SECRET, "evt-1", "6A12345678901").await.expect(404);
        let page = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(!page.has("Livré le"), "nothing written by a refusal");

        let delivered = event(&site, "colissimo", CARRIER_SECRET, "evt-1", "6A12345678901").await.expect(200);
        assert_eq!(delivered.json()["result"], "delivered");
        let repeat = event(&site, "colissimo", CARRIER_SECRET, "evt-1", "6A12345678901").await.expect(200);
        assert_eq!(repeat.json()["result"], "duplicate");
        let page = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(page.has("Livré le 20 novembre 2026") && page.has("Livrée"), "{}", page.body);
    }
);

pepite_testkit::both_backends!(
    async fn p3_admins_edit_carriers_in_the_back_office_and_the_api(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let admin = site.person("admin@example.fr", &[Role::Admin]).await;
        let workshop = site.person("atelier@example.fr", &[Role::Workshop]).await;
        let list = site.get(&admin.cookie, "/back-office/carriers").await.expect(200);
        assert!(list.has("Mondial Relay") && list.has("Chronopost") && list.has("[0-9]{8,12}"), "{}", list.body);
        site.get(&workshop.cookie, "/back-office/carriers").await.expect(404);
        let fields = |url: &'static str| vec![("name", "DPD France"), ("tracking_url", url), ("countries", "FR, BE"), ("tracking_format", "[0-9]{14}"), ("active", "on")];
        let refused = site.post(&admin.cookie, "/back-office/carriers/dpd", &fields("http://dpd.fr/track")).await.expect(422);
        assert!(refused.has("Donnez une adresse https://"), "{}", refused.body);
        site.post(&admin.cookie, "/back-office/carriers/dpd", &fields("https://dpd.fr/t/{tracking}")).await.expect(303);
        let mut new = fields("https://post.ch/{tracking}");
        new.push(("code", "swiss_post"));
        site.post(&admin.cookie, "/back-office/carriers", &new).await.expect(303);
        site.post(&admin.cookie, "/back-office/carriers", &new).await.expect(422);

        let carriers = api(&site, Method::GET, "/api/v1/carriers", None, None).await.expect(200);
        let dpd = carriers.json().as_array().unwrap().iter().find(|c| c["code"] == "dpd").cloned().unwrap();
        assert_eq!((dpd["name"].as_str(), dpd["countries"].clone()), (Some("DPD France"), json!(["FR", "BE"])));
        // Staff routes check the role before the body.
        site.person("max@example.fr", &[]).await;
        let max = token(&site, "max@example.fr").await;
        let garbage = axum::http::Request::builder()
            .method(Method::PUT)
            .uri("/api/v1/admin/carriers/dpd")
            .header(header::AUTHORIZATION, format!("Bearer {max}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from("[nonsense"))
            .unwrap();
        site.oneshot(garbage).await.expect(403);
        let boss = token(&site, "admin@example.fr").await;
        let body = json!({"name": "GLS", "tracking_url": "https://gls.fr/{tracking}", "countries": ["FR"], "tracking_format": "([0-9]"});
        let bad = api(&site, Method::PUT, "/api/v1/admin/carriers/gls", Some(&boss), Some(body)).await.expect(422);
        assert_eq!(bad.json()["errors"][0]["code"], "invalid_pattern");
        let body = json!({"name": "GLS", "tracking_url": "https://gls.fr/{tracking}", "countries": ["FR"]});
        let ok = api(&site, Method::PUT, "/api/v1/admin/carriers/gls", Some(&boss), Some(body)).await.expect(200);
        assert_eq!(ok.json()["tracking_format"], Value::Null);
    }
);

pepite_testkit::both_backends!(
    async fn f4_workshop_records_a_delivery_in_the_back_office(db) {
        let site = Site::new(db).await;
        let (lea, _bob, id) = sold(&site).await;
        let workshop = site.person("atelier@example.fr", &[Role::Workshop]).await;
        let finance = site.person("finance@example.fr", &[Role::Finance]).await;
        let deliver = format!("/back-office/orders/{id}/parcels/1/delivered");
        // Not shipped yet: refused, and no button.
        let before = site.get(&workshop.cookie, &format!("/back-office/orders/{id}")).await.expect(200);
        assert!(!before.has(&deliver) && before.has("Pas encore expédié"));
        site.post(&workshop.cookie, &deliver, &[]).await.expect(409);
        site.post(&lea.cookie, &format!("/sell/orders/{id}/parcels/1/ship"), &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(303);
        let shipped = site.get(&workshop.cookie, &format!("/back-office/orders/{id}")).await.expect(200);
        assert!(shipped.has(&deliver) && shipped.has(LAPOSTE) && shipped.has("Expédiée"), "{}", shipped.body);
        // Finance reads orders but does not record deliveries.
        site.post(&finance.cookie, &deliver, &[]).await.expect(404);
        site.post(&workshop.cookie, &deliver, &[]).await.expect(303);
        let after = site.get(&workshop.cookie, &format!("/back-office/orders/{id}")).await.expect(200);
        assert!(after.has("Livré le 20 novembre 2026") && after.has("Livrée") && after.has("saisi par l’équipe"), "{}", after.body);
    }
);

pepite_testkit::both_backends!(
    async fn f5_buyer_cancels_before_dispatch_on_the_page_and_not_after_in_the_api(db) {
        let site = Site::new(db).await;
        let (lea, bob, id) = sold(&site).await;
        let page = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(page.has(&format!(r#"action="/orders/{id}/cancel""#)), "{}", page.body);
        // A4: the seller cannot cancel the buyer's order.
        site.post(&lea.cookie, &format!("/orders/{id}/cancel"), &[]).await.expect(404);
        site.post(&bob.cookie, &format!("/orders/{id}/cancel"), &[]).await.expect(303);
        let after = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(after.has("Annulée") && after.has("tout ce que vous avez payé vous est rendu"), "{}", after.body);
        assert!(!after.has(&format!(r#"action="/orders/{id}/cancel""#)));
        let seller_view = site.get(&lea.cookie, &format!("/sell/orders/{id}")).await.expect(200);
        assert!(seller_view.has("n’envoyez rien") && !seller_view.has("/parcels/1/ship"), "{}", seller_view.body);
        let buyer = token(&site, "bob@example.fr").await;
        let again = cancel(&site, &buyer, id, "cancel-1").await.expect(409);
        assert_eq!(again.json()["code"], "already_cancelled");
        let view = api(&site, Method::GET, &format!("/api/v1/orders/{id}"), Some(&buyer), None).await.expect(200);
        assert_eq!(view.json()["progress"], "cancelled");

        // Another order, shipped: the API refuses to cancel it.
        let robe = listed(&site, &lea, "Veste en tweed", "Chanel", 20_000).await;
        let second = order(&site, &bob, &[robe], ShippingMode::Direct, None).await.order_id;
        site.post(&lea.cookie, &format!("/sell/orders/{second}/parcels/1/ship"), &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(303);
        let late = cancel(&site, &buyer, second, "cancel-2").await.expect(409);
        assert_eq!(late.json()["code"], "dispatched");
        cancel(&site, &buyer, 999999, "cancel-3").await.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn o7_f5_a_cancel_replayed_with_its_idempotency_key_answers_the_same_and_refunds_once(db) {
        let site = Site::new(db).await;
        let (lea, bob, id) = sold(&site).await;
        let buyer = token(&site, "bob@example.fr").await;
        let sandbox = site.app.payments.sandbox().unwrap();
        let before = sandbox.captured_cents().await;
        // O7: without the header the request is refused before anything moves.
        let bare = api(&site, Method::POST, &format!("/api/v1/orders/{id}/cancel"), Some(&buyer), None).await.expect(400);
        assert_eq!(bare.json()["code"], "idempotency_key_missing");
        assert_eq!(sandbox.captured_cents().await, before);

        let first = cancel(&site, &buyer, id, "cancel-once").await.expect(200);
        let card_cents = first.json()["card_cents"].as_i64().unwrap();
        assert!(card_cents > 0 && first.json()["refunded"] == true, "{}", first.body);
        assert_eq!(sandbox.captured_cents().await, before - card_cents);
        // The same key again (a retry, a double click): the first answer, and no second refund.
        let replay = cancel(&site, &buyer, id, "cancel-once").await.expect(200);
        assert_eq!(replay.json(), first.json());
        assert_eq!(sandbox.captured_cents().await, before - card_cents, "refunded once");
        let refunds = pepite_store::commerce::payments::of_order(&site.app.db, id).await.unwrap();
        assert_eq!(refunds.iter().filter(|p| p.state == "refunded").count(), 1, "{refunds:?}");
        // A new key is a new request: the order is already cancelled.
        let other = cancel(&site, &buyer, id, "cancel-twice").await.expect(409);
        assert_eq!(other.json()["code"], "already_cancelled");
        // The same key for another order is refused, and that order stays paid.
        let robe = listed(&site, &lea, "Veste en tweed", "Chanel", 20_000).await;
        let second = order(&site, &bob, &[robe], ShippingMode::Direct, None).await.order_id;
        let captured = sandbox.captured_cents().await;
        let reused = cancel(&site, &buyer, second, "cancel-once").await.expect(409);
        assert_eq!(reused.json()["code"], "idempotency_key_reused");
        assert_eq!(sandbox.captured_cents().await, captured);
        let view = api(&site, Method::GET, &format!("/api/v1/orders/{second}"), Some(&buyer), None).await.expect(200);
        assert_ne!(view.json()["progress"], "cancelled");
    }
);
