//! Customer service's saved answers in the back office (S1): the list, a form to write one
//! with a title and its French and English texts, the same form to change one, and deleting.
//! A refused form comes back with what was typed and each field's sentence.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::support::saved::{self, SavedAnswerRow, SavedInput};
use pepite_domain::account::Role;

use super::problems::Problems;
use super::workshop::Said;
use super::{fail, path_id, with_role};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

const HOME: &str = "/back-office/support/saved-answers";

#[derive(Template)]
#[template(path = "backoffice/support_saved.html")]
struct SavedPage<'a> {
    ctx: &'a PageCtx,
    answers: Vec<SavedAnswerRow>,
    /// The answer being changed; none for a new one.
    editing: Option<i64>,
    form: SavedInput,
    errors: Problems,
    said: Option<(bool, String)>,
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    edit: (Option<i64>, SavedInput),
    errors: Problems,
    said: Option<(bool, String)>,
) -> Result<Response, PageError> {
    let answers = saved::list(&state.app, who)
        .await
        .map_err(|e| fail(ctx, e))?;
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (editing, form) = edit;
    let page = SavedPage {
        ctx,
        answers,
        editing,
        form,
        errors,
        said,
    };
    Ok((status, render(&page)).into_response())
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let said = said.message_of(&ctx, "bo-desk-done");
    let edit = (None, SavedInput::default());
    page(&state, &ctx, &who, edit, Problems::default(), said).await
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let row = saved::get(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let form = SavedInput {
        title: row.title,
        fr: row.body_fr,
        en: row.body_en,
    };
    page(
        &state,
        &ctx,
        &who,
        (Some(id), form),
        Problems::default(),
        None,
    )
    .await
}

/// What a write did: back to the list, or the form again with its sentences.
async fn written(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    edit: (Option<i64>, SavedInput),
    outcome: Result<(), AppError>,
    done: &str,
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(see_other(&format!("{HOME}?done={done}"))),
        Err(AppError::Invalid(errors)) => {
            let errors = Problems::new(ctx, &errors);
            page(state, ctx, who, edit, errors, None).await
        }
        Err(e) => Err(fail(ctx, e)),
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<SavedInput>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let outcome = saved::create(&state.app, &who, &form).await.map(|_| ());
    written(&state, &ctx, &who, (None, form), outcome, "saved_created").await
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<SavedInput>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let outcome = saved::update(&state.app, &who, id, &form).await;
    written(
        &state,
        &ctx,
        &who,
        (Some(id), form),
        outcome,
        "saved_changed",
    )
    .await
}

pub(super) async fn delete(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    saved::delete(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(see_other(&format!("{HOME}?done=saved_deleted")))
}
