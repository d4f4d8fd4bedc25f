//! The workshop (F2, F6, late pieces) and lost parcels (F7) on SQLite and PostgreSQL, on the
//! manual clock: a grouped order's pieces sent by their sellers, received, checked, packed
//! under a sandbox label and shipped; a failed piece dropped or kept by its buyer, or dropped
//! by the delay; a late piece reminded then cancelled; a lost parcel refunded or resent; and
//! the races a bench with a scanner makes (a double scan, two packers).

use std::sync::Arc;

use crate::support::*;
use pepite_app::accounts::Principal;
use pepite_app::carriers::SandboxCarrier;
use pepite_app::lost_parcels::{self, Decision};
use pepite_app::notify::Notice;
use pepite_app::workshop::{self, Check};
use pepite_app::{App, AppError, carts, checkout};
use pepite_domain::account::Role;
use pepite_domain::commerce::{OrderProgress, ShippingMode};
use pepite_store::commerce::orders as store;
use pepite_store::commerce::refunds;
use pepite_testkit::both_backends;

/// 20 November 2026, 10:00 in Paris.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;
const SECOND: i64 = 1_000_000;
const CARD: &str = "4242424242424242";

/// A grouped order paid by `buyer`: a dress from Léa's shop, a bag from Max's.
struct Grouped {
    app: App,
    lea: Principal,
    max: Principal,
    buyer: Principal,
    bench: Principal,
    order_id: i64,
    robe: i64,
    sac: i64,
}

async fn grouped(db: pepite_store::Db) -> Grouped {
    let app = app(db).with_carrier(Arc::new(SandboxCarrier::new(None)));
    pepite_store::clock::set(&app.db, T0).await.unwrap();
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let max = seller(&app, "max@x.fr", "Max Vintage").await;
    let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_500)).await;
    let sac = listed(&app, &max, &piece_input("Sac", "Longchamp", "bags", 6_000)).await;
    let buyer = buyers(&app, 1).await.remove(0);
    let bench = staff(&app, "atelier@x.fr", Role::Workshop).await;
    let cart = carts::CartOwner::User(buyer.user_id);
    carts::add(&app, &cart, robe).await.unwrap();
    carts::add(&app, &cart, sac).await.unwrap();
    let mut input = checkout_input(CARD, &[]);
    input.mode = ShippingMode::Grouped;
    let out = checkout::place(&app, &buyer, "k", &input).await.unwrap();
    Grouped {
        app,
        lea,
        max,
        buyer,
        bench,
        order_id: out.order_id,
        robe,
        sac,
    }
}

impl Grouped {
    async fn set_clock(&self, at: i64) {
        pepite_store::clock::set(&self.app.db, at).await.unwrap();
    }

    async fn arrive(&self, piece: i64) -> Result<workshop::Bench, AppError> {
        workshop::arrive(&self.app, &self.bench, self.order_id, piece).await
    }

    async fn pass(&self, piece: i64) -> Result<workshop::Bench, AppError> {
        let check = Check {
            passed: true,
            ..Check::default()
        };
        workshop::check(&self.app, &self.bench, self.order_id, piece, check).await
    }

    async fn fail(&self, piece: i64) -> Result<workshop::Bench, AppError> {
        let check = Check {
            passed: false,
            note: "Tache sur le devant".into(),
            photos: vec![png()],
        };
        workshop::check(&self.app, &self.bench, self.order_id, piece, check).await
    }

    async fn pack(&self) -> Result<workshop::Bench, AppError> {
        workshop::pack(&self.app, &self.bench, self.order_id, "colissimo").await
    }

    async fn ship(&self) -> Result<workshop::Bench, AppError> {
        workshop::ship(&self.app, &self.bench, self.order_id).await
    }

    /// Both pieces received and passed.
    async fn all_passed(&self) {
        for piece in [self.robe, self.sac] {
            self.arrive(piece).await.unwrap();
            self.pass(piece).await.unwrap();
        }
    }

    async fn line(&self, piece: i64) -> workshop::WorkshopLine {
        let bench = workshop::bench(&self.app, &self.bench, self.order_id)
            .await
            .unwrap();
        bench
            .lines
            .into_iter()
            .find(|l| l.piece_id == piece)
            .unwrap()
    }

    /// The notices of `kind` one person received.
    async fn notices(&self, who: &Principal, kind: &str) -> Vec<Notice> {
        pepite_store::notifications::list(&self.app.db, Some(who.user_id), None, None, 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == kind)
            .map(|n| Notice::from_json(&n.params).unwrap())
            .collect()
    }

    async fn progress(&self) -> OrderProgress {
        store::by_id(&self.app.db, self.order_id)
            .await
            .unwrap()
            .unwrap()
            .progress()
    }

    async fn piece_state(&self, piece: i64) -> String {
        pepite_store::catalog::by_id(&self.app.db, piece)
            .await
            .unwrap()
            .unwrap()
            .state
    }
}

fn conflict<T: std::fmt::Debug>(r: Result<T, AppError>) -> &'static str {
    match r {
        Err(AppError::Conflict(code)) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

both_backends!(
    async fn f2_grouped_order_received_checked_packed_and_shipped(db) {
        let g = grouped(db).await;
        // F2: the sellers send their pieces to the workshop, with or without a tracking number.
        let sent = workshop::mark_sent(&g.app, &g.lea, g.order_id, g.robe, "colissimo", "6A 1234 5678 901")
            .await
            .unwrap();
        assert_eq!(sent.sent_tracking.as_deref(), Some("6A12345678901"));
        workshop::mark_sent(&g.app, &g.max, g.order_id, g.sac, "", "").await.unwrap();
        let again = workshop::mark_sent(&g.app, &g.max, g.order_id, g.sac, "", "").await;
        assert_eq!(conflict(again), "already_sent");
        // A4: a seller marks only their own piece.
        let other = workshop::mark_sent(&g.app, &g.max, g.order_id, g.robe, "", "").await;
        assert!(matches!(other, Err(AppError::NotFound)), "{other:?}");

        // The station lists the order, oldest first, with both pieces expected.
        let queue = workshop::queue(&g.app, &g.bench).await.unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].lines.len(), 2);
        assert!(!queue[0].ready());
        // The scanner reads an order number, a piece id, or the seller's tracking number.
        let number = queue[0].number.clone();
        let by_number = workshop::scan(&g.app, &g.bench, &number).await.unwrap();
        assert_eq!((by_number.order_id, by_number.piece_id), (g.order_id, None));
        let by_piece = workshop::scan(&g.app, &g.bench, &g.sac.to_string()).await.unwrap();
        assert_eq!(by_piece.piece_id, Some(g.sac));
        let by_tracking = workshop::scan(&g.app, &g.bench, "6a12345678901").await.unwrap();
        assert_eq!(by_tracking.piece_id, Some(g.robe));
        assert!(matches!(workshop::scan(&g.app, &g.bench, "nothing").await, Err(AppError::Invalid(_))));
        // A buyer is no workshop.
        assert!(matches!(workshop::queue(&g.app, &g.buyer).await, Err(AppError::Forbidden)));

        g.set_clock(T0 + 2 * DAY).await;
        let passed_before_arrival = g.pass(g.robe).await;
        assert_eq!(conflict(passed_before_arrival), "not_arrived");
        g.all_passed().await;
        assert_eq!(conflict(g.pass(g.robe).await), "already_checked");
        let packed = g.pack().await.unwrap();
        let parcel = packed.parcel.clone().unwrap();
        let tracking = parcel.tracking.clone().unwrap();
        assert!(tracking.starts_with("SB"), "the sandbox's label: {tracking}");
        assert_eq!(parcel.shipped_at, None, "packed, not yet handed over");
        assert_eq!(g.progress().await, OrderProgress::Paid);

        let shipped = g.ship().await.unwrap();
        assert_eq!(shipped.parcel.unwrap().shipped_at, Some(T0 + 2 * DAY));
        assert_eq!(g.progress().await, OrderProgress::Shipped);
        // F3: the buyer is told with the tracking number and the carrier's link.
        match &g.notices(&g.buyer, "parcel_shipped").await[..] {
            [Notice::ParcelShipped { tracking: t, tracking_link, lines, .. }] => {
                assert_eq!(t, &tracking);
                assert!(tracking_link.ends_with(&tracking), "{tracking_link}");
                assert_eq!(lines.len(), 2);
            }
            other => panic!("F3: one notice expected, got {other:?}"),
        }
        // F5: shipping was the order's dispatch: the buyer can no longer cancel.
        let cancel = pepite_app::cancellation::cancel(&g.app, &g.buyer, g.order_id).await;
        assert_eq!(conflict(cancel), "dispatched");
        assert!(workshop::queue(&g.app, &g.bench).await.unwrap().is_empty(), "off the station");
    }
);

both_backends!(
    async fn f2_cannot_pack_while_a_piece_is_unchecked_or_failed_and_undecided(db) {
        let g = grouped(db).await;
        assert_eq!(conflict(g.pack().await), "not_ready");
        g.arrive(g.robe).await.unwrap();
        g.arrive(g.sac).await.unwrap();
        g.pass(g.robe).await.unwrap();
        assert_eq!(conflict(g.pack().await), "not_ready", "the bag is unchecked");
        // A failed check needs a note.
        let bare = Check { passed: false, ..Check::default() };
        match workshop::check(&g.app, &g.bench, g.order_id, g.sac, bare).await {
            Err(AppError::Invalid(e)) => assert_eq!(e.for_field("note").map(|f| f.code), Some("required")),
            other => panic!("expected a field error, got {other:?}"),
        }
        g.fail(g.sac).await.unwrap();
        assert_eq!(conflict(g.pack().await), "not_ready", "failed and undecided");
        assert_eq!(conflict(g.ship().await), "not_packed");
        // F6: the buyer was asked, with the note and the deadline.
        match &g.notices(&g.buyer, "piece_check_failed").await[..] {
            [Notice::PieceCheckFailed { note, choose_by, title, .. }] => {
                assert_eq!(note, "Tache sur le devant");
                assert_eq!(*choose_by, T0 + 3 * DAY, "qc_choice_days after the check");
                assert_eq!(title, "Sac");
            }
            other => panic!("F6: one notice expected, got {other:?}"),
        }
        let photos = pepite_store::commerce::workshop::check_photos(&g.app.db, g.order_id, g.sac).await.unwrap();
        assert_eq!(photos.len(), 1, "the check's photo is kept");
        workshop::choose(&g.app, &g.buyer, g.order_id, g.sac, true).await.unwrap();
        g.pack().await.unwrap();
        g.ship().await.unwrap();
        assert_eq!(g.progress().await, OrderProgress::Shipped);
    }
);

both_backends!(
    async fn f2_two_arrivals_of_one_piece_are_recorded_once(db) {
        let g = grouped(db).await;
        let (a, b) = tokio::join!(g.arrive(g.robe), g.arrive(g.robe));
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
        let loser = if a.is_ok() { b } else { a };
        assert_eq!(conflict(loser), "already_arrived");
        let arrivals = store::events(&g.app.db, g.order_id).await.unwrap();
        assert_eq!(arrivals.iter().filter(|e| e.kind == "piece_arrived").count(), 1);
    }
);

both_backends!(
    async fn f2_pack_twice_at_once_ships_once(db) {
        let g = grouped(db).await;
        g.all_passed().await;
        let (a, b) = tokio::join!(g.pack(), g.pack());
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
        assert_eq!(conflict(if a.is_ok() { b } else { a }), "already_packed");
        let (a, b) = tokio::join!(g.ship(), g.ship());
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
        assert_eq!(conflict(if a.is_ok() { b } else { a }), "already_shipped");
        assert_eq!(g.notices(&g.buyer, "parcel_shipped").await.len(), 1, "told once");
    }
);

both_backends!(
    async fn f5_a_cancelled_grouped_order_is_neither_received_nor_shipped(db) {
        let g = grouped(db).await;
        g.all_passed().await;
        g.pack().await.unwrap();
        pepite_app::cancellation::cancel(&g.app, &g.buyer, g.order_id).await.unwrap();
        assert_eq!(conflict(g.ship().await), "order_cancelled");
        assert_eq!(g.notices(&g.buyer, "parcel_shipped").await.len(), 0);
    }
);

both_backends!(
    async fn f6_no_answer_drops_the_piece_after_the_delay_once(db) {
        let g = grouped(db).await;
        g.all_passed_but_sac().await;
        g.fail(g.sac).await.unwrap();
        g.set_clock(T0 + 3 * DAY - SECOND).await;
        assert_eq!(workshop::run_timers(&g.app).await.unwrap(), 0, "not yet");
        g.set_clock(T0 + 3 * DAY).await;
        // Two instances run the timer at once: the piece is dropped once.
        let (a, b) = tokio::join!(workshop::run_timers(&g.app), workshop::run_timers(&g.app));
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        let line = g.line(g.sac).await;
        assert_eq!(line.choice.as_deref(), Some("drop"));
        assert_eq!(line.withdrawn_reason.as_deref(), Some("qc_drop"));
        assert_eq!(g.piece_state(g.sac).await, "withdrawn", "back to its seller, off sale");
        assert_eq!(g.notices(&g.buyer, "order_line_withdrawn").await.len(), 1);
        assert_eq!(g.notices(&g.max, "sale_line_withdrawn").await.len(), 1);
        // Too late to choose now.
        let late = workshop::choose(&g.app, &g.buyer, g.order_id, g.sac, true).await;
        assert_eq!(conflict(late), "not_awaiting_choice");
        // The dress travels alone.
        g.pack().await.unwrap();
        let shipped = g.ship().await.unwrap();
        assert_eq!(shipped.lines.iter().filter(|l| l.withdrawn_at.is_none()).count(), 1);
    }
);

both_backends!(
    async fn f6_only_the_buyer_chooses(db) {
        let g = grouped(db).await;
        g.all_passed_but_sac().await;
        g.fail(g.sac).await.unwrap();
        let stranger = person(&g.app, "autre@x.fr").await;
        let r = workshop::choose(&g.app, &stranger, g.order_id, g.sac, true).await;
        assert!(matches!(r, Err(AppError::NotFound)), "A4: {r:?}");
        let r = workshop::choose(&g.app, &g.buyer, g.order_id, g.robe, true).await;
        assert_eq!(conflict(r), "not_awaiting_choice", "the dress passed");
    }
);

both_backends!(
    async fn late_piece_reminded_once_a_day_then_its_line_cancelled(db) {
        let g = grouped(db).await;
        g.arrive(g.robe).await.unwrap();
        let early = workshop::remind_seller(&g.app, &g.bench, g.order_id, g.sac).await;
        assert_eq!(conflict(early), "not_late");
        assert!(workshop::late_pieces(&g.app, &g.bench).await.unwrap().is_empty());
        g.set_clock(T0 + 5 * DAY).await;
        let late = workshop::late_pieces(&g.app, &g.bench).await.unwrap();
        assert_eq!(late.iter().map(|l| l.piece_id).collect::<Vec<_>>(), vec![g.sac], "the dress arrived");
        let cancel = workshop::cancel_late_line(&g.app, &g.bench, g.order_id, g.sac).await;
        assert_eq!(conflict(cancel), "not_reminded");
        workshop::remind_seller(&g.app, &g.bench, g.order_id, g.sac).await.unwrap();
        let twice = workshop::remind_seller(&g.app, &g.bench, g.order_id, g.sac).await;
        assert_eq!(conflict(twice), "already_reminded");
        assert_eq!(g.notices(&g.max, "workshop_reminder").await.len(), 1);
        g.set_clock(T0 + 6 * DAY).await;
        workshop::remind_seller(&g.app, &g.bench, g.order_id, g.sac).await.unwrap();
        assert_eq!(g.notices(&g.max, "workshop_reminder").await.len(), 2, "a new day");
        workshop::cancel_late_line(&g.app, &g.bench, g.order_id, g.sac).await.unwrap();
        let line = g.line(g.sac).await;
        assert_eq!(line.withdrawn_reason.as_deref(), Some("late"));
        assert_eq!(g.piece_state(g.sac).await, "withdrawn");
        assert_eq!(g.notices(&g.buyer, "order_line_withdrawn").await.len(), 1);
        assert_eq!(g.notices(&g.max, "sale_line_withdrawn").await.len(), 1);
        // An arrival after the cancellation is refused.
        assert_eq!(conflict(g.arrive(g.sac).await), "not_expected");
        assert!(workshop::late_pieces(&g.app, &g.bench).await.unwrap().is_empty());
    }
);

both_backends!(
    async fn f6_drop_refunds_the_share_without_fees_and_tells_the_seller(db) {
        let g = grouped(db).await;
        g.all_passed_but_sac().await;
        g.fail(g.sac).await.unwrap();
        workshop::choose(&g.app, &g.buyer, g.order_id, g.sac, false).await.unwrap();
        let dedupe = format!("qc_drop:{}:{}", g.order_id, g.sac);
        let refund = refunds::by_dedupe(&g.app.db, &dedupe).await.unwrap().expect("F6: refunded");
        assert!(refund.goods_cents > 0 && refund.goods_cents <= 6_000, "{refund:?}");
        assert_eq!((refund.shipping_cents, refund.fees_cents), (0, 0), "fees kept: {refund:?}");
        assert_eq!(g.piece_state(g.sac).await, "withdrawn");
        assert_eq!(g.notices(&g.max, "sale_line_withdrawn").await.len(), 1, "the seller is told");
        // The dress is not refunded and still travels.
        assert!(g.released(g.robe).await, "its earning still waits for its window");
        // The timer finds nothing owed, and drops nothing more.
        g.set_clock(T0 + 10 * DAY).await;
        assert_eq!(workshop::run_timers(&g.app).await.unwrap(), 0);
        assert_eq!(refunds::of_order(&g.app.db, g.order_id).await.unwrap().len(), 1);
    }
);

both_backends!(
    async fn f6_p1_keep_makes_the_sellers_earning_payable_at_once(db) {
        let g = grouped(db).await;
        g.all_passed_but_sac().await;
        g.fail(g.sac).await.unwrap();
        let kept = workshop::choose(&g.app, &g.buyer, g.order_id, g.sac, true).await.unwrap();
        assert_eq!(kept.choice.as_deref(), Some("keep"));
        assert!(!g.released(g.sac).await, "P1: payable at once (a second release finds it done)");
        assert!(refunds::of_order(&g.app.db, g.order_id).await.unwrap().is_empty());
        let twice = workshop::choose(&g.app, &g.buyer, g.order_id, g.sac, false).await;
        assert_eq!(conflict(twice), "not_awaiting_choice");
    }
);

both_backends!(
    async fn f6_no_answer_drops_and_refunds_after_the_delay(db) {
        let g = grouped(db).await;
        g.all_passed_but_sac().await;
        g.fail(g.sac).await.unwrap();
        g.set_clock(T0 + 3 * DAY).await;
        workshop::run_timers(&g.app).await.unwrap();
        let dedupe = format!("qc_drop:{}:{}", g.order_id, g.sac);
        assert!(refunds::by_dedupe(&g.app.db, &dedupe).await.unwrap().is_some());
    }
);

both_backends!(
    async fn late_line_cancelled_is_refunded_with_its_fees(db) {
        let g = grouped(db).await;
        g.set_clock(T0 + 5 * DAY).await;
        workshop::remind_seller(&g.app, &g.bench, g.order_id, g.sac).await.unwrap();
        workshop::cancel_late_line(&g.app, &g.bench, g.order_id, g.sac).await.unwrap();
        let dedupe = format!("late:{}:{}", g.order_id, g.sac);
        let refund = refunds::by_dedupe(&g.app.db, &dedupe).await.unwrap().expect("refunded");
        assert!(refund.fees_cents > 0 && refund.shipping_cents > 0, "its QC fee and shipping shares: {refund:?}");
    }
);

both_backends!(
    async fn f7_lost_parcel_is_refunded_with_shipping_and_fees(db) {
        let g = grouped(db).await;
        let parcel = shipped(&g).await;
        lost_parcels::report(&g.app, &g.buyer, g.order_id, parcel, "refused", "").await.unwrap();
        let cs = staff(&g.app, "sav@x.fr", Role::CustomerService).await;
        let r = lost_parcels::decide(&g.app, &cs, g.order_id, parcel, &Decision::Refund).await.unwrap();
        assert_eq!(r.decision.as_deref(), Some("refund"));
        let dedupe = format!("lost:{}:{parcel}", g.order_id);
        let refund = refunds::by_dedupe(&g.app.db, &dedupe).await.unwrap().expect("F7: refunded");
        let order = store::by_id(&g.app.db, g.order_id).await.unwrap().unwrap();
        assert_eq!(refund.total_cents, order.total_cents, "nothing arrived: everything back");
        assert_eq!(g.notices(&g.buyer, "parcel_report_decided").await.len(), 1);
        assert_eq!(g.notices(&g.lea, "parcel_report_decided").await.len(), 1);
        assert_eq!(g.notices(&g.max, "parcel_report_decided").await.len(), 1);
        // The timer finds nothing more to refund.
        workshop::run_timers(&g.app).await.unwrap();
        assert_eq!(refunds::of_order(&g.app.db, g.order_id).await.unwrap().len(), 1);
    }
);

/// The grouped order packed and shipped, both pieces passed; returns the parcel number.
async fn shipped(g: &Grouped) -> i64 {
    g.all_passed().await;
    g.pack().await.unwrap();
    g.ship().await.unwrap().parcel.unwrap().parcel
}

both_backends!(
    async fn f7_found_parcel_is_resent_with_a_new_tracking_number(db) {
        let g = grouped(db).await;
        let early = lost_parcels::report(&g.app, &g.buyer, g.order_id, 1, "lost", "").await;
        assert_eq!(conflict(early), "not_in_transit");
        let parcel = shipped(&g).await;
        let stranger = person(&g.app, "autre@x.fr").await;
        let theirs = lost_parcels::report(&g.app, &stranger, g.order_id, parcel, "lost", "").await;
        assert!(matches!(theirs, Err(AppError::NotFound)), "A4: {theirs:?}");
        g.set_clock(T0 + 10 * DAY).await;
        lost_parcels::report(&g.app, &g.buyer, g.order_id, parcel, "lost", "Rien reçu").await.unwrap();
        let twice = lost_parcels::report(&g.app, &g.buyer, g.order_id, parcel, "refused", "").await;
        assert_eq!(conflict(twice), "already_reported");
        let cs = staff(&g.app, "sav@x.fr", Role::CustomerService).await;
        assert_eq!(lost_parcels::open(&g.app, &cs).await.unwrap().len(), 1);
        let resend = Decision::Resend { carrier: "colissimo".into(), tracking: "6A98765432101".into() };
        let r = lost_parcels::decide(&g.app, &cs, g.order_id, parcel, &resend).await.unwrap();
        assert_eq!(r.decision.as_deref(), Some("resend"));
        assert_eq!(r.tracking.as_deref(), Some("6A98765432101"));
        let again = lost_parcels::decide(&g.app, &cs, g.order_id, parcel, &Decision::Refund).await;
        assert_eq!(conflict(again), "already_decided");
        // F3: the buyer is told with the new number; the sellers are told too.
        let shipped_notices = g.notices(&g.buyer, "parcel_shipped").await;
        assert_eq!(shipped_notices.len(), 2);
        assert!(matches!(&shipped_notices[0], Notice::ParcelShipped { tracking, .. } if tracking == "6A98765432101"));
        assert_eq!(g.notices(&g.lea, "parcel_report_decided").await.len(), 1);
        assert!(lost_parcels::open(&g.app, &cs).await.unwrap().is_empty());
    }
);

impl Grouped {
    /// Whether releasing the line's earning now does it (false: already payable or refunded).
    /// Rolled back: the probe changes nothing.
    async fn released(&self, piece: i64) -> bool {
        let mut tx = self.app.db.begin().await.unwrap();
        let done =
            pepite_store::commerce::payables::release_line(&mut tx, self.order_id, piece, T0)
                .await
                .unwrap();
        drop(tx);
        done
    }

    /// The dress received and passed; the bag received, unchecked.
    async fn all_passed_but_sac(&self) {
        self.arrive(self.robe).await.unwrap();
        self.pass(self.robe).await.unwrap();
        self.arrive(self.sac).await.unwrap();
    }
}
