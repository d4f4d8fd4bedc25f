//! Alerts on sold pieces (L1): set one on a sold piece still shown (C4), list and remove
//! them; staff put a sold piece back on sale (C3), which tells everyone watching it once.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pepite_app::{alerts, catalog};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiPath, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_alerts))
        .routes(routes!(set_alert, remove_alert))
        .routes(routes!(relist))
}

/// One of my alerts.
#[derive(Debug, Serialize, ToSchema)]
pub struct Alert {
    pub piece_id: i64,
    pub title: String,
    /// The piece's state now: `sold` while the alert waits.
    #[schema(example = "sold")]
    pub piece_state: String,
    pub created_at: String,
}

impl From<alerts::Alert> for Alert {
    fn from(a: alerts::Alert) -> Self {
        Alert {
            piece_id: a.piece_id,
            title: a.title,
            piece_state: a.piece_state,
            created_at: timestamp(a.created_at),
        }
    }
}

/// My alerts, newest first. An alert ends once it has fired.
#[utoipa::path(get, path = "/alerts", tag = "alerts", security(("bearer" = [])),
    responses(
        (status = 200, body = [Alert]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_alerts(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<Alert>>, Problem> {
    let rows = alerts::mine(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(rows.into_iter().map(Alert::from).collect()))
}

/// L1: tell me once if this sold piece goes back on sale. Setting it twice is harmless.
#[utoipa::path(put, path = "/pieces/{id}/alert", tag = "alerts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "The alert is set"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`alert_piece_not_sold`: only a sold piece still shown takes an alert; `alert_own_purchase`: the person bought it", body = Problem, content_type = "application/problem+json"),
    ))]
async fn set_alert(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    alerts::set(&s.app, &who, id).await.map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove my alert on a piece.
#[utoipa::path(delete, path = "/pieces/{id}/alert", tag = "alerts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No alert of mine on this piece", body = Problem, content_type = "application/problem+json"),
    ))]
async fn remove_alert(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    alerts::remove(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// C3/L1, for customer service and the workshop: put a sold piece back on sale (after a
/// return); everyone with an alert on it is told, once.
#[utoipa::path(post, path = "/staff/pieces/{id}/relist", tag = "alerts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Listed again; the alerts fired"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`piece_not_sold`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn relist(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Relisting>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    catalog::relist(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
