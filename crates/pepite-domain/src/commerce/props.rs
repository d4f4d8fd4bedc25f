//! Property tests: amounts never negative nor above their base, allocations within balances,
//! the quote's total identity, and every journal balanced, for random inputs.

use proptest::prelude::*;

use super::*;
use crate::country::COUNTRIES;
use crate::policy::Policy;

fn lines() -> impl Strategy<Value = Vec<QuoteLine>> {
    prop::collection::vec((1i64..5, 1i64..200_000, 1i64..3_000), 1..9).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (seller_id, price_cents, weight_g))| QuoteLine {
                piece_id: i as i64 + 1,
                seller_id,
                price_cents,
                weight_g,
                brand: format!("brand {}", seller_id % 2),
                category: "coats".into(),
            })
            .collect()
    })
}

fn country() -> impl Strategy<Value = &'static str> {
    prop::sample::select(COUNTRIES.iter().map(|(c, _, _)| *c).collect::<Vec<_>>())
}

fn mode() -> impl Strategy<Value = ShippingMode> {
    prop::sample::select(ShippingMode::ALL.to_vec())
}

/// Splits a total between up to three gift cards (ids 1..=3) and the card.
fn pay(total: i64, balances: &[i64]) -> (Vec<(i64, i64)>, i64) {
    let available: Vec<(i64, i64)> = balances.iter().zip(1..).map(|(b, id)| (id, *b)).collect();
    allocate_instruments(total, &available)
}

proptest! {
    #[test]
    fn o2_qc_fee_is_never_negative_nor_above_goods_or_cap(
        goods in 0i64..10_000_000, bps in 0i64..=10_000, cap in 0i64..100_000, m in mode()
    ) {
        let mut p = Policy::marketplace();
        p.qc_fee_bps = bps;
        p.qc_fee_cap_cents = cap;
        let fee = qc_fee(&p, goods, m);
        prop_assert!(fee >= 0 && fee <= goods && fee <= cap);
    }

    #[test]
    fn o9_bulk_discount_is_never_negative_nor_above_its_base(
        tiers in prop::collection::vec((0i64..10, -100i64..12_000), 0..4),
        pieces in 0usize..20, base in -1_000i64..10_000_000
    ) {
        let tiers: Vec<BulkTier> =
            tiers.into_iter().map(|(min_pieces, bps)| BulkTier { min_pieces, bps }).collect();
        let d = bulk_discount(&tiers, pieces, base);
        prop_assert!(d >= 0 && d <= base.max(0));
    }

    #[test]
    fn o8_a_code_never_takes_more_than_the_lines_in_its_scope(
        lines in lines(), percent in any::<bool>(), amount in 1i64..300_000, seller in 0i64..6
    ) {
        let value = if percent {
            DiscountValue::Percent(amount % 10_000 + 1)
        } else {
            DiscountValue::Fixed(amount)
        };
        let rule = DiscountRule {
            code: "PROP".into(), value, min_order_cents: 0, starts_at_us: None,
            ends_at_us: None, max_uses: None, per_customer: None,
            scope: if seller == 0 { DiscountScope::Everything } else { DiscountScope::Seller(seller) },
        };
        let eligible: i64 = lines.iter()
            .filter(|l| seller == 0 || l.seller_id == seller)
            .map(|l| l.price_cents).sum();
        match discount_amount(&rule, &lines, 0, 0, 0) {
            Ok(d) => prop_assert!(d >= 0 && d <= eligible),
            Err(r) => prop_assert_eq!((r, eligible), (DiscountRefusal::NotApplicable, 0)),
        }
    }

    #[test]
    fn o10_allocation_never_exceeds_balances_nor_the_total(
        total in -100i64..1_000_000, balances in prop::collection::vec(-100i64..500_000, 0..5)
    ) {
        let available: Vec<(i64, i64)> = balances.iter().zip(10..).map(|(b, id)| (id, *b)).collect();
        let (used, rest) = allocate_instruments(total, &available);
        let taken: i64 = used.iter().map(|(_, a)| a).sum();
        prop_assert_eq!(taken + rest, total.max(0));
        prop_assert!(rest >= 0);
        for (id, amount) in &used {
            let balance = available.iter().find(|(i, _)| i == id).unwrap().1;
            prop_assert!(*amount > 0 && *amount <= balance);
        }
    }

    #[test]
    fn o1_the_total_identity_holds_for_any_cart(
        lines in lines(), country in country(), m in mode(), discount in -1_000i64..2_000_000
    ) {
        let q = match quote(&Policy::marketplace(), &lines, country, m, discount) {
            Ok(q) => q,
            Err(e) => { prop_assert_eq!(e, QuoteError::TooHeavy); return Ok(()); }
        };
        prop_assert_eq!(
            q.total_cents,
            q.goods_cents - q.discount_cents - q.bulk_discount_cents + q.shipping_cents + q.qc_fee_cents
        );
        prop_assert!(q.total_cents >= q.shipping_cents + q.qc_fee_cents);
        prop_assert!(q.discount_cents >= 0 && q.bulk_discount_cents >= 0);
        prop_assert_eq!(q.shipping_cents, q.parcels.iter().map(|p| p.shipping_cents).sum::<i64>());
        let pieces: usize = q.parcels.iter().map(|p| p.piece_ids.len()).sum();
        prop_assert_eq!(pieces, lines.len());
    }

    #[test]
    fn p2_every_journal_balances(
        lines in lines(), country in country(), m in mode(), discount in 0i64..50_000,
        balances in prop::collection::vec(0i64..100_000, 0..4), commission_bps in 0i64..=10_000,
        order_id in 1i64..1_000
    ) {
        let Ok(q) = quote(&Policy::marketplace(), &lines, country, m, discount) else {
            return Ok(());
        };
        let (instruments, card_cents) = pay(q.total_cents, &balances);
        let journals = [
            order_paid_journal(&OrderPayment {
                order_id, lines: &lines, quote: &q, card_cents,
                instruments: &instruments, commission_bps,
            }),
            gift_card_sold_journal(1, balances.first().copied().unwrap_or(0)),
            gift_card_held_journal(order_id, &instruments),
            gift_card_released_journal(order_id, &instruments),
        ];
        for j in &journals {
            prop_assert_eq!(j.entries.iter().map(|(_, a)| a).sum::<i64>(), 0, "{}", j.kind);
            prop_assert!(j.entries.iter().all(|(_, a)| *a != 0));
        }
    }

    #[test]
    fn o10_hold_then_pay_spends_exactly_the_parts_held(
        lines in lines(), balances in prop::collection::vec(1i64..100_000, 1..4), order_id in 1i64..1_000
    ) {
        let q = quote(&Policy::marketplace(), &lines, "FR", ShippingMode::Direct, 0).unwrap();
        let (parts, card_cents) = pay(q.total_cents, &balances);
        let mut journals: Vec<Journal> =
            balances.iter().zip(1..).map(|(b, id)| gift_card_sold_journal(id, *b)).collect();
        journals.push(gift_card_held_journal(order_id, &parts));
        journals.push(order_paid_journal(&OrderPayment {
            order_id, lines: &lines, quote: &q, card_cents, instruments: &parts, commission_bps: 1_500,
        }));
        let net = net_balances(&journals);
        prop_assert_eq!(net.values().sum::<i64>(), 0);
        prop_assert_eq!(net.get(&Account::OrderHold(order_id)).copied().unwrap_or(0), 0);
        for (b, id) in balances.iter().zip(1..) {
            let spent = parts.iter().find(|(i, _)| *i == id).map_or(0, |(_, a)| *a);
            // The card's liability is what it was sold for, less what this order spent.
            prop_assert_eq!(net.get(&Account::GiftCard(id)).copied().unwrap_or(0), spent - b);
        }
    }

    #[test]
    fn o10_hold_then_release_leaves_every_account_at_zero(
        parts in prop::collection::vec((1i64..50, 0i64..100_000), 0..5), order_id in 1i64..1_000
    ) {
        let net = net_balances(&[
            gift_card_held_journal(order_id, &parts),
            gift_card_released_journal(order_id, &parts),
        ]);
        prop_assert!(net.values().all(|v| *v == 0));
    }

    #[test]
    fn p2_account_keys_round_trip_for_any_id(id in any::<i64>()) {
        for a in [Account::GiftCard(id), Account::SellerPending(id),
                  Account::SellerPayable(id), Account::OrderHold(id),
                  Account::StoreCredit { programme: id, user: id / 3 }, Account::TradeInCost(id),
                  Account::VoucherRequest(id), Account::ChannelRedeemed(id),
                  Account::VoucherExpired(id)] {
            prop_assert_eq!(Account::parse(&a.key()), Some(a));
        }
    }

    #[test]
    fn g1_every_generated_code_reads_back(bytes in any::<[u8; 16]>()) {
        let code = gift_card_code(&bytes);
        prop_assert_eq!(normalise_gift_card_code(&code.to_lowercase()), Some(code));
    }

    #[test]
    fn o4_adding_business_days_lands_on_a_business_day(
        day in 0i64..20_000, n in 1i64..60
    ) {
        let from = jiff::civil::date(2000, 1, 1)
            .checked_add(jiff::Span::new().days(day)).unwrap();
        let to = add_business_days(from, n);
        prop_assert!(to > from && is_business_day(to));
        prop_assert_eq!(add_business_days(to, -n) <= from, true);
    }
}
