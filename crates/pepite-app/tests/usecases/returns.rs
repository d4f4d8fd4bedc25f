//! Returns (R1–R6, P1) on SQLite and PostgreSQL, on the manual clock: the window counted from
//! delivery to the second, R2's routing in France and abroad with one and three pieces, a
//! defect claim upheld abroad, receipt and check (refund once, listed again with its alert
//! firing once; or refused with the seller's earning released), and the refusals: twice for
//! one piece, someone else's order, two receipts at once.

use std::sync::Arc;

use crate::support::*;
use pepite_app::accounts::Principal;
use pepite_app::carriers::SandboxCarrier;
use pepite_app::notify::Notice;
use pepite_app::returns::{self, Receipt, ReturnAsk};
use pepite_app::{App, AppError, alerts, carts, checkout, shipping};
use pepite_domain::account::Role;
use pepite_domain::commerce::{OrderProgress, ShippingMode, shipping_charge};
use pepite_domain::policy::Policy;
use pepite_store::commerce::orders as store;
use pepite_store::commerce::returns as returns_store;
use pepite_testkit::both_backends;

/// 20 November 2026, 10:00 in Paris: every parcel of these orders is delivered then.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;
const SECOND: i64 = 1_000_000;
const CARD: &str = "4242424242424242";

/// A delivered order of `n` pieces (400 g each) from two shops, Léa's first, to `country`.
struct Bought {
    app: App,
    lea: Principal,
    max: Principal,
    buyer: Principal,
    /// Customer service and the workshop.
    staff: Principal,
    order_id: i64,
    /// The pieces in the order's line order.
    pieces: Vec<i64>,
}

async fn bought(db: pepite_store::Db, country: &str, n: usize) -> Bought {
    let app = app(db).with_carrier(Arc::new(SandboxCarrier::new(None)));
    pepite_store::clock::set(&app.db, T0).await.unwrap();
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let max = seller(&app, "max@x.fr", "Max Vintage").await;
    let staff = staff(&app, "cs@x.fr", Role::CustomerService).await;
    let buyer = buyers(&app, 1).await.remove(0);
    let cart = carts::CartOwner::User(buyer.user_id);
    for i in 0..n {
        let shop = if i % 2 == 0 { &lea } else { &max };
        let input = piece_input(
            &format!("Pièce {i}"),
            "Sézane",
            "dresses",
            5_000 + 1_000 * i as i64,
        );
        let id = listed(&app, shop, &input).await;
        carts::add(&app, &cart, id).await.unwrap();
    }
    let mut input = checkout_input(CARD, &[]);
    input.delivery = address(country);
    input.billing = address(country);
    let order_id = checkout::place(&app, &buyer, "k", &input)
        .await
        .unwrap()
        .order_id;
    let workshop = staff_with(&app, "atelier@x.fr", Role::Workshop).await;
    for (i, parcel) in store::parcels(&app.db, order_id)
        .await
        .unwrap()
        .iter()
        .enumerate()
    {
        let shop = if parcel.seller_id == lea.seller_id {
            &lea
        } else {
            &max
        };
        let tracking = format!("6A1234567890{i}");
        shipping::ship_parcel(&app, shop, order_id, parcel.parcel, "colissimo", &tracking)
            .await
            .unwrap();
        shipping::deliver_parcel(&app, &workshop, order_id, parcel.parcel)
            .await
            .unwrap();
    }
    let pieces = store::lines(&app.db, order_id)
        .await
        .unwrap()
        .iter()
        .map(|l| l.piece_id)
        .collect();
    Bought {
        app,
        lea,
        max,
        buyer,
        staff,
        order_id,
        pieces,
    }
}

async fn staff_with(app: &App, email: &str, role: Role) -> Principal {
    staff(app, email, role).await
}

fn change_of_mind(pieces: &[i64]) -> ReturnAsk {
    ReturnAsk {
        pieces: pieces.to_vec(),
        reason: "change_of_mind".into(),
        ..ReturnAsk::default()
    }
}

fn passed() -> Receipt {
    Receipt {
        passed: true,
        note: String::new(),
    }
}

impl Bought {
    async fn at(&self, us: i64) {
        pepite_store::clock::set(&self.app.db, us).await.unwrap();
    }

    async fn ask(&self, req: &ReturnAsk) -> Result<returns::ReturnDetail, AppError> {
        let asked = returns::ask(&self.app, &self.buyer, self.order_id, req).await?;
        returns::get(&self.app, &self.buyer, asked.return_id).await
    }

    async fn asked_at(&self, piece: i64) -> Option<i64> {
        returns_store::line_states(&self.app.db, self.order_id)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.piece_id == piece)
            .unwrap()
            .return_asked_at
    }

    async fn captured(&self) -> i64 {
        self.app.payments.sandbox().unwrap().captured_cents().await
    }

    async fn progress(&self) -> OrderProgress {
        store::by_id(&self.app.db, self.order_id)
            .await
            .unwrap()
            .unwrap()
            .progress()
    }

    async fn order(&self) -> store::OrderRow {
        store::by_id(&self.app.db, self.order_id)
            .await
            .unwrap()
            .unwrap()
    }

    async fn notices_of(&self, to: &str, kind: &str) -> usize {
        pepite_store::notifications::list(&self.app.db, None, None, None, 500)
            .await
            .unwrap()
            .iter()
            .filter(|n| n.kind == kind && n.to_address == to)
            .count()
    }

    async fn piece_state(&self, piece: i64) -> String {
        pepite_store::catalog::by_id(&self.app.db, piece)
            .await
            .unwrap()
            .unwrap()
            .state
    }
}

both_backends!(
    async fn r1_a_return_one_second_before_the_window_closes_is_accepted_one_second_after_refused(db) {
        let b = bought(db, "FR", 2).await;
        b.at(T0 + 14 * DAY - SECOND).await;
        let ok = b.ask(&change_of_mind(&b.pieces[..1])).await.unwrap();
        assert_eq!(ok.ret.state, "accepted");
        assert_eq!(b.asked_at(b.pieces[0]).await, Some(T0 + 14 * DAY - SECOND));
        assert_eq!(b.progress().await, OrderProgress::ReturnAsked);

        b.at(T0 + 14 * DAY + SECOND).await;
        let late = b.ask(&change_of_mind(&b.pieces[1..])).await;
        assert!(matches!(late, Err(AppError::Conflict("return_window_closed"))), "{late:?}");
        assert_eq!(b.asked_at(b.pieces[1]).await, None, "nothing written");
        assert_eq!(returns::of_order(&b.app, &b.buyer, b.order_id).await.unwrap().len(), 1);
    }
);

both_backends!(
    async fn r1_twice_for_one_piece_is_refused_and_a_refused_request_writes_nothing(db) {
        let b = bought(db, "FR", 2).await;
        b.ask(&change_of_mind(&b.pieces[..1])).await.unwrap();
        // The second names a new piece and the one already asked: all or nothing.
        let twice = b.ask(&change_of_mind(&[b.pieces[1], b.pieces[0]])).await;
        assert!(matches!(twice, Err(AppError::Conflict("return_already_asked"))), "{twice:?}");
        assert_eq!(b.asked_at(b.pieces[1]).await, None, "the other line is not claimed");
        assert_eq!(returns::of_order(&b.app, &b.buyer, b.order_id).await.unwrap().len(), 1);
        // A piece not of this order, an unknown reason: field errors.
        let bad = ReturnAsk { pieces: vec![999_999], reason: "exchange".into(), ..ReturnAsk::default() };
        match b.ask(&bad).await {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.for_field("pieces").map(|f| f.code), Some("invalid"));
                assert_eq!(e.for_field("reason").map(|f| f.code), Some("unknown_value"));
            }
            other => panic!("{other:?}"),
        }
    }
);

both_backends!(
    async fn a4_a_return_on_someone_elses_order_is_not_found(db) {
        let b = bought(db, "FR", 1).await;
        let other = person(&b.app, "other@x.fr").await;
        let r = returns::ask(&b.app, &other, b.order_id, &change_of_mind(&b.pieces)).await;
        assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
        let seller = returns::ask(&b.app, &b.lea, b.order_id, &change_of_mind(&b.pieces)).await;
        assert!(matches!(seller, Err(AppError::NotFound)), "{seller:?}");
        assert!(matches!(returns::of_order(&b.app, &other, b.order_id).await, Err(AppError::NotFound)));
        assert_eq!(b.asked_at(b.pieces[0]).await, None);
    }
);

both_backends!(
    async fn r2_in_france_one_piece_goes_back_to_its_seller_free_with_a_prepaid_label(db) {
        let b = bought(db, "FR", 1).await;
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        assert!(!d.ret.buyer_pays);
        assert_eq!(d.ret.charge_cents, 0);
        assert_eq!(d.parcels.len(), 1);
        assert_eq!(d.parcels[0].seller_id, b.lea.seller_id);
        assert!(d.parcels[0].tracking.as_deref().is_some_and(|t| t.starts_with("SB")), "{:?}", d.parcels);
        // E1: the buyer is told with the labels, the seller that it is coming.
        assert_eq!(b.notices_of(&b.buyer.email, "return_accepted").await, 1);
        assert_eq!(b.notices_of("lea@x.fr", "return_coming").await, 1);
        assert_eq!(b.notices_of("max@x.fr", "return_coming").await, 0);
    }
);

both_backends!(
    async fn r2_in_france_three_pieces_go_each_to_its_own_seller_each_with_its_label(db) {
        let b = bought(db, "FR", 3).await;
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        assert_eq!(d.ret.charge_cents, 0);
        assert_eq!(d.parcels.len(), 3, "one parcel per piece");
        let mut sellers: Vec<Option<i64>> = d.parcels.iter().map(|p| p.seller_id).collect();
        sellers.sort_unstable();
        let mut expected = vec![b.lea.seller_id, b.lea.seller_id, b.max.seller_id];
        expected.sort_unstable();
        assert_eq!(sellers, expected);
        let mut tracking: Vec<_> = d.parcels.iter().filter_map(|p| p.tracking.clone()).collect();
        tracking.sort_unstable();
        tracking.dedup();
        assert_eq!(tracking.len(), 3, "three distinct labels");
        assert_eq!(b.notices_of("lea@x.fr", "return_coming").await, 1, "one notice per seller");
        assert_eq!(b.notices_of("max@x.fr", "return_coming").await, 1);
    }
);

both_backends!(
    async fn r2_abroad_one_piece_goes_to_its_seller_at_the_buyers_cost(db) {
        let b = bought(db, "DE", 1).await;
        let rate = shipping_charge(&Policy::marketplace().shipping_rates, "DE", 400, ShippingMode::Direct).unwrap();
        let quote = returns::preview(&b.app, &b.buyer, b.order_id, &b.pieces).await.unwrap();
        assert!(quote.buyer_pays);
        assert_eq!(quote.charge_cents, rate, "shown before confirming");
        let changed = ReturnAsk { expected_charge_cents: Some(rate + 1), ..change_of_mind(&b.pieces) };
        assert!(matches!(b.ask(&changed).await, Err(AppError::Conflict("charge_changed"))));
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        assert!(d.ret.buyer_pays);
        assert_eq!((d.ret.charge_cents, d.lines[0].deduct_cents), (rate, rate));
        assert_eq!(d.parcels.len(), 1);
        assert_eq!(d.parcels[0].seller_id, b.lea.seller_id, "a single piece goes to its seller");

        // R5: refunded on receipt, less the return charge (shipping kept for a change of mind).
        let before = b.captured().await;
        returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await.unwrap();
        let price = 5_000;
        assert_eq!(before - b.captured().await, price - rate);
    }
);

both_backends!(
    async fn r2_abroad_three_pieces_travel_together_to_the_workshop_at_the_buyers_cost(db) {
        let b = bought(db, "DE", 3).await;
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        let rate = shipping_charge(&Policy::marketplace().shipping_rates, "DE", 1_200, ShippingMode::Direct).unwrap();
        assert_eq!(d.parcels.len(), 1, "one parcel");
        assert_eq!(d.parcels[0].seller_id, None, "to the workshop");
        assert_eq!(d.parcels[0].weight_g, 1_200);
        assert_eq!(d.ret.charge_cents, rate);
        assert_eq!(d.lines.iter().map(|l| l.deduct_cents).sum::<i64>(), rate, "shared over the pieces");
        // Sellers receive nothing: the workshop does, and staff record it.
        assert_eq!(b.notices_of("lea@x.fr", "return_coming").await, 0);
        let r = returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await;
        assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
        let workshop = staff_with(&b.app, "w2@x.fr", Role::Workshop).await;
        returns::receive(&b.app, &workshop, d.ret.id, b.pieces[0], &passed()).await.unwrap();
    }
);

both_backends!(
    async fn r4_a_defect_upheld_abroad_is_returned_free_and_everything_paid_is_refunded(db) {
        let b = bought(db, "DE", 1).await;
        let total = b.order().await.total_cents;
        let claim = ReturnAsk {
            pieces: b.pieces.clone(),
            reason: "defective".into(),
            note: "Une tache sur le devant".into(),
            photos: vec![png()],
            expected_charge_cents: None,
        };
        let without_photos = ReturnAsk { photos: vec![], ..claim.clone() };
        assert!(matches!(b.ask(&without_photos).await, Err(AppError::Invalid(_))));
        let d = b.ask(&claim).await.unwrap();
        assert_eq!(d.ret.state, "claimed");
        assert_eq!(d.photos.len(), 1);
        assert!(d.parcels.iter().all(|p| p.tracking.is_none()), "no label before staff decide");
        let early = returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await;
        assert!(matches!(early, Err(AppError::Conflict("not_expected"))), "{early:?}");
        // Only customer service decide.
        assert!(matches!(returns::decide(&b.app, &b.lea, d.ret.id, true).await, Err(AppError::Forbidden)));
        returns::decide(&b.app, &b.staff, d.ret.id, true).await.unwrap();
        let again = returns::decide(&b.app, &b.staff, d.ret.id, false).await;
        assert!(matches!(again, Err(AppError::Conflict("already_decided"))));
        let d = returns::get(&b.app, &b.buyer, d.ret.id).await.unwrap();
        assert_eq!((d.ret.state.as_str(), d.ret.buyer_pays, d.ret.charge_cents), ("accepted", false, 0));
        assert_eq!(d.lines[0].deduct_cents, 0);
        assert!(d.parcels[0].tracking.is_some(), "labels once upheld");

        let before = b.captured().await;
        returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await.unwrap();
        assert_eq!(before - b.captured().await, total, "R4: everything, shipping included");
        assert_eq!(b.progress().await, OrderProgress::Refunded);
    }
);

both_backends!(
    async fn r6_a_passed_piece_is_refunded_once_listed_again_and_its_alert_fires_once(db) {
        let b = bought(db, "FR", 1).await;
        let fan = person(&b.app, "fan@x.fr").await;
        alerts::set(&b.app, &fan, b.pieces[0]).await.unwrap();
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        let before = b.captured().await;
        returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await.unwrap();
        assert_eq!(before - b.captured().await, 5_000, "the piece's price, shipping kept");
        assert_eq!(b.piece_state(b.pieces[0]).await, "listed", "C3: on sale again");
        assert_eq!(b.notices_of(&fan.email, "alert_fired").await, 1, "L1: told once");
        let again = returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await;
        assert!(matches!(again, Err(AppError::Conflict("already_received"))), "{again:?}");
        assert_eq!(before - b.captured().await, 5_000, "refunded once");
        assert_eq!(b.notices_of(&fan.email, "alert_fired").await, 1);
        let d = returns::get(&b.app, &b.buyer, d.ret.id).await.unwrap();
        assert_eq!(d.ret.state, "closed");
        assert!(d.lines[0].refund_id.is_some());
        assert_eq!(b.progress().await, OrderProgress::Refunded);
    }
);

both_backends!(
    async fn r5_two_receipt_submissions_at_once_refund_once(db) {
        let b = bought(db, "FR", 1).await;
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        let before = b.captured().await;
        let ok = passed();
        let (one, two) = tokio::join!(
            returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &ok),
            returns::receive(&b.app, &b.staff, d.ret.id, b.pieces[0], &ok)
        );
        match (&one, &two) {
            (Ok(()), Err(AppError::Conflict("already_received")))
            | (Err(AppError::Conflict("already_received")), Ok(())) => {}
            other => panic!("exactly one must record it: {other:?}"),
        }
        assert_eq!(before - b.captured().await, 5_000, "refunded once");
    }
);

both_backends!(
    async fn p1_a_piece_failing_its_check_is_refused_and_its_earning_released(db) {
        let b = bought(db, "FR", 1).await;
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        let no_note = Receipt { passed: false, note: " ".into() };
        assert!(matches!(
            returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &no_note).await,
            Err(AppError::Invalid(_))
        ));
        let before = b.captured().await;
        let failed = Receipt { passed: false, note: "Trou sur la manche".into() };
        returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &failed).await.unwrap();
        assert_eq!(b.captured().await, before, "nothing refunded");
        assert_eq!(b.piece_state(b.pieces[0]).await, "sold");
        let states = returns_store::line_states(&b.app.db, b.order_id).await.unwrap();
        assert!(states[0].payable_at.is_some(), "P1: the seller's earning is released");
        assert_eq!(b.notices_of(&b.buyer.email, "return_refused").await, 1);
        let list = pepite_store::notifications::list(&b.app.db, Some(b.buyer.user_id), None, None, 50)
            .await
            .unwrap();
        let refused = list.iter().find(|n| n.kind == "return_refused").unwrap();
        match Notice::from_json(&refused.params).unwrap() {
            Notice::ReturnRefused { note, .. } => assert_eq!(note, "Trou sur la manche"),
            other => panic!("{other:?}"),
        }
    }
);

both_backends!(
    async fn r1_a_withdrawn_return_frees_the_piece_until_the_window_closes(db) {
        let b = bought(db, "FR", 1).await;
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        let other = person(&b.app, "other@x.fr").await;
        assert!(matches!(returns::withdraw(&b.app, &other, d.ret.id).await, Err(AppError::NotFound)));
        returns::withdraw(&b.app, &b.buyer, d.ret.id).await.unwrap();
        assert_eq!(b.asked_at(b.pieces[0]).await, None);
        assert_eq!(b.progress().await, OrderProgress::Delivered);
        // Asked again within the window, received, it cannot be withdrawn any more.
        let d = b.ask(&change_of_mind(&b.pieces)).await.unwrap();
        returns::receive(&b.app, &b.lea, d.ret.id, b.pieces[0], &passed()).await.unwrap();
        let late = returns::withdraw(&b.app, &b.buyer, d.ret.id).await;
        assert!(matches!(late, Err(AppError::Conflict("not_withdrawable"))), "{late:?}");
    }
);
