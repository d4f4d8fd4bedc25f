//! Mails set aside in the back office (S1): what the inbound listener took but did not
//! thread, newest first, with why, and a button to thread a mail anyway when it was set aside
//! for a reason staff may overrule (it then opens its conversation).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::support::set_aside::{self, SetAside};
use pepite_domain::account::Role;
use serde::Deserialize;

use super::workshop::Said;
use super::{fail, path_id, with_role};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

const HOME: &str = "/back-office/support/set-aside";

#[derive(Template)]
#[template(path = "backoffice/support_set_aside.html")]
struct SetAsidePage<'a> {
    ctx: &'a PageCtx,
    mails: Vec<SetAside>,
    said: Option<(bool, String)>,
}

impl SetAsidePage<'_> {
    fn reason(&self, reason: &str) -> String {
        self.ctx
            .t(&format!("bo-set-aside-reason-{}", reason.replace('_', "-")))
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let mails = set_aside::list(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let page = SetAsidePage {
        ctx: &ctx,
        mails,
        said: said.message_of(&ctx, "bo-desk-done"),
    };
    Ok(render(&page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ReleaseForm {
    /// Why the mail was set aside, as the page showed it.
    reason: String,
}

/// S1: threads a mail anyway and opens its conversation; a refusal is a sentence on the list.
pub(super) async fn release(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ReleaseForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    match set_aside::release(&state.app, &who, id, &form.reason).await {
        Ok(conversation) => Ok(see_other(&format!(
            "/back-office/support/{conversation}?done=threaded#said"
        ))),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!("{HOME}?error={code}#said"))),
        Err(e) => Err(fail(&ctx, e)),
    }
}
