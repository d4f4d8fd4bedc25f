//! Price offers (N1–N7) and alerts (L1) in pages: the offer form and the bell on a piece's
//! page, the buyer's offers and alerts, the direct link that buys at the agreed price, the
//! button that declines a counter-offer, and the seller's inbox where offers are accepted, refused or countered.

mod buyer;
mod piece;
mod seller;

pub(in crate::pages) use piece::{AlertBox, OfferBox, boxes};
pub(in crate::pages) use seller::open_count;

use axum::Router;
use axum::routing::{get, post};
use pepite_domain::money::MAX_PRICE;
use pepite_domain::{FieldError, FieldErrors, Money};

use super::PageCtx;
use crate::AppState;
use crate::i18n;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pieces/{id}/offer", post(piece::make))
        .route("/pieces/{id}/alert", post(piece::set_alert))
        .route("/pieces/{id}/alert/remove", post(piece::remove_alert))
        .route("/account/offers", get(buyer::offers))
        .route("/account/alerts", get(buyer::alerts))
        .route("/offers/{id}/buy", get(buyer::buy).post(buyer::buy))
        .route("/offers/{id}/decline", post(buyer::decline))
        .route("/sell/offers", get(seller::inbox))
        .route("/sell/offers/{id}/answer", post(seller::answer))
}

/// An amount typed in euros, as cents; what cannot be read is a field error on `amount`.
fn parse_amount(raw: &str) -> Result<i64, FieldErrors> {
    Money::parse_amount("amount", raw, MAX_PRICE)
        .map(Money::cents)
        .map_err(|e| FieldErrors(vec![e]))
}

/// The sentence beside the amount field. N3's minimum is given as money, which the generic
/// `error-<code>` text (shared with the API, where `limit` is in cents) cannot do.
fn amount_error(ctx: &PageCtx, errors: &FieldErrors) -> Option<String> {
    let e: &FieldError = errors.for_field("amount")?;
    Some(match (e.code, e.limit) {
        ("offer_below_minimum", Some(min)) => ctx.t1("offer-error-minimum", "min", ctx.money(&min)),
        _ => i18n::field_message(ctx.lang, e),
    })
}

/// The sentence for a refusal that is not about a field (`offer_already_made`, …).
pub(in crate::pages) fn conflict_text(ctx: &PageCtx, code: &str) -> String {
    let key = format!("offer-conflict-{}", code.replace('_', "-"));
    if i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t("offer-conflict-other")
    }
}

/// The confirmation shown on a piece's page after a redirect: only known words become a
/// text key, so a crafted link cannot put arbitrary words on the page.
pub(in crate::pages) fn piece_notice(done: &str) -> Option<&'static str> {
    Some(match done {
        "offer_made" => "offer-done-made",
        "counter_declined" => "offer-done-declined",
        "alert_set" => "alert-done-set",
        "alert_removed" => "alert-done-removed",
        "relisted" => "relist-done",
        _ => return None,
    })
}
