//! Browser steps shared by the journeys: find, fill, click, wait for an address, sign in
//! and out.

use std::time::Duration;

use fantoccini::Locator;
use pepite_testkit::browser::Browser;

/// The element `css` names, waiting up to 10 s for it (a page may still be loading on a busy
/// machine). When it never comes, the failure says which page was shown instead.
pub async fn element(b: &Browser, css: &str) -> fantoccini::elements::Element {
    let found = b
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await;
    match found {
        Ok(element) => element,
        Err(e) => {
            let url = b
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let page = b.source().await.unwrap_or_default();
            let start: String = page.chars().take(3_000).collect();
            panic!("{css}: {e}\non {url}:\n{start}")
        }
    }
}

pub async fn text_of(b: &Browser, css: &str) -> String {
    element(b, css).await.text().await.unwrap()
}

pub async fn fill(b: &Browser, css: &str, value: &str) {
    let field = element(b, css).await;
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

pub async fn click(b: &Browser, css: &str) {
    element(b, css).await.click().await.unwrap();
}

/// Waits for the address to satisfy `pred` (navigation after a click is asynchronous).
pub async fn wait_for_url(b: &Browser, pred: impl Fn(&str) -> bool) -> String {
    for _ in 0..150 {
        let url = b.current_url().await.unwrap().to_string();
        if pred(&url) {
            return url;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the page did not change as expected: {}",
        b.current_url().await.unwrap()
    );
}

/// The address of the first piece for sale on the search page shown.
pub async fn piece_for_sale(b: &Browser) -> String {
    element(b, "li.card:not(.is-sold) .card-title a")
        .await
        .prop("href")
        .await
        .unwrap()
        .expect("href")
}

/// Signs in through the form of `sign_in_url` (a `/sign-in?next=…` address) and waits to
/// be sent on.
/// Opens the search page in French, whatever the browser's own language.
pub async fn french_search(b: &Browser, server: &super::Server) {
    b.goto(&server.url("/language/fr?next=/search"))
        .await
        .unwrap();
    wait_for_url(b, |u| u.ends_with("/search")).await;
}

pub async fn sign_in(b: &Browser, sign_in_url: &str, email: &str, password: &str) {
    b.goto(sign_in_url).await.unwrap();
    fill(b, "input[name=email]", email).await;
    fill(b, "input[name=password]", password).await;
    click(b, "form[action='/sign-in'] button[type=submit]").await;
    wait_for_url(b, |u| !u.contains("/sign-in")).await;
}

/// Signs out with the button of the page's header, and waits for the page that follows
/// (it offers to sign in again).
pub async fn sign_out(b: &Browser) {
    click(b, "form[action='/sign-out'] button").await;
    for _ in 0..150 {
        if b.find(Locator::Css("header a[href='/sign-in']"))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("still signed in at {}", b.current_url().await.unwrap());
}

/// Camille (a demo buyer) pays, by the sandbox's approved card, the first piece for sale in
/// the search, shipped in `mode` (`direct` or `grouped`) to Lyon; returns her order's address.
/// Leaves her signed in.
pub async fn demo_purchase(b: &Browser, server: &super::Server, mode: &str) -> String {
    french_search(b, server).await;
    let piece_url = piece_for_sale(b).await;
    sign_in(
        b,
        &server.url("/sign-in?next=/search"),
        "camille@pepite.demo",
        "pepite-demo-2026",
    )
    .await;
    b.goto(&piece_url).await.unwrap();
    click(b, "form[action='/cart/add'] button[type=submit]").await;
    wait_for_url(b, |u| u.contains("done=added_to_cart")).await;
    b.goto(&server.url("/checkout")).await.unwrap();
    fill(b, "input[name='delivery.full_name']", "Camille Durand").await;
    fill(b, "input[name='delivery.line1']", "12 rue des Lilas").await;
    fill(b, "input[name='delivery.postal_code']", "69003").await;
    fill(b, "input[name='delivery.city']", "Lyon").await;
    click(b, "select[name='delivery.country'] option[value=FR]").await;
    click(b, &format!("#mode-{mode}")).await;
    click(b, "button[name=action][value=update]").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    fill(b, "#token", "4242424242424242").await;
    click(b, "button[name=action][value=pay]").await;
    wait_for_url(b, |u| u.contains("/orders/") && u.contains("placed=1")).await
}

/// The bytes' start of a download, fetched by the page itself (with its session cookie).
pub async fn download_head(b: &Browser, href: &str) -> String {
    let script = "const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async r => {
            const bytes = new Uint8Array(await r.arrayBuffer());
            done(String.fromCharCode(...bytes.slice(0, 5)));
        }).catch(e => done(String(e)));";
    let got = b
        .execute_async(script, vec![serde_json::json!(href)])
        .await
        .unwrap();
    got.as_str().unwrap_or_default().to_owned()
}
