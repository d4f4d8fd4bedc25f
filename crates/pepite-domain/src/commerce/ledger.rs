//! The double-entry ledger (P2): accounts, balanced journals, and the journals that record an
//! order paid and the life of gift cards. Debits are positive, credits negative; every journal
//! sums to zero, so money is never created or destroyed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::apply_bps;
use super::quote::{Quote, QuoteLine};

/// A ledger account. Liabilities (gift cards, sellers) carry credit (negative) balances.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Account {
    /// Money the payment provider holds for us.
    PspClearing,
    /// What a stored-value instrument (a gift card, or a T7 voucher) still owes its holder.
    GiftCard(i64),
    /// A seller's earning while the return window is open (P1).
    SellerPending(i64),
    /// A seller's earning once payable.
    SellerPayable(i64),
    Commission,
    ShippingIncome,
    QcFees,
    Discounts,
    Refunds,
    /// Gift-card value set aside for an order while its payment is under way.
    OrderHold(i64),
    /// O7: a card payment that landed for what could not be had (an order failed, abandoned,
    /// expired or whose pieces went elsewhere; a gift card whose purchase had failed): owed
    /// back to the payer until the refund is made.
    UnsoldCharge(Unsold),
    /// R5: the card or PayPal part of refund N, owed to the buyer until the provider makes it.
    Refund(i64),
    /// P1: payouts sent to sellers' banks by SEPA transfer, out of the platform's account.
    PayoutsClearing,
    /// T6: what trade-in programme P owes person U in store credit.
    StoreCredit {
        programme: i64,
        user: i64,
    },
    /// T6: what programme P's brand has paid for the pieces it took back (its cost).
    TradeInCost(i64),
    /// T7: store credit set aside for voucher request N until its voucher is issued.
    VoucherRequest(i64),
    /// T7: vouchers taken as payment by sales channel N (a boutique, the brand's e-shop).
    ChannelRedeemed(i64),
    /// T7: what programme P's vouchers held when they expired, back to the brand.
    VoucherExpired(i64),
}

/// O7: what a charge that could buy nothing was paying for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unsold {
    Order(i64),
    GiftCard(i64),
}

impl Account {
    /// The stable text key the database stores.
    pub fn key(&self) -> String {
        match self {
            Account::PspClearing => "psp:clearing".into(),
            Account::GiftCard(id) => format!("gift_card:{id}"),
            Account::SellerPending(id) => format!("seller:{id}:pending"),
            Account::SellerPayable(id) => format!("seller:{id}:payable"),
            Account::Commission => "revenue:commission".into(),
            Account::ShippingIncome => "revenue:shipping".into(),
            Account::QcFees => "revenue:qc_fees".into(),
            Account::Discounts => "expense:discounts".into(),
            Account::Refunds => "expense:refunds".into(),
            Account::OrderHold(id) => format!("hold:order:{id}"),
            Account::UnsoldCharge(Unsold::Order(id)) => format!("unsold:order:{id}"),
            Account::UnsoldCharge(Unsold::GiftCard(id)) => format!("unsold:gift_card:{id}"),
            Account::Refund(id) => format!("refund:{id}"),
            Account::PayoutsClearing => "bank:payouts".into(),
            Account::StoreCredit { programme, user } => format!("store_credit:{programme}:{user}"),
            Account::TradeInCost(p) => format!("tradein:{p}:cost"),
            Account::VoucherRequest(id) => format!("voucher_request:{id}"),
            Account::ChannelRedeemed(id) => format!("channel:{id}:redeemed"),
            Account::VoucherExpired(p) => format!("tradein:{p}:expired"),
        }
    }

    /// The inverse of [`Account::key`]; only canonical keys parse, so keys round-trip.
    pub fn parse(key: &str) -> Option<Account> {
        let id = |s: &str| s.parse::<i64>().ok().filter(|n| n.to_string() == s);
        let parts: Vec<&str> = key.split(':').collect();
        match parts.as_slice() {
            ["psp", "clearing"] => Some(Account::PspClearing),
            ["gift_card", n] => id(n).map(Account::GiftCard),
            ["seller", n, "pending"] => id(n).map(Account::SellerPending),
            ["seller", n, "payable"] => id(n).map(Account::SellerPayable),
            ["revenue", "commission"] => Some(Account::Commission),
            ["revenue", "shipping"] => Some(Account::ShippingIncome),
            ["revenue", "qc_fees"] => Some(Account::QcFees),
            ["expense", "discounts"] => Some(Account::Discounts),
            ["expense", "refunds"] => Some(Account::Refunds),
            ["hold", "order", n] => id(n).map(Account::OrderHold),
            ["unsold", "order", n] => id(n).map(|n| Account::UnsoldCharge(Unsold::Order(n))),
            ["unsold", "gift_card", n] => id(n).map(|n| Account::UnsoldCharge(Unsold::GiftCard(n))),
            ["refund", n] => id(n).map(Account::Refund),
            ["bank", "payouts"] => Some(Account::PayoutsClearing),
            ["store_credit", p, u] => Some(Account::StoreCredit {
                programme: id(p)?,
                user: id(u)?,
            }),
            ["tradein", p, "cost"] => id(p).map(Account::TradeInCost),
            ["voucher_request", n] => id(n).map(Account::VoucherRequest),
            ["channel", n, "redeemed"] => id(n).map(Account::ChannelRedeemed),
            ["tradein", p, "expired"] => id(p).map(Account::VoucherExpired),
            _ => None,
        }
    }
}

/// One balanced movement of money: what happened (`kind`) and its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    pub kind: &'static str,
    pub entries: Vec<(Account, i64)>,
}

/// A journal that does not sum to zero, with the sum it had.
#[derive(Debug)]
pub struct Unbalanced(pub i64);

impl std::fmt::Display for Unbalanced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unbalanced journal: entries sum to {}", self.0)
    }
}

impl std::error::Error for Unbalanced {}

impl Journal {
    /// Drops zero entries (they record nothing) and refuses a sum other than zero.
    pub fn new(kind: &'static str, entries: Vec<(Account, i64)>) -> Result<Journal, Unbalanced> {
        let entries: Vec<(Account, i64)> = entries.into_iter().filter(|(_, a)| *a != 0).collect();
        let sum: i128 = entries.iter().map(|(_, a)| i128::from(*a)).sum();
        if sum != 0 {
            return Err(Unbalanced(i64::try_from(sum).unwrap_or(if sum < 0 {
                i64::MIN
            } else {
                i64::MAX
            })));
        }
        Ok(Journal { kind, entries })
    }

    /// The entries as the database stores them: (account key, signed amount).
    pub fn keyed_entries(&self) -> Vec<(String, i64)> {
        self.entries.iter().map(|(a, v)| (a.key(), *v)).collect()
    }

    /// Builders whose entries balance by construction use this.
    pub(super) fn balanced(kind: &'static str, entries: Vec<(Account, i64)>) -> Journal {
        Journal::new(kind, entries).expect("journal balanced by construction")
    }
}

/// The net of every account over some journals, as the ledger would show it.
pub fn net_balances(journals: &[Journal]) -> HashMap<Account, i64> {
    let mut net = HashMap::new();
    for (account, amount) in journals.iter().flat_map(|j| &j.entries) {
        *net.entry(account.clone()).or_insert(0) += amount;
    }
    net
}

/// Everything `order_paid_journal` needs about one paid order.
pub struct OrderPayment<'a> {
    pub order_id: i64,
    pub lines: &'a [QuoteLine],
    pub quote: &'a Quote,
    pub card_cents: i64,
    /// (gift card id, amount), as held for the order by [`gift_card_held_journal`].
    pub instruments: &'a [(i64, i64)],
    pub commission_bps: i64,
}

/// P1/P2, fallible form: an order paid. Debits PspClearing (card part), OrderHold (the
/// gift-card parts held for the order), Discounts (code + bulk); credits each seller's
/// SellerPending (price − commission, commission per line half up), Commission,
/// ShippingIncome, QcFees. Unbalanced when card + instruments ≠ the quote's total or the
/// lines do not add up to its goods.
pub fn try_order_paid_journal(p: &OrderPayment) -> Result<Journal, Unbalanced> {
    let q = p.quote;
    let held: i64 = p.instruments.iter().map(|(_, a)| a).sum();
    let mut entries = vec![
        (Account::PspClearing, p.card_cents),
        (Account::OrderHold(p.order_id), held),
        (Account::Discounts, q.discount_cents + q.bulk_discount_cents),
    ];
    // One entry per seller, in the order they first appear, so statements read simply.
    let mut sellers: Vec<(i64, i64)> = Vec::new();
    let mut commission = 0;
    for l in p.lines {
        let c = apply_bps(l.price_cents, p.commission_bps.min(10_000));
        commission += c;
        let earning = l.price_cents - c;
        match sellers.iter_mut().find(|(s, _)| *s == l.seller_id) {
            Some((_, sum)) => *sum += earning,
            None => sellers.push((l.seller_id, earning)),
        }
    }
    entries.extend(
        sellers
            .into_iter()
            .map(|(s, e)| (Account::SellerPending(s), -e)),
    );
    entries.push((Account::Commission, -commission));
    entries.push((Account::ShippingIncome, -q.shipping_cents));
    entries.push((Account::QcFees, -q.qc_fee_cents));
    Journal::new("order_paid", entries)
}

/// P1/P2: an order paid, kind "order_paid" (see [`try_order_paid_journal`]).
///
/// # Panics
/// When the payment does not add up to the quote: a caller bug that must never reach the
/// ledger (the panic rolls the caller's transaction back).
pub fn order_paid_journal(p: &OrderPayment) -> Journal {
    try_order_paid_journal(p).expect("order payment must add up to its quote")
}

/// F5/P2: an order cancelled before dispatch: the exact reverse of its sale journal
/// ([`try_order_paid_journal`]), except that the gift-card parts go straight back to their
/// cards (credit GiftCard(id)) rather than to the order's hold, and the card part leaves
/// PspClearing (the refund; the caller also posts [`unsold_charge_journal`], which keeps it
/// owed to the payer until the provider has made it). Kind "order_cancelled".
pub fn order_cancelled_journal(p: &OrderPayment) -> Result<Journal, Unbalanced> {
    let paid = try_order_paid_journal(p)?;
    let mut entries: Vec<(Account, i64)> = paid
        .entries
        .into_iter()
        .filter(|(a, _)| !matches!(a, Account::OrderHold(_)))
        .map(|(a, v)| (a, -v))
        .collect();
    entries.extend(
        p.instruments
            .iter()
            .map(|&(id, amount)| (Account::GiftCard(id), -amount)),
    );
    Journal::new("order_cancelled", entries)
}

/// G1/P2: a gift card sold for `amount`: debit PspClearing, credit GiftCard(id).
pub fn gift_card_sold_journal(gift_card_id: i64, amount_cents: i64) -> Journal {
    Journal::balanced(
        "gift_card_sold",
        vec![
            (Account::PspClearing, amount_cents),
            (Account::GiftCard(gift_card_id), -amount_cents),
        ],
    )
}

/// A journal moving `amount` from the account debited to the account credited.
fn transfer(kind: &'static str, debit: Account, credit: Account, amount_cents: i64) -> Journal {
    Journal::balanced(kind, vec![(debit, amount_cents), (credit, -amount_cents)])
}

/// T6: an accepted trade-in piece credits its person: the brand's cost, their store credit.
pub fn tradein_credit_journal(programme: i64, user: i64, amount_cents: i64) -> Journal {
    let credit = Account::StoreCredit { programme, user };
    transfer(
        "tradein_credit",
        Account::TradeInCost(programme),
        credit,
        amount_cents,
    )
}

/// T7: store credit set aside for a voucher request (issued now or on a later date).
pub fn voucher_requested_journal(
    programme: i64,
    user: i64,
    request: i64,
    amount_cents: i64,
) -> Journal {
    let credit = Account::StoreCredit { programme, user };
    transfer(
        "voucher_requested",
        credit,
        Account::VoucherRequest(request),
        amount_cents,
    )
}

/// T7: a scheduled request withdrawn before its date: the credit comes back.
pub fn voucher_request_cancelled_journal(
    programme: i64,
    user: i64,
    request: i64,
    amount_cents: i64,
) -> Journal {
    let credit = Account::StoreCredit { programme, user };
    transfer(
        "voucher_request_cancelled",
        Account::VoucherRequest(request),
        credit,
        amount_cents,
    )
}

/// T7: the voucher is issued: what was set aside becomes the instrument's balance.
pub fn voucher_issued_journal(request: i64, instrument: i64, amount_cents: i64) -> Journal {
    let to = Account::GiftCard(instrument);
    transfer(
        "voucher_issued",
        Account::VoucherRequest(request),
        to,
        amount_cents,
    )
}

/// T7: a channel (boutique till, e-shop) took `amount` of a voucher as payment.
pub fn voucher_redeemed_journal(instrument: i64, channel: i64, amount_cents: i64) -> Journal {
    let to = Account::ChannelRedeemed(channel);
    transfer(
        "voucher_redeemed",
        Account::GiftCard(instrument),
        to,
        amount_cents,
    )
}

/// T7: a channel's redemption undone (a refund in the boutique): the exact reverse.
pub fn voucher_redemption_reversed_journal(
    instrument: i64,
    channel: i64,
    amount_cents: i64,
) -> Journal {
    let from = Account::ChannelRedeemed(channel);
    transfer(
        "voucher_redemption_reversed",
        from,
        Account::GiftCard(instrument),
        amount_cents,
    )
}

/// T7: a voucher reached its end with `amount` left: the brand's liability ends.
pub fn voucher_expired_journal(programme: i64, instrument: i64, amount_cents: i64) -> Journal {
    let to = Account::VoucherExpired(programme);
    transfer(
        "voucher_expired",
        Account::GiftCard(instrument),
        to,
        amount_cents,
    )
}

/// O10: gift-card parts set aside when an order's payment starts: debit each GiftCard(id)
/// (its balance shrinks at once, so it cannot be spent twice), credit OrderHold(order_id).
pub fn gift_card_held_journal(order_id: i64, parts: &[(i64, i64)]) -> Journal {
    let mut entries: Vec<(Account, i64)> = parts
        .iter()
        .map(|&(id, amount)| (Account::GiftCard(id), amount))
        .collect();
    entries.push((
        Account::OrderHold(order_id),
        -parts.iter().map(|(_, a)| a).sum::<i64>(),
    ));
    Journal::balanced("gift_card_held", entries)
}

/// O10: the payment failed or was abandoned: the exact reverse of [`gift_card_held_journal`].
pub fn gift_card_released_journal(order_id: i64, parts: &[(i64, i64)]) -> Journal {
    let held = gift_card_held_journal(order_id, parts);
    Journal::balanced(
        "gift_card_released",
        held.entries.into_iter().map(|(a, v)| (a, -v)).collect(),
    )
}

/// O7/P2: a card payment of `amount` landed for `what`, which cannot be had: the provider
/// holds the money (debit PspClearing), the payer is owed it (credit UnsoldCharge).
pub fn unsold_charge_journal(what: Unsold, amount_cents: i64) -> Journal {
    Journal::balanced(
        "unsold_charge",
        vec![
            (Account::PspClearing, amount_cents),
            (Account::UnsoldCharge(what), -amount_cents),
        ],
    )
}

/// O7/P2: that payment given back: the exact reverse of [`unsold_charge_journal`].
pub fn unsold_charge_refunded_journal(what: Unsold, amount_cents: i64) -> Journal {
    let owed = unsold_charge_journal(what, amount_cents);
    Journal::balanced(
        "unsold_charge_refunded",
        owed.entries.into_iter().map(|(a, v)| (a, -v)).collect(),
    )
}

/// P1/P2: a batch of earnings released to their sellers by the window timer: per seller,
/// debit SellerPending(s), credit SellerPayable(s), summed. `earnings` are (seller, cents).
pub fn payable_batch_journal(earnings: &[(i64, i64)]) -> Journal {
    // One pair of entries per seller, in the order sellers first appear.
    let mut sums: Vec<(i64, i64)> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for &(seller, cents) in earnings {
        let i = *at.entry(seller).or_insert_with(|| {
            sums.push((seller, 0));
            sums.len() - 1
        });
        sums[i].1 += cents;
    }
    let entries = sums
        .into_iter()
        .flat_map(|(s, c)| {
            [
                (Account::SellerPending(s), c),
                (Account::SellerPayable(s), -c),
            ]
        })
        .collect();
    Journal::balanced("payable_released", entries)
}

/// P1/P2: a seller's payout confirmed sent by the bank: debit SellerPayable(s), credit
/// PayoutsClearing.
pub fn payout_sent_journal(seller_id: i64, amount_cents: i64) -> Journal {
    Journal::balanced(
        "payout_sent",
        vec![
            (Account::SellerPayable(seller_id), amount_cents),
            (Account::PayoutsClearing, -amount_cents),
        ],
    )
}

#[cfg(test)]
mod tests;
