//! The person's side of trade-in (T1–T4): the programmes, a search of a brand's reference
//! catalogue, an instant quote, their boxes, and accepting a quote once.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::AppError;
use pepite_app::tradein::{self, boxes, catalogue};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::views::{BoxView, ProgrammeView, QuoteView, StyleView};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(programmes))
        .routes(routes!(styles))
        .routes(routes!(quote))
        .routes(routes!(my_boxes))
        .routes(routes!(my_box))
        .routes(routes!(accept))
}

/// The trade-in programmes and their rules (T1).
#[utoipa::path(get, path = "/trade-in/programmes", tag = "trade-in",
    responses((status = 200, body = [ProgrammeView])))]
async fn programmes(
    State(s): State<AppState>,
    Lang(lang): Lang,
) -> Result<Json<Vec<ProgrammeView>>, Problem> {
    let all = tradein::all(&s.app).await.map_err(problem(lang))?;
    Ok(Json(all.iter().map(ProgrammeView::from).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StyleQuery {
    /// Words of the name or the style id, any case and accents; empty lists by name.
    #[serde(default)]
    #[param(pattern = "^[^\\x00-\\x1F\\x7F-\\x9F]*$")]
    pub q: String,
    /// At most 100; 20 by default.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Search a programme's reference catalogue by name or style id (T2).
#[utoipa::path(get, path = "/trade-in/programmes/{id}/styles", tag = "trade-in",
    params(("id" = i64, Path), StyleQuery),
    responses(
        (status = 200, body = [StyleView]),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` `control_character`; `limit` `out_of_range`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn styles(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<StyleQuery>,
) -> Result<Json<Vec<StyleView>>, Problem> {
    let run = async {
        let limit = q.limit.unwrap_or(20);
        if !(1..=100).contains(&limit) {
            return Err(AppError::field("limit", "out_of_range"));
        }
        let p = tradein::programme(&s.app, id).await?;
        catalogue::search(&s.app, &p, &q.q, limit).await
    };
    let rows = run.await.map_err(problem(lang))?;
    Ok(Json(rows.into_iter().map(StyleView::from).collect()))
}

/// One piece to price: a style of the catalogue, the grade declared, and the defects found
/// by the condition checklist (T2): `stained`, `torn`, `holed`, `smelly`, `altered`,
/// `repaired`, `missing_button`, `missing_labels`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TradeInQuotePiece {
    #[schema(example = 12)]
    pub style: i64,
    /// `new_with_tags`, `excellent` or `very_good`.
    #[schema(example = "excellent")]
    pub grade: String,
    #[serde(default)]
    pub defects: Vec<String>,
}

/// Who sends the box, from where, and the pieces (at most 30).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TradeInQuoteBody {
    #[schema(example = "1990-05-01")]
    pub birth_date: String,
    pub full_name: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    /// Country of residence (ISO code).
    #[schema(example = "FR")]
    pub country: String,
    pub pieces: Vec<TradeInQuotePiece>,
}

/// An instant quote (T1–T3): each piece's amount and grid line, or why it is not taken.
///
/// When the person is taken and at least one piece is, the quote is saved as a box to
/// accept (`box_id`); refused pieces are only reported.
#[utoipa::path(post, path = "/trade-in/programmes/{id}/quotes", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = TradeInQuoteBody,
    responses(
        (status = 201, description = "Saved: see `box_id`", body = QuoteView),
        (status = 200, description = "Nothing taken: see the refusals", body = QuoteView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "e.g. `birth_date` `invalid_date`, `pieces.0.style_id` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn quote(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TradeInQuoteBody>,
) -> Result<impl IntoResponse, Problem> {
    let input = boxes::QuoteInput {
        birth_date: body.birth_date,
        full_name: body.full_name,
        address: body.address,
        postal_code: body.postal_code,
        city: body.city,
        country: body.country,
        pieces: body
            .pieces
            .into_iter()
            .map(|p| boxes::PieceInput {
                style_id: p.style,
                grade: p.grade,
                defects: p.defects,
            })
            .collect(),
    };
    let answer = boxes::quote(&s.app, &who, id, &input)
        .await
        .map_err(problem(lang))?;
    let status = if answer.box_id.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(QuoteView::from(answer))))
}

/// My quotes and boxes, newest first.
#[utoipa::path(get, path = "/trade-in/boxes", tag = "trade-in", security(("bearer" = [])),
    responses(
        (status = 200, body = [BoxView]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_boxes(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<BoxView>>, Problem> {
    let run = async {
        let rows = boxes::list_mine(&s.app, &who).await?;
        boxes::with_items(&s.app, rows).await
    };
    let all = run.await.map_err(problem(lang))?;
    Ok(Json(
        all.into_iter()
            .map(|(b, items)| BoxView::of(b, items))
            .collect(),
    ))
}

/// One of my boxes: its pieces, label, arrival, the date to expect an answer by, verdicts.
#[utoipa::path(get, path = "/trade-in/boxes/{id}", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BoxView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_box(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BoxView>, Problem> {
    let (b, items) = boxes::mine(&s.app, &who, id).await.map_err(problem(lang))?;
    Ok(Json(BoxView::of(b, items)))
}

/// Accept a quote (T4), once: the box gets its prepaid label and the person is told, with
/// the transfer form to sign.
#[utoipa::path(post, path = "/trade-in/boxes/{id}/accept", tag = "trade-in", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BoxView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_accepted`, `no_carrier`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The carrier did not answer: accepted, the label comes on retry", body = Problem, content_type = "application/problem+json"),
    ))]
async fn accept(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<BoxView>, Problem> {
    let run = async {
        boxes::accept(&s.app, &who, id).await?;
        boxes::mine(&s.app, &who, id).await
    };
    let (b, items) = run.await.map_err(problem(lang))?;
    Ok(Json(BoxView::of(b, items)))
}
