//! The workshop station in the API (F2, late pieces): grouped orders still to ship, oldest
//! first; a scan; a piece's arrival and check; the parcel packed under a carrier's label and
//! shipped (the order's dispatch, F5); late pieces, their reminder and cancellation. Every
//! move is a compare-and-set: a repeat or a race is a 409 naming what stood in the way.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pepite_app::workshop::{self, Bench, Check, WorkshopLine};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::shipments::ShipmentView;
use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(scan))
        .routes(routes!(bench))
        .routes(routes!(arrival))
        .routes(routes!(check))
        .routes(routes!(pack))
        .routes(routes!(ship))
        .routes(routes!(late))
        .routes(routes!(reminder))
        .routes(routes!(cancel_line))
}

/// A grouped order's piece on its way through the workshop.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkshopLineView {
    pub order_id: i64,
    pub number: Option<String>,
    pub piece_id: i64,
    pub title: String,
    pub shop_name: String,
    /// F2: sent by its seller, with the carrier and number they gave (if any).
    pub sent_at: Option<String>,
    pub sent_carrier: Option<String>,
    pub sent_tracking: Option<String>,
    pub arrived_at: Option<String>,
    /// `passed` or `failed`, once checked.
    pub check: Option<String>,
    pub check_note: Option<String>,
    /// F6: `keep` or `drop`, once chosen; a failed piece with none is dropped at `choice_due`.
    pub choice: Option<String>,
    pub choice_due: Option<String>,
    /// The line left the order: `qc_drop` (F6) or `late`.
    pub withdrawn: Option<String>,
}

impl From<&WorkshopLine> for WorkshopLineView {
    fn from(l: &WorkshopLine) -> Self {
        WorkshopLineView {
            order_id: l.order_id,
            number: l.number.clone(),
            piece_id: l.piece_id,
            title: l.title.clone(),
            shop_name: l.shop_name.clone(),
            sent_at: l.sent_at.map(timestamp),
            sent_carrier: l.sent_carrier.clone(),
            sent_tracking: l.sent_tracking.clone(),
            arrived_at: l.arrived_at.map(timestamp),
            check: l.check_state.clone(),
            check_note: l.check_note.clone(),
            choice: l.choice.clone(),
            choice_due: l.choice_due.map(timestamp),
            withdrawn: l.withdrawn_reason.clone(),
        }
    }
}

/// One grouped order at the bench.
#[derive(Debug, Serialize, ToSchema)]
pub struct BenchView {
    pub order_id: i64,
    pub number: String,
    pub paid_at: String,
    /// F2: every piece passed, was kept, or left the order: the parcel may be packed.
    pub ready: bool,
    pub lines: Vec<WorkshopLineView>,
    /// The workshop's parcel: a tracking number once packed, `shipped_at` once it left.
    pub parcel: Option<ShipmentView>,
}

impl From<&Bench> for BenchView {
    fn from(b: &Bench) -> Self {
        BenchView {
            order_id: b.order_id,
            number: b.number.clone(),
            paid_at: timestamp(b.paid_at),
            ready: b.ready(),
            lines: b.lines.iter().map(WorkshopLineView::from).collect(),
            parcel: b.parcel.as_ref().map(ShipmentView::from),
        }
    }
}

/// F2: the grouped orders the workshop still has to ship, oldest payment first.
#[utoipa::path(get, path = "/staff/workshop", tag = "workshop", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<BenchView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn queue(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
) -> Result<Json<Vec<BenchView>>, Problem> {
    let benches = workshop::queue(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(benches.iter().map(BenchView::from).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScanQuery {
    /// What the scanner read: an order number, a piece number or a seller's tracking number.
    #[param(max_length = 100)]
    pub code: String,
}

/// What a scan named.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanView {
    pub order_id: i64,
    /// The piece, when the code named one.
    pub piece_id: Option<i64>,
}

/// F2: what a scanned code names (nothing recorded).
#[utoipa::path(get, path = "/staff/workshop/scan", tag = "workshop", security(("bearer" = [])),
    params(ScanQuery),
    responses(
        (status = 200, body = ScanView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code` `required` or `not_found`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn scan(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiQuery(q): ApiQuery<ScanQuery>,
) -> Result<Json<ScanView>, Problem> {
    let found = workshop::scan(&s.app, &who, &q.code)
        .await
        .map_err(problem(lang))?;
    Ok(Json(ScanView {
        order_id: found.order_id,
        piece_id: found.piece_id,
    }))
}

/// F2: one grouped order at the bench.
#[utoipa::path(get, path = "/staff/workshop/orders/{id}", tag = "workshop", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BenchView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such paid grouped order", body = Problem, content_type = "application/problem+json"),
    ))]
async fn bench(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BenchView>, Problem> {
    let b = workshop::bench(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BenchView::from(&b)))
}

/// F2: the piece arrived at the workshop.
#[utoipa::path(post, path = "/staff/workshop/orders/{id}/pieces/{piece}/arrival", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    responses(
        (status = 200, body = BenchView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_arrived`, or `not_expected` (left the order, or the order is over)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn arrival(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
) -> Result<Json<BenchView>, Problem> {
    let b = workshop::arrive(&s.app, &who, id, piece)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BenchView::from(&b)))
}

/// F2: a check's outcome.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckBody {
    pub passed: bool,
    /// Required when the piece failed: what is wrong, shown to the buyer.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
    /// F6: photos of what is wrong, base64 (JPEG, PNG or WebP), shown to the buyer with the note.
    #[serde(default)]
    #[schema(max_items = 12)]
    pub photos: Vec<String>,
}

/// F2: a received piece is checked; a failure asks the buyer to choose (F6).
#[utoipa::path(post, path = "/staff/workshop/orders/{id}/pieces/{piece}/check", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    request_body = CheckBody,
    responses(
        (status = 200, body = BenchView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_arrived`, `already_checked` or `not_expected`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` `required` for a failed check; `photos` `too_many`; `photo` `unreadable_image`, `unsupported_format`, `too_small`, `file_too_large`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn check(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<CheckBody>,
) -> Result<Json<BenchView>, Problem> {
    let input = Check {
        passed: body.passed,
        photos: crate::api::photos::from_base64(&body.photos).map_err(problem(lang))?,
        note: body.note,
    };
    let b = workshop::check(&s.app, &who, id, piece, input)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BenchView::from(&b)))
}

/// F2: the carrier the parcel's label is bought from.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PackBody {
    /// A carrier's code serving the destination (see `GET /carriers`).
    #[schema(example = "colissimo", max_length = 40)]
    pub carrier: String,
}

/// F2: the order's parcel is packed under a label bought from the carrier (print it with
/// `GET /orders/{id}/parcels/{parcel}/label`).
#[utoipa::path(post, path = "/staff/workshop/orders/{id}/pack", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = PackBody,
    responses(
        (status = 200, body = BenchView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_ready` (a piece unchecked, or failed and undecided), `already_packed`, `order_cancelled`, `label_refused`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`carrier` `unknown_value` (unknown, off, or not serving the destination)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The carrier did not answer; nothing was recorded", body = Problem, content_type = "application/problem+json"),
    ))]
async fn pack(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PackBody>,
) -> Result<Json<BenchView>, Problem> {
    let b = workshop::pack(&s.app, &who, id, &body.carrier)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BenchView::from(&b)))
}

/// F2/F3: the packed parcel is handed to its carrier: the order's dispatch; the buyer is told
/// with the tracking link.
#[utoipa::path(post, path = "/staff/workshop/orders/{id}/ship", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BenchView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_packed`, `already_shipped`, or `order_cancelled` (F5: the buyer cancelled first)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn ship(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Workshop>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BenchView>, Problem> {
    let b = workshop::ship(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(BenchView::from(&b)))
}

/// Late pieces: grouped pieces not received within the policy's `workshop_late_days` after
/// payment, oldest first (workshop, customer service).
#[utoipa::path(get, path = "/staff/workshop/late", tag = "workshop", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<WorkshopLineView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn late(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Delivery>,
) -> Result<Json<Vec<WorkshopLineView>>, Problem> {
    let lines = workshop::late_pieces(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(lines.iter().map(WorkshopLineView::from).collect()))
}

/// Late pieces: the seller is reminded (a notice), at most once a day.
#[utoipa::path(post, path = "/staff/workshop/orders/{id}/pieces/{piece}/reminder", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    responses(
        (status = 204, description = "The seller is told"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_late` or `already_reminded` (today)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn reminder(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Delivery>,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, Problem> {
    workshop::remind_seller(&s.app, &who, id, piece)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Late pieces: after a reminder, the line is cancelled: its share refunded (fees included),
/// the piece back to its seller off sale, buyer and seller told.
#[utoipa::path(post, path = "/staff/workshop/orders/{id}/pieces/{piece}/cancellation", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    responses(
        (status = 204, description = "Cancelled and refunded"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_late` (it arrived meanwhile) or `not_reminded`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn cancel_line(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Delivery>,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, Problem> {
    workshop::cancel_late_line(&s.app, &who, id, piece)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
