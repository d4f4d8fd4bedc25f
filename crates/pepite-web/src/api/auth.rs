//! Bearer tokens for programs (A2): sign in for a token, list and revoke one's tokens, and the
//! `ApiUser` extractor every authenticated endpoint uses.

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_store::sessions::TokenRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::auth::{ClientAddr, Lang, MaybeUser, language_of, presented_secret};
use crate::problem::Problem;

/// The signed-in caller (bearer token or browser session). Anyone else gets a 401 problem
/// with `WWW-Authenticate: Bearer`, so clients know which credentials to send.
pub struct ApiUser(pub Principal);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Ok(MaybeUser(user)) = MaybeUser::from_request_parts(parts, state).await;
        match user {
            Some(principal) => Ok(ApiUser(principal)),
            None => {
                let mut response = Problem::from_app(AppError::Unauthenticated, language_of(parts))
                    .into_response();
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                Err(response)
            }
        }
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(sign_out))
}

/// How many hex characters of a token's hash name it: enough to be unique, useless to guess.
const TOKEN_ID_LEN: usize = 16;

/// Sign-in for a token. Its texts carry no control characters: the one gate for texts
/// (`input_text`) refuses them with a 422 before any check, so the document says so.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    #[serde(default)]
    #[schema(required = true, pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$")]
    pub email: String,
    #[serde(default)]
    #[schema(required = true, pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$")]
    pub password: String,
    /// A name to recognise the token by later, e.g. "boutique till".
    #[serde(default)]
    #[schema(pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$")]
    pub label: String,
}

/// A new token. The secret is shown this once; only its hash is kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewToken {
    pub id: String,
    pub token: String,
    pub label: String,
    pub created_at: String,
    pub expires_at: String,
}

/// A live token as its owner sees it (never the secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct Token {
    /// The first 16 hex characters of the token's hash; use it to revoke the token.
    pub id: String,
    pub label: String,
    pub created_at: String,
    pub expires_at: String,
}

impl From<&TokenRow> for Token {
    fn from(t: &TokenRow) -> Self {
        Token {
            id: t.token_hash.chars().take(TOKEN_ID_LEN).collect(),
            label: t.label.clone(),
            created_at: timestamp(t.created_at),
            expires_at: timestamp(t.expires_at),
        }
    }
}

/// Sign in and receive a bearer token.
///
/// Attempts are counted per account and per network address; past the limit the answer is
/// 429 with `Retry-After`.
#[utoipa::path(post, path = "/auth/tokens", tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 201, description = "Signed in", body = NewToken),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong e-mail or password, or account disabled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "`server_busy`: too many passwords being checked at once", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn create_token(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ClientAddr(addr): ClientAddr,
    ApiJson(body): ApiJson<TokenRequest>,
) -> Result<impl IntoResponse, Problem> {
    let (secret, who) = accounts::sign_in(
        &s.app,
        &body.email,
        &body.password,
        &addr,
        SessionKind::Api,
        &body.label,
    )
    .await
    .map_err(problem(lang))?;
    // The use case hands back only the secret; the stored row has the dates.
    let hash = accounts::hash_secret(&secret.0);
    let row = accounts::api_tokens(&s.app, &who)
        .await
        .map_err(problem(lang))?
        .into_iter()
        .find(|t| t.token_hash == hash)
        .ok_or_else(|| Problem::from_app(AppError::Internal("new token not found".into()), lang))?;
    let t = Token::from(&row);
    let body = NewToken {
        id: t.id,
        token: secret.0,
        label: t.label,
        created_at: t.created_at,
        expires_at: t.expires_at,
    };
    Ok((StatusCode::CREATED, Json(body)))
}

/// My live API tokens, newest first.
#[utoipa::path(get, path = "/auth/tokens", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 200, body = [Token]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_tokens(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<Token>>, Problem> {
    let rows = accounts::api_tokens(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(rows.iter().map(Token::from).collect()))
}

/// Revoke one of my tokens by its id.
#[utoipa::path(delete, path = "/auth/tokens/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = String, Path, description = "The token's id from the list")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token of mine", body = Problem, content_type = "application/problem+json"),
    ))]
async fn revoke_token(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, Problem> {
    let id = id.to_ascii_lowercase();
    let rows = accounts::api_tokens(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    // A4: only the caller's tokens are searched, so someone else's id is simply unknown.
    let row = rows
        .iter()
        .find(|t| id.len() == TOKEN_ID_LEN && t.token_hash.starts_with(&id))
        .ok_or_else(|| Problem::from_app(AppError::NotFound, lang))?;
    accounts::revoke_api_token(&s.app, &who, &row.token_hash)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign out: revoke the token (or browser session) this request was made with.
#[utoipa::path(delete, path = "/auth/session", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn sign_out(
    State(s): State<AppState>,
    Lang(lang): Lang,
    _caller: ApiUser,
    parts: Parts,
) -> Result<StatusCode, Problem> {
    if let Some(secret) = presented_secret(&parts, &s) {
        accounts::sign_out(&s.app, &secret)
            .await
            .map_err(problem(lang))?;
    }
    Ok(StatusCode::NO_CONTENT)
}
