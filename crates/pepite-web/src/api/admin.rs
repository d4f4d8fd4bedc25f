//! The back office (A1, A4): accounts and their roles, and every piece.
//! Each use case checks the caller's role; refusals are 403 whatever the target.

use axum::Json;
use axum::extract::State;
use pepite_app::accounts::{self, Principal};
use pepite_app::{AppError, catalog};
use pepite_domain::account::Role;
use pepite_store::accounts::UserRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiPath, ApiQuery, problem, timestamp};
use crate::api::sellers::{PiecePage, parse_state};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(users))
        .routes(routes!(user))
        .routes(routes!(grant_role, revoke_role))
        .routes(routes!(disable))
        .routes(routes!(enable))
        .routes(routes!(staff))
        .routes(routes!(pieces))
}

/// An account as the back office sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: String,
    pub country: String,
    pub disabled: bool,
    pub created_at: String,
    /// Present on a single account and in the staff list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
}

impl User {
    fn new(u: UserRow, roles: Option<Vec<Role>>) -> Self {
        User {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            language: u.language,
            country: u.country,
            disabled: u.disabled,
            created_at: timestamp(u.created_at),
            roles: roles.map(|r| r.iter().map(|r| r.as_str().to_owned()).collect()),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Part of an e-mail address or a name.
    pub q: Option<String>,
    /// Only accounts older than this one (the previous page's `next_before`).
    pub before: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<User>,
    pub next_before: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PiecesQuery {
    /// `draft`, `listed`, `sold` or `withdrawn`.
    pub state: Option<String>,
    pub before: Option<i64>,
}

/// The back office's lists come 50 at a time.
const PAGE: i64 = 50;

/// Accounts, newest first (customer service and admins).
#[utoipa::path(get, path = "/admin/users", tag = "admin", security(("bearer" = [])),
    params(UsersQuery),
    responses(
        (status = 200, body = UserPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn users(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiQuery(q): ApiQuery<UsersQuery>,
) -> Result<Json<UserPage>, Problem> {
    let rows = accounts::list_users(&s.app, &who, q.q.as_deref().unwrap_or(""), q.before)
        .await
        .map_err(problem(lang))?;
    let next_before = (rows.len() as i64 >= PAGE)
        .then(|| rows.last().map(|u| u.id))
        .flatten();
    Ok(Json(UserPage {
        items: rows.into_iter().map(|u| User::new(u, None)).collect(),
        next_before,
    }))
}

/// One account with its roles.
#[utoipa::path(get, path = "/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn user(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<User>, Problem> {
    detail(&s, &who, id).await.map_err(problem(lang)).map(Json)
}

async fn detail(s: &AppState, who: &Principal, id: i64) -> Result<User, AppError> {
    let (user, roles) = accounts::user_detail(&s.app, who, id).await?;
    Ok(User::new(user, Some(roles)))
}

fn role(raw: &str) -> Result<Role, AppError> {
    Role::parse(raw).ok_or_else(|| AppError::field("role", "unknown_value"))
}

/// Give a role to an account (admins).
#[utoipa::path(put, path = "/admin/users/{id}/roles/{role}", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path), ("role" = String, Path, description = "`customer_service`, `workshop`, `finance`, `admin` or `brand_partner`")),
    responses(
        (status = 200, description = "The account with its roles", body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`role` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn grant_role(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath((id, raw)): ApiPath<(i64, String)>,
) -> Result<Json<User>, Problem> {
    let run = async {
        accounts::grant_role(&s.app, &who, id, role(&raw)?).await?;
        detail(&s, &who, id).await
    };
    run.await.map_err(problem(lang)).map(Json)
}

/// Take a role back (admins). The last admin keeps theirs.
#[utoipa::path(delete, path = "/admin/users/{id}/roles/{role}", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path), ("role" = String, Path)),
    responses(
        (status = 200, description = "The account with its roles", body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account, or it does not hold the role", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`last_admin`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn revoke_role(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath((id, raw)): ApiPath<(i64, String)>,
) -> Result<Json<User>, Problem> {
    let run = async {
        accounts::revoke_role(&s.app, &who, id, role(&raw)?).await?;
        detail(&s, &who, id).await
    };
    run.await.map_err(problem(lang)).map(Json)
}

/// Disable an account (admins): its sessions and tokens end at once.
#[utoipa::path(post, path = "/admin/users/{id}/disable", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`cannot_disable_self`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn disable(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<User>, Problem> {
    set_disabled(&s, &who, id, true)
        .await
        .map_err(problem(lang))
        .map(Json)
}

/// Enable a disabled account again (admins).
#[utoipa::path(post, path = "/admin/users/{id}/enable", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn enable(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<User>, Problem> {
    set_disabled(&s, &who, id, false)
        .await
        .map_err(problem(lang))
        .map(Json)
}

async fn set_disabled(s: &AppState, who: &Principal, id: i64, off: bool) -> Result<User, AppError> {
    accounts::set_disabled(&s.app, who, id, off).await?;
    detail(s, who, id).await
}

/// Everyone holding a role (admins).
#[utoipa::path(get, path = "/admin/staff", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = [User]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn staff(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
) -> Result<Json<Vec<User>>, Problem> {
    let rows = accounts::staff(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|(u, roles)| User::new(u, Some(roles)))
            .collect(),
    ))
}

/// Every piece, newest first, in any state (customer service and admins).
#[utoipa::path(get, path = "/admin/pieces", tag = "admin", security(("bearer" = [])),
    params(PiecesQuery),
    responses(
        (status = 200, body = PiecePage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn pieces(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiQuery(q): ApiQuery<PiecesQuery>,
) -> Result<Json<PiecePage>, Problem> {
    let run = async {
        let state = parse_state(q.state.as_deref())?;
        catalog::all_pieces(&s.app, &who, state, q.before).await
    };
    let rows = run.await.map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(PiecePage::new(rows, PAGE, now)))
}
