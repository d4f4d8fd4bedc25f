//! P1: the seller's payouts page: the statement (what is pending with the day it becomes
//! payable, payable, in a payout, paid, with totals; refunded pieces earn nothing and are not
//! listed) and the payout account form (IBAN checked by its checksum, shown masked after).
//! Only the person's own shop (A4).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::payouts::{self, AccountView, Statement};
use pepite_domain::FieldErrors;
use pepite_domain::commerce::PayoutAccountInput;
use serde::Deserialize;

use super::person;
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "sell/payouts.html")]
struct PayoutsPage<'a> {
    ctx: &'a PageCtx,
    st: Statement,
    account: Option<AccountView>,
    form: AccountForm,
    errors: FormErrors,
    saved: bool,
    next: Option<String>,
}

/// The payout account as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct AccountForm {
    iban: String,
    holder: String,
    bic: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PayoutsQuery {
    before: String,
    done: String,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<PayoutsQuery>,
) -> Result<Response, PageError> {
    let form = AccountForm::default();
    let saved = q.done == "account_saved";
    page(
        &state,
        &ctx,
        q.before.parse().ok(),
        form,
        FieldErrors::new(),
        saved,
    )
    .await
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    before: Option<i64>,
    mut form: AccountForm,
    errors: FieldErrors,
    saved: bool,
) -> Result<Response, PageError> {
    let who = person(ctx)?;
    let st = match payouts::statement(&state.app, &who, before).await {
        // No shop yet: the seller space opens with the shop form.
        Err(AppError::Forbidden) => return Ok(see_other("/sell")),
        other => other.or_page(ctx)?,
    };
    let account = payouts::account(&state.app, &who).await.or_page(ctx)?;
    if errors.is_empty()
        && let Some(a) = &account
    {
        // The holder is shown to edit; the IBAN never comes back into a field.
        form.holder = a.holder.clone();
        form.bic = a.bic.clone().unwrap_or_default();
    }
    let next = (st.lines.len() == 100)
        .then(|| st.lines.last())
        .flatten()
        .map(|l| format!("/sell/payouts?before={}", l.line.order_id));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PayoutsPage {
        ctx,
        st,
        account,
        form,
        errors: FormErrors::new(ctx.lang, errors),
        saved,
        next,
    };
    Ok((status, render(&page)).into_response())
}

/// P1: sets the payout account; a wrong IBAN comes back beside its field, as typed.
pub(super) async fn save_account(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<AccountForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let input = PayoutAccountInput {
        iban: form.iban.clone(),
        holder: form.holder.clone(),
        bic: form.bic.clone(),
    };
    match payouts::set_account(&state.app, &who, &input).await {
        Ok(_) => Ok(see_other("/sell/payouts?done=account_saved")),
        Err(AppError::Invalid(errors)) => page(&state, &ctx, None, form, errors, false).await,
        Err(AppError::Forbidden) => Ok(see_other("/sell")),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
