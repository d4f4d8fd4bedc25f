//! Accounts in the back office: search by e-mail or name, one account's details and roles,
//! and for admins granting and taking back roles and disabling accounts (A1). The staff page
//! lists everyone holding a role.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::{self, Principal};
use pepite_domain::account::Role;
use pepite_store::accounts::UserRow;
use serde::Deserialize;

use super::{conflict_message, fail, path_id, staff as staff_member};
use crate::AppState;
use crate::pages::ctx::urlencode;
use crate::pages::error::bad_request;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// The page size of `accounts::list_users`.
const PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct UsersQuery {
    q: String,
    before: String,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "backoffice/users.html")]
struct UsersPage<'a> {
    ctx: &'a PageCtx,
    q: String,
    users: Vec<UserRow>,
    next: Option<String>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<UsersQuery>,
) -> Result<Response, PageError> {
    let who = staff_member(&ctx)?;
    let users = accounts::list_users(&state.app, &who, &q.q, q.before.parse().ok())
        .await
        .map_err(|e| fail(&ctx, e))?;
    let next = (users.len() == PAGE)
        .then(|| users.last())
        .flatten()
        .map(|last| {
            format!(
                "/back-office/users?q={}&before={}",
                urlencode(&q.q),
                last.id
            )
        });
    Ok(render(&UsersPage {
        ctx: &ctx,
        q: q.q,
        users,
        next,
    }))
}

#[derive(Template)]
#[template(path = "backoffice/user.html")]
struct UserPage<'a> {
    ctx: &'a PageCtx,
    user: UserRow,
    roles: Vec<Role>,
    /// Only admins change roles and accounts.
    admin: bool,
    done: Option<&'static str>,
    problem: Option<String>,
}

impl UserPage<'_> {
    fn all_roles(&self) -> &'static [Role] {
        Role::ALL
    }

    fn holds(&self, role: &Role) -> bool {
        self.roles.contains(role)
    }
}

/// The account's page, with the outcome of the action just tried.
async fn user_page(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    id: i64,
    done: Option<&'static str>,
    refusal: Option<AppError>,
) -> Result<Response, PageError> {
    let (user, roles) = accounts::user_detail(&state.app, who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let (status, problem) = match refusal {
        None => (StatusCode::OK, None),
        Some(AppError::Conflict(code)) => (StatusCode::CONFLICT, Some(conflict_message(ctx, code))),
        Some(e) => return Err(fail(ctx, e)),
    };
    let page = UserPage {
        ctx,
        user,
        roles,
        admin: who.has(Role::Admin),
        done,
        problem,
    };
    Ok((status, render(&page)).into_response())
}

fn done_key(done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "granted" => "bo-done-granted",
        "revoked" => "bo-done-revoked",
        "disabled" => "bo-done-disabled",
        "enabled" => "bo-done-enabled",
        _ => return None,
    })
}

pub(super) async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<UsersQuery>,
) -> Result<Response, PageError> {
    let who = staff_member(&ctx)?;
    let id = path_id(&ctx, &id)?;
    user_page(&state, &ctx, &who, id, done_key(q.done.as_deref()), None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RoleForm {
    role: String,
    action: String,
}

pub(super) async fn roles(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, PageError> {
    let who = staff_member(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let Some(role) = Role::parse(&form.role) else {
        return Ok(bad_request(&ctx));
    };
    let (result, done) = match form.action.as_str() {
        "grant" => (
            accounts::grant_role(&state.app, &who, id, role).await,
            "granted",
        ),
        // Taking back a role the account no longer holds leaves it as wanted: not an error.
        "revoke" => match accounts::revoke_role(&state.app, &who, id, role).await {
            Err(AppError::NotFound) => (Ok(()), "revoked"),
            other => (other, "revoked"),
        },
        _ => return Ok(bad_request(&ctx)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/back-office/users/{id}?done={done}"))),
        Err(e) => user_page(&state, &ctx, &who, id, None, Some(e)).await,
    }
}

pub(super) async fn disable(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_disabled(state, ctx, id, true).await
}

pub(super) async fn enable(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_disabled(state, ctx, id, false).await
}

async fn set_disabled(
    state: AppState,
    ctx: PageCtx,
    id: String,
    disabled: bool,
) -> Result<Response, PageError> {
    let who = staff_member(&ctx)?;
    let id = path_id(&ctx, &id)?;
    match accounts::set_disabled(&state.app, &who, id, disabled).await {
        Ok(()) => {
            let done = if disabled { "disabled" } else { "enabled" };
            Ok(see_other(&format!("/back-office/users/{id}?done={done}")))
        }
        Err(e) => user_page(&state, &ctx, &who, id, None, Some(e)).await,
    }
}

#[derive(Template)]
#[template(path = "backoffice/staff.html")]
struct StaffPage<'a> {
    ctx: &'a PageCtx,
    staff: Vec<(UserRow, Vec<Role>)>,
}

pub(super) async fn staff(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = staff_member(&ctx)?;
    let staff = accounts::staff(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(render(&StaffPage { ctx: &ctx, staff }))
}
