//! Checkout as a browser drives it (O1–O12, K1): both modes priced side by side, paying by
//! card to the order page and its invoice, a declined card, a piece someone else paid for
//! first, a double submit, the sandbox's authentication page.

mod buy_support;
mod support;

use buy_support::{CARD_AUTH, CARD_DECLINED, CARD_OK, Market, euros, form, hidden, pay_body};
use pepite_app::orders;

pepite_testkit::both_backends!(
    async fn o1_o2_o4_both_modes_are_priced_side_by_side_with_the_qc_fee_for_grouped(db) {
        let m = Market::new(db).await;
        let (kiez, _) = m.site.seller("kiez@example.de", "Kiez Vintage").await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let jacket = m
            .site
            .listed(&kiez, |p| {
                p.title = "Veste en jean brodée".into();
                p.price_cents = Some(4_000);
            })
            .await;
        let (_, camille) = m.buyer("camille@example.fr", "Camille").await;
        m.add(&camille, dress).await;
        m.add(&camille, jacket).await;

        let page = m.site.get_as("/checkout", &camille).await.expect(200);
        let body = page.text();
        // O1: direct is one parcel per seller, grouped one parcel from the workshop.
        assert!(body.contains("Colis envoyé par Atelier Léa"), "{body}");
        assert!(body.contains("Colis envoyé par Kiez Vintage"));
        assert!(body.contains("Un seul colis depuis notre atelier"));
        assert!(body.contains("value=\"direct\" checked"), "direct is the default");
        assert!(body.contains("1 pièce ·") && body.contains("2 pièces ·") && !body.contains("1 pièces"));
        assert!(body.contains("value=\"grouped\""));
        // O2: 10 % of 125 € is 12,50 € (under the 15 € cap), for grouped only.
        assert_eq!(body.matches("Contrôle qualité").count(), 1);
        assert!(body.contains(&format!("<dd class=\"qc-fee\">{}</dd>", euros(1_250))));
        let direct: i64 = hidden(&body, "expected_total_cents_direct").parse().unwrap();
        let grouped: i64 = hidden(&body, "expected_total_cents_grouped").parse().unwrap();
        // O3: France, 350 g a parcel: 2 × 4,90 € direct, one 700 g parcel at 8,90 € grouped.
        assert!(body.contains(&euros(490)) && body.contains(&euros(890)));
        assert_eq!(grouped - direct, 890 + 1_250 - 2 * 490);
        assert!(body.contains(&euros(direct)) && body.contains(&euros(grouped)));
        // O4: business days and the dates they lead to.
        assert!(body.contains("Livraison en 2 à 5 jours ouvrés"), "direct to France");
        assert!(body.contains("Livraison en 5 à 10 jours ouvrés"), "grouped adds the collection");
        assert!(body.contains("entre le "));
        // Test cards are listed in sandbox mode; no customs notice inside the EU.
        assert!(body.contains("4242 4242 4242 4242") && body.contains("4000 0025 0000 3155"));
        assert!(!body.contains("droits et taxes d’importation"));

        // O5: to the United Kingdom, the duties notice and the import VAT figures (125 € of
        // goods is over £135 at the policy's rate, or under: either sentence names £135).
        let to_london = form(&[
            ("address_id", "new"),
            ("delivery.country", "GB"),
            ("mode", "grouped"),
            ("method", "card"),
            ("action", "update"),
        ]);
        let uk = m.site.post("/checkout", &camille, &to_london).await.expect(200);
        assert!(uk.has("droits et taxes d’importation"), "{}", uk.text());
        assert!(uk.has("135,00 £"));
        assert!(uk.has("value=\"grouped\" checked"), "the mode chosen stays chosen");

        let en = m
            .site
            .get_as("/checkout", &format!("{camille}; pepite_lang=en"))
            .await
            .expect(200);
        assert!(en.has("Grouped and checked") && en.has("Quality check") && en.has("€12.50"));
        assert!(en.has("Delivery in 2 to 5 business days"));
    }
);

pepite_testkit::both_backends!(
    async fn o7_o11_paying_by_card_shows_the_order_number_and_the_invoice_downloads(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (camille_who, camille) = m.buyer("camille@example.fr", "Camille").await;
        m.add(&camille, dress).await;
        let page = m.site.get_as("/checkout", &camille).await.expect(200).text();
        let total: i64 = hidden(&page, "expected_total_cents_grouped").parse().unwrap();

        let paid = m
            .site
            .post("/checkout", &camille, &pay_body(&page, "grouped", CARD_OK, &[("needed_before", "2099-12-24")]))
            .await
            .expect(303);
        let to = paid.location().to_owned();
        assert!(to.starts_with("/orders/") && to.ends_with("?placed=1"), "{to}");
        assert_eq!(m.captured().await, total, "the total shown is the amount taken");

        let mine = orders::of_buyer(&m.site.app, &camille_who, None, 10).await.unwrap();
        assert_eq!(mine.len(), 1);
        let number = mine[0].number.clone().expect("paid orders are numbered");
        let order = m.site.get_as(&to, &camille).await.expect(200);
        assert!(order.has(&format!("Merci, la commande N° {number} est confirmée.")), "{}", order.text());
        assert!(order.has("Robe portefeuille en soie") && order.has("Camille Durand"));
        assert!(order.has("depuis notre atelier après contrôle"), "grouped goes through the workshop");
        assert!(order.has("24 décembre 2099"), "O12: the date asked for is shown");
        assert!(order.has(&euros(total)));

        // O11: the invoice, under the order's number, in the reader's language.
        let id = mine[0].id;
        let pdf = m.site.get_as(&format!("/orders/{id}/invoice.pdf"), &camille).await.expect(200);
        assert!(pdf.bytes.starts_with(b"%PDF"));
        assert_eq!(pdf.content_type(), "application/pdf");
        assert_eq!(
            pdf.header(axum::http::header::CONTENT_DISPOSITION),
            format!("attachment; filename=\"facture-{number}.pdf\"")
        );
        let en = m
            .site
            .get_as(&format!("/orders/{id}/invoice.pdf"), &format!("{camille}; pepite_lang=en"))
            .await
            .expect(200);
        assert!(en.header(axum::http::header::CONTENT_DISPOSITION).contains(&format!("invoice-{number}.pdf")));

        // The list, the emptied cart, and nobody else's eyes (A4).
        let list = m.site.get_as("/orders", &camille).await.expect(200);
        assert!(list.has(&number) && list.has("Payée"));
        let cart = m.site.get_as("/cart", &camille).await.expect(200);
        assert!(cart.has("Votre panier est vide."));
        let (_, other) = m.buyer("nina@example.fr", "Nina").await;
        // L1: the sold piece offers its bell to others, not to the person who bought it.
        let piece = format!("/pieces/{dress}");
        assert!(!m.site.get_as(&piece, &camille).await.expect(200).has(&format!("action=\"{piece}/alert\"")), "no bell for its buyer");
        assert!(m.site.get_as(&piece, &other).await.expect(200).has(&format!("action=\"{piece}/alert\"")), "a bell for others");
        m.site.get_as(&to, &other).await.expect(404);
        m.site.get_as(&format!("/orders/{id}/invoice.pdf"), &other).await.expect(404);
        let anonymous = m.site.get(&format!("/orders/{id}")).await.expect(303);
        assert!(anonymous.location().starts_with("/sign-in?next="));
    }
);

pepite_testkit::both_backends!(
    async fn o7_a_declined_card_is_explained_and_the_piece_stays_in_the_checkout(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (_, camille) = m.buyer("camille@example.fr", "Camille").await;
        m.add(&camille, dress).await;
        let page = m.site.get_as("/checkout", &camille).await.expect(200).text();

        let declined = m
            .site
            .post("/checkout", &camille, &pay_body(&page, "direct", CARD_DECLINED, &[]))
            .await
            .expect(402);
        assert!(declined.has("Votre carte a été refusée. Aucun montant n’a été prélevé"), "{}", declined.text());
        assert!(declined.has("Robe portefeuille en soie"), "the piece is still there");
        assert!(declined.has("value=\"Camille Durand\""), "what was typed is kept");
        assert!(!declined.has("name=\"card_number\" value="), "card numbers are never shown again");
        assert_eq!(m.captured().await, 0);
        let new_key = hidden(&declined.text(), "idempotency_key");
        assert_ne!(new_key, hidden(&page, "idempotency_key"), "a new attempt gets a new key");

        // The provider does not answer: said so, nothing taken, the form is there again.
        let silent = m
            .site
            .post("/checkout", &camille, &pay_body(&declined.text(), "direct", "4000 0000 0000 0119", &[]))
            .await
            .expect(503);
        assert!(silent.has("Le service de paiement n’a pas répondu. Rien ne vous a été prélevé"));
        assert_eq!(m.captured().await, 0);

        // The same person pays again from the page they were shown, with another card.
        let paid = m
            .site
            .post("/checkout", &camille, &pay_body(&silent.text(), "direct", CARD_OK, &[]))
            .await
            .expect(303);
        assert!(paid.location().ends_with("?placed=1"));

        // Field errors sit beside their fields, in the person's language.
        m.add(&camille, m.piece("Foulard en soie", 3_000).await).await;
        let page = m.site.get_as("/checkout", &format!("{camille}; pepite_lang=en")).await.expect(200).text();
        let missing = pay_body(&page, "direct", CARD_OK, &[("delivery.city", ""), ("gift_cards", "NOPE-NOPE")])
            .replace("delivery.city=Lyon&", "");
        let refused = m
            .site
            .send(
                axum::http::Method::POST,
                "/checkout",
                &[("content-type", support::FORM), ("cookie", &format!("{camille}; pepite_lang=en"))],
                &missing,
            )
            .await
            .expect(422);
        assert!(refused.has("id=\"delivery.city-error\">This field is required."), "{}", refused.text());
        assert!(refused.has("We do not know this gift card code."));
    }
);

pepite_testkit::both_backends!(
    async fn k1_the_second_buyer_is_told_the_piece_is_gone_and_is_not_charged(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (_, camille) = m.buyer("camille@example.fr", "Camille").await;
        let (_, nina) = m.buyer("nina@example.fr", "Nina").await;
        m.add(&camille, dress).await;
        m.add(&nina, dress).await;
        let camille_page = m.site.get_as("/checkout", &camille).await.expect(200).text();
        let nina_page = m.site.get_as("/checkout", &nina).await.expect(200).text();

        m.site
            .post("/checkout", &camille, &pay_body(&camille_page, "direct", CARD_OK, &[]))
            .await
            .expect(303);
        let taken = m.captured().await;
        assert!(taken > 0);

        let gone = m
            .site
            .post("/checkout", &nina, &pay_body(&nina_page, "direct", CARD_OK, &[]))
            .await
            .expect(409);
        assert!(gone.has("Quelqu’un d’autre a acheté l’une de ces pièces juste avant vous. Rien ne vous a été prélevé."), "{}", gone.text());
        assert!(gone.has("Robe portefeuille en soie"), "the piece is named");
        assert!(!gone.has("action=\"/checkout\""), "nothing is left to pay for");
        assert_eq!(m.captured().await, taken, "K1: the second buyer is not charged");
        let cart = m.site.get_as("/cart", &nina).await.expect(200);
        assert!(cart.has("Plus disponible : quelqu’un d’autre l’a achetée."));
    }
);

pepite_testkit::both_backends!(
    async fn o7_the_same_form_sent_twice_makes_one_order_and_one_charge(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (camille_who, camille) = m.buyer("camille@example.fr", "Camille").await;
        m.add(&camille, dress).await;
        let page = m.site.get_as("/checkout", &camille).await.expect(200).text();
        let body = pay_body(&page, "direct", CARD_OK, &[]);
        let total: i64 = hidden(&page, "expected_total_cents_direct").parse().unwrap();

        // A double click: both arrive together; then a retry after the answer.
        let (a, b) = tokio::join!(
            m.site.post("/checkout", &camille, &body),
            m.site.post("/checkout", &camille, &body)
        );
        let again = m.site.post("/checkout", &camille, &body).await;
        for r in [&a, &b, &again] {
            assert_eq!(r.status.as_u16(), 303, "{}", r.body);
            assert_eq!(r.location(), a.location());
        }
        let mine = orders::of_buyer(&m.site.app, &camille_who, None, 10).await.unwrap();
        assert_eq!(mine.len(), 1, "one order");
        assert_eq!(m.captured().await, total, "one charge");
    }
);

pepite_testkit::both_backends!(
    async fn o7_authentication_goes_through_the_sandbox_page_then_to_the_order(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (_, camille) = m.buyer("camille@example.fr", "Camille").await;
        m.add(&camille, dress).await;
        let page = m.site.get_as("/checkout", &camille).await.expect(200).text();
        let total: i64 = hidden(&page, "expected_total_cents_direct").parse().unwrap();
        let asked = m
            .site
            .post("/checkout", &camille, &pay_body(&page, "direct", CARD_AUTH, &[]))
            .await
            .expect(303);
        let bank = asked.location().to_owned();
        assert!(bank.starts_with("/payments/sandbox/"), "{bank}");
        let shown = m.site.get_as(&bank, &camille).await.expect(200);
        assert!(shown.has(&euros(total)) && shown.has("Accepter") && shown.has("Refuser"));
        assert_eq!(m.captured().await, 0, "nothing is taken before the buyer confirms");

        let approved = m.site.post(&bank, &camille, "decision=approve").await.expect(303);
        assert!(approved.location().ends_with("?placed=1"), "{}", approved.location());
        assert_eq!(m.captured().await, total);
        m.site.get_as(&bank, &camille).await.expect(404);
        let order = m.site.get_as(approved.location(), &camille).await.expect(200);
        assert!(order.has("Merci, la commande N° "));

        // Coming back from a provider's page asks where the payment stands.
        let id = approved.location().trim_start_matches("/orders/").trim_end_matches("?placed=1");
        let back = m
            .site
            .get_as(&format!("/orders/{id}/payment-return"), &camille)
            .await
            .expect(303);
        assert_eq!(back.location(), approved.location());
    }
);

pepite_testkit::both_backends!(
    async fn checkout_needs_a_signed_in_buyer_and_a_cart(db) {
        let m = Market::new(db).await;
        let anonymous = m.site.get("/checkout").await.expect(303);
        assert_eq!(anonymous.location(), "/sign-in?next=%2Fcheckout");
        let (_, camille) = m.buyer("camille@example.fr", "Camille").await;
        let empty = m.site.get_as("/checkout", &camille).await.expect(303);
        assert_eq!(empty.location(), "/cart");
    }
);

pepite_testkit::both_backends!(
    async fn o7_o11_a_declined_payment_reads_as_an_attempt_without_invoice_not_an_order_paid_by_card(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (who, camille) = m.buyer("camille@example.fr", "Camille").await;
        m.add(&camille, dress).await;
        let page = m.site.get_as("/checkout", &camille).await.expect(200).text();
        m.site
            .post("/checkout", &camille, &pay_body(&page, "direct", CARD_DECLINED, &[]))
            .await
            .expect(402);
        let attempt = orders::of_buyer(&m.site.app, &who, None, 10).await.unwrap()[0].id;

        // The list numbers it as an attempt, never in the invoices' "2026-000001" form.
        let list = m.site.get_as("/orders", &camille).await.expect(200);
        assert!(list.has(&format!("Tentative n° {attempt}")), "{}", list.text());
        assert!(list.has("Paiement refusé"), "{}", list.text());
        let detail = m.site.get_as(&format!("/orders/{attempt}"), &camille).await.expect(200);
        assert!(detail.has(&format!("Tentative de paiement n° {attempt}")), "{}", detail.text());
        assert!(detail.has("pas de facture"), "{}", detail.text());
        assert!(!detail.has("Payé par carte"), "nothing was paid: {}", detail.text());
        assert!(!detail.has("invoice.pdf"));
        let en = format!("{camille}; pepite_lang=en");
        let list = m.site.get_as("/orders", &en).await.expect(200);
        assert!(list.has(&format!("Attempt #{attempt}")) && list.has("Payment declined"), "{}", list.text());
        let detail = m.site.get_as(&format!("/orders/{attempt}"), &en).await.expect(200);
        assert!(!detail.has("Paid by card") && detail.has("no invoice"), "{}", detail.text());
    }
);

pepite_testkit::both_backends!(
    async fn k1_o7_a_piece_another_buyer_is_paying_for_is_said_held_not_bought(db) {
        let m = Market::new(db).await;
        let dress = m.piece("Robe portefeuille en soie", 8_500).await;
        let (_, camille) = m.buyer("camille@example.fr", "Camille").await;
        let (_, nina) = m.buyer("nina@example.fr", "Nina").await;
        let (_, zoe) = m.buyer("zoe@example.fr", "Zoe").await;
        let zoe = format!("{zoe}; pepite_lang=en");
        for cookie in [&camille, &nina, &zoe] {
            m.add(cookie, dress).await;
        }
        let nina_page = m.site.get_as("/checkout", &nina).await.expect(200).text();
        let zoe_page = m.site.get_as("/checkout", &zoe).await.expect(200).text();

        // Camille's bank asks her to confirm (3-D Secure): the piece is held meanwhile.
        let camille_page = m.site.get_as("/checkout", &camille).await.expect(200).text();
        m.site
            .post("/checkout", &camille, &pay_body(&camille_page, "direct", CARD_AUTH, &[]))
            .await
            .expect(303);

        let held = m
            .site
            .post("/checkout", &nina, &pay_body(&nina_page, "direct", CARD_OK, &[]))
            .await
            .expect(409);
        assert!(held.has("en train d’être payée") && held.has("redevenir disponible"), "{}", held.text());
        assert!(!held.has("a acheté"), "nobody has bought it yet: {}", held.text());
        let held = m
            .site
            .post("/checkout", &zoe, &pay_body(&zoe_page, "direct", CARD_OK, &[]))
            .await
            .expect(409);
        assert!(held.has("being paid for") && held.has("may become available"), "{}", held.text());
        assert!(!held.has("bought"), "{}", held.text());
        assert_eq!(m.captured().await, 0);
    }
);
