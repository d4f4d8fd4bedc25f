//! The person's store credit and vouchers (T6, T7): balances per programme, vouchers issued
//! now or on a chosen date, and withdrawing one still waiting for its date.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::tradein::credit::{self, RequestRow, VoucherInput, VoucherRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, Price, problem, timestamp};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(wallet))
        .routes(routes!(issue))
        .routes(routes!(withdraw))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreditView {
    pub programme_id: i64,
    pub programme: String,
    pub balance: Price,
}

/// A voucher (T7): valid on everything, in every channel, until `expires_at`.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoucherView {
    pub id: i64,
    pub programme_id: i64,
    #[schema(example = "7K3M-Q9XD-2HWN-4PLR")]
    pub code: String,
    pub amount: Price,
    pub balance: Price,
    pub issued_at: String,
    pub expires_at: String,
}

impl From<VoucherRow> for VoucherView {
    fn from(v: VoucherRow) -> Self {
        let i = v.instrument;
        VoucherView {
            id: i.id,
            programme_id: v.programme_id,
            code: i.code,
            amount: Price::cents(i.initial_cents),
            balance: Price::cents(i.balance_cents),
            issued_at: timestamp(i.created_at),
            expires_at: timestamp(i.expires_at),
        }
    }
}

/// A voucher asked for: `scheduled` (its credit set aside until `issue_at`), `issued` (see
/// `voucher_id`) or `cancelled`.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoucherRequestView {
    pub id: i64,
    pub programme_id: i64,
    pub amount: Price,
    pub issue_at: String,
    pub state: String,
    pub voucher_id: Option<i64>,
}

impl From<RequestRow> for VoucherRequestView {
    fn from(r: RequestRow) -> Self {
        VoucherRequestView {
            id: r.id,
            programme_id: r.programme_id,
            amount: Price::cents(r.amount_cents),
            issue_at: timestamp(r.issue_at),
            state: r.state,
            voucher_id: r.instrument_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WalletView {
    pub credits: Vec<CreditView>,
    pub vouchers: Vec<VoucherView>,
    pub requests: Vec<VoucherRequestView>,
}

/// My store credit per programme, my vouchers and my voucher requests.
#[utoipa::path(get, path = "/trade-in/credit", tag = "trade-in", security(("bearer" = [])),
    responses(
        (status = 200, body = WalletView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn wallet(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<WalletView>, Problem> {
    let w = credit::wallet(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(WalletView {
        credits: w
            .credits
            .into_iter()
            .map(|c| CreditView {
                programme_id: c.programme_id,
                programme: c.programme_name,
                balance: Price::cents(c.balance_cents),
            })
            .collect(),
        vouchers: w.vouchers.into_iter().map(VoucherView::from).collect(),
        requests: w
            .requests
            .into_iter()
            .map(VoucherRequestView::from)
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VoucherBody {
    pub programme_id: i64,
    /// At least 500 (5 €), at most the credit.
    #[schema(example = 4000)]
    pub amount_cents: i64,
    /// RFC 3339; absent or past: issued now. At most a year ahead.
    #[serde(default)]
    #[schema(example = "2027-01-15T00:00:00+01:00")]
    pub issue_at: Option<String>,
}

/// Issue a voucher from my store credit (T7), now or on a date of my choosing: the credit is
/// taken at once (refused if it does not cover the amount, nothing taken).
#[utoipa::path(post, path = "/trade-in/vouchers", tag = "trade-in", security(("bearer" = [])),
    request_body = VoucherBody,
    responses(
        (status = 201, body = VoucherRequestView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`amount` `credit_too_low` or `amount_too_small`; `issue_at` `invalid_date` or `too_far`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn issue(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<VoucherBody>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let issue_at = match body
            .issue_at
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => None,
            Some(t) => Some(
                t.parse::<jiff::Timestamp>()
                    .map_err(|_| pepite_app::AppError::field("issue_at", "invalid_date"))?
                    .as_microsecond(),
            ),
        };
        let input = VoucherInput {
            programme_id: body.programme_id,
            amount_cents: body.amount_cents,
            issue_at,
        };
        credit::request(&s.app, &who, &input).await
    };
    let r = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(VoucherRequestView::from(r))))
}

/// Withdraw a voucher request still waiting for its date; its credit comes back.
#[utoipa::path(delete, path = "/trade-in/voucher-requests/{id}", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_issued`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn withdraw(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    credit::cancel(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
