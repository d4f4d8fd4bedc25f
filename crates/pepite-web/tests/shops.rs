//! Several shops on one program (P3), through the router on SQLite and PostgreSQL: an admin
//! opens a brand's resale shop on its own host through the API; that host's pages and search
//! show only its pieces, in its languages, under its name; the marketplace's host no longer
//! shows them; each shop's policy is read and saved by id; bad input is a field error.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::Api;

const HOST: &str = "seconde-main.maison-lune.fr";

/// A GET of `path` on `host`, as a browser or a till would send it.
async fn on_host(api: &Api, host: &str, path: &str, token: Option<&str>) -> support::Reply {
    send_on_host(api, host, Method::GET, path, token, None).await
}

async fn send_on_host(
    api: &Api,
    host: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> support::Reply {
    let mut r = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, host);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let body = match body {
        Some(v) => {
            r = r.header(header::CONTENT_TYPE, "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    api.send(r.body(body).unwrap()).await
}

fn titles(search: &Value) -> Vec<String> {
    search["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

both_backends! {
    async fn p3_a_brands_resale_shop_on_its_own_host_shows_only_its_pieces(db) {
        let api = Api::new(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let (lea, _) = api.seller("lea@x.fr", "Chez Léa").await;
        let (brand, _) = api.seller("marque@x.fr", "Maison Lune SH").await;
        let robe = api.listed(&lea, json!({"title": "Robe fleurie"})).await;
        let veste = api.listed(&brand, json!({"title": "Veste lune"})).await;
        let partner_id = pepite_store::accounts::by_email(&api.app.db, "marque@x.fr").await.unwrap().unwrap().id;
        let programme = api
            .post("/api/v1/admin/trade-in/programmes", Some(&admin),
                json!({"code": "maison-lune", "name": "Maison Lune", "partner_id": partner_id, "brands": ["Maison Lune"]}))
            .await
            .expect(201)
            .json()["id"]
            .as_i64()
            .unwrap();
        let body = json!({"slug": "maison-lune", "name": "Maison Lune · seconde main", "kind": "brand_resale",
            "host": HOST, "languages": ["fr"], "programme_id": programme});
        api.post("/api/v1/shops", Some(&lea), body.clone()).await.problem(403, "forbidden");
        let shop = api.post("/api/v1/shops", Some(&admin), body.clone()).await.expect(201).json();
        assert_eq!(shop["kind"], "brand_resale");
        assert_eq!(shop["languages"], json!(["fr"]));
        api.post("/api/v1/shops", Some(&admin), json!({"slug": "autre", "name": "Autre", "kind": "marketplace",
            "host": HOST, "languages": ["fr"]})).await.field_error("host", "taken");
        let bad = api.post("/api/v1/shops", Some(&admin), json!({"slug": "Bad Slug", "name": "", "kind": "boutique",
            "host": "-x-", "languages": ["de"]})).await;
        for field in ["slug", "name", "kind", "host", "languages"] {
            assert!(bad.json()["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{field}: {}", bad.text());
        }

        // Each host searches its own shop.
        let market = api.get("/api/v1/pieces?facets=true", None).await.expect(200).json();
        assert_eq!((titles(&market), market["total"].as_i64()), (vec!["Robe fleurie".to_owned()], Some(1)));
        let resale = on_host(&api, HOST, "/api/v1/pieces?facets=true", None).await.expect(200).json();
        assert_eq!((titles(&resale), resale["total"].as_i64()), (vec!["Veste lune".to_owned()], Some(1)));

        // Its pages carry its name and speak only its language; another shop's piece looks missing.
        let home = on_host(&api, HOST, "/", None).await.expect(200);
        assert!(home.has("Maison Lune · seconde main</a>"), "{}", home.text());
        assert!(home.has("Veste lune") && !home.has("Robe fleurie"));
        assert!(!home.has("hreflang="), "one language, no switch");
        assert!(!home.has("href=\"/sell\"") && home.has("programme de reprise"), "only the brand sells here");
        on_host(&api, HOST, &format!("/pieces/{veste}"), None).await.expect(200);
        on_host(&api, HOST, &format!("/pieces/{robe}"), None).await.expect(404);
        api.get(&format!("/pieces/{veste}"), None).await.expect(404);
        let first = api.get("/", None).await.expect(200);
        assert!(first.has("Pépite</a>") && first.has("hreflang=") && first.has("href=\"/sell\""));
        // Nobody but the brand opens a seller's shop there.
        let someone = api.account("someone@x.fr").await;
        send_on_host(&api, HOST, Method::POST, "/api/v1/sellers", Some(&someone),
            Some(json!({"shop_name": "Intrus", "country": "FR", "kind": "individual"})))
            .await
            .field_error("shop_name", "shop_closed_to_sellers");
    }
}

both_backends! {
    async fn p3_each_shops_policy_is_read_and_saved_by_id(db) {
        let api = Api::new(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let shop = api.post("/api/v1/shops", Some(&admin), json!({"slug": "generique", "name": "Boutique générique",
            "kind": "marketplace", "host": "boutique.example", "languages": ["en", "fr"]})).await.expect(201).json();
        let id = shop["id"].as_i64().unwrap();
        let listed = api.get("/api/v1/shops", Some(&admin)).await.expect(200).json();
        assert_eq!(listed.as_array().unwrap().len(), 2);
        // The generic shop gives a year to return; the marketplace keeps its 14 days.
        let read = api.get(&format!("/api/v1/shops/{id}/policy"), Some(&admin)).await.expect(200).json();
        let mut policy = read["policy"].clone();
        policy["return_window_days"] = json!(365);
        let saved = api.call(Method::PUT, &format!("/api/v1/shops/{id}/policy"), Some(&admin),
            Some(json!({"expected_version": read["version"], "policy": policy.clone()}))).await.expect(200).json();
        assert_eq!(saved["version"], json!(read["version"].as_i64().unwrap() + 1));
        api.call(Method::PUT, &format!("/api/v1/shops/{id}/policy"), Some(&admin),
            Some(json!({"expected_version": read["version"], "policy": policy}))).await.problem(409, "policy_changed");
        let first = api.get("/api/v1/policy", Some(&admin)).await.expect(200).json();
        assert_eq!(first["policy"]["return_window_days"], 14);
        let by_host = on_host(&api, "boutique.example", "/api/v1/policy", Some(&admin)).await.expect(200).json();
        assert_eq!(by_host["policy"]["return_window_days"], 365);
        api.get("/api/v1/shops/999/policy", Some(&admin)).await.problem(404, "not_found");
        // A seller signing up on its host sells there, and only there.
        let seller = api.account("sam@x.fr").await;
        send_on_host(&api, "boutique.example", Method::POST, "/api/v1/sellers", Some(&seller),
            Some(json!({"shop_name": "Sam", "country": "FR", "kind": "individual"}))).await.expect(201);
        api.listed(&seller, json!({"title": "Chemise générique"})).await;
        let there = on_host(&api, "boutique.example", "/api/v1/pieces?facets=true", None).await.expect(200).json();
        assert_eq!(there["total"], 1);
        let first_shop = api.get("/api/v1/pieces?facets=true", None).await.expect(200).json();
        assert_eq!(first_shop["total"], 0);
        // A shop's English first: its pages speak English to a visitor asking for nothing.
        let home = on_host(&api, "boutique.example", "/", None).await.expect(200);
        assert!(home.has("<html lang=\"en\""), "{}", &home.text()[..200]);
        // Changing it is a compare-and-set on its version.
        let change = json!({"expected_version": shop["version"], "slug": "generique", "name": "Generic",
            "kind": "marketplace", "host": "boutique.example", "languages": ["en"]});
        api.call(Method::PUT, &format!("/api/v1/shops/{id}"), Some(&admin), Some(change.clone())).await.expect(200);
        api.call(Method::PUT, &format!("/api/v1/shops/{id}"), Some(&admin), Some(change)).await.problem(409, "shop_changed");
    }
}
