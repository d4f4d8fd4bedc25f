//! Returns through the pages and the API (R1–R4): the buyer sees which pieces may go back and
//! that there are no exchanges, is shown the route and the cost before confirming, downloads
//! the slip and the label as PDFs; the seller records the receipt; the API asks a return
//! once per idempotency key and answers refusals as problem documents, never a 500.

mod support;

use axum::http::{Method, Request, header};
use pepite_app::shipping;
use pepite_domain::account::Role;
use pepite_domain::commerce::ShippingMode;
use serde_json::{Value, json};
use support::Reply;
use support::orders::{NOW_US, fixed_clock, listed, order};
use support::people::PASSWORD;
use support::sell::{Person, Site, open_shop};

/// Léa's shop, Bob the buyer, and a paid direct order of one of Léa's pieces, shipped and
/// delivered now.
async fn delivered(site: &Site) -> (Person, Person, i64, i64) {
    fixed_clock(site).await;
    let lea = site.person("lea@example.fr", &[]).await;
    open_shop(site, &lea, "Chez Léa").await;
    let bob = site.person("bob@example.fr", &[]).await;
    let robe = listed(site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
    let id = order(site, &bob, &[robe], ShippingMode::Direct, None)
        .await
        .order_id;
    let ship = format!("/sell/orders/{id}/parcels/1/ship");
    site.post(
        &lea.cookie,
        &ship,
        &[("carrier", "colissimo"), ("tracking", "6A12345678901")],
    )
    .await
    .expect(303);
    let staff = site.person("atelier@example.fr", &[Role::Workshop]).await;
    let who = site.principal(&staff).await;
    shipping::deliver_parcel(&site.app, &who, id, 1)
        .await
        .unwrap();
    (lea, bob, id, robe)
}

/// A multipart body of text fields and no file: what the confirmation form sends for a
/// change of mind.
fn fields(pairs: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "returns-test-boundary";
    let mut body = String::new();
    for (k, v) in pairs {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

async fn token(site: &Site, email: &str) -> String {
    let body = json!({"email": email, "password": PASSWORD, "label": "tests"});
    let r = api(
        site,
        Method::POST,
        "/api/v1/auth/tokens",
        None,
        None,
        Some(body),
    )
    .await
    .expect(201);
    r.json()["token"].as_str().unwrap().to_owned()
}

async fn api(
    site: &Site,
    method: Method,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut r = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(k) = key {
        r = r.header("idempotency-key", k);
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

pepite_testkit::both_backends!(
    async fn r1_r3_the_buyer_asks_a_return_on_the_page_and_downloads_the_slip_and_label(db) {
        let site = Site::new(db).await;
        let (lea, bob, id, robe) = delivered(&site).await;
        let page = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        // R1: the piece may go back until the window's last second; R3: no exchanges.
        assert!(page.has(&format!(r#"name="pieces" value="{robe}""#)), "{}", page.body);
        assert!(page.has("4 décembre 2026"), "{}", page.body);
        assert!(page.has("Pas d’échange possible"));
        let english = site.get(&bob.in_english(), &format!("/orders/{id}")).await.expect(200);
        assert!(english.has("No exchanges"), "{}", english.body);

        // R2: the route and the cost before confirming (France: free, to the seller).
        let confirm = format!("/orders/{id}/return?pieces={robe}&reason=change_of_mind");
        let shown = site.get(&bob.cookie, &confirm).await.expect(200);
        assert!(shown.has("Retour gratuit") && shown.has("Chez Léa"), "{}", shown.body);
        let nobody = site.get(&lea.cookie, &confirm).await;
        assert_eq!(nobody.status, 404, "A4: not the seller's order to return");

        let (content_type, body) = fields(&[("pieces", &robe.to_string()), ("reason", "change_of_mind"), ("expected_charge_cents", "0")]);
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("/orders/{id}/return"))
            .header(header::COOKIE, &bob.cookie)
            .header(header::CONTENT_TYPE, content_type)
            .body(axum::body::Body::from(body))
            .unwrap();
        let done = site.oneshot(request).await.expect(303);
        assert_eq!(done.location(), format!("/orders/{id}#returns"));
        let page = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(page.has("Retour demandé"), "item 12: {}", page.body);
        let rid = pepite_app::returns::of_order(&site.app, &site.principal(&bob).await, id).await.unwrap()[0].ret.id;
        let slip = site.get(&bob.cookie, &format!("/orders/{id}/returns/{rid}/slip.pdf")).await.expect(200);
        assert_eq!(slip.content_type(), "application/pdf");
        assert!(slip.body.starts_with("%PDF-"));
        let label_link = format!("/orders/{id}/returns/{rid}/labels/{}.pdf", rid * 100 + 1);
        assert!(page.has(&label_link), "{}", page.body);
        let label = site.get(&bob.cookie, &label_link).await.expect(200);
        assert_eq!(label.content_type(), "application/pdf");
        assert!(label.header(header::CONTENT_DISPOSITION).contains("etiquette-retour-SB"));
        // A4: someone else's label is not found.
        site.get(&lea.cookie, &label_link).await.expect(404);

        // The seller sees it coming and records its receipt once.
        let desk = site.get(&lea.cookie, "/sell/returns").await.expect(200);
        assert!(desk.has(&format!("/sell/returns/{rid}")), "{}", desk.body);
        let detail = site.get(&lea.cookie, &format!("/sell/returns/{rid}")).await.expect(200);
        assert!(detail.has(&format!("/pieces/{robe}/receipt")), "{}", detail.body);
        let _ = NOW_US;
    }
);

pepite_testkit::both_backends!(
    async fn r1_the_api_asks_once_per_key_and_refuses_with_problem_documents(db) {
        let site = Site::new(db).await;
        let (_lea, _bob, id, robe) = delivered(&site).await;
        let buyer = token(&site, "bob@example.fr").await;
        let path = format!("/api/v1/orders/{id}/returns");
        let quote = api(&site, Method::GET, &format!("{path}/quote?pieces={robe}"), Some(&buyer), None, None).await.expect(200);
        assert_eq!(quote.json()["buyer_pays"], false);
        assert_eq!(quote.json()["parcels"][0]["to"], "seller");
        api(&site, Method::POST, &path, Some(&buyer), None, Some(json!({"pieces": [robe], "reason": "change_of_mind"}))).await.expect(400);
        let bad = api(&site, Method::POST, &path, Some(&buyer), Some("k0"), Some(json!({"pieces": [robe], "reason": "exchange"}))).await.expect(422);
        assert_eq!(bad.json()["errors"][0]["field"], "reason");
        let body = json!({"pieces": [robe], "reason": "change_of_mind"});
        let made = api(&site, Method::POST, &path, Some(&buyer), Some("k1"), Some(body.clone())).await.expect(201);
        assert_eq!(made.json()["state"], "accepted");
        assert_eq!(made.json()["parcels"][0]["to"], "seller");
        // O7: the same key answers the first outcome again; another key is the conflict.
        let again = api(&site, Method::POST, &path, Some(&buyer), Some("k1"), Some(body.clone())).await.expect(201);
        assert_eq!(again.json()["id"], made.json()["id"]);
        let twice = api(&site, Method::POST, &path, Some(&buyer), Some("k2"), Some(body)).await.expect(409);
        assert_eq!(twice.json()["code"], "return_already_asked");
        let list = api(&site, Method::GET, &path, Some(&buyer), None, None).await.expect(200);
        assert_eq!(list.json().as_array().unwrap().len(), 1);
        // A4: someone else's order is not found.
        site.person("eve@example.fr", &[]).await;
        let eve = token(&site, "eve@example.fr").await;
        api(&site, Method::GET, &path, Some(&eve), None, None).await.expect(404);
        api(&site, Method::POST, &path, Some(&eve), Some("k3"), Some(json!({"pieces": [robe], "reason": "change_of_mind"}))).await.expect(404);
        let slip = api(&site, Method::GET, &format!("/api/v1/returns/{}/slip", made.json()["id"]), Some(&buyer), None, None).await.expect(200);
        assert_eq!(slip.content_type(), "application/pdf");
    }
);
