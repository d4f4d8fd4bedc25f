//! Creating and editing a piece, and moving it through its states (C1, C3). A refused form or
//! move is shown on the piece's own page, in the person's language, with what they typed.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::catalog::{self, PieceView};
use pepite_app::{AppError, photos};
use pepite_domain::{FieldError, FieldErrors};
use serde::Deserialize;

use super::photos::{PHOTOS_FORM_MIB, file_error, file_message};
use super::piece_form::PieceForm;
use super::terms::SellingTerms;
use super::upload::{Part, Parts};
use super::{conflict_message, done_key, path_id, person, shop_of};
use crate::i18n::field_message;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};
use crate::{AppState, input_text};

#[derive(Template)]
#[template(path = "sell/piece_new.html")]
struct NewPage<'a> {
    ctx: &'a PageCtx,
    form: PieceForm,
    errors: FormErrors,
    terms: SellingTerms,
    /// A refused photo, named.
    photo_error: Option<String>,
    /// The form came back refused after photos were chosen: browsers never keep them.
    photos_again: bool,
}

/// The piece's page in the seller space: its state, moves, photos and form.
#[derive(Template)]
#[template(path = "sell/piece_edit.html")]
pub(super) struct EditPage<'a> {
    ctx: &'a PageCtx,
    view: &'a PieceView,
    form: PieceForm,
    errors: FormErrors,
    pub done: Option<&'static str>,
    problem: Option<String>,
    pub photo_error: Option<String>,
    /// P1, shown beside the button that lists the piece (when the page was given the policy).
    terms: Option<SellingTerms>,
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
            terms: None,
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
    let policy = state.app.policy_now().await.or_page(&ctx)?;
    let form = PieceForm::blank(shop.open_to_offers);
    let page = NewPage {
        ctx: &ctx,
        terms: SellingTerms::new(&policy, &form),
        form,
        errors: FormErrors::new(ctx.lang, FieldErrors::new()),
        photo_error: None,
        photos_again: false,
    };
    Ok(render(&page))
}

/// What the new-piece form sent: its fields, and its photos already checked and stored.
struct NewPieceSent {
    pairs: Vec<(String, String)>,
    prepared: Vec<photos::Prepared>,
    /// The first refused file, named, with why; the files after it are not read.
    refused: Option<String>,
    /// Whether any file was chosen: a refused form asks for them again.
    had_files: bool,
}

/// Reads the new-piece form part by part, each photo checked and stored as it arrives (one
/// decoded photo in memory at a time), at most the policy's number of photos.
async fn read_new_piece(
    state: &AppState,
    ctx: &PageCtx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<NewPieceSent, PageError> {
    let max = state.app.policy_now().await.or_page(ctx)?.photos_per_piece;
    let mut sent = NewPieceSent {
        pairs: Vec::new(),
        prepared: Vec::new(),
        refused: None,
        had_files: false,
    };
    let mut parts = match Parts::new(multipart, "photo", PHOTOS_FORM_MIB) {
        Ok(parts) => parts,
        Err(e) => {
            sent.refused = Some(file_message(ctx, "", &e));
            return Ok(sent);
        }
    };
    loop {
        match parts.next().await {
            Ok(None) => return Ok(sent),
            Ok(Some(Part::Text(name, value))) => sent.pairs.push((name, value)),
            Ok(Some(Part::File(_, _))) if sent.refused.is_some() => {}
            Ok(Some(Part::File(name, bytes))) => {
                sent.had_files = true;
                if sent.prepared.len() >= max {
                    let e = FieldError::with_limit("photo", "too_many_photos", max as i64);
                    sent.refused = Some(file_message(ctx, "", &e));
                    continue;
                }
                match photos::prepare(&state.app, bytes).await {
                    Ok(p) => sent.prepared.push(p),
                    Err(e) => match file_error(&e) {
                        Some(fe) => sent.refused = Some(file_message(ctx, &name, &fe)),
                        None => {
                            photos::discard(&state.app, sent.prepared).await;
                            return Err(PageError::new(ctx, e));
                        }
                    },
                }
            }
            Err(e) => {
                sent.refused = Some(file_message(ctx, "", &e));
                return Ok(sent);
            }
        }
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let sent = read_new_piece(&state, &ctx, multipart).await?;
    let control = input_text::pair_errors(sent.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let form = PieceForm::from_pairs(sent.pairs);
    let policy = state.app.policy_now().await.or_page(&ctx)?;
    let refuse = |form: PieceForm, errors: FieldErrors, photo_error: Option<String>| {
        let page = NewPage {
            ctx: &ctx,
            terms: SellingTerms::new(&policy, &form),
            form,
            errors: FormErrors::new(ctx.lang, errors),
            photo_error,
            photos_again: sent.had_files,
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
    };
    let input = match (control.is_empty(), form.to_input(), sent.refused.is_none()) {
        (true, Ok(input), true) => input,
        (_, checked, _) => {
            photos::discard(&state.app, sent.prepared).await;
            let mut errors = control;
            if let Err(more) = checked {
                errors.0.extend(more.0);
            }
            return refuse(form, errors, sent.refused);
        }
    };
    match photos::create_with_photos(&state.app, &who, &input, sent.prepared).await {
        Ok(view) => Ok(see_other(&format!(
            "/sell/pieces/{}?done=created",
            view.piece.id
        ))),
        Err(AppError::Invalid(errors)) => refuse(form, errors, None),
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
    let policy = state.app.policy_now().await.or_page(&ctx)?;
    let mut page = EditPage::new(&ctx, &view);
    page.done = done_key(q.done.as_deref());
    page.terms = Some(SellingTerms::new(&policy, &page.form));
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
