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
            ("title", json!("Robe\u{0007}"), "title", "invalid"),
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
        missing.as_object_mut().unwrap().remove("brand");
        api.post("/api/v1/pieces", t, missing).await.field_error("brand", "required");

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
