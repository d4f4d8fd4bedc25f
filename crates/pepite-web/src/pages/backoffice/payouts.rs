//! P1/P2: finance's payouts page: what each shop is owed (pending, payable, in a payout,
//! paid) with the platform's commission, the shops waiting for want of a payout account, the
//! payout runs with their SEPA files to download, the payables as CSV, running one, and
//! confirming one paid.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::AppError;
use pepite_app::payouts::{self, Payables, Payout};
use pepite_domain::account::Role;
use pepite_store::commerce::payouts::PayoutRow;
use serde::Deserialize;

use super::{conflict_message, fail, path_id, with_role};
use crate::AppState;
use crate::documents::{payables_csv, sepa_download};
use crate::pages::forms::{Query, see_other};
use crate::pages::{PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "backoffice/payouts.html")]
struct PayoutsPage<'a> {
    ctx: &'a PageCtx,
    p: Payables,
    runs: Vec<PayoutRow>,
    /// A refusal of the last action (`nothing_to_pay`…), or its success.
    message: Option<String>,
    done: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DoneQuery {
    done: String,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let done = match q.done.as_str() {
        "paid" => Some(ctx.t("bo-payout-done-paid")),
        _ => None,
    };
    page(&state, &ctx, None, done).await
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    message: Option<String>,
    done: Option<String>,
) -> Result<Response, PageError> {
    let who = with_role(ctx, Role::Finance)?;
    let p = payouts::payables(&state.app, &who)
        .await
        .map_err(|e| fail(ctx, e))?;
    let runs = payouts::runs(&state.app, &who, None)
        .await
        .map_err(|e| fail(ctx, e))?;
    Ok(render(&PayoutsPage {
        ctx,
        p,
        runs,
        message,
        done,
    }))
}

/// P1: what each shop is owed, as CSV (the same figures as the page).
pub(super) async fn payables_file(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Finance)?;
    let p = payouts::payables(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(payables_csv(&p).download("payables.csv"))
}

/// P1: runs a payout; its page follows, with the file to download.
pub(super) async fn run(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Finance)?;
    match payouts::run_payout(&state.app, &who).await {
        Ok(p) => Ok(see_other(&format!("/back-office/payouts/{}", p.run.id))),
        Err(AppError::Conflict(code)) => {
            page(&state, &ctx, Some(conflict_message(&ctx, code)), None).await
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}

#[derive(Template)]
#[template(path = "backoffice/payout.html")]
struct RunPage<'a> {
    ctx: &'a PageCtx,
    p: Payout,
}

impl RunPage<'_> {
    fn masked(&self, iban: &str) -> String {
        pepite_domain::commerce::masked_iban(iban)
    }
}

pub(super) async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Finance)?;
    let id = path_id(&ctx, &id)?;
    let p = payouts::run(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&RunPage { ctx: &ctx, p }))
}

/// The run's `pain.001.001.03` file, for the bank.
pub(super) async fn file(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Finance)?;
    let id = path_id(&ctx, &id)?;
    let (name, xml) = payouts::file(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(sepa_download(&name, xml))
}

/// P1: the bank executed the run: marked paid, sellers told. A second click changes nothing.
pub(super) async fn paid(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Finance)?;
    let id = path_id(&ctx, &id)?;
    match payouts::confirm_paid(&state.app, &who, id).await {
        Ok(_) | Err(AppError::Conflict("already_paid")) => {
            Ok(see_other("/back-office/payouts?done=paid"))
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}
