//! Price offers in real headless Chromium against a running `pepite serve --demo`: a buyer
//! offers on a piece's page, its seller counters from the inbox, the buyer sees the agreed
//! price on the piece's page and among their offers, buys at it with the sandbox card and
//! gets the confirmation; or declines the counter-offer and sees the list price back (N5).

mod support;

use std::time::Duration;

use fantoccini::Locator;
use pepite_domain::Money;
use pepite_testkit::browser::{Browser, browser};
use support::steps::{click, fill, piece_for_sale, sign_in, sign_out, text_of, wait_for_url};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";
const BUYER: &str = "camille@pepite.demo";
const CARD_OK: &str = "4242424242424242";

/// The demo account that runs a demo shop.
fn seller_of(shop: &str) -> &'static str {
    match shop {
        "Le grenier de Léa" => "lea@pepite.demo",
        "Maison Rétro Paris" => "maison@pepite.demo",
        "Kiez Vintage Berlin" => "kiez@pepite.demo",
        other => panic!("not a demo shop: {other}"),
    }
}

/// Cents from an amount as a French page shows it ("1 234,50 €").
fn cents_of(shown: &str) -> i64 {
    let digits: String = shown
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let (units, fraction) = digits.split_once(',').expect("an amount with cents");
    units.parse::<i64>().unwrap() * 100 + fraction.parse::<i64>().unwrap()
}

/// An amount as a French page reads in the browser: Chromium's text turns the no-break
/// spaces of "1 234,50 €" into plain ones.
fn euros(cents: i64) -> String {
    Money(cents)
        .format_fr()
        .replace(['\u{a0}', '\u{202f}'], " ")
}

/// An amount as a person types it in French: "59,50".
fn typed(cents: i64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// The demo buyer signs in and lands on the piece at `path`.
async fn buyer_on(b: &Browser, server: &Server, path: &str) {
    sign_in(
        b,
        &server.url(&format!("/sign-in?next={path}")),
        BUYER,
        DEMO_PASSWORD,
    )
    .await;
    wait_for_url(b, |u| u.ends_with(path) && !u.contains("/sign-in")).await;
}

/// A piece open to offers, as its buyer and seller negotiated it: the buyer offered 80 % of
/// its list price from its page, its seller countered at 90 % from the inbox, and everyone
/// signed out again.
struct Countered {
    path: String,
    title: String,
    list: i64,
    counter: i64,
}

async fn offer_and_counter(b: &Browser, server: &Server, dir: &std::path::Path) -> Countered {
    // French pages whatever the browser's own language; pieces for sale and open to offers.
    b.goto(&server.url("/language/fr?next=%2Fsearch%3Foffers%3Don%26available%3Don"))
        .await
        .unwrap();
    wait_for_url(b, |u| u.contains("/search")).await;
    let piece_url = piece_for_sale(b).await;
    let path = piece_url
        .split_once("/pieces/")
        .map(|(_, id)| format!("/pieces/{id}"))
        .expect("a piece's address");
    b.goto(&piece_url).await.unwrap();
    let title = text_of(b, "main h1").await;
    let shop = text_of(b, "dd a[href^='/shops/']").await;
    let list = cents_of(&text_of(b, ".piece-price").await);
    // N3: 80 % offered, 90 % countered: above the offer, below the price.
    let (offer, counter) = ((list * 8 + 9) / 10, (list * 9 + 9) / 10);
    assert!(offer < counter && counter < list, "{list}");

    // 1. N1: the buyer offers from the piece's page.
    buyer_on(b, server, &path).await;
    fill(b, "#amount", &typed(offer)).await;
    click(b, "form.offer-form button[type=submit]").await;
    wait_for_url(b, |u| u.contains("done=offer_made")).await;
    let made = text_of(b, "main").await;
    assert!(
        made.contains(&format!("Vous avez proposé {}", euros(offer))),
        "{made}"
    );
    assert!(made.contains("En attente de réponse"), "{made}");
    sign_out(b).await;

    // 2. N5: the seller counters from the inbox.
    sign_in(
        b,
        &server.url("/sign-in?next=/sell/offers"),
        seller_of(&shop),
        DEMO_PASSWORD,
    )
    .await;
    wait_for_url(b, |u| {
        u.ends_with("/sell/offers") && !u.contains("/sign-in")
    })
    .await;
    let inbox = text_of(b, "main").await;
    assert!(inbox.contains(&title), "{inbox}");
    fill(
        b,
        "li.offer-line .counter-form input[name=amount]",
        &typed(counter),
    )
    .await;
    click(b, "li.offer-line .counter-form button[type=submit]").await;
    wait_for_url(b, |u| u.contains("done=countered")).await;
    let answered = text_of(b, "main").await;
    assert!(answered.contains("Contre-offre envoyée"), "{answered}");
    b.screenshot(dir.join("inbox.png")).await.unwrap();
    sign_out(b).await;

    Countered {
        path,
        title,
        list,
        counter,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn n1_n5_n6_a_buyer_offers_the_seller_counters_and_the_buyer_buys_at_the_agreed_price() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-offers");
    let server = Server::start(&dir, &["--demo"]).await;
    let Countered {
        path,
        title,
        list,
        counter,
    } = offer_and_counter(&b, &server, &dir).await;

    // 3. C6/N6: the buyer sees the agreed price, on the piece's page and among their offers.
    buyer_on(&b, &server, &path).await;
    let price = text_of(&b, ".piece-price").await;
    assert!(
        price.starts_with(&euros(counter)) && price.contains(&euros(list)),
        "{price}"
    );
    assert!(price.contains("prix négocié valable jusqu’au"), "{price}");
    b.screenshot(dir.join("piece.png")).await.unwrap();
    b.goto(&server.url("/account/offers")).await.unwrap();
    let mine = text_of(&b, "main").await;
    assert!(
        mine.contains(&title) && mine.contains("Contre-offre du vendeur"),
        "{mine}"
    );
    let buy = format!("Acheter à {}", euros(counter));
    assert_eq!(text_of(&b, "form.offer-buy button").await, buy);

    // 4. The buyer buys at this price with the sandbox card.
    click(&b, "form.offer-buy button").await;
    wait_for_url(&b, |u| u.ends_with("/checkout")).await;
    let checkout = text_of(&b, "main").await;
    assert!(
        checkout.contains(&title) && checkout.contains(&euros(counter)),
        "{checkout}"
    );
    fill(&b, "input[name='delivery.full_name']", "Camille Durand").await;
    fill(&b, "input[name='delivery.line1']", "12 rue des Lilas").await;
    fill(&b, "input[name='delivery.postal_code']", "69003").await;
    fill(&b, "input[name='delivery.city']", "Lyon").await;
    click(&b, "select[name='delivery.country'] option[value=FR]").await;
    // The summary is computed again for this address before paying.
    let before = b.find(Locator::Css("main")).await.unwrap();
    click(&b, "button[name=action][value=update]").await;
    for _ in 0..150 {
        if before.text().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fill(&b, "#token", CARD_OK).await;
    click(&b, "button[name=action][value=pay]").await;
    wait_for_url(&b, |u| u.contains("/orders/") && u.contains("placed=1")).await;
    let thanks = text_of(&b, "main").await;
    assert!(thanks.contains("Merci, la commande N°"), "{thanks}");
    assert!(
        thanks.contains(&title) && thanks.contains(&euros(counter)),
        "{thanks}"
    );
    b.screenshot(dir.join("confirmation.png")).await.unwrap();
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn n5_c6_the_buyer_declines_the_counter_offer_and_the_list_price_is_back() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-offers-decline");
    let server = Server::start(&dir, &["--demo"]).await;
    let Countered {
        path,
        list,
        counter,
        ..
    } = offer_and_counter(&b, &server, &dir).await;
    buyer_on(&b, &server, &path).await;
    // Proposed to the buyer, not agreed: buy at that price, or decline.
    let proposed = text_of(&b, ".offer-proposed").await;
    assert!(
        proposed.contains(&format!("Le vendeur vous propose {}", euros(counter))),
        "{proposed}"
    );
    assert_eq!(
        text_of(&b, "form.offer-buy button").await,
        format!("Acheter à {}", euros(counter))
    );
    b.screenshot(dir.join("proposed.png")).await.unwrap();
    click(&b, "form.offer-decline button").await;
    wait_for_url(&b, |u| u.contains("done=counter_declined")).await;
    let declined = text_of(&b, "main").await;
    assert!(
        declined.contains("Contre-offre déclinée. Le vendeur en est informé."),
        "{declined}"
    );
    assert!(
        b.find(Locator::Css("form.offer-decline")).await.is_err(),
        "no second button"
    );
    // C6: the list price is back for everyone, at once.
    let price = text_of(&b, ".piece-price").await;
    assert!(price.starts_with(&euros(list)), "{price}");
    assert!(!price.contains("prix négocié"), "{price}");
    b.screenshot(dir.join("declined.png")).await.unwrap();
    b.close().await;
}
