//! The partner console under `/partner` (T1, T7, issue 12 item 9): a brand partner (or an
//! admin) sees the programmes they run, edits a programme's rules and price grid, imports its
//! reference catalogue, opens and revokes its sales channels, and reads its dashboard.
//! Anyone else, and a partner at another brand's programme, gets the page of an unknown
//! address (A4); the anonymous sign in first.

mod catalogue;
mod channels;
mod dashboard;
mod rules;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::tradein::{self, Programme};
use pepite_domain::account::Role;

use super::backoffice::charts;
use super::{PageCtx, PageError, render};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/partner", get(home))
        .route(
            "/partner/programmes/{id}",
            get(rules::show).post(rules::save),
        )
        .route(
            "/partner/programmes/{id}/catalogue",
            get(catalogue::show).post(catalogue::upload),
        )
        .route(
            "/partner/programmes/{id}/catalogue/progress/{token}",
            get(catalogue::progress),
        )
        .route(
            "/partner/programmes/{id}/channels",
            get(channels::show).post(channels::create),
        )
        .route(
            "/partner/programmes/{id}/channels/{channel}/revoke",
            post(channels::revoke),
        )
        .route("/partner/programmes/{id}/dashboard", get(dashboard::show))
}

/// A brand partner or an admin; anyone else sees "not found", the anonymous sign in.
fn partner(ctx: &PageCtx) -> Result<Principal, PageError> {
    match &ctx.user {
        None => Err(PageError::new(ctx, AppError::Unauthenticated)),
        Some(who)
            if who.roles.contains(&Role::BrandPartner) || who.roles.contains(&Role::Admin) =>
        {
            Ok(who.clone())
        }
        Some(_) => Err(PageError::new(ctx, AppError::NotFound)),
    }
}

/// A use case's refusal as the console shows it: a programme of someone else looks missing.
fn fail(ctx: &PageCtx, e: AppError) -> PageError {
    match e {
        AppError::Forbidden => PageError::new(ctx, AppError::NotFound),
        e => PageError::new(ctx, e),
    }
}

/// The programme `raw` names if the person runs it; "not found" otherwise.
async fn programme(
    state: &AppState,
    ctx: &PageCtx,
    raw: &str,
) -> Result<(Principal, Programme), PageError> {
    let who = partner(ctx)?;
    let id: i64 = raw
        .parse()
        .map_err(|_| PageError::new(ctx, AppError::NotFound))?;
    let p = tradein::run_by(&state.app, &who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    Ok((who, p))
}

#[derive(Template)]
#[template(path = "partner/home.html")]
struct HomePage<'a> {
    ctx: &'a PageCtx,
    programmes: Vec<Programme>,
}

/// The programmes the person runs.
async fn home(State(state): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let who = partner(&ctx)?;
    let programmes = tradein::catalogue::run_by_me(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&HomePage {
        ctx: &ctx,
        programmes,
    }))
}
