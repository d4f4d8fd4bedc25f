//! The buyer's journey in real headless Chromium against a running `pepite serve --demo`: a
//! gift card bought by card; a piece put in the cart as a visitor, signing in (the cart
//! follows), grouped shipping, the gift card plus a card, the confirmation and its invoice;
//! and another buyer who had the same piece in their cart is told it is gone (K1).

mod support;

use std::time::Duration;

use fantoccini::Locator;
use pepite_testkit::browser::{Browser, browser};
use support::steps::{click, fill, french_search, piece_for_sale, text_of, wait_for_url};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";
const CARD_OK: &str = "4242424242424242";

async fn sign_in(b: &Browser, server: &Server, email: &str, password: &str, next: &str) {
    b.goto(&server.url(&format!("/sign-in?next={next}")))
        .await
        .unwrap();
    fill(b, "input[name=email]", email).await;
    fill(b, "input[name=password]", password).await;
    click(b, "form[action='/sign-in'] button[type=submit]").await;
    wait_for_url(b, |u| !u.contains("/sign-in")).await;
}

async fn sign_out(b: &Browser) {
    click(b, "form[action='/sign-out'] button").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Puts the piece at `piece_url` in the cart from its page.
async fn add_to_cart(b: &Browser, piece_url: &str) {
    b.goto(piece_url).await.unwrap();
    click(b, "form[action='/cart/add'] button[type=submit]").await;
    wait_for_url(b, |u| u.contains("done=added_to_cart")).await;
    // K1: the piece page confirms, with the way to the cart.
    click(b, ".notice-ok a[href='/cart']").await;
    wait_for_url(b, |u| u.ends_with("/cart")).await;
}

/// The first bytes and the `Content-Disposition` of a download, fetched by the page itself
/// (with its session cookie), as a click on the link would get them.
async fn fetch_download(b: &Browser, href: &str) -> (String, String) {
    let script = "const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async r => {
            const bytes = new Uint8Array(await r.arrayBuffer());
            done([String.fromCharCode(...bytes.slice(0, 5)), r.headers.get('content-disposition') || '']);
        }).catch(e => done(['error', String(e)]));";
    let got = b
        .execute_async(script, vec![serde_json::json!(href)])
        .await
        .unwrap();
    let part = |i: usize| got[i].as_str().unwrap_or("").to_owned();
    (part(0), part(1))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn k1_o1_o10_o11_g1_a_buyer_checks_out_in_a_real_browser() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-checkout");
    let server = Server::start(&dir, &["--demo"]).await;
    french_search(&b, &server).await;
    let piece_url = piece_for_sale(&b).await;
    b.goto(&piece_url).await.unwrap();
    let title = text_of(&b, "main h1").await;

    // 1. Another buyer puts the piece in their cart first, as a visitor, then opens an
    // account: the cart follows them.
    add_to_cart(&b, &piece_url).await;
    b.goto(&server.url("/sign-up")).await.unwrap();
    fill(&b, "input[name=email]", "nina@example.fr").await;
    fill(&b, "input[name=password]", "une phrase assez longue").await;
    fill(&b, "input[name=display_name]", "Nina").await;
    click(&b, "form[action='/sign-up'] button[type=submit]").await;
    wait_for_url(&b, |u| u.ends_with("/account")).await;
    b.goto(&server.url("/cart")).await.unwrap();
    assert!(
        text_of(&b, "main").await.contains(&title),
        "the cart followed the sign-up"
    );
    sign_out(&b).await;

    // 2. G1: Camille buys a gift card by card.
    sign_in(
        &b,
        &server,
        "camille@pepite.demo",
        DEMO_PASSWORD,
        "/gift-cards",
    )
    .await;
    fill(&b, "#amount", "25").await;
    fill(&b, "#recipient_name", "Camille").await;
    fill(&b, "#token", CARD_OK).await;
    click(&b, "form[action='/gift-cards'] button[type=submit]").await;
    wait_for_url(&b, |u| u.contains("/gift-cards/") && u.contains("bought=1")).await;
    let code = text_of(&b, "code.gift-code").await;
    assert!(!code.is_empty());
    sign_out(&b).await;

    // 3. K1: as a visitor, the same piece into the cart; checkout asks to sign in and comes
    // back with the cart joined to Camille's.
    add_to_cart(&b, &piece_url).await;
    click(&b, "a[href='/checkout']").await;
    wait_for_url(&b, |u| u.contains("/sign-in?next=%2Fcheckout")).await;
    fill(&b, "input[name=email]", "camille@pepite.demo").await;
    fill(&b, "input[name=password]", DEMO_PASSWORD).await;
    click(&b, "form[action='/sign-in'] button[type=submit]").await;
    wait_for_url(&b, |u| u.ends_with("/checkout")).await;
    let checkout = text_of(&b, "main").await;
    assert!(checkout.contains(&title), "{checkout}");
    assert!(
        checkout.contains("Contrôle qualité"),
        "O2: grouped shows its fee"
    );

    // 4. O1/O10: grouped shipping, the gift card, then the card for the rest.
    fill(&b, "input[name='delivery.full_name']", "Camille Durand").await;
    fill(&b, "input[name='delivery.line1']", "12 rue des Lilas").await;
    fill(&b, "input[name='delivery.postal_code']", "69003").await;
    fill(&b, "input[name='delivery.city']", "Lyon").await;
    click(&b, "select[name='delivery.country'] option[value=FR]").await;
    click(&b, "#mode-grouped").await;
    fill(&b, "#gift_cards", &code).await;
    click(&b, "button[name=action][value=update]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let summary = text_of(&b, "main").await;
    assert!(summary.contains("Carte cadeau …"), "{summary}");
    assert!(
        summary.contains("Reste à payer par carte ou PayPal"),
        "{summary}"
    );
    fill(&b, "#token", CARD_OK).await;
    b.execute("document.querySelector('.modes').scrollIntoView()", vec![])
        .await
        .unwrap();
    b.screenshot(dir.join("checkout.png")).await.unwrap();
    click(&b, "button[name=action][value=pay]").await;
    wait_for_url(&b, |u| u.contains("/orders/") && u.contains("placed=1")).await;
    let thanks = text_of(&b, "main").await;
    assert!(thanks.contains("Merci, la commande N°"), "{thanks}");
    assert!(thanks.contains(&title) && thanks.contains("Carte cadeau …"));
    let number = text_of(&b, "main h1").await;
    let number = number.trim_start_matches("Commande N° ").to_owned();
    b.screenshot(dir.join("confirmation.png")).await.unwrap();

    // 5. O11: the invoice downloads under the order's number.
    let href = b
        .find(Locator::Css("a[href$='/invoice.pdf']"))
        .await
        .expect("an invoice link")
        .attr("href")
        .await
        .unwrap()
        .expect("href");
    let (head, disposition) = fetch_download(&b, &href).await;
    assert_eq!(head, "%PDF-");
    assert_eq!(
        disposition,
        format!("attachment; filename=\"facture-{number}.pdf\"")
    );
    sign_out(&b).await;

    // 6. K1: the other buyer is told the piece is gone, in the cart and at checkout.
    sign_in(
        &b,
        &server,
        "nina@example.fr",
        "une phrase assez longue",
        "/cart",
    )
    .await;
    let cart = text_of(&b, "main").await;
    assert!(cart.contains("Plus disponible"), "{cart}");
    b.goto(&server.url("/checkout")).await.unwrap();
    let gone = text_of(&b, "main").await;
    assert!(
        gone.contains("Ces pièces ne sont plus disponibles") && gone.contains(&title),
        "{gone}"
    );
    assert!(
        b.find(Locator::Css("button[name=action][value=pay]"))
            .await
            .is_err(),
        "nothing is left to pay for"
    );
    b.screenshot(dir.join("gone.png")).await.unwrap();
    b.close().await;
}
