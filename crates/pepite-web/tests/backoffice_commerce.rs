//! The back office's commerce sections: orders found by customer service (O11, O12, A4),
//! discount codes (O8), the ledger for finance (P2) and the policy for admins (P3).

mod support;

use pepite_app::carts::{self, CartOwner};
use pepite_app::{checkout, discounts, policies};
use pepite_domain::account::{Language, Role};
use pepite_domain::commerce::{DiscountScope, DiscountValue, ShippingMode};
use pepite_domain::policy::Policy;
use pepite_web::i18n;
use support::orders::{fixed_clock, listed, number, order};
use support::sell::{Site, open_shop, with};

pepite_testkit::both_backends!(
    async fn o12_customer_service_finds_an_order_by_number_email_and_piece(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let eve = site.person("eve@example.fr", &[]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let veste = listed(&site, &lea, "Veste en tweed", "Chanel", 20_000).await;
        let bobs = order(&site, &bob, &[robe], ShippingMode::Grouped, Some("2026-12-24")).await;
        let eves = order(&site, &eve, &[veste], ShippingMode::Direct, None).await;
        let (n_bob, n_eve) = (number(&bobs), number(&eves));
        let search = |query: String| {
            let cookie = support.cookie.clone();
            let site = &site;
            async move { site.get(&cookie, &format!("/back-office/orders?{query}")).await.expect(200) }
        };

        let all = search(String::new()).await;
        assert!(all.has(&n_bob) && all.has(&n_eve));
        let by_number = search(format!("number={n_bob}")).await;
        assert!(by_number.has(&n_bob) && !by_number.has(&n_eve), "{}", by_number.body);
        let by_email = search("email=EVE%40example.fr".into()).await;
        assert!(by_email.has(&n_eve) && !by_email.has(&n_bob));
        let by_piece = search(format!("piece={veste}")).await;
        assert!(by_piece.has(&n_eve) && !by_piece.has(&n_bob));
        let failed = search("state=failed".into()).await;
        assert!(!failed.has(&n_bob) && failed.has("Aucune commande ne correspond"));
        let bad_piece = search("piece=robe".into()).await;
        assert!(bad_piece.has("Indiquez un nombre entier") && bad_piece.has(r#"aria-invalid="true""#));

        // The order's page: the wish of a date first (O12), then everything about it.
        let detail = site
            .get(&support.cookie, &format!("/back-office/orders/{}", bobs.order_id))
            .await
            .expect(200);
        let page = &detail.body;
        assert!(page.find("avant le 24 décembre 2026") < page.find("Robe portefeuille en soie"));
        for text in [
            n_bob.as_str(), "bob@example.fr", "Payée", "Groupée", "à l’atelier Pépite",
            "12 rue des Lilas", "+33 6 12 34 56 78", "Frais de contrôle qualité", "sbx_pi_",
            "Réussi", "Vendeur prévenu de l’envoi", "Chez Léa",
        ] {
            assert!(detail.has(text), "{text} missing: {page}");
        }
        let missing = site.get(&support.cookie, "/back-office/orders/999999").await;
        missing.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn a4_back_office_commerce_is_not_found_for_anyone_else(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let workshop = site.person("atelier@pepite.fr", &[Role::Workshop]).await;
        let finance = site.person("compta@pepite.fr", &[Role::Finance]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let sold = order(&site, &bob, &[robe], ShippingMode::Direct, None).await;
        let detail = format!("/back-office/orders/{}", sold.order_id);
        let not_found = i18n::t(Language::Fr, "error-404-title");
        let pages = [
            "/back-office/orders", detail.as_str(), "/back-office/discount-codes",
            "/back-office/discount-codes/new", "/back-office/finance",
            "/back-office/finance/accounts/psp:clearing", "/back-office/policy",
        ];

        // The buyer of the order and its seller: these pages do not exist for them.
        for cookie in [&bob.cookie, &lea.cookie] {
            for path in pages {
                let page = site.get(cookie, path).await.expect(404);
                assert!(page.has(&not_found), "{path}");
            }
        }
        site.post(&bob.cookie, "/back-office/policy", &[("version", "0")]).await.expect(404);
        site.post(&bob.cookie, "/back-office/discount-codes", &[("code", "GRATUIT")]).await.expect(404);

        // Workshop staff read orders, but neither codes, money nor the policy.
        let orders = site.get(&workshop.cookie, "/back-office/orders").await.expect(200);
        assert!(orders.has(r#"href="/back-office/orders""#) && !orders.has(r#"href="/back-office/finance""#));
        for path in ["/back-office/discount-codes", "/back-office/finance", "/back-office/policy"] {
            site.get(&workshop.cookie, path).await.expect(404);
        }
        // Finance sees its section in the navigation, not the admin's.
        let ledger = site.get(&finance.cookie, "/back-office/finance").await.expect(200);
        assert!(ledger.has(r#"href="/back-office/discount-codes""#) && !ledger.has(r#"href="/back-office/policy""#));
    }
);

pepite_testkit::both_backends!(
    async fn o8_the_code_forms_scope_offers_the_brands_on_sale_and_the_shops(db) {
        let site = Site::new(db).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        listed(&site, &lea, "Gilet court", "", 4_000).await;
        let shop = site.principal(&lea).await.seller_id.unwrap();

        let form = site.get(&support.cookie, "/back-office/discount-codes/new").await.expect(200);
        assert!(form.has(r#"list="brands""#) && form.has(r#"<option value="Sézane"></option>"#), "{}", form.body);
        assert!(!form.has(r#"<option value=""></option>"#), "a piece without a brand is not a brand");
        assert!(form.has(&format!(r#"<option value="{shop}">Chez Léa</option>"#)), "{}", form.body);
    }
);

/// A complete discount-code form; tests change what they are about.
fn code_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("code", "noel-10"),
        ("kind", "percent"),
        ("value", "10"),
        ("min_order", "50,00"),
        ("starts_at", "2026-12-01"),
        ("ends_at", "2026-12-31"),
        ("max_uses", "100"),
        ("per_customer", "1"),
        ("scope", "brand"),
        ("brand", "Sézane"),
        ("category", ""),
        ("seller", ""),
    ]
}

pepite_testkit::both_backends!(
    async fn o8_staff_creates_a_code_with_a_customer_limit_and_a_brand_scope(db) {
        let site = Site::new(db).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let who = site.principal(&support).await;

        // A percentage that cannot be: beside its field, in the person's language.
        let over = site.post(&support.cookie, "/back-office/discount-codes", &with(code_fields(), "value", "150")).await.expect(422);
        assert!(over.has("hors des limites permises") && over.has(r#"value="150""#), "{}", over.body);
        let words = with(code_fields(), "value", "dix");
        let en = format!("{}; pepite_lang=en", support.cookie);
        let refused = site.post(&en, "/back-office/discount-codes", &words).await.expect(422);
        assert!(refused.has("Enter a percentage"), "{}", refused.body);
        assert!(discounts::list(&site.app, &who).await.unwrap().is_empty());

        let created = site.post(&support.cookie, "/back-office/discount-codes", &code_fields()).await.expect(303);
        assert_eq!(created.location(), "/back-office/discount-codes?done=created");
        let list = site.get(&support.cookie, created.location()).await.expect(200);
        assert!(list.has("Code créé") && list.has("NOEL-10") && list.has("La marque Sézane"));
        assert!(list.has("0 sur 100") && list.has("jusqu’au 31 décembre 2026 inclus"), "{}", list.body);
        let (row, rule) = discounts::list(&site.app, &who).await.unwrap().remove(0);
        assert_eq!(rule.value, DiscountValue::Percent(1_000));
        assert_eq!(rule.min_order_cents, 5_000);
        assert_eq!((rule.max_uses, rule.per_customer), (Some(100), Some(1)));
        assert_eq!(rule.scope, DiscountScope::Brand("Sézane".into()));
        // Paris midnights: 1 December (winter time, UTC+1) to the end of 31 December.
        assert_eq!(rule.starts_at_us, Some(1_796_079_600_000_000));
        assert_eq!(rule.ends_at_us, Some(1_798_758_000_000_000));

        // The same code twice is refused on its field.
        let twice = site.post(&support.cookie, "/back-office/discount-codes", &code_fields()).await.expect(422);
        assert!(twice.has("Ce code existe déjà"));

        // Editing: the form shows the stored rule as typed; suspend it, in euros this time.
        let path = format!("/back-office/discount-codes/{}", row.id);
        let edit = site.get(&support.cookie, &path).await.expect(200);
        assert!(edit.has(r#"value="10""#) && edit.has(r#"value="50,00""#) && edit.has(r#"value="2026-12-31""#));
        let fixed = with(with(code_fields(), "kind", "fixed"), "value", "5,00");
        let saved = site.post(&support.cookie, &path, &fixed).await.expect(303);
        assert_eq!(saved.location(), format!("{path}?done=saved"));
        let (row, rule) = discounts::get(&site.app, &who, row.id).await.unwrap();
        assert_eq!(rule.value, DiscountValue::Fixed(500));
        assert!(!row.active, "unticked means suspended");
    }
);

pepite_testkit::both_backends!(
    async fn p2_finance_sees_balances_and_a_zero_audit_after_a_paid_order(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let finance = site.person("compta@pepite.fr", &[Role::Finance]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let sold = order(&site, &bob, &[robe], ShippingMode::Direct, None).await;
        let seller = site.principal(&lea).await.seller_id.unwrap();

        let page = site.get(&finance.cookie, "/back-office/finance").await.expect(200);
        assert!(page.has("Le grand livre est équilibré") && page.has("audit-ok"), "{}", page.body);
        for key in ["psp:clearing", "revenue:commission", "revenue:shipping", &format!("seller:{seller}:pending")] {
            assert!(page.has(&format!(r#"href="/back-office/finance/accounts/{key}""#)), "{key}");
        }
        let fr = |cents| i18n::money(Language::Fr, pepite_domain::Money(cents));
        assert!(page.has(&fr(1_275)) && page.has(&fr(-7_225)), "commission and the seller's due");

        let account = site.get(&finance.cookie, &format!("/back-office/finance/accounts/seller:{seller}:pending")).await.expect(200);
        assert!(account.has("Commande payée") && account.has(&format!(r#"href="/back-office/orders/{}""#, sold.order_id)));
        assert!(account.has(&fr(7_225)) && account.has("créditeur"));
        site.get(&finance.cookie, "/back-office/finance/accounts/nowhere").await.expect(404);
        // Customer service does not read the ledger.
        site.get(&support.cookie, "/back-office/finance").await.expect(404);
    }
);

/// The policy form as the page fills it for the marketplace's defaults, with `qc_fee_bps`.
fn policy_fields(version: &str, qc_fee: &str) -> Vec<(&'static str, String)> {
    let p = Policy::marketplace();
    let mut fields = vec![
        ("version", version.into()),
        ("qc_fee_bps", qc_fee.into()),
        ("qc_fee_cap_cents", "15,00".into()),
        ("commission_bps", "15".into()),
        ("hold_minutes", "10".into()),
        ("gift_card_min_cents", "25,00".into()),
        ("gift_card_max_cents", "500,00".into()),
        ("gift_card_validity_days", "365".into()),
        ("uk_vat_threshold_pence", "135,00".into()),
        ("uk_vat_bps", "20".into()),
        ("gbp_per_eur_ppm", "0,85".into()),
        ("return_window_days", "14".into()),
        ("sold_visible_days", "14".into()),
        ("grouped_collect_min", "3".into()),
        ("grouped_collect_max", "5".into()),
        ("workshop_country", "FR".into()),
        ("legal_identity.name", p.legal_identity.name.clone()),
        ("legal_identity.address", p.legal_identity.address.clone()),
        (
            "legal_identity.registration",
            p.legal_identity.registration.clone(),
        ),
        ("legal_identity.vat_id", p.legal_identity.vat_id.clone()),
    ];
    fields.extend(table_cells(&p));
    fields
}

/// A cell's name built at run time, as the `&'static str` every other field of these forms is:
/// leaking a few short strings in a test keeps one kind of pair.
fn leak(name: String) -> &'static str {
    Box::leak(name.into_boxed_str())
}

/// A closed value as the form's selects send it ("european_union").
fn key<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

/// The policy's three tables as the page's cells (`shipping_rates.0.zone`…), in French.
fn table_cells(p: &Policy) -> Vec<(&'static str, String)> {
    // Cents and basis points both have two decimals: "12,90" €, "5,00" %.
    let euros = |hundredths: i64| format!("{},{:02}", hundredths / 100, hundredths % 100);
    let mut cells = Vec::new();
    for (i, r) in p.shipping_rates.iter().enumerate() {
        cells.push((leak(format!("shipping_rates.{i}.zone")), key(&r.zone)));
        cells.push((
            leak(format!("shipping_rates.{i}.max_weight_g")),
            r.max_weight_g.to_string(),
        ));
        cells.push((
            leak(format!("shipping_rates.{i}.direct")),
            euros(r.direct_cents),
        ));
        cells.push((
            leak(format!("shipping_rates.{i}.grouped")),
            euros(r.grouped_cents),
        ));
    }
    for (i, d) in p.delivery_days.iter().enumerate() {
        cells.push((
            leak(format!("delivery_days.{i}.country")),
            d.country.clone().unwrap_or_default(),
        ));
        cells.push((leak(format!("delivery_days.{i}.region")), key(&d.region)));
        cells.push((
            leak(format!("delivery_days.{i}.min_days")),
            d.min_days.to_string(),
        ));
        cells.push((
            leak(format!("delivery_days.{i}.max_days")),
            d.max_days.to_string(),
        ));
    }
    for (i, t) in p.bulk_tiers.iter().enumerate() {
        cells.push((
            leak(format!("bulk_tiers.{i}.min_pieces")),
            t.min_pieces.to_string(),
        ));
        cells.push((leak(format!("bulk_tiers.{i}.percent")), euros(t.bps)));
    }
    cells
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pepite_testkit::both_backends!(
    async fn p3_admin_raises_the_qc_fee_and_the_next_checkout_uses_it(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let buyer = site.principal(&bob).await;
        carts::add(&site.app, &CartOwner::User(buyer.user_id), robe).await.unwrap();
        let qc_fee = || async {
            checkout::summary(&site.app, &buyer, 1, ShippingMode::Grouped, "FR", &[]).await.unwrap().quote.qc_fee_cents
        };
        assert_eq!(qc_fee().await, 850, "10 % of 85 € before the change");

        let form = site.get(&admin.cookie, "/back-office/policy").await.expect(200);
        assert!(form.has(r#"name="version" value="0""#) && form.has(r#"name="qc_fee_bps" value="10""#));
        // P3: the page names the shop whose policy it edits (the one its address serves).
        assert!(form.has("Boutique : Pépite."), "{}", form.body);
        // The tables are tables of inputs: a select per zone, euros, percent.
        assert!(form.has(r#"name="shipping_rates.0.zone""#) && form.has(r#"<option value="european_union""#), "{}", form.body);
        assert!(form.has(r#"name="shipping_rates.0.direct" value="4,90""#) && form.has(r#"name="bulk_tiers.0.percent" value="5""#));

        // A cell that does not read is refused beside its table, naming the row, and nothing is saved.
        let broken = with_value(policy_fields("0", "12"), "bulk_tiers.1.percent", "beaucoup");
        let refused = site.post(&admin.cookie, "/back-office/policy", &as_refs(&broken)).await.expect(422);
        assert!(refused.has("La ligne 2 a une case vide") && refused.has("e-bulk_tiers"), "{}", refused.body);
        assert!(refused.has(r#"name="bulk_tiers.1.percent" value="beaucoup""#), "what was typed stays");
        assert_eq!(policies::current(&site.app, &site.principal(&admin).await, 1).await.unwrap().1, 0);

        let saved = site.post(&admin.cookie, "/back-office/policy", &as_refs(&policy_fields("0", "12"))).await.expect(303);
        assert_eq!(saved.location(), "/back-office/policy?done=saved");
        let page = site.get(&admin.cookie, saved.location()).await.expect(200);
        assert!(page.has("Politique enregistrée") && page.has(r#"name="qc_fee_bps" value="12""#));
        assert_eq!(qc_fee().await, 1_020, "12 % of 85 € after it");
    }
);

pepite_testkit::both_backends!(
    async fn p3_o9_a_policy_table_gains_a_row_typed_in_a_blank_one_and_loses_an_emptied_one(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let p = Policy::marketplace();
        let (tiers, rows) = (p.bulk_tiers.len(), p.delivery_days.len());
        let mut fields = policy_fields("0", "10");
        fields.push((leak(format!("bulk_tiers.{tiers}.min_pieces")), "10".into()));
        fields.push((leak(format!("bulk_tiers.{tiers}.percent")), "12,5".into()));
        for column in ["country", "min_days", "max_days"] {
            fields = with_value(fields, leak(format!("delivery_days.0.{column}")), "");
        }
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&fields)).await.expect(303);
        let now = site.app.policy_now().await.unwrap();
        let last = now.bulk_tiers.last().unwrap();
        assert_eq!((now.bulk_tiers.len(), last.min_pieces, last.bps), (tiers + 1, 10, 1_250));
        assert_eq!(now.delivery_days.len(), rows - 1);
        assert!(now.delivery_days.iter().all(|d| d.country.as_deref() != Some("FR")));
        let page = site.get(&admin.cookie, "/back-office/policy").await.expect(200);
        assert!(page.has(&format!(r#"name="bulk_tiers.{tiers}.percent" value="12,5""#)), "{}", page.body);
    }
);

pepite_testkit::both_backends!(
    async fn p3_o11_the_invoices_legal_identity_is_edited_in_the_policy_form(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let form = site.get(&admin.cookie, "/back-office/policy").await.expect(200);
        assert!(form.has(r#"name="legal_identity.name" value="Pépite SAS""#), "{}", form.body);
        let nameless = with_value(policy_fields("0", "10"), "legal_identity.name", " ");
        let refused = site.post(&admin.cookie, "/back-office/policy", &as_refs(&nameless)).await.expect(422);
        assert!(refused.has("e-legal_identity.name"), "{}", refused.body);
        let renamed = with_value(policy_fields("0", "10"), "legal_identity.name", "Brocante Lumière SARL");
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&renamed)).await.expect(303);
        let policy = site.app.policy_now().await.unwrap();
        assert_eq!(policy.legal_identity.name, "Brocante Lumière SARL");
        assert_eq!(policy.legal_identity.vat_id, "FR 27 912345678", "the other lines stay");
    }
);

pepite_testkit::both_backends!(
    async fn f6_the_workshop_delays_are_edited_in_the_policy_form(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let form = site.get(&admin.cookie, "/back-office/policy").await.expect(200);
        assert!(form.has(r#"name="qc_choice_days" value="3""#), "{}", form.body);
        assert!(form.has(r#"name="workshop_late_days" value="5""#));
        let zero = with_value(policy_fields("0", "10"), "qc_choice_days", "0");
        let refused = site.post(&admin.cookie, "/back-office/policy", &as_refs(&zero)).await.expect(422);
        assert!(refused.has("e-qc_choice_days"), "{}", refused.body);
        let longer = with_value(policy_fields("0", "10"), "qc_choice_days", "7");
        let longer = with_value(longer, "workshop_late_days", "10");
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&longer)).await.expect(303);
        let policy = site.app.policy_now().await.unwrap();
        assert_eq!((policy.qc_choice_days, policy.workshop_late_days), (7, 10));
        // A form without them (an older page) keeps what is stored.
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&policy_fields("1", "10"))).await.expect(303);
        let policy = site.app.policy_now().await.unwrap();
        assert_eq!((policy.qc_choice_days, policy.workshop_late_days), (7, 10));
    }
);

pepite_testkit::both_backends!(
    async fn p3_a_policy_saved_from_a_stale_version_is_refused(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let other = site.person("admin2@pepite.fr", &[Role::Admin]).await;
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&policy_fields("0", "12"))).await.expect(303);
        // The other admin's form was read at version 0, before that save.
        let stale = site.post(&other.cookie, "/back-office/policy", &as_refs(&policy_fields("0", "8"))).await.expect(409);
        assert!(stale.has("Quelqu’un a enregistré la politique entre-temps"), "{}", stale.body);
        assert!(stale.has(r#"name="qc_fee_bps" value="8""#), "what was typed stays on screen");
        let (policy, version) = policies::current(&site.app, &site.principal(&admin).await, 1).await.unwrap();
        assert_eq!((policy.qc_fee_bps, version), (1_200, 1));
        // Customer service cannot even see the form.
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        site.get(&support.cookie, "/back-office/policy").await.expect(404);
    }
);

fn with_value(
    mut fields: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    fields.retain(|(n, _)| *n != name);
    fields.push((name, value.into()));
    fields
}

pepite_testkit::both_backends!(
    async fn p3_the_legal_pages_are_edited_in_the_policy_form(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let form = site.get(&admin.cookie, "/back-office/policy").await.expect(200);
        assert!(form.has(r#"<textarea id="f-legal_texts.terms.fr" name="legal_texts.terms.fr""#), "{}", form.body);
        let p = Policy::marketplace();
        let texts = |privacy_en: &str| {
            let mut fields = policy_fields("0", "10");
            fields.extend([
                ("legal_texts.terms.fr", p.legal_texts.terms.fr.clone()),
                ("legal_texts.terms.en", p.legal_texts.terms.en.clone()),
                ("legal_texts.privacy.fr", p.legal_texts.privacy.fr.clone()),
                ("legal_texts.privacy.en", privacy_en.to_owned()),
                ("legal_texts.notice.fr", p.legal_texts.notice.fr.clone()),
                ("legal_texts.notice.en", p.legal_texts.notice.en.clone()),
            ]);
            fields
        };
        let emptied = site.post(&admin.cookie, "/back-office/policy", &as_refs(&texts(" "))).await.expect(422);
        assert!(emptied.has("e-legal_texts.privacy.en"), "{}", emptied.body);
        let edited = texts("We keep little.\r\n\r\nAsk us anything.");
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&edited)).await.expect(303);
        let page = site.get("pepite_lang=en", "/privacy").await.expect(200);
        assert!(page.has("<p>We keep little.</p>") && page.has("<p>Ask us anything.</p>"), "{}", page.body);
        // A form without the texts (an older page) keeps them.
        site.post(&admin.cookie, "/back-office/policy", &as_refs(&policy_fields("1", "10"))).await.expect(303);
        assert!(site.app.policy_now().await.unwrap().legal_texts.privacy.en.starts_with("We keep little."));
    }
);
