//! Price offers (N1–N6, C6) and alerts (L1) as a browser uses them, in French and English:
//! the offer form on a piece's page and its refusals beside the field, the buyer's offers,
//! the seller's inbox and counter-offer, buying at the agreed price, the bell on a sold piece,
//! staff putting it back on sale, and the seller's "open to offers" switch.

mod support;

use pepite_app::accounts::Principal;
use pepite_app::{catalog, offers, photos};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use support::pages::Site;
use support::people;
use support::sell::{self, piece_fields, with};
use support::{Reply, png};

/// The buyer's offers, newest first, as the use case reads them.
async fn offer_id(site: &Site, buyer: &Principal) -> i64 {
    offers::mine(&site.app, buyer, None).await.expect("offers")[0].id
}

fn english(cookie: &str) -> String {
    format!("{cookie}; pepite_lang=en")
}

fn assert_has(page: &Reply, texts: &[&str]) {
    for t in texts {
        assert!(page.has(t), "{t:?} missing from:\n{}", page.text());
    }
}

both_backends!(
    async fn n1_n5_n6_an_offer_from_the_piece_page_countered_in_the_inbox_then_bought(db) {
        let site = Site::new(db).await;
        let (seller, lea) = site.seller("lea@x.fr", "Chez Léa").await;
        let id = site.listed(&seller, |p| p.open_to_offers = Some(true)).await;
        let piece = format!("/pieces/{id}");

        // A2: a visitor is asked to sign in first, and comes back to the piece.
        let visitor = site.get(&piece).await.expect(200);
        assert_has(&visitor, &[&format!("/sign-in?next=/pieces/{id}"), "Connectez-vous pour proposer un prix"]);
        assert!(!visitor.has("method=\"post\" class=\"offer-form\""), "no form for visitors");

        // N1/N3: the form shows the minimum, in each language.
        let (buyer, cam) = site.account("cam@x.fr", "Camille").await;
        let form = site.get_as(&piece, &cam).await.expect(200);
        assert_has(&form, &[&format!("action=\"/pieces/{id}/offer\""), "Au moins 59,50\u{a0}€"]);
        let en = site.get_as(&piece, &english(&cam)).await.expect(200);
        assert_has(&en, &["Suggest a price", "At least €59.50"]);
        assert!(!site.get_as(&piece, &lea).await.expect(200).has("/offer\""), "not on one's own piece");

        // Refusals beside the field, in the person's language, the amount kept.
        let low = site.post(&format!("{piece}/offer"), &cam, "amount=50").await.expect(422);
        assert_has(&low, &["Offre trop basse : proposez au moins 59,50\u{a0}€", "value=\"50\"", "aria-invalid=\"true\""]);
        let low = site.post(&format!("{piece}/offer"), &english(&cam), "amount=50").await.expect(422);
        assert_has(&low, &["Too low: offer at least €59.50"]);
        let high = site.post(&format!("{piece}/offer"), &cam, "amount=85").await.expect(422);
        assert_has(&high, &["Une offre doit être inférieure au prix actuel de la pièce."]);
        site.post(&format!("{piece}/offer"), &cam, "amount=douze").await.expect(422);

        // N2: the offer is made, then shown instead of the form.
        let made = site.post(&format!("{piece}/offer"), &cam, "amount=65").await.expect(303);
        assert_eq!(made.location(), format!("{piece}?done=offer_made"));
        let shown = site.get_as(made.location(), &cam).await.expect(200);
        assert_has(&shown, &["Votre offre est partie.", "Vous avez proposé 65,00\u{a0}€.", "En attente de réponse"]);
        assert!(!shown.has(&format!("action=\"/pieces/{id}/offer\"")));
        let again = site.post(&format!("{piece}/offer"), &cam, "amount=66").await.expect(409);
        assert_has(&again, &["une seule est permise"]);
        let mine = site.get_as("/account/offers", &cam).await.expect(200);
        assert_has(&mine, &["Robe portefeuille en soie", "65,00\u{a0}€", "En attente de réponse", "réponse avant le"]);
        let mine = site.get_as("/account/offers", &english(&cam)).await.expect(200);
        assert_has(&mine, &["My offers", "Waiting for an answer", "answer by"]);

        // The seller's dashboard counts it; the inbox answers it.
        let (seller, lea) = site.session("lea@x.fr").await;
        let dash = site.get_as("/sell", &lea).await.expect(200);
        assert_has(&dash, &["Offres reçues (1 à traiter)"]);
        let inbox = site.get_as("/sell/offers", &lea).await.expect(200);
        assert_has(&inbox, &["Camille propose 65,00\u{a0}€ (prix affiché 85,00\u{a0}€)", "Accepter 65,00\u{a0}€"]);
        let en = site.get_as("/sell/offers", &english(&lea)).await.expect(200);
        assert_has(&en, &["Offers received", "Camille offers €65.00 (listed at €85.00)"]);
        let offer = offer_id(&site, &buyer).await;
        let answer = format!("/sell/offers/{offer}/answer");
        let refused = site.post(&answer, &lea, "action=counter&amount=60").await.expect(422);
        assert_has(&refused, &["La contre-offre doit dépasser l’offre de l’acheteur.", &format!("id=\"counter-{offer}-error\"")]);
        let refused = site.post(&answer, &english(&lea), "action=counter&amount=60").await.expect(422);
        assert_has(&refused, &["The counter-offer must be above the buyer"]);
        let countered = site.post(&answer, &lea, "action=counter&amount=75").await.expect(303);
        assert_eq!(countered.location(), "/sell/offers?done=countered");
        let inbox = site.get_as(countered.location(), &lea).await.expect(200);
        assert_has(&inbox, &["Contre-offre envoyée", "Contre-offre du vendeur", "Aucune offre n’attend votre réponse."]);
        let late = site.post(&answer, &lea, "action=accept").await.expect(409);
        assert_has(&late, &["n’attend plus de réponse"]);

        // C6: the agreed price for everyone; the buyer gets the button.
        let visitor = site.get(&piece).await.expect(200);
        assert_has(&visitor, &["75,00\u{a0}€", "<s class=\"price-was\">", "85,00\u{a0}€", "prix négocié valable jusqu’au"]);
        let home = site.get("/").await.expect(200);
        assert_has(&home, &["75,00\u{a0}€", "price-was"]);
        let shop = site.get(&format!("/shops/{}", seller.seller_id.unwrap())).await.expect(200);
        assert_has(&shop, &["75,00\u{a0}€"]);
        let page = site.get_as(&piece, &cam).await.expect(200);
        assert_has(&page, &["Le vendeur vous propose 75,00\u{a0}€, jusqu’au", &format!("action=\"/offers/{offer}/buy\""), "Acheter à 75,00\u{a0}€"]);
        assert_eq!(page.body.matches("Le vendeur vous propose").count(), 1, "the counter is said once");
        let mine = site.get_as("/account/offers", &english(&cam)).await.expect(200);
        assert_has(&mine, &["Buy at €75.00", "price valid until"]);

        // N6: the button fills the cart at that price and goes on to checkout.
        let bought = site.post(&format!("/offers/{offer}/buy"), &cam, "").await.expect(303);
        assert_eq!(bought.location(), "/checkout");
        let cart = site.get_as("/cart", &cam).await.expect(200);
        assert_has(&cart, &["Robe portefeuille en soie", "75,00\u{a0}€"]);
    }
);

both_backends!(
    async fn n5_c6_a_counter_is_proposed_to_the_buyer_who_declines_it_from_the_piece_page(db) {
        let site = Site::new(db).await;
        let (seller, _) = site.seller("lea@x.fr", "Chez Léa").await;
        let id = site.listed(&seller, |p| p.open_to_offers = Some(true)).await;
        let piece = format!("/pieces/{id}");
        let (buyer, cam) = site.account("cam@x.fr", "Camille").await;
        site.post(&format!("{piece}/offer"), &cam, "amount=65").await.expect(303);
        let offer = offer_id(&site, &buyer).await;
        let (_, lea) = site.session("lea@x.fr").await;
        site.post(&format!("/sell/offers/{offer}/answer"), &lea, "action=counter&amount=75").await.expect(303);

        // Proposed, not agreed, to the buyer; the price is public all the same (C6).
        let page = site.get_as(&piece, &cam).await.expect(200);
        assert_has(&page, &["Contre-offre du vendeur", "Le vendeur vous propose 75,00\u{a0}€, jusqu’au", &format!("action=\"/offers/{offer}/decline\""), "Non merci, je décline", "Acheter à 75,00\u{a0}€"]);
        assert!(!page.has("Prix convenu"), "a counter is not agreed until the buyer pays");
        let en = site.get_as(&piece, &english(&cam)).await.expect(200);
        assert_has(&en, &["The seller suggests €75.00, until", "No thanks, decline"]);
        assert_has(&site.get(&piece).await.expect(200), &["75,00\u{a0}€", "<s class=\"price-was\">"]);
        let mine = site.get_as("/account/offers", &cam).await.expect(200);
        assert_has(&mine, &[&format!("action=\"/offers/{offer}/decline\""), "name=\"back\" value=\"offers\""]);

        let declined = site.post(&format!("/offers/{offer}/decline"), &cam, "").await.expect(303);
        assert_eq!(declined.location(), format!("{piece}?done=counter_declined"));
        let shown = site.get_as(declined.location(), &cam).await.expect(200);
        assert_has(&shown, &["Contre-offre déclinée. Le vendeur en est informé.", "Vous avez décliné la contre-offre", "Contre-offre déclinée"]);
        assert!(!shown.has("/decline\""), "no button any more");
        let visitor = site.get(&piece).await.expect(200);
        assert_has(&visitor, &["85,00\u{a0}€"]);
        assert!(!visitor.has("price-was"), "the list price is back for everyone");
        assert_has(&site.get_as("/sell/offers", &lea).await.expect(200), &["Contre-offre déclinée"]);

        // A second click (from the offers list) says why, in the person's language.
        let again = site.post(&format!("/offers/{offer}/decline"), &english(&cam), "back=offers").await.expect(303);
        assert_eq!(again.location(), "/account/offers?not_declined=offer_no_counter_running");
        let told = site.get_as(again.location(), &english(&cam)).await.expect(200);
        assert_has(&told, &["This could not be declined: There is no running counter-offer to decline any more", "Counter-offer declined"]);
        // Someone else's offer is missing (A4).
        let (_, other) = site.account("dom@x.fr", "Dominique").await;
        site.post(&format!("/offers/{offer}/decline"), &other, "").await.expect(404);
    }
);

both_backends!(
    async fn l1_the_bell_on_a_sold_piece_and_staff_putting_it_back_on_sale(db) {
        let site = Site::new(db).await;
        let (seller, lea) = site.seller("lea@x.fr", "Chez Léa").await;
        let id = site.listed(&seller, |_| {}).await;
        let piece = format!("/pieces/{id}");
        let (_, cam) = site.account("cam@x.fr", "Camille").await;
        assert!(!site.get_as(&piece, &cam).await.expect(200).has("/alert\""), "no bell on a listed piece");
        assert!(catalog::mark_sold(&site.app, id).await.unwrap());

        let visitor = site.get(&piece).await.expect(200);
        assert_has(&visitor, &["Connectez-vous pour poser une alerte", &format!("/sign-in?next=/pieces/{id}")]);
        assert!(!site.get_as(&piece, &lea).await.expect(200).has("/alert\""), "no bell for its seller");
        let bell = site.get_as(&piece, &english(&cam)).await.expect(200);
        assert_has(&bell, &[&format!("action=\"/pieces/{id}/alert\""), "Tell me if it comes back"]);
        let set = site.post(&format!("{piece}/alert"), &cam, "").await.expect(303);
        assert_eq!(set.location(), format!("{piece}?done=alert_set"));
        let shown = site.get_as(set.location(), &cam).await.expect(200);
        assert_has(&shown, &["Alerte posée.", "Alerte posée : nous vous écrirons", &format!("action=\"/pieces/{id}/alert/remove\"")]);
        let list = site.get_as("/account/alerts", &cam).await.expect(200);
        assert_has(&list, &["Mes alertes", "Robe portefeuille en soie", "Vendue"]);
        assert_has(&site.get_as("/account/alerts", &english(&cam)).await.expect(200), &["My alerts", "Remove my alert"]);
        let removed = site.post(&format!("{piece}/alert/remove"), &cam, "back=alerts").await.expect(303);
        assert_eq!(removed.location(), "/account/alerts?done=alert_removed");
        assert_has(&site.get_as(removed.location(), &cam).await.expect(200), &["Alerte retirée.", "Aucune alerte en cours."]);
        site.post(&format!("{piece}/alert"), &cam, "").await.expect(303);

        // Customer service puts it back on sale from the back office: the alert fires once.
        let input = people::sign_up_input("sam@x.fr", "Samir", "fr");
        people::register(&site.app, &input, &[Role::CustomerService]).await;
        let (_, sam) = site.session("sam@x.fr").await;
        let detail = site.get_as(&piece, &sam).await.expect(200);
        assert_has(&detail, &[&format!("action=\"/back-office/pieces/{id}/relist\""), "Remettre en vente"]);
        let list = site.get_as("/back-office/pieces?state=sold", &sam).await.expect(200);
        assert_has(&list, &["Remettre en vente « Robe portefeuille en soie »"]);
        assert!(!site.get_as("/back-office/pieces?state=sold", &lea).await.has("/relist"));
        let done = site.post(&format!("/back-office/pieces/{id}/relist"), &sam, "").await.expect(303);
        assert_eq!(done.location(), "/back-office/pieces?state=sold&done=relisted");
        assert_has(&site.get_as(done.location(), &sam).await.expect(200), &["Pièce remise en vente"]);
        let fired = pepite_store::notifications::list(&site.app.db, None, None, None, 100).await.unwrap();
        let fired: Vec<_> = fired.iter().filter(|n| n.kind == "alert_fired").collect();
        assert_eq!(fired.len(), 1);
        assert_eq!(fired[0].to_address, "cam@x.fr");
        assert_has(&site.get_as("/account/alerts", &cam).await.expect(200), &["Aucune alerte en cours."]);
        let again = site.post(&format!("/back-office/pieces/{id}/relist"), &sam, "back=piece").await.expect(303);
        assert_eq!(again.location(), "/back-office/pieces?state=sold&refused=piece_not_sold");
        assert_has(&site.get_as(again.location(), &sam).await.expect(200), &["Cette pièce n’est pas vendue"]);
    }
);

both_backends!(
    async fn n1_the_sellers_switch_opens_and_closes_a_piece_to_offers(db) {
        let site = sell::Site::new(db).await;
        let lea = site.person("lea@x.fr", &[]).await;
        sell::open_shop(&site, &lea, "Chez Léa").await;
        let id = sell::new_piece(&site, &lea, "Robe en lin").await;
        let seller = site.principal(&lea).await;
        photos::add_photo(&site.app, &seller, id, png(240, 300)).await.expect("photo");
        catalog::list_piece(&site.app, &seller, id).await.expect("list");
        let cam = site.person("cam@x.fr", &[]).await;
        let piece = format!("/pieces/{id}");
        assert!(site.get(&cam.cookie, &piece).await.expect(200).has("/offer\""));

        // Unticked in the piece form: no form, and an offer is refused (N1).
        let closed: Vec<_> = piece_fields().into_iter().filter(|(n, _)| *n != "open_to_offers").collect();
        site.post(&lea.cookie, &format!("/sell/pieces/{id}"), &closed).await.expect(303);
        assert!(!site.get(&cam.cookie, &piece).await.expect(200).has("/offer\""));
        let buyer = site.principal(&cam).await;
        let refused = offers::make(&site.app, &buyer, id, 7_000).await.unwrap_err();
        assert!(matches!(refused, pepite_app::AppError::Conflict("offer_not_open")), "{refused:?}");

        // Ticked again: the form is back.
        site.post(&lea.cookie, &format!("/sell/pieces/{id}"), &with(piece_fields(), "open_to_offers", "on"))
            .await
            .expect(303);
        assert!(site.get(&cam.cookie, &piece).await.expect(200).has("/offer\""));
    }
);

both_backends!(
    async fn n5_the_counter_offer_hint_never_asks_for_less_than_the_offer(db) {
        let site = Site::new(db).await;
        let (seller, lea) = site.seller("lea@x.fr", "Chez Léa").await;
        let id = site.listed(&seller, |p| p.open_to_offers = Some(true)).await;
        let (buyer, _) = site.account("cam@x.fr", "Camille").await;
        // N3's floor on 85 € is 59,50 €; the offer of 80 € is far above it, so the lowest
        // counter-offer the seller may make is one cent more than the offer.
        offers::make(&site.app, &buyer, id, 8_000).await.expect("offer");
        let inbox = site.get_as("/sell/offers", &lea).await.expect(200);
        assert_has(&inbox, &["au moins 80,01\u{a0}€"]);
        assert!(!inbox.has("59,50"), "the hint must not suggest less than the offer:\n{}", inbox.text());
        let en = site.get_as("/sell/offers", &english(&lea)).await.expect(200);
        assert_has(&en, &["at least €80.01"]);
    }
);
