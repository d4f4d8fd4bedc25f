//! Signing up, in and out in the browser. Sessions live in an HttpOnly cookie; the language
//! cookie follows the account's choice.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use pepite_app::AppError;
use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_domain::account::{Language, SignUpInput};
use pepite_domain::country::COUNTRIES;
use pepite_domain::search::fold;
use serde::Deserialize;

use super::buy::adopt_visitor_cart;
use super::ctx::{FormErrors, PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::{Form, Query, safe_next, see_other};
use crate::AppState;
use crate::auth::{
    ClientAddr, expired_session_cookie, lang_cookie, session_cookie, session_cookie_name,
};

/// What the sign-up form sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct SignUpForm {
    email: String,
    password: String,
    display_name: String,
    language: String,
    country: String,
    birth_date: String,
}

#[derive(Template)]
#[template(path = "sign_up.html")]
struct SignUpPage<'a> {
    ctx: &'a PageCtx,
    /// Values to show again; the password is never sent back.
    form: SignUpForm,
    errors: FormErrors,
    countries: Vec<(&'static str, &'static str)>,
    password_min: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct SignInForm {
    email: String,
    password: String,
    next: String,
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage<'a> {
    ctx: &'a PageCtx,
    email: String,
    next: String,
    /// The single message shown when signing in failed.
    failure: Option<String>,
    /// What just happened elsewhere (a new password was set).
    notice: Option<&'static str>,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-up", get(sign_up_page).post(sign_up))
        .route("/sign-in", get(sign_in_page).post(sign_in))
        .route("/sign-out", post(sign_out))
}

/// Countries by their name in the page's language, accents ignored for the order.
pub fn countries(lang: Language) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&'static str, &'static str)> = COUNTRIES
        .iter()
        .map(|(code, en, fr)| (*code, if lang == Language::Fr { *fr } else { *en }))
        .collect();
    list.sort_by_cached_key(|(_, name)| fold(name));
    list
}

async fn sign_up_form(
    ctx: &PageCtx,
    form: SignUpForm,
    errors: FormErrors,
    s: &AppState,
) -> Result<Response, PageError> {
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = SignUpPage {
        ctx,
        form: SignUpForm {
            password: String::new(),
            ..form
        },
        errors,
        countries: countries(ctx.lang),
        password_min: s.app.policy_now().await.or_page(ctx)?.password_min_chars,
    };
    Ok((status, render(&page)).into_response())
}

async fn sign_up_page(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let form = SignUpForm {
        language: ctx.lang.as_str().to_owned(),
        country: "FR".to_owned(),
        ..SignUpForm::default()
    };
    sign_up_form(
        &ctx,
        form,
        FormErrors::new(ctx.lang, Default::default()),
        &s,
    )
    .await
}

async fn sign_up(
    State(s): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    jar: CookieJar,
    Form(form): Form<SignUpForm>,
) -> Result<Response, PageError> {
    let input = SignUpInput {
        email: form.email.clone(),
        password: form.password.clone(),
        display_name: form.display_name.clone(),
        language: form.language.clone(),
        country: form.country.clone(),
        birth_date: form.birth_date.clone(),
    };
    match accounts::sign_up(&s.app, &input, &addr).await {
        Ok(_) => {}
        Err(AppError::Invalid(e)) => {
            return sign_up_form(&ctx, form, FormErrors::new(ctx.lang, e), &s).await;
        }
        Err(e) => return Err(e).or_page(&ctx),
    }
    // The account exists; if opening the session fails (throttled), signing in by hand works.
    match accounts::sign_in(
        &s.app,
        &form.email,
        &form.password,
        &addr,
        SessionKind::Browser,
        "web",
    )
    .await
    {
        Ok((secret, who)) => Ok(signed_in(&s, &jar, secret.0, &who, "/account").await),
        Err(_) => Ok(see_other("/sign-in?next=/account")),
    }
}

/// The answer to a successful sign-in: session and language cookies, then `next`. A cart
/// filled before signing in joins the person's (K1), and its cookie goes.
async fn signed_in(
    s: &AppState,
    jar: &CookieJar,
    secret: String,
    who: &Principal,
    next: &str,
) -> Response {
    let mut out = CookieJar::new()
        .add(session_cookie(s, secret))
        .add(lang_cookie(s, who.language));
    if let Some(expired) = adopt_visitor_cart(s, jar, who.user_id).await {
        out = out.add(expired);
    }
    (out, see_other(next)).into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NextQuery {
    next: String,
    done: String,
}

async fn sign_in_page(ctx: PageCtx, Query(q): Query<NextQuery>) -> Response {
    let notice = (q.done == "password-reset").then_some("signin-password-reset");
    let page = SignInPage {
        ctx: &ctx,
        email: String::new(),
        next: safe_next(&q.next),
        failure: None,
        notice,
    };
    render(&page)
}

async fn sign_in(
    State(s): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    jar: CookieJar,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let next = safe_next(&form.next);
    let result = accounts::sign_in(
        &s.app,
        &form.email,
        &form.password,
        &addr,
        SessionKind::Browser,
        "web",
    )
    .await;
    let (status, failure) = match result {
        Ok((secret, who)) => return Ok(signed_in(&s, &jar, secret.0, &who, &next).await),
        // One message whatever was wrong, so nobody learns which e-mails have an account.
        Err(AppError::Unauthenticated | AppError::Invalid(_)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, ctx.t("signin-failed"))
        }
        Err(AppError::Throttled { retry_after_s }) => (
            StatusCode::TOO_MANY_REQUESTS,
            ctx.t1("signin-throttled", "minutes", (retry_after_s + 59) / 60),
        ),
        Err(e) => return Err(e).or_page(&ctx),
    };
    let page = SignInPage {
        ctx: &ctx,
        email: form.email,
        next,
        failure: Some(failure),
        notice: None,
    };
    Ok((status, render(&page)).into_response())
}

async fn sign_out(State(s): State<AppState>, jar: CookieJar) -> Response {
    if let Some(cookie) = jar.get(session_cookie_name(&s)) {
        // The cookie is expired below whatever happens; a failed delete only leaves a row
        // that expires on its own.
        if let Err(e) = accounts::sign_out(&s.app, cookie.value()).await {
            tracing::warn!(error = %e, "could not delete a session on sign-out");
        }
    }
    (jar.add(expired_session_cookie(&s)), see_other("/")).into_response()
}
