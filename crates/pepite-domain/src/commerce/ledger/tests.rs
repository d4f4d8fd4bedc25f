//! Examples of P2: account keys, balanced journals, an order paid and gift cards' life.

use super::*;
use crate::commerce::{ShippingMode, quote};
use crate::policy::Policy;

fn line(piece_id: i64, seller_id: i64, price_cents: i64) -> QuoteLine {
    QuoteLine {
        piece_id,
        seller_id,
        price_cents,
        weight_g: 400,
        brand: "Lanvin".into(),
        category: "dresses".into(),
    }
}

#[test]
fn p2_account_keys_round_trip() {
    let all = [
        (Account::PspClearing, "psp:clearing"),
        (Account::GiftCard(42), "gift_card:42"),
        (Account::SellerPending(7), "seller:7:pending"),
        (Account::SellerPayable(7), "seller:7:payable"),
        (Account::Commission, "revenue:commission"),
        (Account::ShippingIncome, "revenue:shipping"),
        (Account::QcFees, "revenue:qc_fees"),
        (Account::Discounts, "expense:discounts"),
        (Account::Refunds, "expense:refunds"),
        (Account::OrderHold(9), "hold:order:9"),
        (Account::UnsoldCharge(Unsold::Order(9)), "unsold:order:9"),
        (
            Account::UnsoldCharge(Unsold::GiftCard(9)),
            "unsold:gift_card:9",
        ),
    ];
    for (account, key) in all {
        assert_eq!(account.key(), key);
        assert_eq!(Account::parse(key), Some(account));
    }
    assert_eq!(Account::parse("gift_card:+4"), None);
    assert_eq!(Account::parse("gift_card:x"), None);
    assert_eq!(Account::parse("seller:7"), None);
}

#[test]
fn p2_a_journal_must_balance_and_records_no_zero_entry() {
    let j = Journal::new(
        "test",
        vec![
            (Account::PspClearing, 500),
            (Account::QcFees, 0),
            (Account::Commission, -500),
        ],
    )
    .unwrap();
    assert_eq!(j.entries.len(), 2);
    let err = Journal::new("test", vec![(Account::PspClearing, 500)]).unwrap_err();
    assert_eq!(err.0, 500);
}

#[test]
fn p1_an_order_paid_credits_each_seller_its_price_less_commission() {
    let lines = [line(1, 7, 3_000), line(2, 8, 5_000), line(3, 7, 4_000)];
    let q = quote(
        &Policy::marketplace(),
        &lines,
        "FR",
        ShippingMode::Direct,
        1_000,
    )
    .unwrap();
    assert_eq!(q.total_cents, 11_630);
    let j = order_paid_journal(&OrderPayment {
        order_id: 9,
        lines: &lines,
        quote: &q,
        card_cents: 9_630,
        instruments: &[(42, 2_000)],
        commission_bps: 1_500,
    });
    assert_eq!(j.kind, "order_paid");
    assert_eq!(
        j.entries,
        vec![
            (Account::PspClearing, 9_630),
            (Account::OrderHold(9), 2_000),
            (Account::Discounts, 1_550),
            (Account::SellerPending(7), -5_950),
            (Account::SellerPending(8), -4_250),
            (Account::Commission, -1_800),
            (Account::ShippingIncome, -1_180),
        ]
    );
}

#[test]
fn f5_a_cancellation_reverses_the_sale_and_gives_gift_cards_back() {
    let lines = [line(1, 7, 3_000), line(2, 8, 5_000)];
    let q = quote(
        &Policy::marketplace(),
        &lines,
        "FR",
        ShippingMode::Direct,
        0,
    )
    .unwrap();
    let payment = OrderPayment {
        order_id: 9,
        lines: &lines,
        quote: &q,
        card_cents: q.total_cents - 2_000,
        instruments: &[(42, 2_000)],
        commission_bps: 1_500,
    };
    let paid = order_paid_journal(&payment);
    let cancelled = order_cancelled_journal(&payment).unwrap();
    assert_eq!(cancelled.kind, "order_cancelled");
    // Gift card held, sale, then cancelled: every account is back where it started; the card
    // part leaves the provider's clearing account as it came in (the refund).
    let held = gift_card_held_journal(9, &[(42, 2_000)]);
    let all: Vec<(Account, i64)> = [held.entries, paid.entries, cancelled.entries.clone()].concat();
    let mut net: Vec<(Account, i64)> = Vec::new();
    for (a, v) in all {
        match net.iter_mut().find(|(b, _)| *b == a) {
            Some((_, sum)) => *sum += v,
            None => net.push((a, v)),
        }
    }
    net.retain(|(_, v)| *v != 0);
    assert_eq!(
        net,
        vec![],
        "F5: full refund including shipping, nothing kept"
    );
    assert!(
        cancelled
            .entries
            .contains(&(Account::PspClearing, -(q.total_cents - 2_000)))
    );
    assert!(cancelled.entries.contains(&(Account::GiftCard(42), -2_000)));
}

#[test]
fn p2_a_payment_that_does_not_cover_the_quote_is_refused() {
    let lines = [line(1, 7, 3_000)];
    let q = quote(
        &Policy::marketplace(),
        &lines,
        "FR",
        ShippingMode::Direct,
        0,
    )
    .unwrap();
    let p = OrderPayment {
        order_id: 1,
        lines: &lines,
        quote: &q,
        card_cents: q.total_cents - 1,
        instruments: &[],
        commission_bps: 1_500,
    };
    assert_eq!(try_order_paid_journal(&p).unwrap_err().0, -1);
}

#[test]
fn g1_a_gift_card_sold_is_a_liability_paid_in_cash() {
    let j = gift_card_sold_journal(42, 5_000);
    assert_eq!(
        j.entries,
        vec![
            (Account::PspClearing, 5_000),
            (Account::GiftCard(42), -5_000)
        ]
    );
}

#[test]
fn o10_a_hold_moves_gift_card_value_aside_and_a_release_gives_it_back() {
    let parts = [(42, 2_000), (43, 500)];
    let held = gift_card_held_journal(9, &parts);
    assert_eq!(
        held.entries,
        vec![
            (Account::GiftCard(42), 2_000),
            (Account::GiftCard(43), 500),
            (Account::OrderHold(9), -2_500),
        ]
    );
    let released = gift_card_released_journal(9, &parts);
    assert_eq!(released.kind, "gift_card_released");
    let net = net_balances(&[held, released]);
    assert!(net.values().all(|v| *v == 0));
}

#[test]
fn o7_p2_an_unsold_charge_and_its_refund_leave_every_account_at_zero() {
    for what in [Unsold::Order(12), Unsold::GiftCard(12)] {
        let owed = unsold_charge_journal(what, 4_500);
        assert_eq!(
            owed.entries,
            vec![
                (Account::PspClearing, 4_500),
                (Account::UnsoldCharge(what), -4_500)
            ]
        );
        let refunded = unsold_charge_refunded_journal(what, 4_500);
        let net = net_balances(&[owed, refunded]);
        assert!(net.values().all(|v| *v == 0), "{net:?}");
    }
}
