//! The back office's dashboard and a finance export in real headless Chromium against a
//! running `pepite serve --demo` (issue 11, item 6): a buyer pays an order; finance signs in,
//! lands on the dashboard, sees today's sale drawn in an SVG chart and written in its table,
//! then downloads the ledger's entries of the day as CSV from the finance page's form.

mod support;

use pepite_testkit::browser::{Browser, browser};
use support::steps::{demo_purchase, element, sign_in, sign_out, wait_for_url};
use support::{Server, temp_dir};

const DEMO_PASSWORD: &str = "pepite-demo-2026";

/// A download fetched by the page itself (with its session cookie): its type and text.
async fn download(b: &Browser, href: &str) -> (String, String) {
    let script = "const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async r => done([r.headers.get('content-type'), await r.text()]))
            .catch(e => done(['', String(e)]));";
    let got = b
        .execute_async(script, vec![serde_json::json!(href)])
        .await
        .unwrap();
    let part = |n: usize| got[n].as_str().unwrap_or_default().to_owned();
    (part(0), part(1))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_lands_on_its_dashboard_and_exports_the_ledger() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-backoffice");
    let server = Server::start(&dir, &["--demo"]).await;
    // A buyer pays an order shipped straight by its seller.
    demo_purchase(&b, &server, "direct").await;
    sign_out(&b).await;

    // Finance lands on the dashboard: the sale is drawn, and written in the chart's table.
    sign_in(
        &b,
        &server.url("/sign-in?next=/back-office"),
        "finance@pepite.demo",
        DEMO_PASSWORD,
    )
    .await;
    wait_for_url(&b, |u| u.ends_with("/back-office")).await;
    let drawn = b
        .execute(
            "const svg = document.querySelector('#chart-sales svg');
             const heights = [...svg.querySelectorAll('rect')].map(r => +r.getAttribute('height'));
             return [svg.getAttribute('role'), svg.querySelector('title').textContent,
                     heights.length, Math.max(...heights),
                     [...document.querySelectorAll('#chart-sales tbody td')].map(td => td.textContent)];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(drawn[0], "img", "{drawn}");
    assert_eq!(drawn[1], "Ventes par jour", "{drawn}");
    assert_eq!(drawn[2], 30, "a bar per day: {drawn}");
    assert!(
        drawn[3].as_f64().unwrap_or(0.0) > 0.0,
        "today's bar stands: {drawn}"
    );
    let cells: Vec<&str> = drawn[4]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(cells.len(), 30);
    assert_eq!(cells.last(), Some(&"1"), "today: one sale");
    b.screenshot(dir.join("dashboard.png")).await.unwrap();

    // The finance page's export form: today's entries as CSV, the seller's shop named.
    b.goto(&server.url("/back-office/finance")).await.unwrap();
    element(&b, "form[action='/back-office/finance/journal.csv']").await;
    let from = element(&b, "#from")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    let to = element(&b, "#to")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(
        from.ends_with("-01") && to.starts_with(&from[..8]),
        "{from} {to}"
    );
    let href = format!("/back-office/finance/journal.csv?from={to}&to={to}");
    let (kind, csv) = download(&b, &href).await;
    assert_eq!(kind, "text/csv; charset=utf-8", "{csv}");
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("entry_id,journal_id,written_at,journal,order_id,account,shop,amount_eur")
    );
    let seller = lines
        .find(|l| l.contains(":pending,"))
        .unwrap_or_else(|| panic!("the seller's earning: {csv}"));
    let shop = seller.split(',').nth(6).unwrap_or_default();
    assert!(!shop.is_empty(), "the shop is named: {seller}");
    let amount = seller.rsplit(',').next().unwrap();
    assert!(
        amount.starts_with('-') && amount.split('.').nth(1).map(str::len) == Some(2),
        "{seller}"
    );
}
