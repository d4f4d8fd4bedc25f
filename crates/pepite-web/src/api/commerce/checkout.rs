//! Checkout (O1–O12, K1): the quote with every line of the total, then the order and its
//! payment (once per `Idempotency-Key`), and the way back from an authentication step.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::checkout::{self, CheckoutInput, CheckoutOutcome};
use pepite_app::payments;
use pepite_domain::FieldErrors;
use pepite_domain::commerce::ShippingMode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::addresses::PostalAddress;
use super::quote::CheckoutSummary;
use super::{IdempotencyKey, PaymentState, SiteBase, parse_method};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem};
use crate::auth::Lang;
use crate::problem::Problem;
use crate::shop::CurrentShop;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(quote))
        .routes(routes!(place))
        .routes(routes!(resume))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct QuoteBody {
    /// `direct` (each seller ships its pieces) or `grouped` (checked at the workshop, one
    /// parcel, with the quality-control fee).
    #[serde(default)]
    #[schema(example = "direct")]
    pub mode: String,
    /// Destination, ISO 3166-1 alpha-2.
    #[serde(default)]
    #[schema(example = "FR")]
    pub country: String,
    /// Gift-card codes, used in this order (O10).
    #[serde(default)]
    pub gift_cards: Vec<String>,
}

/// What the buyer submits to pay.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckoutBody {
    #[serde(default)]
    #[schema(example = "direct")]
    pub mode: String,
    #[serde(default)]
    pub billing: PostalAddress,
    /// O6: cannot be changed once the order is placed.
    #[serde(default)]
    pub delivery: PostalAddress,
    /// Keep the delivery address in the address book.
    #[serde(default)]
    pub save_address: bool,
    /// O12: `YYYY-MM-DD`, today or later.
    pub needed_before: Option<String>,
    #[serde(default)]
    pub gift_cards: Vec<String>,
    /// `card` (the default) or `paypal`.
    #[serde(default)]
    #[schema(example = "card")]
    pub method: String,
    /// The provider's payment token (sandbox: a test card number such as
    /// `4242424242424242`; Stripe: a PaymentMethod id). Not needed when gift cards pay all.
    #[serde(default)]
    pub token: String,
    /// The quote's `total_cents` the buyer saw; another total is a 409 `total_changed`.
    pub expected_total_cents: Option<i64>,
}

/// The order made by a checkout and how its payment ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckoutResult {
    pub order_id: i64,
    /// O11: the order and invoice number, once paid, e.g. `2026-000001`.
    pub number: Option<String>,
    #[serde(flatten)]
    pub payment: PaymentState,
}

impl From<CheckoutOutcome> for CheckoutResult {
    fn from(o: CheckoutOutcome) -> Self {
        CheckoutResult {
            order_id: o.order_id,
            number: o.number,
            payment: o.payment.into(),
        }
    }
}

/// The shipping mode; a missing or unknown one is a field error (Direct stands in for it).
fn parse_mode(raw: &str, errors: &mut FieldErrors) -> ShippingMode {
    if raw.trim().is_empty() {
        errors.add("mode", "required");
    } else if let Ok(m) = checkout::parse_mode(raw.trim()) {
        return m;
    } else {
        errors.add("mode", "unknown_value");
    }
    ShippingMode::Direct
}

/// The summary of my cart for a destination and a mode.
#[utoipa::path(post, path = "/checkout/quote", tag = "checkout", security(("bearer" = [])),
    request_body = QuoteBody,
    responses(
        (status = 200, body = CheckoutSummary),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`empty_cart`, `pieces_gone` (with `pieces`), `own_piece`, `too_heavy`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`country` `unknown_destination`, `code` refusals, `gift_cards` `gift_card_unknown`/`gift_card_expired`/`gift_card_empty`, or `voucher_other_shop` (a trade-in voucher pays only in its brand's resale shop)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn quote(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    CurrentShop(shop): CurrentShop,
    ApiJson(body): ApiJson<QuoteBody>,
) -> Result<Json<CheckoutSummary>, Problem> {
    let run = async {
        let mut errors = FieldErrors::new();
        let mode = parse_mode(&body.mode, &mut errors);
        if body.country.trim().is_empty() {
            errors.add("country", "required");
        }
        let mode = errors.into_result(mode)?;
        checkout::summary(&s.app, &who, shop.id, mode, &body.country, &body.gift_cards)
            .await
            .map_err(|e| match e {
                // Here the destination is the body's `country`.
                AppError::Invalid(mut f) => {
                    for e in &mut f.0 {
                        if e.field == "delivery.country" {
                            e.field = "country".into();
                        }
                    }
                    AppError::Invalid(f)
                }
                e => e,
            })
    };
    let summary = run.await.map_err(problem(lang))?;
    Ok(Json(CheckoutSummary::from(&summary)))
}

/// Pay my cart (O7). One order and one charge per `Idempotency-Key`: the same key and body
/// answer the first outcome again. A declined payment still makes an order (failed), and its
/// pieces are for sale again at once.
#[utoipa::path(post, path = "/checkout", tag = "checkout", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, pattern = r"\S", description = "Unique per purchase; the same when retrying")),
    request_body = CheckoutBody,
    responses(
        (status = 201, description = "The order, paid, declined, processing or waiting for the buyer's authentication", body = CheckoutResult,
            headers(("Location" = String, description = "The order"))),
        (status = 400, description = "`idempotency_key_missing`, malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`empty_cart`, `pieces_gone` (with `pieces`, each marked `held` while another buyer's payment holds it: nothing was charged), `total_changed`, `idempotency_key_reused`, `request_in_progress`, `own_piece`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The payment provider did not answer; nothing was charged", body = Problem, content_type = "application/problem+json"),
    ))]
async fn place(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    SiteBase(site): SiteBase,
    CurrentShop(shop): CurrentShop,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<CheckoutBody>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let mut errors = FieldErrors::new();
        let mode = parse_mode(&body.mode, &mut errors);
        let method = parse_method(&body.method, &mut errors);
        let (mode, method) = errors.into_result((mode, method))?;
        let input = CheckoutInput {
            shop_id: shop.id,
            mode,
            billing: body.billing.into(),
            delivery: body.delivery.into(),
            save_address: body.save_address,
            needed_before: body.needed_before,
            gift_cards: body.gift_cards,
            method,
            token: body.token,
            expected_total_cents: body.expected_total_cents,
            return_url: format!("{site}/orders/{{order}}/payment-return"),
        };
        checkout::place(&s.app, &who, &key, &input).await
    };
    let outcome = run.await.map_err(problem(lang))?;
    let location = format!("/api/v1/orders/{}", outcome.order_id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(CheckoutResult::from(outcome)),
    ))
}

/// Back from an authentication step (3-D Secure, PayPal): asks the provider how the payment
/// of my order ended and settles it.
#[utoipa::path(post, path = "/orders/{id}/payment/resume", tag = "checkout", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = CheckoutResult),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ))]
async fn resume(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CheckoutResult>, Problem> {
    let outcome = payments::resume_order(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(outcome.into()))
}
