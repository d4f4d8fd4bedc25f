//! The home page: what Pépite is, the newest pieces and the main categories.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use pepite_app::catalog::{self, SearchParams};
use pepite_store::catalog::PieceRow;

use super::ctx::{PageCtx, render};
use super::error::{OrPage, PageError};
use crate::AppState;

/// How many pieces the home page shows.
const LATEST: i64 = 24;

/// The categories offered as shortcuts; the search page has them all.
const MAIN_CATEGORIES: &[&str] = &[
    "dresses",
    "coats",
    "jackets",
    "knitwear",
    "shirts",
    "trousers",
    "jeans",
    "skirts",
    "shoes",
    "bags",
    "jewellery",
    "accessories",
];

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    ctx: &'a PageCtx,
    pieces: Vec<PieceRow>,
    /// The instant prices are shown at (C6).
    now: i64,
    categories: &'static [&'static str],
}

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

async fn home(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let params = SearchParams {
        shop_id: Some(ctx.shop_id()),
        limit: Some(LATEST),
        ..SearchParams::default()
    };
    let page = catalog::search(&s.app, &params).await.or_page(&ctx)?;
    Ok(render(&HomePage {
        ctx: &ctx,
        pieces: page.pieces,
        now: s.app.now_us().await.or_page(&ctx)?,
        categories: MAIN_CATEGORIES,
    }))
}
