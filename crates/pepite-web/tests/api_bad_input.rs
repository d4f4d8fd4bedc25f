//! Whatever a client sends, the API answers with a problem document and a 4xx status that
//! names the cause: never a 500, never a plain-text rejection.

mod support;

use axum::http::Method;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::{Api, piece_body};
use support::{multipart, png};

/// A valid piece with one field changed.
fn piece_with(field: &str, value: Value) -> Value {
    let mut body = piece_body();
    body[field] = value;
    body
}

both_backends!(
    async fn bad_input_never_500(db) {
        let api = Api::new(db).await;
        let (token, _) = api.seller("s@x.fr", "Chez S").await;
        let draft = api.draft(&token, json!({})).await["id"].as_i64().unwrap();
        let t = Some(token.as_str());

        // Refused fields: 422 with the field and a stable code.
        for (field, value, reported, code) in [
            ("title", json!("x".repeat(121)), "title", "too_long"),
            ("title", json!("Robe\u{0007}"), "title", "control_character"),
            ("title", json!("   "), "title", "required"),
            ("price_cents", json!(-100), "price", "must_be_positive"),
            ("price_cents", json!(i64::MAX), "price", "too_large"),
            ("weight_g", json!(1_000_000), "weight", "too_large"),
            ("category", json!("spaceship"), "category", "unknown_value"),
            ("grade", json!("mint"), "grade", "unknown_value"),
            ("colour", json!("plaid"), "colour", "unknown_value"),
            ("size_system", json!("XX"), "size_system", "unknown_value"),
            ("measurements", json!([{"kind": "elbow", "mm": 10}]), "measurement_elbow", "unknown_value"),
            ("measurements", json!([{"kind": "length", "mm": 99_999}]), "measurement_length", "too_large"),
        ] {
            let r = api.post("/api/v1/pieces", t, piece_with(field, value)).await;
            let p = r.field_error(reported, code);
            if code == "too_long" {
                assert_eq!(p["errors"][0]["limit"], 120);
            }
        }
        let mut missing = piece_body();
        missing.as_object_mut().unwrap().remove("title");
        api.post("/api/v1/pieces", t, missing).await.field_error("title", "required");

        // Bodies that are not the JSON asked for: 400 with a detail.
        for (content_type, body) in [
            (Some("application/json"), "{not json".to_owned()),
            (Some("application/json"), piece_with("price_cents", json!("cheap")).to_string()),
            (Some("application/json"), piece_with("title", json!(12)).to_string()),
            (Some("application/json"), piece_with("price_cents", json!(1e30)).to_string()),
            (Some("application/json"), "[1, 2, 3]".to_owned()),
            (Some("application/json"), String::new()),
            (None, String::new()),
            (Some("text/plain"), piece_body().to_string()),
        ] {
            let r = api.raw(Method::POST, "/api/v1/pieces", t, content_type, body.clone()).await;
            let p = r.problem(400, "malformed_body");
            assert!(!p["detail"].as_str().unwrap_or("").is_empty(), "{body}: {p}");
        }
        api.raw(Method::PATCH, &format!("/api/v1/pieces/{draft}"), t, Some("application/json"), "{\"version\": \"one\"}")
            .await
            .problem(400, "malformed_body");

        // Uploads that are not photos.
        let photos = format!("/api/v1/pieces/{draft}/photos");
        let mut broken = png(400, 400);
        broken.truncate(80);
        api.raw(Method::POST, &photos, t, Some("image/png"), broken).await.field_error("photo", "unreadable_image");
        api.raw(Method::POST, &photos, t, Some("image/png"), png(50, 50)).await.field_error("photo", "too_small");
        let (ct, text) = multipart("photo", "notes.txt", "text/plain", b"just some words, not a picture");
        api.raw(Method::POST, &photos, t, Some(&ct), text).await.field_error("photo", "unsupported_format");
        let (ct, other) = multipart("picture", "robe.png", "image/png", &png(300, 300));
        api.raw(Method::POST, &photos, t, Some(&ct), other).await.field_error("photo", "required");
        api.raw(Method::POST, &photos, t, Some("image/jpeg"), Vec::<u8>::new()).await.field_error("photo", "required");
        api.raw(Method::POST, &photos, t, Some("text/plain"), "hello").await.problem(415, "unsupported_media_type");
        api.raw(Method::POST, &photos, t, Some("multipart/form-data; boundary=x"), "garbage")
            .await
            .problem(400, "malformed_body");

        // CSV files that cannot be imported.
        let imports = "/api/v1/sellers/me/imports";
        api.raw(Method::POST, imports, t, Some("text/csv"), vec![0xff, 0xfe, 0x00, 0x41])
            .await
            .field_error("file", "not_utf8");
        api.raw(Method::POST, imports, t, Some("text/csv"), "title,brand\nRobe,Dior\n")
            .await
            .field_error("column_price", "missing_column");
        let heavy = "title,brand,category,size_system,size_label,grade,colour,materials,description,price,weight_g\n\
                     Robe,Dior,dresses,FR,38,good,red,soie,Robe,12,heavy\n";
        let p = api.raw(Method::POST, imports, t, Some("text/csv"), heavy).await.problem(422, "import_rejected");
        assert_eq!(p["lines"][0]["line"], 2);
        assert_eq!(p["lines"][0]["errors"][0]["field"], "weight");

        // Unknown ids, addresses and methods.
        api.get("/api/v1/pieces/424242", None).await.problem(404, "not_found");
        api.get("/api/v1/pieces/-1", None).await.problem(404, "not_found");
        api.get("/api/v1/pieces/99999999999999999999999", None).await.problem(404, "not_found");
        api.get("/api/v1/sellers/424242", None).await.problem(404, "not_found");
        api.post("/api/v1/pieces/424242/list", t, json!({})).await.problem(404, "not_found");
        api.call(Method::DELETE, &format!("/api/v1/pieces/{draft}/photos/424242"), t, None).await.problem(404, "not_found");
        let nowhere = api.get("/api/v1/no-such-thing", None).await.problem(404, "not_found");
        assert!(nowhere["detail"].as_str().unwrap().contains("no such address"));
        api.call(Method::PUT, "/api/v1/pieces", t, None).await.problem(405, "method_not_allowed");

        // Query strings.
        for query in ["price_min=abc", "limit=ten", "facets=maybe", "seller=shop"] {
            api.get(&format!("/api/v1/pieces?{query}"), None).await.problem(400, "malformed_query");
        }
        for (query, field, code) in [
            ("limit=0", "limit", "out_of_range"),
            ("limit=1000", "limit", "out_of_range"),
            ("sort=random", "sort", "unknown_value"),
            ("category=spaceship", "category", "unknown_value"),
            ("cursor=garbage", "cursor", "invalid"),
            ("price_min=500&price_max=100", "price_max", "below_minimum"),
        ] {
            api.get(&format!("/api/v1/pieces?{query}"), None).await.field_error(field, code);
        }
        let long = "a".repeat(300);
        api.get(&format!("/api/v1/pieces?q={long}"), None).await.field_error("q", "too_long");
        api.get("/api/v1/sellers?after=first", None).await.problem(400, "malformed_query");

        // Accounts and shops.
        let sign_up = |body: Value| api.post("/api/v1/accounts", None, body);
        let both = json!({"email": "x@y.fr", "password": "a long enough password", "display_name": "X", "language": "de", "country": "XX"});
        let r = sign_up(both).await;
        r.field_error("language", "unknown_value");
        r.field_error("country", "unknown_value");
        sign_up(json!({})).await.field_error("email", "required");
        sign_up(json!({"email": "s@x.fr", "password": "a long enough password", "display_name": "X", "language": "fr", "country": "FR"}))
            .await
            .field_error("email", "taken");
        sign_up(json!({"email": "z@x.fr", "password": "a long enough password", "display_name": "Z", "language": "fr", "country": "FR", "birth_date": "yesterday"}))
            .await
            .field_error("birth_date", "invalid_date");
        let other = api.account("o@x.fr").await;
        api.post("/api/v1/sellers", Some(&other), json!({"shop_name": "Shop", "country": "FR", "kind": "corporation"}))
            .await
            .field_error("kind", "unknown_value");
        api.post("/api/v1/pieces", Some(&other), piece_body()).await.problem(403, "forbidden");
        api.get("/api/v1/accounts/me", Some("forged-token")).await.problem(401, "unauthenticated");
        api.call(Method::PATCH, "/api/v1/accounts/me", t, Some(json!({"display_name": ["a"]})))
            .await
            .problem(400, "malformed_body");
    }
);

both_backends!(
    async fn item5_control_characters_are_refused_in_every_text_field(db) {
        let api = Api::new(db).await;
        let (seller, _) = api.seller("s@x.fr", "Chez S").await;
        let buyer = api.account("b@x.fr").await;
        let (s, b) = (Some(seller.as_str()), Some(buyer.as_str()));
        let nul = "Lé\u{0}a";
        let person = |email: &str, name: &str| {
            json!({"email": email, "password": "a long enough password", "display_name": name,
                   "language": "fr", "country": "FR"})
        };

        // NUL made PostgreSQL answer 500 and SQLite store it: now a 422 on the field, and
        // nothing is written.
        api.post("/api/v1/accounts", None, person("n@x.fr", nul)).await.field_error("display_name", "control_character");
        api.post("/api/v1/accounts", None, person("n\u{0}@x.fr", "N")).await.field_error("email", "control_character");
        api.call(Method::PATCH, "/api/v1/accounts/me", b, Some(json!({"display_name": nul})))
            .await
            .field_error("display_name", "control_character");
        api.post("/api/v1/sellers", b, json!({"shop_name": nul, "country": "FR", "kind": "individual"}))
            .await
            .field_error("shop_name", "control_character");
        // A single-line text refuses a line break too; a multi-line one keeps it.
        api.post("/api/v1/sellers", b, json!({"shop_name": "Chez\nB", "country": "FR", "kind": "individual"}))
            .await
            .field_error("shop_name", "control_character");
        api.post("/api/v1/sellers", b, json!({"shop_name": "Chez B", "country": "FR", "kind": "individual", "bio": "Une ligne\n\tet une autre\r\n"}))
            .await
            .expect(201);
        api.post("/api/v1/pieces", s, piece_with("title", json!("Robe \u{1b}[31m"))).await.field_error("title", "control_character");
        api.post("/api/v1/pieces", s, piece_with("description", json!("Portée\u{0}"))).await.field_error("description", "control_character");
        api.post("/api/v1/pieces", s, piece_with("measurements", json!([{"kind": "length\u{0}", "mm": 10}])))
            .await
            .field_error("kind", "control_character");
        api.draft(&seller, json!({"description": "Portée deux fois.\nLavée à la main."})).await;
        let address = json!({"full_name": "Léa Martin", "line1": "12 rue\u{0} des Lilas", "postal_code": "75011", "city": "Paris", "country": "FR"});
        api.post("/api/v1/addresses", b, address).await.field_error("line1", "control_character");
        let gift = json!({"amount_cents": 5000, "recipient_name": "Zoé", "message": "Bon\u{0} anniversaire", "token": "4242424242424242"});
        api.send_json(Method::POST, "/api/v1/gift-cards", b, Some("gift-1"), gift)
            .await
            .field_error("message", "control_character");
        let p = api.get("/api/v1/pieces?q=robe%00", None).await.field_error("q", "control_character");
        assert!(p["errors"][0]["message"].as_str().unwrap().contains("contrôle"), "{p}");

        let addresses = api.get("/api/v1/addresses", b).await.json();
        assert_eq!(addresses.as_array().map(Vec::len), Some(0), "{addresses}");
        api.post("/api/v1/auth/tokens", None, json!({"email": "n@x.fr", "password": "a long enough password", "label": "t"}))
            .await
            .problem(401, "unauthenticated");
        assert_eq!(api.get("/api/v1/accounts/me", b).await.json()["display_name"], "Léa");

        // CSV cells go through the piece's own text checks.
        let csv = "title,brand,category,size_system,size_label,grade,colour,materials,description,price,weight_g\n\
                   Robe\u{0},Dior,dresses,FR,38,good,red,soie,Robe,12,300\n";
        let p = api.raw(Method::POST, "/api/v1/sellers/me/imports", s, Some("text/csv"), csv).await.problem(422, "import_rejected");
        assert_eq!(p["lines"][0]["errors"][0]["field"], "title", "{p}");
    }
);

both_backends!(
    async fn item5_arrays_and_scalars_are_not_objects(db) {
        let api = Api::new(db).await;
        let buyer = api.account("b@x.fr").await;
        let b = Some(buyer.as_str());
        // serde reads a struct from an array by position: this made a shop.
        for body in [json!(["Chez B", "FR", "individual"]), json!([]), json!("Chez B"), json!(42), json!(null)] {
            let p = api.post("/api/v1/sellers", b, body.clone()).await.problem(400, "malformed_body");
            assert!(p["detail"].as_str().is_some_and(|d| !d.is_empty()), "{body}: {p}");
        }
        api.get("/api/v1/sellers/me", b).await.problem(404, "not_found");
        api.call(Method::PATCH, "/api/v1/accounts/me", b, Some(json!([])))
            .await
            .problem(400, "malformed_body");
        // At any depth: a measurement is an object, not a pair.
        let (seller, _) = api.seller("s@x.fr", "Chez S").await;
        api.post("/api/v1/pieces", Some(&seller), piece_with("measurements", json!([["length", 1050]])))
            .await
            .problem(400, "malformed_body");
    }
);

both_backends!(
    async fn item5_a_cross_site_api_request_gets_a_problem_document(db) {
        let api = Api::new(db).await;
        let request = axum::http::Request::builder()
            .method(Method::POST)
            .uri("/api/v1/auth/tokens")
            .header("content-type", "application/json")
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from(r#"{"email": "a@x.fr", "password": "x"}"#))
            .unwrap();
        let p = api.send(request).await.problem(403, "cross_site_request");
        assert!(!p["title"].as_str().unwrap_or("").is_empty(), "{p}");
    }
);

both_backends!(
    async fn item5_staff_routes_check_the_role_before_the_body(db) {
        let api = Api::new(db).await;
        let buyer = api.account("b@x.fr").await;
        let admin = api.staff("a@x.fr", &[pepite_domain::account::Role::Admin]).await;
        let json = Some("application/json");
        let garbage = [
            (Method::PUT, "/api/v1/policy", "[1, 2]"),
            (Method::PUT, "/api/v1/policy", "{not json"),
            (Method::POST, "/api/v1/admin/clock", "{\"at\": true}"),
            (Method::POST, "/api/v1/discount-codes", "{\"code\": 12}"),
            (Method::PUT, "/api/v1/discount-codes/abc", "{}"),
            (Method::GET, "/api/v1/staff/orders?before=soon", ""),
            (Method::GET, "/api/v1/admin/users?before=yesterday", ""),
            (Method::PUT, "/api/v1/admin/users/abc/roles/king", ""),
            (Method::GET, "/api/v1/staff/jobs?state=nope", ""),
        ];
        for (method, path, body) in garbage.clone() {
            api.raw(method, path, Some(&buyer), json, body).await.problem(403, "forbidden");
        }
        // The admin, allowed in, is told what is wrong with the request.
        for (method, path, body) in garbage {
            let r = api.raw(method, path, Some(&admin), json, body).await;
            assert!(matches!(r.status.as_u16(), 400 | 404 | 422), "{path}: {}", r.body);
        }
    }
);

both_backends!(
    async fn p3_policy_amounts_and_counts_are_bounded(db) {
        let api = Api::new(db).await;
        let admin = api.staff("a@x.fr", &[pepite_domain::account::Role::Admin]).await;
        let a = Some(admin.as_str());
        let policy = api.get("/api/v1/policy", a).await.expect(200).json()["policy"].clone();
        for (field, value) in [
            ("qc_fee_cap_cents", json!(i64::MAX)),
            ("gift_card_max_cents", json!(i64::MAX)),
            ("uk_vat_threshold_pence", json!(i64::MAX)),
            ("photo_max_bytes", json!(u64::MAX)),
        ] {
            let mut edited = policy.clone();
            edited[field] = value;
            let body = json!({"expected_version": 0, "policy": edited});
            api.call(Method::PUT, "/api/v1/policy", a, Some(body)).await.field_error(field, "out_of_range");
        }
        let mut edited = policy.clone();
        edited["shipping_rates"][0]["direct_cents"] = json!(i64::MAX);
        let body = json!({"expected_version": 0, "policy": edited});
        api.call(Method::PUT, "/api/v1/policy", a, Some(body)).await.field_error("shipping_rates", "invalid");
        // Nothing was saved.
        assert_eq!(api.get("/api/v1/policy", a).await.expect(200).json()["version"], 0);
    }
);

both_backends!(
    async fn item5_the_password_length_message_names_the_stored_policys_number(db) {
        let api = Api::new(db).await;
        let buyer = api.account("b@x.fr").await;
        // The number follows the policy an admin saved, not the one the process started with.
        let admin = api.staff("a@x.fr", &[pepite_domain::account::Role::Admin]).await;
        let mut policy = api.get("/api/v1/policy", Some(&admin)).await.expect(200).json()["policy"].clone();
        policy["password_min_chars"] = json!(16);
        api.put("/api/v1/policy", Some(&admin), json!({"expected_version": 0, "policy": policy})).await.expect(200);

        let thirteen = "thirteen char";
        let sign_up = json!({"email": "n@x.fr", "password": thirteen, "display_name": "N", "language": "fr", "country": "FR"});
        let p = api.post("/api/v1/accounts", None, sign_up).await.field_error("password", "too_short");
        assert_eq!(p["errors"][0]["limit"], 16, "{p}");
        assert!(p["errors"][0]["message"].as_str().unwrap().contains("16"), "{p}");

        let change = json!({"current_password": support::people::PASSWORD, "new_password": thirteen});
        let p = api.post("/api/v1/accounts/me/password", Some(&buyer), change).await.field_error("new_password", "too_short");
        assert_eq!(p["errors"][0]["limit"], 16, "{p}");
        assert!(p["errors"][0]["message"].as_str().unwrap().contains("16"), "{p}");
    }
);

both_backends!(
    async fn a4_a_draft_looks_missing_on_every_route_and_missing_ids_answer_404(db) {
        let api = Api::new(db).await;
        let (seller, _) = api.seller("s@x.fr", "Chez S").await;
        let buyer = api.account("b@x.fr").await;
        let b = Some(buyer.as_str());
        let draft = api.draft(&seller, json!({})).await["id"].as_i64().unwrap();
        let visitor = api.post("/api/v1/carts", None, json!({})).await.expect(201).json();
        let visitor_lines = format!("/api/v1/carts/{}/lines", visitor["cart_token"].as_str().unwrap());
        // A draft answered 409 (not listed, not sold, not for sale): now exactly a missing id.
        for id in [draft, 424242] {
            api.post("/api/v1/offers", b, json!({"piece_id": id, "amount_cents": 8000})).await.problem(404, "not_found");
            api.call(Method::PUT, &format!("/api/v1/pieces/{id}/alert"), b, None).await.problem(404, "not_found");
            api.post("/api/v1/cart/lines", b, json!({"piece_id": id})).await.problem(404, "not_found");
            api.post(&visitor_lines, None, json!({"piece_id": id})).await.problem(404, "not_found");
        }
        // Staff retry and relist buttons: a missing id is a 404, not "not dead" or "not sold".
        let admin = api.staff("a@x.fr", &[pepite_domain::account::Role::Admin]).await;
        let a = Some(admin.as_str());
        for path in ["/api/v1/staff/jobs/424242/retry", "/api/v1/staff/notifications/424242/retry", "/api/v1/staff/pieces/424242/relist"] {
            api.post(path, a, json!({})).await.problem(404, "not_found");
        }
        // An existing piece in the wrong state is still a conflict.
        api.post(&format!("/api/v1/staff/pieces/{draft}/relist"), a, json!({})).await.problem(409, "piece_not_sold");
    }
);
