//! The quote (O1–O5, O8, O9): everything the buyer pays, line by line, shown before payment.

use serde::{Deserialize, Serialize};

use super::apply_bps;
use super::delivery::delivery_estimate;
use super::fees::{bulk_discount, qc_fee};
use super::shipping::{ShippingMode, in_eu_customs_territory, shipping_charge, zone_of};
use crate::country::COUNTRIES;
use crate::policy::Policy;

/// One piece of the order, as priced now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub piece_id: i64,
    pub seller_id: i64,
    pub price_cents: i64,
    pub weight_g: i64,
    pub brand: String,
    pub category: String,
}

/// One parcel to the buyer. `seller_id: None` is the workshop's parcel (grouped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parcel {
    pub seller_id: Option<i64>,
    pub piece_ids: Vec<i64>,
    pub weight_g: i64,
    pub shipping_cents: i64,
}

/// O5: what customs may ask on arrival. Pence amounts are for the United Kingdom only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customs {
    /// The destination is outside the EU customs territory: duties may be asked of the buyer.
    pub duties_notice: bool,
    pub uk_import_vat: bool,
    pub uk_goods_pence: i64,
    /// Goods + shipping + handling, in pence.
    pub uk_vat_base_pence: i64,
    /// 0 unless `uk_import_vat`.
    pub uk_vat_pence: i64,
}

/// What the buyer pays. Identity: total = goods − discount − bulk + shipping + qc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub mode: ShippingMode,
    pub country: String,
    pub parcels: Vec<Parcel>,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub discount_cents: i64,
    pub bulk_discount_cents: i64,
    pub total_cents: i64,
    pub estimate_days: (i64, i64),
    pub customs: Customs,
}

/// Why no quote can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteError {
    EmptyCart,
    /// Not a country Pépite serves, or the rate table or the delivery table lacks it.
    UnknownDestination,
    /// A parcel exceeds every band of its zone.
    TooHeavy,
}

impl QuoteError {
    pub fn code(self) -> &'static str {
        match self {
            QuoteError::EmptyCart => "empty_cart",
            QuoteError::UnknownDestination => "unknown_destination",
            QuoteError::TooHeavy => "too_heavy",
        }
    }
}

/// O1: direct makes one parcel per seller, in the order sellers first appear in the cart (so
/// the same cart always gives the same parcels); grouped makes one parcel from the workshop.
fn parcels_of(lines: &[QuoteLine], mode: ShippingMode) -> Vec<Parcel> {
    let mut parcels: Vec<Parcel> = Vec::new();
    for l in lines {
        let from = match mode {
            ShippingMode::Direct => Some(l.seller_id),
            ShippingMode::Grouped => None,
        };
        let i = match parcels.iter().position(|p| p.seller_id == from) {
            Some(i) => i,
            None => {
                parcels.push(Parcel {
                    seller_id: from,
                    piece_ids: Vec::new(),
                    weight_g: 0,
                    shipping_cents: 0,
                });
                parcels.len() - 1
            }
        };
        parcels[i].piece_ids.push(l.piece_id);
        parcels[i].weight_g += l.weight_g.max(0);
    }
    parcels
}

/// Builds the quote. Direct: one parcel per seller, each charged; grouped: one parcel, one
/// charge, plus the QC fee on the goods total before discounts. `discount_cents` is the
/// already-computed code discount (0 if none), clamped to the goods. The bulk tier applies to
/// goods minus the code discount, so discounts never take the goods below zero.
pub fn quote(
    policy: &Policy,
    lines: &[QuoteLine],
    country: &str,
    mode: ShippingMode,
    discount_cents: i64,
) -> Result<Quote, QuoteError> {
    if lines.is_empty() {
        return Err(QuoteError::EmptyCart);
    }
    let country = country.trim().to_ascii_uppercase();
    let zone = zone_of(&country);
    let served = COUNTRIES.iter().any(|(c, _, _)| *c == country);
    if !served || !policy.shipping_rates.iter().any(|r| r.zone == zone) {
        return Err(QuoteError::UnknownDestination);
    }
    let estimate_days =
        delivery_estimate(policy, &country, mode).ok_or(QuoteError::UnknownDestination)?;

    let mut parcels = parcels_of(lines, mode);
    for p in &mut parcels {
        p.shipping_cents = shipping_charge(&policy.shipping_rates, &country, p.weight_g, mode)
            .ok_or(QuoteError::TooHeavy)?;
    }
    let shipping_cents: i64 = parcels.iter().map(|p| p.shipping_cents).sum();
    let goods_cents: i64 = lines.iter().map(|l| l.price_cents.max(0)).sum();
    let qc_fee_cents = qc_fee(policy, goods_cents, mode);
    let discount = discount_cents.clamp(0, goods_cents);
    let bulk = bulk_discount(&policy.bulk_tiers, lines.len(), goods_cents - discount);
    let total_cents = goods_cents - discount - bulk + shipping_cents + qc_fee_cents;

    // O5: each parcel is its own consignment at customs. In direct mode the threshold is
    // tested parcel by parcel and the amounts added up; the grouped parcel carries the fee.
    let customs = match mode {
        ShippingMode::Grouped => {
            customs(policy, &country, goods_cents, shipping_cents + qc_fee_cents)
        }
        ShippingMode::Direct => parcels
            .iter()
            .map(|p| {
                let goods = lines
                    .iter()
                    .filter(|l| Some(l.seller_id) == p.seller_id)
                    .map(|l| l.price_cents.max(0))
                    .sum();
                customs(policy, &country, goods, p.shipping_cents)
            })
            .reduce(merge_customs)
            .unwrap_or_else(|| customs(policy, &country, 0, 0)),
    };

    Ok(Quote {
        mode,
        country,
        parcels,
        goods_cents,
        shipping_cents,
        qc_fee_cents,
        discount_cents: discount,
        bulk_discount_cents: bulk,
        total_cents,
        estimate_days,
        customs,
    })
}

fn merge_customs(a: Customs, b: Customs) -> Customs {
    Customs {
        duties_notice: a.duties_notice || b.duties_notice,
        uk_import_vat: a.uk_import_vat || b.uk_import_vat,
        uk_goods_pence: a.uk_goods_pence + b.uk_goods_pence,
        uk_vat_base_pence: a.uk_vat_base_pence + b.uk_vat_base_pence,
        uk_vat_pence: a.uk_vat_pence + b.uk_vat_pence,
    }
}

/// EUR cents → pence at the configured rate (parts per million), half up.
fn to_pence(policy: &Policy, cents: i64) -> i64 {
    let v = (i128::from(cents.max(0)) * i128::from(policy.gbp_per_eur_ppm.max(0)) + 500_000)
        / 1_000_000;
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// O5 for one parcel: the duties notice outside the EU customs territory, and for the United
/// Kingdom import VAT when the goods are worth more than the threshold, computed on goods +
/// shipping and handling. Goods are taken at their listed prices: the estimate errs on the
/// side of warning the buyer.
pub fn customs(
    policy: &Policy,
    country: &str,
    goods_cents: i64,
    shipping_and_handling_cents: i64,
) -> Customs {
    let duties_notice = !in_eu_customs_territory(country);
    if !country.trim().eq_ignore_ascii_case("GB") {
        return Customs {
            duties_notice,
            uk_import_vat: false,
            uk_goods_pence: 0,
            uk_vat_base_pence: 0,
            uk_vat_pence: 0,
        };
    }
    let uk_goods_pence = to_pence(policy, goods_cents);
    let uk_vat_base_pence = to_pence(
        policy,
        goods_cents.max(0) + shipping_and_handling_cents.max(0),
    );
    let uk_import_vat = uk_goods_pence > policy.uk_vat_threshold_pence;
    Customs {
        duties_notice,
        uk_import_vat,
        uk_goods_pence,
        uk_vat_base_pence,
        uk_vat_pence: if uk_import_vat {
            apply_bps(uk_vat_base_pence, policy.uk_vat_bps)
        } else {
            0
        },
    }
}

#[cfg(test)]
mod tests;
