//! The clock page (admins): which clock the platform runs on and what time it says; with the
//! manual clock, forms to set it or move it forward, so that time rules (24 h offers, 14-day
//! returns…) can be shown in a demo without waiting. Times are read and typed in Paris time.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::DateTime;
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::clock::{advance_manual, set_manual};
use pepite_domain::account::Role;
use pepite_domain::time::from_micros;
use serde::Deserialize;

use super::days::paris;
use super::{conflict_message, fail, staff};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// The most one advance may move the clock, in hours or days: beyond it is surely a typo.
const MAX_STEPS: i64 = 1000;
const HOUR_US: i64 = 3_600_000_000;

/// Only admins see the clock; other staff get "not found" like everyone else.
fn admin(ctx: &PageCtx) -> Result<Principal, PageError> {
    let who = staff(ctx)?;
    if who.has(Role::Admin) {
        Ok(who)
    } else {
        Err(fail(ctx, AppError::Forbidden))
    }
}

#[derive(Template)]
#[template(path = "backoffice/clock.html")]
struct ClockPage<'a> {
    ctx: &'a PageCtx,
    manual: bool,
    now_us: i64,
    /// "14:05", Paris time.
    time: String,
    /// The value of a `datetime-local` input for now, Paris time.
    local: String,
    done: Option<&'static str>,
    problem: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    status: StatusCode,
    done: Option<&'static str>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let now_us = state.app.now_us().await.map_err(|e| fail(ctx, e))?;
    let now = from_micros(now_us).to_zoned(paris());
    let page = ClockPage {
        ctx,
        manual: state.app.clock.is_manual(),
        now_us,
        time: now.strftime("%H:%M").to_string(),
        local: now.strftime("%Y-%m-%dT%H:%M").to_string(),
        done,
        problem,
    };
    Ok((status, render(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ClockQuery {
    done: Option<String>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ClockQuery>,
) -> Result<Response, PageError> {
    admin(&ctx)?;
    let done = match q.done.as_deref() {
        Some("set") => Some("bo-clock-done-set"),
        Some("advanced") => Some("bo-clock-done-advanced"),
        _ => None,
    };
    page(&state, &ctx, StatusCode::OK, done, None).await
}

/// After a set or an advance: the page again, or the refusal in words.
async fn outcome(
    state: &AppState,
    ctx: &PageCtx,
    result: Result<i64, AppError>,
    done: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(_) => Ok(see_other(&format!("/back-office/clock?done={done}"))),
        Err(AppError::Conflict(code)) => {
            let problem = Some(conflict_message(ctx, code));
            page(state, ctx, StatusCode::CONFLICT, None, problem).await
        }
        Err(e) => Err(fail(ctx, e)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SetForm {
    at: String,
}

pub(super) async fn set(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<SetForm>,
) -> Result<Response, PageError> {
    let who = admin(&ctx)?;
    let at = form
        .at
        .trim()
        .parse::<DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(paris()).ok());
    let Some(at) = at else {
        let problem = Some(ctx.t("bo-clock-bad-datetime"));
        return page(
            &state,
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            problem,
        )
        .await;
    };
    let result = set_manual(&state.app, &who, at.timestamp().as_microsecond()).await;
    outcome(&state, &ctx, result, "set").await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AdvanceForm {
    amount: String,
    unit: String,
}

pub(super) async fn advance(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<AdvanceForm>,
) -> Result<Response, PageError> {
    let who = admin(&ctx)?;
    let step = match form.unit.as_str() {
        "hours" => Some(HOUR_US),
        "days" => Some(24 * HOUR_US),
        _ => None,
    };
    let amount = form
        .amount
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_STEPS).contains(n));
    let (Some(step), Some(amount)) = (step, amount) else {
        let problem = Some(ctx.t("bo-clock-bad-amount"));
        return page(
            &state,
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            problem,
        )
        .await;
    };
    let result = advance_manual(&state.app, &who, amount * step).await;
    outcome(&state, &ctx, result, "advanced").await
}
