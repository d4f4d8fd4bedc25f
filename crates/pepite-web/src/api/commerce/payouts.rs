//! Seller payouts in the API (P1): a shop's payout account (IBAN checked by its checksum,
//! shown masked) and statement; finance's payables, payout runs, their SEPA files
//! (`pain.001.001.03`) and their confirmation. A run takes lines by compare-and-set, so
//! running twice (or two people at once) never pays a line twice: the second finds
//! `nothing_to_pay`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::payouts::{self, AccountView, Payout, StatementItem};
use pepite_domain::commerce::PayoutAccountInput;
use pepite_store::commerce::payouts::{Owed, PayoutItemRow, PayoutRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{CURRENCY, PageQuery, next_before};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::documents::sepa_download;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_account, put_account))
        .routes(routes!(statement))
        .routes(routes!(payables))
        .routes(routes!(list_runs, run_payout))
        .routes(routes!(one_run))
        .routes(routes!(run_file))
        .routes(routes!(confirm_run))
}

/// A shop's payout account, its IBAN masked but the last four characters.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayoutAccountView {
    #[schema(example = "•••• 0189")]
    pub iban: String,
    pub holder: String,
    pub bic: Option<String>,
    pub updated_at: String,
}

impl From<AccountView> for PayoutAccountView {
    fn from(a: AccountView) -> Self {
        PayoutAccountView {
            iban: a.iban_masked,
            holder: a.holder,
            bic: a.bic,
            updated_at: timestamp(a.updated_at),
        }
    }
}

/// P1: the account payouts are sent to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayoutAccountBody {
    /// As printed (spaces allowed); checked by its ISO 13616 checksum and its country's length.
    #[schema(example = "FR76 3000 6000 0112 3456 7890 189", max_length = 42)]
    pub iban: String,
    /// The account holder's name, as the bank knows it.
    #[schema(example = "Léa Martin", max_length = 70)]
    pub holder: String,
    /// Optional.
    #[schema(example = "BNPAFRPP", max_length = 11)]
    #[serde(default)]
    pub bic: Option<String>,
}

/// My shop's payout account.
#[utoipa::path(get, path = "/seller/payout-account", tag = "payouts", security(("bearer" = [])),
    responses(
        (status = 200, body = PayoutAccountView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No shop", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No account given yet", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_account(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<PayoutAccountView>, Problem> {
    let account = payouts::account(&s.app, &who)
        .await
        .map_err(problem(lang))?
        .ok_or_else(|| problem(lang)(pepite_app::AppError::NotFound))?;
    Ok(Json(account.into()))
}

/// P1: sets or replaces my shop's payout account; the change is recorded.
#[utoipa::path(put, path = "/seller/payout-account", tag = "payouts", security(("bearer" = [])),
    request_body = PayoutAccountBody,
    responses(
        (status = 200, body = PayoutAccountView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No shop", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`iban` `required` or `iban_invalid` (checksum, length, country), `holder` `required` or `too_long`, `bic` `bic_invalid`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn put_account(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<PayoutAccountBody>,
) -> Result<Json<PayoutAccountView>, Problem> {
    let input = PayoutAccountInput {
        iban: body.iban,
        holder: body.holder,
        bic: body.bic.unwrap_or_default(),
    };
    let view = payouts::set_account(&s.app, &who, &input)
        .await
        .map_err(problem(lang))?;
    Ok(Json(view.into()))
}

/// What a shop is owed, by status.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwedView {
    pub seller_id: i64,
    pub shop_name: String,
    /// Return window still open (or a return in progress).
    pub pending_cents: i64,
    /// Released, waiting for the next payout run.
    pub payable_cents: i64,
    /// In a run not yet confirmed by the bank.
    pub in_payout_cents: i64,
    pub paid_cents: i64,
    pub has_payout_account: bool,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

impl From<Owed> for OwedView {
    fn from(o: Owed) -> Self {
        OwedView {
            seller_id: o.seller_id,
            shop_name: o.shop_name,
            pending_cents: o.pending_cents,
            payable_cents: o.payable_cents,
            in_payout_cents: o.in_payout_cents,
            paid_cents: o.paid_cents,
            has_payout_account: o.has_account,
            currency: CURRENCY,
        }
    }
}

/// One sold piece on the statement. Refunded pieces are not listed: they earn nothing.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementLineView {
    pub order_id: i64,
    pub order_number: Option<String>,
    pub piece_id: i64,
    pub title: String,
    pub price_cents: i64,
    /// The price less the platform's commission.
    pub earning_cents: i64,
    #[schema(example = "pending")]
    pub status: String,
    pub delivered_at: Option<String>,
    /// While pending with no return asked: the instant it becomes payable.
    pub payable_from: Option<String>,
    pub return_in_progress: bool,
    pub payable_at: Option<String>,
    pub payout_id: Option<i64>,
    pub paid_at: Option<String>,
}

impl From<StatementItem> for StatementLineView {
    fn from(i: StatementItem) -> Self {
        let l = i.line;
        StatementLineView {
            order_id: l.order_id,
            order_number: l.number,
            piece_id: l.piece_id,
            title: l.title,
            price_cents: l.price_cents,
            earning_cents: l.earning_cents,
            status: l.status,
            delivered_at: l.delivered_at.map(timestamp),
            payable_from: i.payable_from.map(timestamp),
            return_in_progress: l.return_asked_at.is_some() && l.payable_at.is_none(),
            payable_at: l.payable_at.map(timestamp),
            payout_id: l.payout_id,
            paid_at: l.paid_at.map(timestamp),
        }
    }
}

/// A seller's statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementView {
    pub totals: OwedView,
    pub items: Vec<StatementLineView>,
    /// Pass as `before` for the next page (an order id); absent on the last page.
    pub next_before: Option<i64>,
}

/// P1: my shop's statement: what is pending (with the day it becomes payable), payable, in a
/// payout and paid, newest orders first.
#[utoipa::path(get, path = "/seller/statement", tag = "payouts", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = StatementView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No shop", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn statement(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<StatementView>, Problem> {
    let st = payouts::statement(&s.app, &who, q.before)
        .await
        .map_err(problem(lang))?;
    // A page is 100 lines; a shorter one is the last.
    let next = next_before(&st.lines, 100, |i| i.line.order_id);
    Ok(Json(StatementView {
        totals: st.owed.into(),
        items: st.lines.into_iter().map(Into::into).collect(),
        next_before: next,
    }))
}

/// A shop with released earnings and no payout account.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitingShop {
    pub seller_id: i64,
    pub shop_name: String,
    pub payable_cents: i64,
    pub pieces: i64,
}

/// Finance's view of seller payables and the platform's commission.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayablesView {
    /// The 200 shops owed most.
    pub shops: Vec<OwedView>,
    /// Not paid by a run until they give a payout account.
    pub waiting: Vec<WaitingShop>,
    pub commission_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

/// P1/P2: seller payables (pending, payable, in payout, paid) and the commission (finance).
#[utoipa::path(get, path = "/finance/payables", tag = "payouts", security(("bearer" = [])),
    responses(
        (status = 200, body = PayablesView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn payables(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
) -> Result<Json<PayablesView>, Problem> {
    let p = payouts::payables(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(PayablesView {
        shops: p.shops.into_iter().map(Into::into).collect(),
        waiting: p
            .waiting
            .into_iter()
            .map(
                |(seller_id, shop_name, payable_cents, pieces)| WaitingShop {
                    seller_id,
                    shop_name,
                    payable_cents,
                    pieces,
                },
            )
            .collect(),
        commission_cents: p.commission_cents,
        currency: CURRENCY,
    }))
}

/// One transfer of a run.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferView {
    pub seller_id: i64,
    pub shop_name: String,
    pub pieces: i64,
    pub amount_cents: i64,
    pub holder: String,
    /// Masked but the last four characters.
    pub iban: String,
    pub end_to_end_id: String,
}

impl From<PayoutItemRow> for TransferView {
    fn from(i: PayoutItemRow) -> Self {
        TransferView {
            seller_id: i.seller_id,
            shop_name: i.shop_name,
            pieces: i.lines,
            amount_cents: i.amount_cents,
            holder: i.holder,
            iban: pepite_domain::commerce::masked_iban(&i.iban),
            end_to_end_id: i.end_to_end_id,
        }
    }
}

/// A payout run.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayoutView {
    pub id: i64,
    /// `exported` (file made, bank not yet confirmed) or `paid`.
    #[schema(example = "exported")]
    pub state: String,
    /// The SEPA message id (the file's name without `.xml`).
    pub msg_id: Option<String>,
    pub transfers: i64,
    pub total_cents: i64,
    pub created_at: String,
    pub paid_at: Option<String>,
    /// Only on a single run's answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<TransferView>>,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

fn run_view(r: PayoutRow, items: Option<Vec<PayoutItemRow>>) -> PayoutView {
    PayoutView {
        id: r.id,
        state: r.state,
        msg_id: r.msg_id,
        transfers: r.transfers,
        total_cents: r.total_cents,
        created_at: timestamp(r.created_at),
        paid_at: r.paid_at.map(timestamp),
        items: items.map(|i| i.into_iter().map(Into::into).collect()),
        currency: CURRENCY,
    }
}

impl From<Payout> for PayoutView {
    fn from(p: Payout) -> Self {
        run_view(p.run, Some(p.items))
    }
}

/// Payout runs, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayoutPage {
    pub items: Vec<PayoutView>,
    pub next_before: Option<i64>,
}

/// Payout runs, newest first (finance).
#[utoipa::path(get, path = "/finance/payouts", tag = "payouts", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = PayoutPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_runs(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<PayoutPage>, Problem> {
    let rows = payouts::runs(&s.app, &who, q.before)
        .await
        .map_err(problem(lang))?;
    Ok(Json(PayoutPage {
        next_before: next_before(&rows, 50, |r| r.id),
        items: rows.into_iter().map(|r| run_view(r, None)).collect(),
    }))
}

/// P1: runs a payout now: every shop's released earnings not yet paid, one SEPA transfer per
/// shop with a payout account (finance). Shops without one wait (see `/finance/payables`).
#[utoipa::path(post, path = "/finance/payouts", tag = "payouts", security(("bearer" = [])),
    responses(
        (status = 201, body = PayoutView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`nothing_to_pay`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn run_payout(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
) -> Result<(StatusCode, Json<PayoutView>), Problem> {
    let p = payouts::run_payout(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

/// One payout run with its transfers (finance).
#[utoipa::path(get, path = "/finance/payouts/{id}", tag = "payouts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = PayoutView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn one_run(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PayoutView>, Problem> {
    let p = payouts::run(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(p.into()))
}

/// The XML text of a SEPA file.
#[derive(ToSchema)]
#[schema(value_type = String)]
pub struct XmlFile(String);

impl IntoResponse for XmlFile {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

/// P1: a run's SEPA credit transfer file, ISO 20022 `pain.001.001.03`, for the bank (finance).
#[utoipa::path(get, path = "/finance/payouts/{id}/file", tag = "payouts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The pain.001.001.03 file", content_type = "application/xml", body = XmlFile,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"PEPITE-20261203-000001.xml\"`"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn run_file(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, Problem> {
    let (name, xml) = payouts::file(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(sepa_download(&name, XmlFile(xml)))
}

/// P1: the bank executed the run: it is marked paid, each shop's payable leaves the ledger
/// and each seller is told (finance). Once only.
#[utoipa::path(post, path = "/finance/payouts/{id}/paid", tag = "payouts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = PayoutView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_paid`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn confirm_run(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PayoutView>, Problem> {
    let p = payouts::confirm_paid(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(p.into()))
}
