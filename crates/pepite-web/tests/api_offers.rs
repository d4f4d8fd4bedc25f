//! Price offers (N1–N7, C6) and alerts (L1) through the API, on SQLite and PostgreSQL: the
//! bounds of an offer, a counter-offer that becomes everyone's price for a day, the buying
//! link, and an alert that fires once when staff put a sold piece back on sale.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_app::catalog;
use pepite_domain::account::Role;
use pepite_domain::time::DAY_US;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::Api;
use support::commerce::NOW;

const HOUR_US: i64 = DAY_US / 24;

/// An app at [`NOW`] with a shop selling a dress at 85 € open to offers, and a buyer;
/// returns the app, the seller's and the buyer's tokens, and the dress.
async fn offers_shop(db: pepite_store::Db) -> (Api, String, String, i64) {
    let api = Api::new(db).await;
    api.set_clock(NOW).await;
    let (seller, _) = api.seller("s@x.fr", "Chez S").await;
    let dress = api
        .listed(&seller, json!({"title": "Robe", "open_to_offers": true}))
        .await;
    let buyer = api.account("b@x.fr").await;
    (api, seller, buyer, dress)
}

async fn advance_hours(api: &Api, hours: i64) {
    api.app.now_us().await.expect("clock");
    pepite_store::clock::advance(&api.app.db, hours * HOUR_US)
        .await
        .expect("advance clock");
}

async fn offer(api: &Api, token: &str, piece: i64, cents: i64) -> support::Reply {
    let body = json!({"piece_id": piece, "amount_cents": cents});
    api.post("/api/v1/offers", Some(token), body).await
}

/// An offer made and answered, as the seller sees it afterwards.
async fn answered(api: &Api, seller: &str, id: i64, answer: &str, body: Value) -> support::Reply {
    let path = format!("/api/v1/seller/offers/{id}/{answer}");
    api.post(&path, Some(seller), body).await
}

/// The message of the first refused field, in the language asked for.
async fn message_in(api: &Api, token: &str, body: Value, lang: &str) -> String {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/offers")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(body.to_string()))
        .expect("request");
    let p = api
        .send(request)
        .await
        .field_error("amount", "offer_below_minimum");
    p["errors"][0]["message"]
        .as_str()
        .expect("message")
        .to_owned()
}

fn price(piece: &Value) -> (i64, i64) {
    (
        piece["price"]["amount_cents"].as_i64().expect("price"),
        piece["list_price"]["amount_cents"]
            .as_i64()
            .expect("list price"),
    )
}

both_backends!(
    async fn n1_n2_n3_an_offer_below_seventy_percent_is_refused_with_its_minimum(db) {
        let (api, seller, buyer, dress) = offers_shop(db).await;
        api.post("/api/v1/offers", None, json!({"piece_id": dress, "amount_cents": 7_000}))
            .await
            .problem(401, "unauthenticated");

        // N3: at least 70 % of 85 € is 59.50 €; the minimum is in the problem, in cents.
        let p = offer(&api, &buyer, dress, 5_949).await.field_error("amount", "offer_below_minimum");
        assert_eq!(p["errors"][0]["limit"], 5_950, "{p}");
        let body = json!({"piece_id": dress, "amount_cents": 5_000});
        let fr = message_in(&api, &buyer, body.clone(), "fr").await;
        let en = message_in(&api, &buyer, body, "en").await;
        assert!(fr.contains("minimum"), "{fr}");
        assert!(en.contains("lowest amount"), "{en}");
        // …and below the current price.
        offer(&api, &buyer, dress, 8_500).await.field_error("amount", "offer_not_below_price");
        api.post("/api/v1/offers", Some(&buyer), json!({"piece_id": dress}))
            .await
            .field_error("amount", "required");
        // N1: not on one's own piece, nor on a piece closed to offers or unknown.
        offer(&api, &seller, dress, 7_000).await.problem(409, "offer_own_piece");
        let closed = api.listed(&seller, json!({"title": "Veste", "open_to_offers": false})).await;
        offer(&api, &buyer, closed, 7_000).await.problem(409, "offer_not_open");
        offer(&api, &buyer, 999_999, 7_000).await.problem(404, "not_found");

        let made = offer(&api, &buyer, dress, 5_950).await.expect(201).json();
        assert_eq!((made["state"].as_str(), made["amount_cents"].as_i64()), (Some("open"), Some(5_950)));
        assert_eq!(made["list_price_cents"], 8_500);
        assert_eq!(made["answer_by"], "2026-03-03T10:00:00Z", "N4: 24 h to answer");
        assert_eq!(made["currency"], "EUR");
        // N2: one offer per piece, ever.
        offer(&api, &buyer, dress, 7_000).await.problem(409, "offer_already_made");

        let id = made["id"].as_i64().unwrap();
        let mine = api.get("/api/v1/offers", Some(&buyer)).await.expect(200).json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        let inbox = api.get("/api/v1/seller/offers", Some(&seller)).await.expect(200).json();
        assert_eq!(inbox["items"][0]["id"], id);
        assert_eq!(inbox["items"][0]["buyer_name"], "Léa");
        api.get("/api/v1/seller/offers", Some(&buyer)).await.problem(403, "forbidden");
        // A4: someone else's offer is not found.
        let other = api.account("o@x.fr").await;
        api.get(&format!("/api/v1/offers/{id}"), Some(&other)).await.problem(404, "not_found");
        api.get(&format!("/api/v1/offers/{id}"), Some(&seller)).await.expect(200);
        answered(&api, &buyer, id, "accept", json!({})).await.problem(403, "forbidden");
    }
);

both_backends!(
    async fn n5_n6_c6_a_counter_offer_is_everyones_price_for_a_day(db) {
        let (api, seller, buyer, dress) = offers_shop(db).await;
        let id = offer(&api, &buyer, dress, 6_500).await.expect(201).json()["id"].as_i64().unwrap();

        // N5: above the offer, and within N3.
        answered(&api, &seller, id, "counter", json!({"amount_cents": 6_500}))
            .await
            .field_error("amount", "counter_not_above_offer");
        answered(&api, &seller, id, "counter", json!({"amount_cents": 8_500}))
            .await
            .field_error("amount", "offer_not_below_price");
        let countered = answered(&api, &seller, id, "counter", json!({"amount_cents": 7_500}))
            .await
            .expect(200)
            .json();
        assert_eq!(countered["state"], "countered");
        assert_eq!((countered["counter_cents"].as_i64(), countered["agreed_cents"].as_i64()), (Some(7_500), Some(7_500)));
        assert_eq!(countered["agreed_until"], "2026-03-03T10:00:00Z");
        answered(&api, &seller, id, "accept", json!({}))
            .await
            .problem(409, "offer_not_awaiting_answer");

        // C6: another buyer sees and pays the agreed price, in the API, the pages and the cart.
        let other = api.account("o@x.fr").await;
        let piece = api.piece(dress).await;
        assert_eq!(price(&piece), (7_500, 8_500));
        assert_eq!(piece["agreed_until"], "2026-03-03T10:00:00Z");
        let found = api.get("/api/v1/pieces?q=robe", None).await.expect(200).json();
        assert_eq!(price(&found["items"][0]), (7_500, 8_500));
        let page = api.get(&format!("/pieces/{dress}"), None).await.expect(200);
        assert!(page.has("75,00\u{a0}€") && page.has("<s class=\"price-was\">"), "{}", page.text());
        assert!(page.has("85,00\u{a0}€") && page.has("jusqu’au 3 mars 2026 à 11:00"), "{}", page.text());
        let search = api.get("/search?q=robe", None).await.expect(200);
        assert!(search.has("75,00\u{a0}€") && search.has("price-was"), "{}", search.text());
        let cart = api.add_to_cart(&other, dress).await;
        assert_eq!(cart["lines"][0]["price_cents"], 7_500);
        assert_eq!(cart["goods_cents"], 7_500);
        // N3: an offer must now be below the agreed price.
        offer(&api, &other, dress, 7_500).await.field_error("amount", "offer_not_below_price");

        // N6: after 24 h the list price is back, for everyone.
        advance_hours(&api, 25).await;
        let piece = api.piece(dress).await;
        assert_eq!(price(&piece), (8_500, 8_500));
        assert!(piece["agreed_until"].is_null());
        let mine = api.get(&format!("/api/v1/offers/{id}"), Some(&buyer)).await.expect(200).json();
        assert_eq!(mine["state"], "lapsed");
        assert!(mine["agreed_cents"].is_null());
        let cart = api.get("/api/v1/cart", Some(&other)).await.expect(200).json();
        assert_eq!(cart["lines"][0]["price_cents"], 8_500);
        assert_eq!(cart["lines"][0]["price_changed"], true, "K2");
    }
);

both_backends!(
    async fn n5_c6_the_buyer_declines_a_counter_offer_and_the_list_price_is_back(db) {
        let (api, seller, buyer, dress) = offers_shop(db).await;
        let id = offer(&api, &buyer, dress, 6_500).await.expect(201).json()["id"].as_i64().unwrap();
        let decline = format!("/api/v1/offers/{id}/decline");
        api.post(&decline, Some(&buyer), json!({})).await.problem(409, "offer_no_counter_running");
        answered(&api, &seller, id, "counter", json!({"amount_cents": 7_500})).await.expect(200);
        assert_eq!(price(&api.piece(dress).await), (7_500, 8_500));
        // A4: only the buyer declines; anyone else's attempt is a missing offer.
        let other = api.account("o@x.fr").await;
        api.post(&decline, Some(&other), json!({})).await.problem(404, "not_found");
        api.post(&decline, Some(&seller), json!({})).await.problem(404, "not_found");
        api.post("/api/v1/offers/999999/decline", Some(&buyer), json!({})).await.problem(404, "not_found");
        api.post(&decline, None, json!({})).await.problem(401, "unauthenticated");

        let declined = api.post(&decline, Some(&buyer), json!({})).await.expect(200).json();
        assert_eq!(declined["state"], "declined");
        assert!(declined["agreed_cents"].is_null());
        assert_eq!(price(&api.piece(dress).await), (8_500, 8_500), "C6: the list price is back at once");
        let seen = api.get(&format!("/api/v1/offers/{id}"), Some(&seller)).await.expect(200).json();
        assert_eq!(seen["state"], "declined", "the seller sees it declined");
        api.post(&decline, Some(&buyer), json!({})).await.problem(409, "offer_no_counter_running");
    }
);

both_backends!(
    async fn n6_the_buying_link_fills_the_cart_at_the_agreed_price(db) {
        let (api, seller, buyer, dress) = offers_shop(db).await;
        let id = offer(&api, &buyer, dress, 6_000).await.expect(201).json()["id"].as_i64().unwrap();
        let buy = format!("/api/v1/offers/{id}/buy");
        api.post(&buy, Some(&buyer), json!({})).await.problem(409, "offer_not_agreed");

        let accepted = answered(&api, &seller, id, "accept", json!({})).await.expect(200).json();
        assert_eq!((accepted["state"].as_str(), accepted["agreed_cents"].as_i64()), (Some("accepted"), Some(6_000)));
        // Only the buyer's link works (A4).
        let other = api.account("o@x.fr").await;
        api.post(&buy, Some(&other), json!({})).await.problem(404, "not_found");
        api.post(&buy, Some(&seller), json!({})).await.problem(404, "not_found");

        let r = api.post(&buy, Some(&buyer), json!({})).await.expect(200).json();
        assert_eq!(r["piece_id"], dress);
        let cart = api.get("/api/v1/cart", Some(&buyer)).await.expect(200).json();
        assert_eq!(cart["lines"][0]["price_cents"], 6_000);
        assert_eq!(cart["goods_cents"], 6_000);

        // The e-mail's link is a GET: signed out, it goes through sign-in and back.
        let page = format!("/offers/{id}/buy");
        let r = api.get(&page, None).await.expect(303);
        assert_eq!(r.location(), format!("/sign-in?next=%2Foffers%2F{id}%2Fbuy"));
        let r = api.get(&page, Some(&buyer)).await.expect(303);
        assert_eq!(r.location(), "/checkout");
        // Once the agreement lapsed, the link says so instead of filling the cart.
        advance_hours(&api, 25).await;
        let r = api.get(&page, Some(&buyer)).await.expect(303);
        assert_eq!(r.location(), "/account/offers?refused=offer_not_agreed");
        let mine = api.get(r.location(), Some(&buyer)).await.expect(200);
        assert!(mine.has("Aucun prix convenu ne court plus"), "{}", mine.text());
    }
);

both_backends!(
    async fn l1_an_alert_fires_once_when_staff_put_a_sold_piece_back_on_sale(db) {
        let (api, seller, buyer, dress) = offers_shop(db).await;
        let alert = format!("/api/v1/pieces/{dress}/alert");
        // Only a sold piece takes an alert.
        api.put(&alert, Some(&buyer), json!({})).await.problem(409, "alert_piece_not_sold");
        assert!(catalog::mark_sold(&api.app, dress).await.unwrap());
        api.put(&alert, None, json!({})).await.problem(401, "unauthenticated");
        api.put(&alert, Some(&buyer), json!({})).await.expect(204);
        api.put(&alert, Some(&buyer), json!({})).await.expect(204);
        let mine = api.get("/api/v1/alerts", Some(&buyer)).await.expect(200).json();
        assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
        assert_eq!((mine[0]["piece_id"].as_i64(), mine[0]["piece_state"].as_str()), (Some(dress), Some("sold")));
        api.delete(&alert, Some(&buyer)).await.expect(204);
        api.delete(&alert, Some(&buyer)).await.problem(404, "not_found");
        api.put(&alert, Some(&buyer), json!({})).await.expect(204);

        // Only customer service and the workshop put a piece back on sale.
        let relist = format!("/api/v1/staff/pieces/{dress}/relist");
        api.post(&relist, Some(&seller), json!({})).await.problem(403, "forbidden");
        let finance = api.staff("f@x.fr", &[Role::Finance]).await;
        api.post(&relist, Some(&finance), json!({})).await.problem(403, "forbidden");
        let workshop = api.staff("w@x.fr", &[Role::Workshop]).await;
        api.post(&relist, Some(&workshop), json!({})).await.expect(204);
        assert_eq!(api.piece(dress).await["state"], "listed");

        // L1: the watcher is told once, and the alert ends.
        let fired: Vec<_> = pepite_store::notifications::list(&api.app.db, None, None, None, 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == "alert_fired")
            .collect();
        assert_eq!(fired.len(), 1, "{fired:?}");
        assert_eq!(fired[0].to_address, "b@x.fr");
        let mine = api.get("/api/v1/alerts", Some(&buyer)).await.expect(200).json();
        assert_eq!(mine, json!([]));
        api.post(&relist, Some(&workshop), json!({})).await.problem(409, "piece_not_sold");
    }
);
