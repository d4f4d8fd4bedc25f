//! Every main page at a 390 px phone's width and a 1280 px desktop's, in real headless
//! Chromium against `pepite serve --demo`: nothing scrolls sideways, axe-core finds no serious
//! accessibility violation, pieces sit two by row on the phone, and the search's filters wait
//! behind a "Filters" button, apply as soon as a box is ticked, and show as removable chips.

mod support;

use std::time::Duration;

use fantoccini::Locator;
use pepite_testkit::browser::{Browser, browser};
use support::look::{assert_accessible, assert_fits, js};
use support::steps::{
    click, demo_purchase, element, french_search, sign_in, sign_out, wait_for_url,
};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";

/// The staff member who also sees an order's page in the back office.
const STAFF: &str = "admin@pepite.demo";

/// Pages anyone sees, then pages of a buyer, a seller and staff (who signs in as whom).
const ANONYMOUS: &[&str] = &[
    "/",
    "/search",
    "/search?q=robe",
    "/sign-in",
    "/sign-up",
    "/cart",
    "/gift-cards",
];
const SIGNED_IN: &[(&str, &[&str])] = &[
    (
        "camille@pepite.demo",
        &["/orders", "/account", "/account/addresses"],
    ),
    (
        "lea@pepite.demo",
        &["/sell", "/sell/pieces/new", "/sell/orders", "/sell/payouts"],
    ),
    (
        STAFF,
        &[
            "/back-office",
            "/back-office/orders",
            "/back-office/pieces",
            "/back-office/finance",
            "/back-office/policy",
        ],
    ),
];

/// Both checks on the page at `path`, plus the first piece page and a shop page for visitors.
async fn check(b: &Browser, server: &Server, path: &str, width: u32) {
    b.goto(&server.url(path)).await.unwrap();
    let page = format!("{path} at {width} px");
    assert_fits(b, &page).await;
    assert_accessible(b, &page).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_fits_a_phone_and_a_desktop_and_passes_axe() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-phone");
    let server = Server::start(&dir, &["--demo"]).await;
    // The demo has no order: Camille pays one, whose back-office page staff see (with its
    // notes, cancel and refund forms).
    let placed = demo_purchase(&b, &server, "direct").await;
    sign_out(&b).await;
    let order = placed
        .split("/orders/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .map(|id| format!("/back-office/orders/{id}"))
        .expect("an order's address");
    french_search(&b, &server).await;
    let piece = element(&b, "li.card:not(.is-sold) .card-title a")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("href");
    let shop = {
        b.goto(&server.url(&piece)).await.unwrap();
        element(&b, ".trust a[href^='/shops/']")
            .await
            .attr("href")
            .await
            .unwrap()
            .expect("href")
    };
    for width in [390, 1280] {
        b.set_window_size(width, 900).await.unwrap();
        for path in ANONYMOUS
            .iter()
            .copied()
            .chain([piece.as_str(), shop.as_str()])
        {
            check(&b, &server, path, width).await;
        }
        for (who, paths) in SIGNED_IN {
            sign_in(&b, &server.url("/sign-in?next=/"), who, DEMO_PASSWORD).await;
            let staff_only = (*who == STAFF).then_some(order.as_str());
            for path in paths.iter().copied().chain(staff_only) {
                check(&b, &server, path, width).await;
            }
            sign_out(&b).await;
        }
    }
    b.close().await;
}

/// Whether the element `css` is drawn (the filters are folded away on a phone).
async fn shown(b: &Browser, css: &str) -> bool {
    let script = format!(
        "const e = document.querySelector({css:?}); return !!e && e.getClientRects().length > 0;"
    );
    js(b, &script).await.as_bool().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn c5_on_a_phone_pieces_sit_two_by_row_and_filters_open_apply_and_show_as_chips() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-phone-search");
    let server = Server::start(&dir, &["--demo"]).await;
    b.set_window_size(390, 844).await.unwrap();
    french_search(&b, &server).await;

    // Two cards a row: the first two share a top edge, each under half the screen.
    let cards = js(
        &b,
        "return Array.from(document.querySelectorAll('li.card')).slice(0, 3)
           .map(e => { const r = e.getBoundingClientRect(); return [r.top, r.width]; });",
    )
    .await;
    let (first, second, third) = (&cards[0], &cards[1], &cards[2]);
    assert_eq!(first[0], second[0], "two pieces on the first row: {cards}");
    assert!(
        third[0].as_f64() > first[0].as_f64(),
        "the third starts a new row: {cards}"
    );
    assert!(first[1].as_f64().unwrap() < 390.0 / 2.0, "{cards}");
    b.screenshot(dir.join("search-390.png")).await.unwrap();

    // The filters wait behind the button at the top of the results.
    assert!(
        !shown(&b, "#filters").await,
        "filters folded away on a phone"
    );
    click(&b, "a.filter-toggle").await;
    wait_for_url(&b, |u| u.ends_with("#filters")).await;
    assert!(shown(&b, "#filters").await, "the button opens the filters");
    b.screenshot(dir.join("filters-390.png")).await.unwrap();

    // Ticking a box applies it at once (the script), and the filters stay open.
    let category = element(&b, "#category input[type=checkbox]").await;
    let value = category.attr("value").await.unwrap().expect("a value");
    category.click().await.unwrap();
    let url = wait_for_url(&b, |u| u.contains("category=")).await;
    assert!(
        url.contains(&format!("category={value}")) && url.ends_with("#filters"),
        "{url}"
    );
    assert!(shown(&b, "#filters").await);

    // Back to the results: the filter is a chip; removing it gives the whole list back.
    click(&b, "a.filters-close").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let chip = element(&b, "ul.chips a.chip").await;
    assert!(chip.text().await.unwrap().contains('×'));
    chip.click().await.unwrap();
    wait_for_url(&b, |u| !u.contains("category=")).await;
    assert!(
        b.find(Locator::Css("ul.chips")).await.is_err(),
        "no chip left"
    );
    b.screenshot(dir.join("chips-removed-390.png"))
        .await
        .unwrap();
    b.close().await;
}
