//! The sellers' and buyers' side of the workshop and of lost parcels in the API: a seller
//! marks a grouped piece sent to the workshop (F2); buyer and sellers follow the pieces; the
//! buyer chooses on a failed piece (F6) and reports a lost or refused parcel (F7), which
//! staff resend or refund; a parcel's label as a PDF for staff and its seller.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use pepite_app::lost_parcels::{self, Decision, ReportRow};
use pepite_app::workshop;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::invoices::PdfFile;
use super::workshop::WorkshopLineView;
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sent))
        .routes(routes!(pieces))
        .routes(routes!(choice))
        .routes(routes!(label))
        .routes(routes!(report))
        .routes(routes!(reports))
        .routes(routes!(decision))
}

/// F2: how the piece left for the workshop; both empty for a piece dropped off by hand.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SentBody {
    /// A carrier's code (see `GET /carriers`), or empty.
    #[schema(example = "colissimo", max_length = 40)]
    pub carrier: String,
    /// As printed; checked against the carrier's format. Empty with an empty carrier.
    #[schema(example = "6A12345678901", max_length = 60)]
    pub tracking: String,
}

/// F2: my piece of a grouped order left for the workshop.
#[utoipa::path(post, path = "/seller/orders/{id}/pieces/{piece}/sent", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    request_body = SentBody,
    responses(
        (status = 200, body = WorkshopLineView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such piece of mine in a paid grouped order", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_sent` or `not_expected`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`carrier` `unknown_value`, `tracking` `required`, `tracking_number` or `tracking_format`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn sent(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<SentBody>,
) -> Result<Json<WorkshopLineView>, Problem> {
    let line = workshop::mark_sent(&s.app, &who, id, piece, &body.carrier, &body.tracking)
        .await
        .map_err(problem(lang))?;
    Ok(Json(WorkshopLineView::from(&line)))
}

/// F2/F6: a grouped order's pieces at the workshop: all of them for its buyer, their own for
/// a seller (A4); empty for anyone else or a direct order.
#[utoipa::path(get, path = "/orders/{id}/workshop", tag = "workshop", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Vec<FollowedLineView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn pieces(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<FollowedLineView>>, Problem> {
    let lines = workshop::lines_for(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    let photos = workshop::failed_check_photos(&s.app, &lines)
        .await
        .map_err(problem(lang))?;
    Ok(Json(
        lines
            .iter()
            .map(|l| FollowedLineView {
                line: WorkshopLineView::from(l),
                check_photos: crate::api::photos::of_piece(&photos, l.piece_id),
            })
            .collect(),
    ))
}

/// F2/F6: a piece at the workshop as its buyer or seller follows it, with the photos of a
/// failed check (what the buyer chooses on).
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowedLineView {
    #[serde(flatten)]
    pub line: WorkshopLineView,
    pub check_photos: Vec<crate::api::photos::PhotoUrls>,
}

/// F6: what the buyer does with a piece that failed its check.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Keep it as it is (the seller is paid at once, P1).
    Keep,
    /// Give it up: its share is refunded, the piece goes back to its seller.
    Drop,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChoiceBody {
    pub choice: Choice,
}

/// F6: the buyer keeps or drops their failed piece, before `choice_due`.
#[utoipa::path(post, path = "/orders/{id}/pieces/{piece}/choice", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("piece" = i64, Path)),
    request_body = ChoiceBody,
    responses(
        (status = 200, body = WorkshopLineView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such piece in an order of mine", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_awaiting_choice` (passed, decided, or dropped by the delay)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn choice(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, piece)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ChoiceBody>,
) -> Result<Json<WorkshopLineView>, Problem> {
    let keep = matches!(body.choice, Choice::Keep);
    let line = workshop::choose(&s.app, &who, id, piece, keep)
        .await
        .map_err(problem(lang))?;
    Ok(Json(WorkshopLineView::from(&line)))
}

/// F2: a parcel's shipping label with its Code 128 barcode, as a PDF in the language of
/// `Accept-Language`: for staff and the parcel's seller, once it has a tracking number.
#[utoipa::path(get, path = "/orders/{id}/parcels/{parcel}/label", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("parcel" = i64, Path)),
    responses(
        (status = 200, description = "The label", content_type = "application/pdf", body = PdfFile),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such parcel of mine, or no tracking number yet", body = Problem, content_type = "application/problem+json"),
    ))]
async fn label(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, parcel)): ApiPath<(i64, i64)>,
) -> Result<Response, Problem> {
    crate::pages::labels::label(&s.app, &who, lang, id, parcel)
        .await
        .map_err(problem(lang))
}

/// F7: what happened to the parcel.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Lost,
    /// Refused at customs (it comes back).
    Refused,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportBody {
    pub kind: ReportKind,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

/// F7: a reported parcel and what staff decided.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub order_id: i64,
    pub number: Option<String>,
    pub parcel: i64,
    /// `lost` or `refused`.
    pub kind: String,
    pub note: String,
    pub reported_at: String,
    pub tracking: Option<String>,
    /// `resend` or `refund`, once decided.
    pub decision: Option<String>,
    pub decided_at: Option<String>,
}

impl From<&ReportRow> for ReportView {
    fn from(r: &ReportRow) -> Self {
        ReportView {
            order_id: r.order_id,
            number: r.number.clone(),
            parcel: r.parcel,
            kind: r.kind.clone(),
            note: r.note.clone(),
            reported_at: timestamp(r.reported_at),
            tracking: r.tracking.clone(),
            decision: r.decision.clone(),
            decided_at: r.decided_at.map(timestamp),
        }
    }
}

/// F7: the buyer reports a parcel that left and did not arrive (lost, or refused at customs).
#[utoipa::path(post, path = "/orders/{id}/parcels/{parcel}/report", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("parcel" = i64, Path)),
    request_body = ReportBody,
    responses(
        (status = 200, body = ReportView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such parcel in an order of mine", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_in_transit` (not shipped, or delivered) or `already_reported`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn report(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, parcel)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ReportBody>,
) -> Result<Json<ReportView>, Problem> {
    let kind = match body.kind {
        ReportKind::Lost => "lost",
        ReportKind::Refused => "refused",
    };
    let r = lost_parcels::report(&s.app, &who, id, parcel, kind, &body.note)
        .await
        .map_err(problem(lang))?;
    Ok(Json(ReportView::from(&r)))
}

/// F7: reports waiting for staff, oldest first (customer service, the workshop).
#[utoipa::path(get, path = "/staff/parcel-reports", tag = "workshop", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ReportView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn reports(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Delivery>,
) -> Result<Json<Vec<ReportView>>, Problem> {
    let rows = lost_parcels::open(&s.app, &who)
        .await
        .map_err(problem(lang))?;
    Ok(Json(rows.iter().map(ReportView::from).collect()))
}

/// F7: staff's decision.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Found: it leaves again under `carrier` and `tracking`.
    Resend,
    /// Not found: the parcel's pieces are refunded, shipping and fees included.
    Refund,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    pub decision: DecisionKind,
    /// For `resend`: a carrier's code.
    #[serde(default)]
    #[schema(max_length = 40)]
    pub carrier: String,
    /// For `resend`: the new tracking number.
    #[serde(default)]
    #[schema(max_length = 60)]
    pub tracking: String,
}

/// F7: staff resend the found parcel or refund it, once; both sides are told.
#[utoipa::path(post, path = "/staff/orders/{id}/parcels/{parcel}/report/decision", tag = "workshop",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("parcel" = i64, Path)),
    request_body = DecisionBody,
    responses(
        (status = 200, body = ReportView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No report on that parcel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_decided`, or `delivered` (a resend after delivery)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "For `resend`: `carrier` `unknown_value`, `tracking` `required`, `tracking_number` or `tracking_format`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn decision(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Delivery>,
    ApiPath((id, parcel)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<ReportView>, Problem> {
    let decision = match body.decision {
        DecisionKind::Resend => Decision::Resend {
            carrier: body.carrier,
            tracking: body.tracking,
        },
        DecisionKind::Refund => Decision::Refund,
    };
    let r = lost_parcels::decide(&s.app, &who, id, parcel, &decision)
        .await
        .map_err(problem(lang))?;
    Ok(Json(ReportView::from(&r)))
}
