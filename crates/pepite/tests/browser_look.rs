//! What people see, measured in real headless Chromium against `pepite serve --demo`: a sold
//! piece's badge can be read (C4), status badges in the seller space and the back office sit
//! in their table cells rather than over the logo, and the buyer's pages fit a 390 px phone
//! screen without sideways scrolling.

mod support;

use std::time::Duration;

use pepite_testkit::browser::{Browser, browser};
use serde_json::Value;
use support::look::{assert_fits, js};
use support::steps::{click, french_search, piece_for_sale, sign_in, sign_out, wait_for_url};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";

/// Every status badge of the page: drawn in the flow of its cell (not positioned over the
/// page) and clear of the logo. Returns how many were checked.
async fn badges_in_place(b: &Browser, page: &str) -> u64 {
    let found = js(
        b,
        "const logo = document.querySelector('header.site .brand').getBoundingClientRect();
         return Array.from(document.querySelectorAll('main .badge')).map(e => {
           const r = e.getBoundingClientRect();
           const overLogo = r.left < logo.right && r.right > logo.left
             && r.top < logo.bottom && r.bottom > logo.top;
           return [e.textContent.trim(), getComputedStyle(e).position, overLogo];
         });",
    )
    .await;
    let badges = found.as_array().expect("a list");
    for badge in badges {
        assert_eq!(badge[1], "static", "{page}: badge {badge} is positioned");
        assert_eq!(
            badge[2], false,
            "{page}: badge {badge} is drawn over the logo"
        );
    }
    badges.len() as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn c4_badges_are_readable_and_in_place_and_pages_fit_a_phone() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-look");
    let server = Server::start(&dir, &["--demo"]).await;

    // 1. C4: the search marks a sold piece with a badge whose words show on its background.
    french_search(&b, &server).await;
    let mut colours = Value::Null;
    for _ in 0..30 {
        colours = js(
            &b,
            "const e = document.querySelector('.badge-sold');
             if (!e) return null;
             const s = getComputedStyle(e);
             return [s.color, s.backgroundColor];",
        )
        .await;
        if !colours.is_null() {
            break;
        }
        click(&b, "a[rel=next]").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(!colours.is_null(), "a sold piece within its C4 window");
    assert_ne!(
        colours[0], colours[1],
        "the sold badge's text has its background's colour"
    );
    b.screenshot(dir.join("sold.png")).await.unwrap();

    // 2. Status badges in the seller space and the back office stay in their cells.
    let to = |next: &str| server.url(&format!("/sign-in?next={next}"));
    sign_in(&b, &to("/sell"), "lea@pepite.demo", DEMO_PASSWORD).await;
    assert!(
        badges_in_place(&b, "/sell").await > 0,
        "the seller's pieces"
    );
    b.screenshot(dir.join("seller.png")).await.unwrap();
    sign_out(&b).await;
    let back_office = to("/back-office/pieces");
    sign_in(&b, &back_office, "admin@pepite.demo", DEMO_PASSWORD).await;
    assert!(
        badges_in_place(&b, "/back-office/pieces").await > 0,
        "the catalogue"
    );
    b.screenshot(dir.join("back-office.png")).await.unwrap();
    sign_out(&b).await;

    // 3. A 390 px phone: no page is wider than the screen.
    b.set_window_size(390, 844).await.unwrap();
    let width = js(&b, "return window.innerWidth").await;
    assert!(width.as_f64().unwrap() <= 400.0, "a phone's width: {width}");
    b.goto(&server.url("/")).await.unwrap();
    assert_fits(&b, "the home page").await;
    b.goto(&server.url("/search?q=robe")).await.unwrap();
    assert_fits(&b, "the search").await;
    let piece_url = piece_for_sale(&b).await;
    b.goto(&piece_url).await.unwrap();
    assert_fits(&b, "the piece page").await;
    b.screenshot(dir.join("piece-390.png")).await.unwrap();
    click(&b, "form[action='/cart/add'] button[type=submit]").await;
    wait_for_url(&b, |u| u.contains("done=added_to_cart")).await;
    assert_fits(&b, "the piece added to the cart").await;
    b.goto(&server.url("/cart")).await.unwrap();
    assert_fits(&b, "the cart").await;
    b.screenshot(dir.join("cart-390.png")).await.unwrap();
    b.close().await;
}
