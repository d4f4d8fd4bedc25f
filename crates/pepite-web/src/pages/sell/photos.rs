//! A piece's photos (C1): upload, choose the cover, remove. A file that is too big, in the
//! wrong format or broken is a message beside the upload field, never an error page.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use pepite_app::{AppError, photos};
use pepite_domain::FieldErrors;

use super::pieces::{own_piece, refused};
use super::upload::read_file;
use super::{path_id, person};
use crate::AppState;
use crate::pages::forms::see_other;
use crate::pages::{OrPage, PageCtx, PageError};

const MIB: usize = 1024 * 1024;

pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let id = view.piece.id;
    let policy = state.app.policy_now().await.or_page(&ctx)?;
    let max_mb = (policy.photo_max_bytes / MIB) as i64;
    let result = match read_file(multipart, "photo", max_mb).await {
        Ok(bytes) => photos::add_photo(&state.app, &who, id, bytes).await,
        Err(e) => Err(AppError::Invalid(FieldErrors(vec![e]))),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/sell/pieces/{id}?done=photo_added"))),
        Err(e) => refused(&ctx, &view, e, true),
    }
}

pub(super) async fn cover(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, photo)): Path<(String, String)>,
) -> Result<Response, PageError> {
    change(state, ctx, id, photo, true).await
}

pub(super) async fn remove(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, photo)): Path<(String, String)>,
) -> Result<Response, PageError> {
    change(state, ctx, id, photo, false).await
}

/// Makes a photo the cover, or removes it (a listed piece keeps at least one).
async fn change(
    state: AppState,
    ctx: PageCtx,
    id: String,
    photo: String,
    make_cover: bool,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let view = own_piece(&state, &ctx, &id).await?;
    let (id, photo) = (view.piece.id, path_id(&ctx, &photo)?);
    let (result, done) = if make_cover {
        (
            photos::make_cover(&state.app, &who, id, photo).await,
            "cover",
        )
    } else {
        (
            photos::remove_photo(&state.app, &who, id, photo).await,
            "photo_removed",
        )
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/sell/pieces/{id}?done={done}"))),
        Err(e) => refused(&ctx, &view, e, true),
    }
}
