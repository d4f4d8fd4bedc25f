//! The brand partner's side of trade-in (T1, T7): an admin opens a programme; its partner
//! reads and saves its rules and price grid (compare-and-set on `version`), imports the
//! reference catalogue by CSV, and gives each boutique or e-shop a token for the voucher API.

use axum::Json;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::tradein::{self, catalogue, channels};
use pepite_domain::tradein::ProgrammeRules;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::views::ProgrammeView;
use crate::AppState;
use crate::api::imports::refused_lines;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp, upload};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::{Problem, ProblemLine};
use crate::value_names::csv_value;

const CSV_TYPES: &[&str] = &["text/csv", "text/plain", "application/csv"];

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(read, save))
        .routes(routes!(import_styles))
        .routes(routes!(list_channels, create_channel))
        .routes(routes!(revoke_channel))
        .layer(DefaultBodyLimit::max(
            catalogue::STYLE_MAX_BYTES + 64 * 1024,
        ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProgramme {
    /// Lower-case letters, digits and dashes: the programme's address.
    #[schema(example = "maison-lune")]
    pub code: String,
    pub name: String,
    /// The brand partner's account that runs it.
    #[serde(default)]
    pub partner_id: Option<i64>,
    pub brands: Vec<String>,
}

/// Open a trade-in programme for a brand (admins), with the rule book's defaults (T1).
#[utoipa::path(post, path = "/admin/trade-in/programmes", tag = "trade-in", security(("bearer" = [])),
    request_body = NewProgramme,
    responses(
        (status = 201, body = ProgrammeView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code` `invalid_code` or `taken`; `brands` `required`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiJson(body): ApiJson<NewProgramme>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let id = catalogue::create(
            &s.app,
            &who,
            &body.code,
            &body.name,
            body.partner_id,
            &body.brands,
        )
        .await?;
        tradein::programme(&s.app, id).await
    };
    let p = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(ProgrammeView::from(&p))))
}

/// A programme I run, with the version to name when saving.
#[utoipa::path(get, path = "/partner/programmes/{id}", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = ProgrammeView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn read(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Partner>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ProgrammeView>, Problem> {
    let p = tradein::run_by(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(ProgrammeView::from(&p)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RulesBody {
    pub name: String,
    /// The version read: a save after someone else's is refused (`programme_changed`).
    pub version: i64,
    /// Every rule of the programme, as `GET` shows them (brands, excluded_categories,
    /// earliest_year, countries, min_age, handling_business_days, voucher_validity_months,
    /// grid); a rule left out takes the rule book's default.
    #[schema(value_type = Object)]
    pub rules: serde_json::Value,
}

/// Save a programme's rules and price grid (T1, T3).
#[utoipa::path(put, path = "/partner/programmes/{id}", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = RulesBody,
    responses(
        (status = 200, body = ProgrammeView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`programme_changed`: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule out of range or unknown, e.g. `countries` `unknown_value`, `grid.0` `out_of_range`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn save(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Partner>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RulesBody>,
) -> Result<Json<ProgrammeView>, Problem> {
    let run = async {
        let rules: ProgrammeRules =
            serde_json::from_value(body.rules).map_err(|_| AppError::field("rules", "invalid"))?;
        catalogue::save_rules(&s.app, &who, id, &body.name, &rules, body.version).await?;
        tradein::programme(&s.app, id).await
    };
    let p = run.await.map_err(problem(lang))?;
    Ok(Json(ProgrammeView::from(&p)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StylesImported {
    pub added: usize,
    pub updated: usize,
    /// Refused lines, each with its fields and the cell as written; the other lines are in.
    pub refused: Vec<ProblemLine>,
}

/// Import the brand's reference catalogue (T1) from CSV: columns `style_id`, `name`,
/// `brand`, `category` (key, or its French or English name), `season` (`SS24`, `AW2019`,
/// `PE24`, `AH19`), `reference_price` (euros), `photo_url` (optional, https). A style id
/// already there is updated. Comma or semicolon separated, UTF-8.
#[utoipa::path(post, path = "/partner/programmes/{id}/styles", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body(description = "The CSV file, or a multipart form with a `file` part",
        content(("text/csv"), ("multipart/form-data"))),
    responses(
        (status = 200, body = StylesImported),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file as a whole: missing columns, not UTF-8, no lines", body = Problem, content_type = "application/problem+json"),
    ))]
async fn import_styles(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Partner>,
    ApiPath(id): ApiPath<i64>,
    req: Request,
) -> Result<Json<StylesImported>, Problem> {
    let bytes = upload(req, "file", CSV_TYPES, lang).await?;
    let report = catalogue::import_styles(&s.app, &who, id, &bytes, &csv_value)
        .await
        .map_err(problem(lang))?;
    Ok(Json(StylesImported {
        added: report.added,
        updated: report.updated,
        refused: refused_lines(&report.refused, lang),
    }))
}

/// A sales channel: a boutique's tills or the brand's e-shop.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelView {
    pub id: i64,
    pub name: String,
    /// `boutique` or `eshop`.
    pub kind: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// Shown once, when the channel is created: `Authorization: Bearer <token>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// The programme's sales channels.
#[utoipa::path(get, path = "/partner/programmes/{id}/channels", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = [ChannelView]),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_channels(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Partner>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ChannelView>>, Problem> {
    let rows = channels::list(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|c| ChannelView {
                id: c.id,
                name: c.name,
                kind: c.kind,
                created_at: timestamp(c.created_at),
                revoked_at: c.revoked_at.map(timestamp),
                token: None,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewChannel {
    #[schema(example = "Boutique du Marais")]
    pub name: String,
    /// `boutique` or `eshop`.
    #[schema(example = "boutique")]
    pub kind: String,
}

/// Open a sales channel; its token is in this answer only (T7).
#[utoipa::path(post, path = "/partner/programmes/{id}/channels", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = NewChannel,
    responses(
        (status = 201, body = ChannelView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`name` `required`; `kind` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_channel(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Partner>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewChannel>,
) -> Result<impl IntoResponse, Problem> {
    let run = async {
        let (channel, token) =
            channels::create(&s.app, &who, id, &body.name, body.kind.trim()).await?;
        let row = channels::list(&s.app, &who, id)
            .await?
            .into_iter()
            .find(|c| c.id == channel)
            .ok_or(AppError::NotFound)?;
        Ok::<_, AppError>(ChannelView {
            id: row.id,
            name: row.name,
            kind: row.kind,
            created_at: timestamp(row.created_at),
            revoked_at: None,
            token: Some(token.0),
        })
    };
    Ok((StatusCode::CREATED, Json(run.await.map_err(problem(lang))?)))
}

/// Revoke a channel's token for good.
#[utoipa::path(delete, path = "/partner/programmes/{id}/channels/{channel}", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path), ("channel" = i64, Path)),
    responses(
        (status = 204),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn revoke_channel(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Partner>,
    ApiPath((id, channel)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, Problem> {
    channels::revoke(&s.app, &who, id, channel)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
