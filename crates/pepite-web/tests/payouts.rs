//! Seller payouts through the API and the pages (P1, A4): a wrong IBAN is the problem
//! document `iban_invalid` or a field error in the seller's language, a stored one is shown
//! masked; the statement is the seller's own; only finance runs payouts (nothing to pay is a
//! 409), reads payables and opens the payouts page.

mod support;

use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::json;
use support::api::Api;
use support::sell::Site;

both_backends!(
    async fn p1_api_payout_account_refuses_a_wrong_checksum_and_shows_the_account_masked(db) {
        let api = Api::new(db).await;
        let (lea, _) = api.seller("lea@x.fr", "Chez Léa").await;
        let bad = json!({"iban": "FR76 3000 6000 0112 3456 7890 188", "holder": "Léa Martin"});
        let refused = api.put("/api/v1/seller/payout-account", Some(&lea), bad).await.expect(422);
        let error = &refused.json()["errors"][0];
        assert_eq!((error["field"].as_str(), error["code"].as_str()), (Some("iban"), Some("iban_invalid")), "{}", refused.text());
        api.get("/api/v1/seller/payout-account", Some(&lea)).await.problem(404, "not_found");
        let good = json!({"iban": "FR76 3000 6000 0112 3456 7890 189", "holder": "Léa Martin", "bic": "bnpafrpp"});
        let saved = api.put("/api/v1/seller/payout-account", Some(&lea), good).await.expect(200).json();
        assert_eq!(saved["iban"], "•••• 0189");
        assert_eq!(saved["bic"], "BNPAFRPP");
        let read = api.get("/api/v1/seller/payout-account", Some(&lea)).await.expect(200).json();
        assert!(!read.to_string().contains("FR763000"), "never the whole IBAN: {read}");
        let statement = api.get("/api/v1/seller/statement", Some(&lea)).await.expect(200).json();
        assert_eq!(statement["totals"]["payable_cents"], 0);
        assert_eq!(statement["items"], json!([]));
        // A4: someone without a shop has no statement nor payout account.
        let bob = api.account("bob@x.fr").await;
        api.get("/api/v1/seller/statement", Some(&bob)).await.problem(403, "forbidden");
    }
);

both_backends!(
    async fn a4_api_only_finance_runs_payouts_and_reads_payables(db) {
        let api = Api::new(db).await;
        let cs = api.staff("cs@x.fr", &[Role::CustomerService]).await;
        let finance = api.staff("finance@x.fr", &[Role::Finance]).await;
        let (lea, _) = api.seller("lea@x.fr", "Chez Léa").await;
        for who in [&cs, &lea] {
            api.post("/api/v1/finance/payouts", Some(who), json!({})).await.problem(403, "forbidden");
            api.get("/api/v1/finance/payables", Some(who)).await.problem(403, "forbidden");
        }
        api.post("/api/v1/finance/payouts", Some(&finance), json!({})).await.problem(409, "nothing_to_pay");
        let p = api.get("/api/v1/finance/payables", Some(&finance)).await.expect(200).json();
        assert_eq!(p["commission_cents"], 0);
        assert_eq!(api.get("/api/v1/finance/payouts", Some(&finance)).await.expect(200).json()["items"], json!([]));
        api.get("/api/v1/finance/payouts/999/file", Some(&finance)).await.problem(404, "not_found");
        api.post("/api/v1/finance/payouts/999/paid", Some(&finance), json!({})).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn p1_pages_payout_account_errors_in_the_sellers_language_and_finance_page_for_finance_only(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        support::sell::open_shop(&site, &lea, "Chez Léa").await;
        let page = site.get(&lea.cookie, "/sell/payouts").await.expect(200);
        assert!(page.has("Pas encore de compte bancaire"), "{}", page.body);
        let bad = [("iban", "FR76 3000 6000 0112 3456 7890 188"), ("holder", "Léa Martin"), ("bic", "")];
        let refused = site.post(&lea.cookie, "/sell/payouts/account", &bad).await.expect(422);
        assert!(refused.has("Cet IBAN n’est pas valide"), "{}", refused.body);
        assert!(refused.has("FR76 3000 6000 0112 3456 7890 188"), "kept as typed");
        let english = site.post(&lea.in_english(), "/sell/payouts/account", &bad).await.expect(422);
        assert!(english.has("This IBAN is not valid"), "{}", english.body);
        let good = [("iban", "FR76 3000 6000 0112 3456 7890 189"), ("holder", "Léa Martin"), ("bic", "")];
        site.post(&lea.cookie, "/sell/payouts/account", &good).await.expect(303);
        let saved = site.get(&lea.cookie, "/sell/payouts?done=account_saved").await.expect(200);
        assert!(saved.has("•••• 0189") && !saved.has("30006000011234567890189"), "{}", saved.body);
        let finance = site.person("finance@example.fr", &[Role::Finance]).await;
        let support = site.person("cs@example.fr", &[Role::CustomerService]).await;
        let bo = site.get(&finance.cookie, "/back-office/payouts").await.expect(200);
        assert!(bo.has("Virements vendeurs"), "{}", bo.body);
        site.get(&support.cookie, "/back-office/payouts").await.expect(404);
        site.post(&support.cookie, "/back-office/payouts", &[]).await.expect(404);
        let nothing = site.post(&finance.cookie, "/back-office/payouts", &[]).await.expect(200);
        assert!(nothing.has("Rien à verser"), "{}", nothing.body);
    }
);
