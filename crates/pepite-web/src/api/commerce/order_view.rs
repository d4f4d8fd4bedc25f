//! One order as its buyer, one of its sellers or staff see it (A4): a seller gets only their
//! lines and parcels and where to send them, never the totals nor the billing address.

use pepite_app::orders::{LineRow, OrderDetail, Viewer};
use pepite_domain::commerce::masked_gift_card_code;
use serde::Serialize;
use utoipa::ToSchema;

use super::CURRENCY;
use super::addresses::PostalAddress;
use super::quote::{Customs, DeliveryEstimate, ParcelView};
use super::shipments::ShipmentView;
use crate::api::json::timestamp;
use crate::api::photos::PhotoUrls;
use crate::api::pieces::SellerRef;

/// A piece of an order.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderLine {
    pub piece_id: i64,
    pub title: String,
    pub brand: String,
    pub size_label: String,
    pub shop: SellerRef,
    pub price_cents: i64,
    /// The parcel it travels in (1-based, see `parcels`).
    pub parcel: i64,
    /// O13: where its seller sends it: `buyer` or `workshop`.
    pub ship_to: String,
    pub cover: Option<PhotoUrls>,
}

impl From<LineRow> for OrderLine {
    fn from(l: LineRow) -> Self {
        OrderLine {
            piece_id: l.piece_id,
            title: l.title,
            brand: l.brand,
            size_label: l.size_label,
            shop: SellerRef {
                id: l.seller_id,
                shop_name: l.shop_name,
            },
            price_cents: l.price_cents,
            parcel: l.parcel,
            ship_to: l.ship_to,
            cover: l.cover_key.as_deref().map(PhotoUrls::of),
        }
    }
}

/// Every line of what the buyer paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderTotals {
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub discount_cents: i64,
    pub bulk_discount_cents: i64,
    pub total_cents: i64,
    /// Paid by gift cards (O10).
    pub gift_cards_cents: i64,
    /// Paid by card or PayPal.
    pub card_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

/// A gift card that paid part of the order.
#[derive(Debug, Serialize, ToSchema)]
pub struct GiftCardUse {
    /// Only its last four symbols (`…NPQR`), as on invoices: an order view is no way to
    /// spend what is left on a card.
    #[schema(example = "…NPQR")]
    pub code: String,
    pub amount_cents: i64,
}

/// A payment attempt at the provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentAttempt {
    /// `card`, `paypal`.
    pub method: String,
    pub amount_cents: i64,
    /// `pending`, `requires_action`, `succeeded`, `declined`, `canceled`, `failed`,
    /// `refunded`.
    pub state: String,
    pub failure_code: Option<String>,
    pub created_at: String,
}

/// Something that happened to the order: `order_confirmed`, `ship_request`,
/// `payment_failed`…
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderEvent {
    pub kind: String,
    pub detail: String,
    pub created_at: String,
}

/// Who bought (staff only).
#[derive(Debug, Serialize, ToSchema)]
pub struct BuyerRef {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// One order.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderView {
    pub id: i64,
    #[schema(example = "2026-000001")]
    pub number: Option<String>,
    /// The payment's state: `awaiting_payment`, `paid` or `failed`.
    pub state: String,
    /// Item 12: where the order stands, the same for buyer, seller and staff.
    #[schema(schema_with = crate::api::vocabulary::order_progress)]
    pub progress: &'static str,
    pub failure_code: Option<String>,
    /// How the caller sees it: `buyer`, `seller` (only their lines) or `staff`.
    pub viewer: &'static str,
    /// `direct` or `grouped`.
    pub mode: String,
    pub country: String,
    pub created_at: String,
    pub paid_at: Option<String>,
    /// O12: the buyer asked for delivery before this date.
    pub needed_before: Option<String>,
    pub buyer: Option<BuyerRef>,
    pub lines: Vec<OrderLine>,
    pub parcels: Vec<ParcelView>,
    /// F1/F3/F4: each parcel's carrier, tracking and dates (a seller sees their own).
    pub shipments: Vec<ShipmentView>,
    /// Absent for a seller.
    pub totals: Option<OrderTotals>,
    pub gift_cards: Vec<GiftCardUse>,
    pub payments: Vec<PaymentAttempt>,
    /// Absent for a seller.
    pub billing: Option<PostalAddress>,
    /// For a seller, only when they send straight to the buyer (direct).
    pub delivery: Option<PostalAddress>,
    pub delivery_estimate: DeliveryEstimate,
    pub customs: Customs,
    pub events: Vec<OrderEvent>,
}

impl OrderView {
    pub fn new(d: OrderDetail, viewer: Viewer) -> Self {
        let o = d.order;
        let full = !matches!(viewer, Viewer::Seller(_));
        let shops: Vec<(i64, String)> = d
            .lines
            .iter()
            .map(|l| (l.seller_id, l.shop_name.clone()))
            .collect();
        let shop = |id: i64| {
            shops
                .iter()
                .find(|(s, _)| *s == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        let parcels = d
            .quote
            .parcels
            .iter()
            .enumerate()
            .filter(|(i, _)| d.parcels.iter().any(|p| p.parcel == *i as i64 + 1))
            .map(|(_, p)| {
                let mut view = ParcelView::new(p, &shop);
                // A seller sees only their pieces, even in the workshop's parcel.
                view.piece_ids
                    .retain(|id| d.lines.iter().any(|l| l.piece_id == *id));
                view
            })
            .collect();
        let delivery_shown = full || o.mode != "grouped";
        let shipments = d.parcels.iter().map(ShipmentView::from).collect();
        let progress = o.progress().as_str();
        OrderView {
            id: o.id,
            number: o.number,
            progress,
            state: o.state,
            failure_code: o.failure_code,
            viewer: match viewer {
                Viewer::Buyer => "buyer",
                Viewer::Seller(_) => "seller",
                Viewer::Staff => "staff",
            },
            created_at: timestamp(o.created_at),
            paid_at: o.paid_at.map(timestamp),
            needed_before: o.needed_before,
            buyer: matches!(viewer, Viewer::Staff).then(|| BuyerRef {
                id: o.buyer_id,
                name: o.buyer_name,
                email: o.buyer_email,
            }),
            lines: d.lines.into_iter().map(OrderLine::from).collect(),
            parcels,
            shipments,
            totals: full.then_some(OrderTotals {
                goods_cents: o.goods_cents,
                shipping_cents: o.shipping_cents,
                qc_fee_cents: o.qc_fee_cents,
                discount_cents: o.discount_cents,
                bulk_discount_cents: o.bulk_discount_cents,
                total_cents: o.total_cents,
                gift_cards_cents: o.instruments_cents,
                card_cents: o.card_cents,
                currency: CURRENCY,
            }),
            gift_cards: d
                .instruments
                .into_iter()
                .map(|(_, code, amount_cents)| GiftCardUse {
                    code: masked_gift_card_code(&code),
                    amount_cents,
                })
                .collect(),
            payments: d
                .payments
                .into_iter()
                .map(|p| PaymentAttempt {
                    method: p.method,
                    amount_cents: p.amount_cents,
                    state: p.state,
                    failure_code: p.failure_code,
                    created_at: timestamp(p.created_at),
                })
                .collect(),
            billing: full.then(|| d.billing.into()),
            delivery: delivery_shown.then(|| d.delivery.into()),
            delivery_estimate: d.quote.estimate_days.into(),
            customs: (&d.quote.customs).into(),
            events: d
                .events
                .into_iter()
                .map(|e| OrderEvent {
                    kind: e.kind,
                    detail: e.detail,
                    created_at: timestamp(e.created_at),
                })
                .collect(),
            mode: o.mode,
            country: o.country,
        }
    }
}
