//! Browser steps shared by the journeys: find, fill, click, and wait for an address.

use std::time::Duration;

use fantoccini::Locator;
use pepite_testkit::browser::Browser;

pub async fn text_of(b: &Browser, css: &str) -> String {
    b.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

pub async fn fill(b: &Browser, css: &str, value: &str) {
    let field = b
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

pub async fn click(b: &Browser, css: &str) {
    b.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
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
