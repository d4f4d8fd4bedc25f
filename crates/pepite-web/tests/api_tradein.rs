//! The trade-in programme through the API (T1–T7) on SQLite and PostgreSQL: a programme opened
//! and its catalogue imported, a quote accepted once, a box inspected, a voucher issued, and
//! 50 redemptions of one voucher sent at once from two tills through the router, none taking
//! it below zero.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::Api;
use tower::ServiceExt;

const CATALOGUE: &str = "style_id,name,brand,category,season,reference_price\n\
ML-100,Manteau Lune,Maison Lune,Manteaux,AW24,300\n\
ML-200,Robe Soleil,Maison Lune,dresses,SS25,150\n\
ML-300,Fusée,Maison Lune,spaceship,SS25,150\n";

/// An opened programme with its catalogue: (api, programme id, partner, person, expert).
async fn programme(db: pepite_store::Db) -> (Api, i64, String, String, String) {
    let api = Api::new(db).await;
    api.app.now_us().await.unwrap();
    pepite_store::clock::set(
        &api.app.db,
        "2026-11-20T09:00:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_microsecond(),
    )
    .await
    .unwrap();
    let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
    let partner = api.staff("marque@x.fr", &[Role::BrandPartner]).await;
    let partner_id = pepite_store::accounts::by_email(&api.app.db, "marque@x.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let body = json!({"code": "maison-lune", "name": "Maison Lune", "partner_id": partner_id, "brands": ["Maison Lune"]});
    let p = api
        .post(
            "/api/v1/admin/trade-in/programmes",
            Some(&admin),
            body.clone(),
        )
        .await
        .expect(201)
        .json();
    api.post("/api/v1/admin/trade-in/programmes", Some(&admin), body)
        .await
        .field_error("code", "taken");
    api.post(
        "/api/v1/admin/trade-in/programmes",
        Some(&partner),
        json!({}),
    )
    .await
    .problem(403, "forbidden");
    let id = p["id"].as_i64().unwrap();
    let path = format!("/api/v1/partner/programmes/{id}/styles");
    let report = api
        .raw(
            Method::POST,
            &path,
            Some(&partner),
            Some("text/csv"),
            CATALOGUE,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(
        (report["added"].as_i64(), report["updated"].as_i64()),
        (Some(2), Some(0))
    );
    assert_eq!(report["refused"][0]["line"], 4);
    assert_eq!(report["refused"][0]["errors"][0]["value"], "spaceship");
    let person = api.account("camille@x.fr").await;
    let expert = api.staff("expert@x.fr", &[Role::Workshop]).await;
    (api, id, partner, person, expert)
}

fn quote(style: i64, birth: &str) -> Value {
    json!({"birth_date": birth, "full_name": "Camille Martin", "address": "12 rue des Lilas",
           "postal_code": "75011", "city": "Paris", "country": "FR",
           "pieces": [{"style": style, "grade": "excellent"}]})
}

both_backends!(
    async fn t1_t3_t4_a_partner_sets_rules_and_a_person_is_quoted_and_accepts_once(db) {
        let (api, id, partner, person, _) = programme(db).await;
        // T1: the partner saves rules by version; a stale save is refused.
        let p = api.get(&format!("/api/v1/partner/programmes/{id}"), Some(&partner)).await.expect(200).json();
        let mut rules = json!({"brands": p["brands"], "countries": ["FR", "BE"], "grid": p["grid"], "min_age": 21});
        let save = |version: &Value, rules: &Value| json!({"name": "Maison Lune Seconde Vie", "version": version, "rules": rules});
        let saved = api.call(Method::PUT, &format!("/api/v1/partner/programmes/{id}"), Some(&partner), Some(save(&p["version"], &rules))).await.expect(200).json();
        assert_eq!((saved["min_age"].as_i64(), saved["version"].as_i64()), (Some(21), Some(2)));
        api.call(Method::PUT, &format!("/api/v1/partner/programmes/{id}"), Some(&partner), Some(save(&p["version"], &rules))).await.problem(409, "programme_changed");
        rules["countries"] = json!(["ZZ"]);
        api.call(Method::PUT, &format!("/api/v1/partner/programmes/{id}"), Some(&partner), Some(save(&saved["version"], &rules))).await.field_error("countries", "unknown_value");
        // A4: another partner does not see it.
        let other = api.staff("autre@x.fr", &[Role::BrandPartner]).await;
        api.get(&format!("/api/v1/partner/programmes/{id}"), Some(&other)).await.problem(404, "not_found");

        let styles = api.get(&format!("/api/v1/trade-in/programmes/{id}/styles?q=manteau"), None).await.expect(200).json();
        let coat = styles[0]["id"].as_i64().unwrap();
        // T1: 20 is under the new minimum age: told why, nothing saved.
        let young = api.post(&format!("/api/v1/trade-in/programmes/{id}/quotes"), Some(&person), quote(coat, "2006-01-01")).await.expect(200).json();
        assert_eq!(young["person_refusals"][0]["code"], "too_young");
        assert_eq!(young["person_refusals"][0]["min_age"], 21);
        assert_eq!(young["box_id"], Value::Null);
        let q = api.post(&format!("/api/v1/trade-in/programmes/{id}/quotes"), Some(&person), quote(coat, "1990-05-01")).await.expect(201).json();
        assert_eq!(q["total"]["amount_cents"], 10_500);
        assert_eq!(q["pieces"][0]["grid_line"]["grade"], "excellent");
        let b = q["box_id"].as_i64().unwrap();
        let accepted = api.post(&format!("/api/v1/trade-in/boxes/{b}/accept"), Some(&person), json!({})).await.expect(200).json();
        assert_eq!(accepted["state"], "accepted");
        assert!(accepted["tracking"].as_str().unwrap().starts_with("SBT"));
        api.post(&format!("/api/v1/trade-in/boxes/{b}/accept"), Some(&person), json!({})).await.problem(409, "already_accepted");
        let stranger = api.account("x@x.fr").await;
        api.get(&format!("/api/v1/trade-in/boxes/{b}"), Some(&stranger)).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn t7_fifty_concurrent_redemptions_through_the_api_never_overdraw_a_voucher(db) {
        let (api, id, partner, person, expert) = programme(db).await;
        let styles = api.get(&format!("/api/v1/trade-in/programmes/{id}/styles"), None).await.expect(200).json();
        let coat = styles.as_array().unwrap().iter().find(|s| s["style_id"] == "ML-100").unwrap()["id"].as_i64().unwrap();
        let b = api.post(&format!("/api/v1/trade-in/programmes/{id}/quotes"), Some(&person), quote(coat, "1990-05-01")).await.expect(201).json()["box_id"].as_i64().unwrap();
        api.post(&format!("/api/v1/trade-in/boxes/{b}/accept"), Some(&person), json!({})).await.expect(200);
        api.post(&format!("/api/v1/staff/trade-in/boxes/{b}/arrival"), Some(&expert), json!({})).await.expect(200);
        api.post(&format!("/api/v1/staff/trade-in/boxes/{b}/arrival"), Some(&person), json!({})).await.problem(403, "forbidden");
        let item = api.get(&format!("/api/v1/staff/trade-in/boxes/{b}"), Some(&expert)).await.expect(200).json()["items"][0]["id"].as_i64().unwrap();
        // The warehouse's queue and the person's list carry each box with its pieces.
        let queue = api.get("/api/v1/staff/trade-in/boxes", Some(&expert)).await.expect(200).json();
        assert_eq!((queue[0]["id"].as_i64(), queue[0]["late"].as_bool(), queue[0]["items"][0]["id"].as_i64()), (Some(b), Some(false), Some(item)));
        let mine = api.get("/api/v1/trade-in/boxes", Some(&person)).await.expect(200).json();
        assert_eq!((mine[0]["state"].as_str(), mine[0]["items"].as_array().map(Vec::len)), (Some("arrived"), Some(1)));
        let verdict = format!("/api/v1/staff/trade-in/items/{item}/verdict");
        api.post(&verdict, Some(&expert), json!({"accept": true, "grade": "new_with_tags"})).await.field_error("grade", "grade_above_declared");
        let v = api.post(&verdict, Some(&expert), json!({"accept": true})).await.expect(200).json();
        assert_eq!(v["credited"]["amount_cents"], 10_500);
        api.post(&verdict, Some(&expert), json!({"accept": true})).await.problem(409, "already_inspected");

        // T7: a voucher of 100 € from 105 € of credit; more than the rest is refused.
        api.post("/api/v1/trade-in/vouchers", Some(&person), json!({"programme_id": id, "amount_cents": 900})).await.expect(201);
        api.post("/api/v1/trade-in/vouchers", Some(&person), json!({"programme_id": id, "amount_cents": 10_000})).await.field_error("amount", "credit_too_low");
        let wallet = api.get("/api/v1/trade-in/credit", Some(&person)).await.expect(200).json();
        assert_eq!(wallet["credits"][0]["balance"]["amount_cents"], 9_600);
        api.post("/api/v1/trade-in/vouchers", Some(&person), json!({"programme_id": id, "amount_cents": 9_600})).await.expect(201);
        let wallet = api.get("/api/v1/trade-in/credit", Some(&person)).await.expect(200).json();
        let code = wallet["vouchers"][0]["code"].as_str().unwrap().to_owned();
        assert_eq!(wallet["vouchers"][0]["balance"]["amount_cents"], 9_600);

        let till = |name: &str| {
            let (api, partner, name) = (&api, partner.clone(), name.to_owned());
            async move {
                let c = api.post(&format!("/api/v1/partner/programmes/{id}/channels"), Some(&partner), json!({"name": name, "kind": "boutique"})).await.expect(201).json();
                c["token"].as_str().unwrap().to_owned()
            }
        };
        let tills = [till("Marais").await, till("Lyon").await];
        let check = api.get(&format!("/api/v1/channel/vouchers/{}", code.to_lowercase()), Some(&tills[0])).await.expect(200).json();
        assert_eq!((check["status"].as_str(), check["balance"]["amount_cents"].as_i64()), (Some("active"), Some(9_600)));
        api.get(&format!("/api/v1/channel/vouchers/{code}"), Some(&person)).await.problem(401, "unauthenticated");
        api.post("/api/v1/channel/redemptions", Some(&tills[0]), json!({"code": code, "amount_cents": 100})).await.problem(400, "idempotency_key_missing");

        // 50 tills' requests of 3 € at once, through the router: 32 fit in 96 €.
        let router = pepite_web::router(api.app.clone(), pepite_web::WebConfig::default());
        let tasks: Vec<_> = (0..50)
            .map(|n| {
                let request = Request::builder()
                    .method(Method::POST)
                    .uri("/api/v1/channel/redemptions")
                    .header(header::AUTHORIZATION, format!("Bearer {}", tills[n % 2]))
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("idempotency-key", format!("sale-{n}"))
                    .body(Body::from(json!({"code": code, "amount_cents": 300}).to_string()))
                    .unwrap();
                tokio::spawn(router.clone().oneshot(request))
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap().unwrap().status().as_u16());
        }
        assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 32, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 18, "{statuses:?}");
        let after = api.get(&format!("/api/v1/channel/vouchers/{code}"), Some(&tills[1])).await.expect(200).json();
        assert_eq!(after["balance"]["amount_cents"], 0);

        // A retried sale answers the first redemption; a refund reverses it once.
        let pos = statuses.iter().position(|s| *s == 201).unwrap();
        let replay = api.send_json(Method::POST, "/api/v1/channel/redemptions", Some(&tills[pos % 2]), Some(&format!("sale-{pos}")), json!({"code": code, "amount_cents": 300})).await.expect(200).json();
        let reversal = format!("/api/v1/channel/redemptions/{}/reversal", replay["id"]);
        let back = api.post(&reversal, Some(&tills[pos % 2]), json!({})).await.expect(200).json();
        assert_eq!((back["state"].as_str(), back["balance"]["amount_cents"].as_i64()), (Some("reversed"), Some(300)));
        api.post(&reversal, Some(&tills[pos % 2]), json!({})).await.problem(409, "already_reversed");
        api.post(&reversal, Some(&tills[1 - pos % 2]), json!({})).await.problem(404, "not_found");
        let (sum, bad) = pepite_store::commerce::ledger::audit(&api.app.db).await.unwrap();
        assert_eq!((sum, bad), (0, 0));
    }
);

both_backends!(
    async fn t8_the_refurbishment_station_lists_an_accepted_piece_in_the_resale_shop(db) {
        let (api, id, _, person, expert) = programme(db).await;
        let styles = api.get(&format!("/api/v1/trade-in/programmes/{id}/styles?q=ml-100"), None).await.expect(200).json();
        let coat = styles[0]["id"].as_i64().unwrap();
        let b = api.post(&format!("/api/v1/trade-in/programmes/{id}/quotes"), Some(&person), quote(coat, "1990-05-01")).await.expect(201).json()["box_id"].as_i64().unwrap();
        api.post(&format!("/api/v1/trade-in/boxes/{b}/accept"), Some(&person), json!({})).await.expect(200);
        let arrived = api.post(&format!("/api/v1/staff/trade-in/boxes/{b}/arrival"), Some(&expert), json!({})).await.expect(200).json();
        let item = arrived["items"][0]["id"].as_i64().unwrap();
        api.post(&format!("/api/v1/staff/trade-in/items/{item}/verdict"), Some(&expert), json!({"accept": true})).await.expect(200);
        let step = format!("/api/v1/staff/trade-in/items/{item}/refurbishment");
        api.post(&step, Some(&expert), json!({"step": "relabelled"})).await.problem(409, "step_out_of_order");
        for s in ["cleaned", "pressed", "relabelled"] {
            api.post(&step, Some(&expert), json!({"step": s})).await.expect(200);
        }
        let done = api.post(&step, Some(&expert), json!({"step": "authenticated"})).await.expect(200).json();
        assert_eq!(done["steps_done"], json!(["cleaned", "pressed", "relabelled", "authenticated"]));
        let body = json!({"title": "Manteau Lune", "brand": "x", "category": "x", "size_system": "FR", "size_label": "38",
            "grade": "x", "colour": "black", "materials": "laine", "description": "Reconditionné par nos soins.",
            "price_cents": 19_000, "weight_g": 900});
        let piece = api.post(&format!("/api/v1/staff/trade-in/items/{item}/piece"), Some(&expert), body).await.expect(201).json()["piece_id"].as_i64().unwrap();
        api.post(&format!("/api/v1/staff/trade-in/items/{item}/listing"), Some(&expert), json!({})).await.field_error("photos", "photo_required");
        api.raw(Method::POST, &format!("/api/v1/staff/trade-in/items/{item}/photos"), Some(&expert), Some("image/png"), support::png(400, 400)).await.expect(201);
        api.post(&format!("/api/v1/staff/trade-in/items/{item}/listing"), Some(&expert), json!({})).await.expect(200);
        let listed = api.get(&format!("/api/v1/pieces/{piece}"), None).await.expect(200).json();
        assert_eq!((listed["state"].as_str(), listed["brand"].as_str(), listed["grade"].as_str()), (Some("listed"), Some("Maison Lune"), Some("excellent")));
        assert_eq!(listed["seller"]["shop_name"], "Maison Lune · seconde main");
    }
);
