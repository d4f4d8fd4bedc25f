//! People's own accounts (A1, A2): sign up, read and change one's profile and password.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::accounts::{self, Principal, ProfileInput};
use pepite_domain::account::SignUpInput;
use pepite_store::accounts::UserRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, problem, timestamp};
use crate::api::vocabulary;
use crate::auth::{ClientAddr, Lang};
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(me, update_me))
        .routes(routes!(change_password))
}

/// Text fields default to empty so that a missing one is reported as `required` on its field
/// (422), exactly as an empty one would be.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SignUpRequest {
    #[serde(default)]
    #[schema(required = true, format = Email, max_length = 254)]
    pub email: String,
    /// At least the policy's `password_min_chars` (12 by default) characters.
    #[serde(default)]
    #[schema(required = true, min_length = 12, max_length = 256)]
    pub password: String,
    #[serde(default)]
    #[schema(required = true, pattern = r"\S", max_length = 60)]
    pub display_name: String,
    /// `fr` or `en`: the language of e-mails and pages.
    #[serde(default)]
    #[schema(required = true, schema_with = vocabulary::language)]
    pub language: String,
    /// ISO 3166-1 alpha-2 country of residence.
    #[serde(default)]
    #[schema(required = true, schema_with = vocabulary::country)]
    pub country: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
}

/// An account as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: String,
    pub country: String,
    pub birth_date: Option<String>,
    /// Staff and partner roles: `customer_service`, `workshop`, `finance`, `admin`,
    /// `brand_partner`.
    pub roles: Vec<String>,
    /// The caller's shop, once opened.
    pub seller_id: Option<i64>,
    pub created_at: String,
}

impl Account {
    fn new(u: UserRow, who: Option<&Principal>) -> Self {
        Account {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            language: u.language,
            country: u.country,
            birth_date: u.birth_date,
            roles: who
                .map(|p| p.roles.iter().map(|r| r.as_str().to_owned()).collect())
                .unwrap_or_default(),
            seller_id: who.and_then(|p| p.seller_id),
            created_at: timestamp(u.created_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProfileRequest {
    #[serde(default)]
    #[schema(required = true, pattern = r"\S", max_length = 60)]
    pub display_name: String,
    #[serde(default)]
    #[schema(required = true, schema_with = vocabulary::language)]
    pub language: String,
    #[serde(default)]
    #[schema(required = true, schema_with = vocabulary::country)]
    pub country: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordRequest {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 256)]
    pub current_password: String,
    /// At least the policy's `password_min_chars` (12 by default) characters.
    #[serde(default)]
    #[schema(required = true, min_length = 12, max_length = 256)]
    pub new_password: String,
}

/// Open an account.
///
/// Sign-ups are counted per network address; past the limit the answer is 429.
#[utoipa::path(post, path = "/accounts", tag = "accounts",
    request_body = SignUpRequest,
    responses(
        (status = 201, description = "Account opened", body = Account),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused fields (e.g. `email` `taken`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many sign-ups from this address", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "`server_busy`: too many passwords being checked at once", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn sign_up(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ClientAddr(addr): ClientAddr,
    ApiJson(body): ApiJson<SignUpRequest>,
) -> Result<impl IntoResponse, Problem> {
    let input = SignUpInput {
        email: body.email,
        password: body.password,
        display_name: body.display_name,
        language: body.language,
        country: body.country,
        birth_date: body.birth_date.unwrap_or_default(),
    };
    let id = accounts::sign_up(&s.app, &input, &addr)
        .await
        .map_err(problem(lang))?;
    // Read back what was stored (normalised e-mail, creation date); no access rule applies
    // to an account opened a moment ago by this very request.
    let user = pepite_store::accounts::by_id(&s.app.db, id)
        .await
        .map_err(AppError::from)
        .and_then(|u| u.ok_or(AppError::NotFound))
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(Account::new(user, None))))
}

/// My account.
#[utoipa::path(get, path = "/accounts/me", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, body = Account),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn me(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Account>, Problem> {
    let user = accounts::me(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(Account::new(user, Some(&who))))
}

/// Change my name, language and country.
#[utoipa::path(patch, path = "/accounts/me", tag = "accounts", security(("bearer" = [])),
    request_body = ProfileRequest,
    responses(
        (status = 200, body = Account),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_me(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<ProfileRequest>,
) -> Result<Json<Account>, Problem> {
    let input = ProfileInput {
        display_name: body.display_name,
        language: body.language,
        country: body.country,
    };
    accounts::update_profile(&s.app, &who, &input)
        .await
        .map_err(problem(lang))?;
    let user = accounts::me(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(Account::new(user, Some(&who))))
}

/// Change my password. Every session and token of mine ends, this one included.
#[utoipa::path(post, path = "/accounts/me/password", tag = "accounts", security(("bearer" = [])),
    request_body = PasswordRequest,
    responses(
        (status = 204, description = "Changed; sign in again"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`current_password` `wrong_password`, or a too short new one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords for this account (counted with sign-ins)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "`server_busy`: too many passwords being checked at once", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn change_password(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<PasswordRequest>,
) -> Result<StatusCode, Problem> {
    accounts::change_password(&s.app, &who, &body.current_password, &body.new_password)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
