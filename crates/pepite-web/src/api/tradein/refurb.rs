//! The refurbishment station in the API (T8): an accepted piece's steps recorded in order,
//! then its description and photos as a piece of the brand's resale shop, and its listing.

use axum::Json;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::tradein::refurb;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::views::ItemView;
use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem, upload};
use crate::api::photos::IMAGE_TYPES;
use crate::api::pieces::PieceBody;
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(record_step))
        .routes(routes!(describe))
        .routes(routes!(add_photo))
        .routes(routes!(publish))
        .layer(DefaultBodyLimit::max(crate::BODY_LIMIT))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StepBody {
    /// `cleaned`, `pressed`, `relabelled`, `authenticated`, in this order.
    #[schema(example = "cleaned")]
    pub step: String,
}

/// Where a piece stands in refurbishment.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefurbView {
    #[serde(flatten)]
    pub item: ItemView,
    /// The steps recorded, in order.
    pub steps_done: Vec<&'static str>,
    /// The resale shop's piece, once described.
    pub piece_id: Option<i64>,
}

async fn view(
    s: &AppState,
    who: &pepite_app::accounts::Principal,
    item: refurb::ItemRow,
) -> Result<RefurbView, AppError> {
    let (b, items) = pepite_app::tradein::boxes::for_staff(&s.app, who, item.box_id).await?;
    let view = super::views::BoxView::of(b, items)
        .items
        .into_iter()
        .find(|i| i.id == item.id)
        .ok_or(AppError::NotFound)?;
    Ok(RefurbView {
        item: view,
        steps_done: refurb::done_steps(item.refurb_steps),
        piece_id: item.piece_id,
    })
}

/// Record a refurbishment step of an accepted piece (T8), once and in order.
#[utoipa::path(post, path = "/staff/trade-in/items/{id}/refurbishment", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = StepBody,
    responses(
        (status = 200, body = RefurbView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such accepted piece", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`step_out_of_order`, `step_already_done`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`step` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn record_step(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StepBody>,
) -> Result<Json<RefurbView>, Problem> {
    let run = async {
        let item = refurb::step(&s.app, &who, id, body.step.trim()).await?;
        view(&s, &who, item).await
    };
    Ok(Json(run.await.map_err(problem(lang))?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Described {
    /// The resale shop's draft; add its photos, then list it.
    pub piece_id: i64,
}

/// Describe a refurbished piece as a draft of the brand's resale shop (T8); its brand,
/// category and grade are the inspection's. Described once: again answers the same draft.
#[utoipa::path(post, path = "/staff/trade-in/items/{id}/piece", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = PieceBody,
    responses(
        (status = 201, body = Described),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_refurbished`, `no_partner`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The description's fields, as for any piece", body = Problem, content_type = "application/problem+json"),
    ))]
async fn describe(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PieceBody>,
) -> Result<impl IntoResponse, Problem> {
    let piece_id = refurb::describe(&s.app, &who, id, &body.input())
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(Described { piece_id })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PhotoAdded {
    pub photo_id: i64,
}

/// Add a photo of the refurbished piece (T8): a `photo` part of a multipart form, or the
/// image as the body; checked like any piece photo.
#[utoipa::path(post, path = "/staff/trade-in/items/{id}/photos", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body(description = "A `photo` part of a multipart form, or the image as the body",
        content(("multipart/form-data"), ("image/jpeg"), ("image/png"), ("image/webp"))),
    responses(
        (status = 201, body = PhotoAdded),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_described`, `too_many_photos`", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`photo`: `unreadable_image`, `unsupported_format`, `too_small`, `file_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn add_photo(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
    req: Request,
) -> Result<impl IntoResponse, Problem> {
    let bytes = upload(req, "photo", IMAGE_TYPES, lang).await?;
    let photo_id = refurb::add_photo(&s.app, &who, id, bytes)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(PhotoAdded { photo_id })))
}

/// List the described, photographed piece in the brand's resale shop (T8).
#[utoipa::path(post, path = "/staff/trade-in/items/{id}/listing", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Described),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_described`, `not_listable`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`photos` `photo_required`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn publish(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Described>, Problem> {
    let piece = refurb::publish(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(Described {
        piece_id: piece.piece.id,
    }))
}
