//! Creating and editing a piece, and moving it through its states (C1, C3). A refused form or
//! move is shown on the piece's own page, in the person's language, with what they typed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::catalog::{self, PieceView};
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::piece_form::PieceForm;
use super::{conflict_message, done_key, path_id, person, shop_of};
use crate::AppState;
use crate::i18n::field_message;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "sell/piece_new.html")]
struct NewPage<'a> {
    ctx: &'a PageCtx,
    form: PieceForm,
    errors: FormErrors,
}

/// The piece's page in the seller space: its state, moves, photos and form.
#[derive(Template)]
#[template(path = "sell/piece_edit.html")]
pub(super) struct EditPage<'a> {
    ctx: &'a PageCtx,
    view: &'a PieceView,
    form: PieceForm,
    errors: FormErrors,
    done: Option<&'static str>,
    problem: Option<String>,
    photo_error: Option<String>,
}

impl<'a> EditPage<'a> {
    /// The page with the piece's stored values in the form.
    pub fn new(ctx: &'a PageCtx, view: &'a PieceView) -> Self {
        EditPage {
            ctx,
            view,
            form: PieceForm::from_row(&view.piece, &view.measurements, ctx.lang),
            errors: FormErrors::new(ctx.lang, FieldErrors::new()),
            done: None,
            problem: None,
            photo_error: None,
        }
    }

    pub fn respond(&self, status: StatusCode) -> Response {
        (status, render(self)).into_response()
    }
}

/// Shows a refused move or photo change on the piece's page; anything else is an error page.
/// A refused file is explained beside the upload field; a refused move at the top.
pub(super) fn refused(
    ctx: &PageCtx,
    view: &PieceView,
    error: AppError,
    about_file: bool,
) -> Result<Response, PageError> {
    let mut page = EditPage::new(ctx, view);
    let status = match error {
        AppError::Invalid(e) => {
            let message = e.0.first().map(|e| field_message(ctx.lang, e));
            if about_file {
                page.photo_error = message;
            } else {
                page.problem = message;
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        AppError::Conflict(code) => {
            page.problem = Some(conflict_message(ctx, code));
            StatusCode::CONFLICT
        }
        other => return Err(PageError::new(ctx, other)),
    };
    Ok(page.respond(status))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Done {
    done: Option<String>,
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let Some(shop) = shop_of(&state, &ctx, &who).await? else {
        return Ok(see_other("/sell"));
    };
    let page = NewPage {
        ctx: &ctx,
        form: PieceForm::blank(shop.open_to_offers),
        errors: FormErrors::new(ctx.lang, FieldErrors::new()),
    };
    Ok(render(&page))
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let form = PieceForm::from_pairs(pairs);
    let refuse = |form: PieceForm, errors: FieldErrors| {
        let page = NewPage {
            ctx: &ctx,
            form,
            errors: FormErrors::new(ctx.lang, errors),
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
    };
    let input = match form.to_input() {
        Ok(input) => input,
        Err(errors) => return refuse(form, errors),
    };
    match catalog::create_piece(&state.app, &who, &input).await {
        Ok(view) => Ok(see_other(&format!(
            "/sell/pieces/{}?done=created",
            view.piece.id
        ))),
        Err(AppError::Invalid(errors)) => refuse(form, errors),
        // No shop yet: the seller space opens with the shop form.
        Err(AppError::Forbidden) => Ok(see_other("/sell")),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

/// The caller's piece, or the same 404 page as for an id that does not exist (A4).
pub(super) async fn own_piece(
    state: &AppState,
    ctx: &PageCtx,
    raw_id: &str,
) -> Result<PieceView, PageError> {
    let who = person(ctx)?;
    let id = path_id(ctx, raw_id)?;
    catalog::owned_piece(&state.app, &who, id)
        .await
        .or_page(ctx)
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, PageError> {
    let view = own_piece(&state, &ctx, &id).await?;
    let mut page = EditPage::new(&ctx, &view);
    page.done = done_key(q.done.as_deref());
    Ok(page.respond(StatusCode::OK))
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let form = PieceForm::from_pairs(pairs);
    let result = match form.to_input() {
        Ok(input) => {
            catalog::update_piece(&state.app, &who, view.piece.id, form.version(), &input).await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let (status, errors, problem) = match result {
        Ok(_) => {
            return Ok(see_other(&format!(
                "/sell/pieces/{}?done=saved",
                view.piece.id
            )));
        }
        Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
        Err(AppError::Conflict(code)) => (
            StatusCode::CONFLICT,
            FieldErrors::new(),
            Some(conflict_message(&ctx, code)),
        ),
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    // What the person typed comes back, so nothing they wrote is lost.
    let mut page = EditPage::new(&ctx, &view);
    page.form = form;
    page.errors = FormErrors::new(ctx.lang, errors);
    page.problem = problem;
    Ok(page.respond(status))
}

/// A state move (C3).
enum Move {
    List,
    Withdraw,
    Delete,
}

async fn move_piece(
    state: AppState,
    ctx: PageCtx,
    id: String,
    how: Move,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let (app, id) = (&state.app, view.piece.id);
    let next = match how {
        Move::List => catalog::list_piece(app, &who, id)
            .await
            .map(|_| format!("/sell/pieces/{id}?done=listed")),
        Move::Withdraw => catalog::withdraw_piece(app, &who, id)
            .await
            .map(|_| format!("/sell/pieces/{id}?done=withdrawn")),
        Move::Delete => catalog::delete_draft(app, &who, id)
            .await
            .map(|()| "/sell?state=draft&done=deleted".to_owned()),
    };
    match next {
        Ok(next) => Ok(see_other(&next)),
        Err(e) => refused(&ctx, &view, e, false),
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    move_piece(state, ctx, id, Move::List).await
}

pub(super) async fn withdraw(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    move_piece(state, ctx, id, Move::Withdraw).await
}

pub(super) async fn delete(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    move_piece(state, ctx, id, Move::Delete).await
}
