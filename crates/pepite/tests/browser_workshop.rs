//! F2 in real headless Chromium against a running `pepite serve --demo`: a buyer pays a
//! grouped order; the workshop's Wanda scans its number into the station's field and Enter,
//! scans each piece (recorded as arrived), passes it, packs the parcel under the sandbox's
//! label, prints the label (a PDF) and ships; the buyer's order then reads shipped with the
//! carrier's tracking link. Then F4 and R1/R2 (issue 10): the workshop records the delivery,
//! the buyer follows the tracking link's address, asks a return of the piece from the order page
//! (delivered in France: free, straight to its seller), and prints its prepaid label. Nothing on
//! the way needs JavaScript.

mod support;

use fantoccini::Locator;
use pepite_testkit::browser::{Browser, browser};
use support::steps::{
    click, demo_purchase, download_head, element, sign_in, sign_out, text_of, wait_for_url,
};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";
/// WebDriver's Enter key: what a barcode scanner sends after the code.
const ENTER: &str = "\u{E007}";

/// Scans `code` into the station's field, as the scanner types it, then Enter.
async fn scan(b: &Browser, code: &str) {
    let field = element(b, "#scan-code").await;
    field.clear().await.unwrap();
    field.send_keys(&format!("{code}{ENTER}")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f2_the_workshop_receives_checks_packs_and_ships_a_grouped_order() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-workshop");
    let server = Server::start(&dir, &["--demo"]).await;
    // A buyer pays a grouped order of one piece.
    let order_url = demo_purchase(&b, &server, "grouped").await;
    let number = text_of(&b, "main h1")
        .await
        .trim_start_matches("Commande N° ")
        .to_owned();
    sign_out(&b).await;

    // The workshop: the scan field has the focus; the order number and Enter open the bench.
    sign_in(
        &b,
        &server.url("/sign-in?next=/back-office/workshop"),
        "atelier@pepite.demo",
        DEMO_PASSWORD,
    )
    .await;
    wait_for_url(&b, |u| u.ends_with("/back-office/workshop")).await;
    let focused = b
        .execute(
            "return document.activeElement && document.activeElement.id",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        focused.as_str(),
        Some("scan-code"),
        "the scanner types straight in"
    );
    scan(&b, &number).await;
    wait_for_url(&b, |u| u.contains("/back-office/workshop/orders/")).await;
    let piece = element(&b, "li.bench-piece")
        .await
        .attr("id")
        .await
        .unwrap()
        .expect("an id");
    let piece = piece.trim_start_matches("piece-").to_owned();

    // The piece's number scanned: recorded as arrived; then it passes its check.
    scan(&b, &piece).await;
    wait_for_url(&b, |u| u.contains("done=arrived")).await;
    click(&b, ".pass-button").await;
    wait_for_url(&b, |u| u.contains("done=passed")).await;

    // Packed under the sandbox's label, printed, shipped.
    click(&b, "#pack-parcel").await;
    wait_for_url(&b, |u| u.contains("done=packed")).await;
    let label = element(&b, "#print-label")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("href");
    assert_eq!(download_head(&b, &label).await, "%PDF-");
    b.screenshot(dir.join("bench-packed.png")).await.unwrap();
    click(&b, "#ship-parcel").await;
    wait_for_url(&b, |u| u.contains("done=shipped")).await;
    let bench = text_of(&b, "main").await;
    assert!(bench.contains("Colis expédié"), "{bench}");

    // F4: the carrier's word comes by telephone; the workshop records the delivery.
    let order_path = order_url
        .split('?')
        .next()
        .unwrap_or_default()
        .split("/orders/")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    b.goto(&server.url(&format!("/back-office/orders/{order_path}")))
        .await
        .unwrap();
    click(&b, "form[action$='/delivered'] button[type=submit]").await;
    // The page comes back at the same address, without the button once the parcel is delivered.
    for _ in 0..100 {
        let left = b
            .find_all(Locator::Css("form[action$='/delivered']"))
            .await
            .unwrap();
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let recorded = text_of(&b, "main").await;
    assert!(recorded.contains("Livrée"), "{recorded}");
    sign_out(&b).await;

    // F3: the buyer's order reads shipped, with the carrier's tracking link.
    sign_in(
        &b,
        &server.url("/sign-in?next=/orders"),
        "camille@pepite.demo",
        DEMO_PASSWORD,
    )
    .await;
    b.goto(order_url.split('?').next().unwrap_or_default())
        .await
        .unwrap();
    let mine = text_of(&b, "main").await;
    assert!(mine.contains("Livrée"), "{mine}");
    // The tracking link leads to the carrier's own page (outside this machine's reach): its
    // address is the carrier's, with the parcel's number in it.
    let tracking = element(&b, "a[href*='SB0']")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("the tracking link");
    assert!(tracking.starts_with("https://"), "{tracking}");

    // R1: the piece is still returnable; the buyer picks it, a change of mind.
    click(&b, "form.return-ask input[name=pieces]").await;
    click(&b, "form.return-ask button[type=submit]").await;
    wait_for_url(&b, |u| u.contains("/return?")).await;
    // R2: delivered in metropolitan France, one piece → to its seller, free; R3 said.
    let route = text_of(&b, ".return-charge").await;
    assert!(route.contains("gratuit"), "{route}");
    let page = text_of(&b, "main").await;
    assert!(page.contains("échange"), "R3, no exchanges: {page}");
    click(&b, "form[action$='/return'] button[type=submit]").await;
    wait_for_url(&b, |u| u.contains("#returns")).await;
    let label = element(&b, "a.return-label")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("href");
    assert_eq!(
        download_head(&b, &label).await,
        "%PDF-",
        "the prepaid label"
    );
    b.screenshot(dir.join("order-return-asked.png"))
        .await
        .unwrap();
    b.close().await;
}
