//! A parcel's journey in the API (F1, F3, F4): its seller marks it shipped with carrier and
//! tracking number; staff record its delivery. Both are compare-and-set in the store: a
//! repeat or a race is a 409, never a second change.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pepite_app::orders::ParcelRow;
use pepite_app::shipping;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ship))
        .routes(routes!(deliver))
}

/// Where a parcel stands: shipped with which carrier and number, delivered when.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShipmentView {
    /// The parcel's number in its order (1-based).
    pub parcel: i64,
    /// The carrier's code and name, once shipped.
    pub carrier: Option<String>,
    pub carrier_name: Option<String>,
    pub tracking: Option<String>,
    /// F3: the carrier's tracking page for this parcel.
    pub tracking_link: Option<String>,
    pub shipped_at: Option<String>,
    /// F4: the return window starts here.
    pub delivered_at: Option<String>,
}

impl From<&ParcelRow> for ShipmentView {
    fn from(p: &ParcelRow) -> Self {
        ShipmentView {
            parcel: p.parcel,
            carrier: p.carrier.clone(),
            carrier_name: p.carrier_name.clone(),
            tracking: p.tracking.clone(),
            tracking_link: p.tracking_link(),
            shipped_at: p.shipped_at.map(timestamp),
            delivered_at: p.delivered_at.map(timestamp),
        }
    }
}

/// F1: what the seller typed for a shipment.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ShipmentBody {
    /// A carrier's code (see `GET /carriers`).
    #[schema(example = "colissimo")]
    pub carrier: String,
    /// As printed (spaces and dashes are dropped); checked against the carrier's format.
    #[schema(example = "6A12345678901", max_length = 60)]
    pub tracking: String,
}

/// F1: my parcel of a paid direct order leaves with a carrier; the buyer is told with the
/// tracking number and a link to the carrier's page (F3).
#[utoipa::path(post, path = "/seller/orders/{id}/parcels/{parcel}/shipment", tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("parcel" = i64, Path)),
    request_body = ShipmentBody,
    responses(
        (status = 200, body = ShipmentView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such parcel of mine in a paid order", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_shipped`, or `order_cancelled` (the buyer cancelled first, F5)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`carrier` `unknown_value`, `tracking` `tracking_number` or `tracking_format`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn ship(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, parcel)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ShipmentBody>,
) -> Result<Json<ShipmentView>, Problem> {
    let row = shipping::ship_parcel(&s.app, &who, id, parcel, &body.carrier, &body.tracking)
        .await
        .map_err(problem(lang))?;
    Ok(Json(ShipmentView::from(&row)))
}

/// F4: staff record that a shipped parcel arrived, now (workshop, customer service).
#[utoipa::path(post, path = "/staff/orders/{id}/parcels/{parcel}/delivery", tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("parcel" = i64, Path)),
    responses(
        (status = 204, description = "Recorded; the buyer is told"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_shipped` or `already_delivered`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn deliver(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Delivery>,
    ApiPath((id, parcel)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, Problem> {
    shipping::deliver_parcel(&s.app, &who, id, parcel)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
