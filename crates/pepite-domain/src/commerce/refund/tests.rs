//! R5: refunds give back exactly what was paid, never more per means, whatever the split.

use super::*;

fn line(piece_id: i64, seller_id: i64, parcel: i64, price_cents: i64) -> SoldLine {
    SoldLine {
        piece_id,
        seller_id,
        parcel,
        price_cents,
        commission_cents: price_cents / 10,
    }
}

fn charges() -> OrderCharges {
    OrderCharges {
        discount_cents: 1_001,
        qc_fee_cents: 1_500,
        parcels: vec![(1, 990), (2, 1_290)],
    }
}

fn lines() -> Vec<SoldLine> {
    vec![
        line(10, 1, 1, 4_500),
        line(11, 1, 1, 3_333),
        line(12, 2, 2, 12_000),
    ]
}

#[test]
fn r5_line_shares_add_up_to_the_order() {
    let shares = line_shares(&lines(), &charges());
    assert_eq!(shares.iter().map(|s| s.discount_cents).sum::<i64>(), 1_001);
    assert_eq!(shares.iter().map(|s| s.fees_cents).sum::<i64>(), 1_500);
    // Each parcel's shipping stays with that parcel's lines.
    assert_eq!(shares[0].shipping_cents + shares[1].shipping_cents, 990);
    assert_eq!(shares[2].shipping_cents, 1_290);
}

#[test]
fn r5_change_of_mind_keeps_shipping_and_fees() {
    let shares = line_shares(&lines(), &charges());
    let means = [Means {
        instrument: None,
        paid_cents: 19_833 - 1_001 + 2_280 + 1_500,
        refunded_cents: 0,
    }];
    let plan = plan_refund(vec![shares[2].clone()], false, 0, &means).unwrap();
    assert_eq!(plan.total_cents, 12_000 - shares[2].discount_cents);
    assert_eq!((plan.shipping_cents, plan.fees_cents), (0, 0));
    assert_eq!(plan.card_cents, plan.total_cents);
}

#[test]
fn r5_refunds_of_every_line_give_back_exactly_what_each_means_paid() {
    let shares = line_shares(&lines(), &charges());
    let paid = 19_833 - 1_001 + 2_280 + 1_500;
    let mut means = vec![
        Means {
            instrument: None,
            paid_cents: paid - 5_000 - 77,
            refunded_cents: 0,
        },
        Means {
            instrument: Some(7),
            paid_cents: 5_000,
            refunded_cents: 0,
        },
        Means {
            instrument: Some(8),
            paid_cents: 77,
            refunded_cents: 0,
        },
    ];
    for share in shares {
        let plan = plan_refund(vec![share], true, 0, &means).unwrap();
        assert_eq!(
            plan.card_cents + plan.instruments.iter().map(|(_, a)| a).sum::<i64>(),
            plan.total_cents
        );
        means[0].refunded_cents += plan.card_cents;
        for (id, amount) in plan.instruments {
            let m = means.iter_mut().find(|m| m.instrument == Some(id)).unwrap();
            m.refunded_cents += amount;
        }
        assert!(means.iter().all(|m| m.refunded_cents <= m.paid_cents));
    }
    assert!(means.iter().all(|m| m.refunded_cents == m.paid_cents));
}

#[test]
fn r5_never_more_than_the_means_still_hold() {
    let shares = line_shares(&lines(), &charges());
    let means = [Means {
        instrument: None,
        paid_cents: 100,
        refunded_cents: 50,
    }];
    assert_eq!(
        plan_refund(vec![shares[0].clone()], true, 0, &means),
        Err(RefundRefusal::ExceedsPaid)
    );
    assert_eq!(
        plan_refund(vec![], true, 0, &means),
        Err(RefundRefusal::NothingToRefund)
    );
}

#[test]
fn r2_deduction_is_kept_and_booked_as_shipping_income() {
    let shares = line_shares(&lines(), &charges());
    let means = [Means {
        instrument: None,
        paid_cents: 30_000,
        refunded_cents: 0,
    }];
    let plan = plan_refund(vec![shares[0].clone()], false, 700, &means).unwrap();
    assert_eq!(plan.total_cents, shares[0].goods_cents() - 700);
    let journal = refund_journal(3, &plan).unwrap();
    let income: i64 = journal
        .entries
        .iter()
        .filter(|(a, _)| *a == Account::ShippingIncome)
        .map(|(_, v)| v)
        .sum();
    assert_eq!(income, -700);
    assert!(
        journal
            .entries
            .contains(&(Account::Refund(3), -plan.card_cents))
    );
    assert_eq!(
        plan_refund(vec![shares[0].clone()], false, 1_000_000, &means),
        Err(RefundRefusal::BadDeduction)
    );
}

#[test]
fn p2_refund_journal_reverses_the_sellers_pending_earning() {
    let shares = line_shares(&lines(), &charges());
    let means = [Means {
        instrument: Some(4),
        paid_cents: 30_000,
        refunded_cents: 0,
    }];
    let plan = plan_refund(vec![shares[0].clone(), shares[1].clone()], true, 0, &means).unwrap();
    let journal = refund_journal(9, &plan).unwrap();
    let seller: i64 = journal
        .entries
        .iter()
        .filter(|(a, _)| *a == Account::SellerPending(1))
        .map(|(_, v)| v)
        .sum();
    assert_eq!(seller, (4_500 - 450) + (3_333 - 333));
    assert!(
        journal
            .entries
            .contains(&(Account::GiftCard(4), -plan.total_cents))
    );
}
