//! Finance (P2): the double-entry ledger's accounts with their derived balances and the audit
//! (every entry sums to zero, every journal balances), and one account's entries.

use axum::Json;
use axum::extract::State;
use pepite_app::finance;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{CURRENCY, PageQuery, next_before};
use crate::AppState;
use crate::api::json::{ApiPath, ApiQuery, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(accounts))
        .routes(routes!(entries))
}

/// One ledger account. Debits are positive, credits negative.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerAccount {
    /// e.g. `psp:clearing`, `seller:3:pending`, `gift_card:7`, `revenue:commission`.
    #[schema(example = "seller:3:pending")]
    pub key: String,
    pub balance_cents: i64,
    pub entries: i64,
}

/// Every account, and the audit: both figures must be zero.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ledger {
    pub accounts: Vec<LedgerAccount>,
    /// The sum of every entry (0: nothing was created or destroyed).
    pub total_cents: i64,
    /// Journals whose entries do not sum to zero (0).
    pub unbalanced_journals: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

/// One entry of an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEntry {
    pub id: i64,
    pub journal_id: i64,
    /// What the journal records, e.g. `order_paid`, `gift_card_sold`.
    pub kind: String,
    pub order_id: Option<i64>,
    pub gift_card_id: Option<i64>,
    pub amount_cents: i64,
    pub created_at: String,
}

/// An account's balance and its entries, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountEntries {
    pub key: String,
    pub balance_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub items: Vec<LedgerEntry>,
    /// Pass as `before` for the next page; absent on the last page.
    pub next_before: Option<i64>,
}

/// The ledger's accounts and its audit (finance).
#[utoipa::path(get, path = "/finance/accounts", tag = "finance", security(("bearer" = [])),
    responses(
        (status = 200, body = Ledger),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn accounts(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
) -> Result<Json<Ledger>, Problem> {
    let o = finance::overview(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(Ledger {
        accounts: o
            .accounts
            .into_iter()
            .map(|(key, balance_cents, entries)| LedgerAccount {
                key,
                balance_cents,
                entries,
            })
            .collect(),
        total_cents: o.total_cents,
        unbalanced_journals: o.unbalanced_journals,
        currency: CURRENCY,
    }))
}

/// One account's entries, newest first (finance). Write the key url-encoded or not:
/// `seller:3:pending` or `seller%3A3%3Apending`.
#[utoipa::path(get, path = "/finance/accounts/{key}/entries", tag = "finance", security(("bearer" = [])),
    params(("key" = String, Path, description = "The account's key"), PageQuery),
    responses(
        (status = 200, body = AccountEntries),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an account key", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn entries(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Finance>,
    ApiPath(key): ApiPath<String>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<AccountEntries>, Problem> {
    let limit = q.limit();
    let (balance_cents, rows) = finance::account(&s.app, &who, &key, q.before, limit)
        .await
        .map_err(problem(lang))?;
    Ok(Json(AccountEntries {
        next_before: next_before(&rows, limit, |e| e.id),
        items: rows
            .into_iter()
            .map(|e| LedgerEntry {
                id: e.id,
                journal_id: e.journal_id,
                kind: e.kind,
                order_id: e.order_id,
                gift_card_id: e.instrument_id,
                amount_cents: e.amount_cents,
                created_at: timestamp(e.created_at),
            })
            .collect(),
        key,
        balance_cents,
        currency: CURRENCY,
    }))
}
