//! Carriers (F1, F3, F4): the list anyone may read (sellers choose from it), admins' edits,
//! and the carriers' signed delivery-event webhook. The webhook takes no session and no CSRF
//! token: its HMAC signature is the authentication, as for the payment webhook.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use pepite_app::AppError;
use pepite_app::carriers::{self, CarrierForm, CarrierRow};
use pepite_app::shipping::{self, DeliveryAck};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::commerce::webhooks;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

/// The header carrying a delivery event's signature.
pub const SIGNATURE_HEADER: &str = "pepite-signature";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(save))
        .routes(routes!(event))
}

/// A carrier.
#[derive(Debug, Serialize, ToSchema)]
pub struct CarrierView {
    #[schema(example = "colissimo")]
    pub code: String,
    #[schema(example = "Colissimo")]
    pub name: String,
    /// The tracking page; `{tracking}` stands for the tracking number.
    #[schema(example = "https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}")]
    pub tracking_url: String,
    /// ISO 3166-1 alpha-2 codes of the countries it serves.
    pub countries: Vec<String>,
    /// A regular expression every tracking number of this carrier matches whole; absent when
    /// no format is known.
    #[schema(example = "[0-9A-Z]{11,15}")]
    pub tracking_format: Option<String>,
    /// Sellers may choose it.
    pub active: bool,
    pub updated_at: String,
}

impl From<CarrierRow> for CarrierView {
    fn from(c: CarrierRow) -> Self {
        CarrierView {
            countries: c.countries.split(',').map(str::to_owned).collect(),
            code: c.code,
            name: c.name,
            tracking_url: c.tracking_url,
            tracking_format: c.tracking_format,
            active: c.active,
            updated_at: timestamp(c.updated_at),
        }
    }
}

/// A carrier as an admin writes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CarrierBody {
    #[schema(min_length = 1, max_length = 80)]
    pub name: String,
    /// An `https://` address holding `{tracking}` exactly once.
    #[schema(max_length = 300)]
    pub tracking_url: String,
    /// ISO 3166-1 alpha-2 codes, at least one.
    pub countries: Vec<String>,
    /// A regular expression a whole tracking number must match; absent or empty: any.
    #[schema(max_length = 200)]
    pub tracking_format: Option<String>,
    /// Default true.
    pub active: Option<bool>,
}

/// Every carrier, by name.
#[utoipa::path(get, path = "/carriers", tag = "carriers",
    responses((status = 200, body = Vec<CarrierView>)))]
async fn list(
    State(s): State<AppState>,
    Lang(lang): Lang,
) -> Result<Json<Vec<CarrierView>>, Problem> {
    let rows = carriers::list(&s.app).await.map_err(problem(lang))?;
    Ok(Json(rows.into_iter().map(CarrierView::from).collect()))
}

/// Adds the carrier `code` or rewrites it (admins). A carrier is never deleted, only switched
/// off: parcels sent with it keep their tracking links.
#[utoipa::path(put, path = "/admin/carriers/{code}", tag = "carriers", security(("bearer" = [])),
    params(("code" = String, Path, description = "2 to 30 of `a–z 0–9 _`")),
    request_body = CarrierBody,
    responses(
        (status = 200, body = CarrierView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `tracking_url`, `invalid_pattern`, `unknown_value`…", body = Problem, content_type = "application/problem+json"),
    ))]
async fn save(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<CarrierBody>,
) -> Result<Json<CarrierView>, Problem> {
    let form = CarrierForm {
        name: body.name,
        tracking_url: body.tracking_url,
        countries: body.countries.join(","),
        tracking_format: body.tracking_format.unwrap_or_default(),
        active: body.active.unwrap_or(true),
    };
    let row = carriers::save(&s.app, &who, &code, &form)
        .await
        .map_err(problem(lang))?;
    Ok(Json(row.into()))
}

/// The delivery event was received.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventReceipt {
    /// `delivered`, `already_delivered` (nothing changed), `duplicate` (this event id was
    /// handled before) or `ignored` (not a delivery).
    #[schema(example = "delivered")]
    pub result: &'static str,
}

/// F4: a carrier's delivery event, signed with the shared secret: header
/// `Pepite-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`; body
/// `{"id", "type": "delivered"|…, "tracking", "occurred_at": <unix seconds>}`.
#[utoipa::path(post, path = "/carriers/{carrier}/events", tag = "carriers",
    params(
        ("carrier" = String, Path, description = "The carrier's code"),
        ("Pepite-Signature" = String, Header, description = "`t=…,v1=…`"),
    ),
    request_body(content = String, content_type = "application/json", description = "The event, exactly as sent"),
    responses(
        (status = 200, body = EventReceipt),
        (status = 400, description = "`invalid_signature` (bad, missing or stale) or `malformed_event`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such carrier, or no events taken (no secret configured)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`unknown_parcel`: no shipped parcel has this tracking number; nothing was recorded", body = Problem, content_type = "application/problem+json"),
    ))]
async fn event(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiPath(carrier): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<EventReceipt>, Problem> {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    match shipping::delivery_event(&s.app, &carrier, signature, &body).await {
        Ok(ack) => Ok(Json(EventReceipt {
            result: match ack {
                DeliveryAck::Delivered => "delivered",
                DeliveryAck::AlreadyDelivered => "already_delivered",
                DeliveryAck::Duplicate => "duplicate",
                DeliveryAck::Ignored => "ignored",
            },
        })),
        Err(AppError::Invalid(fields)) => Err(webhooks::refused(
            &fields,
            lang,
            ("malformed_event", "The event could not be read"),
        )),
        Err(AppError::Conflict("unknown_parcel")) => Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_parcel",
            "No shipped parcel has this tracking number with this carrier",
        )),
        Err(e) => Err(Problem::from_app(e, lang)),
    }
}
