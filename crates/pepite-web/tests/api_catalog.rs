//! The API's catalogue (C1–C5, A4): pieces, photos, search and CSV import, on SQLite and
//! PostgreSQL.

mod support;

use std::collections::HashSet;

use axum::http::{Method, StatusCode};
use pepite_app::photos::variant_key;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::Api;
use support::{multipart, png};

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

fn facet(page: &Value, name: &str, value: &str) -> i64 {
    page["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == value)
        .map(|f| f["count"].as_i64().unwrap())
        .unwrap_or(0)
}

both_backends!(
    async fn c5_search_folds_accents_and_word_forms(db) {
        let api = Api::new(db).await;
        let (t, _) = api.seller("s@x.fr", "Chez S").await;
        let scarf = api.listed(&t, json!({"title": "Écharpe en laine", "category": "scarves", "size_system": "ONE", "size_label": ""})).await;
        let dresses = api.listed(&t, json!({"title": "Robes légères", "brand": "Ba&sh"})).await;
        let jacket = api.listed(&t, json!({"title": "Veste en jean", "category": "jackets", "description": "Bleu délavé."})).await;
        api.draft(&t, json!({"title": "Écharpe brouillon"})).await;

        for (q, expected) in [
            ("echarpe", vec![scarf]),
            ("%C3%89CHARPE", vec![scarf]),
            ("robe", vec![dresses]),
            ("vestes", vec![jacket]),
            ("delave", vec![jacket]),
            ("robe%20jean", vec![]),
        ] {
            let r = api.get(&format!("/api/v1/pieces?q={q}"), None).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            assert_eq!(ids(&r.json()), expected, "q={q}");
        }
        let all = api.get("/api/v1/pieces", None).await.json();
        assert_eq!(all["items"].as_array().unwrap().len(), 3, "drafts are not in the catalogue");
        let summary = &all["items"][0];
        assert_eq!(summary["price"], json!({"amount_cents": 8500, "currency": "EUR"}));
        assert!(summary["cover"]["thumb"].as_str().unwrap().starts_with("/media/"));
        assert_eq!(summary["purchasable"], true);
    }
);

both_backends!(
    async fn c5_filters_facets_sorts_and_cursor_pagination(db) {
        let api = Api::new(db).await;
        let (a, shop_a) = api.seller("a@x.fr", "Shop A").await;
        let (b, shop_b) = api.seller("b@x.fr", "Shop B").await;
        let piece = |brand: &str, category: &str, colour: &str, grade: &str, price: i64| {
            json!({"brand": brand, "category": category, "colour": colour, "grade": grade, "price_cents": price})
        };
        let p1 = api.listed(&a, piece("Sézane", "dresses", "red", "excellent", 8_500)).await;
        let p2 = api.listed(&a, piece("Sézane", "dresses", "blue", "very_good", 4_500)).await;
        let p3 = api.listed(&a, piece("Chanel", "jackets", "black", "excellent", 90_000)).await;
        let p4 = api.listed(&b, piece("Chanel", "bags", "black", "good", 150_000)).await;
        let p5 = api.listed(&b, piece("Ba&sh", "dresses", "red", "good", 3_000)).await;
        let p6 = api.listed(&b, piece("Sézane", "coats", "beige", "new_with_tags", 12_000)).await;
        let mut no_offers = piece("Ba&sh", "tops", "white", "excellent", 2_500);
        no_offers["open_to_offers"] = json!(false);
        let p7 = api.listed(&b, no_offers).await;

        let all = api.get("/api/v1/pieces?facets=true", None).await.json();
        assert_eq!(all["total"], 7);
        assert_eq!((facet(&all, "brand", "Sézane"), facet(&all, "brand", "Chanel"), facet(&all, "brand", "Ba&sh")), (3, 2, 2));
        assert_eq!(facet(&all, "category", "dresses"), 3);
        assert_eq!(facet(&all, "seller", &shop_b.to_string()), 4);
        assert_eq!(facet(&all, "open_to_offers", "false"), 1);
        let bands: Vec<(i64, i64, Value)> = all["facets"]["price"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b["count"].as_i64().unwrap(), b["min_cents"].as_i64().unwrap(), b["max_cents"].clone()))
            .collect();
        assert!(bands.contains(&(3, 2_000, json!(5_000))), "{bands:?}");
        assert!(bands.contains(&(2, 50_000, Value::Null)), "{bands:?}");

        // Repeated keys are alternatives; a facet ignores its own filter.
        let two_brands = api.get("/api/v1/pieces?brand=S%C3%A9zane&brand=Chanel&facets=true", None).await.json();
        assert_eq!(two_brands["total"], 5);
        assert_eq!(facet(&two_brands, "brand", "Ba&sh"), 2);
        assert_eq!(facet(&two_brands, "category", "dresses"), 2);
        let mut found = ids(&two_brands);
        found.sort();
        assert_eq!(found, [p1, p2, p3, p4, p6]);

        let by_seller = format!("seller={shop_a}");
        for (query, mut expected) in [
            ("category=dresses&colour=red", vec![p1, p5]),
            ("price_min=4000&price_max=10000", vec![p1, p2]),
            (by_seller.as_str(), vec![p1, p2, p3]),
            ("grade=good", vec![p4, p5]),
            ("size=FR%2038&category=tops", vec![p7]),
            ("open_to_offers=true&brand=Ba%26sh", vec![p5]),
        ] {
            let r = api.get(&format!("/api/v1/pieces?{query}"), None).await;
            assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.text());
            let mut got = ids(&r.json());
            got.sort();
            expected.sort();
            assert_eq!(got, expected, "{query}");
        }

        // Paging by price with a cursor yields every piece once, in order.
        let mut seen = Vec::new();
        let mut url = "/api/v1/pieces?sort=price_asc&limit=3".to_owned();
        loop {
            let page = api.get(&url, None).await.json();
            assert!(page["items"].as_array().unwrap().len() <= 3);
            seen.extend(page["items"].as_array().unwrap().iter().map(|p| p["price"]["amount_cents"].as_i64().unwrap()));
            match page["next_cursor"].as_str() {
                Some(c) => url = format!("/api/v1/pieces?sort=price_asc&limit=3&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen, [2_500, 3_000, 4_500, 8_500, 12_000, 90_000, 150_000]);
        let dearest = api.get("/api/v1/pieces?sort=price_desc&limit=1", None).await.json();
        assert_eq!(ids(&dearest), [p4]);
        let cursor = dearest["next_cursor"].as_str().unwrap();
        api.get(&format!("/api/v1/pieces?sort=price_asc&cursor={cursor}"), None)
            .await
            .field_error("cursor", "invalid");

        // A sold piece is shown marked sold, and left out by available_only.
        assert!(pepite_app::catalog::mark_sold(&api.app, p4).await.unwrap());
        let with_sold = api.get("/api/v1/pieces?brand=Chanel&facets=true", None).await.json();
        let sold = with_sold["items"].as_array().unwrap().iter().find(|p| p["id"] == p4).unwrap().clone();
        assert_eq!((sold["state"].as_str(), sold["purchasable"].as_bool()), (Some("sold"), Some(false)));
        assert_eq!(facet(&with_sold, "available", "false"), 1);
        let available = api.get("/api/v1/pieces?brand=Chanel&available_only=true", None).await.json();
        assert_eq!(ids(&available), [p3]);
    }
);

both_backends!(
    async fn c4_sold_piece_visible_14_days_then_gone(db) {
        let api = Api::new(db).await;
        let admin = api.staff("boss@x.fr", &[pepite_domain::account::Role::Admin]).await;
        let (t, _) = api.seller("s@x.fr", "Chez S").await;
        let id = api.listed(&t, json!({"title": "Manteau camel"})).await;
        assert!(pepite_app::catalog::mark_sold(&api.app, id).await.unwrap());

        let piece = api.get(&format!("/api/v1/pieces/{id}"), None).await.json();
        assert_eq!((piece["sold"].as_bool(), piece["purchasable"].as_bool()), (Some(true), Some(false)));
        assert!(piece["sold_at"].is_string());
        assert_eq!(ids(&api.get("/api/v1/pieces?q=manteau", None).await.json()), [id]);

        let advance = |by: &'static str| api.post("/api/v1/admin/clock", Some(&admin), json!({"advance": by}));
        assert_eq!(advance("13d").await.status, StatusCode::OK);
        assert_eq!(ids(&api.get("/api/v1/pieces?q=manteau", None).await.json()), [id]);
        assert_eq!(api.get(&format!("/api/v1/pieces/{id}"), None).await.status, StatusCode::OK);

        assert_eq!(advance("24h").await.status, StatusCode::OK);
        assert!(ids(&api.get("/api/v1/pieces?q=manteau", None).await.json()).is_empty());
        let gone = api.get(&format!("/api/v1/pieces/{id}"), None).await;
        let unknown = api.get("/api/v1/pieces/999999", None).await;
        assert_eq!(gone.problem(404, "not_found"), unknown.problem(404, "not_found"));
        // Its seller still sees it.
        assert_eq!(api.get(&format!("/api/v1/pieces/{id}"), Some(&t)).await.json()["state"], "sold");
    }
);

both_backends!(
    async fn c3_listing_needs_a_photo(db) {
        let api = Api::new(db).await;
        let (t, _) = api.seller("s@x.fr", "Chez S").await;
        let draft = api.draft(&t, json!({})).await;
        let id = draft["id"].as_i64().unwrap();
        assert_eq!((draft["state"].as_str(), draft["purchasable"].as_bool()), (Some("draft"), Some(false)));
        assert_eq!(draft["size"], json!({"system": "FR", "label": "38", "key": "FR 38"}));
        assert_eq!(draft["measurements"], json!([{"kind": "length", "mm": 1050}]));
        api.get(&format!("/api/v1/pieces/{id}"), None).await.problem(404, "not_found");
        api.post(&format!("/api/v1/pieces/{id}/list"), Some(&t), json!({}))
            .await
            .field_error("photos", "photo_required");

        let (ct, body) = multipart("photo", "robe.png", "image/png", &png(600, 400));
        let first = api.raw(Method::POST, &format!("/api/v1/pieces/{id}/photos"), Some(&t), Some(&ct), body).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
        let first = first.json();
        assert_eq!((first["width"].as_i64(), first["height"].as_i64()), (Some(600), Some(400)));
        let large = first["urls"]["large"].as_str().unwrap();
        let key = large.strip_prefix("/media/").unwrap().strip_suffix("-large.jpg").unwrap();
        let stored = api.app.files.get(&variant_key(key, "thumb")).await.unwrap().expect("thumb stored");
        assert_eq!(image::guess_format(&stored).unwrap(), image::ImageFormat::Jpeg);
        let second = api.add_photo(&t, id).await.json();

        let cover = api.post(&format!("/api/v1/pieces/{id}/photos/{}/cover", second["id"]), Some(&t), json!({})).await;
        assert_eq!(cover.status, StatusCode::NO_CONTENT);
        // The whole order at once (C1): the ids of every photo, cover first; a stale set is a 409.
        let order = format!("/api/v1/pieces/{id}/photos/order");
        let both = json!({"photos": [first["id"], second["id"]]});
        assert_eq!(api.call(Method::PUT, &order, Some(&t), Some(both)).await.status, StatusCode::NO_CONTENT);
        let view = api.get(&format!("/api/v1/pieces/{id}"), Some(&t)).await.json();
        assert_eq!(view["photos"][0]["id"], first["id"]);
        api.call(Method::PUT, &order, Some(&t), Some(json!({"photos": [first["id"]]})))
            .await
            .problem(409, "photos_changed");
        let back = json!({"photos": [second["id"], first["id"]]});
        assert_eq!(api.call(Method::PUT, &order, Some(&t), Some(back)).await.status, StatusCode::NO_CONTENT);
        let listed = api.post(&format!("/api/v1/pieces/{id}/list"), Some(&t), json!({})).await.json();
        assert_eq!((listed["state"].as_str(), listed["purchasable"].as_bool()), (Some("listed"), Some(true)));
        assert_eq!(listed["photos"][0]["id"], second["id"]);
        assert!(listed["listed_at"].is_string());

        let photo_url = |photo: &Value| format!("/api/v1/pieces/{id}/photos/{photo}");
        let removed = api.call(Method::DELETE, &photo_url(&first["id"]), Some(&t), None).await;
        assert_eq!(removed.status, StatusCode::NO_CONTENT);
        api.call(Method::DELETE, &photo_url(&second["id"]), Some(&t), None)
            .await
            .problem(409, "last_photo_of_listed_piece");

        let withdrawn = api.post(&format!("/api/v1/pieces/{id}/withdraw"), Some(&t), json!({})).await.json();
        assert_eq!(withdrawn["state"], "withdrawn");
        api.get(&format!("/api/v1/pieces/{id}"), None).await.problem(404, "not_found");
        api.call(Method::DELETE, &format!("/api/v1/pieces/{id}"), Some(&t), None).await.problem(409, "not_a_draft");

        let other = api.draft(&t, json!({})).await["id"].as_i64().unwrap();
        assert_eq!(api.call(Method::DELETE, &format!("/api/v1/pieces/{other}"), Some(&t), None).await.status, StatusCode::NO_CONTENT);
        api.get(&format!("/api/v1/pieces/{other}"), Some(&t)).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn a4_seller_cannot_edit_another_sellers_piece(db) {
        let api = Api::new(db).await;
        let (a, _) = api.seller("a@x.fr", "Shop A").await;
        let (b, _) = api.seller("b@x.fr", "Shop B").await;
        let listed = api.listed(&a, json!({"title": "Veste"})).await;
        let draft = api.draft(&a, json!({})).await["id"].as_i64().unwrap();
        let photo = api.get(&format!("/api/v1/pieces/{listed}"), None).await.json()["photos"][0]["id"].clone();
        let body = Some(support::api::piece_body());

        for id in [listed, draft] {
            let attempts = [
                api.call(Method::PATCH, &format!("/api/v1/pieces/{id}"), Some(&b), body.clone()).await,
                api.call(Method::DELETE, &format!("/api/v1/pieces/{id}"), Some(&b), None).await,
                api.post(&format!("/api/v1/pieces/{id}/withdraw"), Some(&b), json!({})).await,
                api.post(&format!("/api/v1/pieces/{id}/list"), Some(&b), json!({})).await,
                api.add_photo(&b, id).await,
            ];
            let unknown = api.call(Method::PATCH, "/api/v1/pieces/999999", Some(&b), body.clone()).await;
            let expected = unknown.problem(404, "not_found");
            for r in attempts {
                assert_eq!(r.problem(404, "not_found"), expected);
            }
        }
        let remove = api.call(Method::DELETE, &format!("/api/v1/pieces/{listed}/photos/{photo}"), Some(&b), None).await;
        remove.problem(404, "not_found");
        api.get(&format!("/api/v1/pieces/{draft}"), Some(&b)).await.problem(404, "not_found");
        api.get("/api/v1/pieces/not-a-number", None).await.problem(404, "not_found");
        assert_eq!(api.get(&format!("/api/v1/pieces/{listed}"), None).await.json()["title"], "Veste");
    }
);

both_backends!(
    async fn c1_edits_replace_the_description_and_refuse_stale_versions(db) {
        let api = Api::new(db).await;
        let (t, _) = api.seller("s@x.fr", "Chez S").await;
        let draft = api.draft(&t, json!({})).await;
        let id = draft["id"].as_i64().unwrap();
        let mut body = support::api::piece_body();
        body["title"] = json!("Robe longue");
        body["price_cents"] = json!(9_900);
        body["version"] = draft["version"].clone();
        let edited = api.call(Method::PATCH, &format!("/api/v1/pieces/{id}"), Some(&t), Some(body.clone())).await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.text());
        let edited = edited.json();
        assert_eq!((edited["title"].as_str(), edited["price"]["amount_cents"].as_i64()), (Some("Robe longue"), Some(9_900)));
        assert!(edited["version"].as_i64() > draft["version"].as_i64());
        api.call(Method::PATCH, &format!("/api/v1/pieces/{id}"), Some(&t), Some(body))
            .await
            .problem(409, "stale_version");
    }
);

const HEADER: &str = "title,brand,category,size_system,size_label,grade,colour,materials,description,price,weight_g,measurements";

both_backends!(
    async fn c1_csv_import_reports_each_bad_line_and_writes_nothing(db) {
        let api = Api::new(db).await;
        let (t, _) = api.seller("s@x.fr", "Chez S").await;
        let template = api.get("/api/v1/sellers/me/imports/template", Some(&t)).await;
        assert!(template.content_type().starts_with("text/csv"));
        assert!(template.text().starts_with(HEADER));

        let bad = format!(
            "{HEADER}\n\
             Veste,Chanel,jackets,FR,38,excellent,beige,laine,Belle veste,450.00,600,chest=46\n\
             Robe,Dior,spaceship,FR,38,excellent,red,soie,Robe,abc,300,\n\
             Jupe,Zara,skirts,FR,36,mint,black,coton,Jupe,20,200,\n"
        );
        let r = api.raw(Method::POST, "/api/v1/sellers/me/imports", Some(&t), Some("text/csv"), bad).await;
        let p = r.problem(422, "import_rejected");
        let lines = p["lines"].as_array().unwrap();
        assert_eq!(lines.iter().map(|l| l["line"].as_i64().unwrap()).collect::<Vec<_>>(), [3, 4]);
        let fields = |i: usize| -> HashSet<(String, String)> {
            lines[i]["errors"].as_array().unwrap().iter()
                .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
                .collect()
        };
        assert!(fields(0).contains(&("category".into(), "unknown_value".into())), "{p}");
        assert!(fields(0).contains(&("price".into(), "invalid_amount".into())), "{p}");
        assert!(fields(1).contains(&("grade".into(), "unknown_value".into())), "{p}");
        let mine = api.get("/api/v1/sellers/me/pieces", Some(&t)).await.json();
        assert!(mine["items"].as_array().unwrap().is_empty(), "nothing was written");

        let good = format!(
            "{}\n{}\n",
            HEADER.replace(',', ";"),
            "Veste;Chanel;jackets;FR;38;excellent;beige;laine;Belle veste;450,00;600;chest=46\n\
             Jupe;Zara;skirts;INT;m;good;black;coton;Jupe;20;200;"
        );
        let (ct, body) = multipart("file", "stock.csv", "text/csv", good.as_bytes());
        let r = api.raw(Method::POST, "/api/v1/sellers/me/imports", Some(&t), Some(&ct), body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let imported: Vec<i64> = r.json()["imported"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        assert_eq!(imported.len(), 2);
        let drafts = api.get("/api/v1/sellers/me/pieces?state=draft", Some(&t)).await.json();
        let mut listed = ids(&drafts);
        listed.sort();
        assert_eq!(listed, imported);
        let veste = api.get(&format!("/api/v1/pieces/{}", imported[0]), Some(&t)).await.json();
        assert_eq!(veste["price"]["amount_cents"], 45_000);
        assert_eq!(veste["measurements"], json!([{"kind": "chest", "mm": 460}]));
        api.get("/api/v1/sellers/me/pieces?state=lost", Some(&t)).await.field_error("state", "unknown_value");
    }
);
