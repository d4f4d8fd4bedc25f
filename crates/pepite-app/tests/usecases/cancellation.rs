//! F5 on SQLite and PostgreSQL: the buyer cancels until the first parcel is dispatched, with
//! a full refund (card through the provider, gift card to its balance, shipping included), the
//! pieces listed again (C3) and the sellers told; after dispatch it is refused; a cancellation
//! racing a dispatch is decided by the order row.

use crate::shipping::{Sale, sale_with};
use pepite_app::AppError;
use pepite_app::cancellation::{self, Cancelled};
use pepite_app::notify::Notice;
use pepite_domain::commerce::OrderProgress;
use pepite_store::commerce::{instruments, ledger, orders, payments};
use pepite_testkit::both_backends;

async fn captured(s: &Sale) -> i64 {
    s.app.payments.sandbox().unwrap().captured_cents().await
}

async fn pieces_state(s: &Sale) -> Vec<String> {
    let mut out = Vec::new();
    for line in orders::lines(&s.app.db, s.order_id).await.unwrap() {
        let piece = pepite_store::catalog::by_id(&s.app.db, line.piece_id)
            .await
            .unwrap()
            .unwrap();
        out.push(piece.state);
    }
    out
}

async fn ledger_balances(s: &Sale) {
    let (total, unbalanced) = ledger::audit(&s.app.db).await.unwrap();
    assert_eq!((total, unbalanced), (0, 0), "P2: the ledger balances");
}

both_backends!(
    async fn f5_cancel_before_dispatch_refunds_everything_and_lists_the_pieces_again(db) {
        let s = sale_with(db, Some(5_000)).await;
        let order = orders::by_id(&s.app.db, s.order_id).await.unwrap().unwrap();
        assert!(order.card_cents > 0 && order.instruments_cents == 5_000, "{order:?}");
        let before = captured(&s).await;
        let done = cancellation::cancel(&s.app, &s.buyer, s.order_id).await.unwrap();
        assert_eq!(
            done,
            Cancelled { card_cents: order.card_cents, gift_cards_cents: 5_000, refunded: true }
        );
        // F5: everything comes back, shipping included: only the gift card's purchase stays taken.
        assert_eq!(captured(&s).await, before - order.card_cents);
        assert_eq!(captured(&s).await, 5_000);
        let card = instruments::by_code(&s.app.db, s.gift_card.as_deref().unwrap()).await.unwrap().unwrap();
        assert_eq!(card.balance_cents, 5_000, "the gift card is whole again");
        assert_eq!(pieces_state(&s).await, ["listed", "listed"], "C3: on sale again");
        assert_eq!(s.progress().await, OrderProgress::Cancelled);
        ledger_balances(&s).await;
        let refunded = payments::of_order(&s.app.db, s.order_id).await.unwrap();
        assert!(refunded.iter().any(|p| p.state == "refunded"), "{refunded:?}");
        // E1: the buyer and both sellers are told.
        match &s.notices("order_cancelled").await[..] {
            [Notice::OrderCancelled { card_cents, gift_cards_cents, lines, .. }] => {
                assert_eq!((*card_cents, *gift_cards_cents, lines.len()), (order.card_cents, 5_000, 2));
            }
            other => panic!("one notice expected, got {other:?}"),
        }
        let all = pepite_store::notifications::list(&s.app.db, None, None, None, 100).await.unwrap();
        let mut sellers: Vec<&str> = all.iter().filter(|n| n.kind == "sale_cancelled").map(|n| n.to_address.as_str()).collect();
        sellers.sort_unstable();
        assert_eq!(sellers, ["lea@x.fr", "max@x.fr"]);

        // A repeat refunds nothing; the seller can no longer ship.
        let again = cancellation::cancel(&s.app, &s.buyer, s.order_id).await;
        assert!(matches!(again, Err(AppError::Conflict("already_cancelled"))), "{again:?}");
        assert_eq!(captured(&s).await, 5_000);
        let ship = s.ship(&s.lea, "colissimo", "6A12345678901").await;
        assert!(matches!(ship, Err(AppError::Conflict("order_cancelled"))), "{ship:?}");
        ledger_balances(&s).await;
    }
);

both_backends!(
    async fn f5_after_the_first_dispatch_cancelling_is_refused(db) {
        let s = sale_with(db, None).await;
        s.ship(&s.max, "colissimo", "6A12345678901").await.unwrap();
        let before = captured(&s).await;
        let r = cancellation::cancel(&s.app, &s.buyer, s.order_id).await;
        assert!(matches!(r, Err(AppError::Conflict("dispatched"))), "{r:?}");
        assert_eq!(captured(&s).await, before, "nothing refunded");
        assert_eq!(pieces_state(&s).await, ["sold", "sold"]);
        assert_eq!(s.progress().await, OrderProgress::PartlyShipped);
        // A4: a seller of the order, or anyone else, cannot cancel it; an unknown id neither.
        for (who, id) in [(&s.lea, s.order_id), (&s.buyer, s.order_id + 1000)] {
            let r = cancellation::cancel(&s.app, who, id).await;
            assert!(matches!(r, Err(AppError::NotFound)), "{r:?}");
        }
        ledger_balances(&s).await;
    }
);

both_backends!(
    async fn f5_cancellation_racing_a_dispatch_one_of_them_wins(db) {
        let s = sale_with(db, None).await;
        let before = captured(&s).await;
        let (cancel, ship) = tokio::join!(
            cancellation::cancel(&s.app, &s.buyer, s.order_id),
            s.ship(&s.lea, "colissimo", "6A12345678901")
        );
        match (&cancel, &ship) {
            (Ok(done), Err(AppError::Conflict("order_cancelled"))) => {
                assert_eq!(captured(&s).await, before - done.card_cents);
                assert!(s.parcel_of(&s.lea).await.shipped_at.is_none());
                assert_eq!(s.progress().await, OrderProgress::Cancelled);
            }
            (Err(AppError::Conflict("dispatched")), Ok(_)) => {
                assert_eq!(captured(&s).await, before, "nothing refunded");
                assert_eq!(pieces_state(&s).await, ["sold", "sold"]);
                assert_eq!(s.progress().await, OrderProgress::PartlyShipped);
            }
            other => panic!("exactly one must win: {other:?}"),
        }
        ledger_balances(&s).await;
    }
);

/// A piece of `s`'s order given up before dispatch (a failed check dropped, a late line
/// cancelled): its share goes back through R5's refund, for the cause `dedupe`.
async fn drop_first_piece(
    s: &Sale,
    dedupe: &str,
) -> Result<pepite_app::refunds::RefundMade, AppError> {
    let line = orders::lines(&s.app.db, s.order_id)
        .await
        .unwrap()
        .remove(0);
    let pieces = [line.piece_id];
    let ask = pepite_app::refunds::RefundAsk {
        order_id: s.order_id,
        pieces: &pieces,
        with_fees: false,
        deduct_cents: 0,
        reason: "qc_drop",
        dedupe,
    };
    pepite_app::refunds::refund_lines(&s.app, &ask).await
}

both_backends!(
    async fn f5_an_order_partly_refunded_is_not_cancelled_for_its_whole_amount(db) {
        // Found by the lifecycle property test: a piece dropped after a failed check, then the
        // order cancelled, gave the dropped piece's share back twice.
        let s = sale_with(db, Some(5_000)).await;
        let before = captured(&s).await;
        let dropped = drop_first_piece(&s, "qc_drop:test").await.unwrap();
        let r = cancellation::cancel(&s.app, &s.buyer, s.order_id).await;
        assert!(matches!(r, Err(AppError::Conflict("partly_refunded"))), "{r:?}");
        assert_eq!(captured(&s).await, before - dropped.card_cents, "refunded once");
        let card = instruments::by_code(&s.app.db, s.gift_card.as_deref().unwrap()).await.unwrap().unwrap();
        assert_eq!(card.balance_cents, dropped.instruments_cents, "the gift card got its share once");
        ledger_balances(&s).await;
    }
);

both_backends!(
    async fn f5_a_cancellation_racing_a_partial_refund_one_of_them_wins(db) {
        let s = sale_with(db, None).await;
        let before = captured(&s).await;
        let order = orders::by_id(&s.app.db, s.order_id).await.unwrap().unwrap();
        let (cancel, dropped) = tokio::join!(
            cancellation::cancel(&s.app, &s.buyer, s.order_id),
            drop_first_piece(&s, "qc_drop:race")
        );
        match (&cancel, &dropped) {
            (Ok(_), Err(AppError::Conflict("not_refundable"))) => {
                assert_eq!(captured(&s).await, before - order.card_cents);
            }
            (Err(AppError::Conflict("partly_refunded")), Ok(made)) => {
                assert_eq!(captured(&s).await, before - made.card_cents);
            }
            other => panic!("exactly one must win: {other:?}"),
        }
        ledger_balances(&s).await;
    }
);
