//! A piece's photos (C1): several uploaded at once, put in order by buttons or by dragging,
//! the cover chosen, removed. A file that is too big, in the wrong format or broken is a
//! message beside the upload field naming the file, never an error page.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pepite_app::photos::{self, Move};
use pepite_app::{AppError, accounts::Principal};
use pepite_domain::FieldError;
use serde::Deserialize;

use super::pieces::{EditPage, own_piece, refused};
use super::upload::{Part, Parts};
use super::{path_id, person};
use crate::AppState;
use crate::i18n::field_message;
use crate::pages::forms::{Form, see_other};
use crate::pages::{PageCtx, PageError};

/// The largest form of photos sent at once, in MiB, as messages name it.
pub(super) const PHOTOS_FORM_MIB: i64 = (crate::PHOTOS_FORM_LIMIT / (1024 * 1024)) as i64;

/// A refused file, named as the person's device named it.
pub(super) fn file_message(ctx: &PageCtx, file: &str, e: &FieldError) -> String {
    let reason = field_message(ctx.lang, e);
    if file.is_empty() {
        return reason;
    }
    ctx.t2("sell-photo-file-refused", "file", file, "reason", reason)
}

/// The field error of a refused upload, if it is one (a conflict is not about the file).
pub(super) fn file_error(e: &AppError) -> Option<FieldError> {
    match e {
        AppError::Invalid(errors) => errors.0.first().cloned(),
        _ => None,
    }
}

pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let id = view.piece.id;
    let (added, refusal) = add_all(&state, &who, id, multipart).await;
    let Some((file, error)) = refusal else {
        return Ok(see_other(&format!("/sell/pieces/{id}?done=photo_added")));
    };
    // The photos added before the refused one stay: the page shows them with the refusal.
    let view = own_piece(&state, &ctx, &id.to_string()).await?;
    let Some(e) = file_error(&error) else {
        return refused(&ctx, &view, error, true);
    };
    let mut page = EditPage::new(&ctx, &view);
    page.photo_error = Some(file_message(&ctx, &file, &e));
    if added > 0 {
        page.done = Some("sell-done-photo-added");
    }
    Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY))
}

/// Adds every file of the form in turn, stopping at the first refused one: how many were
/// added, and the refused file's name with why.
async fn add_all(
    state: &AppState,
    who: &Principal,
    id: i64,
    multipart: Result<Multipart, MultipartRejection>,
) -> (usize, Option<(String, AppError)>) {
    let fail = |e: FieldError| AppError::Invalid(pepite_domain::FieldErrors(vec![e]));
    let mut parts = match Parts::new(multipart, "photo", PHOTOS_FORM_MIB) {
        Ok(parts) => parts,
        Err(e) => return (0, Some((String::new(), fail(e)))),
    };
    let mut added = 0;
    loop {
        match parts.next().await {
            Ok(Some(Part::File(name, bytes))) => {
                match photos::add_photo(&state.app, who, id, bytes).await {
                    Ok(_) => added += 1,
                    Err(e) => return (added, Some((name, e))),
                }
            }
            Ok(Some(Part::Text(..))) => {}
            Ok(None) if added == 0 => {
                let e = FieldError::new("photo", "required");
                return (0, Some((String::new(), fail(e))));
            }
            Ok(None) => return (added, None),
            Err(e) => return (added, Some((String::new(), fail(e)))),
        }
    }
}

pub(super) async fn cover(
    state: State<AppState>,
    ctx: PageCtx,
    Path((id, photo)): Path<(String, String)>,
) -> Result<Response, PageError> {
    move_one(state, ctx, id, photo, Move::Cover).await
}

pub(super) async fn earlier(
    state: State<AppState>,
    ctx: PageCtx,
    Path((id, photo)): Path<(String, String)>,
) -> Result<Response, PageError> {
    move_one(state, ctx, id, photo, Move::Earlier).await
}

pub(super) async fn later(
    state: State<AppState>,
    ctx: PageCtx,
    Path((id, photo)): Path<(String, String)>,
) -> Result<Response, PageError> {
    move_one(state, ctx, id, photo, Move::Later).await
}

/// One photo moved by a button (the way without JavaScript, and for keyboards).
async fn move_one(
    State(state): State<AppState>,
    ctx: PageCtx,
    id: String,
    photo: String,
    how: Move,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let (id, photo) = (view.piece.id, path_id(&ctx, &photo)?);
    let done = if how == Move::Cover { "cover" } else { "moved" };
    match photos::move_photo(&state.app, &who, id, photo, how).await {
        // Back to the photo moved, so a keyboard user can go on moving it.
        Ok(()) => Ok(see_other(&format!(
            "/sell/pieces/{id}?done={done}#photo-{photo}"
        ))),
        Err(e) => refused(&ctx, &view, e, false),
    }
}

/// The order a drag left the photos in, as the page's script sends it.
#[derive(Debug, Deserialize)]
pub(super) struct OrderForm {
    /// Photo ids, comma-separated, first the cover.
    order: String,
}

pub(super) async fn reorder(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<OrderForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let id = view.piece.id;
    // A word that is not an id cannot name one of the piece's photos: the set check refuses it.
    let order: Vec<i64> = form
        .order
        .split(',')
        .map(|s| s.trim().parse().unwrap_or(0))
        .collect();
    match photos::reorder(&state.app, &who, id, &order).await {
        Ok(()) => Ok(see_other(&format!("/sell/pieces/{id}?done=moved"))),
        Err(e) => refused(&ctx, &view, e, false),
    }
}

pub(super) async fn remove(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, photo)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let (id, photo) = (view.piece.id, path_id(&ctx, &photo)?);
    match photos::remove_photo(&state.app, &who, id, photo).await {
        Ok(()) => Ok(see_other(&format!("/sell/pieces/{id}?done=photo_removed"))),
        Err(e) => refused(&ctx, &view, e, false),
    }
}
