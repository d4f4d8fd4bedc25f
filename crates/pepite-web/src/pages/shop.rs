//! A seller's shop as the public sees it: name, country, kind, bio and visible pieces, never a
//! contact detail (A3).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use pepite_app::catalog::{self, SearchParams};
use pepite_app::{AppError, sellers};
use pepite_store::catalog::PieceRow;
use pepite_store::sellers::SellerRow;
use serde::Deserialize;

use super::ctx::{PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::Query;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ShopQuery {
    cursor: String,
}

#[derive(Template)]
#[template(path = "shop.html")]
struct ShopPage<'a> {
    ctx: &'a PageCtx,
    shop: SellerRow,
    pieces: Vec<PieceRow>,
    /// The instant prices are shown at (C6).
    now: i64,
    total: Option<i64>,
    next_href: Option<String>,
    first_href: Option<String>,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/shops/{id}", get(shop))
}

async fn shop(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(query): Query<ShopQuery>,
) -> Result<Response, PageError> {
    let id: i64 = id
        .parse()
        .map_err(|_| PageError::new(&ctx, AppError::NotFound))?;
    let shop = sellers::shop(&s.app, id).await.or_page(&ctx)?;
    let params = SearchParams {
        shop_id: Some(ctx.shop_id()),
        seller_id: Some(shop.id),
        cursor: Some(query.cursor.clone()),
        facets: true,
        ..SearchParams::default()
    };
    let page = catalog::search(&s.app, &params).await.or_page(&ctx)?;
    let here = format!("/shops/{}", shop.id);
    Ok(render(&ShopPage {
        ctx: &ctx,
        pieces: page.pieces,
        now: s.app.now_us().await.or_page(&ctx)?,
        total: page.total,
        next_href: page.next.map(|c| format!("{here}?cursor={}", c.encode())),
        first_href: (!query.cursor.is_empty()).then_some(here),
        shop,
    }))
}
