//! T1–T7 and O10 in real headless Chromium against a running `pepite serve --demo` on SQLite:
//! Camille finds two pieces in a brand's reference catalogue, gets the instant offer, accepts
//! it and downloads her transfer form; a quality expert (through the use cases, the server
//! stopped: a SQLite file admits one process) receives the box and accepts one piece at a
//! lower grade and the other as declared; Camille sees her credit, makes a voucher of part of
//! it and, on the brand's resale shop's own host (P3), pays part of an order with it, the
//! card paying the rest. No step needs JavaScript.

mod support;

use std::sync::Arc;
use std::time::Duration;

use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_app::tradein::boxes::{self, VerdictInput};
use pepite_app::tradein::catalogue;
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::policy::Policy;
use pepite_store::Db;
use pepite_testkit::browser::{Browser, browser};
use support::steps::{
    click, download_head, element, fill, french_search, piece_for_sale, sign_in, text_of,
    wait_for_url,
};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";

const CATALOGUE: &str = "style_id;name;brand;category;season;reference_price;photo_url
ML-100;Manteau Lune;Maison Lune;coats;AW24;300;
ML-200;Robe Soleil;Maison Lune;dresses;SS25;150;
";

/// The use cases on the server's database, while the server is stopped.
async fn offline(dir: &std::path::Path) -> (App, Db) {
    let url = format!("sqlite://{}", dir.join("pepite.db").display());
    let db = Db::connect(&url).await.unwrap();
    let app = App::new(
        db.clone(),
        Clock::System,
        Arc::new(LocalFiles::new(dir.join("test-files"))),
        Policy::marketplace(),
        Arc::new(pepite_payments::Sandbox::new(db.clone())),
    );
    (app, db)
}

async fn principal(app: &App, email: &str) -> Principal {
    let (secret, _) =
        accounts::sign_in(app, email, DEMO_PASSWORD, "test", SessionKind::Browser, "t")
            .await
            .unwrap();
    accounts::authenticate(app, &secret.0)
        .await
        .unwrap()
        .unwrap()
}

/// The admin imports the journey's styles into the demo programme's catalogue; every handle on the
/// database is dropped on return, so the server may open it again.
async fn set_up_programme(dir: &std::path::Path) {
    let (app, db) = offline(dir).await;
    let admin = principal(&app, "admin@pepite.demo").await;
    // The demo opens the brand's programme; its catalogue gets the journey's two styles.
    let programme = pepite_store::tradein::programmes::by_code(&app.db, "maison-lune")
        .await
        .unwrap()
        .expect("the demo's programme")
        .id;
    let none = |_: &str, _: &str| None;
    catalogue::import_styles(&app, &admin, programme, CATALOGUE.as_bytes(), &none)
        .await
        .unwrap();
    drop(app);
    db.close().await;
}

/// T5/T6: the box arrives; the coat is accepted a grade lower, the dress as declared.
async fn inspect_box(dir: &std::path::Path, box_id: i64) {
    let (app, db) = offline(dir).await;
    let expert = principal(&app, "atelier@pepite.demo").await;
    boxes::arrive(&app, &expert, box_id).await.unwrap();
    let camille = principal(&app, "camille@pepite.demo").await;
    let (_, items) = boxes::mine(&app, &camille, box_id).await.unwrap();
    let verdict = |grade: &str| VerdictInput {
        accept: true,
        grade: Some(grade.into()),
        reason: None,
    };
    let coat = items.iter().find(|i| i.style_ref == "ML-100").unwrap();
    let dress = items.iter().find(|i| i.style_ref == "ML-200").unwrap();
    boxes::inspect(&app, &expert, coat.id, &verdict("very_good"))
        .await
        .unwrap();
    boxes::inspect(&app, &expert, dress.id, &verdict("new_with_tags"))
        .await
        .unwrap();
    drop(app);
    db.close().await;
}

/// Sets a date field's value as a date picker would (typing into one depends on the locale).
async fn set_date(b: &Browser, css: &str, value: &str) {
    element(b, css).await;
    b.execute(
        "document.querySelector(arguments[0]).value = arguments[1];",
        vec![serde_json::json!(css), serde_json::json!(value)],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn t4_t7_trade_in_journey_from_the_offer_to_a_voucher_paying_part_of_an_order() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-tradein");
    // The demo data, then the brand's programme and catalogue, set up by the admin.
    let mut server = Server::start(&dir, &["--demo"]).await;
    assert!(server.terminate(), "{}", server.output());
    drop(server);
    set_up_programme(&dir).await;

    // 1. T1–T3: Camille finds her two pieces and gets the offer.
    let server = Server::start(&dir, &["--demo"]).await;
    french_search(&b, &server).await;
    sign_in(
        &b,
        &server.url("/sign-in?next=/account"),
        "camille@pepite.demo",
        DEMO_PASSWORD,
    )
    .await;
    wait_for_url(&b, |u| u.ends_with("/account")).await;
    click(&b, "a[href='/trade-in']").await;
    click(&b, "a[href='/trade-in/maison-lune']").await;
    // Each piece by its reference; the pieces chosen stay chosen from one search to the next.
    fill(&b, "#tradein-q", "ML-100").await;
    click(&b, "#tradein-search button[type=submit]").await;
    click(&b, "#add-ML-100").await;
    wait_for_url(&b, |u| u.contains("pick=")).await;
    fill(&b, "#tradein-q", "ML-200").await;
    click(&b, "#tradein-search button[type=submit]").await;
    click(&b, "#add-ML-200").await;
    wait_for_url(&b, |u| u.matches("pick=").count() == 2).await;
    set_date(&b, "#birth_date", "1990-05-01").await;
    fill(&b, "#full_name", "Camille Durand").await;
    fill(&b, "#address", "12 rue des Lilas").await;
    fill(&b, "#postal_code", "69003").await;
    fill(&b, "#city", "Lyon").await;
    click(&b, "#country option[value=FR]").await;
    // The coat is "excellent", the dress new with tags.
    let selects = b
        .find_all(fantoccini::Locator::Css("select[name=grade]"))
        .await
        .unwrap();
    assert_eq!(selects.len(), 2);
    selects[0].select_by_value("excellent").await.unwrap();
    selects[1].select_by_value("new_with_tags").await.unwrap();
    click(&b, "form[action$='/quote'] button[type=submit]").await;
    let total = text_of(&b, "#tradein-total").await;
    // 35 % of 300 € for the coat two seasons old, 45 % of 150 € for last year's dress.
    assert_eq!(total.replace(['\u{a0}', '\u{202f}'], " "), "172,50 €");
    b.screenshot(dir.join("tradein-offer.png")).await.unwrap();

    // 2. T4: accepted; the transfer form downloads.
    click(&b, "#tradein-accept").await;
    let box_url = wait_for_url(&b, |u| u.contains("accepted=1")).await;
    let page = text_of(&b, "main").await;
    assert!(page.contains("Offre acceptée"), "{page}");
    let form = element(&b, "a[href$='/transfer-form.pdf']")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(download_head(&b, &form).await, "%PDF-");
    let label = element(&b, "a[href$='/label.pdf']")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(download_head(&b, &label).await, "%PDF-");
    let box_id: i64 = box_url
        .split("/trade-in/boxes/")
        .nth(1)
        .and_then(|r| r.split('?').next())
        .unwrap()
        .parse()
        .unwrap();

    // 3. T5/T6: a quality expert inspects the box.
    let mut server = server;
    assert!(server.terminate(), "{}", server.output());
    drop(server);
    inspect_box(&dir, box_id).await;

    // 4. T7: Camille sees the outcome and her credit (75 € + 67,50 €), and makes a voucher.
    let server = Server::start(&dir, &["--demo"]).await;
    b.goto(&server.url(&format!("/trade-in/boxes/{box_id}")))
        .await
        .unwrap();
    let page = text_of(&b, "main").await;
    assert!(
        page.contains("Acceptée en Très bon état pour 75,00"),
        "{page}"
    );
    click(&b, "a[href='/trade-in/credit']").await;
    let balance = text_of(&b, ".credit-balance").await;
    assert!(balance.starts_with("142,50"), "{balance}");
    fill(&b, "#amount", "10").await;
    click(&b, "#voucher-submit").await;
    wait_for_url(&b, |u| u.contains("done=issued")).await;
    let code = text_of(&b, ".voucher-code").await;
    assert!(!code.is_empty());
    let balance = text_of(&b, ".credit-balance").await;
    assert!(balance.starts_with("132,50"), "{balance}");
    b.screenshot(dir.join("tradein-credit.png")).await.unwrap();

    // 5. O10/T7/P3: the voucher pays part of an order in the brand's resale shop, on its
    // own host (a session of its own), the card the rest.
    let resale = |path: &str| format!("http://maison-lune.localhost:{}{path}", server.port);
    b.goto(&resale("/language/fr?next=/search")).await.unwrap();
    wait_for_url(&b, |u| u.ends_with("/search")).await;
    let header = text_of(&b, "header.site").await;
    assert!(header.contains("Maison Lune · seconde main"), "{header}");
    sign_in(
        &b,
        &resale("/sign-in?next=/search"),
        "camille@pepite.demo",
        DEMO_PASSWORD,
    )
    .await;
    wait_for_url(&b, |u| u.ends_with("/search")).await;
    let piece_url = piece_for_sale(&b).await;
    assert!(piece_url.starts_with(&resale("/pieces/")), "{piece_url}");
    b.goto(&piece_url).await.unwrap();
    click(&b, "form[action='/cart/add'] button[type=submit]").await;
    wait_for_url(&b, |u| u.contains("done=added_to_cart")).await;
    b.goto(&resale("/checkout")).await.unwrap();
    fill(&b, "input[name='delivery.full_name']", "Camille Durand").await;
    fill(&b, "input[name='delivery.line1']", "12 rue des Lilas").await;
    fill(&b, "input[name='delivery.postal_code']", "69003").await;
    fill(&b, "input[name='delivery.city']", "Lyon").await;
    click(&b, "select[name='delivery.country'] option[value=FR]").await;
    click(&b, "#mode-direct").await;
    fill(&b, "#gift_cards", &code).await;
    click(&b, "button[name=action][value=update]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let summary = text_of(&b, "main").await;
    assert!(
        summary.contains("Reste à payer par carte ou PayPal"),
        "{summary}"
    );
    fill(&b, "#token", "4242424242424242").await;
    click(&b, "button[name=action][value=pay]").await;
    wait_for_url(&b, |u| u.contains("/orders/") && u.contains("placed=1")).await;
    let thanks = text_of(&b, "main").await;
    assert!(thanks.contains("Merci, la commande N°"), "{thanks}");
    b.goto(&resale("/trade-in/credit")).await.unwrap();
    let vouchers = text_of(&b, "table.vouchers").await;
    assert!(vouchers.contains("Épuisé"), "{vouchers}");
    b.screenshot(dir.join("tradein-paid.png")).await.unwrap();
    b.close().await;
}
