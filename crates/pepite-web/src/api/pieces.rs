//! Unique pieces (C1–C4): anyone reads a visible piece; its seller creates, describes, lists,
//! withdraws and deletes it. Someone else's piece answers exactly like a missing one (A4).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::catalog::{self, PieceView};
use pepite_domain::piece::PieceInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, Price, problem, timestamp};
use crate::api::photos::Photo;
use crate::auth::{Lang, MaybeUser};
use crate::pages::price::PriceTag;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_piece))
        .routes(routes!(piece, update_piece, delete_piece))
        .routes(routes!(list_piece))
        .routes(routes!(withdraw_piece))
}

/// What a seller describes. Enumerations are plain strings so an unknown value is a 422 on
/// its field; a missing text field is reported `required` like an empty one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PieceBody {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub brand: String,
    /// e.g. `dresses`, `coats`, `scarves`.
    #[serde(default)]
    #[schema(example = "dresses")]
    pub category: String,
    /// `FR`, `EU`, `IT`, `UK`, `US`, `INT` (letter sizes) or `ONE` (one size).
    #[serde(default)]
    #[schema(example = "FR")]
    pub size_system: String,
    #[serde(default)]
    #[schema(example = "38")]
    pub size_label: String,
    /// `new_with_tags`, `excellent`, `very_good` or `good` (C2).
    #[serde(default)]
    #[schema(example = "excellent")]
    pub grade: String,
    #[serde(default)]
    #[schema(example = "red")]
    pub colour: String,
    #[serde(default)]
    pub materials: String,
    #[serde(default)]
    pub description: String,
    #[schema(example = 8500)]
    pub price_cents: Option<i64>,
    #[schema(example = 350)]
    pub weight_g: Option<i64>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    /// Absent: the shop's default.
    pub open_to_offers: Option<bool>,
}

impl PieceBody {
    pub(crate) fn input(self) -> PieceInput {
        PieceInput {
            title: self.title,
            brand: self.brand,
            category: self.category,
            size_system: self.size_system,
            size_label: self.size_label,
            grade: self.grade,
            colour: self.colour,
            materials: self.materials,
            description: self.description,
            price_cents: self.price_cents,
            weight_g: self.weight_g,
            measurements: self
                .measurements
                .into_iter()
                .map(|m| (m.kind, m.mm))
                .collect(),
            open_to_offers: self.open_to_offers,
        }
    }
}

/// A full rewrite of a piece's description.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PieceUpdate {
    #[serde(flatten)]
    pub piece: PieceBody,
    /// The `version` last read: the change is refused (409 `stale_version`) if the piece
    /// changed since. Absent: last write wins.
    pub version: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Measurement {
    /// `chest`, `waist`, `hips`, `length`, `shoulders`, `sleeve`, `inseam` or `insole`.
    #[schema(example = "length")]
    pub kind: String,
    /// Millimetres.
    #[schema(example = 1050)]
    pub mm: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Size {
    pub system: String,
    pub label: String,
    /// What search filters on: `FR 38`, `INT M`, `ONE`.
    pub key: String,
}

/// The shop a piece belongs to: its public name only (A3).
#[derive(Debug, Serialize, ToSchema)]
pub struct SellerRef {
    pub id: i64,
    pub shop_name: String,
}

/// A piece with everything a buyer may know about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Piece {
    pub id: i64,
    /// `draft`, `listed`, `sold` or `withdrawn` (C3).
    pub state: String,
    pub title: String,
    pub brand: String,
    pub category: String,
    pub size: Size,
    pub grade: String,
    pub colour: String,
    pub materials: String,
    pub description: String,
    pub measurements: Vec<Measurement>,
    /// C6: the current price, what everyone pays now.
    pub price: Price,
    /// The seller's price; differs from `price` while an agreed price runs (N6).
    pub list_price: Price,
    /// N6: when the agreed price ends, while one runs.
    pub agreed_until: Option<String>,
    pub weight_g: i64,
    /// Where the piece ships from.
    pub country: String,
    pub open_to_offers: bool,
    pub seller: SellerRef,
    pub photos: Vec<Photo>,
    /// Only a listed piece can be bought (C4).
    pub purchasable: bool,
    pub sold: bool,
    pub created_at: String,
    pub listed_at: Option<String>,
    pub sold_at: Option<String>,
    /// Send it back with a change to detect concurrent edits.
    pub version: i64,
}

impl Piece {
    /// The piece with its price at `now` (C6).
    fn at(v: PieceView, now: i64) -> Self {
        let tag = PriceTag::of(&v.piece, &now);
        let p = v.piece;
        Piece {
            id: p.id,
            state: v.state.as_str().to_owned(),
            title: p.title,
            brand: p.brand,
            category: p.category,
            size: Size {
                system: p.size_system,
                label: p.size_label,
                key: p.size_key,
            },
            grade: p.grade,
            colour: p.colour,
            materials: p.materials,
            description: p.description,
            measurements: v
                .measurements
                .iter()
                .map(|m| Measurement {
                    kind: m.kind.as_str().to_owned(),
                    mm: m.mm,
                })
                .collect(),
            price: Price::cents(tag.cents),
            list_price: Price::cents(p.price_cents),
            agreed_until: tag.agreed.map(|(_, until)| timestamp(until)),
            weight_g: p.weight_g,
            country: p.country,
            open_to_offers: p.open_to_offers,
            seller: SellerRef {
                id: p.seller_id,
                shop_name: p.shop_name,
            },
            photos: v.photos.iter().map(Photo::from).collect(),
            purchasable: v.purchasable,
            sold: p.state == "sold",
            created_at: timestamp(p.created_at),
            listed_at: p.listed_at.map(timestamp),
            sold_at: p.sold_at.map(timestamp),
            version: p.version,
        }
    }
}

/// Create a draft in my shop.
#[utoipa::path(post, path = "/pieces", tag = "pieces", security(("bearer" = [])),
    request_body = PieceBody,
    responses(
        (status = 201, body = Piece),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_piece(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<PieceBody>,
) -> Result<impl IntoResponse, Problem> {
    let view = catalog::create_piece(&s.app, &who, &body.input())
        .await
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(Piece::at(view, now))))
}

/// A piece. Listed pieces and pieces sold in the last 14 days are public; its seller and
/// staff also see the others.
#[utoipa::path(get, path = "/pieces/{id}", tag = "pieces", security((), ("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Piece),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn piece(
    State(s): State<AppState>,
    Lang(lang): Lang,
    MaybeUser(viewer): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Piece>, Problem> {
    let view = catalog::piece_for(&s.app, viewer.as_ref(), id)
        .await
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(Piece::at(view, now)))
}

/// Rewrite one of my pieces (every description field is replaced).
#[utoipa::path(patch, path = "/pieces/{id}", tag = "pieces", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = PieceUpdate,
    responses(
        (status = 200, body = Piece),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`stale_version`, `not_editable`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_piece(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PieceUpdate>,
) -> Result<Json<Piece>, Problem> {
    let version = body.version;
    let view = catalog::update_piece(&s.app, &who, id, version, &body.piece.input())
        .await
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(Piece::at(view, now)))
}

/// Delete one of my drafts.
#[utoipa::path(delete, path = "/pieces/{id}", tag = "pieces", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_a_draft`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn delete_piece(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    catalog::delete_draft(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Put one of my pieces on sale; it needs at least one photo (C3).
#[utoipa::path(post, path = "/pieces/{id}/list", tag = "pieces", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Piece),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_listable`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`photos` `photo_required`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_piece(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Piece>, Problem> {
    let view = catalog::list_piece(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(Piece::at(view, now)))
}

/// Take one of my listed pieces off sale.
#[utoipa::path(post, path = "/pieces/{id}/withdraw", tag = "pieces", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Piece),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_withdrawable`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn withdraw_piece(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Piece>, Problem> {
    let view = catalog::withdraw_piece(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(Piece::at(view, now)))
}
