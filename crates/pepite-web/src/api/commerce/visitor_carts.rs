//! Visitors' carts (A2: adding to a cart needs no account): made with a secret token that
//! names them in the path, worked on like a signed-in person's cart, merged at sign-in.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::carts;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::carts::{Cart, CodeBody, LineBody, view};
use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem};
use crate::auth::Lang;
use crate::problem::Problem;
use crate::shop::CurrentShop;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_cart))
        .routes(routes!(visitor_cart))
        .routes(routes!(visitor_add_line))
        .routes(routes!(visitor_remove_line))
        .routes(routes!(visitor_set_code))
}

/// A new visitor cart. Keep the token secret: whoever holds it holds the cart.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewCart {
    pub cart_token: String,
}

/// Start a visitor cart, no account needed (A2).
#[utoipa::path(post, path = "/carts", tag = "cart",
    responses((status = 201, body = NewCart)))]
async fn create_cart(
    State(s): State<AppState>,
    Lang(lang): Lang,
) -> Result<impl IntoResponse, Problem> {
    let cart_token = carts::create_visitor(&s.app).await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(NewCart { cart_token })))
}

/// A visitor cart.
#[utoipa::path(get, path = "/carts/{cart_token}", tag = "cart",
    params(("cart_token" = String, Path)),
    responses(
        (status = 200, body = Cart),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn visitor_cart(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiPath(token): ApiPath<String>,
) -> Result<Json<Cart>, Problem> {
    let run = async {
        view(
            &s.app,
            &carts::existing_visitor(&s.app, &token).await?,
            shop.id,
        )
        .await
    };
    run.await.map_err(problem(lang))
}

/// Put a listed piece in a visitor cart.
#[utoipa::path(post, path = "/carts/{cart_token}/lines", tag = "cart",
    params(("cart_token" = String, Path)),
    request_body = LineBody,
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`piece_not_for_sale`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn visitor_add_line(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<LineBody>,
) -> Result<Json<Cart>, Problem> {
    let run = async {
        let owner = carts::existing_visitor(&s.app, &token).await?;
        carts::add(&s.app, &owner, body.piece_id).await?;
        view(&s.app, &owner, shop.id).await
    };
    run.await.map_err(problem(lang))
}

/// Take a piece out of a visitor cart.
#[utoipa::path(delete, path = "/carts/{cart_token}/lines/{piece_id}", tag = "cart",
    params(("cart_token" = String, Path), ("piece_id" = i64, Path)),
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn visitor_remove_line(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiPath((token, piece_id)): ApiPath<(String, i64)>,
) -> Result<Json<Cart>, Problem> {
    let run = async {
        let owner = carts::existing_visitor(&s.app, &token).await?;
        carts::remove(&s.app, &owner, piece_id).await?;
        view(&s.app, &owner, shop.id).await
    };
    run.await.map_err(problem(lang))
}

/// Set a visitor cart's discount code (O8, signed in or not); empty removes it.
#[utoipa::path(put, path = "/carts/{cart_token}/discount-code", tag = "cart",
    params(("cart_token" = String, Path)),
    request_body = CodeBody,
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`code` `discount_unknown`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn visitor_set_code(
    State(s): State<AppState>,
    CurrentShop(shop): CurrentShop,
    Lang(lang): Lang,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Cart>, Problem> {
    let run = async {
        let owner = carts::existing_visitor(&s.app, &token).await?;
        carts::apply_code(&s.app, &owner, &body.code).await?;
        view(&s.app, &owner, shop.id).await
    };
    run.await.map_err(problem(lang))
}
