//! The language switch: remembers the choice in a cookie and returns to the page it came from.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::cookie::CookieJar;
use pepite_app::AppError;
use pepite_domain::account::Language;
use serde::Deserialize;

use super::ctx::PageCtx;
use super::error::PageError;
use super::forms::{Query, safe_next, see_other};
use crate::AppState;
use crate::auth::lang_cookie;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NextQuery {
    next: String,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/language/{lang}", get(switch))
}

/// Only the cookie changes: a link must not rewrite the account (the profile form does that).
async fn switch(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(lang): Path<String>,
    Query(q): Query<NextQuery>,
) -> Result<Response, PageError> {
    let lang = match lang.as_str() {
        "fr" => Language::Fr,
        "en" => Language::En,
        _ => return Err(PageError::new(&ctx, AppError::NotFound)),
    };
    let jar = CookieJar::new().add(lang_cookie(&s, lang));
    Ok((jar, see_other(&safe_next(&q.next))).into_response())
}
