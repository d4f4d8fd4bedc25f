//! The commerce API: carts, checkout, orders and their shipments, gift cards, the address book, discount codes,
//! finance, policies and payment webhooks; plus what their handlers share (the
//! `Idempotency-Key` header, the address the provider sends the buyer back to, pages).

mod addresses;
mod cancellation;
mod carts;
mod checkout;
mod discounts;
mod exports;
mod finance;
mod gift_cards;
mod invoices;
mod order_view;
mod orders;
mod parcel_followup;
mod payouts;
mod policies;
mod quote;
mod returns;
mod shipments;
mod visitor_carts;
pub(crate) mod webhooks;
mod workshop;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use pepite_app::checkout::PaymentOutcome;
use pepite_app::payments::Method;
use pepite_domain::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(carts::routes())
        .merge(visitor_carts::routes())
        .merge(checkout::routes())
        .merge(orders::routes())
        .merge(shipments::routes())
        .merge(cancellation::routes())
        .merge(returns::routes())
        .merge(invoices::routes())
        .merge(gift_cards::routes())
        .merge(addresses::routes())
        .merge(discounts::routes())
        .merge(finance::routes())
        .merge(exports::routes())
        .merge(policies::routes())
        .merge(payouts::routes())
        .merge(webhooks::routes())
        .merge(workshop::routes())
        .merge(parcel_followup::routes())
}

/// The currency of every amount (integer cents) the commerce API returns.
const CURRENCY: &str = pepite_domain::money::CURRENCY;

/// The `Idempotency-Key` header a request that moves money must carry (O7): the same key and
/// body answer the first response again; the same key with another body is a 409. Missing:
/// 400 `idempotency_key_missing`.
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let key = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|k| !k.is_empty());
        match key {
            Some(k) => Ok(IdempotencyKey(k.to_owned())),
            None => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "idempotency_key_missing",
                "This request needs an Idempotency-Key header",
            )
            .detail("Send a unique value (e.g. a UUID) per purchase, and the same value when retrying it.")),
        }
    }
}

/// `{scheme}://{host}` of the request, where the payment provider sends the buyer back after
/// an authentication step. The scheme follows the configured public address (https turns on
/// secure cookies too); a missing or odd `Host` falls back to that address.
pub struct SiteBase(pub String);

impl FromRequestParts<AppState> for SiteBase {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let scheme = if state.config.secure_cookies() {
            "https"
        } else {
            "http"
        };
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .filter(|h| {
                !h.is_empty()
                    && h.len() <= 255
                    && h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
            });
        Ok(SiteBase(match host {
            Some(h) => format!("{scheme}://{h}"),
            None => state.config.public_url.trim_end_matches('/').to_owned(),
        }))
    }
}

/// `card` (also when empty) or `paypal`; another value is a field error on `method`.
fn parse_method(raw: &str, errors: &mut FieldErrors) -> Method {
    match raw.trim() {
        "" => Method::Card,
        m => Method::parse(m).unwrap_or_else(|| {
            errors.add("method", "unknown_value");
            Method::Card
        }),
    }
}

/// How a payment ended, as the client acts on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentState {
    /// `paid`; `action_required` (send the buyer to `redirect_url`, then call the resume
    /// endpoint); `processing` (the provider answers later); `declined` (nothing was charged
    /// and the pieces are for sale again).
    #[schema(example = "paid")]
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Why it was declined, e.g. `card_declined`, `insufficient_funds`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decline_code: Option<String>,
}

impl From<PaymentOutcome> for PaymentState {
    fn from(o: PaymentOutcome) -> Self {
        let (status, redirect_url, decline_code) = match o {
            PaymentOutcome::Paid => ("paid", None, None),
            PaymentOutcome::ActionRequired { redirect_url } => {
                ("action_required", Some(redirect_url), None)
            }
            PaymentOutcome::Processing => ("processing", None, None),
            PaymentOutcome::Declined { code } => ("declined", None, Some(code)),
        };
        PaymentState {
            status,
            redirect_url,
            decline_code,
        }
    }
}

/// Cursor pagination of the commerce lists, newest first.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Only items older than this one (the previous page's `next_before`).
    pub before: Option<i64>,
    /// 1 to 100, default 50.
    pub limit: Option<i64>,
}

impl PageQuery {
    fn limit(&self) -> i64 {
        self.limit.unwrap_or(50).clamp(1, 100)
    }
}

/// The cursor of the next page: the last id of a full page; none after a short one.
fn next_before<T>(items: &[T], limit: i64, id: impl Fn(&T) -> i64) -> Option<i64> {
    (items.len() as i64 >= limit)
        .then(|| items.last().map(id))
        .flatten()
}
