//! The API's checkout (O1–O13, K1) and orders (O11, O13, A4), paid with
//! the sandbox's test cards, on SQLite and PostgreSQL.

mod support;

use axum::http::header;
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::json;
use support::commerce::{CARD_DECLINED, CARD_OK, address, charges, checkout_body, shop, with};

both_backends!(
    async fn o7_o11_o13_checkout_with_a_test_card_pays_sells_and_tells_the_seller(db) {
        let (api, s, shop, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;

        let q = api.quote(&buyer, "FR", &[]).await.expect(200).json();
        assert_eq!(q["lines"][0]["piece_id"], dress);
        assert_eq!(q["gone"], json!([]));
        assert_eq!(q["parcels"][0]["shop"], json!({"id": shop, "shop_name": "Chez S"}));
        assert_eq!(q["parcels"][0]["piece_ids"], json!([dress]));
        let shipping = q["shipping_cents"].as_i64().unwrap();
        assert!(shipping > 0);
        assert_eq!(q["qc_fee_cents"], 0);
        let total = q["total_cents"].as_i64().unwrap();
        assert_eq!(total, 8_500 + shipping);
        assert_eq!((q["card_cents"].as_i64(), q["currency"].as_str()), (Some(total), Some("EUR")));
        assert_eq!(q["delivery_estimate"], json!({"min_business_days": 2, "max_business_days": 5}));
        assert_eq!(q["customs"]["duties_notice"], false);
        // O2: grouped pays 10 % quality control; O5: outside the EU, a customs notice.
        let grouped = api.post("/api/v1/checkout/quote", Some(&buyer), json!({"mode": "grouped", "country": "FR"})).await.expect(200).json();
        assert_eq!(grouped["qc_fee_cents"], 850);
        assert!(grouped["parcels"][0]["shop"].is_null());
        let swiss = api.quote(&buyer, "CH", &[]).await.expect(200).json();
        assert_eq!(swiss["customs"]["duties_notice"], true);

        let body = json!({"mode": "direct", "billing": address("FR"), "delivery": address("FR"),
            "save_address": true, "needed_before": "2026-03-20", "method": "card",
            "token": CARD_OK, "expected_total_cents": total});
        let r = api.checkout(&buyer, "first-try", body).await.expect(201);
        let paid = r.json();
        assert_eq!(paid["status"], "paid", "{paid}");
        assert_eq!(paid["number"], "2026-000001");
        let order = paid["order_id"].as_i64().unwrap();
        assert_eq!(r.header(header::LOCATION), format!("/api/v1/orders/{order}"));
        assert_eq!(api.piece(dress).await["state"], "sold");
        assert_eq!(charges(&api).await, [total]);
        let cart = api.get("/api/v1/cart", Some(&buyer)).await.json();
        assert_eq!(cart["lines"], json!([]));
        assert_eq!(api.get("/api/v1/addresses", Some(&buyer)).await.json().as_array().unwrap().len(), 1);

        // The buyer's orders and the order in full.
        let mine = api.get("/api/v1/orders", Some(&buyer)).await.expect(200).json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert_eq!((mine["items"][0]["number"].as_str(), mine["items"][0]["state"].as_str()), (Some("2026-000001"), Some("paid")));
        assert!(mine["items"][0].get("buyer_email").is_none());
        let path = format!("/api/v1/orders/{order}");
        let full = api.get(&path, Some(&buyer)).await.expect(200).json();
        assert_eq!(full["viewer"], "buyer");
        assert_eq!(full["totals"]["total_cents"], total);
        assert_eq!(full["totals"]["card_cents"], total);
        assert_eq!(full["billing"]["city"], "Paris");
        assert_eq!(full["needed_before"], "2026-03-20");
        assert_eq!(full["payments"][0]["state"], "succeeded");
        assert_eq!(full["lines"][0]["ship_to"], "buyer");
        assert!(full["events"].as_array().unwrap().iter().any(|e| e["kind"] == "order_confirmed"));
        assert!(full["buyer"].is_null());

        // O11: the buyer downloads the invoice, numbered like the order.
        let pdf = api.get(&format!("{path}/invoice"), Some(&buyer)).await.expect(200);
        assert_eq!(pdf.content_type(), "application/pdf");
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert_eq!(
            pdf.header(header::CONTENT_DISPOSITION),
            "attachment; filename=\"facture-2026-000001.pdf\""
        );
        api.get(&format!("{path}/invoice"), Some(&s)).await.problem(404, "not_found");

        // O13: the seller sees their lines and where to send them, not the buyer's totals.
        let seen = api.get(&path, Some(&s)).await.expect(200).json();
        assert_eq!(seen["viewer"], "seller");
        assert!(seen["totals"].is_null() && seen["billing"].is_null());
        assert_eq!(seen["delivery"]["city"], "Paris");
        let to_ship = api.get("/api/v1/seller/orders", Some(&s)).await.expect(200).json();
        let first = &to_ship["items"][0];
        assert_eq!((first["number"].as_str(), first["ship_to"].as_str()), (Some("2026-000001"), Some("buyer")));
        assert_eq!(first["deliver_to"]["postal_code"], "75011");
        assert_eq!(first["lines"][0]["piece_id"], dress);
        api.get("/api/v1/seller/orders", Some(&buyer)).await.problem(403, "forbidden");

        // A4: a stranger sees nothing; staff find it by number, e-mail or piece.
        let stranger = api.account("x@x.fr").await;
        api.get(&path, Some(&stranger)).await.problem(404, "not_found");
        api.get("/api/v1/staff/orders", Some(&stranger)).await.problem(403, "forbidden");
        let cs = api.staff("cs@x.fr", &[Role::CustomerService]).await;
        for query in ["number=2026-000001", "email=B%40X.fr", &format!("piece_id={dress}"), "state=paid"] {
            let found = api.get(&format!("/api/v1/staff/orders?{query}"), Some(&cs)).await.expect(200).json();
            assert_eq!(found["items"][0]["id"], order, "{query}");
            assert_eq!(found["items"][0]["buyer_email"], "b@x.fr");
        }
        let none = api.get("/api/v1/staff/orders?state=failed", Some(&cs)).await.json();
        assert_eq!(none["items"], json!([]));
        let as_staff = api.get(&path, Some(&cs)).await.expect(200).json();
        assert_eq!((as_staff["viewer"].as_str(), as_staff["buyer"]["email"].as_str()), (Some("staff"), Some("b@x.fr")));

        // Coming back to a paid order only tells it again.
        let again = api.post(&format!("{path}/payment/resume"), Some(&buyer), json!({})).await.expect(200).json();
        assert_eq!((again["status"].as_str(), again["number"].as_str()), (Some("paid"), Some("2026-000001")));
        api.post(&format!("{path}/payment/resume"), Some(&stranger), json!({})).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn o7_declined_card_fails_the_order_and_lists_the_piece_again(db) {
        let (api, _, _, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;
        let declined = api.checkout(&buyer, "k-declined", checkout_body(CARD_DECLINED)).await.expect(201).json();
        assert_eq!(declined["status"], "declined", "{declined}");
        assert_eq!(declined["decline_code"], "card_declined");
        assert!(declined["number"].is_null());
        let piece = api.piece(dress).await;
        assert_eq!((piece["state"].as_str(), piece["purchasable"].as_bool()), (Some("listed"), Some(true)));
        let order = api.get(&format!("/api/v1/orders/{}", declined["order_id"]), Some(&buyer)).await.json();
        assert_eq!((order["state"].as_str(), order["failure_code"].as_str()), (Some("failed"), Some("card_declined")));
        api.get(&format!("/api/v1/orders/{}/invoice", declined["order_id"]), Some(&buyer))
            .await
            .problem(404, "not_found");

        // The piece is still in the cart: another card, another key, and it is paid.
        let paid = api.checkout(&buyer, "k-again", checkout_body(CARD_OK)).await.expect(201).json();
        assert_eq!((paid["status"].as_str(), paid["number"].as_str()), (Some("paid"), Some("2026-000001")));
        assert_eq!(api.piece(dress).await["state"], "sold");
    }
);

both_backends!(
    async fn o7_payment_needing_authentication_is_resumed_after_it(db) {
        let (api, _, _, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;
        let r = api.checkout(&buyer, "3ds", checkout_body("4000002500003155")).await.expect(201).json();
        assert_eq!(r["status"], "action_required", "{r}");
        assert!(r["number"].is_null());
        let redirect = r["redirect_url"].as_str().unwrap().to_owned();
        let reference = redirect.rsplit('/').next().unwrap().to_owned();
        let resume = format!("/api/v1/orders/{}/payment/resume", r["order_id"]);
        // Not yet authenticated: still waiting, and the piece cannot be bought meanwhile.
        let waiting = api.post(&resume, Some(&buyer), json!({})).await.expect(200).json();
        assert_eq!((waiting["status"].as_str(), waiting["redirect_url"].as_str()), (Some("action_required"), Some(redirect.as_str())));
        let other = api.account("o@x.fr").await;
        api.add_to_cart(&other, dress).await;
        api.checkout(&other, "late", checkout_body(CARD_OK)).await.problem(409, "pieces_gone");

        api.app.payments.sandbox().unwrap().decide(&reference, true).await.unwrap();
        let paid = api.post(&resume, Some(&buyer), json!({})).await.expect(200).json();
        assert_eq!((paid["status"].as_str(), paid["number"].as_str()), (Some("paid"), Some("2026-000001")));
        assert_eq!(api.piece(dress).await["state"], "sold");
    }
);

both_backends!(
    async fn k1_second_buyer_is_told_which_piece_is_gone_and_is_not_charged(db) {
        let (api, s, _, dress) = shop(db).await;
        let scarf = api.listed(&s, json!({"title": "Écharpe", "category": "scarves", "size_system": "ONE", "size_label": "", "price_cents": 3_000})).await;
        let first = api.account("a@x.fr").await;
        let second = api.account("b@x.fr").await;
        let third = api.account("c@x.fr").await;
        api.add_to_cart(&first, dress).await;
        api.add_to_cart(&second, dress).await;
        api.add_to_cart(&third, dress).await;
        api.add_to_cart(&third, scarf).await;
        let before = api.quote(&third, "FR", &[]).await.expect(200).json();

        let paid = api.checkout(&first, "a", checkout_body(CARD_OK)).await.expect(201).json();
        assert_eq!(paid["status"], "paid");
        let p = api.checkout(&second, "b", checkout_body(CARD_OK)).await.problem(409, "pieces_gone");
        assert_eq!(p["pieces"], json!([{"id": dress, "title": "Robe"}]));
        assert!(p["detail"].as_str().unwrap().contains("Robe"));
        api.quote(&second, "FR", &[]).await.problem(409, "pieces_gone");
        assert_eq!(charges(&api).await.len(), 1, "no one else was charged");

        // A cart with something left: the checkout names what is gone before any charge,
        // the quote tells what the rest costs.
        let stale = with(checkout_body(CARD_OK), "expected_total_cents", before["total_cents"].clone());
        let p = api.checkout(&third, "c", stale.clone()).await.problem(409, "pieces_gone");
        assert_eq!(p["pieces"], json!([{"id": dress, "title": "Robe"}]));
        let now = api.quote(&third, "FR", &[]).await.expect(200).json();
        assert_eq!(now["gone"], json!([{"piece_id": dress, "title": "Robe"}]));
        assert_eq!(now["goods_cents"], 3_000);
        let cart = api.get("/api/v1/cart", Some(&third)).await.json();
        let gone = cart["lines"].as_array().unwrap().iter().find(|l| l["piece_id"] == dress).unwrap().clone();
        assert_eq!(gone["available"], false);
        // Once it is taken out, the rest is paid knowingly: the total seen before is refused.
        api.delete(&format!("/api/v1/cart/lines/{dress}"), Some(&third)).await.expect(200);
        api.checkout(&third, "c2", stale).await.problem(409, "total_changed");
        let fresh = with(checkout_body(CARD_OK), "expected_total_cents", now["total_cents"].clone());
        let paid = api.checkout(&third, "c3", fresh).await.expect(201).json();
        assert_eq!(paid["status"], "paid");
        assert_eq!(charges(&api).await.len(), 2);
    }
);

both_backends!(
    async fn o7_same_key_makes_one_order_and_one_charge(db) {
        let (api, _, _, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;
        let body = checkout_body(CARD_OK);
        api.send_json(axum::http::Method::POST, "/api/v1/checkout", Some(&buyer), None, body.clone())
            .await
            .problem(400, "idempotency_key_missing");
        let once = api.checkout(&buyer, "double-click", body.clone()).await.expect(201).json();
        let twice = api.checkout(&buyer, "double-click", body.clone()).await.expect(201).json();
        assert_eq!(once, twice);
        assert_eq!(once["status"], "paid");
        assert_eq!(charges(&api).await.len(), 1);
        let other = with(body, "needed_before", json!("2026-04-01"));
        api.checkout(&buyer, "double-click", other).await.problem(409, "idempotency_key_reused");
        let orders = api.get("/api/v1/orders", Some(&buyer)).await.json();
        assert_eq!(orders["items"].as_array().unwrap().len(), 1);
    }
);

both_backends!(
    async fn o3_o7_checkout_refuses_a_changed_total_an_empty_cart_and_an_unknown_country(db) {
        let (api, _, _, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        api.checkout(&buyer, "empty", checkout_body(CARD_OK)).await.problem(409, "empty_cart");
        api.quote(&buyer, "FR", &[]).await.problem(409, "empty_cart");
        api.add_to_cart(&buyer, dress).await;
        let total = api.quote(&buyer, "FR", &[]).await.json()["total_cents"].as_i64().unwrap();
        let tampered = with(checkout_body(CARD_OK), "expected_total_cents", json!(total - 1_000));
        api.checkout(&buyer, "tampered", tampered).await.problem(409, "total_changed");
        let far = with(checkout_body(CARD_OK), "delivery", address("ZZ"));
        api.checkout(&buyer, "far", far).await.field_error("delivery.country", "unknown_value");
        api.quote(&buyer, "ZZ", &[]).await.field_error("country", "unknown_destination");
        let boat = with(checkout_body(CARD_OK), "mode", json!("boat"));
        api.checkout(&buyer, "boat", boat).await.field_error("mode", "unknown_value");
        let cash = with(checkout_body(CARD_OK), "method", json!("cash"));
        api.checkout(&buyer, "cash", cash).await.field_error("method", "unknown_value");
        // Nothing was charged and the piece is still for sale.
        assert!(charges(&api).await.is_empty());
        assert_eq!(api.piece(dress).await["state"], "listed");
        api.checkout(&buyer, "fine", checkout_body(CARD_OK)).await.expect(201);
    }
);
