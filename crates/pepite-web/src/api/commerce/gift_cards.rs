//! Gift cards (G1, G2): bought for someone with a message (once per `Idempotency-Key`), listed
//! with their codes and balances for their buyer, and a balance anyone holding a code may check.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::gift_cards::{self, GiftCardInput};
use pepite_domain::FieldErrors;
use pepite_store::commerce::instruments::InstrumentRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{CURRENCY, IdempotencyKey, PaymentState, SiteBase, parse_method};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiQuery, problem, timestamp};
use crate::auth::{ClientAddr, Lang};
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(buy, my_gift_cards))
        .routes(routes!(balance))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GiftCardBody {
    /// G1: from 2 500 to 50 000 (25 € to 500 €).
    #[schema(example = 5000)]
    pub amount_cents: Option<i64>,
    #[serde(default)]
    pub recipient_name: String,
    /// Where the card is sent; optional.
    #[serde(default)]
    pub recipient_email: String,
    /// Absent: my display name.
    #[serde(default)]
    pub sender_name: String,
    #[serde(default)]
    pub message: String,
    /// `card` (the default) or `paypal`.
    #[serde(default)]
    pub method: String,
    /// The provider's payment token (sandbox: a test card number).
    #[serde(default)]
    pub token: String,
}

/// A gift card as its buyer sees it. The code is shown once the card is paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct GiftCard {
    pub id: i64,
    /// `pending` (payment under way), `active` or `failed`.
    pub state: String,
    #[schema(example = "7K3M-Q9XD-2HWN-4PLR")]
    pub code: Option<String>,
    pub initial_cents: i64,
    pub balance_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub recipient_name: String,
    pub recipient_email: String,
    pub sender_name: String,
    pub message: String,
    pub created_at: String,
    /// G1: a year after purchase; an expired card pays nothing (G2).
    pub expires_at: String,
}

impl From<InstrumentRow> for GiftCard {
    fn from(r: InstrumentRow) -> Self {
        GiftCard {
            id: r.id,
            code: (r.state == "active").then_some(r.code),
            state: r.state,
            initial_cents: r.initial_cents,
            balance_cents: r.balance_cents,
            currency: CURRENCY,
            recipient_name: r.recipient_name,
            recipient_email: r.recipient_email,
            sender_name: r.sender_name,
            message: r.message,
            created_at: timestamp(r.created_at),
            expires_at: timestamp(r.expires_at),
        }
    }
}

/// A gift-card purchase and how its payment ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct GiftCardPurchase {
    #[serde(flatten)]
    pub payment: PaymentState,
    pub gift_card: GiftCard,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BalanceQuery {
    /// The card's code, with or without dashes and spaces.
    #[param(required = true, pattern = r"\S")]
    pub code: Option<String>,
}

/// G2: what a code may still pay.
#[derive(Debug, Serialize, ToSchema)]
pub struct GiftCardBalance {
    /// 0 once expired.
    pub balance_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub expires_at: String,
    pub expired: bool,
}

/// Buy a gift card (G1). One card and one charge per `Idempotency-Key`.
#[utoipa::path(post, path = "/gift-cards", tag = "gift-cards", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, pattern = r"\S", description = "Unique per purchase; the same when retrying")),
    request_body = GiftCardBody,
    responses(
        (status = 201, body = GiftCardPurchase),
        (status = 400, description = "`idempotency_key_missing`, malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`idempotency_key_reused`, `request_in_progress`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `amount` `out_of_range` (25 € to 500 €)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The payment provider did not answer", body = Problem, content_type = "application/problem+json"),
    ))]
async fn buy(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    SiteBase(site): SiteBase,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<GiftCardBody>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let mut errors = FieldErrors::new();
        let method = parse_method(&body.method, &mut errors);
        let amount_cents = body.amount_cents.unwrap_or_else(|| {
            errors.add("amount", "required");
            0
        });
        errors.into_result(())?;
        let input = GiftCardInput {
            amount_cents,
            recipient_name: body.recipient_name,
            recipient_email: body.recipient_email,
            sender_name: body.sender_name,
            message: body.message,
            method,
            token: body.token,
            return_url: format!("{site}/gift-cards/{{card}}/payment-return"),
        };
        let outcome = gift_cards::buy(&s.app, &who, &key, &input).await?;
        let card = gift_cards::mine(&s.app, &who, outcome.gift_card_id).await?;
        Ok::<_, AppError>(GiftCardPurchase {
            payment: outcome.payment.into(),
            gift_card: card.into(),
        })
    };
    let purchase = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(purchase)))
}

/// The gift cards I bought, with their codes and balances.
#[utoipa::path(get, path = "/gift-cards", tag = "gift-cards", security(("bearer" = [])),
    responses(
        (status = 200, body = [GiftCard]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_gift_cards(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<GiftCard>>, Problem> {
    let rows = gift_cards::list_mine(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(rows.into_iter().map(GiftCard::from).collect()))
}

/// The balance of a gift card (G2), for anyone holding its code.
///
/// Checks are counted per network address; past the limit the answer is 429.
#[utoipa::path(get, path = "/gift-cards/balance", tag = "gift-cards",
    params(BalanceQuery),
    responses(
        (status = 200, body = GiftCardBalance),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code` `required` or `gift_card_unknown`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many checks from this address", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn balance(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ClientAddr(addr): ClientAddr,
    ApiQuery(q): ApiQuery<BalanceQuery>,
) -> Result<Json<GiftCardBalance>, Problem> {
    let run = async {
        let code = q.code.filter(|c| !c.trim().is_empty());
        let code = code.ok_or_else(|| AppError::field("code", "required"))?;
        gift_cards::balance(&s.app, &code, &addr).await
    };
    let b = run.await.map_err(problem(lang))?;
    Ok(Json(GiftCardBalance {
        balance_cents: b.balance_cents,
        currency: CURRENCY,
        expires_at: timestamp(b.expires_at),
        expired: b.expired,
    }))
}
