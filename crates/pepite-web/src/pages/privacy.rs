//! People's own data on the account page (issue 11, item 8): the download of everything
//! Pépite holds about the person, and closing the account after a confirmation step that asks
//! for the password.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::cookie::CookieJar;
use pepite_app::AppError;
use pepite_app::privacy;
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::ctx::{FormErrors, PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::Form;
use crate::AppState;
use crate::api::privacy::{attachment, document};
use crate::auth::expired_session_cookie;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/export", get(export))
        .route("/account/close", get(confirm).post(close))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CloseForm {
    password: String,
}

#[derive(Template)]
#[template(path = "account/close.html")]
struct ClosePage<'a> {
    ctx: &'a PageCtx,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "account/closed.html")]
struct ClosedPage<'a> {
    ctx: &'a PageCtx,
}

/// The signed-in person; anyone else signs in and comes back to the account page.
fn me(ctx: &PageCtx) -> Result<pepite_app::accounts::Principal, PageError> {
    ctx.user.clone().ok_or_else(|| {
        let mut back = ctx.clone();
        back.here = "/account".into();
        PageError::new(&back, AppError::Unauthenticated)
    })
}

async fn export(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    let doc = document(&s.app, &s.config.public_url, &who)
        .await
        .or_page(&ctx)?;
    Ok(attachment(&doc, who.user_id))
}

fn close_page(ctx: &PageCtx, errors: FieldErrors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ClosePage {
        ctx,
        errors: FormErrors::new(ctx.lang, errors),
    };
    (status, render(&page)).into_response()
}

async fn confirm(ctx: PageCtx) -> Result<Response, PageError> {
    me(&ctx)?;
    Ok(close_page(&ctx, FieldErrors::new()))
}

async fn close(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<CloseForm>,
) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    match privacy::close_account(&s.app, &who, &form.password).await {
        Ok(()) => {
            // The session is already gone from the database; the cookie goes too, and this
            // answer is rendered as a visitor's.
            let mut visitor = ctx.clone();
            visitor.user = None;
            let jar = CookieJar::new().add(expired_session_cookie(&s));
            Ok((jar, render(&ClosedPage { ctx: &visitor })).into_response())
        }
        Err(AppError::Invalid(errors)) => Ok(close_page(&ctx, errors)),
        Err(e) => Err(e).or_page(&ctx),
    }
}
