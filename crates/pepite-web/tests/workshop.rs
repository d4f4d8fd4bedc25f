//! The workshop through the pages and the API (F2, F6, F7): the seller marks a grouped piece
//! sent; the station's scan field records arrivals; each piece is checked (a failure with a
//! note and a photo asks the buyer, who keeps it); the parcel is packed, its label printed (a
//! PDF only staff and the seller get) and shipped, the buyer following the carrier's link; the
//! API answers refusals as problem documents, and a lost parcel is reported and resent.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_domain::account::Role;
use pepite_domain::commerce::ShippingMode;
use serde_json::{Value, json};
use support::orders::{fixed_clock, listed, order};
use support::people::PASSWORD;
use support::sell::{Person, Site, open_shop};
use support::{Reply, png};

/// Léa's shop with two pieces, Bob's paid grouped order of both, and the workshop's Wanda.
async fn grouped(site: &Site) -> (Person, Person, Person, i64, i64, i64) {
    fixed_clock(site).await;
    let lea = site.person("lea@example.fr", &[]).await;
    open_shop(site, &lea, "Chez Léa").await;
    let bob = site.person("bob@example.fr", &[]).await;
    let wanda = site.person("wanda@example.fr", &[Role::Workshop]).await;
    let robe = listed(site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
    let sac = listed(site, &lea, "Sac seau en cuir", "Longchamp", 6_000).await;
    let out = order(site, &bob, &[robe, sac], ShippingMode::Grouped, None).await;
    (lea, bob, wanda, out.order_id, robe, sac)
}

/// The check form as the bench posts it: multipart, with an optional photo.
async fn check(
    site: &Site,
    cookie: &str,
    path: &str,
    outcome: &str,
    note: &str,
    photo: Option<&[u8]>,
) -> Reply {
    let b = "bench-boundary";
    let mut body = Vec::new();
    for (name, value) in [("outcome", outcome), ("note", note)] {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .into_bytes(),
        );
    }
    if let Some(bytes) = photo {
        body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"tache.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes());
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{b}--\r\n").into_bytes());
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={b}"),
        )
        .body(Body::from(body))
        .unwrap();
    site.oneshot(request).await
}

pepite_testkit::both_backends!(
    async fn f2_f6_the_workshop_receives_checks_packs_and_ships_a_grouped_order_on_its_pages(db) {
        let site = Site::new(db).await;
        let (lea, bob, wanda, id, robe, sac) = grouped(&site).await;
        // F2: the seller marks the dress sent with its tracking number (checked), the bag by hand.
        let sent = format!("/sell/orders/{id}/pieces/{robe}/sent");
        let seller_page = site.get(&lea.cookie, &format!("/sell/orders/{id}")).await.expect(200);
        assert!(seller_page.has(&sent), "{}", seller_page.body);
        site.post(&lea.cookie, &sent, &[("carrier", "ups"), ("tracking", "6A12345678901ABCDE")]).await.expect(422);
        site.post(&lea.cookie, &sent, &[("carrier", "colissimo"), ("tracking", "6A 1234 5678 901")]).await.expect(303);
        site.post(&bob.cookie, &format!("/sell/orders/{id}/pieces/{sac}/sent"), &[]).await.expect(404);

        // The station: the scan field takes the focus; the order waits, with its age.
        let station = site.get(&wanda.cookie, "/back-office/workshop").await.expect(200);
        assert!(station.has("autofocus") && station.has(r#"name="code""#), "{}", station.body);
        assert!(station.has(&format!("/back-office/workshop/orders/{id}")));
        site.get(&bob.cookie, "/back-office/workshop").await.expect(404);
        // A scanned tracking number or piece number records the arrival at once.
        let bench = format!("/back-office/workshop/orders/{id}");
        let scanned = site.get(&wanda.cookie, "/back-office/workshop/scan?code=6a12345678901").await.expect(303);
        assert_eq!(scanned.location(), format!("{bench}?done=arrived&piece={robe}"));
        site.get(&wanda.cookie, &format!("/back-office/workshop/scan?code={sac}")).await.expect(303);
        let unknown = site.get(&wanda.cookie, "/back-office/workshop/scan?code=XYZ").await.expect(303);
        let back = site.get(&wanda.cookie, unknown.location()).await.expect(200);
        assert!(back.has("Ce code ne correspond à aucune commande") && back.has(r#"value="XYZ""#), "{}", back.body);
        // Scanning a received piece again only opens the bench.
        let again = site.get(&wanda.cookie, &format!("/back-office/workshop/scan?code={sac}")).await.expect(303);
        assert_eq!(again.location(), format!("{bench}?piece={sac}"));

        // F2: checks. A failure needs a note; with one and a photo, the buyer is asked (F6).
        let passed = check(&site, &wanda.cookie, &format!("{bench}/pieces/{robe}/check"), "pass", "", None).await.expect(303);
        assert_eq!(passed.location(), format!("{bench}?done=passed"));
        let bare = check(&site, &wanda.cookie, &format!("{bench}/pieces/{sac}/check"), "fail", " ", None).await.expect(303);
        assert_eq!(bare.location(), format!("{bench}?error=required"));
        check(&site, &wanda.cookie, &format!("{bench}/pieces/{sac}/check"), "fail", "Rayure sur le fermoir", Some(&png(300, 300))).await.expect(303);
        let waiting = site.get(&wanda.cookie, &bench).await.expect(200);
        assert!(waiting.has("en attente de l’acheteur") && !waiting.has("/pack"), "{}", waiting.body);
        site.post(&wanda.cookie, &format!("{bench}/pack"), &[("carrier", "colissimo")]).await.expect(303);
        let refused = site.get(&wanda.cookie, &format!("{bench}?error=not_ready")).await.expect(200);
        assert!(refused.has("attend le choix de l’acheteur"));

        // F6: the buyer keeps it as it is, from their order page.
        let mine = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(mine.has("Rayure sur le fermoir") && mine.has(&format!("/orders/{id}/pieces/{sac}/choice")), "{}", mine.body);
        // The buyer sees the workshop's photo before choosing.
        let thumb = mine.body.split(r#"<ul class="thumbs check-photos">"#).nth(1).and_then(|r| r.split(r#"src=""#).nth(1)).and_then(|r| r.split('"').next()).expect("a photo of the failed check").to_owned();
        assert!(thumb.starts_with("/media/") && thumb.ends_with("-thumb.jpg"), "{thumb}");
        let img = site.get(&bob.cookie, &thumb).await.expect(200);
        assert_eq!(img.content_type(), "image/jpeg");
        site.post(&bob.cookie, &format!("/orders/{id}/pieces/{sac}/choice"), &[("choice", "keep")]).await.expect(303);

        // F2: packed under a label, printed, shipped; the buyer follows the carrier's link.
        let packed = site.post(&wanda.cookie, &format!("{bench}/pack"), &[("carrier", "colissimo")]).await.expect(303);
        assert_eq!(packed.location(), format!("{bench}?done=packed"));
        let label = format!("/back-office/orders/{id}/parcels/1/label.pdf");
        let ready = site.get(&wanda.cookie, &bench).await.expect(200);
        assert!(ready.has(&label) && ready.has("/ship"), "{}", ready.body);
        let pdf = site.get(&wanda.cookie, &label).await.expect(200);
        assert_eq!(pdf.content_type(), "application/pdf");
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        site.get(&bob.cookie, &label).await.expect(404);
        site.post(&wanda.cookie, &format!("{bench}/ship"), &[]).await.expect(303);
        site.post(&wanda.cookie, &format!("{bench}/ship"), &[]).await.expect(303);
        let tracking = format!("SB{id:010}01");
        let followed = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(followed.has("Expédiée") && followed.has(&format!("code={tracking}")), "{}", followed.body);
        let empty = site.get(&wanda.cookie, "/back-office/workshop").await.expect(200);
        assert!(!empty.has(&format!("/back-office/workshop/orders/{id}\"")), "off the station");
    }
);

async fn token(site: &Site, email: &str) -> String {
    let body = json!({"email": email, "password": PASSWORD, "label": "tests"});
    api(site, Method::POST, "/api/v1/auth/tokens", None, Some(body))
        .await
        .expect(201)
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn api(
    site: &Site,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut r = Request::builder().method(method).uri(path);
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
    site.oneshot(r.body(body).unwrap()).await
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pepite_testkit::both_backends!(
    async fn f2_f7_api_runs_the_station_and_a_lost_parcel_is_resent(db) {
        let site = Site::new(db).await;
        let (_lea, _bob, _wanda, id, robe, sac) = grouped(&site).await;
        let staff = token(&site, "wanda@example.fr").await;
        let buyer = token(&site, "bob@example.fr").await;
        let seller = token(&site, "lea@example.fr").await;
        let st = |p: &str| format!("/api/v1/staff/workshop/orders/{id}{p}");
        api(&site, Method::GET, "/api/v1/staff/workshop", Some(&buyer), None).await.problem(403, "forbidden");
        let sent = api(&site, Method::POST, &format!("/api/v1/seller/orders/{id}/pieces/{robe}/sent"), Some(&seller), Some(json!({}))).await.expect(200);
        assert!(sent.json()["sent_at"].is_string());
        api(&site, Method::POST, &format!("/api/v1/seller/orders/{id}/pieces/{robe}/sent"), Some(&seller), Some(json!({}))).await.problem(409, "already_sent");
        let queue = api(&site, Method::GET, "/api/v1/staff/workshop", Some(&staff), None).await.expect(200);
        assert_eq!(queue.json()[0]["order_id"], id);
        for piece in [robe, sac] {
            api(&site, Method::POST, &st(&format!("/pieces/{piece}/arrival")), Some(&staff), None).await.expect(200);
        }
        api(&site, Method::POST, &st(&format!("/pieces/{robe}/check")), Some(&staff), Some(json!({"passed": true}))).await.expect(200);
        // A failed check with its photos, base64 in the JSON body; one that does not decode is
        // refused beside its field, and nothing is checked.
        let sac_check = st(&format!("/pieces/{sac}/check"));
        api(&site, Method::POST, &sac_check, Some(&staff), Some(json!({"passed": false, "note": "Accroc", "photos": ["pas du base64 !"]}))).await.field_error("photo", "unreadable_image");
        api(&site, Method::POST, &sac_check, Some(&staff), Some(json!({"passed": false, "note": "Accroc", "photos": [base64(b"not an image")]}))).await.expect(422);
        let photo = base64(&png(300, 300));
        let failed = api(&site, Method::POST, &sac_check, Some(&staff), Some(json!({"passed": false, "note": "Accroc", "photos": [photo]}))).await.expect(200);
        let line = failed.json()["lines"].as_array().unwrap().iter().find(|l| l["piece_id"] == sac).unwrap().clone();
        assert_eq!((line["check"].as_str(), line["check_note"].as_str()), (Some("failed"), Some("Accroc")));
        // F6: the buyer reads the photo before choosing.
        let followed = api(&site, Method::GET, &format!("/api/v1/orders/{id}/workshop"), Some(&buyer), None).await.expect(200);
        let followed = followed.json();
        let mine = |piece: i64| followed.as_array().unwrap().iter().find(|l| l["piece_id"] == piece).unwrap().clone();
        assert_eq!(mine(sac)["check"], "failed");
        assert!(mine(sac)["check_photos"][0]["thumb"].as_str().unwrap().starts_with("/media/"), "{followed}");
        assert_eq!(mine(robe)["check_photos"], json!([]));
        api(&site, Method::POST, &format!("/api/v1/orders/{id}/pieces/{sac}/choice"), Some(&buyer), Some(json!({"choice": "keep"}))).await.expect(200);
        api(&site, Method::POST, &st(&format!("/pieces/{robe}/arrival")), Some(&staff), None).await.problem(409, "already_arrived");
        api(&site, Method::POST, &st("/ship"), Some(&staff), None).await.problem(409, "not_packed");
        let packed = api(&site, Method::POST, &st("/pack"), Some(&staff), Some(json!({"carrier": "colissimo"}))).await.expect(200);
        assert_eq!(packed.json()["ready"], true);
        api(&site, Method::POST, &st("/pack"), Some(&staff), Some(json!({"carrier": "colissimo"}))).await.problem(409, "already_packed");
        let label = api(&site, Method::GET, &format!("/api/v1/orders/{id}/parcels/1/label"), Some(&seller), None).await.expect(200);
        assert!(label.bytes.starts_with(b"%PDF-"), "the seller prints it too");
        api(&site, Method::GET, &format!("/api/v1/orders/{id}/parcels/1/label"), Some(&buyer), None).await.expect(404);
        api(&site, Method::POST, &st("/ship"), Some(&staff), None).await.expect(200);

        // F7: the buyer reports the parcel lost; staff find it and send it again.
        let report = format!("/api/v1/orders/{id}/parcels/1/report");
        api(&site, Method::POST, &report, Some(&buyer), Some(json!({"kind": "lost", "note": "Rien reçu"}))).await.expect(200);
        api(&site, Method::POST, &report, Some(&buyer), Some(json!({"kind": "refused"}))).await.problem(409, "already_reported");
        let open = api(&site, Method::GET, "/api/v1/staff/parcel-reports", Some(&staff), None).await.expect(200);
        assert_eq!(open.json()[0]["kind"], "lost");
        let decide = format!("/api/v1/staff/orders/{id}/parcels/1/report/decision");
        api(&site, Method::POST, &decide, Some(&staff), Some(json!({"decision": "resend", "carrier": "ups", "tracking": "6A12345678901ABCDE"}))).await.field_error("tracking", "tracking_format");
        let resent = api(&site, Method::POST, &decide, Some(&staff), Some(json!({"decision": "resend", "carrier": "colissimo", "tracking": "6A98765432101"}))).await.expect(200);
        assert_eq!(resent.json()["tracking"], "6A98765432101");
        api(&site, Method::POST, &decide, Some(&staff), Some(json!({"decision": "refund"}))).await.problem(409, "already_decided");
    }
);
