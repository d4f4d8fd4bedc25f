//! After the sale (F1, F3, F4, item 12 of issue 10) on SQLite and PostgreSQL: a seller ships
//! their parcel with a carrier and a tracking number checked against its format, the buyer is
//! told with the carrier's link; a delivery comes from staff or a signed, deduplicated carrier
//! event; the order's state follows its parcels.

use std::sync::Arc;

use crate::support::*;
use pepite_app::accounts::Principal;
use pepite_app::carriers::{self, CarrierForm, SandboxCarrier};
use pepite_app::gift_cards::{self, GiftCardInput};
use pepite_app::notify::Notice;
use pepite_app::payments::Method;
use pepite_app::shipping::{self, DeliveryAck};
use pepite_app::webhook_signature::sign;
use pepite_app::{App, AppError, carts, checkout};
use pepite_domain::account::Role;
use pepite_domain::commerce::OrderProgress;
use pepite_store::commerce::orders::{self as store, ParcelRow};
use pepite_testkit::both_backends;

/// 20 November 2026, 10:00 in Paris.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;
const SECRET: &str = "carrier-test-secret";
const CARD: &str = "4242424242424242";

/// An order paid by `b` of one piece from each of two shops (two parcels, direct).
pub(crate) struct Sale {
    pub(crate) app: App,
    pub(crate) lea: Principal,
    pub(crate) max: Principal,
    pub(crate) buyer: Principal,
    pub(crate) order_id: i64,
    /// The gift card paying part of it, if any.
    pub(crate) gift_card: Option<String>,
}

async fn sale(db: pepite_store::Db) -> Sale {
    sale_with(db, None).await
}

/// The same, part paid by a gift card of `gift_card_cents` the buyer bought first.
pub(crate) async fn sale_with(db: pepite_store::Db, gift_card_cents: Option<i64>) -> Sale {
    let app = app(db).with_carrier(Arc::new(SandboxCarrier::new(Some(SECRET.into()))));
    pepite_store::clock::set(&app.db, T0).await.unwrap();
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let max = seller(&app, "max@x.fr", "Max Vintage").await;
    let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_500)).await;
    let sac = listed(&app, &max, &piece_input("Sac", "Longchamp", "bags", 6_000)).await;
    let buyer = buyers(&app, 1).await.remove(0);
    let mut gift_card = None;
    if let Some(amount_cents) = gift_card_cents {
        let input = GiftCardInput {
            amount_cents,
            recipient_name: "Bob".into(),
            recipient_email: buyer.email.clone(),
            sender_name: String::new(),
            message: String::new(),
            method: Method::Card,
            token: CARD.into(),
            return_url: "http://localhost/gift-cards/{card}".into(),
        };
        let bought = gift_cards::buy(&app, &buyer, "gc", &input).await.unwrap();
        gift_card = Some(
            gift_cards::mine(&app, &buyer, bought.gift_card_id)
                .await
                .unwrap()
                .code,
        );
    }
    let cart = carts::CartOwner::User(buyer.user_id);
    carts::add(&app, &cart, robe).await.unwrap();
    carts::add(&app, &cart, sac).await.unwrap();
    let codes: Vec<String> = gift_card.iter().cloned().collect();
    let out = checkout::place(&app, &buyer, "k", &checkout_input(CARD, &codes))
        .await
        .unwrap();
    Sale {
        app,
        lea,
        max,
        buyer,
        order_id: out.order_id,
        gift_card,
    }
}

impl Sale {
    /// The parcel `seller` sends.
    pub(crate) async fn parcel_of(&self, seller: &Principal) -> ParcelRow {
        store::parcels(&self.app.db, self.order_id)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.seller_id == seller.seller_id)
            .unwrap()
    }

    pub(crate) async fn progress(&self) -> OrderProgress {
        store::by_id(&self.app.db, self.order_id)
            .await
            .unwrap()
            .unwrap()
            .progress()
    }

    pub(crate) async fn ship(
        &self,
        seller: &Principal,
        carrier: &str,
        tracking: &str,
    ) -> Result<ParcelRow, AppError> {
        let parcel = self.parcel_of(seller).await.parcel;
        shipping::ship_parcel(&self.app, seller, self.order_id, parcel, carrier, tracking).await
    }

    /// The buyer's notices of `kind`.
    pub(crate) async fn notices(&self, kind: &str) -> Vec<Notice> {
        pepite_store::notifications::list(&self.app.db, Some(self.buyer.user_id), None, None, 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == kind)
            .map(|n| Notice::from_json(&n.params).unwrap())
            .collect()
    }

    /// A signed carrier event.
    async fn event(
        &self,
        carrier: &str,
        id: &str,
        tracking: &str,
        at_s: i64,
    ) -> Result<DeliveryAck, AppError> {
        let body = format!(
            r#"{{"id":"{id}","type":"delivered","tracking":"{tracking}","occurred_at":{at_s}}}"#
        );
        let now_s = self.app.now_us().await.unwrap() / 1_000_000;
        let signature = sign(SECRET, now_s, body.as_bytes());
        shipping::delivery_event(&self.app, carrier, Some(&signature), body.as_bytes()).await
    }
}

both_backends!(
    async fn f1_f3_seller_marks_parcel_shipped_and_the_buyer_gets_the_tracking_link(db) {
        let s = sale(db).await;
        assert_eq!(s.progress().await, OrderProgress::Paid);
        let shipped = s.ship(&s.lea, "colissimo", " 6a 1234-5678 901 ").await.unwrap();
        assert_eq!(shipped.tracking.as_deref(), Some("6A12345678901"), "F1: read as printed");
        assert_eq!(shipped.carrier.as_deref(), Some("colissimo"));
        assert_eq!(shipped.shipped_at, Some(T0), "the clock's time");
        assert_eq!(
            shipped.tracking_link().as_deref(),
            Some("https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901")
        );
        // Item 12: one parcel of two is on its way.
        assert_eq!(s.progress().await, OrderProgress::PartlyShipped);
        match &s.notices("parcel_shipped").await[..] {
            [Notice::ParcelShipped { tracking, tracking_link, carrier, lines, .. }] => {
                assert_eq!(tracking, "6A12345678901");
                assert_eq!(carrier, "Colissimo");
                assert!(tracking_link.ends_with("code=6A12345678901"), "{tracking_link}");
                assert_eq!(lines.len(), 1);
                assert_eq!(lines[0].title, "Robe", "only the pieces in that parcel");
            }
            other => panic!("F3: one notice expected, got {other:?}"),
        }
        // Marking again changes nothing and tells nobody twice.
        let again = s.ship(&s.lea, "dhl", "1234567890").await;
        assert!(matches!(again, Err(AppError::Conflict("already_shipped"))), "{again:?}");
        assert_eq!(s.parcel_of(&s.lea).await.carrier.as_deref(), Some("colissimo"));
        assert_eq!(s.notices("parcel_shipped").await.len(), 1);
        s.ship(&s.max, "ups", "1Z999AA10123456784").await.unwrap();
        assert_eq!(s.progress().await, OrderProgress::Shipped);
    }
);

both_backends!(
    async fn f1_tracking_number_outside_the_carriers_format_is_a_field_error(db) {
        let s = sale(db).await;
        let field = |r: Result<ParcelRow, AppError>, name: &str| match r {
            Err(AppError::Invalid(e)) => e.for_field(name).map(|f| f.code),
            other => panic!("expected field errors, got {other:?}"),
        };
        // UPS numbers start with 1Z (or are short): a Colissimo-style number is refused.
        assert_eq!(field(s.ship(&s.lea, "ups", "6A12345678901ABCDE").await, "tracking"), Some("tracking_format"));
        assert_eq!(field(s.ship(&s.lea, "nobody", "6A12345678901").await, "carrier"), Some("unknown_value"));
        assert_eq!(field(s.ship(&s.lea, "colissimo", "6A1234\u{0}5678901").await, "tracking"), Some("tracking_number"));
        assert_eq!(field(s.ship(&s.lea, "colissimo", "").await, "tracking"), Some("required"));
        // A carrier with no known format takes any plausible number.
        s.ship(&s.lea, "colis_prive", "XY12-34").await.unwrap();
        assert_eq!(s.notices("parcel_shipped").await.len(), 1);
    }
);

both_backends!(
    async fn a4_only_the_parcels_seller_ships_it(db) {
        let s = sale(db).await;
        let lea_parcel = s.parcel_of(&s.lea).await.parcel;
        for who in [&s.max, &s.buyer] {
            let r = shipping::ship_parcel(&s.app, who, s.order_id, lea_parcel, "colissimo", "6A12345678901").await;
            assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
        }
        for (order, parcel) in [(s.order_id + 1000, lea_parcel), (s.order_id, 99)] {
            let r = shipping::ship_parcel(&s.app, &s.lea, order, parcel, "colissimo", "6A12345678901").await;
            assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
        }
        assert!(s.parcel_of(&s.lea).await.shipped_at.is_none(), "nothing written");
    }
);

both_backends!(
    async fn f1_two_racing_shipments_of_one_parcel_ship_it_once(db) {
        let s = sale(db).await;
        let (a, b) = tokio::join!(
            s.ship(&s.lea, "colissimo", "6A12345678901"),
            s.ship(&s.lea, "chronopost", "XA123456789FR")
        );
        let wins = [&a, &b].iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "one compare-and-set wins: {a:?} {b:?}");
        assert!([&a, &b].iter().any(|r| matches!(r, Err(AppError::Conflict("already_shipped")))));
        assert_eq!(s.notices("parcel_shipped").await.len(), 1, "the buyer is told once");
    }
);

both_backends!(
    async fn f4_staff_delivery_records_the_clock_date_and_tells_the_buyer(db) {
        let s = sale(db).await;
        let workshop = staff(&s.app, "atelier@x.fr", Role::Workshop).await;
        let lea_parcel = s.parcel_of(&s.lea).await.parcel;
        let max_parcel = s.parcel_of(&s.max).await.parcel;
        let not_yet = shipping::deliver_parcel(&s.app, &workshop, s.order_id, lea_parcel).await;
        assert!(matches!(not_yet, Err(AppError::Conflict("not_shipped"))), "{not_yet:?}");
        s.ship(&s.lea, "colissimo", "6A12345678901").await.unwrap();
        s.ship(&s.max, "colissimo", "6A12345678902").await.unwrap();
        pepite_store::clock::set(&s.app.db, T0 + 2 * DAY).await.unwrap();
        // The buyer and sellers do not record deliveries.
        for who in [&s.buyer, &s.lea] {
            let r = shipping::deliver_parcel(&s.app, who, s.order_id, lea_parcel).await;
            assert!(matches!(r, Err(AppError::Forbidden)), "{r:?}");
        }
        shipping::deliver_parcel(&s.app, &workshop, s.order_id, lea_parcel).await.unwrap();
        assert_eq!(s.parcel_of(&s.lea).await.delivered_at, Some(T0 + 2 * DAY), "F4: the clock's date");
        assert_eq!(s.progress().await, OrderProgress::Shipped, "one parcel still travelling");
        let again = shipping::deliver_parcel(&s.app, &workshop, s.order_id, lea_parcel).await;
        assert!(matches!(again, Err(AppError::Conflict("already_delivered"))), "{again:?}");
        shipping::deliver_parcel(&s.app, &workshop, s.order_id, max_parcel).await.unwrap();
        assert_eq!(s.progress().await, OrderProgress::Delivered);
        match &s.notices("parcel_delivered").await[..] {
            [Notice::ParcelDelivered { delivered_at, .. }, Notice::ParcelDelivered { .. }] => {
                assert_eq!(*delivered_at, T0 + 2 * DAY);
            }
            other => panic!("E1: two delivery notices expected, got {other:?}"),
        }
    }
);

both_backends!(
    async fn f4_carrier_event_delivers_once_deduplicated_by_event_id(db) {
        let s = sale(db).await;
        s.ship(&s.lea, "colissimo", "6A12345678901").await.unwrap();
        pepite_store::clock::set(&s.app.db, T0 + 3 * DAY).await.unwrap();
        let at_s = (T0 + DAY) / 1_000_000;
        assert_eq!(s.event("colissimo", "evt-1", "6a12345678901", at_s).await.unwrap(), DeliveryAck::Delivered);
        assert_eq!(s.parcel_of(&s.lea).await.delivered_at, Some(T0 + DAY), "F4: the event's time");
        assert_eq!(s.event("colissimo", "evt-1", "6A12345678901", at_s).await.unwrap(), DeliveryAck::Duplicate);
        assert_eq!(s.event("colissimo", "evt-2", "6A12345678901", at_s).await.unwrap(), DeliveryAck::AlreadyDelivered);
        assert_eq!(s.notices("parcel_delivered").await.len(), 1, "told once");
        // An event claiming a time before dispatch counts from dispatch.
        s.ship(&s.max, "colissimo", "6A12345678902").await.unwrap();
        assert_eq!(s.event("colissimo", "evt-3", "6A12345678902", 0).await.unwrap(), DeliveryAck::Delivered);
        assert_eq!(s.parcel_of(&s.max).await.delivered_at, Some(T0 + 3 * DAY));
        assert_eq!(s.progress().await, OrderProgress::Delivered);
    }
);

both_backends!(
    async fn f4_bad_signature_unknown_parcel_or_carrier_write_nothing(db) {
        let s = sale(db).await;
        s.ship(&s.lea, "colissimo", "6A12345678901").await.unwrap();
        let body = br#"{"id":"evt-9","type":"delivered","tracking":"6A12345678901","occurred_at":1}"#;
        let forged = sign("guessed", T0 / 1_000_000, body);
        for signature in [Some(forged.as_str()), None] {
            let r = shipping::delivery_event(&s.app, "colissimo", signature, body).await;
            match r {
                Err(AppError::Invalid(e)) => assert!(e.for_field("signature").is_some()),
                other => panic!("expected a signature error, got {other:?}"),
            }
        }
        let unknown = s.event("colissimo", "evt-9", "6A99999999999", 1).await;
        assert!(matches!(unknown, Err(AppError::Conflict("unknown_parcel"))), "{unknown:?}");
        let wrong_carrier = s.event("dhl", "evt-9", "6A12345678901", 1).await;
        assert!(matches!(wrong_carrier, Err(AppError::Conflict("unknown_parcel"))), "{wrong_carrier:?}");
        let no_carrier = s.event("nobody", "evt-9", "6A12345678901", 1).await;
        assert!(matches!(no_carrier, Err(AppError::NotFound)), "{no_carrier:?}");
        assert!(s.parcel_of(&s.lea).await.delivered_at.is_none());
        // None of the refusals recorded the event id: the genuine event is still new.
        assert_eq!(s.event("colissimo", "evt-9", "6A12345678901", 1).await.unwrap(), DeliveryAck::Delivered);
        // Without a configured secret, no event is taken at all.
        let closed = app(s.app.db.clone());
        let r = shipping::delivery_event(&closed, "colissimo", Some(&forged), body).await;
        assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
    }
);

both_backends!(
    async fn p3_admins_edit_carriers_and_nobody_else(db) {
        let app = app(db);
        let admin = staff(&app, "admin@x.fr", Role::Admin).await;
        let service = staff(&app, "service@x.fr", Role::CustomerService).await;
        let mut form = CarrierForm::of(&carriers::get(&app, "dpd").await.unwrap());
        form.tracking_format = "[0-9]{14}".into();
        form.active = false;
        let r = carriers::save(&app, &service, "dpd", &form).await;
        assert!(matches!(r, Err(AppError::Forbidden)), "{r:?}");
        carriers::save(&app, &admin, "dpd", &form).await.unwrap();
        let dpd = carriers::get(&app, "dpd").await.unwrap();
        assert_eq!((dpd.tracking_format.as_deref(), dpd.active), (Some("[0-9]{14}"), false));
        // A new carrier, then a refused edit that changes nothing.
        let new = CarrierForm {
            name: "Poste suisse".into(),
            tracking_url: "https://service.post.ch/ekp-web/ui/entry/search/{tracking}".into(),
            countries: "ch".into(),
            tracking_format: String::new(),
            active: true,
        };
        carriers::save(&app, &admin, "swiss_post", &new).await.unwrap();
        assert_eq!(carriers::get(&app, "swiss_post").await.unwrap().countries, "CH");
        let bad = CarrierForm { tracking_url: "https://x.ch/track".into(), ..new.clone() };
        assert!(matches!(carriers::save(&app, &admin, "swiss_post", &bad).await, Err(AppError::Invalid(_))));
        assert!(matches!(carriers::save(&app, &admin, "Bad Code", &new).await, Err(AppError::Invalid(_))));
        assert!(carriers::get(&app, "swiss_post").await.unwrap().tracking_url.contains("{tracking}"));
        assert!(carriers::list(&app).await.unwrap().len() >= 12, "the seeded carriers");
    }
);
