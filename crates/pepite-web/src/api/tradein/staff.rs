//! The warehouse's side of trade-in (T5, T6): the boxes to handle (late ones first), a box,
//! its arrival, and the verdict on each piece.

use axum::Json;
use axum::extract::State;
use pepite_app::AppError;
use pepite_app::tradein::boxes::{self, VerdictInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::views::{BoxView, ItemView};
use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(one))
        .routes(routes!(arrival))
        .routes(routes!(verdict))
}

/// A box in the warehouse's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedBox {
    #[serde(flatten)]
    pub b: BoxView,
    /// T6: arrived, not handled, past its `answer_by` date (Paris).
    pub late: bool,
}

/// The boxes to handle: arrived ones by the date they are due (late first), then those on
/// their way (T6).
#[utoipa::path(get, path = "/staff/trade-in/boxes", tag = "trade-in", security(("bearer" = [])),
    responses(
        (status = 200, body = [QueuedBox]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn queue(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
) -> Result<Json<Vec<QueuedBox>>, Problem> {
    let run = async {
        let today = pepite_app::tradein::paris_date(s.app.now_us().await?);
        let rows = boxes::queue(&s.app, &who).await?;
        let all = boxes::with_items(&s.app, rows).await?;
        let queued = all.into_iter().map(|(b, items)| QueuedBox {
            late: boxes::is_late(&b, today),
            b: BoxView::of(b, items),
        });
        Ok::<_, AppError>(queued.collect::<Vec<_>>())
    };
    Ok(Json(run.await.map_err(problem(lang))?))
}

/// A box with its pieces, for the warehouse.
#[utoipa::path(get, path = "/staff/trade-in/boxes/{id}", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BoxView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn one(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BoxView>, Problem> {
    let (b, items) = boxes::for_staff(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BoxView::of(b, items)))
}

/// The box reached the warehouse (T6): its person is told the date to expect an answer by.
#[utoipa::path(post, path = "/staff/trade-in/boxes/{id}/arrival", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BoxView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_accepted`, `already_arrived`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn arrival(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BoxView>, Problem> {
    let run = async {
        boxes::arrive(&s.app, &who, id).await?;
        boxes::for_staff(&s.app, &who, id).await
    };
    let (b, items) = run.await.map_err(problem(lang))?;
    Ok(Json(BoxView::of(b, items)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VerdictBody {
    /// True: accepted at `grade` (default: the grade declared); false: refused for `reason`.
    pub accept: bool,
    /// `new_with_tags`, `excellent` or `very_good`, never above the grade declared.
    #[serde(default)]
    pub grade: Option<String>,
    /// Required when refusing: the person reads it.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The verdict on one piece (T5), recorded once. An accepted piece credits its person at
/// once with the grid's amount for its grade (T6); a refused one gets a free return label.
#[utoipa::path(post, path = "/staff/trade-in/items/{id}/verdict", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = VerdictBody,
    responses(
        (status = 200, body = ItemView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_inspected`, `box_not_arrived`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`grade` `grade_above_declared` or `no_grid_line`; `reason` `required`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn verdict(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<VerdictBody>,
) -> Result<Json<ItemView>, Problem> {
    let v = VerdictInput {
        accept: body.accept,
        grade: body.grade,
        reason: body.reason,
    };
    let run = async {
        let item = boxes::inspect(&s.app, &who, id, &v).await?;
        let (b, items) = boxes::for_staff(&s.app, &who, item.box_id).await?;
        Ok::<_, AppError>(BoxView::of(b, items).items.into_iter().find(|i| i.id == id))
    };
    run.await
        .map_err(problem(lang))?
        .map(Json)
        .ok_or_else(crate::api::json::not_found)
}
