//! R5/F6/F7: what a refund of some lines of an order gives back, and to which means of
//! payment. A line's share of the order's discounts, of its parcel's shipping and of the
//! quality-control fee is fixed by the whole order (so refunding every line, one by one or
//! together, gives back exactly what was paid), and each refund is split over the means still
//! holding money, so that no card, PayPal account or gift card ever gets back more than it paid.

use super::ledger::{Account, Journal, Unbalanced};

/// A sold line as the refund needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldLine {
    pub piece_id: i64,
    pub seller_id: i64,
    pub parcel: i64,
    pub price_cents: i64,
    pub commission_cents: i64,
}

/// What the order charged beyond its pieces, to be shared among its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCharges {
    /// Code and bulk discounts together.
    pub discount_cents: i64,
    pub qc_fee_cents: i64,
    /// (parcel, shipping charged for it).
    pub parcels: Vec<(i64, i64)>,
}

/// One line's share of what was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineShare {
    pub piece_id: i64,
    pub seller_id: i64,
    pub price_cents: i64,
    pub commission_cents: i64,
    pub discount_cents: i64,
    pub shipping_cents: i64,
    pub fees_cents: i64,
}

impl LineShare {
    /// What the buyer paid for the piece itself (price less its share of the discounts).
    pub fn goods_cents(&self) -> i64 {
        self.price_cents - self.discount_cents
    }
}

/// `total` shared among `weights` in proportion, by cumulative rounding down: the parts sum
/// to `total` exactly, and a part never exceeds its weight's exact share rounded up.
fn shares(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|&w| i128::from(w.max(0))).sum();
    if sum == 0 {
        let mut parts = vec![0; weights.len()];
        if let Some(last) = parts.last_mut() {
            *last = total;
        }
        return parts;
    }
    let mut parts = Vec::with_capacity(weights.len());
    let (mut cum, mut given) = (0i128, 0i64);
    for &w in weights {
        cum += i128::from(w.max(0));
        let upto = i64::try_from(i128::from(total) * cum / sum).unwrap_or(i64::MAX);
        parts.push(upto - given);
        given = upto;
    }
    parts
}

/// Every line's share of the order, lines in the order given (callers give them by piece).
/// Discounts and the QC fee are shared by price over the whole order; each parcel's shipping
/// by price over that parcel's lines.
pub fn line_shares(lines: &[SoldLine], charges: &OrderCharges) -> Vec<LineShare> {
    let prices: Vec<i64> = lines.iter().map(|l| l.price_cents).collect();
    let discounts = shares(charges.discount_cents, &prices);
    let fees = shares(charges.qc_fee_cents, &prices);
    let mut shipping = vec![0; lines.len()];
    for &(parcel, cents) in &charges.parcels {
        let idx: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].parcel == parcel)
            .collect();
        let weights: Vec<i64> = idx.iter().map(|&i| lines[i].price_cents).collect();
        for (k, part) in shares(cents, &weights).into_iter().enumerate() {
            if let Some(&i) = idx.get(k) {
                shipping[i] = part;
            }
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| LineShare {
            piece_id: l.piece_id,
            seller_id: l.seller_id,
            price_cents: l.price_cents,
            commission_cents: l.commission_cents,
            discount_cents: discounts[i],
            shipping_cents: shipping[i],
            fees_cents: fees[i],
        })
        .collect()
}

/// A means of payment of the order: what it paid and what earlier refunds already gave back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Means {
    /// `None` for the card or PayPal charge, `Some(id)` for a gift card or voucher.
    pub instrument: Option<i64>,
    pub paid_cents: i64,
    pub refunded_cents: i64,
}

/// R5: a refund's amounts, decided before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundPlan {
    pub lines: Vec<LineShare>,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub fees_cents: i64,
    /// Kept from the refund: the return shipping the buyer pays (R2), booked as shipping income.
    pub deducted_cents: i64,
    pub total_cents: i64,
    pub card_cents: i64,
    /// (instrument id, amount credited back), amounts > 0.
    pub instruments: Vec<(i64, i64)>,
}

/// Why a refund cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundRefusal {
    /// No line named.
    NothingToRefund,
    /// The deduction is negative or larger than what the lines are worth.
    BadDeduction,
    /// The means of payment hold less than the refund (earlier refunds took it): never paid
    /// out twice.
    ExceedsPaid,
}

/// R5/R4: plans the refund of `chosen` (shares from [`line_shares`]); with `with_fees` the
/// lines' shipping and QC fee shares come back too (R4 upheld, F7, F6 decided so), less
/// `deducted_cents`. The total is split over `means` in proportion to what each still holds.
pub fn plan_refund(
    chosen: Vec<LineShare>,
    with_fees: bool,
    deducted_cents: i64,
    means: &[Means],
) -> Result<RefundPlan, RefundRefusal> {
    if chosen.is_empty() {
        return Err(RefundRefusal::NothingToRefund);
    }
    let goods: i64 = chosen.iter().map(LineShare::goods_cents).sum();
    let (shipping, fees) = if with_fees {
        (
            chosen.iter().map(|l| l.shipping_cents).sum(),
            chosen.iter().map(|l| l.fees_cents).sum(),
        )
    } else {
        (0, 0)
    };
    let worth = goods + shipping + fees;
    if deducted_cents < 0 || deducted_cents > worth {
        return Err(RefundRefusal::BadDeduction);
    }
    let total = worth - deducted_cents;
    let left: Vec<i64> = means
        .iter()
        .map(|m| (m.paid_cents - m.refunded_cents).max(0))
        .collect();
    if left.iter().sum::<i64>() < total {
        return Err(RefundRefusal::ExceedsPaid);
    }
    let parts = shares(total, &left);
    let mut card_cents = 0;
    let mut instruments = Vec::new();
    for (m, part) in means.iter().zip(parts) {
        match m.instrument {
            None => card_cents += part,
            Some(id) if part > 0 => instruments.push((id, part)),
            Some(_) => {}
        }
    }
    Ok(RefundPlan {
        lines: chosen,
        goods_cents: goods,
        shipping_cents: shipping,
        fees_cents: fees,
        deducted_cents,
        total_cents: total,
        card_cents,
        instruments,
    })
}

/// P2: the refund booked. The lines' sale is reversed (each seller's pending earning and the
/// commission debited, the discounts' share credited back; with fees, shipping income and QC
/// fees debited), the deduction is shipping income, the gift-card parts go back to their cards
/// and the card part is owed to the buyer on `Refund(id)` until the provider makes it
/// ([`refund_paid_journal`]). Kind "refund".
pub fn refund_journal(refund_id: i64, plan: &RefundPlan) -> Result<Journal, Unbalanced> {
    let mut entries: Vec<(Account, i64)> = Vec::new();
    for l in &plan.lines {
        entries.push((
            Account::SellerPending(l.seller_id),
            l.price_cents - l.commission_cents,
        ));
        entries.push((Account::Commission, l.commission_cents));
        entries.push((Account::Discounts, -l.discount_cents));
    }
    entries.push((
        Account::ShippingIncome,
        plan.shipping_cents - plan.deducted_cents,
    ));
    entries.push((Account::QcFees, plan.fees_cents));
    entries.extend(
        plan.instruments
            .iter()
            .map(|&(id, amount)| (Account::GiftCard(id), -amount)),
    );
    entries.push((Account::Refund(refund_id), -plan.card_cents));
    Journal::new("refund", merged(entries))
}

/// One entry per account, in the order accounts first appear, so statements read simply.
fn merged(entries: Vec<(Account, i64)>) -> Vec<(Account, i64)> {
    let mut out: Vec<(Account, i64)> = Vec::with_capacity(entries.len());
    for (account, amount) in entries {
        match out.iter_mut().find(|(a, _)| *a == account) {
            Some((_, sum)) => *sum += amount,
            None => out.push((account, amount)),
        }
    }
    out
}

/// P2: the provider gave the card part back: debit `Refund(id)`, credit PspClearing.
pub fn refund_paid_journal(refund_id: i64, card_cents: i64) -> Journal {
    Journal::balanced(
        "refund_paid",
        vec![
            (Account::Refund(refund_id), card_cents),
            (Account::PspClearing, -card_cents),
        ],
    )
}

#[cfg(test)]
mod tests;
