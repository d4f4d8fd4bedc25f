//! Finance's CSV exports (P1, P2), the very files the back office offers: the ledger's
//! entries over a range of Paris days, and what each shop is owed. `text/csv; charset=utf-8`,
//! RFC 4180, amounts in euros with a dot and two decimals, typed text guarded against
//! spreadsheet formulas.

use axum::extract::State;
use axum::response::Response;
use pepite_app::{finance, payouts};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiQuery, problem};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::documents::{journal_csv, payables_csv};
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(journal))
        .routes(routes!(payables))
}

/// A range of Paris days, both included.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayRange {
    /// The first day, e.g. `2026-12-01`.
    #[param(format = Date, example = "2026-12-01")]
    pub from: String,
    /// The last day, the same as `from` or after it.
    #[param(format = Date, example = "2026-12-31")]
    pub to: String,
}

/// P2: the ledger's entries written from `from` to `to` (Paris days, both included), journal
/// by journal (finance). Columns: `entry_id, journal_id, written_at` (RFC 3339, UTC),
/// `journal, order_id, account, shop` (a seller account's shop), `amount_eur` (debit
/// positive, credit negative: a journal's lines sum to 0).
#[utoipa::path(get, path = "/finance/journal.csv", tag = "finance", security(("bearer" = [])),
    params(DayRange),
    responses(
        (status = 200, description = "The entries", content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"ledger-2026-12-01-2026-12-31.csv\"`"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`export_too_large`: more than 100,000 entries; choose closer days", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_date` (`from`, `to`), or `out_of_range`: `to` before `from`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn journal(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
    ApiQuery(q): ApiQuery<DayRange>,
) -> Result<Response, Problem> {
    let (rows, shops) = finance::journal(&s.app, &who, &q.from, &q.to)
        .await
        .map_err(problem(lang))?;
    let name = format!("ledger-{}-{}.csv", q.from.trim(), q.to.trim());
    Ok(journal_csv(&rows, &shops).download(&name))
}

/// P1: what each shop is owed, by status (finance). Columns: `seller_id, shop, pending_eur,
/// payable_eur, in_payout_eur, paid_eur, payout_account` (`yes` or `no`).
#[utoipa::path(get, path = "/finance/payables.csv", tag = "payouts", security(("bearer" = [])),
    responses(
        (status = 200, description = "The shops owed", content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"payables.csv\"`"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn payables(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
) -> Result<Response, Problem> {
    let p = payouts::payables(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(payables_csv(&p).download("payables.csv"))
}
