//! The pages the account e-mails open (A1): the link that confirms an address, "forgot my
//! password", and the link that sets a new one. Asking for a link always ends on the same
//! page, so nobody learns from it which addresses have an account.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pepite_app::{AppError, account_tokens};
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::ctx::{FormErrors, PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::{Form, Query, see_other};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/verify", get(verify))
        .route("/password/forgot", get(forgot_page).post(forgot))
        .route("/account/reset", get(reset_page).post(reset))
}

/// Where a successful reset sends the person: the sign-in page, which says what happened.
const RESET_DONE: &str = "/sign-in?done=password-reset";

/// A page that says how something went, with one way on.
#[derive(Template)]
#[template(path = "account/outcome.html")]
struct Outcome<'a> {
    ctx: &'a PageCtx,
    title_key: &'static str,
    text_keys: &'static [&'static str],
    href: &'static str,
    link_key: &'static str,
}

impl Outcome<'_> {
    fn respond(&self, status: StatusCode) -> Response {
        (status, render(self)).into_response()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenQuery {
    token: String,
}

/// The link of the welcome message. It works signed in or not: the link itself names the
/// account. A used or expired link is explained rather than shown as an error.
async fn verify(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let (href, link_key) = if ctx.signed_in() {
        ("/account", "link-to-account")
    } else {
        ("/", "link-to-shop")
    };
    let (status, title_key, text_keys): (_, _, &'static [&'static str]) =
        match account_tokens::verify_email(&s.app, &q.token).await {
            Ok(()) => (StatusCode::OK, "verify-done-title", &["verify-done-text"]),
            Err(AppError::Invalid(_)) => (
                StatusCode::GONE,
                "verify-unusable-title",
                &["verify-unusable-text", "verify-unusable-next"],
            ),
            Err(e) => return Err(e).or_page(&ctx),
        };
    let page = Outcome {
        ctx: &ctx,
        title_key,
        text_keys,
        href,
        link_key,
    };
    Ok(page.respond(status))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ForgotForm {
    email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ForgotQuery {
    sent: String,
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotPage<'a> {
    ctx: &'a PageCtx,
    email: String,
    errors: FormErrors,
}

fn forgot_form(ctx: &PageCtx, email: String, errors: FieldErrors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ForgotPage {
        ctx,
        email,
        errors: FormErrors::new(ctx.lang, errors),
    };
    (status, render(&page)).into_response()
}

async fn forgot_page(ctx: PageCtx, Query(q): Query<ForgotQuery>) -> Response {
    if q.sent.is_empty() {
        return forgot_form(&ctx, String::new(), FieldErrors::default());
    }
    let page = Outcome {
        ctx: &ctx,
        title_key: "forgot-sent-title",
        text_keys: &["forgot-sent-text", "forgot-sent-spam"],
        href: "/sign-in",
        link_key: "link-to-sign-in",
    };
    page.respond(StatusCode::OK)
}

async fn forgot(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<ForgotForm>,
) -> Result<Response, PageError> {
    match account_tokens::request_reset(&s.app, &form.email).await {
        Ok(()) => Ok(see_other("/password/forgot?sent=1")),
        Err(AppError::Invalid(errors)) => Ok(forgot_form(&ctx, form.email, errors)),
        Err(e) => Err(e).or_page(&ctx),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ResetForm {
    token: String,
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage<'a> {
    ctx: &'a PageCtx,
    /// The link's secret, posted back with the form (never shown as text).
    token: String,
    errors: FormErrors,
    password_min: usize,
}

async fn reset_form(
    s: &AppState,
    ctx: &PageCtx,
    token: String,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ResetPage {
        ctx,
        token,
        errors: FormErrors::new(ctx.lang, errors),
        password_min: s.app.policy_now().await.or_page(ctx)?.password_min_chars,
    };
    Ok((status, render(&page)).into_response())
}

/// A reset link that was used, replaced by a newer one, or is past its hour: say so and
/// offer to send another.
fn reset_unusable(ctx: &PageCtx) -> Response {
    let page = Outcome {
        ctx,
        title_key: "reset-unusable-title",
        text_keys: &["reset-unusable-text"],
        href: "/password/forgot",
        link_key: "reset-ask-again",
    };
    page.respond(StatusCode::GONE)
}

/// The form asks for a password only while the link can still set one.
async fn reset_page(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, PageError> {
    if !account_tokens::reset_link_usable(&s.app, &q.token)
        .await
        .or_page(&ctx)?
    {
        return Ok(reset_unusable(&ctx));
    }
    reset_form(&s, &ctx, q.token, FieldErrors::default()).await
}

async fn reset(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<ResetForm>,
) -> Result<Response, PageError> {
    if !account_tokens::reset_link_usable(&s.app, &form.token)
        .await
        .or_page(&ctx)?
    {
        return Ok(reset_unusable(&ctx));
    }
    if form.password != form.password_confirm {
        let mut errors = FieldErrors::default();
        errors.add("password_confirm", "passwords_differ");
        return reset_form(&s, &ctx, form.token, errors).await;
    }
    match account_tokens::reset_password(&s.app, &form.token, &form.password).await {
        // Every session of the account has ended: the person signs in with the new password.
        Ok(()) => Ok(see_other(RESET_DONE)),
        // Used in another tab a moment ago.
        Err(AppError::Invalid(errors)) if errors.for_field("token").is_some() => {
            Ok(reset_unusable(&ctx))
        }
        Err(AppError::Invalid(errors)) => reset_form(&s, &ctx, form.token, errors).await,
        Err(e) => Err(e).or_page(&ctx),
    }
}
