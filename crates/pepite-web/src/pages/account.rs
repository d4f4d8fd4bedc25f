//! A person's own account: profile, password, API tokens (shown once), and the way to the
//! seller space. Every form posts, then redirects to the page with a confirmation.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use pepite_app::AppError;
use pepite_app::accounts::{self, Principal, ProfileInput, SessionKind};
use pepite_domain::FieldErrors;
use pepite_domain::account::Language;
use serde::Deserialize;

use super::auth::countries;
use super::ctx::{FormErrors, PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::{Form, Query, see_other};
use crate::AppState;
use crate::auth::{ClientAddr, lang_cookie, session_cookie};

/// How many hex characters of a token's hash name it (the same as the API's token id).
const TOKEN_ID_LEN: usize = 16;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct ProfileForm {
    display_name: String,
    language: String,
    country: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenForm {
    label: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DoneQuery {
    done: String,
}

/// One API token as listed: never the secret, only the start of its hash.
struct TokenLine {
    id: String,
    label: String,
    created_at: i64,
    expires_at: i64,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    ctx: &'a PageCtx,
    email: String,
    profile: ProfileForm,
    /// Errors of the form just sent (field names differ between the forms).
    errors: FormErrors,
    tokens: Vec<TokenLine>,
    new_token: Option<String>,
    notice: Option<&'static str>,
    countries: Vec<(&'static str, &'static str)>,
    password_min: usize,
}

/// What to show besides the stored account.
#[derive(Default)]
struct Shown {
    profile: Option<ProfileForm>,
    errors: FieldErrors,
    new_token: Option<String>,
    notice: Option<&'static str>,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account))
        .route("/account/profile", post(profile))
        .route("/account/password", post(password))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
}

/// The signed-in person; anyone else goes to sign in and comes back to `/account` (not to the
/// address of a form, which only takes posts).
fn me(ctx: &PageCtx) -> Result<Principal, PageError> {
    ctx.user.clone().ok_or_else(|| {
        let mut back = ctx.clone();
        back.here = "/account".into();
        PageError::new(&back, AppError::Unauthenticated)
    })
}

async fn page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    shown: Shown,
) -> Result<Response, PageError> {
    let user = accounts::me(&s.app, who).await.or_page(ctx)?;
    let tokens = accounts::api_tokens(&s.app, who).await.or_page(ctx)?;
    let status = if shown.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AccountPage {
        ctx,
        profile: shown.profile.unwrap_or(ProfileForm {
            display_name: user.display_name,
            language: user.language,
            country: user.country,
        }),
        email: user.email,
        errors: FormErrors::new(ctx.lang, shown.errors),
        tokens: tokens
            .into_iter()
            .map(|t| TokenLine {
                id: t.token_hash.chars().take(TOKEN_ID_LEN).collect(),
                label: t.label,
                created_at: t.created_at,
                expires_at: t.expires_at,
            })
            .collect(),
        new_token: shown.new_token,
        notice: shown.notice,
        countries: countries(ctx.lang),
        password_min: s.app.policy_now().await.or_page(ctx)?.password_min_chars,
    };
    Ok((status, render(&page)).into_response())
}

async fn account(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    let notice = match q.done.as_str() {
        "profile" => Some("account-saved-profile"),
        "password" => Some("account-saved-password"),
        "revoked" => Some("account-token-revoked"),
        _ => None,
    };
    page(
        &s,
        &ctx,
        &who,
        Shown {
            notice,
            ..Shown::default()
        },
    )
    .await
}

async fn profile(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<ProfileForm>,
) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    let input = ProfileInput {
        display_name: form.display_name.clone(),
        language: form.language.clone(),
        country: form.country.clone(),
    };
    match accounts::update_profile(&s.app, &who, &input).await {
        Ok(()) => {
            let lang = Language::parse(&form.language).unwrap_or(ctx.lang);
            let jar = CookieJar::new().add(lang_cookie(&s, lang));
            Ok((jar, see_other("/account?done=profile")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let shown = Shown {
                profile: Some(form),
                errors,
                ..Shown::default()
            };
            page(&s, &ctx, &who, shown).await
        }
        Err(e) => Err(e).or_page(&ctx),
    }
}

async fn password(
    State(s): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    match accounts::change_password(&s.app, &who, &form.current_password, &form.new_password).await
    {
        Ok(()) => {}
        Err(AppError::Invalid(errors)) => {
            return page(
                &s,
                &ctx,
                &who,
                Shown {
                    errors,
                    ..Shown::default()
                },
            )
            .await;
        }
        Err(e) => return Err(e).or_page(&ctx),
    }
    // Changing the password ended every session, this one included: open a fresh one here.
    match accounts::sign_in(
        &s.app,
        &who.email,
        &form.new_password,
        &addr,
        SessionKind::Browser,
        "web",
    )
    .await
    {
        Ok((secret, _)) => {
            let jar = CookieJar::new().add(session_cookie(&s, secret.0));
            Ok((jar, see_other("/account?done=password")).into_response())
        }
        Err(_) => Ok(see_other("/sign-in?next=/account")),
    }
}

async fn create_token(
    State(s): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    let secret = accounts::create_api_token(&s.app, &who, &form.label)
        .await
        .or_page(&ctx)?;
    // Shown in this answer only: the secret is not stored, so no later page can show it.
    let shown = Shown {
        new_token: Some(secret.0),
        ..Shown::default()
    };
    page(&s, &ctx, &who, shown).await
}

async fn revoke_token(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = me(&ctx)?;
    let id = id.to_ascii_lowercase();
    let tokens = accounts::api_tokens(&s.app, &who).await.or_page(&ctx)?;
    // A4: only the caller's own tokens are searched; anything else is simply not found.
    let token = tokens
        .iter()
        .find(|t| id.len() == TOKEN_ID_LEN && t.token_hash.starts_with(&id))
        .ok_or_else(|| PageError::new(&ctx, AppError::NotFound))?;
    accounts::revoke_api_token(&s.app, &who, &token.token_hash)
        .await
        .or_page(&ctx)?;
    Ok(see_other("/account?done=revoked"))
}
