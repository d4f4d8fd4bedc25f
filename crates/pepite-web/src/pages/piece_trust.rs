//! What a piece page tells a buyer before they pay, so nothing comes as a surprise at checkout
//! or after: the shipping price and delivery estimate to their country (O3, O4), the return
//! window and who pays the return label (R1, R2), the shop's track record, where to ask, and
//! the language the seller wrote the piece's texts in (they are not machine-translated).

use pepite_app::accounts;
use pepite_app::sellers;
use pepite_domain::commerce::{ShippingMode, delivery_estimate, free_return_zone, shipping_charge};
use pepite_domain::country;
use pepite_domain::policy::Policy;
use pepite_store::catalog::PieceRow;

use super::auth::countries;
use super::ctx::PageCtx;
use super::error::{OrPage, PageError};
use crate::AppState;

/// One way of shipping the piece: its price for this piece's weight, and business days.
pub struct Leg {
    pub cents: i64,
    pub days: (i64, i64),
}

pub struct Trust {
    /// The destination the prices are for (ISO alpha-2).
    pub to: &'static str,
    pub countries: Vec<(&'static str, &'static str)>,
    pub direct: Option<Leg>,
    pub grouped: Option<Leg>,
    /// O2: the quality check's fee on grouped orders (basis points) and its cap (cents).
    pub qc_fee_bps: i64,
    pub qc_fee_cap_cents: i64,
    pub return_days: i64,
    /// R2: a return from this country is free; otherwise it costs `return_cents`.
    pub return_free: bool,
    pub return_cents: Option<i64>,
    pub shop_sold: i64,
    pub shop_since: i64,
    /// The language the seller writes in, which the piece's own texts are in.
    pub text_lang: &'static str,
    /// `mailto:` customer service, about this piece.
    pub ask_href: String,
}

impl Trust {
    /// The note saying which language the seller wrote in.
    pub fn written_in_key(&self) -> &'static str {
        match self.text_lang {
            "en" => "piece-written-in-en",
            _ => "piece-written-in-fr",
        }
    }
}

/// The trust panel for `piece`, priced to `to` when it names a country we serve, else to the
/// signed-in person's country, else to France.
pub async fn trust(
    s: &AppState,
    ctx: &PageCtx,
    piece: &PieceRow,
    to: &str,
) -> Result<Trust, PageError> {
    let policy = s.app.policy_of(ctx.shop_id()).await.or_page(ctx)?;
    let to = match (country::parse("to", to), &ctx.user) {
        (Ok(code), _) => code,
        (Err(_), Some(who)) => {
            let me = accounts::me(&s.app, who).await.or_page(ctx)?;
            country::parse("to", &me.country).unwrap_or("FR")
        }
        (Err(_), None) => "FR",
    };
    let record = sellers::track_record(&s.app, piece.seller_id)
        .await
        .or_page(ctx)?;
    let leg = |mode| leg(&policy, to, piece.weight_g, mode);
    let return_free = free_return_zone(to);
    let subject = ctx.t2("trust-ask-subject", "id", piece.id, "title", &piece.title);
    Ok(Trust {
        to,
        countries: countries(ctx.lang),
        direct: leg(ShippingMode::Direct),
        grouped: leg(ShippingMode::Grouped),
        qc_fee_bps: policy.qc_fee_bps,
        qc_fee_cap_cents: policy.qc_fee_cap_cents,
        return_days: policy.return_window_days,
        return_free,
        return_cents: (!return_free)
            .then(|| {
                shipping_charge(
                    &policy.shipping_rates,
                    to,
                    piece.weight_g,
                    ShippingMode::Direct,
                )
            })
            .flatten(),
        shop_sold: record.sold,
        shop_since: record.since,
        text_lang: record.language.as_str(),
        ask_href: format!(
            "mailto:{}?subject={}",
            policy.legal_identity.support_email,
            super::ctx::urlencode(&subject)
        ),
    })
}

fn leg(policy: &Policy, to: &str, weight_g: i64, mode: ShippingMode) -> Option<Leg> {
    Some(Leg {
        cents: shipping_charge(&policy.shipping_rates, to, weight_g, mode)?,
        days: delivery_estimate(policy, to, mode)?,
    })
}
