//! The API's carts (K1, K2, A2), discount codes (O8) and address book (O6), on SQLite and
//! PostgreSQL.

mod support;

use axum::http::Method;
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::{Api, piece_body};
use support::commerce::address;

fn line_ids(cart: &Value) -> Vec<i64> {
    cart["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["piece_id"].as_i64().unwrap())
        .collect()
}

both_backends!(
    async fn a2_k1_visitor_cart_is_merged_into_the_account_at_sign_in(db) {
        let api = Api::new(db).await;
        let (s, _) = api.seller("s@x.fr", "Chez S").await;
        let dress = api.listed(&s, json!({"title": "Robe"})).await;
        let coat = api.listed(&s, json!({"title": "Manteau", "category": "coats", "price_cents": 12_000})).await;
        let bag = api.listed(&s, json!({"title": "Sac", "category": "bags"})).await;

        // A visitor's cart needs no account (A2).
        let r = api.post("/api/v1/carts", None, json!({})).await.expect(201).json();
        let cart_token = r["cart_token"].as_str().unwrap().to_owned();
        assert!(cart_token.len() >= 40, "a long secret: {cart_token}");
        let path = format!("/api/v1/carts/{cart_token}");
        for piece in [dress, coat] {
            api.post(&format!("{path}/lines"), None, json!({"piece_id": piece})).await.expect(200);
        }
        let cart = api.get(&path, None).await.expect(200).json();
        assert_eq!(line_ids(&cart), [dress, coat]);
        assert_eq!(cart["goods_cents"], 8_500 + 12_000);
        assert_eq!(cart["currency"], "EUR");
        let line = &cart["lines"][0];
        assert_eq!((line["title"].as_str(), line["shop"]["shop_name"].as_str()), (Some("Robe"), Some("Chez S")));
        assert_eq!((line["available"].as_bool(), line["price_changed"].as_bool()), (Some(true), Some(false)));
        assert!(line["cover"]["thumb"].as_str().unwrap().starts_with("/media/"));
        let removed = api.delete(&format!("{path}/lines/{coat}"), None).await.expect(200).json();
        assert_eq!(line_ids(&removed), [dress]);
        // A made-up token names no cart.
        api.get("/api/v1/carts/made-up", None).await.problem(404, "not_found");
        api.post("/api/v1/carts/made-up/lines", None, json!({"piece_id": dress})).await.problem(404, "not_found");
        // A draft cannot be put in a cart: like an unknown piece, it is not found (A4).
        let draft = api.draft(&s, json!({})).await["id"].as_i64().unwrap();
        api.post(&format!("{path}/lines"), None, json!({"piece_id": draft})).await.problem(404, "not_found");
        api.post(&format!("{path}/lines"), None, json!({"piece_id": 999_999})).await.problem(404, "not_found");

        // K1: nothing is reserved: a signed-in buyer holds the same piece in their cart.
        let buyer = api.account("b@x.fr").await;
        api.get("/api/v1/cart", None).await.problem(401, "unauthenticated");
        api.add_to_cart(&buyer, bag).await;
        let other = api.account("o@x.fr").await;
        assert_eq!(line_ids(&api.add_to_cart(&other, dress).await), [dress]);

        let merged = api
            .post("/api/v1/cart/merge", Some(&buyer), json!({"cart_token": cart_token}))
            .await
            .expect(200)
            .json();
        let mut ids = line_ids(&merged);
        ids.sort();
        assert_eq!(ids, [dress, bag]);
        // The visitor cart is gone with its token.
        api.get(&path, None).await.problem(404, "not_found");
        api.post("/api/v1/cart/merge", Some(&buyer), json!({"cart_token": cart_token}))
            .await
            .problem(404, "not_found");
        let mine = api.delete(&format!("/api/v1/cart/lines/{bag}"), Some(&buyer)).await.expect(200).json();
        assert_eq!(line_ids(&mine), [dress]);
    }
);

both_backends!(
    async fn k2_cart_flags_a_changed_price_and_a_piece_no_longer_for_sale(db) {
        let api = Api::new(db).await;
        let (s, _) = api.seller("s@x.fr", "Chez S").await;
        let dress = api.listed(&s, json!({"title": "Robe"})).await;
        let scarf = api.listed(&s, json!({"title": "Écharpe", "category": "scarves", "size_system": "ONE", "size_label": "", "price_cents": 3_000})).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;
        api.add_to_cart(&buyer, scarf).await;

        let mut body = piece_body();
        body["price_cents"] = json!(7_000);
        api.call(Method::PATCH, &format!("/api/v1/pieces/{dress}"), Some(&s), Some(body))
            .await
            .expect(200);
        api.post(&format!("/api/v1/pieces/{scarf}/withdraw"), Some(&s), json!({})).await.expect(200);

        let cart = api.get("/api/v1/cart", Some(&buyer)).await.expect(200).json();
        let line = |id: i64| cart["lines"].as_array().unwrap().iter().find(|l| l["piece_id"] == id).unwrap().clone();
        let d = line(dress);
        assert_eq!((d["price_cents"].as_i64(), d["added_price_cents"].as_i64()), (Some(7_000), Some(8_500)));
        assert_eq!((d["available"].as_bool(), d["price_changed"].as_bool()), (Some(true), Some(true)));
        let sc = line(scarf);
        assert_eq!((sc["available"].as_bool(), sc["price_changed"].as_bool()), (Some(false), Some(false)));
        // Totals count what can still be bought, at today's price.
        assert_eq!(cart["goods_cents"], 7_000);
        assert_eq!(cart["subtotal_cents"], 7_000);
    }
);

both_backends!(
    async fn o8_staff_code_applies_in_the_cart_and_the_quote(db) {
        let api = Api::new(db).await;
        let staff = api.staff("cs@x.fr", &[Role::CustomerService]).await;
        let (s, shop) = api.seller("s@x.fr", "Chez S").await;
        let dress = api.listed(&s, json!({"title": "Robe", "price_cents": 10_000})).await;
        let buyer = api.account("b@x.fr").await;

        // Staff only; every condition is checked.
        let code = json!({"code": "summer-10", "kind": "percent", "value": 1_000,
            "min_order_cents": 5_000, "starts_at": "2020-01-01T00:00:00Z",
            "ends_at": "2099-01-01T00:00:00Z", "max_uses": 100, "per_customer": 1,
            "scope": "seller", "seller_id": shop});
        api.post("/api/v1/discount-codes", Some(&buyer), code.clone()).await.problem(403, "forbidden");
        let mut bad = code.clone();
        bad["value"] = json!(0);
        bad["ends_at"] = json!("not a date");
        bad["scope"] = json!("planet");
        let p = api.post("/api/v1/discount-codes", Some(&staff), bad).await;
        p.field_error("value", "out_of_range");
        p.field_error("ends_at", "invalid_date");
        p.field_error("scope", "unknown_value");
        let created = api.post("/api/v1/discount-codes", Some(&staff), code.clone()).await.expect(201).json();
        assert_eq!(created["code"], "SUMMER-10");
        assert_eq!((created["kind"].as_str(), created["value"].as_i64()), (Some("percent"), Some(1_000)));
        assert_eq!((created["scope"].as_str(), created["seller_id"].as_i64()), (Some("seller"), Some(shop)));
        assert_eq!(created["ends_at"], "2099-01-01T00:00:00Z");
        assert_eq!(created["per_customer"], 1);
        api.post("/api/v1/discount-codes", Some(&staff), code).await.field_error("code", "already_taken");
        let id = created["id"].as_i64().unwrap();

        // Typed in the cart, signed in or not.
        api.add_to_cart(&buyer, dress).await;
        api.put("/api/v1/cart/discount-code", Some(&buyer), json!({"code": "NOPE-1"}))
            .await
            .field_error("code", "discount_unknown");
        let cart = api.put("/api/v1/cart/discount-code", Some(&buyer), json!({"code": " summer-10 "})).await.expect(200).json();
        assert_eq!(cart["discount_code"]["code"], "SUMMER-10");
        assert_eq!(cart["discount_code"]["applies"], true);
        assert_eq!(cart["discount_cents"], 1_000);
        assert_eq!(cart["subtotal_cents"], 9_000);
        let quote = api.quote(&buyer, "FR", &[]).await.expect(200).json();
        assert_eq!(quote["discount_code"], "SUMMER-10");
        assert_eq!(quote["discount_cents"], 1_000);
        assert_eq!(
            quote["total_cents"].as_i64().unwrap(),
            10_000 - 1_000 + quote["shipping_cents"].as_i64().unwrap()
        );

        let visitor = api.post("/api/v1/carts", None, json!({})).await.json()["cart_token"].as_str().unwrap().to_owned();
        let vpath = format!("/api/v1/carts/{visitor}");
        api.post(&format!("{vpath}/lines"), None, json!({"piece_id": dress})).await.expect(200);
        let vcart = api.put(&format!("{vpath}/discount-code"), None, json!({"code": "SUMMER-10"})).await.expect(200).json();
        assert_eq!(vcart["discount_cents"], 1_000);

        // Raised minimum: the code stays in the cart and says why it does not apply.
        let mut edit = api.get(&format!("/api/v1/discount-codes/{id}"), Some(&staff)).await.expect(200).json();
        edit["min_order_cents"] = json!(20_000);
        let edited = api.put(&format!("/api/v1/discount-codes/{id}"), Some(&staff), edit).await.expect(200).json();
        assert_eq!((edited["min_order_cents"].as_i64(), edited["active"].as_bool()), (Some(20_000), Some(true)));
        let cart = api.get("/api/v1/cart", Some(&buyer)).await.json();
        assert_eq!(cart["discount_code"]["applies"], false);
        assert_eq!(cart["discount_code"]["refusal"], "discount_below_minimum");
        assert_eq!(cart["discount_cents"], 0);
        api.quote(&buyer, "FR", &[]).await.field_error("code", "discount_below_minimum");

        // Switched off, it is unknown; an empty code takes it out of the cart.
        let mut off = edited.clone();
        off["active"] = json!(false);
        api.put(&format!("/api/v1/discount-codes/{id}"), Some(&staff), off).await.expect(200);
        let cart = api.get("/api/v1/cart", Some(&buyer)).await.json();
        assert_eq!(cart["discount_code"]["refusal"], "discount_unknown");
        let cart = api.put("/api/v1/cart/discount-code", Some(&buyer), json!({"code": ""})).await.expect(200).json();
        assert!(cart["discount_code"].is_null());
        let list = api.get("/api/v1/discount-codes", Some(&staff)).await.expect(200).json();
        assert_eq!(list.as_array().unwrap().len(), 1);
        api.get("/api/v1/discount-codes/999999", Some(&staff)).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn o6_address_book_keeps_valid_addresses_of_their_owner_only(db) {
        let api = Api::new(db).await;
        let me = api.account("me@x.fr").await;
        let other = api.account("other@x.fr").await;
        let saved = api.post("/api/v1/addresses", Some(&me), address("DE")).await.expect(201).json();
        assert_eq!((saved["city"].as_str(), saved["country"].as_str()), (Some("Paris"), Some("DE")));
        let id = saved["id"].as_i64().unwrap();
        let mut bad = address("XX");
        bad["line1"] = json!("");
        let p = api.post("/api/v1/addresses", Some(&me), bad).await;
        p.field_error("address.line1", "required");
        p.field_error("address.country", "unknown_value");
        assert_eq!(api.get("/api/v1/addresses", Some(&me)).await.expect(200).json().as_array().unwrap().len(), 1);
        assert_eq!(api.get("/api/v1/addresses", Some(&other)).await.json(), json!([]));
        // A4: someone else's address is not found.
        api.delete(&format!("/api/v1/addresses/{id}"), Some(&other)).await.problem(404, "not_found");
        api.delete(&format!("/api/v1/addresses/{id}"), Some(&me)).await.expect(204);
        assert_eq!(api.get("/api/v1/addresses", Some(&me)).await.json(), json!([]));
    }
);
