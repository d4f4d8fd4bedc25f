//! Carts (K1, K2, O8, A2): a signed-in person's cart under `/cart`, a visitor's under
//! `/carts/{cart_token}` (no account needed), merged into the account's cart at sign-in.
//! Nothing is reserved; each line tells whether its piece is still for sale and whether its
//! price moved since it was added.

use axum::Json;
use axum::extract::State;
use pepite_app::carts::{self, CartOwner, CartView};
use pepite_app::{App, AppError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::CURRENCY;
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::api::photos::PhotoUrls;
use crate::api::pieces::SellerRef;
use crate::auth::Lang;
use crate::problem::Problem;
use crate::shop::CurrentShop;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_cart))
        .routes(routes!(add_line))
        .routes(routes!(remove_line))
        .routes(routes!(set_code))
        .routes(routes!(merge_cart))
}

/// One piece in a cart.
#[derive(Debug, Serialize, ToSchema)]
pub struct CartLine {
    pub piece_id: i64,
    pub title: String,
    pub brand: String,
    pub size_label: String,
    pub grade: String,
    pub shop: SellerRef,
    /// The price now (what checkout charges).
    pub price_cents: i64,
    /// The price when the piece was put in the cart.
    pub added_price_cents: i64,
    /// K2: still for sale. Someone else may still pay first (K1).
    pub available: bool,
    /// K2: the price now differs from the price when added.
    pub price_changed: bool,
    pub cover: Option<PhotoUrls>,
    pub added_at: String,
}

impl From<&carts::CartLine> for CartLine {
    fn from(l: &carts::CartLine) -> Self {
        let r = &l.row;
        CartLine {
            piece_id: r.piece_id,
            title: r.title.clone(),
            brand: r.brand.clone(),
            size_label: r.size_label.clone(),
            grade: r.grade.clone(),
            shop: SellerRef {
                id: r.seller_id,
                shop_name: r.shop_name.clone(),
            },
            price_cents: r.price_cents,
            added_price_cents: r.added_cents,
            available: l.available,
            price_changed: l.price_changed,
            cover: r.cover_key.as_deref().map(PhotoUrls::of),
            added_at: timestamp(r.added_at),
        }
    }
}

/// The discount code typed in the cart (O8) and what it does now.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeState {
    #[schema(example = "SUMMER-10")]
    pub code: String,
    pub applies: bool,
    pub discount_cents: i64,
    /// Why it does not apply: `discount_unknown`, `discount_expired`,
    /// `discount_not_yet_valid`, `discount_below_minimum`, `discount_used_up`,
    /// `discount_already_used`, `discount_not_applicable`.
    pub refusal: Option<String>,
}

/// A cart: its lines, oldest first, and the totals of the lines still for sale. Shipping and
/// fees depend on the destination and the mode: see the checkout quote.
#[derive(Debug, Serialize, ToSchema)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub discount_code: Option<CodeState>,
    /// The current prices of the lines still for sale.
    pub goods_cents: i64,
    pub discount_cents: i64,
    /// O9: the reduction for the number of pieces.
    pub bulk_discount_cents: i64,
    /// goods − discount − bulk discount.
    pub subtotal_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
}

impl From<CartView> for Cart {
    fn from(v: CartView) -> Self {
        let discount_cents = v.code.as_ref().and_then(|c| c.outcome.ok()).unwrap_or(0);
        Cart {
            lines: v.lines.iter().map(CartLine::from).collect(),
            discount_code: v.code.map(|c| CodeState {
                code: c.code,
                applies: c.outcome.is_ok(),
                discount_cents: c.outcome.unwrap_or(0),
                refusal: c.outcome.err().map(str::to_owned),
            }),
            goods_cents: v.goods_cents,
            discount_cents,
            bulk_discount_cents: v.bulk_discount_cents,
            subtotal_cents: v.goods_cents - discount_cents - v.bulk_discount_cents,
            currency: CURRENCY,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LineBody {
    pub piece_id: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeBody {
    /// Empty or absent removes the code.
    #[serde(default)]
    #[schema(example = "SUMMER-10")]
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeBody {
    pub cart_token: String,
}

/// P3: the cart's lines of the request's shop.
pub(super) async fn view(
    app: &App,
    owner: &CartOwner,
    shop_id: i64,
) -> Result<Json<Cart>, AppError> {
    Ok(Json(Cart::from(carts::view(app, owner, shop_id).await?)))
}

/// My cart.
#[utoipa::path(get, path = "/cart", tag = "cart", security(("bearer" = [])),
    responses(
        (status = 200, body = Cart),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_cart(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Cart>, Problem> {
    view(&s.app, &CartOwner::User(who.user_id), shop.id)
        .await
        .map_err(problem(lang))
}

/// Put a listed piece in my cart at its current price (K1: this reserves nothing).
#[utoipa::path(post, path = "/cart/lines", tag = "cart", security(("bearer" = [])),
    request_body = LineBody,
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`piece_not_for_sale`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn add_line(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<LineBody>,
) -> Result<Json<Cart>, Problem> {
    let owner = CartOwner::User(who.user_id);
    let run = async {
        carts::add(&s.app, &owner, body.piece_id).await?;
        view(&s.app, &owner, shop.id).await
    };
    run.await.map_err(problem(lang))
}

/// Take a piece out of my cart (no error if it was not there).
#[utoipa::path(delete, path = "/cart/lines/{piece_id}", tag = "cart", security(("bearer" = [])),
    params(("piece_id" = i64, Path)),
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn remove_line(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(piece_id): ApiPath<i64>,
) -> Result<Json<Cart>, Problem> {
    let owner = CartOwner::User(who.user_id);
    let run = async {
        carts::remove(&s.app, &owner, piece_id).await?;
        view(&s.app, &owner, shop.id).await
    };
    run.await.map_err(problem(lang))
}

/// Set my cart's discount code (O8: one per order); an empty code removes it.
#[utoipa::path(put, path = "/cart/discount-code", tag = "cart", security(("bearer" = [])),
    request_body = CodeBody,
    responses(
        (status = 200, description = "The cart; `discount_code` tells whether it applies", body = Cart),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code` `discount_unknown`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn set_code(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Cart>, Problem> {
    let owner = CartOwner::User(who.user_id);
    let run = async {
        carts::apply_code(&s.app, &owner, &body.code).await?;
        view(&s.app, &owner, shop.id).await
    };
    run.await.map_err(problem(lang))
}

/// Merge a visitor cart into mine, after signing in (A2). Lines already in my cart win; the
/// visitor cart and its token are gone afterwards.
#[utoipa::path(post, path = "/cart/merge", tag = "cart", security(("bearer" = [])),
    request_body = MergeBody,
    responses(
        (status = 200, description = "My cart, merged", body = Cart),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such visitor cart", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn merge_cart(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<MergeBody>,
) -> Result<Json<Cart>, Problem> {
    let run = async {
        carts::existing_visitor(&s.app, &body.cart_token).await?;
        carts::merge(&s.app, &body.cart_token, who.user_id).await?;
        view(&s.app, &CartOwner::User(who.user_id), shop.id).await
    };
    run.await.map_err(problem(lang))
}
