//! What the account e-mails' links do, for programs (A1): confirm an address, ask for a
//! password-reset link, and set a new password with it. Asking for a link answers 202 whether
//! or not the address has an account, so the answer tells nobody which addresses do.

use axum::extract::State;
use axum::http::StatusCode;
use pepite_app::account_tokens;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, problem};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify_email))
        .routes(routes!(request_reset))
        .routes(routes!(confirm_reset))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VerifyEmailRequest {
    /// The `token` of the link in the welcome message.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetRequest {
    #[serde(default)]
    #[schema(required = true, format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetConfirm {
    /// The `token` of the link in the password-reset message.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub token: String,
    /// At least the policy's `password_min_chars` (12 by default) characters.
    #[serde(default)]
    #[schema(required = true, min_length = 12, max_length = 256)]
    pub password: String,
}

/// Confirm an e-mail address with the link of the welcome message (valid 7 days, once).
#[utoipa::path(post, path = "/auth/verify-email", tag = "auth",
    request_body = VerifyEmailRequest,
    responses(
        (status = 204, description = "The address is confirmed"),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`token` `link_expired`: unknown, used or expired", body = Problem, content_type = "application/problem+json"),
    ))]
async fn verify_email(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiJson(body): ApiJson<VerifyEmailRequest>,
) -> Result<StatusCode, Problem> {
    account_tokens::verify_email(&s.app, &body.token)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ask for a password-reset link by e-mail (valid one hour, once; it replaces older ones).
///
/// The answer is 202 for any well-formed address, with an account or not.
#[utoipa::path(post, path = "/auth/password-reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If an account uses this address, a message is on its way"),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`email` `invalid_email`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn request_reset(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiJson(body): ApiJson<PasswordResetRequest>,
) -> Result<StatusCode, Problem> {
    account_tokens::request_reset(&s.app, &body.email)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::ACCEPTED)
}

/// Set a new password with a reset link. Every session and token of the account ends.
#[utoipa::path(post, path = "/auth/password-reset/confirm", tag = "auth",
    request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "Changed; sign in with the new password"),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`password` refused (e.g. `too_short`), or `token` `link_expired`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`server_busy`: too many passwords being checked at once", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn confirm_reset(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiJson(body): ApiJson<PasswordResetConfirm>,
) -> Result<StatusCode, Problem> {
    account_tokens::reset_password(&s.app, &body.token, &body.password)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
