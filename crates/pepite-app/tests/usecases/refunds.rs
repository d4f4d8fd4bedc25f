//! R5 on SQLite and PostgreSQL: refunding some lines of a paid order gives each means of
//! payment back its share (card through the provider, gift cards to their balance), once per
//! cause, never a line twice nor one already payable to its seller (P1), with a credit note
//! of its own unbroken sequence, a balanced ledger (P2) and the buyer's notice (E1).

use crate::shipping::{Sale, sale_with};
use pepite_app::AppError;
use pepite_app::notify::Notice;
use pepite_app::refunds::{self, RefundAsk};
use pepite_store::commerce::{instruments, ledger, orders, payables};
use pepite_testkit::both_backends;

async fn captured(s: &Sale) -> i64 {
    s.app.payments.sandbox().unwrap().captured_cents().await
}

async fn balanced(s: &Sale) {
    assert_eq!(
        ledger::audit(&s.app.db).await.unwrap(),
        (0, 0),
        "P2: the ledger balances"
    );
}

/// The piece of `s`'s order sold by `seller_id`.
async fn piece_of(s: &Sale, seller_id: i64) -> i64 {
    orders::lines(&s.app.db, s.order_id)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.seller_id == seller_id)
        .unwrap()
        .piece_id
}

fn ask<'a>(s: &Sale, pieces: &'a [i64], with_fees: bool, dedupe: &'a str) -> RefundAsk<'a> {
    RefundAsk {
        order_id: s.order_id,
        pieces,
        with_fees,
        deduct_cents: 0,
        reason: "return",
        dedupe,
    }
}

both_backends!(
    async fn r5_refunds_split_over_card_and_gift_card_once_per_cause_with_numbered_credit_notes(db) {
        let s = sale_with(db, Some(5_000)).await;
        let order = orders::by_id(&s.app.db, s.order_id).await.unwrap().unwrap();
        let robe = piece_of(&s, s.lea.seller_id.unwrap()).await;
        let sac = piece_of(&s, s.max.seller_id.unwrap()).await;
        let before = captured(&s).await;

        let first = refunds::refund_lines(&s.app, &ask(&s, &[robe], false, "return:1")).await.unwrap();
        // A change of mind: the piece's price only (no discount here), shipping kept.
        assert_eq!(first.total_cents, 8_500);
        assert_eq!(first.card_cents + first.instruments_cents, 8_500);
        assert!(first.card_cents > 0 && first.instruments_cents > 0, "{first:?}");
        assert!(first.refunded, "the sandbox made the card part");
        assert_eq!(first.credit_note_number, "AV-2026-000001");
        assert_eq!(captured(&s).await, before - first.card_cents);
        let card = instruments::by_code(&s.app.db, s.gift_card.as_deref().unwrap()).await.unwrap().unwrap();
        assert_eq!(card.balance_cents, first.instruments_cents, "R5: back to the gift card");
        balanced(&s).await;

        // The same cause again answers the same refund; nothing moves twice.
        let again = refunds::refund_lines(&s.app, &ask(&s, &[robe], false, "return:1")).await.unwrap();
        assert_eq!(again, first);
        assert_eq!(captured(&s).await, before - first.card_cents);
        // Another cause for the same piece is refused: a line is refunded once.
        let twice = refunds::refund_lines(&s.app, &ask(&s, &[robe], true, "lost:x")).await;
        assert!(matches!(twice, Err(AppError::Conflict("not_refundable"))), "{twice:?}");

        // The last piece with every fee: the order is then refunded to the cent, per means.
        let second = refunds::refund_lines(&s.app, &ask(&s, &[sac], true, "lost:y")).await.unwrap();
        assert_eq!(second.credit_note_number, "AV-2026-000002", "an unbroken sequence");
        let all = refunds::of_order(&s.app, s.order_id).await.unwrap();
        let card_back: i64 = all.iter().map(|r| r.card_cents).sum();
        let gift_back: i64 = all.iter().map(|r| r.instruments_cents).sum();
        assert!(card_back <= order.card_cents && gift_back <= order.instruments_cents);
        assert_eq!(
            card_back + gift_back,
            order.total_cents - order.shipping_cents / 2,
            "everything but the first parcel's shipping (kept for a change of mind)"
        );
        balanced(&s).await;
        let mut told: Vec<(String, usize)> = s
            .notices("refund_made")
            .await
            .into_iter()
            .map(|n| match n {
                Notice::RefundMade { credit_note, lines, .. } => (credit_note, lines.len()),
                other => panic!("{other:?}"),
            })
            .collect();
        told.sort();
        assert_eq!(told, [("AV-2026-000001".into(), 1), ("AV-2026-000002".into(), 1)], "E1");
    }
);

both_backends!(
    async fn p1_a_payable_line_is_never_refunded_and_a_refunded_line_never_payable(db) {
        let s = sale_with(db, None).await;
        let robe = piece_of(&s, s.lea.seller_id.unwrap()).await;
        let sac = piece_of(&s, s.max.seller_id.unwrap()).await;
        let now = s.app.now_us().await.unwrap();
        let mut tx = s.app.db.begin().await.unwrap();
        assert!(payables::release_line(&mut tx, s.order_id, robe, now).await.unwrap());
        assert!(!payables::release_line(&mut tx, s.order_id, robe, now).await.unwrap(), "once");
        tx.commit().await.unwrap();
        let lea = format!("seller:{}:payable", s.lea.seller_id.unwrap());
        assert_eq!(ledger::balance(&s.app.db, &lea).await.unwrap(), -(8_500 - 8_500 * 15 / 100));
        let refused = refunds::refund_lines(&s.app, &ask(&s, &[robe], false, "return:2")).await;
        assert!(matches!(refused, Err(AppError::Conflict("not_refundable"))), "{refused:?}");

        refunds::refund_lines(&s.app, &ask(&s, &[sac], false, "return:3")).await.unwrap();
        let mut tx = s.app.db.begin().await.unwrap();
        assert!(!payables::release_line(&mut tx, s.order_id, sac, now).await.unwrap());
        tx.commit().await.unwrap();
        let max = format!("seller:{}:pending", s.max.seller_id.unwrap());
        assert_eq!(ledger::balance(&s.app.db, &max).await.unwrap(), 0, "the refund took it back");
        balanced(&s).await;
    }
);

both_backends!(
    async fn r5_two_refunds_of_one_cause_at_once_refund_once(db) {
        let s = sale_with(db, None).await;
        let robe = piece_of(&s, s.lea.seller_id.unwrap()).await;
        let before = captured(&s).await;
        let pieces = [robe];
        let once = ask(&s, &pieces, false, "return:9");
        let (a, b) = tokio::join!(
            refunds::refund_lines(&s.app, &once),
            refunds::refund_lines(&s.app, &once),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.refund_id, b.refund_id);
        assert_eq!(captured(&s).await, before - 8_500, "the card got it back once");
        assert_eq!(refunds::of_order(&s.app, s.order_id).await.unwrap().len(), 1);
        balanced(&s).await;
    }
);
