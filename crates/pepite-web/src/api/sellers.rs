//! Sellers' shops (C1, A3): open and edit one's shop; the public face of every shop, which
//! never carries the account behind it nor any contact detail.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::{AppError, catalog, sellers};
use pepite_domain::piece::{PieceState, SellerInput};
use pepite_store::sellers::SellerRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem, timestamp};
use crate::api::search::PieceSummary;
use crate::auth::Lang;
use crate::problem::Problem;
use crate::shop::CurrentShop;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open_shop, list_shops))
        .routes(routes!(my_shop, update_my_shop))
        .routes(routes!(my_pieces))
        .routes(routes!(shop))
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ShopRequest {
    #[serde(default)]
    pub shop_name: String,
    /// ISO 3166-1 alpha-2: the country pieces ship from.
    #[serde(default)]
    #[schema(example = "FR")]
    pub country: String,
    /// `individual` or `professional`.
    #[serde(default)]
    #[schema(example = "individual")]
    pub kind: String,
    /// Whether new pieces accept price offers unless said otherwise (N1).
    #[serde(default = "default_true")]
    pub open_to_offers: bool,
    #[serde(default)]
    pub bio: Option<String>,
}

impl ShopRequest {
    fn input(self) -> SellerInput {
        SellerInput {
            shop_name: self.shop_name,
            country: self.country,
            kind: self.kind,
            open_to_offers: self.open_to_offers,
            bio: self.bio.unwrap_or_default(),
        }
    }
}

/// A shop as everyone sees it (A3: no account, no e-mail).
#[derive(Debug, Serialize, ToSchema)]
pub struct Seller {
    pub id: i64,
    pub shop_name: String,
    pub country: String,
    pub kind: String,
    pub bio: String,
    pub created_at: String,
}

impl From<SellerRow> for Seller {
    fn from(s: SellerRow) -> Self {
        Seller {
            id: s.id,
            shop_name: s.shop_name,
            country: s.country,
            kind: s.kind,
            bio: s.bio,
            created_at: timestamp(s.created_at),
        }
    }
}

/// My shop, with the settings only its owner sees.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyShop {
    #[serde(flatten)]
    pub shop: Seller,
    pub open_to_offers: bool,
}

impl From<SellerRow> for MyShop {
    fn from(s: SellerRow) -> Self {
        let open_to_offers = s.open_to_offers;
        MyShop {
            shop: Seller::from(s),
            open_to_offers,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShopsQuery {
    /// Only shops opened after this one (the previous page's `next_after`).
    pub after: Option<i64>,
    /// 1 to 100, default 50.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SellerPage {
    pub items: Vec<Seller>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next_after: Option<i64>,
}

/// Open my shop. One per account; shop names are unique, accents and case aside.
#[utoipa::path(post, path = "/sellers", tag = "sellers", security(("bearer" = [])),
    request_body = ShopRequest,
    responses(
        (status = 201, body = MyShop),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_a_seller`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused fields (e.g. `shop_name` `taken`; `shop_name` `shop_closed_to_sellers` on the host of a brand's resale shop)", body = Problem, content_type = "application/problem+json"),
    ))]
async fn open_shop(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    CurrentShop(shop): CurrentShop,
    ApiJson(body): ApiJson<ShopRequest>,
) -> Result<impl IntoResponse, Problem> {
    let row = sellers::open_shop(&s.app, &who, shop.id, &body.input())
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(MyShop::from(row))))
}

/// My shop.
#[utoipa::path(get, path = "/sellers/me", tag = "sellers", security(("bearer" = [])),
    responses(
        (status = 200, body = MyShop),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No shop opened yet", body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_shop(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<MyShop>, Problem> {
    let row = sellers::my_shop(&s.app, &who)
        .await
        .map_err(no_shop_is_not_found)
        .map_err(problem(lang))?;
    Ok(Json(MyShop::from(row)))
}

/// Change my shop's profile (every field is replaced).
#[utoipa::path(patch, path = "/sellers/me", tag = "sellers", security(("bearer" = [])),
    request_body = ShopRequest,
    responses(
        (status = 200, body = MyShop),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No shop opened yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_my_shop(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<ShopRequest>,
) -> Result<Json<MyShop>, Problem> {
    let row = sellers::update_shop(&s.app, &who, &body.input())
        .await
        .map_err(no_shop_is_not_found)
        .map_err(problem(lang))?;
    Ok(Json(MyShop::from(row)))
}

/// `/sellers/me` names a resource; without a shop there is none to show.
fn no_shop_is_not_found(e: AppError) -> AppError {
    match e {
        AppError::Forbidden => AppError::NotFound,
        other => other,
    }
}

/// A shop.
#[utoipa::path(get, path = "/sellers/{id}", tag = "sellers",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Seller),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn shop(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Seller>, Problem> {
    let row = sellers::shop(&s.app, id).await.map_err(problem(lang))?;
    Ok(Json(Seller::from(row)))
}

/// Every shop, in order of opening.
#[utoipa::path(get, path = "/sellers", tag = "sellers",
    params(ShopsQuery),
    responses(
        (status = 200, body = SellerPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_shops(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiQuery(q): ApiQuery<ShopsQuery>,
) -> Result<Json<SellerPage>, Problem> {
    let limit = q.limit.unwrap_or(50).clamp(1, 100);
    let rows = sellers::shops(&s.app, q.after, limit)
        .await
        .map_err(problem(lang))?;
    let next_after = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    Ok(Json(SellerPage {
        items: rows.into_iter().map(Seller::from).collect(),
        next_after,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyPiecesQuery {
    /// `draft`, `listed`, `sold` or `withdrawn`.
    pub state: Option<String>,
    /// Only pieces older than this one (the previous page's `next_before`).
    pub before: Option<i64>,
    /// 1 to 100, default 50.
    pub limit: Option<i64>,
}

/// A page of pieces, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PiecePage {
    pub items: Vec<PieceSummary>,
    /// Pass as `before` for the next page; absent on the last page.
    pub next_before: Option<i64>,
}

impl PiecePage {
    /// A full page may have a next one; a short page is the last. Prices are those at `now`.
    pub fn new(rows: Vec<pepite_store::catalog::PieceRow>, limit: i64, now: i64) -> Self {
        let next_before = (rows.len() as i64 >= limit)
            .then(|| rows.last().map(|r| r.id))
            .flatten();
        PiecePage {
            items: rows.into_iter().map(|p| PieceSummary::at(p, now)).collect(),
            next_before,
        }
    }
}

/// The pieces of my shop, newest first, in every state.
#[utoipa::path(get, path = "/sellers/me/pieces", tag = "sellers", security(("bearer" = [])),
    params(MyPiecesQuery),
    responses(
        (status = 200, body = PiecePage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No shop opened yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`state` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_pieces(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<MyPiecesQuery>,
) -> Result<Json<PiecePage>, Problem> {
    let state = parse_state(q.state.as_deref()).map_err(problem(lang))?;
    let limit = q.limit.unwrap_or(50).clamp(1, 100);
    let rows = catalog::my_pieces(&s.app, &who, state, q.before, limit)
        .await
        .map_err(no_shop_is_not_found)
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(PiecePage::new(rows, limit, now)))
}

/// An optional state filter; an unknown state is a 422 on `state`.
pub fn parse_state(raw: Option<&str>) -> Result<Option<PieceState>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => PieceState::parse(s)
            .map(Some)
            .ok_or_else(|| AppError::field("state", "unknown_value")),
    }
}
