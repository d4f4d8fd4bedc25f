//! The voucher API of sales channels (T7): a boutique's till or the brand's e-shop, holding a
//! channel token from the partner console, checks a code, redeems an amount once per
//! `Idempotency-Key` (concurrent tills can never take a voucher below zero) and reverses a
//! redemption once.

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::tradein::channels::{self, ChannelRow, Redeemed};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::commerce::IdempotencyKey;
use crate::api::json::{ApiJson, ApiPath, Price, problem, timestamp};
use crate::auth::{Lang, language_of};
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(check))
        .routes(routes!(redeem))
        .routes(routes!(reverse))
}

/// The sales channel whose token the request carries (`Authorization: Bearer pch_…`).
pub struct ApiChannel(pub ChannelRow);

impl FromRequestParts<AppState> for ApiChannel {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        match channels::authenticate(&state.app, token).await {
            Ok(channel) => Ok(ApiChannel(channel)),
            Err(e) => {
                let mut r = Problem::from_app(e, language_of(parts)).into_response();
                r.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                Err(r)
            }
        }
    }
}

/// What a till sees of a voucher.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoucherCheck {
    #[schema(example = "7K3M-Q9XD-2HWN-4PLR")]
    pub code: String,
    pub balance: Price,
    pub expires_at: String,
    /// `active` (pays up to `balance`), `empty` or `expired` (pays nothing).
    #[schema(example = "active")]
    pub status: &'static str,
}

/// Check a voucher: what it may still pay, until when (T7).
///
/// A code of another brand's programme, or no voucher at all, answers 404.
#[utoipa::path(get, path = "/channel/vouchers/{code}", tag = "vouchers", security(("channel" = [])),
    params(("code" = String, Path, description = "With or without dashes and spaces, any case")),
    responses(
        (status = 200, body = VoucherCheck),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn check(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiChannel(channel): ApiChannel,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<VoucherCheck>, Problem> {
    let v = channels::check(&s.app, &channel, &code)
        .await
        .map_err(problem(lang))?;
    Ok(Json(VoucherCheck {
        code: v.code,
        balance: Price::cents(v.balance_cents),
        expires_at: timestamp(v.expires_at),
        status: v.status,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RedemptionBody {
    #[schema(example = "7K3M-Q9XD-2HWN-4PLR")]
    pub code: String,
    /// What the voucher pays of the sale, in cents.
    #[schema(example = 2500)]
    pub amount_cents: i64,
    /// The till's own receipt number, kept with the redemption.
    #[serde(default)]
    #[schema(example = "T3-000412")]
    pub reference: String,
}

/// A redemption and what the voucher holds after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RedemptionView {
    pub id: i64,
    pub code: String,
    pub amount: Price,
    pub reference: String,
    /// `redeemed` or `reversed`.
    pub state: String,
    pub created_at: String,
    pub reversed_at: Option<String>,
    /// The voucher's balance now.
    pub balance: Price,
}

impl From<Redeemed> for RedemptionView {
    fn from(r: Redeemed) -> Self {
        let x = r.redemption;
        RedemptionView {
            id: x.id,
            code: x.code,
            amount: Price::cents(x.amount_cents),
            reference: x.reference,
            state: x.state,
            created_at: timestamp(x.created_at),
            reversed_at: x.reversed_at.map(timestamp),
            balance: Price::cents(r.balance_cents),
        }
    }
}

/// Redeem part or all of a voucher at this channel (T7, O10).
///
/// Send a new `Idempotency-Key` per sale and the same one when retrying after a timeout: the
/// retry answers the first redemption (200) instead of taking the amount twice. Two tills
/// redeeming the same voucher at once are decided by the database: the voucher never goes
/// below zero, and the one that no longer fits gets 409 `insufficient_balance`.
///
/// Example: `curl -X POST …/api/v1/channel/redemptions -H 'Authorization: Bearer pch_…'
/// -H 'Idempotency-Key: till3-000412' -H 'Content-Type: application/json'
/// -d '{"code":"7K3M-Q9XD-2HWN-4PLR","amount_cents":2500,"reference":"T3-000412"}'`
#[utoipa::path(post, path = "/channel/redemptions", tag = "vouchers", security(("channel" = [])),
    params(("Idempotency-Key" = String, Header, pattern = r"\S", description = "Unique per sale; the same when retrying")),
    request_body = RedemptionBody,
    responses(
        (status = 201, body = RedemptionView),
        (status = 200, description = "A retry: the redemption already made under this key", body = RedemptionView),
        (status = 400, description = "`idempotency_key_missing`, malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such voucher for this programme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`insufficient_balance`, `voucher_expired`, `idempotency_key_reused` (another code or amount)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`amount_cents` `out_of_range`; `reference` `too_long`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn redeem(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiChannel(channel): ApiChannel,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<RedemptionBody>,
) -> Result<impl IntoResponse, Problem> {
    let r = channels::redeem(
        &s.app,
        &channel,
        &body.code,
        body.amount_cents,
        &key,
        &body.reference,
    )
    .await
    .map_err(problem(lang))?;
    let status = if r.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(RedemptionView::from(r))))
}

/// Reverse a redemption of this channel (a refund at the till): the amount goes back on the
/// voucher, once.
#[utoipa::path(post, path = "/channel/redemptions/{id}/reversal", tag = "vouchers", security(("channel" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = RedemptionView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_reversed`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn reverse(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiChannel(channel): ApiChannel,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RedemptionView>, Problem> {
    let r = channels::reverse(&s.app, &channel, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(RedemptionView::from(r)))
}
