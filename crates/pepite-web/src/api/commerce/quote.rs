//! The checkout summary (every line of the total), and the parts of it that orders show too:
//! parcels with their shipping charge (O1, O3), the delivery estimate (O4) and the customs
//! notice (O5).

use pepite_app::checkout::Summary;
use pepite_domain::commerce::{self, Parcel};
use serde::Serialize;
use utoipa::ToSchema;

use super::CURRENCY;
use super::carts::CartLine;
use crate::api::pieces::SellerRef;

/// One parcel to the buyer, with its shipping charge.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParcelView {
    /// The shop that sends it; absent for the workshop's parcel of a grouped order.
    pub shop: Option<SellerRef>,
    pub piece_ids: Vec<i64>,
    pub weight_g: i64,
    pub shipping_cents: i64,
}

impl ParcelView {
    /// A parcel, with its shop's name from `shop_name`.
    pub fn new(p: &Parcel, shop_name: &impl Fn(i64) -> String) -> Self {
        ParcelView {
            shop: p.seller_id.map(|id| SellerRef {
                id,
                shop_name: shop_name(id),
            }),
            piece_ids: p.piece_ids.clone(),
            weight_g: p.weight_g,
            shipping_cents: p.shipping_cents,
        }
    }
}

/// O4: business days after dispatch (Monday to Friday, French public holidays excluded); a
/// grouped order includes the time to collect every piece at the workshop.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryEstimate {
    #[schema(example = 2)]
    pub min_business_days: i64,
    #[schema(example = 5)]
    pub max_business_days: i64,
}

impl From<(i64, i64)> for DeliveryEstimate {
    fn from((min, max): (i64, i64)) -> Self {
        DeliveryEstimate {
            min_business_days: min,
            max_business_days: max,
        }
    }
}

/// O5: what customs may ask on arrival. Pence amounts concern the United Kingdom only.
#[derive(Debug, Serialize, ToSchema)]
pub struct Customs {
    /// Shipped outside the EU customs territory: import duties and taxes may be asked of the
    /// buyer on arrival, and are the buyer's to pay.
    pub duties_notice: bool,
    /// United Kingdom: import VAT applies (goods worth more than the policy's threshold).
    pub uk_import_vat: bool,
    pub uk_goods_pence: i64,
    /// Goods + shipping + handling, in pence.
    pub uk_vat_base_pence: i64,
    pub uk_vat_pence: i64,
}

impl From<&commerce::Customs> for Customs {
    fn from(c: &commerce::Customs) -> Self {
        Customs {
            duties_notice: c.duties_notice,
            uk_import_vat: c.uk_import_vat,
            uk_goods_pence: c.uk_goods_pence,
            uk_vat_base_pence: c.uk_vat_base_pence,
            uk_vat_pence: c.uk_vat_pence,
        }
    }
}

/// A gift card paying part of the order.
#[derive(Debug, Serialize, ToSchema)]
pub struct GiftCardPart {
    pub code: String,
    pub balance_cents: i64,
    pub amount_cents: i64,
}

/// A cart piece someone else bought first (K1): not in the order.
#[derive(Debug, Serialize, ToSchema)]
pub struct GonePiece {
    pub piece_id: i64,
    pub title: String,
}

/// Every line of the total, computed on the server (the client's figures are never trusted).
/// total = goods − discount − bulk discount + shipping + qc fee; card = total − gift cards.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckoutSummary {
    pub lines: Vec<CartLine>,
    pub gone: Vec<GonePiece>,
    pub mode: &'static str,
    pub country: String,
    pub parcels: Vec<ParcelView>,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub discount_code: Option<String>,
    pub discount_cents: i64,
    pub bulk_discount_cents: i64,
    /// Send it back as `expected_total_cents` when paying.
    pub total_cents: i64,
    pub gift_cards: Vec<GiftCardPart>,
    /// What the card or PayPal pays.
    pub card_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub delivery_estimate: DeliveryEstimate,
    pub customs: Customs,
}

impl From<&Summary> for CheckoutSummary {
    fn from(summary: &Summary) -> Self {
        let shop = |seller: i64| {
            summary
                .lines
                .iter()
                .find(|l| l.row.seller_id == seller)
                .map(|l| l.row.shop_name.clone())
                .unwrap_or_default()
        };
        let q = &summary.quote;
        CheckoutSummary {
            lines: summary.lines.iter().map(CartLine::from).collect(),
            gone: summary
                .gone
                .iter()
                .map(|l| GonePiece {
                    piece_id: l.row.piece_id,
                    title: l.row.title.clone(),
                })
                .collect(),
            mode: q.mode.as_str(),
            country: q.country.clone(),
            parcels: q
                .parcels
                .iter()
                .map(|p| ParcelView::new(p, &shop))
                .collect(),
            goods_cents: q.goods_cents,
            shipping_cents: q.shipping_cents,
            qc_fee_cents: q.qc_fee_cents,
            discount_code: summary.code.as_ref().map(|c| c.code.clone()),
            discount_cents: q.discount_cents,
            bulk_discount_cents: q.bulk_discount_cents,
            total_cents: q.total_cents,
            gift_cards: summary
                .instruments
                .iter()
                .map(|i| GiftCardPart {
                    code: i.code.clone(),
                    balance_cents: i.balance_cents,
                    amount_cents: i.amount_cents,
                })
                .collect(),
            card_cents: summary.card_cents,
            currency: CURRENCY,
            delivery_estimate: q.estimate_days.into(),
            customs: (&q.customs).into(),
        }
    }
}
