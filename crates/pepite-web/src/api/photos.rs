//! Piece photos (C1): sellers upload, remove and order them; everyone gets their addresses in
//! three sizes. Files are served by the pages under `/media/`.

use axum::Json;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use base64::Engine;
use pepite_app::AppError;
use pepite_app::photos::{self, variant_key};
use pepite_store::catalog::PhotoRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem, upload};
use crate::auth::Lang;
use crate::problem::Problem;

/// The image types accepted as a raw body.
pub(crate) const IMAGE_TYPES: &[&str] = &["image/jpeg", "image/png", "image/webp"];

/// Photos sent inside a JSON body (a return's defect, a failed check), base64 each; one that
/// does not decode is the field error `photo` `unreadable_image`. Whether the bytes are an
/// image the use case says, as for an upload.
pub(crate) fn from_base64(photos: &[String]) -> Result<Vec<Vec<u8>>, AppError> {
    photos
        .iter()
        .map(|p| {
            base64::engine::general_purpose::STANDARD
                .decode(p.trim())
                .map_err(|_| AppError::field("photo", "unreadable_image"))
        })
        .collect()
}

/// F6: the addresses of one piece's failed-check photos, out of what
/// `workshop::failed_check_photos` gave for the order.
pub(crate) fn of_piece(photos: &[(i64, Vec<String>)], piece_id: i64) -> Vec<PhotoUrls> {
    photos
        .iter()
        .filter(|(p, _)| *p == piece_id)
        .flat_map(|(_, keys)| keys)
        .map(|k| PhotoUrls::of(k))
        .collect()
}

pub fn routes() -> OpenApiRouter<AppState> {
    // axum reads at most 2 MB of a body by default; photos may be larger. The policy in force
    // at the time of the upload decides (the use case checks it); this only lets them through.
    let limit = crate::BODY_LIMIT;
    OpenApiRouter::new()
        .routes(routes!(add_photo))
        .routes(routes!(remove_photo))
        .routes(routes!(make_cover))
        .routes(routes!(reorder))
        .layer(DefaultBodyLimit::max(limit))
}

/// Addresses of one photo in each of its sizes (JPEG, longest side 1600, 800 and 320 px).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhotoUrls {
    #[schema(example = "/media/3f/3f9a0c…-large.jpg")]
    pub large: String,
    pub medium: String,
    pub thumb: String,
}

impl PhotoUrls {
    pub fn of(storage_key: &str) -> Self {
        let url = |variant: &str| {
            let key = variant_key(storage_key, variant);
            format!("/media/{}", key.strip_prefix("photos/").unwrap_or(&key))
        };
        PhotoUrls {
            large: url("large"),
            medium: url("medium"),
            thumb: url("thumb"),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Photo {
    pub id: i64,
    /// Photos are shown in increasing position; the first is the cover.
    pub position: i64,
    pub width: i64,
    pub height: i64,
    pub urls: PhotoUrls,
}

impl From<&PhotoRow> for Photo {
    fn from(p: &PhotoRow) -> Self {
        Photo {
            id: p.id,
            position: p.position,
            width: p.width,
            height: p.height,
            urls: PhotoUrls::of(&p.storage_key),
        }
    }
}

/// Add a photo to one of my pieces.
///
/// Send `multipart/form-data` with a `photo` part, or the image itself as the body with its
/// type. JPEG, PNG or WebP, at least 200 × 200 pixels; it is re-encoded without its metadata.
#[utoipa::path(post, path = "/pieces/{id}/photos", tag = "photos", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The piece")),
    request_body(description = "A `photo` part of a multipart form, or the image as the body",
        content(("multipart/form-data"), ("image/jpeg"), ("image/png"), ("image/webp"))),
    responses(
        (status = 201, body = Photo),
        (status = 400, description = "Unreadable multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_editable`, `too_many_photos`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`body_too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported_media_type`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`photo`: `unreadable_image`, `unsupported_format`, `too_small`, `file_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn add_photo(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    req: Request,
) -> Result<impl IntoResponse, Problem> {
    let bytes = upload(req, "photo", IMAGE_TYPES, lang).await?;
    let row = photos::add_photo(&s.app, &who, id, bytes)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(Photo::from(&row))))
}

/// Remove a photo from one of my pieces (a listed piece keeps at least one).
#[utoipa::path(delete, path = "/pieces/{id}/photos/{photo_id}", tag = "photos", security(("bearer" = [])),
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`last_photo_of_listed_piece`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn remove_photo(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, photo_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, Problem> {
    photos::remove_photo(&s.app, &who, id, photo_id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make a photo the cover of one of my pieces.
///
/// The photo moves first; the others keep their order.
#[utoipa::path(post, path = "/pieces/{id}/photos/{photo_id}/cover", tag = "photos", security(("bearer" = [])),
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_editable`, `photos_changed`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn make_cover(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, photo_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, Problem> {
    photos::move_photo(&s.app, &who, id, photo_id, photos::Move::Cover)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The new order of a piece's photos.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PhotoOrder {
    /// Every photo of the piece, once each, in the order to show them; the first is the cover.
    #[schema(example = json!([31, 29, 30]))]
    pub photos: Vec<i64>,
}

/// Put the photos of one of my pieces in a new order.
///
/// Name every photo of the piece once. If a photo was added or removed since you read the
/// piece, nothing changes and the answer is `photos_changed`: read the piece again.
#[utoipa::path(put, path = "/pieces/{id}/photos/order", tag = "photos", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = PhotoOrder,
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_editable`, `photos_changed`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn reorder(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PhotoOrder>,
) -> Result<StatusCode, Problem> {
    photos::reorder(&s.app, &who, id, &body.photos)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
