//! Staff's actions on an order in the back office (issue 11, item 6), through the pages: notes
//! seen by staff only (A4), cancelling for the platform before dispatch (F5) and refunding some
//! lines (R5), each counted once however often, or however concurrently, it is sent.

mod support;

use pepite_app::notify::{Compose, Notice};
use pepite_app::{AppError, refunds};
use pepite_domain::account::{Language, Role};
use pepite_domain::commerce::ShippingMode;
use pepite_store::notifications::NotificationRow;
use pepite_web::emails::Composer;
use support::orders::{fixed_clock, listed, order};
use support::outbox;
use support::sell::{Person, Site, open_shop};

/// A shop with two listed pieces, a buyer and a customer-service agent; the buyer has paid
/// for both pieces (direct shipping).
struct Paid {
    site: Site,
    lea: Person,
    bob: Person,
    support: Person,
    order_id: i64,
    robe: i64,
    veste: i64,
}

impl Paid {
    async fn new(db: pepite_store::Db) -> Paid {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let robe = listed(&site, &lea, "Robe portefeuille en soie", "Sézane", 8_500).await;
        let veste = listed(&site, &lea, "Veste en tweed", "Chanel", 20_000).await;
        let paid = order(&site, &bob, &[robe, veste], ShippingMode::Direct, None).await;
        Paid {
            site,
            lea,
            bob,
            support,
            order_id: paid.order_id,
            robe,
            veste,
        }
    }

    fn path(&self, action: &str) -> String {
        format!("/back-office/orders/{}{action}", self.order_id)
    }

    /// The order's page as `who` sees it after following a redirect to it.
    async fn after(&self, who: &Person, location: &str) -> String {
        assert!(location.starts_with(&self.path("?")), "{location}");
        self.site.get(&who.cookie, location).await.expect(200).body
    }

    /// What the sandbox still holds of the buyer's payment.
    async fn captured(&self) -> i64 {
        self.site
            .app
            .payments
            .sandbox()
            .expect("sandbox")
            .captured_cents()
            .await
    }

    async fn messages(&self, kind: &str) -> Vec<NotificationRow> {
        outbox::all(&self.site.app)
            .await
            .into_iter()
            .filter(|r| r.kind == kind)
            .collect()
    }
}

/// The text of a stored notice as its recipient reads it, in French.
fn read(row: &NotificationRow) -> String {
    let notice = Notice::from_json(&row.params).expect("stored notice");
    let message = Composer::new("https://shop.example")
        .compose(Language::Fr, &notice)
        .expect("composed");
    format!("{}\n{}", message.subject, message.text)
}

pepite_testkit::both_backends!(
    async fn a4_staff_notes_are_listed_newest_first_and_checked(db) {
        let p = Paid::new(db).await;
        let notes = p.path("/notes");
        let first = p.site.post(&p.support.cookie, &notes, &[("message", "  Client appelé : livraison avant Noël.  ")]).await.expect(303);
        let page = p.after(&p.support, first.location()).await;
        assert!(page.contains("Note ajoutée."), "{page}");
        let second = p.site.post(&p.support.cookie, &notes, &[("message", "Deuxième note\nsur deux lignes")]).await.expect(303);
        let page = p.after(&p.support, second.location()).await;
        let (newer, older) = (page.find("Deuxième note\nsur deux lignes"), page.find("Client appelé : livraison avant Noël."));
        assert!(newer.is_some() && older.is_some() && newer < older, "newest first: {page}");
        assert!(page.contains("sav, 20 novembre 2026"), "author and time from the Clock: {page}");

        // Refused notes come back beside the field, in the person's language, and nothing is kept.
        let empty = p.site.post(&p.support.cookie, &notes, &[("message", "   ")]).await.expect(422);
        assert!(empty.has("Ce champ est obligatoire.") && empty.has(r#"aria-invalid="true""#), "{}", empty.body);
        let long = "a".repeat(2_001);
        let too_long = p.site.post(&p.support.cookie, &notes, &[("message", &long)]).await.expect(422);
        assert!(too_long.has("caractères au plus") && too_long.has(&long), "the text is kept");
        let english = p.site.post(&p.support.in_english(), &notes, &[("message", "")]).await.expect(422);
        assert!(english.has("This field is required."));
        let control = p.site.post(&p.support.cookie, &notes, &[("message", "Appel\u{7} client")]).await.expect(422);
        assert!(control.has("Les caractères de contrôle"), "{}", control.body);
        let control_en = p.site.post(&p.support.in_english(), &notes, &[("message", "x\u{1b}[31m")]).await.expect(422);
        assert!(control_en.has("Control characters"), "{}", control_en.body);
        let who = p.site.principal(&p.support).await;
        let kept = pepite_app::order_notes::of_order(&p.site.app, &who, p.order_id).await.unwrap();
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[1].body, "Client appelé : livraison avant Noël.", "trimmed");
    }
);

pepite_testkit::both_backends!(
    async fn a4_a_seller_cannot_see_order_notes(db) {
        let p = Paid::new(db).await;
        let secret = "Acheteur difficile, vérifier chaque échange";
        p.site.post(&p.support.cookie, &p.path("/notes"), &[("message", secret)]).await.expect(303);
        let workshop = p.site.person("atelier@pepite.fr", &[Role::Workshop]).await;
        assert!(p.site.get(&workshop.cookie, &p.path("")).await.expect(200).has(secret), "staff read them");

        let seller_page = p.site.get(&p.lea.cookie, &format!("/sell/orders/{}", p.order_id)).await.expect(200);
        let buyer_page = p.site.get(&p.bob.cookie, &format!("/orders/{}", p.order_id)).await.expect(200);
        for page in [&seller_page, &buyer_page] {
            assert!(!page.has(secret) && !page.has("Notes internes"));
        }
        for who in [&p.lea, &p.bob] {
            p.site.post(&who.cookie, &p.path("/notes"), &[("message", "Bonjour")]).await.expect(404);
            let principal = p.site.principal(who).await;
            let read = pepite_app::order_notes::of_order(&p.site.app, &principal, p.order_id).await;
            assert!(matches!(read, Err(AppError::Forbidden)), "{read:?}");
        }
        // Workshop staff write notes but neither cancel nor refund (A4).
        let page = p.site.get(&workshop.cookie, &p.path("")).await.expect(200);
        assert!(!page.has(&p.path("/cancel")) && !page.has(&p.path("/refund")));
        p.site.post(&workshop.cookie, &p.path("/cancel"), &[]).await.expect(404);
        let piece = p.robe.to_string();
        let fields = [("piece", piece.as_str()), ("reason", "goodwill"), ("confirmed", "yes")];
        p.site.post(&workshop.cookie, &p.path("/refund"), &fields).await.expect(404);
        p.site.post(&p.bob.cookie, &p.path("/cancel"), &[]).await.expect(404);
        assert!(refunds::of_order(&p.site.app, p.order_id).await.unwrap().is_empty());
        assert_eq!(p.captured().await, 28_500 + shipping(&p).await);
    }
);

/// The order's shipping charge (the buyer paid goods plus shipping).
async fn shipping(p: &Paid) -> i64 {
    let who = p.site.principal(&p.support).await;
    let (d, _) = pepite_app::orders::detail(&p.site.app, &who, p.order_id)
        .await
        .unwrap();
    d.order.shipping_cents
}

pepite_testkit::both_backends!(
    async fn f5_staff_cancel_before_dispatch_refunds_once(db) {
        let p = Paid::new(db).await;
        let page = p.site.get(&p.support.cookie, &p.path("")).await.expect(200);
        assert!(page.has(&format!(r#"action="{}""#, p.path("/cancel"))) && page.has(r#"class="danger""#));

        let done = p.site.post(&p.support.cookie, &p.path("/cancel"), &[]).await.expect(303);
        let page = p.after(&p.support, done.location()).await;
        assert!(page.contains("Commande annulée") && page.contains("Annulée par le service client"), "{page}");
        assert!(!page.contains(&format!(r#"action="{}""#, p.path("/cancel"))), "no button once cancelled");
        assert_eq!(p.captured().await, 0, "everything paid came back");

        // The buyer and the seller are told that the platform cancelled it, not the buyer.
        let buyer = p.messages("order_cancelled").await;
        assert_eq!(buyer.len(), 1);
        let text = read(&buyer[0]);
        assert!(text.contains("Pépite a annulé votre commande") && !text.contains("comme demandé"), "{text}");
        let seller = p.messages("sale_cancelled").await;
        assert_eq!(seller.len(), 1);
        assert_eq!(seller[0].to_address, "lea@example.fr");
        let text = read(&seller[0]);
        assert!(text.contains("Pépite a annulé cette commande") && !text.contains("L’acheteur a annulé"), "{text}");

        // A second click says so; nothing is given back or told twice.
        let again = p.site.post(&p.support.cookie, &p.path("/cancel"), &[]).await.expect(303);
        let page = p.after(&p.support, again.location()).await;
        assert!(page.contains("Cette commande est déjà annulée"), "{page}");
        assert_eq!(p.captured().await, 0);
        assert_eq!(p.messages("order_cancelled").await.len(), 1);
        // The cancelled order refunds nothing more (R5 refuses it).
        let piece = p.robe.to_string();
        let fields = [("piece", piece.as_str()), ("reason", "goodwill"), ("confirmed", "yes")];
        let refused = p.site.post(&p.support.cookie, &p.path("/refund"), &fields).await.expect(303);
        assert!(refused.location().contains("error=not_refundable"));
        assert_eq!(pepite_store::commerce::ledger::audit(&p.site.app.db).await.unwrap(), (0, 0));
    }
);

pepite_testkit::both_backends!(
    async fn f5_a_concurrent_double_cancel_cancels_and_refunds_once(db) {
        let p = Paid::new(db).await;
        let path = p.path("/cancel");
        let (a, b) = tokio::join!(
            p.site.post(&p.support.cookie, &path, &[]),
            p.site.post(&p.support.cookie, &path, &[]),
        );
        let mut saids = [a.expect(303).location().to_owned(), b.expect(303).location().to_owned()];
        saids.sort();
        assert!(saids[0].contains("done=cancelled") && saids[1].contains("error=already_cancelled"), "{saids:?}");
        assert_eq!(p.captured().await, 0);
        assert_eq!(p.messages("order_cancelled").await.len(), 1);
        assert_eq!(p.messages("sale_cancelled").await.len(), 1);
        assert_eq!(pepite_store::commerce::ledger::audit(&p.site.app.db).await.unwrap(), (0, 0));
    }
);

pepite_testkit::both_backends!(
    async fn f5_staff_cannot_cancel_after_dispatch(db) {
        let p = Paid::new(db).await;
        let ship = format!("/sell/orders/{}/parcels/1/ship", p.order_id);
        p.site.post(&p.lea.cookie, &ship, &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(303);
        let page = p.site.get(&p.support.cookie, &p.path("")).await.expect(200);
        assert!(page.has("ne peut plus être annulée") && !page.has(&p.path("/cancel")), "{}", page.body);
        let refused = p.site.post(&p.support.cookie, &p.path("/cancel"), &[]).await.expect(303);
        let page = p.after(&p.support, refused.location()).await;
        assert!(page.contains("seul un retour est possible"), "{page}");
        assert!(p.messages("order_cancelled").await.is_empty());
        assert_eq!(p.captured().await, 28_500 + shipping(&p).await);
    }
);

pepite_testkit::both_backends!(
    async fn r5_staff_refund_of_a_line_is_counted_once(db) {
        let p = Paid::new(db).await;
        let paid = p.captured().await;
        let page = p.site.get(&p.support.cookie, &p.path("")).await.expect(200);
        assert!(page.has(&format!(r#"name="piece" value="{}""#, p.robe)) && page.has(&format!(r#"name="piece" value="{}""#, p.veste)));

        // Nothing ticked: said beside the boxes.
        let none = p.site.post(&p.support.cookie, &p.path("/refund"), &[("reason", "goodwill")]).await.expect(422);
        assert!(none.has("Cochez au moins une pièce."), "{}", none.body);

        // The ticked line is shown for confirmation first; nothing moves yet.
        let robe = p.robe.to_string();
        let ask = [("piece", robe.as_str()), ("reason", "goodwill")];
        let confirm = p.site.post(&p.support.cookie, &p.path("/refund"), &ask).await.expect(200);
        assert!(confirm.has("Confirmer le remboursement") && confirm.has("Robe portefeuille en soie") && !confirm.has("Veste en tweed"));
        assert!(confirm.has(r#"name="confirmed" value="yes""#) && confirm.has(r#"class="danger""#));
        assert_eq!(p.captured().await, paid);

        let confirmed = [("piece", robe.as_str()), ("reason", "goodwill"), ("confirmed", "yes")];
        let done = p.site.post(&p.support.cookie, &p.path("/refund"), &confirmed).await.expect(303);
        let page = p.after(&p.support, done.location()).await;
        assert!(page.contains("Remboursement effectué") && page.contains("AV-2026-"), "{page}");
        assert!(!page.contains(&format!(r#"name="piece" value="{}""#, p.robe)), "no second box for the robe");
        assert_eq!(p.captured().await, paid - 8_500, "the goodwill gesture is the piece's price");

        // The same submission again (a double click) is the same refund; another reason for the
        // same line is refused.
        p.site.post(&p.support.cookie, &p.path("/refund"), &confirmed).await.expect(303);
        let defect = [("piece", robe.as_str()), ("reason", "defect"), ("confirmed", "yes")];
        let refused = p.site.post(&p.support.cookie, &p.path("/refund"), &defect).await.expect(303);
        let page = p.after(&p.support, refused.location()).await;
        assert!(page.contains("Ces pièces ne peuvent pas être remboursées"), "{page}");
        let made = refunds::of_order(&p.site.app, p.order_id).await.unwrap();
        assert_eq!(made.len(), 1);
        assert_eq!((made[0].total_cents, made[0].card_cents), (8_500, 8_500));
        assert_eq!(p.captured().await, paid - 8_500);
        assert_eq!(p.messages("refund_made").await.len(), 1);
        assert_eq!(pepite_store::commerce::ledger::audit(&p.site.app.db).await.unwrap(), (0, 0));

        // A refunded line bars the whole order's cancellation (it would pay the robe twice).
        let page = p.site.get(&p.support.cookie, &p.path("")).await.expect(200);
        assert!(!page.has(&p.path("/cancel")));
        let refused = p.site.post(&p.support.cookie, &p.path("/cancel"), &[]).await.expect(303);
        assert!(refused.location().contains("error=partly_refunded"));
    }
);

pepite_testkit::both_backends!(
    async fn r5_a_concurrent_double_refund_refunds_once(db) {
        let p = Paid::new(db).await;
        let paid = p.captured().await;
        let veste = p.veste.to_string();
        // Two tabs: the same line under two reasons, sent at once. One refund wins.
        let goodwill = [("piece", veste.as_str()), ("reason", "goodwill"), ("confirmed", "yes")];
        let defect = [("piece", veste.as_str()), ("reason", "defect"), ("confirmed", "yes")];
        let path = p.path("/refund");
        let (a, b) = tokio::join!(
            p.site.post(&p.support.cookie, &path, &goodwill),
            p.site.post(&p.support.cookie, &path, &defect),
        );
        let saids = [a.expect(303).location().to_owned(), b.expect(303).location().to_owned()];
        assert_eq!(saids.iter().filter(|s| s.contains("done=refunded")).count(), 1, "{saids:?}");
        assert_eq!(saids.iter().filter(|s| s.contains("error=not_refundable")).count(), 1, "{saids:?}");
        let made = refunds::of_order(&p.site.app, p.order_id).await.unwrap();
        assert_eq!(made.len(), 1);
        assert_eq!(p.captured().await, paid - made[0].card_cents);

        // A double click: the same submission twice at once is one refund too.
        let robe = p.robe.to_string();
        let twice = [("piece", robe.as_str()), ("reason", "goodwill"), ("confirmed", "yes")];
        let (a, b) = tokio::join!(
            p.site.post(&p.support.cookie, &path, &twice),
            p.site.post(&p.support.cookie, &path, &twice),
        );
        a.expect(303);
        b.expect(303);
        let made = refunds::of_order(&p.site.app, p.order_id).await.unwrap();
        assert_eq!(made.len(), 2);
        let back: i64 = made.iter().map(|r| r.card_cents).sum();
        assert_eq!(p.captured().await, paid - back);
        assert_eq!(p.messages("refund_made").await.len(), 2);
        assert_eq!(pepite_store::commerce::ledger::audit(&p.site.app.db).await.unwrap(), (0, 0));
    }
);

pepite_testkit::both_backends!(
    async fn r5_staff_cannot_refund_a_line_held_by_a_return(db) {
        let p = Paid::new(db).await;
        let ship = format!("/sell/orders/{}/parcels/1/ship", p.order_id);
        p.site.post(&p.lea.cookie, &ship, &[("carrier", "colissimo"), ("tracking", "6A12345678901")]).await.expect(303);
        let workshop = p.site.person("atelier@pepite.fr", &[Role::Workshop]).await;
        let staff = p.site.principal(&workshop).await;
        pepite_app::shipping::deliver_parcel(&p.site.app, &staff, p.order_id, 1).await.unwrap();
        let bob = p.site.principal(&p.bob).await;
        let ask = pepite_app::returns::ReturnAsk {
            pieces: vec![p.robe],
            reason: "change_of_mind".into(),
            ..Default::default()
        };
        pepite_app::returns::ask(&p.site.app, &bob, p.order_id, &ask).await.unwrap();
        let paid = p.captured().await;

        // The robe is the return's to refund: no box for it, and a forged request is refused.
        let page = p.site.get(&p.support.cookie, &p.path("")).await.expect(200);
        assert!(!page.has(&format!(r#"name="piece" value="{}""#, p.robe)), "{}", page.body);
        assert!(page.has(&format!(r#"name="piece" value="{}""#, p.veste)));
        let robe = p.robe.to_string();
        let fields = [("piece", robe.as_str()), ("reason", "goodwill"), ("confirmed", "yes")];
        let refused = p.site.post(&p.support.cookie, &p.path("/refund"), &fields).await.expect(303);
        assert!(refused.location().contains("error=not_refundable"), "{}", refused.location());
        assert!(refunds::of_order(&p.site.app, p.order_id).await.unwrap().is_empty());
        assert_eq!(p.captured().await, paid);
    }
);
