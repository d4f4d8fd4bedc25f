//! Both shipping modes priced side by side (O1–O5, O8–O10): every line of each total, the
//! parcels, the delivery estimate with its dates, and what customs may ask.

use std::collections::HashMap;

use pepite_app::checkout::Summary;
use pepite_domain::commerce::{ShippingMode, add_business_days};
use pepite_domain::policy::Policy;

use crate::i18n::pounds;
use crate::pages::PageCtx;
use crate::pages::buy::civil_date;
use pepite_domain::commerce::masked_gift_card_code as masked;

/// One parcel of an option: where it leaves from, how many pieces, its charge.
pub struct ParcelView {
    pub from: String,
    pub pieces: usize,
    pub shipping_cents: i64,
}

/// One shipping mode, priced.
pub struct ModeOption {
    pub mode: &'static str,
    pub checked: bool,
    pub parcels: Vec<ParcelView>,
    pub goods_cents: i64,
    pub code: Option<(String, i64)>,
    pub bulk_cents: i64,
    /// O9: the rate behind `bulk_cents`, basis points, to explain it.
    pub bulk_bps: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub total_cents: i64,
    /// O10: (masked code, amount taken).
    pub gift_cards: Vec<(String, i64)>,
    pub card_cents: i64,
    pub days: (i64, i64),
    /// The estimate as dates from today: (earliest, latest).
    pub dates: (String, String),
    /// O5: the United Kingdom's import VAT, as a sentence, for British addresses only.
    pub uk_vat: Option<String>,
}

impl ModeOption {
    pub fn new(
        ctx: &PageCtx,
        policy: &Policy,
        summary: &Summary,
        chosen: ShippingMode,
        today: jiff::civil::Date,
    ) -> ModeOption {
        let q = &summary.quote;
        let shops: HashMap<i64, &str> = summary
            .lines
            .iter()
            .map(|l| (l.row.seller_id, l.row.shop_name.as_str()))
            .collect();
        let parcels = q
            .parcels
            .iter()
            .map(|p| ParcelView {
                from: match p.seller_id.and_then(|id| shops.get(&id)) {
                    Some(shop) => ctx.t1("checkout-parcel-from", "shop", shop),
                    None => ctx.t("checkout-parcel-workshop"),
                },
                pieces: p.piece_ids.len(),
                shipping_cents: p.shipping_cents,
            })
            .collect();
        let uk_vat = q.country.eq("GB").then(|| {
            let c = &q.customs;
            let threshold = pounds(ctx.lang, policy.uk_vat_threshold_pence);
            let goods = pounds(ctx.lang, c.uk_goods_pence);
            if c.uk_import_vat {
                let args = [
                    ("goods", goods),
                    ("threshold", threshold),
                    ("vat", pounds(ctx.lang, c.uk_vat_pence)),
                    ("base", pounds(ctx.lang, c.uk_vat_base_pence)),
                ];
                crate::i18n::t_args(ctx.lang, "customs-uk-vat", &args)
            } else {
                ctx.t2("customs-uk-no-vat", "goods", goods, "threshold", threshold)
            }
        });
        let (min, max) = q.estimate_days;
        ModeOption {
            mode: q.mode.as_str(),
            checked: q.mode == chosen,
            parcels,
            goods_cents: q.goods_cents,
            code: summary
                .code
                .as_ref()
                .map(|c| (c.code.clone(), c.amount_cents)),
            bulk_cents: q.bulk_discount_cents,
            bulk_bps: pepite_domain::commerce::bulk_rate(&policy.bulk_tiers, summary.lines.len()),
            shipping_cents: q.shipping_cents,
            qc_fee_cents: q.qc_fee_cents,
            total_cents: q.total_cents,
            gift_cards: summary
                .instruments
                .iter()
                .map(|i| (masked(&i.code), i.amount_cents))
                .collect(),
            card_cents: summary.card_cents,
            days: (min, max),
            dates: (
                civil_date(ctx, add_business_days(today, min)),
                civil_date(ctx, add_business_days(today, max)),
            ),
            uk_vat,
        }
    }

    pub fn is_grouped(&self) -> bool {
        self.mode == ShippingMode::Grouped.as_str()
    }
}
