//! The seller's orders to send (O13, O12, A4): paid orders with only the seller's own lines,
//! what they earn on each, and where the parcel goes.

mod support;

use pepite_domain::Money;
use pepite_domain::account::Language;
use pepite_domain::commerce::ShippingMode;
use pepite_web::i18n;
use support::orders::{fixed_clock, listed, number, order};
use support::pages::position;
use support::sell::{Site, open_shop};

pepite_testkit::both_backends!(
    async fn o13_seller_sees_paid_orders_and_where_to_send_them(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let max = site.person("max@example.fr", &[]).await;
        open_shop(&site, &max, "Max Vintage").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let veste = listed(&site, &lea, "Veste en tweed", "Chanel", 20_000).await;
        let sac = listed(&site, &max, "Sac seau en cuir", "Longchamp", 6_000).await;

        // Nothing sold yet.
        let empty = site.get(&lea.cookie, "/sell/orders").await.expect(200);
        assert!(empty.has("Aucune de vos pièces"), "{}", empty.body);
        let dashboard = site.get(&lea.cookie, "/sell").await.expect(200);
        assert!(dashboard.has(r#"href="/sell/orders""#));

        // One direct order with pieces of two shops, wanted before Christmas; one grouped.
        let direct = order(&site, &bob, &[robe, sac], ShippingMode::Direct, Some("2026-12-24")).await;
        let grouped = order(&site, &bob, &[veste], ShippingMode::Grouped, None).await;

        let page = site.get(&lea.cookie, "/sell/orders").await.expect(200);
        // Newest first.
        assert!(position(&page.body, &number(&grouped)) < position(&page.body, &number(&direct)));
        assert!(page.has("Robe portefeuille en soie") && page.has("Veste en tweed"));
        // A4: another shop's line of the same order is not shown.
        assert!(!page.has("Sac seau en cuir"), "{}", page.body);
        // O13: direct goes to the buyer's frozen address, grouped to the workshop.
        assert!(page.has("À envoyer à l’acheteur") && page.has("À envoyer à l’atelier Pépite"));
        assert!(page.has("12 rue des Lilas") && page.has("75011 Paris") && page.has("Camille Martin"));
        // A3: the buyer's e-mail and phone stay with the platform.
        assert!(!page.has("bob@example.fr") && !page.has("+33 6 12 34 56 78"));
        // O12: the date the buyer asked for.
        assert!(page.has("avant le 24 décembre 2026"), "{}", page.body);
        // P1: the earning is the price less the 15 % commission.
        let fr = |cents| i18n::money(Language::Fr, Money(cents));
        assert!(page.has(&fr(8_500)) && page.has(&fr(1_275)) && page.has(&fr(7_225)));
        assert!(page.has(&fr(17_000)), "earning on the 200 € jacket");

        // The detail of an order shows the seller's lines only.
        let lea_detail = site.get(&lea.cookie, &format!("/sell/orders/{}", direct.order_id)).await.expect(200);
        assert!(lea_detail.has("Robe portefeuille en soie") && !lea_detail.has("Sac seau en cuir"));
        assert!(lea_detail.has("À envoyer à l’acheteur") && lea_detail.has("Poids de votre colis"));
        let max_detail = site.get(&max.cookie, &format!("/sell/orders/{}", direct.order_id)).await.expect(200);
        assert!(max_detail.has("Sac seau en cuir") && !max_detail.has("Robe portefeuille en soie"));

        // In English.
        let en = site.get(&lea.in_english(), "/sell/orders").await.expect(200);
        assert!(en.has("Send to the buyer") && en.has("Send to the Pépite workshop"));
        assert!(en.has("before December 24, 2026"), "{}", en.body);
    }
);

pepite_testkit::both_backends!(
    async fn a4_seller_orders_are_only_the_sellers_own(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let max = site.person("max@example.fr", &[]).await;
        open_shop(&site, &max, "Max Vintage").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let sold = order(&site, &bob, &[robe], ShippingMode::Grouped, None).await;
        let path = format!("/sell/orders/{}", sold.order_id);
        let not_found = i18n::t(Language::Fr, "error-404-title");

        // A shop with no line in the order, the buyer himself, an id that does not exist:
        // all the same "not found".
        for (cookie, path) in [
            (&max.cookie, path.as_str()),
            (&bob.cookie, path.as_str()),
            (&lea.cookie, "/sell/orders/999999"),
            (&lea.cookie, "/sell/orders/abc"),
        ] {
            let page = site.get(cookie, path).await.expect(404);
            assert!(page.has(&not_found), "{path}");
        }
        let others = site.get(&max.cookie, "/sell/orders").await.expect(200);
        assert!(!others.has("Robe portefeuille en soie"));
        // Someone without a shop is offered to open one; nobody signed in signs in first.
        site.get(&bob.cookie, "/sell/orders").await.expect(303);
        let anonymous = site.get("", "/sell/orders").await.expect(303);
        assert_eq!(anonymous.location(), "/sign-in?next=%2Fsell%2Forders");
    }
);
