//! The API's gift cards (G1, G2, O10) and ledger (P2), paid with the sandbox's test cards, on
//! SQLite and PostgreSQL.

mod support;

use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::commerce::{CARD_OK, address, charges, checkout_body, shop, with};

both_backends!(
    async fn g1_g2_o10_gift_card_pays_part_of_an_order_and_keeps_what_is_left(db) {
        let (api, s, _, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        let card = |amount: i64| json!({"amount_cents": amount, "recipient_name": "Inès", "message": "Joyeux anniversaire", "token": CARD_OK});
        let post = |key: &'static str, body: Value| {
            let (api, buyer) = (&api, buyer.clone());
            async move { api.send_json(axum::http::Method::POST, "/api/v1/gift-cards", Some(&buyer), Some(key), body).await }
        };
        post("ten", card(1_000)).await.field_error("amount", "out_of_range");
        post("six-hundred", card(60_000)).await.field_error("amount", "out_of_range");
        api.send_json(axum::http::Method::POST, "/api/v1/gift-cards", Some(&buyer), None, card(5_000))
            .await
            .problem(400, "idempotency_key_missing");
        let bought = post("fifty", card(5_000)).await.expect(201).json();
        assert_eq!(bought["status"], "paid");
        let code = bought["gift_card"]["code"].as_str().unwrap().to_owned();
        assert_eq!(bought["gift_card"]["balance_cents"], 5_000);
        assert_eq!(bought["gift_card"]["expires_at"], "2027-03-02T10:00:00Z");
        assert_eq!(post("fifty", card(5_000)).await.expect(201).json(), bought, "replayed");
        let mine = api.get("/api/v1/gift-cards", Some(&buyer)).await.expect(200).json();
        assert_eq!((mine[0]["code"].as_str(), mine[0]["state"].as_str()), (Some(code.as_str()), Some("active")));

        // G2: anyone holding the code may check its balance.
        let lower = code.to_lowercase().replace('-', " ");
        let balance = api.get(&format!("/api/v1/gift-cards/balance?code={}", lower.replace(' ', "%20")), None).await.expect(200).json();
        assert_eq!((balance["balance_cents"].as_i64(), balance["expired"].as_bool()), (Some(5_000), Some(false)));
        api.get("/api/v1/gift-cards/balance?code=AAAA-AAAA-AAAA-AAAA", None).await.field_error("code", "gift_card_unknown");
        api.get("/api/v1/gift-cards/balance", None).await.field_error("code", "required");

        // O10: 50 € by gift card, the rest by card.
        api.add_to_cart(&buyer, dress).await;
        let q = api.quote(&buyer, "FR", &[&code]).await.expect(200).json();
        let total = q["total_cents"].as_i64().unwrap();
        assert_eq!(q["gift_cards"][0]["amount_cents"], 5_000);
        assert_eq!(q["card_cents"].as_i64().unwrap(), total - 5_000);
        let body = with(checkout_body(CARD_OK), "gift_cards", json!([code]));
        let paid = api.checkout(&buyer, "with-card", body).await.expect(201).json();
        assert_eq!(paid["status"], "paid", "{paid}");
        assert_eq!(charges(&api).await.last(), Some(&(total - 5_000)));
        let balance = api.get(&format!("/api/v1/gift-cards/balance?code={code}"), None).await.json();
        assert_eq!(balance["balance_cents"], 0);
        let order = api.get(&format!("/api/v1/orders/{}", paid["order_id"]), Some(&buyer)).await.json();
        assert_eq!(order["gift_cards"], json!([{"code": format!("…{}", &code[15..]), "amount_cents": 5_000}]));
        assert_eq!(order["totals"]["gift_cards_cents"], 5_000);

        // A 100 € card pays a 30 € piece on its own: no card charge, the rest stays on it.
        let scarf = api.listed(&s, json!({"title": "Écharpe", "category": "scarves", "size_system": "ONE", "size_label": "", "price_cents": 3_000})).await;
        let big = api.gift_card(&buyer, 10_000).await;
        let charged = charges(&api).await.len();
        api.add_to_cart(&buyer, scarf).await;
        let body = json!({"mode": "direct", "billing": address("FR"), "delivery": address("FR"), "gift_cards": [big]});
        let paid = api.checkout(&buyer, "cards-only", body).await.expect(201).json();
        assert_eq!(paid["status"], "paid", "{paid}");
        assert_eq!(charges(&api).await.len(), charged);
        let order = api.get(&format!("/api/v1/orders/{}", paid["order_id"]), Some(&buyer)).await.json();
        let left = api.get(&format!("/api/v1/gift-cards/balance?code={big}"), None).await.json();
        assert_eq!(left["balance_cents"].as_i64().unwrap(), 10_000 - order["totals"]["total_cents"].as_i64().unwrap());
    }
);

both_backends!(
    async fn item6_order_views_show_gift_card_codes_masked_to_everyone(db) {
        let (api, _, _, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        let code = api.gift_card(&buyer, 2_500).await;
        api.add_to_cart(&buyer, dress).await;
        let body = with(checkout_body(CARD_OK), "gift_cards", json!([code]));
        let paid = api.checkout(&buyer, "k", body).await.expect(201).json();
        let support = api.staff("sav@x.fr", &[Role::CustomerService]).await;
        let path = format!("/api/v1/orders/{}", paid["order_id"]);
        for who in [&buyer, &support] {
            let order = api.get(&path, Some(who)).await.expect(200);
            assert!(!order.has(&code), "{}", order.body);
            assert_eq!(order.json()["gift_cards"][0]["code"], format!("…{}", &code[15..]));
        }
    }
);

both_backends!(
    async fn p2_ledger_balances_after_a_checkout(db) {
        let (api, _, shop, dress) = shop(db).await;
        let buyer = api.account("b@x.fr").await;
        let code = api.gift_card(&buyer, 2_500).await;
        api.add_to_cart(&buyer, dress).await;
        let body = with(checkout_body(CARD_OK), "gift_cards", json!([code]));
        api.checkout(&buyer, "k", body).await.expect(201);

        api.get("/api/v1/finance/accounts", Some(&buyer)).await.problem(403, "forbidden");
        let finance = api.staff("f@x.fr", &[Role::Finance]).await;
        let ledger = api.get("/api/v1/finance/accounts", Some(&finance)).await.expect(200).json();
        assert_eq!((ledger["total_cents"].as_i64(), ledger["unbalanced_journals"].as_i64()), (Some(0), Some(0)));
        let accounts = ledger["accounts"].as_array().unwrap();
        let sum: i64 = accounts.iter().map(|a| a["balance_cents"].as_i64().unwrap()).sum();
        assert_eq!(sum, 0);
        let balance = |key: &str| accounts.iter().find(|a| a["key"] == key).map(|a| a["balance_cents"].as_i64().unwrap());
        // 15 % commission: the seller is owed 85 € − 12.75 €.
        let pending = format!("seller:{shop}:pending");
        assert_eq!(balance(&pending), Some(-7_225));
        assert_eq!(balance("revenue:commission"), Some(-1_275));
        assert!(balance("psp:clearing").unwrap() > 0);

        for key in [pending.clone(), pending.replace(':', "%3A")] {
            let entries = api.get(&format!("/api/v1/finance/accounts/{key}/entries"), Some(&finance)).await.expect(200).json();
            assert_eq!(entries["key"], pending.as_str());
            assert_eq!(entries["balance_cents"], -7_225);
            assert_eq!(entries["items"][0]["kind"], "order_paid");
            assert_eq!(entries["items"][0]["amount_cents"], -7_225);
        }
        api.get("/api/v1/finance/accounts/nonsense/entries", Some(&finance)).await.problem(404, "not_found");
    }
);
