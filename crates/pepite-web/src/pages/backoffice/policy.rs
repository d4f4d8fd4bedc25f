//! The shop's policy for admins (P3): one form with its figures and tables, saved against the
//! version that was read, so that two admins editing at once never overwrite each other
//! silently: the second is told to reload, and keeps what they typed on screen.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::policies;
use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_domain::country::COUNTRIES;
use serde::Deserialize;

use super::policy_form::PolicyForm;
use super::policy_tables;
use super::problems::Problems;
use super::{fail, staff};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

fn admin(ctx: &PageCtx) -> Result<Principal, PageError> {
    let who = staff(ctx)?;
    if who.has(Role::Admin) {
        Ok(who)
    } else {
        Err(fail(ctx, AppError::Forbidden))
    }
}

#[derive(Template)]
#[template(path = "backoffice/policy.html")]
struct PolicyPage<'a> {
    ctx: &'a PageCtx,
    form: PolicyForm,
    errors: Problems,
    done: bool,
    /// Someone saved another version since this form was read.
    stale: bool,
}

impl PolicyPage<'_> {
    fn countries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        COUNTRIES
            .iter()
            .map(|(code, _, _)| (*code, self.ctx.country(code)))
    }

    fn zones(&self) -> Vec<String> {
        policy_tables::zones().collect()
    }

    fn regions(&self) -> Vec<String> {
        policy_tables::regions().collect()
    }

    fn respond(&self, status: StatusCode) -> Response {
        (status, render(self)).into_response()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Done {
    done: Option<String>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let who = admin(&ctx)?;
    let (policy, version) = policies::current(&state.app, &who, ctx.shop_id())
        .await
        .map_err(|e| fail(&ctx, e))?;
    let page = PolicyPage {
        ctx: &ctx,
        form: PolicyForm::from_policy(&ctx, &policy, version),
        errors: Problems::default(),
        done: q.done.as_deref() == Some("saved"),
        stale: false,
    };
    Ok(page.respond(StatusCode::OK))
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<PolicyForm>,
) -> Result<Response, PageError> {
    let who = admin(&ctx)?;
    let (current, _) = policies::current(&state.app, &who, ctx.shop_id())
        .await
        .map_err(|e| fail(&ctx, e))?;
    let result = match form.apply(&current) {
        Ok(policy) => {
            policies::save(&state.app, &who, ctx.shop_id(), &policy, form.version()).await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let (status, errors, stale) = match result {
        Ok(_) => return Ok(see_other("/back-office/policy?done=saved")),
        Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, false),
        Err(AppError::Conflict("policy_changed")) => {
            (StatusCode::CONFLICT, FieldErrors::new(), true)
        }
        Err(e) => return Err(fail(&ctx, e)),
    };
    let page = PolicyPage {
        ctx: &ctx,
        errors: Problems::new(&ctx, &errors),
        form,
        done: false,
        stale,
    };
    Ok(page.respond(status))
}
