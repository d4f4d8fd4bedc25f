//! The back office's dashboard (A1, A4) and finance's CSV exports (P1, P2): each role lands on
//! what it must handle and its last 30 days drawn as SVG with the numbers as a table; others
//! find no such page; the exports name shops and survive commas, quotes and formula signs.

mod support;

use pepite_domain::account::{Language, Role};
use pepite_domain::commerce::ShippingMode;
use pepite_web::i18n;
use support::orders::{fixed_clock, listed, order};
use support::sell::{Site, open_shop};

/// A shop name a careless CSV writer would break, and a spreadsheet would run.
const TRICKY_SHOP: &str = "=Chez \"Léa\", Paris";

/// The figures of one chart's table row: the cells after the day's header.
fn row_of(body: &str, chart: &str, day: &str) -> Vec<String> {
    let start = body
        .find(&format!("id=\"chart-{chart}\""))
        .unwrap_or_else(|| panic!("no chart {chart}"));
    let figure = &body[start..start + body[start..].find("</figure>").expect("figure ends")];
    let row_start = figure
        .find(&format!("<th scope=\"row\">{day}</th>"))
        .unwrap_or_else(|| panic!("no row {day} in {chart}"));
    let row = &figure[row_start..row_start + figure[row_start..].find("</tr>").expect("row")];
    row.split("<td class=\"num\">")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap_or("").to_owned())
        .collect()
}

pepite_testkit::both_backends!(
    async fn a4_each_role_lands_on_its_dashboard_and_others_find_nothing(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let paid = order(&site, &bob, &[robe], ShippingMode::Direct, None).await;
        let finance = site.person("compta@pepite.fr", &[Role::Finance]).await;
        let workshop = site.person("atelier@pepite.fr", &[Role::Workshop]).await;

        // Finance: payout runs to confirm, and sales drawn with the same numbers in a table.
        let page = site.get(&finance.cookie, "/back-office").await.expect(200);
        assert!(page.has(&i18n::t(Language::Fr, "bo-queue-payouts")), "{}", page.body);
        assert!(!page.has(&i18n::t(Language::Fr, "bo-queue-workshop")));
        assert!(page.has("<svg class=\"chart-svg\"") && page.has("<rect class=\"bar-0\""));
        assert!(page.has("id=\"chart-sales-amount-desc\""));
        let stored = pepite_store::commerce::orders::by_id(&site.app.db, paid.order_id).await.unwrap().unwrap();
        let total = i18n::money(Language::Fr, pepite_domain::Money(stored.total_cents));
        assert_eq!(row_of(&page.body, "sales-amount", "20 novembre"), vec![total]);
        assert_eq!(row_of(&page.body, "sales", "20 novembre"), vec!["1"]);
        assert_eq!(row_of(&page.body, "sales", "19 novembre"), vec!["0"]);
        assert_eq!(row_of(&page.body, "orders", "20 novembre"), vec!["1"]);
        assert!(page.has("<th scope=\"row\">22 octobre</th>"), "30 days, today included");
        assert!(!page.has("<th scope=\"row\">21 octobre</th>"));
        assert!(!page.has("id=\"chart-jobs\""), "failed jobs are the admins'");

        // The workshop: its queue and the late pieces, no sales.
        let bench = site.get(&workshop.cookie, "/back-office").await.expect(200);
        assert!(bench.has(&i18n::t(Language::Fr, "bo-queue-workshop")));
        assert!(bench.has("href=\"/back-office/workshop/late\""));
        assert!(!bench.has("id=\"chart-sales\"") && !bench.has(&i18n::t(Language::Fr, "bo-queue-payouts")));

        // A buyer or a seller: the back office does not exist for them (A4), no figures leak.
        for cookie in [&bob.cookie, &lea.cookie] {
            let refused = site.get(cookie, "/back-office").await.expect(404);
            assert!(refused.has(&i18n::t(Language::Fr, "error-404-title")));
            assert!(!refused.has("chart-svg"));
        }
        let anonymous = site.get("", "/back-office").await.expect(303);
        assert_eq!(anonymous.location(), "/sign-in?next=%2Fback-office");
    }
);

pepite_testkit::both_backends!(
    async fn p2_ledger_and_payables_export_as_csv_with_shop_names(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, TRICKY_SHOP).await;
        let bob = site.person("bob@example.fr", &[]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        order(&site, &bob, &[robe], ShippingMode::Direct, None).await;
        let finance = site.person("compta@pepite.fr", &[Role::Finance]).await;
        let support_staff = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let quoted = "\"'=Chez \"\"Léa\"\", Paris\"";

        // The finance page names the seller's accounts and links both exports.
        let page = site.get(&finance.cookie, "/back-office/finance").await.expect(200);
        assert!(page.has("=Chez &#34;Léa&#34;, Paris") || page.has("=Chez &quot;Léa&quot;, Paris"), "{}", page.body);
        assert!(page.has("action=\"/back-office/finance/journal.csv\"") && page.has("value=\"2026-11-01\""));

        for path in [
            "/back-office/finance/journal.csv?from=2026-11-20&to=2026-11-20",
            "/api/v1/finance/journal.csv?from=2026-11-20&to=2026-11-20",
        ] {
            let csv = site.get(&finance.cookie, path).await.expect(200);
            assert_eq!(csv.content_type(), "text/csv; charset=utf-8", "{path}");
            assert!(csv.header(axum::http::header::CONTENT_DISPOSITION).contains("ledger-2026-11-20-2026-11-20.csv"));
            let mut lines = csv.body.split("\r\n");
            assert_eq!(lines.next(), Some("entry_id,journal_id,written_at,journal,order_id,account,shop,amount_eur"));
            let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
            let seller = rows.iter().find(|l| l.contains(":pending,")).expect("the seller's earning");
            assert!(seller.contains(quoted), "{seller}");
            // Every journal balances: the signed euros of all rows sum to zero, to the cent.
            let cents: i64 = rows
                .iter()
                .map(|l| {
                    let amount = l.rsplit(',').next().unwrap();
                    let (euros, part) = amount.split_once('.').expect("a dot decimal");
                    assert_eq!(part.len(), 2, "{amount}");
                    let sign = if euros.starts_with('-') { -1 } else { 1 };
                    sign * (euros.trim_start_matches('-').parse::<i64>().unwrap() * 100 + part.parse::<i64>().unwrap())
                })
                .sum();
            assert_eq!(cents, 0, "{}", csv.body);
        }
        // A day before anything was sold: the header only.
        let empty = site.get(&finance.cookie, "/back-office/finance/journal.csv?from=2026-11-19&to=2026-11-19").await.expect(200);
        assert_eq!(empty.body.matches("\r\n").count(), 1);

        for path in ["/back-office/payouts/payables.csv", "/api/v1/finance/payables.csv"] {
            let csv = site.get(&finance.cookie, path).await.expect(200);
            assert_eq!(csv.content_type(), "text/csv; charset=utf-8");
            let lines: Vec<&str> = csv.body.split("\r\n").collect();
            assert_eq!(lines[0], "seller_id,shop,pending_eur,payable_eur,in_payout_eur,paid_eur,payout_account");
            assert!(lines[1].contains(quoted) && lines[1].ends_with(",0.00,0.00,0.00,no"), "{}", lines[1]);
        }

        // Days that are no range: the reason beside the field, in the person's language.
        let refused = site
            .get(&finance.in_english(), "/back-office/finance/journal.csv?from=2026-11-20&to=2026-11-01")
            .await
            .expect(422);
        assert!(refused.has("id=\"to-error\"") && refused.has("aria-invalid=\"true\""), "{}", refused.body);
        let api = site.get(&finance.cookie, "/api/v1/finance/journal.csv?from=someday&to=2026-11-01").await;
        api.field_error("from", "invalid_date");

        // Customer service does not read the ledger.
        site.get(&support_staff.cookie, "/back-office/finance/journal.csv?from=2026-11-20&to=2026-11-20").await.expect(404);
        site.get(&support_staff.cookie, "/back-office/payouts/payables.csv").await.expect(404);
        site.get(&support_staff.cookie, "/api/v1/finance/payables.csv").await.problem(403, "forbidden");
    }
);
